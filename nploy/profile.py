"""The candidate profile: what a job seeker wants, validated and normalised."""

from __future__ import annotations

from dataclasses import dataclass, field

from nploy.errors import ProfileError
from nploy.listing import SENIORITIES, WORK_MODES
from nploy.location import country_code
from nploy.salary import EUR_PER_UNIT, to_annual_eur
from nploy.skills import Taxonomy, load_taxonomy

MAX_SKILLS = 50
MAX_TITLES = 10
MAX_FREE_TEXT = 2000
MAX_SALARY = 5_000_000


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
    unknown_skills: list[str] = field(default_factory=list)  # what normalisation could not place

    @property
    def salary_floor_eur(self) -> float | None:
        if self.salary_floor is None:
            return None
        return to_annual_eur(self.salary_floor, self.salary_currency, "year")

    def all_skills(self) -> list[str]:
        return list(dict.fromkeys(self.must_have_skills + self.skills))


def make_profile(
    skills: list[str] | None = None,
    must_have_skills: list[str] | None = None,
    desired_titles: list[str] | None = None,
    seniority: str | None = None,
    work_modes: list[str] | None = None,
    countries: list[str] | None = None,
    cities: list[str] | None = None,
    salary_floor: float | None = None,
    salary_currency: str = "EUR",
    include_undisclosed_salary: bool = False,
    free_text: str = "",
    years_experience: int | None = None,
    taxonomy: Taxonomy | None = None,
) -> Profile:
    """Validate and normalise raw input (aliases to canonical skills, "on-site" to onsite, ...).

    Raises ProfileError with a message a user can act on.
    """
    taxonomy = taxonomy or load_taxonomy()
    skill_names, unknown = taxonomy.normalise_many(_clean_list(skills, "skills", MAX_SKILLS))
    must, unknown_must = taxonomy.normalise_many(_clean_list(must_have_skills, "must-have skills", MAX_SKILLS))
    if unknown_must:
        raise ProfileError(
            f"unknown must-have skill(s): {', '.join(unknown_must)} (must-haves filter listings, so they must be known skills)"
        )
    modes = [_work_mode(m) for m in _clean_list(work_modes, "work modes", 3)]
    if seniority is not None and seniority.strip():
        seniority = seniority.strip().lower()
        if seniority not in SENIORITIES:
            raise ProfileError(f"seniority must be one of {', '.join(SENIORITIES)}, not {seniority!r}")
    else:
        seniority = None
    currency = salary_currency.strip().upper()
    if currency not in EUR_PER_UNIT:
        raise ProfileError(f"unknown currency {currency!r} (known: {', '.join(EUR_PER_UNIT)})")
    if salary_floor is not None and not 0 <= salary_floor <= MAX_SALARY:
        raise ProfileError(f"salary floor must be between 0 and {MAX_SALARY:,}")
    if years_experience is not None and not 0 <= years_experience <= 60:
        raise ProfileError("years of experience must be between 0 and 60")
    if seniority is None and years_experience is not None:
        seniority = seniority_for_years(years_experience)
    if len(free_text) > MAX_FREE_TEXT:
        raise ProfileError(f"free text is limited to {MAX_FREE_TEXT} characters")
    return Profile(
        skills=[s for s in skill_names if s not in must],
        must_have_skills=must,
        desired_titles=_clean_list(desired_titles, "titles", MAX_TITLES),
        seniority=seniority,
        work_modes=list(dict.fromkeys(modes)),
        countries=list(dict.fromkeys(_country(c) for c in _clean_list(countries, "countries", 50))),
        cities=_clean_list(cities, "cities", 50),
        salary_floor=salary_floor or None,
        salary_currency=currency,
        include_undisclosed_salary=include_undisclosed_salary,
        free_text=free_text.strip(),
        years_experience=years_experience,
        unknown_skills=unknown,
    )


def seniority_for_years(years: int) -> str:
    """The level a candidate with these years usually applies for (used when no level is given)."""
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 9 else "lead"


def _clean_list(values: list[str] | None, what: str, limit: int) -> list[str]:
    items = [v.strip() for v in (values or []) if v and v.strip()]
    if len(items) > limit:
        raise ProfileError(f"at most {limit} {what}, got {len(items)}")
    too_long = [v for v in items if len(v) > 100]
    if too_long:
        raise ProfileError(f"{what}: entries are limited to 100 characters")
    return items


def _country(raw: str) -> str:
    # Names, codes and common forms ("Poland", "PL", "UK") all become ISO alpha-2; an unknown one is
    # an error rather than a filter that silently matches nothing.
    code = country_code(raw)
    if code is None:
        raise ProfileError(f"unknown country {raw!r} (use a name such as Germany or an ISO code such as DE)")
    return code


def _work_mode(raw: str) -> str:
    value = raw.strip().lower().replace("-", "").replace(" ", "")
    value = {"onsite": "onsite", "office": "onsite", "inoffice": "onsite", "remote": "remote", "hybrid": "hybrid"}.get(
        value, value
    )
    if value not in WORK_MODES:
        raise ProfileError(f"work mode must be one of remote, hybrid, on-site, not {raw!r}")
    return value


def profile_text(profile: Profile) -> str:
    """The text embedded for a profile, shaped like ``listing_text`` so the two are comparable."""
    titles = " / ".join(profile.desired_titles) or "Software role"
    level = f"{profile.seniority} level. " if profile.seniority else ""
    skills = ", ".join(profile.all_skills() + profile.unknown_skills)
    return f"{titles}. {level}Skills: {skills}. {profile.free_text}".strip()
