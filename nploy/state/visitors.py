"""Who a signed-out visitor is, as far as limits go: their browser (a signed cookie) and their address.

Neither is stored as such. The browser's id is a random token the app signs (HMAC-SHA256 with a key kept in the
state database, ``Store.visitor_key``), so a visitor cannot pick another browser's id and use up its limit; both are
stored only as keyed hashes. A visitor who drops the cookie gets a new browser id, which is why the address
has a limit of its own (higher: many people can share one address).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "nploy_browser"
COOKIE_DAYS = 365


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
