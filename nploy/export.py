"""CSV export that is safe to open in a spreadsheet.

Cells starting with =, +, -, @, tab or carriage return are prefixed with a single quote, as the
OWASP CSV-injection guidance recommends, so a listing title cannot become a formula.
"""

from __future__ import annotations

import pandas as pd

from nploy.records.match import Match

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def matches_frame(matches: list[Match]) -> pd.DataFrame:
    rows = []
    for rank, item in enumerate(matches, start=1):
        row = item.to_dict()
        row["rank"] = rank
        row["score_parts"] = "; ".join(f"{k}={v}" for k, v in item.parts.items())
        row["matched_skills"] = ", ".join(item.matched_skills)
        row["missing_skills"] = ", ".join(item.missing_skills)
        row["other_places"] = "; ".join(item.listing.other_places)
        rows.append(row)
    columns = [
        "rank",
        "score",
        "title",
        "company",
        "city",
        "country",
        "work_mode",
        "seniority",
        "salary_annual_eur",
        "salary_estimated",
        "salary_fit",
        "score_parts",
        "matched_skills",
        "missing_skills",
        "other_places",
        "posted_at",
        "source",
        "url",
        "id",
    ]
    return pd.DataFrame(rows, columns=columns)


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False).encode("utf-8")
