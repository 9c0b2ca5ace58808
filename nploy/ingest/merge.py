"""Merging a new batch of listings into an existing table (``nploy ingest --append``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from nploy.records.table import normalise_dtypes


@dataclass(frozen=True)
class Merge:
    """What `nploy ingest --append` did to an existing table."""

    added: int
    updated: int
    expired: int
    total: int

    def summary(self) -> str:
        return f"appended {self.added} new, updated {self.updated}, expired {self.expired}: {self.total} listings"


def merge(existing: pd.DataFrame | None, incoming: pd.DataFrame, expire_before: date | None = None) -> tuple[pd.DataFrame, Merge]:
    """The table after appending: an incoming listing replaces the one with its id (a re-posted or
    edited ad), the rest are added; with ``expire_before``, listings posted before that day leave
    (undated ones stay: nothing says they expired)."""
    existing = existing if existing is not None else incoming.iloc[0:0]
    replaced = existing["id"].isin(incoming["id"])
    merged = pd.concat([existing[~replaced], incoming], ignore_index=True)
    expired = 0
    if expire_before is not None:
        old = (merged["posted_at"] < pd.Timestamp(expire_before)).fillna(False).to_numpy(dtype=bool)
        expired = int(old.sum())
        merged = merged[~old]
    merged = normalise_dtypes(merged)
    return merged, Merge(len(incoming) - int(replaced.sum()), int(replaced.sum()), expired, len(merged))
