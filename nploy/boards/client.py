"""A polite HTTP client for job boards: httpx with an RFC 9111 cache (hishel: ETag and Last-Modified
revalidation), a minimum interval between requests to one host, retries with exponential backoff that
honour ``Retry-After``, timeouts, and a user agent that names nploy.

Each failure is a ``FetchFailure`` with one line a user can read ("404: no such board"), so one failing
board is reported while the others go on.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
from hishel import SqliteStorage
from hishel.httpx import CacheTransport

from nploy import __version__
from nploy.errors import NployError

USER_AGENT = f"nploy/{__version__} (open-source job matching; https://github.com/nploy/nploy)"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
RETRIES = 3  # attempts after the first, for 429, 5xx and network errors
BACKOFF = 1.0  # seconds before the first retry; doubled each time, with jitter
MAX_WAIT = 300.0  # a Retry-After longer than this is not waited for: the board is reported instead
HOST_INTERVAL = 1.0  # seconds between two requests to one host


class FetchFailure(NployError):
    """A board could not be fetched; the message is the one line the report shows."""


@dataclass
class HostPacer:
    """At most one request per ``interval`` seconds to each host, across threads."""

    interval: float | None = None  # None: HOST_INTERVAL
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, url: str) -> None:
        host = urlparse(url).netloc
        with self._lock:
            now = self.clock()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + (HOST_INTERVAL if self.interval is None else self.interval)
        if at > now:
            self.sleep(at - now)


class BoardClient:
    def __init__(
        self,
        cache_dir: Path | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        pacer: HostPacer | None = None,
    ):
        inner = transport or httpx.HTTPTransport(retries=0)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            inner = CacheTransport(inner, storage=SqliteStorage(database_path=cache_dir / "http-cache.db"), rfc=True)
        self._http = httpx.Client(transport=inner, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, follow_redirects=True)
        self._sleep = sleep
        self._pacer = pacer or HostPacer(sleep=sleep)

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, params: dict | None = None, headers: dict | None = None) -> httpx.Response:
        """A successful response, after retries; FetchFailure with the reason otherwise."""
        last = ""
        for attempt in range(RETRIES + 1):
            self._pacer.wait(url)
            try:
                response = self._http.get(url, params=params, headers=headers)
            except httpx.UnsupportedProtocol:  # a setting to fix: no retry helps
                raise FetchFailure(f"{url!r} is not an http(s) URL") from None
            except httpx.TimeoutException:
                last = f"timed out after {TIMEOUT.read:.0f} s"
            except httpx.TransportError as error:
                last = f"network error ({type(error).__name__})"
            else:
                if response.is_success:
                    return response
                if response.status_code == 404:
                    raise FetchFailure("404: no such board (check its name)")
                if response.status_code in (401, 403):
                    raise FetchFailure(f"{response.status_code}: refused (an API key missing or wrong?)")
                if response.status_code != 429 and response.status_code < 500:
                    raise FetchFailure(f"HTTP {response.status_code}")
                last = f"HTTP {response.status_code}"
                wait = retry_after(response.headers.get("Retry-After"))
                if wait is not None:
                    if wait > MAX_WAIT:
                        raise FetchFailure(f"HTTP {response.status_code}: asked to retry after {wait:.0f} s; try later")
                    if attempt < RETRIES:
                        self._sleep(wait)
                        continue
            if attempt < RETRIES:
                self._sleep(BACKOFF * 2**attempt * (1 + random.random() / 2))
        raise FetchFailure(f"{last} ({RETRIES + 1} attempts)")


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
