"""Skill gaps: what a target market asks for that the candidate lacks, and what one more skill buys.

The target is the listings of a role family (optionally at the candidate's seniority), or the
listings the candidate liked. A listing "matches" for the what-if when the candidate has at least
``MATCH_COVERAGE`` of the skills it asks for; the salary band is the p25/p50/p75 of those matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from nploy.market.figures import MIN_SAMPLE, skill_demand, skill_premium
from nploy.records.profile import Profile
from nploy.records.skill_index import SkillIndex

MATCH_COVERAGE = 0.5


def target_listings(
    frame: pd.DataFrame, role: str | None = None, seniority: str | None = None, liked_ids: list[str] | None = None
) -> pd.DataFrame:
    """Liked listings when given, else the role family's (at a seniority when given)."""
    if liked_ids:
        return frame[frame["id"].isin(liked_ids)]
    target = frame if not role else frame[frame["role"] == role]
    return target if not seniority else target[target["seniority"] == seniority]


def skill_gaps(target: pd.DataFrame, profile: Profile, top: int = 15, skill_index: SkillIndex | None = None) -> pd.DataFrame:
    """Skills most asked for in ``target`` that the profile lacks, with count, share and salary premium.

    Ranked by listings asking, then premium; ``n_with``/``n_without`` show how many disclosed
    salaries each premium rests on.
    """
    have = set(profile.all_skills())
    demand = skill_demand(target, top=top + len(have), skill_index=skill_index)
    demand = demand[~demand["skill"].isin(have)].head(top)
    premium = skill_premium(target, list(demand["skill"]), skill_index)
    merged = demand.merge(premium, on="skill", how="left")
    # A premium over fewer than MIN_SAMPLE salaries is not one ("+8 %" from a single posting's pay).
    thin = merged["n_with"] < MIN_SAMPLE
    merged.loc[thin, ["median_with", "premium"]] = np.nan
    return merged.sort_values(["listings", "premium"], ascending=[False, False]).reset_index(drop=True)


@dataclass(frozen=True)
class Band:
    matches: int
    n_salary: int
    p25: float | None
    p50: float | None
    p75: float | None


@dataclass(frozen=True)
class WhatIf:
    skill: str
    before: Band
    after: Band

    @property
    def added(self) -> int:
        return self.after.matches - self.before.matches


def band(target: pd.DataFrame, skills: set[str], skill_index: SkillIndex | None = None) -> Band:
    index, rows = SkillIndex.of(target, skill_index)
    matched = target[index.coverage(skills, rows) >= MATCH_COVERAGE]
    salaries = matched["salary_annual_eur"].dropna().to_numpy()
    if len(salaries) < MIN_SAMPLE:
        return Band(len(matched), len(salaries), None, None, None)
    p25, p50, p75 = (float(v) for v in np.percentile(salaries, [25, 50, 75]))
    return Band(len(matched), len(salaries), p25, p50, p75)


def what_if(target: pd.DataFrame, profile: Profile, skill: str, skill_index: SkillIndex | None = None) -> WhatIf:
    """How many more target listings match, and how their salary band moves, with one more skill."""
    have = set(profile.all_skills())
    return WhatIf(skill=skill, before=band(target, have, skill_index), after=band(target, have | {skill}, skill_index))
