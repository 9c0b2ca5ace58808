"""Deterministic generator of synthetic tech job listings (``nploy demo-data``).

Everything is drawn from one ``numpy.random.Generator`` seeded by the caller, so the same
``(n, seed)`` always gives the same table. Calibration figures live in ``nploy.demo.catalog``.
Every listing says it is synthetic: ``source`` is ``SOURCE`` and the URL is on example.com.

Slightly over 300 lines: one small function per drawn column (dates, work modes, skills, salaries,
descriptions), kept together because their draw order fixes what a seed gives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from nploy.demo.catalog import (
    BENEFITS,
    COUNTRIES,
    INDUSTRIES,
    INTROS,
    ROLES,
    SENIORITY_PAY,
    SENIORITY_PREFIX,
    SENIORITY_SHARE,
    SENIORITY_YEARS,
    SUFFIXES,
    SYLLABLES,
    WHERE,
)
from nploy.records.listing import COLUMNS
from nploy.records.table import normalise_dtypes
from nploy.vocabulary.money import EUR_PER_UNIT, PERIOD_TO_YEAR
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

SOURCE = "nploy-demo (synthetic)"
PERIOD_END = date(2026, 10, 31)
MONTHS = 24
# Bulgaria adopted the euro on 1 January 2026: later Bulgarian ads quote EUR.
BG_EURO_DAY = date(2026, 1, 1)


def _companies(rng: np.random.Generator, count: int) -> list[tuple[str, str, int]]:
    """(name, industry, home country index): a few hundred employers, some hiring a lot."""
    names: set[str] = set()
    out = []
    country_weights = np.array([c.weight for c in COUNTRIES])
    while len(out) < count:
        first, second = rng.choice(SYLLABLES, size=2, replace=False)
        name = f"{first.capitalize()}{second} {rng.choice(SUFFIXES)}".strip()
        if name in names:
            continue
        names.add(name)
        out.append(
            (name, str(rng.choice(INDUSTRIES)), int(rng.choice(len(COUNTRIES), p=country_weights / country_weights.sum())))
        )
    return out


def _role_pools(taxonomy: Taxonomy) -> list[list[str]]:
    """Per role, taxonomy skills O*NET links to the role's occupations, in the role's categories. Only the skills a
    listing's vector names (``Skill.embedded``): the ones read for role evidence alone came after the bundled demo
    and its generated set were drawn, and drawing them would change both."""
    pools = []
    for role in ROLES:
        core = {s for stack in role.stacks for s in stack} | set(role.extras)
        categories = {taxonomy.category(s) for s in core}
        linked = [
            skill.name
            for skill in taxonomy.skills.values()
            if set(skill.onet_occupations) & set(role.onet_codes)
            and skill.category in categories
            and skill.hot_technology
            and skill.embedded
        ]
        pools.append(sorted(set(linked) - core))
    return pools


def _posting_dates(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days over 24 months (datetime64[D]), volume growing ~20% across the window, with a summer dip."""
    days = int(MONTHS * 30.44)
    chosen = np.zeros(0)
    while len(chosen) < n:  # rejection sampling; twice the draws almost always suffice
        offsets = rng.uniform(0, 1, size=max(n * 2, 64))
        weight = (0.9 + 0.2 * offsets) * (1 - 0.15 * np.exp(-(((offsets * MONTHS) % 12 - 7.5) ** 2) / 2))
        keep = rng.uniform(0, weight.max(), size=offsets.size) < weight
        chosen = np.concatenate([chosen, offsets[keep]])
    back = ((1 - chosen[:n]) * days).astype(int)
    return np.datetime64(PERIOD_END, "D") - back.astype("timedelta64[D]")


def _pick(rng: np.random.Generator, weights_by_group: list[np.ndarray], groups: np.ndarray) -> np.ndarray:
    """For each row, an index drawn from its group's weights (groups are few: loop over them, not rows)."""
    out = np.zeros(len(groups), dtype=int)
    for group, weights in enumerate(weights_by_group):
        rows = np.flatnonzero(groups == group)
        if len(rows):
            out[rows] = rng.choice(len(weights), size=len(rows), p=weights / weights.sum())
    return out


def _work_modes(rng: np.random.Generator, country: np.ndarray, role: np.ndarray, progress: np.ndarray) -> np.ndarray:
    # Return-to-office drift: fully remote shrinks by a quarter over the window, hybrid takes it.
    remote_base = np.array([c.remote for c in COUNTRIES])[country] * np.array([r.remote_factor for r in ROLES])[role]
    remote = np.minimum(0.9, remote_base * (1.1 - 0.35 * progress))
    hybrid = np.minimum(0.95 - remote, np.array([c.hybrid for c in COUNTRIES])[country] * (0.92 + 0.2 * progress))
    draw = rng.uniform(size=len(country))
    return np.where(draw < remote, "remote", np.where(draw < remote + hybrid, "hybrid", "onsite"))


def _skills(rng: np.random.Generator, role: np.ndarray, pools: list[list[str]]) -> list[list[str]]:
    """A stack per listing (its first two skills always, the rest 85%), 1-4 extras, sometimes an O*NET skill."""
    n = len(role)
    stack_draw, keep_draw = rng.uniform(size=n), rng.uniform(size=(n, 8))
    extra_count, extra_order = rng.integers(1, 5, size=n), rng.uniform(size=(n, 12)).argsort(axis=1)
    onet_draw, onet_pick = rng.uniform(size=n), rng.uniform(size=n)
    out = []
    for i, r in enumerate(role.tolist()):
        spec = ROLES[r]
        stack = spec.stacks[int(stack_draw[i] * len(spec.stacks))]
        core = [s for j, s in enumerate(stack) if j < 2 or keep_draw[i, j % 8] < 0.85]
        extras = [spec.extras[j] for j in extra_order[i] if j < len(spec.extras)][: extra_count[i]]
        pool = pools[r]
        onet = [pool[int(onet_pick[i] * len(pool))]] if pool and onet_draw[i] < 0.35 else []
        out.append(list(dict.fromkeys(core + extras + onet)))
    return out


def _salaries(
    rng: np.random.Generator,
    country: np.ndarray,
    role: np.ndarray,
    seniority: np.ndarray,
    city_factor: np.ndarray,
    currency: np.ndarray,
    employment: np.ndarray,
) -> dict[str, np.ndarray]:
    """Posted ranges in local currency and period (lognormal around the calibrated median), and their annual EUR midpoint."""
    n = len(country)
    pay = np.array([SENIORITY_PAY[s] for s in SENIORITY_SHARE])[seniority]
    median = np.array([c.mid_backend_eur for c in COUNTRIES])[country] * np.array([r.pay_factor for r in ROLES])[role]
    centre = np.exp(rng.normal(np.log(median * pay * city_factor), 0.17))
    low, high = centre * rng.uniform(0.82, 0.95, size=n), centre * rng.uniform(1.05, 1.22, size=n)
    codes = np.array([c.code for c in COUNTRIES])[country]
    monthly = rng.uniform(size=n) < np.array([c.monthly_pay_share for c in COUNTRIES])[country]
    contract = employment == "contract"
    day_rate = contract & np.isin(codes, ["GB", "NL", "DE", "IE"])  # day rates carry no benefits: ~28% lower per year
    hourly = contract & np.isin(codes, ["US", "CA"]) & ~monthly
    period = np.select([day_rate, monthly, hourly], ["day", "month", "hour"], "year")
    divisor = np.select([day_rate, monthly, hourly], [220.0 * 0.72, 12.0, 2080.0 * 0.8], 1.0)
    step = np.select([day_rate, monthly, hourly], [25, 100, 5], 1000)
    rate = np.array([EUR_PER_UNIT[c] for c in currency])
    local_low = np.round(low / divisor / rate / step) * step
    local_high = np.maximum(np.round(high / divisor / rate / step) * step, local_low + step)
    annual = (local_low + local_high) / 2 * np.array([PERIOD_TO_YEAR[p] for p in period]) * rate
    return {"salary_min": local_low, "salary_max": local_high, "salary_period": period, "salary_annual_eur": annual}


def _descriptions(rng: np.random.Generator, columns: dict, role: np.ndarray) -> list[str]:
    n = len(role)
    intro, where = rng.integers(len(INTROS), size=n), rng.integers(3, size=n)
    duty_order = rng.uniform(size=(n, 8)).argsort(axis=1)
    benefits, benefit_order = rng.uniform(size=n) < 0.8, rng.uniform(size=(n, len(BENEFITS))).argsort(axis=1)
    out = []
    for i, r in enumerate(role.tolist()):
        spec, skills = ROLES[r], columns["skills"][i]
        title, company, industry = columns["title"][i], columns["company"][i], columns["industry"][i]
        city, mode, seniority = columns["city"][i], columns["work_mode"][i], columns["seniority"][i]
        duties = [spec.duties[j] for j in duty_order[i] if j < len(spec.duties)][:3]
        must, nice = skills[: max(2, len(skills) - 2)], skills[max(2, len(skills) - 2) :]
        lines = [
            INTROS[intro[i]].format(company=company, industry=industry, city=city),
            f"We are looking for a {title} to " + "; ".join(duties) + ".",
            f"What you bring: {SENIORITY_YEARS[seniority]} years of experience with " + ", ".join(must) + ".",
        ]
        if nice:
            lines.append("Nice to have: " + ", ".join(nice) + ".")
        lines.append(WHERE[mode][where[i]].format(city=city))
        if benefits[i]:
            lines.append("We offer " + ", ".join(BENEFITS[j] for j in benefit_order[i][:3]) + ".")
        out.append(" ".join(lines))
    return out


def generate(
    n: int, seed: int = 7, taxonomy: Taxonomy | None = None, progress: Callable[[int, int], None] | None = None
) -> pd.DataFrame:
    """``n`` synthetic listings as the normalised table; the same (n, seed) gives the same table.

    Column-wise: every random choice is drawn for all rows at once, and only the text (skills,
    description) is assembled row by row, so a million listings take about a minute.
    """
    rng = np.random.default_rng(seed)
    taxonomy = taxonomy or load_taxonomy()
    pools = _role_pools(taxonomy)
    companies = _companies(rng, max(40, min(600, n // 30)))
    company_weights = 1.0 / np.arange(1, len(companies) + 1) ** 0.8
    role_weights = np.array([r.weight for r in ROLES])
    country_weights = np.array([c.weight for c in COUNTRIES])
    role = rng.choice(len(ROLES), size=n, p=role_weights / role_weights.sum())
    company = rng.choice(len(companies), size=n, p=company_weights / company_weights.sum())
    home = np.array([c[2] for c in companies])[company]
    country = np.where(
        rng.uniform(size=n) < 0.7, home, rng.choice(len(COUNTRIES), size=n, p=country_weights / country_weights.sum())
    )
    city = _pick(rng, [np.array([c[1] for c in k.cities]) for k in COUNTRIES], country)
    seniority = rng.choice(5, size=n, p=np.array(list(SENIORITY_SHARE.values())))
    employment = np.where(
        seniority == 0, "internship", rng.choice(["full-time", "contract", "part-time"], size=n, p=[0.86, 0.11, 0.03])
    )
    posted = _posting_dates(rng, n)
    start = np.datetime64(PERIOD_END, "D") - np.timedelta64(int(MONTHS * 30.44), "D")
    share = (posted - start).astype(int) / (np.datetime64(PERIOD_END, "D") - start).astype(int)
    modes = _work_modes(rng, country, role, share)
    if progress:
        progress(n // 10, n)
    levels = list(SENIORITY_SHARE)
    columns: dict = {
        "title": [
            f"{SENIORITY_PREFIX[levels[s]]} {ROLES[r].titles[t % len(ROLES[r].titles)]}".strip()
            for s, r, t in zip(seniority.tolist(), role.tolist(), rng.integers(0, 60, size=n).tolist())
        ],
        "company": [companies[c][0] for c in company.tolist()],
        "industry": [companies[c][1] for c in company.tolist()],
        "city": [COUNTRIES[k].cities[c][0] for k, c in zip(country.tolist(), city.tolist())],
        "work_mode": modes.tolist(),
        "seniority": [levels[s] for s in seniority.tolist()],
        "skills": _skills(rng, role, pools),
    }
    if progress:
        progress(n // 2, n)
    currency = np.array([c.currency for c in COUNTRIES], dtype=object)[country]
    currency = np.where(
        (np.array([c.code for c in COUNTRIES])[country] == "BG") & (posted >= np.datetime64(BG_EURO_DAY)), "EUR", currency
    )
    city_factor = np.array([COUNTRIES[k].cities[c][2] for k, c in zip(country.tolist(), city.tolist())])
    pay = _salaries(rng, country, role, seniority, city_factor, currency, employment)
    disclosed = rng.uniform(size=n) < np.array([c.disclosure for c in COUNTRIES])[country]
    columns["description"] = _descriptions(rng, columns, role)
    frame = pd.DataFrame(
        {
            "id": [f"demo-{seed}-{i:07d}" for i in range(n)],
            "title": columns["title"],
            "company": columns["company"],
            "description": columns["description"],
            "skills": columns["skills"],
            "city": columns["city"],
            "country": np.array([c.code for c in COUNTRIES])[country],
            "work_mode": columns["work_mode"],
            "salary_min": np.where(disclosed, pay["salary_min"], np.nan),
            "salary_max": np.where(disclosed, pay["salary_max"], np.nan),
            "salary_currency": np.where(disclosed, currency, None),
            "salary_period": np.where(disclosed, pay["salary_period"], None),
            "salary_annual_eur": np.where(disclosed, pay["salary_annual_eur"], np.nan),
            "seniority": columns["seniority"],
            "employment_type": employment,
            "posted_at": posted,
            "url": [f"https://example.com/nploy-demo/{seed}/{i}" for i in range(n)],
            "source": SOURCE,
        },
        columns=list(COLUMNS),
    )
    if progress:
        progress(n, n)
    return normalise_dtypes(frame)
