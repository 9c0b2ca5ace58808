"""The other side of the swipe: a recruiter's hiring role, and what a discoverable candidate shows.

A hiring role is validated with the profile's own rules (skills through the taxonomy, work modes, country
codes): the reverse match compares the two field by field. A candidate chooses which of ``SHAREABLE``
recruiters see; ``shown_profile`` is all a recruiter's code path ever reads of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from nploy.errors import ProfileError
from nploy.records.listing import Listing
from nploy.records.profile import Profile, make_profile
from nploy.vocabulary.money import to_annual_eur
from nploy.vocabulary.skills import Taxonomy

# What a candidate may show recruiters, in the order the form lists them. "places" is countries and cities.
SHAREABLE = ("skills", "desired_titles", "seniority", "work_modes", "places", "free_text", "salary_floor")
SHOWN_BY_DEFAULT = ("skills", "desired_titles", "seniority", "work_modes", "places")
SHAREABLE_LABELS = {
    "skills": "Skills",
    "desired_titles": "Titles",
    "seniority": "Seniority",
    "work_modes": "Work mode",
    "places": "Places",
    "free_text": "About me (free text)",
    "salary_floor": "Salary floor",
}


@dataclass(frozen=True)
class HiringRole:
    title: str
    company: str = ""
    skills: tuple[str, ...] = ()
    must_have_skills: tuple[str, ...] = ()
    seniority: str | None = None
    work_modes: tuple[str, ...] = ()  # empty: any
    countries: tuple[str, ...] = ()  # ISO alpha-2; empty: anywhere
    cities: tuple[str, ...] = ()
    salary_min: float | None = None  # EUR a year
    salary_max: float | None = None
    text: str = ""
    listing_id: str = ""  # the dataset listing it was made from ("I am hiring for this one"), if any

    def all_skills(self) -> list[str]:
        return list(dict.fromkeys(self.must_have_skills + self.skills))

    def band(self) -> str:
        if self.salary_min is None and self.salary_max is None:
            return "no band given"
        low = f"{self.salary_min:,.0f}" if self.salary_min is not None else "…"
        high = f"{self.salary_max:,.0f}" if self.salary_max is not None else "…"
        return f"{low}–{high} EUR/year"


def make_hiring_role(taxonomy: Taxonomy | None = None, **values) -> HiringRole:
    """Validate a role as a profile is validated (raises ProfileError with a message a user can act on)."""
    title = (values.get("title") or "").strip()
    if not title:
        raise ProfileError("a role needs a title")
    low, high = values.get("salary_min"), values.get("salary_max")
    if low is not None and high is not None and low > high:
        raise ProfileError("the salary band's bottom is above its top")
    as_profile = make_profile(
        taxonomy,
        skills=values.get("skills"),
        must_have_skills=values.get("must_have_skills"),
        seniority=values.get("seniority"),
        work_modes=values.get("work_modes"),
        countries=values.get("countries"),
        cities=values.get("cities"),
        free_text=values.get("text") or "",
        salary_floor=low,  # validates the range
    )
    if as_profile.unknown_skills:
        raise ProfileError(f"unknown skill(s): {', '.join(as_profile.unknown_skills)}")
    return HiringRole(
        title=title[:100],
        company=(values.get("company") or "").strip()[:100],
        skills=tuple(as_profile.skills),
        must_have_skills=tuple(as_profile.must_have_skills),
        seniority=as_profile.seniority,
        work_modes=tuple(as_profile.work_modes),
        countries=tuple(as_profile.countries),
        cities=tuple(as_profile.cities),
        salary_min=low,
        salary_max=high,
        text=as_profile.free_text,
        listing_id=str(values.get("listing_id") or ""),
    )


def role_from_listing(listing: Listing) -> HiringRole:
    """ "I am hiring for this one": a role with the listing's title, skills, place, mode and band (in EUR)."""

    def eur(amount: float | None) -> float | None:
        if amount is None or not listing.salary_currency:
            return None
        return to_annual_eur(amount, listing.salary_currency, listing.salary_period or "year")

    return HiringRole(
        title=listing.title,
        company=listing.company,
        skills=tuple(listing.skills),
        seniority=listing.seniority,
        work_modes=(listing.work_mode,) if listing.work_mode else (),
        countries=(listing.country,) if listing.country else (),
        salary_min=eur(listing.salary_min),
        salary_max=eur(listing.salary_max),
        text=listing.description[:2000],
        listing_id=listing.id,
    )


@dataclass(frozen=True)
class Visibility:
    """A candidate's choice: discoverable or not, which fields recruiters see, and the contact a mutual
    match reveals (nothing else of theirs, not their sign-in or e-mail, ever reaches a recruiter)."""

    shown: tuple[str, ...] = SHOWN_BY_DEFAULT
    contact: str = ""
    shown_fields: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        unknown = sorted(set(self.shown) - set(SHAREABLE))
        if unknown:
            raise ProfileError(f"unknown field(s) to show: {', '.join(unknown)}")
        if len(self.contact) > 200:
            raise ProfileError("the contact is limited to 200 characters")
        object.__setattr__(self, "shown_fields", tuple(f for f in SHAREABLE if f in self.shown))


def shown_profile(profile: Profile, visibility: Visibility) -> Profile:
    """The profile with every field the candidate did not choose to show emptied: what recruiters see, and
    all the reverse match ranks by (a hidden field must not move a candidate up or down either)."""
    shown = set(visibility.shown_fields)
    return replace(
        Profile(),
        skills=list(profile.skills) if "skills" in shown else [],
        must_have_skills=list(profile.must_have_skills) if "skills" in shown else [],
        desired_titles=list(profile.desired_titles) if "desired_titles" in shown else [],
        seniority=profile.seniority if "seniority" in shown else None,
        work_modes=list(profile.work_modes) if "work_modes" in shown else [],
        countries=list(profile.countries) if "places" in shown else [],
        cities=list(profile.cities) if "places" in shown else [],
        salary_floor=profile.salary_floor if "salary_floor" in shown else None,
        salary_currency=profile.salary_currency,
        free_text=profile.free_text if "free_text" in shown else "",
    )


@dataclass(frozen=True)
class Discoverable:
    """A candidate in the recruiters' pool."""

    name: str  # the profile's key: used to store a decision, never shown
    handle: str  # the pseudonym recruiters see
    profile: Profile  # whole: only the reverse match's filters read beyond what ``visibility`` shows
    visibility: Visibility
