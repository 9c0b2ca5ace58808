"""Choosing the role settings (``nploy/data/ranking.json``, "roles") on the tuning parts of the real and stack sets
and on the role development sets (``data/eval/role_dev_needs.jsonl`` and ``role_dev2_needs.jsonl``: 30 and 14
needs, all tuning).

nploy's served ranking (roles included) of every tuning need in the forms a role is read for (free text, skills
+ text, skills only; both wordings), nDCG@10 and P@10 per set and form, for the shipped settings and for each
setting changed one at a time. The mean over the nine set-form groups is the figure to compare; ratios are to
the shipped settings of the same run, and each change prints its mean per-query difference with the standard
error and how many groups rose or fell (a change within noise, or one that lowers a set, is not taken). The
title form is not read for a role and is left out. The held-out sets (fresh, fresh2) are not read here:
`nploy eval --needs` checks them once a choice is made.

    python bench/role_settings.py --data-dir data/real-eval                  # the shipped settings and the sweep
    python bench/role_settings.py --data-dir data/real-eval --part test      # the held-out part, once, at the end
"""

from __future__ import annotations

import argparse
import collections
import math
from dataclasses import replace
from pathlib import Path
from statistics import mean, stdev

from nploy.dataset import Dataset
from nploy.quality.evaluation import corpus_for, prepare
from nploy.quality.metrics import ndcg_at, precision_at
from nploy.quality.ownset import STACK_NEEDS, load_own_set
from nploy.quality.realset import load_real_set

ROLE_DEV_NEEDS = Path(__file__).resolve().parents[1] / "data" / "eval" / "role_dev_needs.jsonl"
ROLE_DEV2_NEEDS = ROLE_DEV_NEEDS.with_name("role_dev2_needs.jsonl")

SWEEP = (
    {},
    {"neighbours": 0.0},
    {"neighbours": 0.3},
    {"skills": 0.2},
    {"skills": 1.0},
    {"tasks": 1.0},
    {"duties": 0.5},
    {"duties": 2.0},
    {"skill_line": 1.0},
    {"sharpness": 0.02},
    {"temperature": 0.5},
    {"full_confidence": 1.0},
    {"both": 1.01},  # never serve a second role
    {"lexical": 0.0},  # no lexical evidence (nploy.roles.lexical)
    {"lexical": 1.5},
    {"lexical": 4.0},
    {"skills_alone": 0.5},  # skills alone weighed as beside words (before 2026-12-07, night)
)


def run(matcher, prepared, keys) -> tuple[dict[str, tuple[float, float]], list[float]]:
    """Per set-form group (nDCG@10, P@10), and every query's nDCG@10 in ``prepared``'s order."""
    groups = collections.defaultdict(list)
    per_query = []
    for name, p in prepared:
        ranked = [int(keys[c.row]) for c in matcher.ranked(p.profile, n=20, query=p.vector)[:10]]
        per_query.append(ndcg_at(ranked, p.relevance))
        groups[f"{name}-{p.query.target['form']}"].append((per_query[-1], precision_at(ranked, p.relevance)))
    return {k: (mean(a for a, _ in v), mean(b for _, b in v)) for k, v in sorted(groups.items())}, per_query


def against(per_query: list[float], shipped: list[float], figures: dict, shipped_figures: dict) -> str:
    """The change against the shipped settings: the mean per-query difference and its standard error (a
    difference inside two of them is noise on sets this small), and how many groups rose or fell by more than
    0.005 (the house prefers a change that lowers no set)."""
    diffs = [a - b for a, b in zip(per_query, shipped)]
    error = stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else 0.0
    up = sum(figures[k][0] - shipped_figures[k][0] > 0.005 for k in figures)
    down = sum(figures[k][0] - shipped_figures[k][0] < -0.005 for k in figures)
    return f"diff {mean(diffs):+.4f} +/- {error:.4f} (SE), groups up {up} / down {down}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/real-eval")
    parser.add_argument("--part", choices=("tuning", "test"), default="tuning")
    args = parser.parse_args()
    corpus = corpus_for(Dataset(Path(args.data_dir)).matcher(serving=False))
    sets = {
        "real": load_real_set(),
        "stack": load_own_set(STACK_NEEDS, corpus.table, name="stack")[0],
        "dev": load_own_set(ROLE_DEV_NEEDS, corpus.table, name="dev")[0],  # its needs are all in the tuning part
        "dev2": load_own_set(ROLE_DEV2_NEEDS, corpus.table, name="dev2")[0],  # and so are these
    }
    prepared = [
        (name, prepare(corpus, qset, q))
        for name, qset in sets.items()
        for q in qset.queries
        if q.part == args.part and q.target["form"] != "title"
    ]
    keys = corpus.table["key"].to_numpy()
    shipped = corpus.matcher.ranking
    baseline = None
    for change in SWEEP:
        matcher = corpus.matcher.with_ranking(replace(shipped, roles=replace(shipped.roles, **change)))
        figures, per_query = run(matcher, prepared, keys)
        overall = mean(v[0] for v in figures.values())
        if baseline is None:  # the first entry of SWEEP is the shipped settings
            baseline, base_figures, base_queries = overall, figures, per_query
        groups = " ".join(f"{k} {v[0]:.3f}/{v[1]:.2f}" for k, v in figures.items())
        versus = against(per_query, base_queries, figures, base_figures) if change else ""
        print(
            f"{str(change or 'shipped'):28s} mean nDCG@10 {overall:.3f} ({overall / baseline:.3f}x) {versus} | {groups}",
            flush=True,
        )


if __name__ == "__main__":
    main()
