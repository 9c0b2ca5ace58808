"""Matcher: profile in, top-N explained matches out.

1. Hard filters (``nploy.search.filters``) make a boolean mask over the table. They are exact: the
   FAISS search is restricted to the passing listings, so no result breaks a filter and, when fewer
   than N pass, all of them come back.
2. A candidate pool (the ``pool_size(n)`` nearest passing listings) is re-ranked by the hybrid score
   (``nploy.search.scoring``) and explained (``nploy.search.explain``).

The swipe feed (``nploy.search.feedback``) builds its own pools through the same public methods.
"""

from __future__ import annotations

import copy
import threading

import numpy as np
import pandas as pd

from nploy.records.listing import Listing, listing_key
from nploy.records.match import Match
from nploy.records.profile import Profile
from nploy.records.table import from_row
from nploy.search.encoder import Encoder
from nploy.search.explain import explain
from nploy.search.filters import TableFilters
from nploy.search.index import VectorIndex
from nploy.search.ranking import RankingSettings, load_ranking
from nploy.search.scoring import Candidate, rank, score_parts
from nploy.search.texts import profile_text


class Matcher:
    def __init__(
        self,
        table: pd.DataFrame,
        index: VectorIndex,
        encoder: Encoder,
        filters: TableFilters | None = None,
        ranking: RankingSettings | None = None,
    ):
        self.table = table
        self.index = index
        self.encoder = encoder
        self.filters = filters or TableFilters(table)
        self.ranking = ranking or load_ranking()
        keys = table["key"].to_numpy()
        self._keys = keys
        # key -> row by binary search over the sorted keys: a hash index of a million keys costs 50 MB.
        self._key_order = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[self._key_order]
        # Filters are masks over table rows; the index takes masks over its own positions. They are
        # the same order after a full build, not always after an incremental one.
        same = np.array_equal(index.keys, keys)
        self._position_of_row = None if same else index.positions(keys)
        self._row_of_position = None if same else self.rows_of_keys(index.keys)
        self._distinct: dict[str, frozenset] = {}
        self._query_cache: dict[str, np.ndarray] = {}
        self._query_lock = threading.Lock()

    def with_ranking(self, ranking: RankingSettings) -> Matcher:
        """The same matcher (table, index, caches shared) ranking with other settings."""
        other = copy.copy(self)
        other.ranking = ranking
        return other

    # --- rows, keys and columns ---------------------------------------------------------------

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
        keys = np.asarray(keys, dtype="int64")
        if not len(self._sorted_keys):
            return np.full(len(keys), -1, dtype="int64")
        at = np.minimum(np.searchsorted(self._sorted_keys, keys), len(self._sorted_keys) - 1)
        return np.where(self._sorted_keys[at] == keys, self._key_order[at], -1)

    def rows_of_ids(self, ids: list[str]) -> np.ndarray:
        """Table rows of the listings with these ids, in the order given (ids not in the table left out)."""
        rows = self.rows_of_keys(np.array([listing_key(i) for i in ids], dtype="int64"))
        return rows[rows >= 0]

    def keys_of(self, rows) -> np.ndarray:
        return self._keys[np.asarray(rows, dtype="int64")]

    def vectors(self, rows) -> np.ndarray:
        """The stored embeddings of these rows (an empty (0, d) array for none)."""
        return self.index.vectors(self.keys_of(rows))

    def listings(self, rows) -> list[Listing]:
        rows = np.asarray(rows, dtype="int64")
        picked = self.table.take(rows)
        # One object array: DataFrame.to_dict("records") costs four times more for a page of results.
        names = picked.columns.tolist()
        records = [dict(zip(names, values)) for values in picked.to_numpy(dtype=object)]
        for record, skills in zip(records, self.filters.skills.skills_of(rows)):
            record["skills"] = skills
        return [from_row(record) for record in records]

    def skills_of(self, rows) -> list[list[str]]:
        return self.filters.skills.skills_of(rows)

    # --- searching ----------------------------------------------------------------------------

    def forget_queries(self) -> None:
        """Drop remembered query vectors (benchmarks use it to time the embedding every time)."""
        with self._query_lock:
            self._query_cache.clear()

    def query_vector(self, profile: Profile) -> np.ndarray:
        """The profile's embedding; the last few are remembered (a swipe session asks for the same one)."""
        text = profile_text(profile)
        with self._query_lock:  # one Matcher serves every session of the app
            cached = self._query_cache.get(text)
        if cached is not None:
            return cached
        vector = self.encoder.encode([text])[0]
        with self._query_lock:
            if len(self._query_cache) >= 64:
                self._query_cache.pop(next(iter(self._query_cache)))
            self._query_cache[text] = vector
        return vector

    def mask(self, profile: Profile, exclude_rows=None) -> np.ndarray:
        """Table rows that pass the profile's hard filters, less ``exclude_rows``."""
        mask = self.filters.mask(profile)
        if exclude_rows is not None and len(exclude_rows):
            mask[np.asarray(exclude_rows, dtype="int64")] = False
        return mask

    def nearest(self, query: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(cosines, table rows) of the ``k`` nearest listings to ``query`` among those ``mask`` passes."""
        similarities, positions = self.index.search_positions(query, k, None if mask is None else self._index_mask(mask))
        rows = positions if self._row_of_position is None else self._row_of_position[positions]
        return similarities, rows

    def candidates(self, profile: Profile, n: int = 20, query: np.ndarray | None = None, exclude_rows=None) -> list[Candidate]:
        """The pool the hybrid score re-ranks: the ``ranking.pool_size(n)`` nearest listings that pass
        every hard filter, each with its score parts (independent of the weights)."""
        query = self.query_vector(profile) if query is None else query
        similarities, rows = self.nearest(query, self.ranking.pool_size(n), self.mask(profile, exclude_rows))
        pool = self.table[["seniority", "title"]].take(rows)  # only what the score reads
        return [
            Candidate(int(row), float(sim), score_parts(profile, skills, seniority, title, float(sim), self.ranking))
            for row, sim, skills, seniority, title in zip(
                rows, similarities, self.skills_of(rows), pool["seniority"].tolist(), pool["title"].tolist()
            )
        ]

    def explained(self, profile: Profile, ranked: list[Candidate]) -> list[Match]:
        """Ranked candidates as explained matches, in the order given."""
        listings = self.listings([c.row for c in ranked])
        return [explain(profile, item, c.similarity, self.ranking, c.parts) for c, item in zip(ranked, listings)]

    def match(self, profile: Profile, n: int = 20, query: np.ndarray | None = None, exclude_rows=None) -> list[Match]:
        """Top ``n`` matches; ``query`` overrides the profile's embedding and ``exclude_rows`` drops
        listings (swipe feedback uses both)."""
        ranked = rank(self.candidates(profile, n, query, exclude_rows), self.ranking.weights)[:n]
        return self.explained(profile, ranked)

    def _index_mask(self, mask: np.ndarray) -> np.ndarray | None:
        """A mask over table rows as a mask over the index's positions (None: no restriction)."""
        if mask.all():
            return None
        if self._position_of_row is None:
            return mask
        positions = np.zeros(self.index.index.ntotal, dtype=bool)
        positions[self._position_of_row[mask]] = True
        return positions
