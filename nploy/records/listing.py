"""The listing record: one job posting, normalised, and the vocabularies its fields take.

The listings table (``nploy.records.table``) has one column per field of ``Listing``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date

WORK_MODES = ("remote", "hybrid", "onsite")
SENIORITIES = ("intern", "junior", "mid", "senior", "lead")
EMPLOYMENT_TYPES = ("full-time", "part-time", "contract", "internship", "temporary")


@dataclass
class Listing:
    """One job posting, normalised. Field meanings: docs/schema.md."""

    id: str
    title: str
    company: str = ""
    description: str = ""
    skills: list[str] = field(default_factory=list)
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, "" when unknown
    work_mode: str = "onsite"  # one of WORK_MODES
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None  # ISO 4217
    salary_period: str | None = None  # hour, day, week, month, year
    salary_annual_eur: float | None = None  # midpoint, fixed FX and period factors
    seniority: str = "mid"  # one of SENIORITIES
    employment_type: str = "full-time"
    posted_at: date | None = None
    url: str = ""
    source: str = ""
    salary_estimated: bool = False  # the salary is a board's estimate ("Glassdoor est."), not the employer's
    other_places: list[str] = field(default_factory=list)  # places beyond the first, each "CC|City"
    first_seen: date | None = None  # when a fetch first found the listing on its board
    last_seen: date | None = None  # when a fetch last found it there


def place_entry(city: str, country: str) -> str:
    """One of ``other_places``: "GB|London" (the country first; either part may be empty)."""
    return f"{country}|{city}"


def place_parts(entry: str) -> tuple[str, str]:
    """(city, country) of an ``other_places`` entry."""
    country, _, city = entry.partition("|")
    return city, country


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Listing))
# Columns added after the first tables were written, with the value an older table's rows get.
ADDED_COLUMNS: dict[str, object] = {"salary_estimated": False, "other_places": None, "first_seen": None, "last_seen": None}
LIST_COLUMNS = ("skills", "other_places")
DATE_COLUMNS = ("posted_at", "first_seen", "last_seen")


def listing_key(listing_id: str) -> int:
    """Stable 63-bit integer for a listing id: the id FAISS stores for that listing."""
    digest = hashlib.blake2b(str(listing_id).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") & 0x7FFF_FFFF_FFFF_FFFF


# What a board's terms ask a listing to show (docs/live-listings.md); the card's link is the job's own. Kept
# with the listing's source, which both the fetchers and the explanation read.
CREDITS = {"remoteok": "via Remote OK", "remotive": "via Remotive", "adzuna": "Jobs by Adzuna"}


def source_credit(source: str) -> str:
    """The credit a listing from this source must show ("" for none)."""
    return CREDITS.get(source.partition(":")[0], "")
