"""One record to one ``Listing``, and an account of what was read.

Every optional field is read on its own: a value that cannot be read (a salary of "lots", a date of
"soon") empties that field and leaves a ``FieldNote`` (field, reason, value); the listing is kept. Only a
record with no title (none in its columns, none derivable from the first line of its description) or with
nothing readable at all raises ``RowError``, the reason the rejects file shows.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from nploy.ingest import prose_salary
from nploy.ingest import salary as salary_text
from nploy.ingest.dates import DateError, parse_date
from nploy.ingest.infer import infer_employment_type, infer_seniority, read_work_mode, skills_of
from nploy.ingest.location import Location
from nploy.ingest.place_fields import mentions_a_city, mentions_a_place, resolve_location
from nploy.ingest.text import clean_text, company_name, html_to_text, safe_url
from nploy.records.listing import Listing, place_entry
from nploy.vocabulary import money
from nploy.vocabulary.places import currency_of
from nploy.vocabulary.skills import Taxonomy

MAX_TITLE = 300
MAX_DESCRIPTION = 100_000
# What the ingest report counts, in its order: rows that state each field, and rows nploy read it from.
REPORT_FIELDS = ("title", "company", "city", "country", "work_mode", "salary", "date", "skills", "description")


class RowError(ValueError):
    """One record cannot become a listing; the message is the reject reason."""


@dataclass(frozen=True)
class IngestOptions:
    mapping: dict[str, str] = field(default_factory=dict)  # source column -> listing field
    default_country: str | None = None
    default_currency: str | None = None
    label: str | None = None  # the source label stored on every listing (default: the file name)
    source: str | None = None  # a source profile to use instead of detecting one
    file_format: str | None = None
    id_namespace: str | None = None  # prefixed to every id ("greenhouse:acme:4011"): boards' ids are their own
    company: str | None = None  # for records that name none: a company's own board does not repeat its name


@dataclass(frozen=True)
class FieldNote:
    """An optional value that could not be read: the listing keeps the field empty."""

    field: str
    reason: str
    value: str


@dataclass
class Reading:
    """A listing, and for the ingest report what its record stated and what of that was understood."""

    listing: Listing
    notes: list[FieldNote] = field(default_factory=list)
    stated: set[str] = field(default_factory=set)
    understood: set[str] = field(default_factory=set)
    unread: dict[str, str] = field(default_factory=dict)  # report field -> the raw value not understood


@dataclass(frozen=True)
class Context:
    """What every record of a file shares."""

    options: IngestOptions
    label: str  # the source label
    id_prefix: str
    taxonomy: Taxonomy
    scraped_on: date  # anchors relative dates ("3 days ago")
    work_mode: str | None = None  # the source profile's: every listing of the board is remote
    currency: str | None = None  # the source profile's currency for amounts that name none
    country: str | None = None  # the source profile's country for places that name none


def to_listing(values: dict, record: dict, context: Context) -> Reading:
    """The listing these field values describe (``values`` from the column mapper and converters)."""
    if not any(_given(v) for v in values.values()):
        raise RowError("nothing readable in this record")
    description = html_to_text("\n\n".join(str(v) for v in (values.get("description"), values.get("description_extra")) if v))
    description = description[:MAX_DESCRIPTION]
    title = _title(values.get("title"), description)
    reading = Reading(Listing(id="", title=title))
    raw_company = values.get("company")
    company = company_name(raw_company) or company_name(context.options.company)
    _count(reading, "company", raw_company or context.options.company, company)
    _count(reading, "title", values.get("title") or title, title)
    _count(reading, "description", values.get("description"), description)
    place = _location(values, context, reading)
    pay = _salary(values, place.primary.country, description, context, reading)
    skills = skills_of(values.get("skills"), title, description, context.taxonomy)
    _count(reading, "skills", values.get("skills") or description, skills)
    if not _given(values.get("skills")):
        reading.unread.pop("skills", None)  # a description naming no known skill is not a value to fix
    mode, how = read_work_mode(
        values.get("work_mode"),
        values.get("remote_flag"),
        values.get("telework_flag"),
        place.work_mode,
        context.work_mode,
        title,
        description,
    )
    if how != "default":
        reading.stated.add("work_mode")
        reading.understood.add("work_mode")
    posted = _date(values.get("posted_at"), values.get("scraped_at"), context, reading)
    reading.listing = Listing(
        id=_listing_id(values.get("id"), record, context.id_prefix, context.options.id_namespace),
        title=title,
        company=company,
        description=description,
        skills=skills,
        city=place.primary.city[:100],
        country=place.primary.country,
        work_mode=mode,
        salary_min=pay.minimum,
        salary_max=pay.maximum,
        salary_currency=pay.currency,
        salary_period=pay.period,
        salary_annual_eur=pay.annual_eur(),
        seniority=infer_seniority(values.get("seniority"), title),
        employment_type=infer_employment_type(_text_of(values.get("employment_type")), title),
        posted_at=posted,
        url=safe_url(values.get("url")),
        source=context.label,
        salary_estimated=pay.estimated,
        other_places=[place_entry(p.city[:100], p.country) for p in place.places[1:]],
    )
    return reading


def _given(value: object) -> bool:
    if value is None or value is False or (isinstance(value, float) and value != value):
        return False
    return bool(value) if isinstance(value, (list, dict)) else bool(str(value).strip())


def _count(reading: Reading, name: str, raw: object, result: object) -> None:
    if _given(raw):
        reading.stated.add(name)
        if result:
            reading.understood.add(name)
        else:
            reading.unread[name] = clean_text(raw)[:80]


_ROLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|designer|scientist|specialist|administrator|architect|"
    r"consultant|intern|officer|coordinator|technician|lead|director|tester|researcher|writer)s?\b",
    re.I,
)


def _title(raw: object, description: str) -> str:
    title = clean_text(raw)
    if not title:
        # A posting with no title column often opens with its role ("Senior Data Engineer - Berlin. We ...").
        first = re.split(r"\n|(?<=[a-z])\. |\s[-–|]\s", description.strip(), maxsplit=1)[0].strip() if description else ""
        title = first if 3 <= len(first) <= 80 and _ROLE_WORDS.search(first) and first != description.strip() else ""
    if not title:
        raise RowError("missing title")
    if len(title) > MAX_TITLE:
        raise RowError(f"title longer than {MAX_TITLE} characters")
    return title


def _text_of(value: object) -> str:
    """A column that may hold a list ("job_types": ["full time"]) as one text."""
    return ", ".join(map(str, value)) if isinstance(value, list) else clean_text(value)


def _location(values: dict, context: Context, reading: Reading) -> Location:
    texts = [values.get("location"), *(values.get("locations") or [])]
    text = "; ".join(clean_text(t) for t in texts if _given(t))
    default_country = context.options.default_country or context.country
    location = resolve_location(values.get("city"), values.get("country"), text, default_country)
    given = mentions_a_place(text) or _given(values.get("city")) or _given(values.get("country"))
    city_given = _given(values.get("city")) or bool(location.primary.city) or mentions_a_city(text)
    if city_given:
        _count(reading, "city", values.get("city") or text, location.primary.city)
    if given:
        # "Worldwide" or "Europe" name no country: nothing to understand there.
        _count(reading, "country", values.get("country") or text, location.primary.country)
    return location


def _salary(values: dict, country: str, description: str, context: Context, reading: Reading) -> money.Salary:
    raw = next(
        (values.get(n) for n in ("salary_text", "salary_min", "salary_max") if not salary_text.says_nothing(values.get(n))), None
    )
    estimated = bool(values.get("salary_estimated"))
    try:
        pay = _stated_salary(values, country, context.options.default_currency or context.currency, estimated, description)
    except money.SalaryError as error:
        reading.notes.append(FieldNote("salary", str(error), clean_text(raw)[:80]))
        reading.stated.add("salary")
        reading.unread["salary"] = clean_text(raw)[:80]
        return money.NO_SALARY
    if not pay.disclosed and description:
        pay = prose_salary.find_salary(description, country) or pay
        raw = raw or (pay.disclosed and "in the description")
    if pay.disclosed and pay.currency not in money.EUR_PER_UNIT:
        reading.notes.append(FieldNote("salary", f"unknown salary currency {pay.currency!r}", clean_text(raw)[:80]))
        pay = money.NO_SALARY
    _count(reading, "salary", raw, pay.disclosed)
    return pay


def _stated_salary(
    values: dict, country: str, default_currency: str | None, estimated: bool, description: str = ""
) -> money.Salary:
    currency_hint = clean_text(values.get("salary_currency")) or default_currency or currency_of(country)
    period_raw = clean_text(values.get("salary_period"))
    if period_raw and re.search(r"without compensation|unpaid|volunteer", period_raw, re.I):
        return money.NO_SALARY
    period = salary_text.parse_period(period_raw) if period_raw else None
    currency = salary_text.currency_code(currency_hint, country) or salary_text.parse_currency(currency_hint, country)
    low, high = _amount(values.get("salary_min")), _amount(values.get("salary_max"))
    text = clean_text(values.get("salary_text"))
    if low is not None or high is not None:
        # Bare numbers beside a pay text ("$110K-$135K" with comp_min 110000) are in the text's currency.
        beside = salary_text.parse_currency(text, country) if text and not currency else None
        return money.make_salary(
            low, high, currency or beside or currency_hint or _currency_of_bare(description), period, estimated
        )
    if not text:
        return money.NO_SALARY
    pay = salary_text.parse_salary_text(text, currency, period, country, estimated)
    if pay.disclosed and not (currency or salary_text.parse_currency(text, country)):
        pay = money.make_salary(pay.minimum, pay.maximum, _currency_of_bare(description), pay.period, pay.estimated)
    elif pay.disclosed and prose_salary.only_a_bare_symbol(text) and not clean_text(values.get("salary_currency")):
        # A "$" read in the listing's country ("$80k" on a Mexico-based role) gives way to a code its own
        # description writes beside an amount ("USD $80,000-$100,000").
        stated = prose_salary.currency_stated(description)
        if stated and stated != pay.currency:
            pay = money.make_salary(pay.minimum, pay.maximum, stated, pay.period, pay.estimated)
    return pay


def _currency_of_bare(description: str) -> str:
    """The currency of amounts stated bare, with no currency column, default or country: the one the
    description's amounts carry. Without one the amounts say nothing certain, and taking them as
    euros would put a remote US federal salary ("Virtual (100% Remote)", 94,373 - 176,300) in EUR."""
    currency = prose_salary.currency_in(description or "")
    if not currency:
        raise money.SalaryError("salary states no currency and the listing no country (--default-currency sets one)")
    return currency


def _amount(value: object) -> float | None:
    text = clean_text(value)
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    try:
        return float(text.replace(",", "").replace("$", "").replace("€", "").replace("£", ""))
    except ValueError:
        raise money.SalaryError(f"salary {text[:40]!r} is not a number") from None


def _date(raw: object, scraped: object, context: Context, reading: Reading) -> date | None:
    if not _given(raw):
        return None
    reading.stated.add("date")
    try:
        anchor = parse_date(scraped) if _given(scraped) else None
        posted = parse_date(raw, scraped_on=anchor or context.scraped_on)
    except DateError as error:
        reading.notes.append(FieldNote("posted_at", str(error), clean_text(raw)[:80]))
        reading.unread["date"] = clean_text(raw)[:80]
        return None
    reading.understood.add("date")
    return posted


def _listing_id(raw: object, record: dict, prefix: str, namespace: str | None = None) -> str:
    value = clean_text(raw)
    if value:
        return f"{namespace}:{value}"[:200] if namespace else value[:200]
    # No id column: a content hash keeps re-ingests of the same file stable.
    digest = hashlib.sha1(json.dumps(record, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"
