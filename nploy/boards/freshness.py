"""Keeping a board's listings fresh: a board lists all its open jobs, so a fetch adds its new listings,
replaces the changed ones, and closes (removes) the ones that left that board, never another board's.
Each listing keeps ``first_seen`` (the first fetch that found it) and ``last_seen`` (the latest).

A guard: a fetch that would close more than half of a board's listings (a board that suddenly returns
nothing, or a broken page) changes nothing unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from nploy.records.table import normalise_dtypes

CLOSE_GUARD = 0.5  # a fetch closing more than this share of a board's listings needs --force
# What a listing says: a fetch that finds the same id with other values here has changed it.
CONTENT = ("title", "company", "description", "city", "country", "work_mode", "salary_min", "salary_max", "url")


@dataclass(frozen=True)
class BoardChange:
    board: str
    added: int = 0
    changed: int = 0
    closed: int = 0
    unchanged: int = 0
    refused: str = ""  # why nothing was changed (the guard), "" when applied

    def summary(self) -> str:
        if self.refused:
            return f"{self.board}: not applied: {self.refused}"
        return f"{self.board}: {self.added} new, {self.changed} changed, {self.closed} closed, {self.unchanged} unchanged"


def apply_fetch(
    existing: pd.DataFrame | None,
    fetched: pd.DataFrame,
    board: str,
    today: date,
    closes: bool = True,
    force: bool = False,
) -> tuple[pd.DataFrame, BoardChange]:
    """The table after a fetch of ``board`` (whose listings carry ``source == board``).

    ``closes``: the board lists all its open jobs, so listings of it the fetch did not find are closed
    (a search API lists only matches: nothing is closed)."""
    existing = existing if existing is not None else fetched.iloc[0:0]
    mine = existing["source"].astype(str) == board
    before = existing[mine]
    found = set(fetched["id"])
    leaving = before[~before["id"].isin(found)]
    if closes and len(before) and len(leaving) > CLOSE_GUARD * len(before) and not force:
        reason = (
            f"it would close {len(leaving)} of the board's {len(before)} listings (an empty or broken response?); "
            "fetch again with --force if the board really closed them"
        )
        return existing, BoardChange(board, refused=reason)
    known = before.set_index("id")
    stamped = fetched.copy()
    first_seen = [known.at[i, "first_seen"] if i in known.index else pd.NaT for i in stamped["id"]]
    stamped["first_seen"] = [pd.Timestamp(today) if pd.isna(f) else f for f in first_seen]
    stamped["last_seen"] = pd.Timestamp(today)
    new = ~stamped["id"].isin(known.index)
    changed = int(sum(_differs(known.loc[i], row) for i, row in stamped[~new].set_index("id").iterrows()))
    kept_elsewhere = existing[~mine] if closes else existing[~(mine & existing["id"].isin(found))]
    table = pd.concat([kept_elsewhere.drop(columns=["key"], errors="ignore"), stamped.drop(columns=["key"], errors="ignore")])
    change = BoardChange(
        board,
        added=int(new.sum()),
        changed=changed,
        closed=len(leaving) if closes else 0,
        unchanged=int((~new).sum()) - changed,
    )
    return normalise_dtypes(table.reset_index(drop=True)), change


def _differs(old: pd.Series, new: pd.Series) -> bool:
    for column in CONTENT:
        a, b = old.get(column), new.get(column)
        if (a is None or (isinstance(a, float) and np.isnan(a))) and (b is None or (isinstance(b, float) and np.isnan(b))):
            continue
        if str(a) != str(b):
            return True
    return False
