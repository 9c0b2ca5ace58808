"""Deterministic generator of synthetic tech job listings (``nploy demo-data``).

Everything is drawn from one ``numpy.random.Generator`` seeded by the caller, so the same
``(n, seed)`` always gives the same table. Calibration figures live in ``demo_catalog``.
Every listing says it is synthetic: ``source`` is ``SOURCE`` and the URL is on example.com.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pandas as pd

from nploy.demo_catalog import (
    BENEFITS,
    COUNTRIES,
    INDUSTRIES,
    ROLES,
    SENIORITY_PAY,
    SENIORITY_PREFIX,
    SENIORITY_SHARE,
    SENIORITY_YEARS,
    Country,
    Role,
)
from nploy.listing import Listing, to_table
from nploy.salary import EUR_PER_UNIT, Salary
from nploy.skills import Taxonomy, load_taxonomy

SOURCE = "nploy-demo (synthetic)"
PERIOD_END = date(2026, 10, 31)
MONTHS = 24
# Bulgaria adopted the euro on 1 January 2026: later Bulgarian ads quote EUR.
BG_EURO_DAY = date(2026, 1, 1)

_SYLLABLES = (
    "nova",
    "tek",
    "lum",
    "byte",
    "flux",
    "ver",
    "sol",
    "kin",
    "data",
    "cloud",
    "quant",
    "zen",
    "orbit",
    "pix",
    "stack",
    "mint",
    "arc",
    "core",
    "hive",
    "wave",
    "grid",
    "loop",
    "node",
    "volt",
)
_SUFFIXES = ("Labs", "Systems", "Technologies", "Software", "Group", "AI", "Digital", "Solutions", "", "", "")


def _companies(rng: np.random.Generator, count: int) -> list[tuple[str, str, int]]:
    """(name, industry, home country index): a few hundred employers, some hiring a lot."""
    names: set[str] = set()
    out = []
    country_weights = np.array([c.weight for c in COUNTRIES])
    while len(out) < count:
        first, second = rng.choice(_SYLLABLES, size=2, replace=False)
        name = f"{first.capitalize()}{second} {rng.choice(_SUFFIXES)}".strip()
        if name in names:
            continue
        names.add(name)
        out.append(
            (name, str(rng.choice(INDUSTRIES)), int(rng.choice(len(COUNTRIES), p=country_weights / country_weights.sum())))
        )
    return out


def _role_pools(taxonomy: Taxonomy) -> list[list[str]]:
    """Per role, taxonomy skills O*NET links to the role's occupations, in the role's categories."""
    pools = []
    for role in ROLES:
        core = {s for stack in role.stacks for s in stack} | set(role.extras)
        categories = {taxonomy.category(s) for s in core}
        linked = [
            skill.name
            for skill in taxonomy.skills.values()
            if set(skill.onet_occupations) & set(role.onet_codes) and skill.category in categories and skill.hot_technology
        ]
        pools.append(sorted(set(linked) - core))
    return pools


def _posting_dates(rng: np.random.Generator, n: int) -> np.ndarray:
    """Dates over 24 months, volume growing ~20% across the window, with a summer dip."""
    days = (PERIOD_END - (PERIOD_END - timedelta(days=MONTHS * 30.44))).days
    offsets = rng.uniform(0, 1, size=n * 2)
    weight = (0.9 + 0.2 * offsets) * (1 - 0.15 * np.exp(-(((offsets * MONTHS) % 12 - 7.5) ** 2) / 2))
    keep = rng.uniform(0, weight.max(), size=offsets.size) < weight
    chosen = offsets[keep][:n]
    return np.array([PERIOD_END - timedelta(days=int((1 - x) * days)) for x in chosen])


def _work_mode(rng: np.random.Generator, country: Country, role: Role, progress: float) -> str:
    # Return-to-office drift: fully remote shrinks by a quarter over the window, hybrid takes it.
    remote = min(0.9, country.remote * role.remote_factor * (1.1 - 0.35 * progress))
    hybrid = min(0.95 - remote, country.hybrid * (0.92 + 0.2 * progress))
    draw = rng.uniform()
    return "remote" if draw < remote else "hybrid" if draw < remote + hybrid else "onsite"


def _skills(rng: np.random.Generator, role: Role, pool: list[str]) -> list[str]:
    stack = list(role.stacks[rng.integers(len(role.stacks))])
    keep_core = [s for i, s in enumerate(stack) if i < 2 or rng.uniform() < 0.85]
    extras = list(rng.choice(role.extras, size=min(len(role.extras), int(rng.integers(1, 5))), replace=False))
    onet = list(rng.choice(pool, size=1)) if pool and rng.uniform() < 0.35 else []
    return list(dict.fromkeys(keep_core + extras + onet))


def _salary(
    rng: np.random.Generator, country: Country, role: Role, seniority: str, city_factor: float, currency: str, employment: str
) -> Salary:
    median_eur = country.mid_backend_eur * role.pay_factor * SENIORITY_PAY[seniority] * city_factor
    centre_eur = float(np.exp(rng.normal(np.log(median_eur), 0.17)))
    low, high = centre_eur * rng.uniform(0.82, 0.95), centre_eur * rng.uniform(1.05, 1.22)
    if employment == "contract" and country.code in {"GB", "NL", "DE", "IE"}:
        period, divisor, step = "day", 220.0 * 0.72, 25  # day rates carry no benefits: ~28% lower per year
    elif rng.uniform() < country.monthly_pay_share:
        period, divisor, step = "month", 12.0, 100
    elif employment == "contract" and country.code in {"US", "CA"}:
        period, divisor, step = "hour", 2080.0 * 0.8, 5
    else:
        period, divisor, step = "year", 1.0, 1000
    rate = EUR_PER_UNIT[currency]
    local_low = round(low / divisor / rate / step) * step
    local_high = round(high / divisor / rate / step) * step
    return Salary(float(local_low), float(max(local_high, local_low + step)), currency, period)


def _description(
    rng: np.random.Generator,
    role: Role,
    title: str,
    company: str,
    industry: str,
    city: str,
    mode: str,
    skills: list[str],
    seniority: str,
    benefits: bool,
) -> str:
    duties = rng.choice(role.duties, size=min(3, len(role.duties)), replace=False)
    must, nice = skills[: max(2, len(skills) - 2)], skills[max(2, len(skills) - 2) :]
    intro = rng.choice(
        [
            f"{company} is a {industry} company building products for customers across Europe and North America.",
            f"At {company} we build {industry} software that people rely on every day.",
            f"{company} ({industry}) is growing its engineering team in {city}.",
            f"Join {company}, a fast-growing {industry} scale-up.",
        ]
    )
    where = {
        "remote": rng.choice(
            [
                "This role is fully remote.",
                "Work from anywhere in our time zones; we are remote-first.",
                "Remote position, with an optional team meetup each quarter.",
            ]
        ),
        "hybrid": rng.choice(
            [
                f"Hybrid: two to three days a week in our {city} office.",
                f"Hybrid role based in {city}.",
                f"We work hybrid from {city}, with flexible office days.",
            ]
        ),
        "onsite": rng.choice(
            [
                f"This role is on-site in {city}.",
                f"You will work from our {city} office.",
                f"Office-based in {city}, with occasional home days.",
            ]
        ),
    }[mode]
    lines = [
        intro,
        f"We are looking for a {title} to " + "; ".join(duties) + ".",
        "What you bring: " + f"{SENIORITY_YEARS[seniority]} years of experience with " + ", ".join(must) + ".",
    ]
    if nice:
        lines.append("Nice to have: " + ", ".join(nice) + ".")
    lines.append(where)
    if benefits:
        lines.append("We offer " + ", ".join(rng.choice(BENEFITS, size=3, replace=False)) + ".")
    return " ".join(lines)


def generate(
    n: int, seed: int = 7, taxonomy: Taxonomy | None = None, progress: Callable[[int, int], None] | None = None
) -> pd.DataFrame:
    """``n`` synthetic listings as the normalised table; the same (n, seed) gives the same table."""
    rng = np.random.default_rng(seed)
    taxonomy = taxonomy or load_taxonomy()
    pools = _role_pools(taxonomy)
    companies = _companies(rng, max(40, min(600, n // 30)))
    company_weights = 1.0 / np.arange(1, len(companies) + 1) ** 0.8
    company_weights /= company_weights.sum()
    role_weights = np.array([r.weight for r in ROLES]) / sum(r.weight for r in ROLES)
    country_weights = np.array([c.weight for c in COUNTRIES]) / sum(c.weight for c in COUNTRIES)
    seniorities, seniority_p = list(SENIORITY_SHARE), np.array(list(SENIORITY_SHARE.values()))
    dates = _posting_dates(rng, n)
    start = PERIOD_END - timedelta(days=int(MONTHS * 30.44))
    listings = []
    for i in range(n):
        role_index = int(rng.choice(len(ROLES), p=role_weights))
        role = ROLES[role_index]
        company, industry, home = companies[int(rng.choice(len(companies), p=company_weights))]
        country = COUNTRIES[home] if rng.uniform() < 0.7 else COUNTRIES[int(rng.choice(len(COUNTRIES), p=country_weights))]
        city_names = [c[0] for c in country.cities]
        city_index = int(
            rng.choice(len(city_names), p=np.array([c[1] for c in country.cities]) / sum(c[1] for c in country.cities))
        )
        city, city_factor = city_names[city_index], country.cities[city_index][2]
        seniority = seniorities[int(rng.choice(5, p=seniority_p))]
        employment = (
            "internship"
            if seniority == "intern"
            else str(rng.choice(["full-time", "contract", "part-time"], p=[0.86, 0.11, 0.03]))
        )
        posted = dates[i]
        progress_share = (posted - start).days / (PERIOD_END - start).days
        mode = _work_mode(rng, country, role, progress_share)
        skills = _skills(rng, role, pools[role_index])
        base_title = str(rng.choice(role.titles))
        title = f"{SENIORITY_PREFIX[seniority]} {base_title}".strip()
        currency = "EUR" if country.code == "BG" and posted >= BG_EURO_DAY else country.currency
        disclosed = rng.uniform() < country.disclosure
        salary = (
            _salary(rng, country, role, seniority, city_factor, currency, employment)
            if disclosed
            else Salary(None, None, None, None)
        )
        listings.append(
            Listing(
                id=f"demo-{seed}-{i:07d}",
                title=title,
                company=company,
                description=_description(rng, role, title, company, industry, city, mode, skills, seniority, rng.uniform() < 0.8),
                skills=skills,
                city=city,
                country=country.code,
                work_mode=mode,
                salary_min=salary.minimum,
                salary_max=salary.maximum,
                salary_currency=salary.currency,
                salary_period=salary.period,
                salary_annual_eur=salary.annual_eur(),
                seniority=seniority,
                employment_type=employment,
                posted_at=posted,
                url=f"https://example.com/nploy-demo/{seed}/{i}",
                source=SOURCE,
            )
        )
        if progress and (i + 1) % 1000 == 0:
            progress(i + 1, n)
    return to_table(listings)
