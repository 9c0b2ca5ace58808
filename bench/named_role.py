"""A role named in the free text ("I am a statistician. I design surveys ..."): scored with the free form's
weights, or as a desired title (the title form's weights, the named role as the title part)? Each real need
of the free form gets "I am a <its title>." in front; both weightings rank the same candidate pool; nDCG@10
and P@10 per part of the real set, in one run.

    python bench/named_role.py --data-dir data/real-eval      # a dataset of the open postings (docs/quality.md)
"""

from __future__ import annotations

import argparse
import json
from statistics import mean

from nploy.dataset import open_dataset
from nploy.matching.scoring import rank
from nploy.quality.metrics import ndcg_at, precision_at
from nploy.quality.realset import REAL_NEEDS, load_real_set
from nploy.records.profile import make_profile
from nploy.vocabulary.titles import titles_in


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    dataset = open_dataset(args.data_dir)
    matcher = dataset.matcher(serving=False).scoring_every_part()
    keys = matcher.table["key"].to_numpy()
    key_of_id = dict(zip(matcher.table["id"], keys.astype(int)))
    needs = {n["id"]: n for n in map(json.loads, REAL_NEEDS.read_text("utf-8").splitlines()) if n}
    judged = load_real_set()
    rows: dict[tuple[str, str], list[tuple[float, float, bool]]] = {}
    for query in judged.queries:
        if query.target["form"] != "free":
            continue
        need = needs[query.id.split("-")[0]]
        profile = make_profile(free_text=f"I am a {need['title'].lower()}. {need['text']}")
        relevance = {key_of_id[i]: g for i, g in judged.judgements.get(query.id, {}).items() if i in key_of_id}
        pool = matcher.candidates(profile, n=20)
        named = bool(titles_in(profile.free_text))
        weightings = (("free form's weights", matcher.ranking.weights_for("free")), ("as a title", matcher.weights(profile)))
        for name, weights in weightings:
            ranked = [int(keys[c.row]) for c in rank(pool, weights)]
            rows.setdefault((query.part, name), []).append((ndcg_at(ranked, relevance), precision_at(ranked, relevance), named))
    print(f"{'part':<7} {'scored':<20} nDCG@10  P@10   recognised  nDCG@10 of those")
    for part in ("tuning", "test"):
        base = mean(n for n, _, _ in rows[(part, "free form's weights")])
        for name in ("free form's weights", "as a title"):
            values = rows[(part, name)]
            ndcg = mean(n for n, _, _ in values)
            named = [n for n, _, r in values if r]
            print(
                f"{part:<7} {name:<20} {ndcg:.3f}    {mean(p for _, p, _ in values):.2f}   "
                f"{len(named):>2}/{len(values)}       {mean(named) if named else float('nan'):.3f}   (x{ndcg / base:.3f})"
            )


if __name__ == "__main__":
    main()
