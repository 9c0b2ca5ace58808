"""Titles near your words (``nploy.matching.suggestions``): how often the roles offered to a profile without a
title include the need's own, and what a user gains by picking one, on the real-text set in one run.

For every real need in the free-text and the skills form: the five titles offered; a title is of the
need's family when most of the postings it stands for are (the real set's judgements:
``realset.read_families``). Then nploy's ranking (``Matcher.match``) three ways: the profile as asked; the
same profile with the first offered title of the need's family as its desired title (a user who picks
the right one; a need with none offered stays as asked); and with the first title offered, whatever it
is (a user who takes the top one blindly). nDCG@10 and P@10 per form and part, with ratios to "as asked".

    python bench/title_suggestions.py --data-dir data/real-eval      # a dataset of the open postings (docs/quality.md)
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from statistics import mean

from nploy.dataset import open_dataset
from nploy.matching.suggestions import suggest_titles
from nploy.quality.metrics import ndcg_at, precision_at
from nploy.quality.realset import load_real_set, majority_family, read_families
from nploy.vocabulary.skills import load_taxonomy

FORMS = ("free", "skills")
WAYS = ("as asked", "picks the right title", "takes the first title")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    matcher = open_dataset(args.data_dir).matcher(serving=False)
    ids = matcher.table["id"].tolist()
    families = read_families()
    judged = load_real_set()
    taxonomy = load_taxonomy()
    figures: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    offered: dict[tuple[str, str], list[tuple[bool, bool]]] = {}
    for query in judged.queries:
        form, family = query.target["form"], query.target["family"]
        if form not in FORMS:
            continue
        profile = query.profile(taxonomy)
        relevance = judged.judgements.get(query.id, {})
        suggestions = suggest_titles(matcher, profile)
        right = [s for s in suggestions if majority_family((ids[r] for r in s.rows), families) == family]
        offered.setdefault((form, query.part), []).append((bool(right) and right[0] is suggestions[0], bool(right)))
        picks = {
            "as asked": None,
            "picks the right title": right[0].title if right else None,
            "takes the first title": suggestions[0].title if suggestions else None,
        }
        for way, title in picks.items():
            asked = profile if title is None else replace(profile, desired_titles=[title])
            ranked = [m.listing.id for m in matcher.match(asked, n=10)]
            figures.setdefault((form, query.part, way), []).append((ndcg_at(ranked, relevance), precision_at(ranked, relevance)))
        print(f"{query.id:<12} {family:<24} {' | '.join(s.title for s in suggestions)}", flush=True)
    print("\nneeds with a title of their family offered: first / in the five")
    for (form, part), hits in sorted(offered.items()):
        print(f"  {form:<7} {part:<7} {sum(h[0] for h in hits):>2} / {sum(h[1] for h in hits):>2} of {len(hits)}")
    print(f"\n{'form':<7} {'part':<7} {'way':<24} nDCG@10  x asked   P@10  x asked")
    for form in FORMS:
        for part in ("tuning", "test"):
            base = figures[(form, part, "as asked")]
            base_ndcg, base_p = mean(b[0] for b in base), mean(b[1] for b in base)
            for way in WAYS:
                rows = figures[(form, part, way)]
                ndcg, p = mean(r[0] for r in rows), mean(r[1] for r in rows)
                print(f"{form:<7} {part:<7} {way:<24} {ndcg:.3f}   {ndcg / base_ndcg:5.2f}   {p:.3f}  {p / base_p:5.2f}")


if __name__ == "__main__":
    main()
