"""The evaluation harness behind ``nploy eval``: retrieval modes run over labelled query sets.

Modes (every one applies the profile's hard filters, so they differ only in ranking):
- bm25:   BM25 (bm25s) over each listing's title and whole description (the product's lexical leg),
          queried with the profile's text;
- dense:  nearest listings in the FAISS index by cosine of the profile embedding;
- rrf:    reciprocal-rank fusion of bm25 and dense (1 / (60 + rank), summed);
- hybrid: nploy's ranking (``Matcher``: both legs' candidates re-ranked by the hybrid score with the
          weights of the profile's form).
Metrics are in ``nploy.quality.metrics``; the sets in ``nploy.quality.querysets`` and
``nploy.quality.realset``; tuning in ``nploy.quality.tuning``; docs/evaluation.md explains them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean

import numpy as np
import pandas as pd

from nploy.errors import NployError
from nploy.index.lexical import LexicalIndex, listing_words
from nploy.index.texts import profile_text
from nploy.matching.matcher import Matcher
from nploy.matching.scoring import profile_form, rank
from nploy.quality.metrics import METRICS, all_metrics
from nploy.quality.querysets import EvalQuery, QuerySet, generated_grades
from nploy.records.profile import Profile
from nploy.vocabulary.roles import role_families
from nploy.vocabulary.skills import load_taxonomy

MODES = ("bm25", "dense", "rrf", "hybrid")
DEPTH = 100  # results kept per mode and query (Recall@50 needs 50)
RRF_K = 60


@dataclass
class Corpus:
    table: pd.DataFrame
    matcher: Matcher  # scores every part, weighed or not: its pools are re-weighed by the tuning
    served: Matcher  # the matcher as the app and the CLI run it: nploy's ranking as served
    lexical: LexicalIndex
    families: pd.Series
    key_of_id: dict[str, int]


def corpus_for(matcher: Matcher) -> Corpus:
    """The corpus of a matcher over a full table (with descriptions); its lexical index is the
    dataset's when it has one, else one built the same way."""
    served, matcher = matcher, matcher.scoring_every_part()
    table = matcher.table
    lexical = matcher.lexical or LexicalIndex.build(
        [listing_words(t, d) for t, d in zip(table["title"], table["description"])], table["key"].to_numpy()
    )
    return Corpus(
        table=table,
        matcher=matcher,
        served=served,
        lexical=lexical,
        families=role_families(table["title"]),
        key_of_id=dict(zip(table["id"], table["key"].astype(int))),
    )


@dataclass
class Prepared:
    """One query made ready once: its profile, filter mask, embedding and graded relevance."""

    query: EvalQuery
    profile: Profile
    mask: np.ndarray
    vector: np.ndarray
    relevance: dict[int, int]
    cache: dict = field(default_factory=dict)


def prepare(corpus: Corpus, qset: QuerySet, query: EvalQuery) -> Prepared:
    profile = query.profile(load_taxonomy())
    if query.target is not None and not qset.judgements:
        relevance = generated_grades(corpus.table, query.target, corpus.families)
    else:
        judged = qset.judgements.get(query.id, {})
        relevance = {corpus.key_of_id[i]: g for i, g in judged.items() if i in corpus.key_of_id}
    return Prepared(query, profile, corpus.matcher.mask(profile), corpus.matcher.query_vector(profile), relevance)


def rank_bm25(corpus: Corpus, p: Prepared, depth: int = DEPTH) -> list[int]:
    _, keys = corpus.lexical.search(profile_text(p.profile), depth, None if p.mask.all() else p.mask)
    return keys.tolist()


def rank_dense(corpus: Corpus, p: Prepared, depth: int = DEPTH) -> list[int]:
    _, rows = corpus.matcher.nearest(p.vector, depth, p.mask)
    return corpus.matcher.rows.keys_of(rows).tolist()


def rank_rrf(corpus: Corpus, p: Prepared, depth: int = DEPTH) -> list[int]:
    fused: dict[int, float] = {}
    for ranking in (_cached(p, "bm25", lambda: rank_bm25(corpus, p)), _cached(p, "dense", lambda: rank_dense(corpus, p))):
        for position, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + position)
    return sorted(fused, key=lambda key: (-fused[key], key))[:depth]  # ties by listing key: the same on every machine


def candidate_pool(corpus: Corpus, p: Prepared) -> list:
    """The query's candidates with their parts: they do not depend on the weights, so they are
    computed once per query and re-ranked per weighting."""
    return _cached(p, "pool", lambda: corpus.matcher.candidates(p.profile, n=20, query=p.vector))


def rank_hybrid(corpus: Corpus, p: Prepared, weights: dict[str, float] | None = None, depth: int = DEPTH) -> list[int]:
    """nploy's ranking as served (roles read from a profile without a title included); with ``weights``, the
    typed profile's pool re-ranked by them (tuning)."""
    keys = corpus.table["key"].to_numpy()
    if weights is None:
        served = _cached(p, "served", lambda: corpus.served.ranked(p.profile, n=20, query=p.vector))
        return [int(keys[c.row]) for c in served[:depth]]
    return [int(keys[c.row]) for c in rank(candidate_pool(corpus, p), weights)[:depth]]


def form_of(p: Prepared) -> str:
    """The profile form of a prepared query (free text, skills, a desired title)."""
    return profile_form(p.profile)


def _cached(p: Prepared, name: str, compute: Callable[[], list]) -> list:
    if name not in p.cache:
        p.cache[name] = compute()
    return p.cache[name]


RANKERS: dict[str, Callable[..., list[int]]] = {"bm25": rank_bm25, "dense": rank_dense, "rrf": rank_rrf}


def ranking(corpus: Corpus, p: Prepared, mode: str, weights: dict[str, float] | None = None) -> list[int]:
    """One mode's ranking for a query; the modes without weights are computed once per query."""
    if mode == "hybrid":
        return rank_hybrid(corpus, p, weights)
    return _cached(p, mode, lambda: RANKERS[mode](corpus, p))


@dataclass
class QueryResult:
    set: str
    part: str
    query_id: str
    mode: str
    metrics: dict[str, float]
    top: list[int]


def run_modes(
    corpus: Corpus, prepared: list[Prepared], set_name: str, modes=MODES, weights: dict[str, float] | None = None
) -> list[QueryResult]:
    """Every mode on every query. Sets asked in profile forms and wordings (the real set, the stack set, a set
    of one's own) report each as a set of its own ("real-free-1", "real-free-2", "real-skills-only", ...)."""
    results = []
    for p in prepared:
        name = form_set_name(set_name, p.query.target)
        for mode in modes:
            ranked = ranking(corpus, p, mode, weights)
            results.append(QueryResult(name, p.query.part, p.query.id, mode, all_metrics(ranked, p.relevance), ranked[:10]))
    return results


def form_set_name(set_name: str, target: dict | None) -> str:
    """The reported set of a query: its set, its form and its wording ("stack-title-2"), or the set alone."""
    form = (target or {}).get("form")
    if not form:
        return set_name
    wording = target.get("wording")
    return f"{set_name}-{form}" + (f"-{wording}" if wording else "")


def summarise(results: list[QueryResult]) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """set -> part -> mode -> metric -> mean over queries (plus "queries": how many)."""
    groups: dict[tuple[str, str, str], list[QueryResult]] = {}
    for r in results:
        groups.setdefault((r.set, r.part, r.mode), []).append(r)
    summary: dict = {}
    for (set_name, part, mode), rows in sorted(groups.items()):
        values = {m: round(mean(r.metrics[m] for r in rows), 4) for m in METRICS}
        summary.setdefault(set_name, {}).setdefault(part, {})[mode] = values | {"queries": len(rows)}
    return summary


def fits(corpus: Corpus, qset: QuerySet) -> bool:
    """Whether a judged set was judged on listings this dataset holds (the hand set on the bundled
    data, the real set on the open postings); a generated set fits synthetic data."""
    if qset.judgements:
        return any(i in corpus.key_of_id for judged in qset.judgements.values() for i in judged)
    return bool(len(corpus.table)) and corpus.table["source"].astype(str).str.contains("synthetic").mean() > 0.5


def prepare_sets(corpus: Corpus, sets: dict[str, QuerySet]) -> dict[str, list[Prepared]]:
    """Every query of every set made ready; a judged set needs the listings it was judged on."""
    prepared = {}
    for name, qset in sets.items():
        if not fits(corpus, qset):
            raise NployError(
                f"the {name} set does not fit this dataset: the hand set was judged on the bundled listings, the "
                f"real set on the open postings (docs/quality.md), the generated set needs synthetic data"
            )
        prepared[name] = [prepare(corpus, qset, q) for q in qset.queries]
    return prepared
