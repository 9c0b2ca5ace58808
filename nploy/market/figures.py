"""Market figures over the listings table: salaries, work modes, skill demand, volume.

Every function takes an already filtered frame (``MarketFilter.apply``) that carries the ``role``
column (``with_roles``), and returns a small DataFrame with its sample sizes, ready to chart.
Salaries are ``salary_annual_eur`` (annual, EUR, fixed FX; see docs/schema.md), disclosed rows only.

The skill figures take ``skill_index``, the table's ``SkillIndex`` (the frame keeps the table's row
labels), and then count with arrays: a million listings answer in well under a second. Without it
they build one for the frame (fine for thousands of rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from nploy.records.skill_index import SkillIndex
from nploy.vocabulary.roles import role_families

MIN_SAMPLE = 5  # below this a percentile is not shown


@dataclass(frozen=True)
class Headline:
    listings: int
    companies: int
    countries: int
    work_mode_share: dict[str, float]
    remote_share: float
    salary_disclosed_share: float
    salary_sample: int
    median_salary_eur: float | None


def headline(table: pd.DataFrame) -> Headline:
    """The numbers a demo opens with; shares are of all listings, the median of disclosed salaries."""
    salaries = table["salary_annual_eur"].dropna()
    shares = table["work_mode"].value_counts(normalize=True)
    return Headline(
        listings=len(table),
        companies=int(table["company"].replace("", pd.NA).nunique()),
        countries=int(table["country"].replace("", pd.NA).nunique()),
        work_mode_share={mode: float(shares.get(mode, 0.0)) for mode in ("remote", "hybrid", "onsite")},
        remote_share=float(shares.get("remote", 0.0)),
        salary_disclosed_share=float(len(salaries) / len(table)) if len(table) else 0.0,
        salary_sample=len(salaries),
        median_salary_eur=float(salaries.median()) if len(salaries) else None,
    )


def with_roles(table: pd.DataFrame) -> pd.DataFrame:
    """The table plus ``role`` (family from the title) and ``month`` (posting month)."""
    # assign, not copy-and-set: under copy-on-write the new frame shares the table's columns.
    return table.assign(role=role_families(table["title"]), month=table["posted_at"].dt.to_period("M").dt.to_timestamp())


@dataclass(frozen=True)
class MarketFilter:
    roles: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    work_modes: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    skill: str | None = None

    def mask(self, frame: pd.DataFrame, skill_index: SkillIndex | None = None) -> np.ndarray:
        """Which rows of ``frame`` (a market frame, ``with_roles``) pass this filter."""
        mask = np.ones(len(frame), dtype=bool)
        for column, values in (
            ("role", self.roles),
            ("seniority", self.seniorities),
            ("country", self.countries),
            ("city", self.cities),
            ("work_mode", self.work_modes),
        ):
            if values:
                mask &= frame[column].isin(values).to_numpy()
        if self.date_from:
            mask &= (frame["posted_at"] >= pd.Timestamp(self.date_from)).to_numpy()
        if self.date_to:
            mask &= (frame["posted_at"] <= pd.Timestamp(self.date_to)).to_numpy()
        if self.skill:
            index, rows = SkillIndex.of(frame, skill_index)
            mask &= index.has(self.skill, rows)
        return mask

    def apply(self, frame: pd.DataFrame, skill_index: SkillIndex | None = None) -> pd.DataFrame:
        return frame[self.mask(frame, skill_index)]


def salary_by_role_seniority(frame: pd.DataFrame) -> pd.DataFrame:
    """p5/p25/p50/p75/p95 and n per role x seniority, plus the share of listings that disclose pay."""
    grouped = frame.groupby(["role", "seniority"], observed=True)
    salary = grouped["salary_annual_eur"]
    out = pd.DataFrame({"n_listings": grouped.size(), "n_salary": salary.count()})
    for name, q in (("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95)):
        out[name] = salary.quantile(q)
    out["disclosed_share"] = out["n_salary"] / out["n_listings"]
    return out.reset_index()


def disclosure_by_role(frame: pd.DataFrame) -> pd.DataFrame:
    """Per role: listings, the share that state pay, and the share whose pay is only a board's estimate."""
    disclosed = frame["salary_annual_eur"].notna()
    estimated = disclosed & frame["salary_estimated"].astype(bool) if "salary_estimated" in frame else disclosed & False
    grouped = pd.DataFrame({"role": frame["role"], "disclosed": disclosed, "estimated": estimated}).groupby("role", observed=True)
    out = pd.DataFrame({"n_listings": grouped.size(), "disclosed_share": grouped["disclosed"].mean()})
    out["estimated_share"] = grouped["estimated"].mean()
    return out.reset_index()


@dataclass(frozen=True)
class Benchmark:
    n: int
    p10: float | None
    p25: float | None
    p50: float | None
    p75: float | None
    p90: float | None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_SAMPLE


def salary_benchmark(frame: pd.DataFrame, skills: tuple[str, ...] = (), skill_index: SkillIndex | None = None) -> Benchmark:
    """The percentile band of disclosed salaries in ``frame`` among listings asking for all ``skills``."""
    if skills:
        index, rows = SkillIndex.of(frame, skill_index)
        frame = frame[np.logical_and.reduce([index.has(skill, rows) for skill in skills])]
    values = frame["salary_annual_eur"].dropna().to_numpy()
    if len(values) < MIN_SAMPLE:
        return Benchmark(len(values), None, None, None, None, None)
    p10, p25, p50, p75, p90 = (float(v) for v in np.percentile(values, [10, 25, 50, 75, 90]))
    return Benchmark(len(values), p10, p25, p50, p75, p90)


def work_mode_share(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Long table: by-value, work_mode, share, n (listings in the group)."""
    counts = frame.groupby([by, "work_mode"], observed=True).size().rename("count").reset_index()
    totals = counts.groupby(by, observed=True)["count"].transform("sum")
    counts["share"] = counts["count"] / totals
    counts["n"] = totals
    return counts


def work_mode_over_time(frame: pd.DataFrame) -> pd.DataFrame:
    return work_mode_share(frame, "month").sort_values("month")


def posting_volume(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby("month", observed=True).size().rename("listings").reset_index().sort_values("month")


def skill_demand(frame: pd.DataFrame, top: int = 20, skill_index: SkillIndex | None = None) -> pd.DataFrame:
    """Top skills: listings asking for each, and their share of all listings in the frame."""
    if frame.empty:
        return pd.DataFrame(columns=["skill", "listings", "share"])
    index, rows = SkillIndex.of(frame, skill_index)
    counts = index.counts(rows).head(top)
    return pd.DataFrame({"skill": counts.index, "listings": counts.to_numpy(), "share": counts.to_numpy() / len(frame)})


def skill_trend(frame: pd.DataFrame, skills: list[str], skill_index: SkillIndex | None = None) -> pd.DataFrame:
    """Monthly share of listings asking for each skill: month, skill, share, n (listings that month)."""
    per_month = frame.groupby("month", observed=True).size().rename("n")
    index, rows = SkillIndex.of(frame, skill_index)
    months = frame["month"].to_numpy()
    counts = [
        pd.DataFrame({"month": months[index.has(skill, rows)], "skill": skill}).groupby(["month", "skill"]).size()
        for skill in skills
    ]
    if not counts or frame.empty:
        return pd.DataFrame(columns=["month", "skill", "count", "n", "share"])
    counts = pd.concat(counts).rename("count").reset_index()
    counts = counts.merge(per_month.reset_index(), on="month")
    counts["share"] = counts["count"] / counts["n"]
    return counts.sort_values("month")


def skill_premium(frame: pd.DataFrame, skills: list[str], skill_index: SkillIndex | None = None) -> pd.DataFrame:
    """Median disclosed salary of listings asking for a skill against those that do not, with counts."""
    columns = ["skill", "n_with", "n_without", "median_with", "median_without", "premium"]
    paid = frame[frame["salary_annual_eur"].notna()]
    if paid.empty or not len(skills):
        return pd.DataFrame(columns=columns)
    salaries = paid["salary_annual_eur"].to_numpy()
    index, rows = SkillIndex.of(paid, skill_index)
    out = []
    for skill in skills:
        has = index.has(skill, rows)
        median_with = float(np.median(salaries[has])) if has.any() else np.nan
        median_without = float(np.median(salaries[~has])) if (~has).any() else np.nan
        out.append([skill, int(has.sum()), int((~has).sum()), median_with, median_without, median_with / median_without - 1])
    return pd.DataFrame(out, columns=columns)
