"""Matcher: profile in, top-N explained matches out. Hard filters (``filters``: exact, so no result breaks
one), a candidate pool from the index and the lexical leg (``pool``), the hybrid score with the weights of the
profile's form or of the role read from it (``scoring``, ``by_role``), and the explanation (``explain``). The
table's row bookkeeping is ``nploy.records.rows``; the query vectors ``queries``; the swipe feed (``feedback``)
builds its pools through the same public methods."""

from __future__ import annotations

import copy
from functools import cached_property

import numpy as np
import pandas as pd

from nploy.index.encoder import Encoder
from nploy.index.index import VectorIndex
from nploy.index.lexical import LexicalIndex
from nploy.matching import by_role
from nploy.matching.explain import explained
from nploy.matching.filters import TableFilters
from nploy.matching.pool import gather, scored
from nploy.matching.queries import QueryVectors
from nploy.matching.ranking import RankingSettings, load_ranking
from nploy.matching.scoring import Candidate, profile_form, scoring_profile
from nploy.records.match import Match
from nploy.records.profile import Profile
from nploy.records.role import InferredRole
from nploy.records.rows import TableRows
from nploy.roles.model import ListingRoles


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
        self.rows = TableRows(table, self.filters.skills)
        keys = self.rows.keys
        # The lexical index is in table order after a build; an index for other rows is not used.
        self.lexical = lexical if lexical is not None and np.array_equal(lexical.keys, keys) else None
        # Filters are masks over table rows; the index takes masks over its own positions. They are
        # the same order after a full build, not always after an incremental one.
        same = np.array_equal(index.keys, keys)
        self._position_of_row = None if same else index.positions(keys)
        self._row_of_position = None if same else self.rows.rows_of_keys(index.keys)
        self.queries = QueryVectors(encoder)
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

    def vectors(self, rows) -> np.ndarray:
        """The stored embeddings of these rows (an empty (0, d) array for none)."""
        return self.index.vectors(self.rows.keys_of(rows))

    # --- searching ----------------------------------------------------------------------------

    def forget_queries(self) -> None:
        self.queries.forget_profiles()

    def query_vector(self, profile: Profile) -> np.ndarray:
        """The profile's embedding, remembered (``nploy.matching.queries``)."""
        return self.queries.of_profile(profile)

    def title_vector(self, profile: Profile) -> np.ndarray | None:
        return self.queries.of_titles(profile)

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
        return scored(self, gather(self, profile, n, query, exclude_rows), scoring_profile(profile))

    def weights(self, profile: Profile) -> dict[str, float]:
        """The part weights for this profile's form (free text, skills, a desired title)."""
        return self.ranking.weights_for(profile_form(profile))

    def explained(self, profile: Profile, ranked: list[Candidate], weights: dict[str, float] | None = None) -> list[Match]:
        """Ranked candidates as explained matches, in the order given (``nploy.matching.explain.explained``)."""
        return explained(self, profile, ranked, weights or self.weights(profile))

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
