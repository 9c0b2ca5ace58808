"""Who a signed-out visitor is, as far as limits go: their browser (a signed cookie) and their address.

Neither is stored as such. The browser's id is a random token the app signs (HMAC-SHA256 with a secret kept
beside the state database), so a visitor cannot pick another browser's id and use up its limit; both are
stored only as keyed hashes. A visitor who drops the cookie gets a new browser id, which is why the address
has a limit of its own (higher: many people can share one address).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from nploy import settings

COOKIE = "nploy_browser"
COOKIE_DAYS = 365


def secret(data_dir: Path) -> bytes:
    """The signing key: ``NPLOY_COOKIE_SECRET``, else a random one made once under the data directory."""
    configured = settings.get("cookie_secret")
    if configured:
        return configured.encode("utf-8")
    path = data_dir / ".visitor-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fresh = path.with_suffix(f".{os.getpid()}.tmp")
        fresh.write_bytes(secrets.token_bytes(32))
        fresh.chmod(0o600)
        try:  # two processes starting together: the first link wins, both then read it
            os.link(fresh, path)
        except FileExistsError:
            pass
        finally:
            fresh.unlink()
    return path.read_bytes()


def _mac(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def new_browser_cookie(key: bytes) -> str:
    """A fresh browser id with its signature, as the cookie's value."""
    token = secrets.token_urlsafe(16)
    return f"{token}.{_mac(key, token)}"


def browser_id(cookie: str | None, key: bytes) -> str | None:
    """The keyed hash of a validly signed browser cookie; None for no cookie or a forged one."""
    token, _, mac = (cookie if isinstance(cookie, str) else "").partition(".")
    if not token or not hmac.compare_digest(mac, _mac(key, token)):
        return None
    return _mac(key, f"browser:{token}")


def address_id(address: str | None, key: bytes) -> str | None:
    """The keyed hash of a client address; None where there is none (the app opened on this machine)."""
    return _mac(key, f"address:{address}") if address else None
