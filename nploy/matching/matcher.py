"""Matcher: profile in, top-N explained matches out.

1. Hard filters (``nploy.matching.filters``) make a boolean mask over the table. They are exact: both
   searches are restricted to the passing listings, so no result breaks a filter and, when fewer than
   N pass, all of them come back.
2. A candidate pool from two legs: the ``pool_size(n)`` nearest passing listings by embedding (FAISS)
   and the ``pool_size(n)`` best by BM25 over title and description (``nploy.index.lexical``), when
   the dataset has a lexical index. Every candidate gets its cosine, its keyword score and, when the
   profile's form weighs titles, the similarity of its head vector to the desired titles alone.
3. The pool is re-ranked by the hybrid score (``nploy.matching.scoring``) with the weights of the
   profile's form, and explained (``nploy.matching.explain``).

The swipe feed (``nploy.matching.feedback``) builds its own pools through the same public methods.
"""

from __future__ import annotations

import copy
import threading
from functools import cached_property

import numpy as np
import pandas as pd

from nploy.index.encoder import Encoder
from nploy.index.index import VectorIndex
from nploy.index.lexical import LexicalIndex
from nploy.index.texts import profile_text
from nploy.matching import by_role
from nploy.matching.explain import explain
from nploy.matching.filters import TableFilters
from nploy.matching.pool import Pool, gather
from nploy.matching.ranking import RankingSettings, load_ranking
from nploy.matching.repeats import job_codes
from nploy.matching.scoring import Candidate, profile_form, score_parts, scoring_profile
from nploy.records.listing import Listing, listing_key
from nploy.records.match import Match
from nploy.records.profile import Profile
from nploy.records.role import InferredRole
from nploy.records.table import from_row
from nploy.roles.model import ListingRoles
from nploy.vocabulary.roles import names_a_role

TITLE_CACHE = 4096  # distinct desired titles whose vectors are kept (1.5 KB each)


class Matcher:
    def __init__(
        self,
        table: pd.DataFrame,
        index: VectorIndex,
        encoder: Encoder,
        filters: TableFilters | None = None,
        ranking: RankingSettings | None = None,
        lexical: LexicalIndex | None = None,
    ):
        self.table = table
        self.index = index
        self.encoder = encoder
        self.filters = filters or TableFilters(table)
        self.ranking = ranking or load_ranking()
        keys = table["key"].to_numpy()
        # The lexical index is in table order after a build; an index for other rows is not used.
        self.lexical = lexical if lexical is not None and np.array_equal(lexical.keys, keys) else None
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
        # Desired titles repeat across users far more than whole profiles do; their vectors are kept apart
        # from the profiles' and are not dropped by ``forget_queries``.
        self._title_cache: dict[str, np.ndarray] = {}
        # The evaluation scores every part whatever its weight (tuning re-weighs one pool many times);
        # serving skips the parts its weights ignore.
        self.score_all_parts = False

    def with_ranking(self, ranking: RankingSettings) -> Matcher:
        """The same matcher (table, index, caches shared) ranking with other settings."""
        other = copy.copy(self)
        other.ranking = ranking
        return other

    def scoring_every_part(self) -> Matcher:
        """The same matcher scoring every part a profile gives, weighed or not (the evaluation re-weighs
        one candidate pool many times)."""
        other = copy.copy(self)
        other.score_all_parts = True
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

    @cached_property
    def _job_codes(self) -> np.ndarray:
        # On first use (a swipe), not at load: 0.24 s at a million rows, then 10 ms a feed (two may both compute it).
        return job_codes(self.table["title"], self.table["company"])

    def job_rows(self, rows) -> np.ndarray:
        """Every row of the jobs these rows post: the rows and their repeats (same title, same employer;
        ``nploy.matching.repeats``)."""
        rows = np.asarray(rows, dtype="int64")
        return np.flatnonzero(np.isin(self._job_codes, self._job_codes[rows])) if len(rows) else rows

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
        return self._encoded(profile_text(profile))

    def _encoded(self, text: str, cache: dict | None = None, limit: int = 64) -> np.ndarray:
        cache = self._query_cache if cache is None else cache
        with self._query_lock:  # one Matcher serves every session of the app
            cached = cache.get(text)
        if cached is not None:
            return cached
        vector = self.encoder.encode([text])[0]
        with self._query_lock:
            if len(cache) >= limit:
                cache.pop(next(iter(cache)))
            cache[text] = vector
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
        every hard filter and as many best by keywords, each with its score parts (independent of
        the weights) for the profile as typed."""
        query = self.query_vector(profile) if query is None else query
        return self.scored(gather(self, profile, n, query, exclude_rows), scoring_profile(profile))

    def scored(self, pool: Pool, scored: Profile) -> list[Candidate]:
        """Every pooled row with its score parts for this (scoring) profile."""
        rows, similarities, keywords = pool.rows, pool.similarities, pool.keywords
        # No title leg of its own: a search of the heads by the title alone added listings to the pool but
        # not one point of nDCG@10 on the real set's tuning part, and cost 14 ms a match at a million.
        title_query = self._title_query(scored, profile_form(scored))
        titles = [None] * len(rows) if title_query is None else self._head_cosines(title_query, rows).tolist()
        words = [keywords.part(row) if keywords else None for row in rows]
        facts = self.table[["seniority", "title"]].take(rows)  # only what the score reads
        facts = zip(rows, similarities, self.skills_of(rows), facts["seniority"].tolist(), facts["title"].tolist(), words, titles)
        return [
            Candidate(int(row), float(sim), score_parts(scored, skills, level, title, float(sim), self.ranking, word, title_sim))
            for row, sim, skills, level, title, word, title_sim in facts
        ]

    def title_vector(self, profile: Profile) -> np.ndarray | None:
        """The embedding of the desired titles that name a role, as typed (None without one); remembered
        per distinct title. A title of generic words alone ("software developer") says nothing the skills
        do not, and is left out. As typed, not shaped like a sentence: "Network Engineer" scored 0.808
        nDCG@10 on the real set's tuning part where "Network Engineer." scored 0.792."""
        titles = [t for t in profile.desired_titles if names_a_role(t)]
        return self._encoded(" / ".join(titles), self._title_cache, TITLE_CACHE) if titles else None

    def _title_query(self, profile: Profile, form: str) -> np.ndarray | None:
        """The title vector when the title part counts for this form (or the evaluation asks for every
        part); None otherwise, so a ranking that does not weigh titles pays nothing for them."""
        weighed = self.ranking.weights_for(form).get("title", 0.0) > 0
        return self.title_vector(profile) if weighed or self.score_all_parts else None

    def _head_cosines(self, vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Cosine of ``vector`` and each row's head vector (title and skills; the body where the index has
        no heads, NPLOY_HEAD_VECTORS=off). Only the pooled rows: a few hundred reconstructions."""
        heads = self.index.head or self.index
        return heads.vectors(self.keys_of(rows)) @ np.asarray(vector, dtype="float32")

    def matched_words(self, profile: Profile, rows: list[int]) -> list[tuple[str, ...]]:
        """For each row, the profile's words its listing contains. Only for the rows shown: over the whole
        candidate pool this was most of the lexical leg's cost (bench/load.py)."""
        tokens = self.lexical.query_tokens(profile_text(profile)) if self.lexical is not None else []
        if not tokens or not rows:
            return [()] * len(rows)
        return [tuple(found) for found in self.lexical.words_in(tokens, rows)]

    def weights(self, profile: Profile) -> dict[str, float]:
        """The part weights for this profile's form (free text, skills, a desired title)."""
        return self.ranking.weights_for(profile_form(profile))

    def explained(self, profile: Profile, ranked: list[Candidate], weights: dict[str, float] | None = None) -> list[Match]:
        """Ranked candidates as explained matches, in the order given, scored with ``weights`` (the profile's
        form's by default)."""
        rows = [c.row for c in ranked]
        listings, words = self.listings(rows), self.matched_words(profile, rows)
        weights = weights or self.weights(profile)
        return [explain(profile, item, c.similarity, weights, c.parts, list(w)) for c, item, w in zip(ranked, listings, words)]

    @cached_property
    def listing_roles(self) -> ListingRoles:
        # On first use: the catalogue's patterns over each distinct title (seconds at a million listings).
        return ListingRoles.of_titles(self.table["title"])

    def roles(self, profile: Profile, query: np.ndarray | None = None) -> list[InferredRole]:
        """The roles this profile most likely asks for (``nploy.matching.by_role``)."""
        return by_role.inferred_roles(self, profile, query)

    def ranked(self, profile: Profile, n: int = 20, query: np.ndarray | None = None, exclude_rows=None) -> list[Candidate]:
        """The product's ranking, roles included (``nploy.matching.by_role``)."""
        return by_role.ranked(self, profile, n, self.query_vector(profile) if query is None else query, exclude_rows)

    def match(self, profile: Profile, n: int = 20, query: np.ndarray | None = None, exclude_rows=None) -> list[Match]:
        """Top ``n`` matches; ``query`` overrides the profile's embedding and ``exclude_rows`` drops
        listings (swipe feedback uses both)."""
        query = self.query_vector(profile) if query is None else query
        ranked, weights = by_role.ranked_page(self, profile, n, query, exclude_rows)
        return self.explained(profile, ranked[:n], weights)

    def _index_mask(self, mask: np.ndarray) -> np.ndarray | None:
        """A mask over table rows as a mask over the index's positions (None: no restriction)."""
        if mask.all():
            return None
        if self._position_of_row is None:
            return mask
        positions = np.zeros(self.index.size, dtype=bool)
        positions[self._position_of_row[mask]] = True
        return positions
