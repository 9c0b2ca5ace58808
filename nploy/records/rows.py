"""A listings table's rows by key and by id, and what the query side reads of them: column values, distinct
values, the listings themselves, their skills and the rows of one job. Kept apart from the matcher, which only
searches and ranks; one ``TableRows`` per served table."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from nploy.records.jobs import job_codes
from nploy.records.listing import Listing, listing_key
from nploy.records.skill_index import SkillIndex
from nploy.records.table import from_row


class KeyLookup:
    """Listing key -> position by binary search over the sorted keys (a hash index of a million keys costs 50 MB)."""

    def __init__(self, keys: np.ndarray):
        self._order = np.argsort(np.asarray(keys, dtype="int64"), kind="stable")
        self._sorted = np.asarray(keys, dtype="int64")[self._order]

    def positions(self, keys) -> np.ndarray:
        """Positions of these keys (-1 for a key not there)."""
        keys = np.asarray(keys, dtype="int64")
        if not len(self._sorted):
            return np.full(len(keys), -1, dtype="int64")
        at = np.minimum(np.searchsorted(self._sorted, keys), len(self._sorted) - 1)
        return np.where(self._sorted[at] == keys, self._order[at], -1)


class TableRows:
    def __init__(self, table: pd.DataFrame, skills: SkillIndex):
        self.table = table
        self.skills = skills
        self.keys = table["key"].to_numpy()
        self._rows_of = KeyLookup(self.keys)
        self._distinct: dict[str, frozenset] = {}

    def values(self, name: str, rows) -> list:
        """A column's values at these rows (the table is columnar: ask for many rows at once)."""
        return self.table[name].take(np.asarray(rows, dtype="int64")).tolist()

    def distinct(self, name: str) -> frozenset:
        """The values a column takes, worked out once (swipe feedback asks on every swipe)."""
        if name not in self._distinct:
            self._distinct[name] = frozenset(self.table[name].unique().tolist())
        return self._distinct[name]

    def rows_of_keys(self, keys: np.ndarray) -> np.ndarray:
        """Table rows of these listing keys (-1 for a key not in the table)."""
        return self._rows_of.positions(keys)

    def rows_of_ids(self, ids: list[str]) -> np.ndarray:
        """Table rows of the listings with these ids, in the order given (ids not in the table left out)."""
        rows = self.rows_of_keys(np.array([listing_key(i) for i in ids], dtype="int64"))
        return rows[rows >= 0]

    def keys_of(self, rows) -> np.ndarray:
        return self.keys[np.asarray(rows, dtype="int64")]

    @cached_property
    def _job_codes(self) -> np.ndarray:
        # On first use (a swipe), not at load: 0.24 s at a million rows, then 10 ms a feed (two may both compute it).
        return job_codes(self.table["title"], self.table["company"])

    def job_rows(self, rows) -> np.ndarray:
        """Every row of the jobs these rows post: the rows and their repeats (same title, same employer)."""
        rows = np.asarray(rows, dtype="int64")
        return np.flatnonzero(np.isin(self._job_codes, self._job_codes[rows])) if len(rows) else rows

    def listings(self, rows) -> list[Listing]:
        rows = np.asarray(rows, dtype="int64")
        picked = self.table.take(rows)
        # One object array: DataFrame.to_dict("records") costs four times more for a page of results.
        names = picked.columns.tolist()
        records = [dict(zip(names, values)) for values in picked.to_numpy(dtype=object)]
        for record, skills in zip(records, self.skills.skills_of(rows)):
            record["skills"] = skills
        return [from_row(record) for record in records]

    def skills_of(self, rows) -> list[list[str]]:
        return self.skills.skills_of(rows)
