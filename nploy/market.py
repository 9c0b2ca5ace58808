"""Market figures over the listings table (headline numbers; the dashboard issue adds the charts)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
