"""The candidate profile: what a job seeker wants, validated and normalised.

Its input fields are declared once in ``nploy.records.profile_fields``; ``make_profile`` validates
one keyword per declared field.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from nploy.errors import ProfileError
from nploy.records.listing import SENIORITIES, WORK_MODES
from nploy.records.profile_fields import FIELD_BY_NAME, FIELDS, MAX_SALARY, ProfileField
from nploy.vocabulary.money import EUR_PER_UNIT, to_annual_eur
from nploy.vocabulary.places import country_code
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

SUMMARY_WORDS = 90  # characters of the free text a one-line summary quotes
WORK_MODE_WORDS = {"onsite": "onsite", "office": "onsite", "inoffice": "onsite", "remote": "remote", "hybrid": "hybrid"}


@dataclass
class Profile:
    skills: list[str] = field(default_factory=list)
    must_have_skills: list[str] = field(default_factory=list)
    desired_titles: list[str] = field(default_factory=list)
    seniority: str | None = None
    work_modes: list[str] = field(default_factory=list)  # empty: any
    countries: list[str] = field(default_factory=list)  # ISO alpha-2; empty: any
    cities: list[str] = field(default_factory=list)
    salary_floor: float | None = None
    salary_currency: str = "EUR"
    include_undisclosed_salary: bool = False
    free_text: str = ""
    years_experience: int | None = None
    no_inferred_role: bool = False  # rank by the words alone, not by a role read from them (nploy.roles)
    unknown_skills: list[str] = field(default_factory=list)  # what normalisation could not place

    @property
    def salary_floor_eur(self) -> float | None:
        if self.salary_floor is None:
            return None
        return to_annual_eur(self.salary_floor, self.salary_currency, "year")

    def all_skills(self) -> list[str]:
        return list(dict.fromkeys(self.must_have_skills + self.skills))

    def is_empty(self) -> bool:
        """Whether the profile says nothing about what to look for (filters alone are not a query, and nor is a
        text of punctuation alone: "!!!" was read as a role at 11 % and ranked by it)."""
        return not (self.unknown_skills or any(_says_something(getattr(self, f.name)) for f in FIELDS if f.query))

    def summary(self) -> str:
        """One line of what the profile asks for, in the order of ``FIELDS``."""
        parts = []
        for item in FIELDS:
            text = self._summary_text(item.name)
            if item.summary is not None and text:
                parts.append(f"{item.summary}: {text}" if item.summary else text)
        return " · ".join(parts)

    def _summary_text(self, name: str) -> str:
        value = getattr(self, name)
        if name == "skills":
            value = self.all_skills()
        elif name == "countries":  # one "location" entry for countries and cities
            value = self.countries + self.cities
        elif name == "salary_floor" and value:
            return f"{value:,.0f} {self.salary_currency}/year"
        elif name == "desired_titles":
            return " / ".join(value)
        elif name == "free_text" and value:  # a profile of free text alone read "Profile:" and nothing else
            return f'"{textwrap.shorten(value, SUMMARY_WORDS, placeholder=" ...")}"'
        return ", ".join(value) if isinstance(value, list) else str(value or "")


def make_profile(taxonomy: Taxonomy | None = None, **values) -> Profile:
    """Validate and normalise raw input, one keyword per field of ``FIELDS`` (aliases to canonical
    skills, "on-site" to onsite, country names to codes, ...).

    Raises ProfileError with a message a user can act on.
    """
    unknown_fields = sorted(set(values) - set(FIELD_BY_NAME))
    if unknown_fields:
        raise ProfileError(f"unknown profile field(s): {', '.join(unknown_fields)}")
    taxonomy = taxonomy or load_taxonomy()
    skill_names, unknown = taxonomy.normalise_many(_clean_list(values.get("skills"), FIELD_BY_NAME["skills"]))
    must, unknown_must = taxonomy.normalise_many(_clean_list(values.get("must_have_skills"), FIELD_BY_NAME["must_have_skills"]))
    if unknown_must:
        raise ProfileError(
            f"unknown must-have skill(s): {', '.join(unknown_must)} (must-haves filter listings, so they must be known skills)"
        )
    modes = [_work_mode(m) for m in _clean_list(values.get("work_modes"), FIELD_BY_NAME["work_modes"])]
    seniority = _seniority(values.get("seniority"))
    currency = (values.get("salary_currency") or "EUR").strip().upper()
    if currency not in EUR_PER_UNIT:
        raise ProfileError(f"unknown currency {currency!r} (known: {', '.join(EUR_PER_UNIT)})")
    salary_floor = values.get("salary_floor")
    if salary_floor is not None and not 0 <= salary_floor <= MAX_SALARY:
        raise ProfileError(f"salary floor must be between 0 and {MAX_SALARY:,}")
    years = values.get("years_experience")
    if years is not None and not 0 <= years <= 60:
        raise ProfileError("years of experience must be between 0 and 60")
    if seniority is None and years is not None:
        seniority = seniority_for_years(years)
    free_text = values.get("free_text") or ""
    if len(free_text) > FIELD_BY_NAME["free_text"].limit:
        raise ProfileError(f"free text is limited to {FIELD_BY_NAME['free_text'].limit} characters")
    return Profile(
        skills=[s for s in skill_names if s not in must],
        must_have_skills=must,
        desired_titles=_clean_list(values.get("desired_titles"), FIELD_BY_NAME["desired_titles"]),
        seniority=seniority,
        work_modes=list(dict.fromkeys(modes)),
        countries=list(dict.fromkeys(_country(c) for c in _clean_list(values.get("countries"), FIELD_BY_NAME["countries"]))),
        cities=_clean_list(values.get("cities"), FIELD_BY_NAME["cities"]),
        salary_floor=salary_floor or None,
        salary_currency=currency,
        include_undisclosed_salary=bool(values.get("include_undisclosed_salary")),
        free_text=free_text.strip(),
        years_experience=years,
        no_inferred_role=bool(values.get("no_inferred_role")),
        unknown_skills=unknown,
    )


def seniority_for_years(years: int) -> str:
    """The level a candidate with these years usually applies for (used when no level is given)."""
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 9 else "lead"


def _clean_list(values: list[str] | None, declared: ProfileField) -> list[str]:
    what = {"must_have_skills": "must-have skills", "desired_titles": "titles", "work_modes": "work modes"}.get(
        declared.name, declared.name
    )
    items = [v.strip() for v in (values or []) if v and v.strip()]
    if len(items) > declared.limit:
        raise ProfileError(f"at most {declared.limit} {what}, got {len(items)}")
    too_long = [v for v in items if len(v) > 100]
    if too_long:
        raise ProfileError(f"{what}: entries are limited to 100 characters")
    return items


def _seniority(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    value = raw.strip().lower()
    if value not in SENIORITIES:
        raise ProfileError(f"seniority must be one of {', '.join(SENIORITIES)}, not {value!r}")
    return value


def _country(raw: str) -> str:
    # Names, codes and common forms ("Poland", "PL", "UK") all become ISO alpha-2; an unknown one is
    # an error rather than a filter that silently matches nothing.
    code = country_code(raw)
    if code is None:
        raise ProfileError(f"unknown country {raw!r} (use a name such as Germany or an ISO code such as DE)")
    return code


def _work_mode(raw: str) -> str:
    value = raw.strip().lower().replace("-", "").replace(" ", "")
    value = WORK_MODE_WORDS.get(value, value)
    if value not in WORK_MODES:
        raise ProfileError(f"work mode must be one of remote, hybrid, on-site, not {raw!r}")
    return value


def _says_something(value) -> bool:
    """Whether a query field holds a word: a text or any item of a list with a letter or a digit in it."""
    if isinstance(value, str):
        return any(c.isalnum() for c in value)
    if isinstance(value, (list, tuple)):
        return any(_says_something(item) for item in value)
    return bool(value)
