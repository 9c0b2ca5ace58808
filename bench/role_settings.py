"""Choosing the role settings (``nploy/data/ranking.json``, "roles") on the tuning parts of the real and stack sets
and on the role development set (``data/eval/role_dev_needs.jsonl``: 30 needs, all tuning).

nploy's served ranking (roles included) of every tuning need in the forms a role is read for (free text, skills
+ text, skills only; both wordings), nDCG@10 and P@10 per set and form, for the shipped settings and for each
setting changed one at a time. The mean over the nine set-form groups is the figure to compare; ratios are to
the shipped settings of the same run. The title form is not read for a role and is left out. The held-out sets
(fresh, fresh2) are not read here: `nploy eval --needs` checks them once a choice is made.

    python bench/role_settings.py --data-dir data/real-eval                  # the shipped settings and the sweep
    python bench/role_settings.py --data-dir data/real-eval --part test      # the held-out part, once, at the end
"""

from __future__ import annotations

import argparse
import collections
from dataclasses import replace
from pathlib import Path
from statistics import mean

from nploy.dataset import Dataset
from nploy.quality.evaluation import corpus_for, prepare
from nploy.quality.metrics import ndcg_at, precision_at
from nploy.quality.ownset import STACK_NEEDS, load_own_set
from nploy.quality.realset import load_real_set

ROLE_DEV_NEEDS = Path(__file__).resolve().parents[1] / "data" / "eval" / "role_dev_needs.jsonl"

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
)


def run(matcher, prepared, keys) -> dict[str, tuple[float, float]]:
    groups = collections.defaultdict(list)
    for name, p in prepared:
        ranked = [int(keys[c.row]) for c in matcher.ranked(p.profile, n=20, query=p.vector)[:10]]
        groups[f"{name}-{p.query.target['form']}"].append((ndcg_at(ranked, p.relevance), precision_at(ranked, p.relevance)))
    return {k: (mean(a for a, _ in v), mean(b for _, b in v)) for k, v in sorted(groups.items())}


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
        figures = run(matcher, prepared, keys)
        overall = mean(v[0] for v in figures.values())
        baseline = baseline or overall
        groups = " ".join(f"{k} {v[0]:.3f}/{v[1]:.2f}" for k, v in figures.items())
        print(f"{str(change or 'shipped'):28s} mean nDCG@10 {overall:.3f} ({overall / baseline:.3f}x) | {groups}", flush=True)


if __name__ == "__main__":
    main()
