"""The skills column as arrays: which listings ask for each skill, built once per table.

A listing's skills are a Python list; asking "which of a million listings need Go?" of those lists
is a pass over six million strings (seconds). Here the same facts are a sorted array of row numbers
per skill (postings) and one flat array of (row, skill code) pairs, so a must-have filter is a
lookup and a skill count over any subset of rows is one ``np.bincount``. It is also where the app
reads a listing's skills from: its table leaves the lists out (120 MB of Python lists at 1M listings).
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


class SkillIndex:
    def __init__(self, skills: pd.Series):
        """From a column of skill lists."""
        lengths = np.fromiter(map(len, skills), dtype="int64", count=len(skills))
        codes, names = pd.factorize(pd.Series(list(chain.from_iterable(skills)), dtype=object))
        self._build(codes, [str(n) for n in names], lengths)

    @classmethod
    def from_arrow(cls, lists: pa.ChunkedArray | pa.ListArray) -> SkillIndex:
        """From an Arrow list<string> column (the Parquet file's): no Python string per pair."""
        lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
        lists = lists.fill_null(pa.scalar([], lists.type))
        encoded = pc.dictionary_encode(lists.flatten())
        offsets = lists.offsets.to_numpy()
        index = cls.__new__(cls)
        index._build(encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist(), np.diff(offsets))
        return index

    def _build(self, codes: np.ndarray, names: list[str], lengths: np.ndarray) -> None:
        self.size = len(lengths)
        self.names = names
        self.codes = codes.astype("int16" if len(names) < 2**15 else "int32")  # one per (listing, skill) pair
        self.rows = np.repeat(np.arange(self.size, dtype="int32"), lengths)
        self.starts = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")  # row r: codes[starts[r]:starts[r+1]]
        order = np.argsort(self.codes, kind="stable")
        bounds = np.searchsorted(self.codes[order], np.arange(len(self.names) + 1))
        self._postings = {name: self.rows[order[bounds[i] : bounds[i + 1]]] for i, name in enumerate(self.names)}
        self.asked = np.asarray(lengths, dtype="int32")  # skills each listing asks for

    @classmethod
    def of(cls, frame: pd.DataFrame, index: SkillIndex | None) -> tuple[SkillIndex, np.ndarray]:
        """The index to use for ``frame`` and the frame's row numbers in it: ``index`` when given
        (the frame is a filtered slice of the table it was built on, row labels intact), else one
        built for the frame alone."""
        if index is None:
            return cls(frame["skills"]), np.arange(len(frame))
        return index, frame.index.to_numpy()

    def has(self, skill: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Whether each listing (each of ``rows``, in their order) asks for ``skill``."""
        flags = np.zeros(self.size, dtype=bool)
        flags[self.rows_with(skill)] = True
        return flags if rows is None else flags[rows]

    def coverage(self, skills: set[str], rows: np.ndarray) -> np.ndarray:
        """For each of ``rows``: the share of the skills it asks for that are in ``skills`` (0 when none asked)."""
        codes = [i for i, name in enumerate(self.names) if name in skills]
        covered = np.bincount(self.rows[np.isin(self.codes, codes)], minlength=self.size)[rows]
        asked = self.asked[rows]
        return np.where(asked > 0, covered / np.maximum(asked, 1), 0.0)

    def skills_of(self, rows) -> list[list[str]]:
        """Each row's skills, in the listing's order (the serving table has no skills column)."""
        names = self.names
        return [[names[c] for c in self.codes[self.starts[r] : self.starts[r + 1]].tolist()] for r in rows]

    def rows_with(self, skill: str) -> np.ndarray:
        """Row numbers of the listings that ask for ``skill`` (ascending; empty for an unknown skill)."""
        return self._postings.get(skill, np.zeros(0, dtype="int32"))

    def mask_with_all(self, skills: list[str] | tuple[str, ...]) -> np.ndarray:
        """Boolean mask of the listings that ask for every one of ``skills``."""
        mask = np.ones(self.size, dtype=bool)
        for skill in skills:
            has = np.zeros(self.size, dtype=bool)
            has[self.rows_with(skill)] = True
            mask &= has
        return mask

    def counts(self, rows: np.ndarray | None = None) -> pd.Series:
        """Listings asking for each skill among ``rows`` (row numbers; all rows when None), most first."""
        codes = self.codes
        if rows is not None:
            member = np.zeros(self.size, dtype=bool)
            member[rows] = True
            codes = codes[member[self.rows]]
        counts = np.bincount(codes, minlength=len(self.names))
        series = pd.Series(counts, index=pd.Index(self.names, name="skill"), name="listings")
        return series[series > 0].sort_values(ascending=False, kind="stable")
