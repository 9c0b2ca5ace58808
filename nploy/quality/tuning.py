"""Choosing the hybrid weights on the tuning parts (``nploy eval --tune``), one weighting per profile form.

The grid is every weighting of the parts a form has (semantic, keywords, skills, preference, and title for
a profile with a desired title) in steps of 0.05.
Score: nDCG@10 on the tuning part of the sets given, per form. Choice, per form:

1. the stronger single leg on the tuning part (the embeddings alone, or keywords alone) is the baseline;
2. the best weighting replaces it only when it beats it by more than the noise: the mean per-need gain
   over one standard error of that gain (about 20 needs per form make a difference of 0.01 noise);
3. among the weightings within ``TIE`` of the best, the most balanced one (largest smallest weight).

Why: on real postings the landscape is flat near the top and a few needs swing it; a weighting that wins
the tuning part by less than its noise lost the test part to the plain embedding (0.76 against 0.80 on
the title form) when it was taken anyway. Only the real-text set is a tuning target; the synthetic sets
are regression checks.
"""

from __future__ import annotations

import itertools
import json
import math
from datetime import date
from statistics import mean, stdev

import numpy as np

from nploy.matching.ranking import FORMS, PARTS, RANKING_PATH
from nploy.quality.evaluation import Corpus, Prepared, candidate_pool, form_of
from nploy.quality.metrics import dcg

# nDCG@10 differences smaller than this on ~20 tuning needs per form are noise, not preference.
TIE = 0.002
# The parts each form can have: without skills there is no skill part to weigh.
FORM_PARTS = {
    "free": ("semantic", "keywords", "preference"),
    "skills": ("semantic", "keywords", "skills", "preference"),
    "title": PARTS,
}


def weight_grid(parts: tuple[str, ...] = PARTS, step: float = 0.05) -> list[dict[str, float]]:
    """Every weighting of ``parts`` on the simplex, in ``step`` increments (other parts weigh 0)."""
    count = round(1 / step)
    grid = []
    for split in itertools.product(range(count + 1), repeat=len(parts) - 1):
        if sum(split) <= count:
            shares = (*split, count - sum(split))
            weights = {part: round(share * step, 4) for part, share in zip(parts, shares)}
            grid.append(weights | {p: 0.0 for p in PARTS if p not in parts})
    return grid


SINGLE_LEGS = {"embeddings": {"semantic": 1.0}, "keywords": {"keywords": 1.0}}


def tune(corpus: Corpus, prepared: list[Prepared], step: float = 0.05) -> dict[str, tuple[dict[str, float], list]]:
    """Per form: the weights chosen on the tuning part (see the module docstring), and every
    candidate's score, the chosen first."""
    chosen = {}
    for form in FORMS:
        tuning = [p for p in prepared if p.query.part == "tuning" and form_of(p) == form]
        if not tuning:
            continue
        grid = weight_grid(FORM_PARTS[form], step)
        by_need = np.array([grid_ndcg(corpus, p, grid) for p in tuning])  # needs x weightings
        per_need = {_key(weights): by_need[:, i].tolist() for i, weights in enumerate(grid)}
        scored = sorted(((round(mean(v), 5), dict(k)) for k, v in per_need.items()), key=lambda item: -item[0])
        legs = [_with_zeros(w) for w in SINGLE_LEGS.values()]
        baseline = max(legs, key=lambda w: mean(per_need[_key(w)]))
        near = [item for item in scored if item[0] >= scored[0][0] - TIE]
        best = max(near, key=lambda item: (min(item[1][p] for p in FORM_PARTS[form]), item[0]))
        if not _beats(per_need[_key(best[1])], per_need[_key(baseline)]):
            best = next(item for item in scored if item[1] == baseline)
        chosen[form] = (best[1], [best] + [item for item in scored if item is not best])
    return chosen


def grid_ndcg(corpus: Corpus, p: Prepared, grid: list[dict[str, float]], k: int = 10) -> np.ndarray:
    """nDCG@k of the query's candidate pool ranked by every weighting of the grid at once: the hybrid
    score of each candidate under each weighting as one matrix product (``scoring.hybrid_score``,
    weights of absent parts left out), ties to the closer embedding as ``scoring.rank`` does.
    Ten thousand weightings of five parts cost what a hundred did one at a time."""
    pool = candidate_pool(corpus, p)
    if not pool:
        return np.zeros(len(grid))
    keys = corpus.table["key"].to_numpy()
    values = np.array([[c.parts.get(part, np.nan) for part in PARTS] for c in pool])
    present = ~np.isnan(values)
    weights = np.array([[w.get(part, 0.0) for part in PARTS] for w in grid])  # weightings x parts
    totals = present.astype(float) @ weights.T
    scores = np.divide(np.nan_to_num(values) @ weights.T, totals, out=np.zeros_like(totals), where=totals > 0)
    closeness = np.broadcast_to(-np.array([c.similarity for c in pool])[:, None], scores.shape)
    order = np.lexsort((closeness, -np.round(scores, 12)), axis=0)[:k]  # pool positions, per weighting
    grades = np.array([p.relevance.get(int(keys[c.row]), 0) for c in pool])[order]
    discounts = 1 / np.log2(np.arange(2, len(order) + 2))[:, None]
    ideal = dcg(sorted((g for g in p.relevance.values() if g > 0), reverse=True)[:k])
    return ((2.0**grades - 1) * discounts).sum(axis=0) / ideal if ideal else np.zeros(len(grid))


def _key(weights: dict[str, float]) -> tuple:
    return tuple(sorted(weights.items()))


def _with_zeros(weights: dict[str, float]) -> dict[str, float]:
    return {part: float(weights.get(part, 0.0)) for part in PARTS}


def _beats(candidate: list[float], baseline: list[float]) -> bool:
    """Whether the mean per-need gain exceeds one standard error of it."""
    gains = [c - b for c, b in zip(candidate, baseline)]
    if len(gains) < 2 or mean(gains) <= 0:
        return False
    error = stdev(gains) / math.sqrt(len(gains))
    return mean(gains) > error


def save_weights(chosen: dict[str, tuple[dict[str, float], list]], sets: list[str], current: dict[str, dict]) -> dict[str, dict]:
    """Write ``nploy/data/ranking.json``: the chosen weights per form (a form not tuned keeps its own). The role
    settings ("roles", chosen by ``bench/role_settings.py``) and anything else the file holds are kept as they are."""
    weights = {form: chosen[form][0] if form in chosen else current[form] for form in FORMS}
    kept = json.loads(RANKING_PATH.read_text("utf-8")) if RANKING_PATH.exists() else {}
    payload = kept | {
        "weights": weights,
        "tuned_on": f"tuning part of {', '.join(sets)}, per profile form (nDCG@10, grid step 0.05)",
        "rule": "the stronger single leg unless the best weighting beats it by more than one standard error; then the "
        f"most balanced weighting within {TIE} nDCG@10 of the best (see quality.tuning)",
        "tuned_at": date.today().isoformat(),
        "tuning_ndcg@10": {form: scored[0][0] for form, (_, scored) in chosen.items()},
        "runners_up": {form: [{"ndcg@10": s, "weights": w} for s, w in scored[1:4]] for form, (_, scored) in chosen.items()},
    }
    RANKING_PATH.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return weights
