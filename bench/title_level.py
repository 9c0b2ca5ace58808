"""A level in the desired title ("Senior Data Engineer", as a CV's most recent title nearly always has): read as part
of the title, or left to the seniority? Every title-form need of the real and stack sets (and of ``--needs`` files)
is asked with "", "Senior ", "Sr. " and "Lead " in front of its title, once with the level kept in the title (the
code before 2026-12-08) and once without it (``nploy.vocabulary.roles.without_level``); nDCG@10 and P@10 per set, with
each ratio against the plain title of the same run.

    python bench/title_level.py --data-dir data/real-eval --part test --needs data/eval/fresh_needs.jsonl
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from statistics import mean

import nploy.index.texts
import nploy.matching.queries
import nploy.matching.scoring
from nploy.dataset import open_dataset
from nploy.quality.evaluation import corpus_for, prepare
from nploy.quality.metrics import ndcg_at, precision_at
from nploy.quality.ownset import STACK_NEEDS, load_own_set
from nploy.quality.realset import load_real_set
from nploy.vocabulary.roles import without_level

READERS = (nploy.index.texts, nploy.matching.queries, nploy.matching.scoring)  # the modules that strip the level
LEVELS = ("", "Senior ", "Sr. ", "Lead ")


def _level_kept(keep: bool) -> None:
    for module in READERS:
        module.without_level = (lambda title: title) if keep else without_level


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--part", choices=("tuning", "test"), default="test")
    parser.add_argument("--needs", nargs="*", default=[], help="more needs files in the stack set's format (all parts)")
    args = parser.parse_args()
    corpus = corpus_for(open_dataset(args.data_dir).matcher(serving=False))
    sets = {"real": load_real_set(), "stack": load_own_set(STACK_NEEDS, corpus.table, name="stack")[0]}
    sets |= {Path(f).stem: load_own_set(Path(f), corpus.table, name=Path(f).stem)[0] for f in args.needs}
    prepared = [
        (name, prepare(corpus, judged, q))
        for name, judged in sets.items()
        for q in judged.queries
        if q.target["form"] == "title" and (q.part == args.part or name not in ("real", "stack"))
    ]
    matcher, keys = corpus.matcher, corpus.table["key"].to_numpy()
    print(f"title form, {args.part} part of real and stack, every need of the others; nDCG@10 / P@10 (x plain title)")
    for keep in (True, False):
        _level_kept(keep)
        plain: dict[str, float] = {}
        for level in LEVELS:
            figures: dict[str, list[tuple[float, float]]] = {}
            for name, p in prepared:
                profile = replace(p.profile, desired_titles=[level + t for t in p.profile.desired_titles])
                ranked = [int(keys[c.row]) for c in matcher.ranked(profile, n=20, query=matcher.query_vector(profile))[:10]]
                figures.setdefault(name, []).append((ndcg_at(ranked, p.relevance), precision_at(ranked, p.relevance)))
            cells = []
            for name, values in figures.items():
                ndcg = mean(n for n, _ in values)
                plain.setdefault(name, ndcg)
                cells.append(f"{name} {ndcg:.3f}/{mean(p for _, p in values):.2f} (x{ndcg / plain[name]:.3f})")
            print(f"{'level kept' if keep else 'level left':<11} {level or 'plain':<8} " + " ".join(cells), flush=True)
    _level_kept(False)


if __name__ == "__main__":
    main()
