"""Print the judging pool of hand-set profiles: the top 10 of every mode, one listing per line.

    python scripts/pool_hand_set.py [QUERY_ID ...]

The layout is the one the judgements in data/eval/hand_judgements.csv were made from (JUDGING.md).
"""

import sys

from nploy.dataset import open_dataset
from nploy.quality.evaluation import MODES, corpus_for, prepare, ranking
from nploy.quality.querysets import EVAL_DIR, load_sets


def main(wanted: list[str]) -> None:
    corpus = corpus_for(open_dataset(EVAL_DIR.parent).matcher(serving=False))
    hand = load_sets()["hand"]
    by_key = corpus.table.set_index("key")
    for query in hand.queries:
        if wanted and query.id not in wanted:
            continue
        prepared = prepare(corpus, hand, query)
        pool: dict[int, list[str]] = {}
        for mode in MODES:
            for key in ranking(corpus, prepared, mode)[:10]:
                pool.setdefault(key, []).append(mode)
        print(f"\n## {query.id} [{query.note}] filters-pass={int(prepared.mask.sum())}")
        for key in sorted(pool, key=lambda k: by_key.loc[k, "title"]):
            row = by_key.loc[key]
            skills = ", ".join(row["skills"])
            print(f"{row['id']} | {row['title']} | {row['seniority']} | {skills} | {row['country']} {row['work_mode']}")


if __name__ == "__main__":
    main(sys.argv[1:])
