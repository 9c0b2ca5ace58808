"""One record to one ``Listing``: text cleaned, place, pay, skills, work mode, level and date read.

A record that cannot become a listing raises ``RowError`` with the reason the rejects file shows.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import dateutil.parser
import ftfy
import pandas as pd
from bs4 import BeautifulSoup

from nploy.ingest import location, salary
from nploy.ingest.columns import ColumnMapper
from nploy.ingest.readers import Record
from nploy.records.listing import EMPLOYMENT_TYPES, Listing
from nploy.vocabulary import money
from nploy.vocabulary.places import currency_of
from nploy.vocabulary.skills import Taxonomy

MAX_TITLE = 300
MAX_DESCRIPTION = 100_000


class RowError(ValueError):
    """One record cannot become a listing; the message is the reject reason."""


@dataclass(frozen=True)
class IngestOptions:
    mapping: dict[str, str] = field(default_factory=dict)  # source column -> listing field
    default_country: str | None = None
    default_currency: str | None = None
    source: str | None = None
    file_format: str | None = None


def to_listing(record: Record, mapper: ColumnMapper, options: IngestOptions, path: Path, taxonomy: Taxonomy) -> Listing:
    values = mapper.extract(record)
    title = clean_text(values.get("title"))
    if not title:
        raise RowError("missing title")
    if len(title) > MAX_TITLE:
        raise RowError(f"title longer than {MAX_TITLE} characters")
    description = html_to_text(values.get("description"))[:MAX_DESCRIPTION]
    city, country = location.resolve(values.get("city"), values.get("country"), values.get("location"), options.default_country)
    pay = _salary(values, country, options.default_currency)
    skills = _skills(values.get("skills"), title, description, taxonomy)
    return Listing(
        id=_listing_id(values.get("id"), record, options.source or path.stem),
        title=title,
        company=clean_text(values.get("company")),
        description=description,
        skills=skills,
        city=city,
        country=country,
        work_mode=infer_work_mode(
            values.get("work_mode"), values.get("remote_flag"), values.get("telework_flag"), title, description
        ),
        salary_min=pay.minimum,
        salary_max=pay.maximum,
        salary_currency=pay.currency,
        salary_period=pay.period,
        salary_annual_eur=pay.annual_eur() if pay.currency in money.EUR_PER_UNIT else None,
        seniority=infer_seniority(values.get("seniority"), title),
        employment_type=infer_employment_type(values.get("employment_type"), title),
        posted_at=parse_date(values.get("posted_at")),
        url=safe_url(values.get("url")),
        source=options.source or path.name,
    )


def clean_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    # ftfy repairs mojibake ("â€¢" for "•", common in real exports); it is slow, so only when a marker is there.
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text)
    return _SPACES.sub(" ", text).strip()


_MOJIBAKE = re.compile("â€|Ã.|Â.")
_SPACES = re.compile(r"\s+")


def html_to_text(value: object) -> str:
    """Plain text from a description that may be HTML; markup is parsed, never kept."""
    text = "" if value is None else str(value)
    if re.search(r"<[a-zA-Z/!][^>]*>", text):
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text(separator=" ")
    return clean_text(text)


def _listing_id(raw: object, record: Record, source: str) -> str:
    value = clean_text(raw)
    if value:
        return value[:200]
    # No id column: a content hash keeps re-ingests of the same file stable.
    digest = hashlib.sha1(json.dumps(record, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]
    return f"{source}-{digest}"


def _salary(values: dict, country: str, default_currency: str | None) -> money.Salary:
    currency_hint = clean_text(values.get("salary_currency")) or default_currency or currency_of(country)
    period_raw = clean_text(values.get("salary_period"))
    if period_raw and re.search(r"without compensation|unpaid|volunteer", period_raw, re.I):
        return money.NO_SALARY
    period = salary.parse_period(period_raw) if period_raw else None
    try:
        low, high = _number(values.get("salary_min")), _number(values.get("salary_max"))
        if low is not None or high is not None:
            pay = money.make_salary(low, high, salary.parse_currency(currency_hint) or currency_hint, period)
        elif clean_text(values.get("salary_text")):
            pay = salary.parse_salary_text(clean_text(values.get("salary_text")), currency_hint, period)
        else:
            return money.NO_SALARY
    except money.SalaryError as error:
        raise RowError(str(error)) from None
    if pay.currency and pay.currency not in money.EUR_PER_UNIT:
        raise RowError(f"unknown salary currency {pay.currency!r}")
    return pay


def _number(value: object) -> float | None:
    text = clean_text(value)
    if not text:
        return None
    try:
        return float(text.replace(",", "").replace("$", "").replace("€", "").replace("£", ""))
    except ValueError:
        raise RowError(f"salary {text[:40]!r} is not a number") from None


def _skills(raw: object, title: str, description: str, taxonomy: Taxonomy) -> list[str]:
    listed = _as_list(raw)
    if listed:
        known, _unknown = taxonomy.normalise_many(listed)
        if known:
            return known
    return taxonomy.extract(f"{title}. {description}")


def _as_list(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [str(x) for x in raw]
    if hasattr(raw, "tolist"):
        return [str(x) for x in raw.tolist()]
    text = str(raw).strip()
    if text.startswith("["):
        try:
            return [str(x) for x in json.loads(text)]
        except ValueError:
            pass
    return [part for part in re.split(r"[;,|\n]", text) if part.strip()]


_REMOTE = re.compile(
    r"\b(fully remote|100% remote|remote[- ]first|remote position|remote role|work from home|wfh|remote)\b", re.I
)
_HYBRID = re.compile(r"\bhybrid\b|days? (a|per) week in (the|our)? ?office", re.I)
_ONSITE = re.compile(r"\b(on[- ]?site|in[- ]office|office[- ]based)\b", re.I)
_TELEWORK = re.compile(r"\btele-?work", re.I)
_TRUE = {"y", "yes", "true", "1", "t"}


def infer_work_mode(value: object, remote_flag: object, telework_flag: object, title: str, description: str) -> str:
    """From a work-mode column, else remote/telework flags, else the title and description."""
    stated = clean_text(value).lower()
    for text in (stated, title):
        if _HYBRID.search(text):
            return "hybrid"
        if _REMOTE.search(text):
            return "remote"
        if _ONSITE.search(text):
            return "onsite"
    if clean_text(remote_flag).lower() in _TRUE:
        return "remote"
    if clean_text(telework_flag).lower() in _TRUE:
        return "hybrid"
    if _HYBRID.search(description):
        return "hybrid"
    if _REMOTE.search(description) and not re.search(r"\bnot (a )?remote|no remote", description, re.I):
        return "remote"
    if _TELEWORK.search(description) and not re.search(r"telework eligible:? ?no|not telework", description, re.I):
        return "hybrid"
    return "onsite"


_SENIORITY_PATTERNS = (
    ("intern", r"\b(intern|internship|trainee|werkstudent|apprentice)\b"),
    ("lead", r"\b(lead|principal|staff|head of|director|chief|supervisor|vp)\b"),
    ("senior", r"\b(senior|sr\.?|expert|architect)\b"),
    ("junior", r"\b(junior|jr\.?|entry[- ]level|graduate)\b"),
    ("mid", r"\b(mid|intermediate|medior|regular)\b"),
)


def infer_seniority(value: object, title: str) -> str:
    for text in (clean_text(value), title):
        for level, pattern in _SENIORITY_PATTERNS:
            if re.search(pattern, text, re.I):
                return level
    return "mid"


def infer_employment_type(value: object, title: str) -> str:
    text = f"{clean_text(value)} {title}".lower()
    if re.search(r"\bintern", text):
        return "internship"
    if re.search(r"contract|freelance|b2b|contractor", text):
        return "contract"
    if re.search(r"temporary|seasonal|\btemp\b", text):
        return "temporary"
    if re.search(r"part[- ]?time|\bp\b", text):
        return "part-time"
    value = clean_text(value).lower()
    return value if value in EMPLOYMENT_TYPES else "full-time"


def parse_date(value: object) -> object:
    text = clean_text(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dateutil.parser.parse(text)
        except (ValueError, OverflowError):
            raise RowError(f"unparseable date {text[:40]!r}") from None
    if parsed.replace(tzinfo=None) > datetime.now() + timedelta(days=1):
        raise RowError(f"posting date {text[:40]} is in the future")
    return parsed.date()


def safe_url(value: object) -> str:
    """Only http(s) links survive: a javascript: or data: URL in a listing must never be clickable."""
    text = clean_text(value)
    return text if re.match(r"^https?://[^\s<>\"']+$", text, re.I) else ""
