"""Posting dates as files write them: epoch seconds or milliseconds (numbers or strings, floats
too), ISO 8601 with zones, "August  3, 2026", "03/08/2026", and relative dates ("Posted 30+ Days Ago",
"3 days ago", "yesterday") read against the day the file was scraped.

Fast paths for the common shapes; dateparser for the rest (it is slow, so each distinct text is read
once).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import dateutil.parser

# Epoch values from 2001 (1e9 s) to 2286 (1e13 ms): below, a number is not a date.
_EPOCH_SECONDS = 1e9
_EPOCH_MILLISECONDS = 1e11
_RELATIVE = re.compile(r"\bago\b|\btoday\b|\byesterday\b|\bjust posted\b|\bjust now\b|\bhours?\b|\bdays?\b", re.I)
_NOISE = re.compile(r"\b(posted|active|reposted|employer|on)\b|\+", re.I)


class DateError(ValueError):
    """A date that cannot be read; the message says why."""


def parse_date(value: object, scraped_on: date | None = None, today: date | None = None) -> date | None:
    """The date a value names; None when blank; DateError when unreadable or in the future.
    ``scraped_on`` anchors relative dates (default: today)."""
    today = today or date.today()
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return _checked(value.date(), str(value), today)
    if isinstance(value, date):
        return _checked(value, str(value), today)
    if isinstance(value, (int, float)):
        return _checked(_from_epoch(float(value), str(value)), str(value), today)
    text = re.sub(r"\s+", " ", str(value)).strip()
    if not text or text.lower() in ("nan", "none", "null", "-1", "n/a", "tbd", "tba", "asap", "immediately", "an upcoming date"):
        return None
    return _checked(_parse_text(text, scraped_on or today), text, today)


def _checked(day: date, text: str, today: date) -> date:
    if day > today + timedelta(days=1):
        raise DateError(f"posting date {text[:40]} is in the future")
    if day.year < 1990:
        raise DateError(f"posting date {text[:40]} is implausibly old")
    return day


def _from_epoch(number: float, text: str) -> date:
    if number >= _EPOCH_MILLISECONDS:
        number /= 1000
    elif number < _EPOCH_SECONDS:
        raise DateError(f"the number {text[:40]} is not a date")
    try:
        return datetime.fromtimestamp(number, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        raise DateError(f"the number {text[:40]} is not a date") from None


@lru_cache(maxsize=16384)
def _parse_text(text: str, scraped_on: date) -> date:
    try:
        return _from_epoch(float(text), text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if _RELATIVE.search(text):
        return _relative(text, scraped_on)
    try:
        with warnings.catch_warnings():  # "EDT" and the like: the zone is not needed for a day
            warnings.simplefilter("ignore", dateutil.parser.UnknownTimezoneWarning)
            return dateutil.parser.parse(text).date()
    except (ValueError, OverflowError):
        pass
    return _with_dateparser(text, scraped_on)


def _relative(text: str, scraped_on: date) -> date:
    cleaned = _NOISE.sub(" ", text).strip().lower()
    if cleaned in ("today", "just", "just now", "new"):
        return scraped_on
    return _with_dateparser(cleaned, scraped_on)


def _with_dateparser(text: str, scraped_on: date) -> date:
    import dateparser  # slow to import: only when a date needs it

    base = datetime(scraped_on.year, scraped_on.month, scraped_on.day, 12)
    parsed = dateparser.parse(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    if parsed is None:
        raise DateError(f"unreadable date {text[:40]!r}")
    return parsed.date()
