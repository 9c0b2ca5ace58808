"""The candidate pool a ranking re-orders: the nearest listings that pass the hard filters (FAISS) and as many
best by keywords (BM25 over title and description), each with its cosine to the query."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from nploy.index.lexical import LexicalIndex
from nploy.index.texts import profile_text
from nploy.matching.scoring import Candidate, profile_form, score_parts
from nploy.records.profile import Profile

if TYPE_CHECKING:  # the matcher builds pools; a pool never needs the matcher's class at run time
    from nploy.matching.matcher import Matcher


@dataclass(frozen=True)
class KeywordScores:
    """The lexical leg's scores for one query: every listing's BM25, the best in the pool, its own rows."""

    scores: np.ndarray
    best: float
    rows: np.ndarray

    def part(self, row: int) -> float:
        return float(self.scores[row]) / self.best


@dataclass(frozen=True)
class Pool:
    """The rows a ranking re-orders: the nearest passing listings and the lexical leg's, with their cosines."""

    rows: np.ndarray
    similarities: np.ndarray
    keywords: KeywordScores | None
    dense: int  # how many of ``rows`` came from the dense leg, nearest first
    mask: np.ndarray  # the hard filters' pass mask the pool was gathered under
    n: int  # the page it was gathered for


def gather(matcher: Matcher, profile: Profile, n: int, query: np.ndarray, exclude_rows=None) -> Pool:
    """The ``ranking.pool_size(n)`` nearest passing listings, plus the lexical leg's best that they lack when
    the keyword part weighs in this profile's form (``with_keywords``)."""
    mask = matcher.mask(profile, exclude_rows)
    similarities, rows = matcher.nearest(query, matcher.ranking.pool_size(n), mask)
    pool = Pool(rows, similarities, None, len(rows), mask, n)
    return with_keywords(matcher, profile, pool, query) if _keywords_weigh(matcher, profile) else pool


def with_keywords(matcher: Matcher, profile: Profile, pool: Pool, query: np.ndarray) -> Pool:
    """The pool with the lexical leg's best rows it lacks (and every row's keyword score).

    Why not always: with the shipped weights the keyword part weighs nothing, so its rows can only enter a
    ranking by the semantic part, where the dense leg's nearest already lead; at a million listings the leg was
    most of a match's time. A ranking by an inferred role, which scores titles the query never named, takes the
    role's own listings instead (``by_role.with_role_leg``; beside them this leg changed no figure:
    docs/matching.md)."""
    if pool.keywords is not None:
        return pool
    keywords = keyword_leg(matcher, profile, pool.mask, pool.rows, pool.n)
    if keywords is not None:
        pool = with_rows(matcher, pool, query, keywords.rows)
    return replace(pool, keywords=keywords)


def with_rows(matcher: Matcher, pool: Pool, query: np.ndarray, more: np.ndarray) -> Pool:
    """The pool plus another leg's rows it lacks, each with its (body) cosine to the query."""
    extra = np.setdiff1d(more, pool.rows, assume_unique=True)
    if not len(extra):
        return pool
    cosines = matcher.vectors(extra) @ np.asarray(query, dtype="float32")
    return replace(pool, rows=np.concatenate([pool.rows, extra]), similarities=np.concatenate([pool.similarities, cosines]))


def keyword_leg(matcher: Matcher, profile: Profile, mask: np.ndarray, dense_rows: np.ndarray, n: int) -> KeywordScores | None:
    """The lexical leg for this profile: its best rows under the mask and every pooled row's relative
    keyword score (None without a lexical index, or when no pooled listing has a word of the profile)."""
    if matcher.lexical is None:
        return None
    tokens = matcher.lexical.telling(matcher.lexical.query_tokens(profile_text(profile)))
    if not tokens:
        return None
    scores = matcher.lexical.scores(tokens)
    _top, lexical_rows = LexicalIndex.top(scores, matcher.ranking.pool_size(n), None if mask.all() else mask)
    pooled = np.union1d(dense_rows, lexical_rows)
    best = float(scores[pooled].max()) if len(pooled) else 0.0
    return KeywordScores(scores, best, lexical_rows) if best > 0 else None


def _keywords_weigh(matcher: Matcher, profile: Profile) -> bool:
    """Whether the keyword part weighs in the profile's form (or the evaluation asks for every part)."""
    return matcher.ranking.weights_for(profile_form(profile)).get("keywords", 0.0) > 0 or matcher.score_all_parts


def scored(matcher: Matcher, pool: Pool, profile: Profile) -> list[Candidate]:
    """Every pooled row with its score parts for this (scoring) profile."""
    rows, similarities, keywords = pool.rows, pool.similarities, pool.keywords
    # No title leg of its own: a search of the heads by the title alone added listings to the pool but no
    # quality, and cost time at scale (figures: docs/matching.md, "Decisions and their measurements").
    title_query = _title_query(matcher, profile, profile_form(profile))
    titles = [None] * len(rows) if title_query is None else _head_cosines(matcher, title_query, rows).tolist()
    words = [keywords.part(row) if keywords else None for row in rows]
    read = matcher.table[["seniority", "title"]].take(rows)  # only what the score reads
    levels, names = read["seniority"].tolist(), read["title"].tolist()
    facts = zip(rows, similarities, matcher.rows.skills_of(rows), levels, names, words, titles)
    return [
        Candidate(int(row), float(sim), score_parts(profile, skills, level, title, float(sim), matcher.ranking, word, title_sim))
        for row, sim, skills, level, title, word, title_sim in facts
    ]


def _title_query(matcher: Matcher, profile: Profile, form: str) -> np.ndarray | None:
    """The title vector when the title part counts for this form (or the evaluation asks for every
    part); None otherwise, so a ranking that does not weigh titles pays nothing for them."""
    weighed = matcher.ranking.weights_for(form).get("title", 0.0) > 0
    return matcher.title_vector(profile) if weighed or matcher.score_all_parts else None


def _head_cosines(matcher: Matcher, vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Cosine of ``vector`` and each row's head vector (title and skills; the body where the index has
    no heads, NPLOY_HEAD_VECTORS=off). Only the pooled rows: a few hundred reconstructions."""
    heads = matcher.index.head or matcher.index
    return heads.vectors(matcher.rows.keys_of(rows)) @ np.asarray(vector, dtype="float32")
