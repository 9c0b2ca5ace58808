"""The evaluation harness behind ``nploy eval``: retrieval modes run over labelled query sets.

Modes (every one applies the profile's hard filters, so they differ only in ranking):
- bm25:   BM25 (bm25s) over the listing text the embeddings see, queried with the profile text;
- dense:  nearest listings in the FAISS index by cosine of the profile embedding;
- rrf:    reciprocal-rank fusion of bm25 and dense (1 / (60 + rank), summed);
- hybrid: nploy's ranking (``Matcher``: dense candidate pool re-ranked by the hybrid score).
Metrics are in ``nploy.quality.metrics``; the sets in ``nploy.quality.querysets``; docs/evaluation.md explains both.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from statistics import mean

import numpy as np
import pandas as pd

from nploy.errors import NployError
from nploy.quality.metrics import METRICS, all_metrics
from nploy.quality.querysets import EVAL_DIR, EvalQuery, QuerySet, generated_grades
from nploy.records.profile import Profile
from nploy.search.lexical import LexicalIndex
from nploy.search.matcher import Matcher
from nploy.search.ranking import RANKING_PATH
from nploy.search.scoring import rank
from nploy.search.texts import listing_texts, profile_text
from nploy.vocabulary.roles import role_families
from nploy.vocabulary.skills import load_taxonomy

MODES = ("bm25", "dense", "rrf", "hybrid")
DEPTH = 100  # results kept per mode and query (Recall@50 needs 50)
RRF_K = 60


@dataclass
class Corpus:
    table: pd.DataFrame
    matcher: Matcher
    lexical: LexicalIndex
    families: pd.Series
    key_of_id: dict[str, int]


def corpus_for(matcher: Matcher) -> Corpus:
    table = matcher.table
    return Corpus(
        table=table,
        matcher=matcher,
        lexical=LexicalIndex(listing_texts(table), table["key"].to_numpy()),
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
    if query.target is not None:
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
    return corpus.matcher.keys_of(rows).tolist()


def rank_rrf(corpus: Corpus, p: Prepared, depth: int = DEPTH) -> list[int]:
    fused: dict[int, float] = {}
    for ranking in (_cached(p, "bm25", lambda: rank_bm25(corpus, p)), _cached(p, "dense", lambda: rank_dense(corpus, p))):
        for position, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + position)
    return sorted(fused, key=lambda key: -fused[key])[:depth]


def rank_hybrid(corpus: Corpus, p: Prepared, weights: dict[str, float] | None = None, depth: int = DEPTH) -> list[int]:
    # The candidate pool does not depend on the weights: computed once per query, re-ranked per weight set.
    pool = _cached(p, "pool", lambda: corpus.matcher.candidates(p.profile, n=20, query=p.vector))
    keys = corpus.table["key"].to_numpy()
    return [int(keys[c.row]) for c in rank(pool, weights or corpus.matcher.ranking.weights)[:depth]]


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
    results = []
    for p in prepared:
        for mode in modes:
            ranked = ranking(corpus, p, mode, weights)
            results.append(QueryResult(set_name, p.query.part, p.query.id, mode, all_metrics(ranked, p.relevance), ranked[:10]))
    return results


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


def weight_grid(step: float = 0.05) -> list[dict[str, float]]:
    """Every (semantic, skills, preference) weighting on the simplex, in ``step`` increments."""
    count = round(1 / step)
    grid = []
    for a, b in itertools.product(range(count + 1), repeat=2):
        if a + b <= count:
            c = count - a - b
            grid.append({"semantic": round(a * step, 4), "skills": round(b * step, 4), "preference": round(c * step, 4)})
    return grid


# nDCG@10 differences smaller than this on ~150 tuning queries are noise, not preference.
TIE = 0.001


def tune(
    corpus: Corpus, prepared_by_set: dict[str, list[Prepared]], step: float = 0.05
) -> tuple[dict[str, float], list[tuple[float, dict]]]:
    """The weights chosen on the tuning parts; also every candidate's score, best first.

    Score: nDCG@10 on the tuning parts, the mean over sets (so each set counts the same however
    many queries it has). Choice: among the weightings within ``TIE`` of the best score, the most
    balanced one (largest smallest weight). Why: the landscape is flat at the top, and the bare
    maximum can switch a signal off (semantic 0.05) on a difference the sets cannot resolve."""
    tuning = {name: [p for p in prepared if p.query.part == "tuning"] for name, prepared in prepared_by_set.items()}
    scored = []
    for weights in weight_grid(step):
        per_set = [
            mean(all_metrics(rank_hybrid(corpus, p, weights), p.relevance)["ndcg@10"] for p in prepared)
            for prepared in tuning.values()
            if prepared
        ]
        scored.append((round(mean(per_set), 5), weights))
    scored.sort(key=lambda item: -item[0])
    near = [item for item in scored if item[0] >= scored[0][0] - TIE]
    chosen = max(near, key=lambda item: (min(item[1].values()), item[0]))
    return chosen[1], [chosen] + [item for item in scored if item is not chosen]


RESULTS_PATH = EVAL_DIR / "results.json"


def prepare_sets(corpus: Corpus, sets: dict[str, QuerySet]) -> dict[str, list[Prepared]]:
    """Every query of every set made ready; the hand set needs the listings it was judged on."""
    prepared = {}
    for name, qset in sets.items():
        if qset.judgements and not any(i in corpus.key_of_id for judged in qset.judgements.values() for i in judged):
            raise NployError(
                f"the {name} set was judged on the bundled listings, which this dataset does not hold "
                f"(run `nploy eval` on the bundled data directory, or pass --set generated)"
            )
        prepared[name] = [prepare(corpus, qset, q) for q in qset.queries]
    return prepared


def save_weights(weights: dict[str, float], scored: list[tuple[float, dict]], sets: list[str]) -> None:
    payload = {
        "weights": weights,
        "tuned_on": f"tuning parts of {', '.join(sets)} (mean nDCG@10 over sets, grid step 0.05)",
        "rule": f"the most balanced weighting within {TIE} nDCG@10 of the best (see evaluation.tune)",
        "best_score_on_tuning": max(s for s, _ in scored),
        "tuned_at": date.today().isoformat(),
        "tuning_ndcg@10": scored[0][0],
        "runners_up": [{"ndcg@10": s, "weights": w} for s, w in scored[1:4]],
    }
    RANKING_PATH.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def full_report(summary: dict, swipes: list, extraction, weights: dict[str, float], dataset: str) -> dict:
    """What the About -> Quality page shows: the latest `nploy eval --save`."""
    return {
        "generated_at": date.today().isoformat(),
        "dataset": dataset,
        "weights": weights,
        "retrieval": summary,
        "swipes": {
            "checkpoints": list(swipes[0].precision) if swipes else [],
            "personas": [{"persona": r.persona, "precision": r.precision, "likes": r.likes} for r in swipes],
        },
        "skills": {
            "postings": extraction.postings,
            "labelled": extraction.labelled,
            "precision": round(extraction.precision, 4),
            "recall": round(extraction.recall, 4),
            "f1": round(extraction.f1, 4),
            "outside_taxonomy": extraction.outside_taxonomy,
            "errors": [asdict(e) for e in extraction.errors],
        },
    }


def read_report(path: Path | None = None) -> dict | None:
    path = path or RESULTS_PATH
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


MODE_LABELS = {
    "bm25": "BM25 keyword search",
    "dense": "Embeddings only (FAISS)",
    "rrf": "BM25 + embeddings, rank fusion",
    "hybrid": "nploy hybrid ranking",
}
SET_LABELS = {"generated": "Generated profiles", "hand": "Hand-judged profiles"}


def retrieval_table(report: dict, part: str = "test") -> pd.DataFrame:
    """One row per (set, mode) of a saved report's part, metrics as columns."""
    rows = []
    for set_name, parts in report["retrieval"].items():
        for mode, values in parts.get(part, {}).items():
            rows.append(
                {
                    "set": SET_LABELS.get(set_name, set_name),
                    "mode": MODE_LABELS.get(mode, mode),
                    **{m: values[m] for m in METRICS},
                    "queries": values["queries"],
                }
            )
    order = {label: i for i, label in enumerate(MODE_LABELS.values())}
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(["set", "mode"], key=lambda c: c.map(order) if c.name == "mode" else c).reset_index(drop=True)
