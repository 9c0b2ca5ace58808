"""Choosing the hybrid weights on the tuning parts (``nploy eval --tune``), one weighting per profile form.

The grid is every weighting of the four parts (semantic, keywords, skills, preference) in steps of 0.05.
Score: nDCG@10 on the tuning part of the sets given, per form. Choice: among the weightings within
``TIE`` of the best, the most balanced one (largest smallest weight among the parts the form has). Why:
the landscape is flat at the top, and the bare maximum can switch a signal off on a difference the set
cannot resolve. Only the real-text set is a tuning target; the synthetic sets are regression checks.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from statistics import mean

from nploy.quality.evaluation import Corpus, Prepared, form_of, rank_hybrid
from nploy.quality.metrics import all_metrics
from nploy.search.ranking import FORMS, PARTS, RANKING_PATH

# nDCG@10 differences smaller than this on ~20 tuning needs per form are noise, not preference.
TIE = 0.002
# The parts each form can have: without skills there is no skill part to weigh.
FORM_PARTS = {"free": ("semantic", "keywords", "preference"), "skills": PARTS, "title": PARTS}


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


def tune(corpus: Corpus, prepared: list[Prepared], step: float = 0.05) -> dict[str, tuple[dict[str, float], list]]:
    """Per form: the weights chosen on the tuning part, and every candidate's score, best first."""
    chosen = {}
    for form in FORMS:
        tuning = [p for p in prepared if p.query.part == "tuning" and form_of(p) == form]
        if not tuning:
            continue
        scored = []
        for weights in weight_grid(FORM_PARTS[form], step):
            score = mean(all_metrics(rank_hybrid(corpus, p, weights), p.relevance)["ndcg@10"] for p in tuning)
            scored.append((round(score, 5), weights))
        scored.sort(key=lambda item: -item[0])
        near = [item for item in scored if item[0] >= scored[0][0] - TIE]
        best = max(near, key=lambda item: (min(item[1][p] for p in FORM_PARTS[form]), item[0]))
        chosen[form] = (best[1], [best] + [item for item in scored if item is not best])
    return chosen


def save_weights(chosen: dict[str, tuple[dict[str, float], list]], sets: list[str], current: dict[str, dict]) -> dict[str, dict]:
    """Write ``nploy/data/ranking.json``: the chosen weights per form (a form not tuned keeps its own)."""
    weights = {form: chosen[form][0] if form in chosen else current[form] for form in FORMS}
    payload = {
        "weights": weights,
        "tuned_on": f"tuning part of {', '.join(sets)}, per profile form (nDCG@10, grid step 0.05)",
        "rule": f"the most balanced weighting within {TIE} nDCG@10 of the best (see quality.tuning)",
        "tuned_at": date.today().isoformat(),
        "tuning_ndcg@10": {form: scored[0][0] for form, (_, scored) in chosen.items()},
        "runners_up": {form: [{"ndcg@10": s, "weights": w} for s, w in scored[1:4]] for form, (_, scored) in chosen.items()},
    }
    RANKING_PATH.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return weights
