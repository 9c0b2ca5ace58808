"""Pseudo-relevance feedback for the profile's embedding (Rocchio): tried on the real-text set, not shipped.

The query vector is moved towards its own nearest listings before the search: q' = q + beta x mean of the
top-k listings' body and head vectors (each normalised), under the profile's hard filters. The dense leg
(``Matcher.nearest``, the better of body and head) then ranks with q'. For every form and part: nDCG@10 of
the plain query, of each (k, beta), the mean per-need difference with its standard error, and the setting
the tuning part would choose (the best there), with its test figure. Ratios are to the plain query of the
same run.

    python bench/query_feedback.py --data-dir data/real-eval      # a dataset of the open postings (docs/quality.md)

Why it is not in the product (2026-12-02): every setting gains on the tuning part (free text +0.04 to
+0.09 nDCG@10, skills +0.01 to +0.10), but the test part barely follows for free text (+0.004 to +0.024)
and the skills form loses there with every setting (-0.005 to -0.023); the setting the tuning part
chooses for it (k 3, beta 1.0) costs the test part 0.018, which would put nploy below the plain
embeddings, the bar of the ranking issue. The same pattern as taking the first offered title blindly
(bench/title_suggestions.py): feedback from the nearest listings drifts where the first ones are wrong.
"""

from __future__ import annotations

import argparse
from statistics import mean

import numpy as np

from nploy.dataset import open_dataset
from nploy.quality.evaluation import corpus_for, prepare
from nploy.quality.metrics import ndcg_at
from nploy.quality.realset import FORMS, load_real_set

SETTINGS = [(k, beta) for k in (3, 5, 10, 20) for beta in (0.3, 0.6, 1.0)]


def fed_back(matcher, query: np.ndarray, mask: np.ndarray, k: int, beta: float) -> np.ndarray:
    """The query moved towards the mean of its k nearest listings' body and head vectors."""
    _, rows = matcher.nearest(query, k, mask)
    heads = matcher.index.head or matcher.index
    centre = np.concatenate([matcher.vectors(rows), heads.vectors(matcher.rows.keys_of(rows))]).mean(axis=0)
    moved = query + beta * centre / np.linalg.norm(centre)
    return moved / np.linalg.norm(moved)


def ndcg_of(matcher, prepared, vector: np.ndarray) -> float:
    _, rows = matcher.nearest(vector, 100, prepared.mask)
    return ndcg_at(matcher.rows.keys_of(rows).tolist(), prepared.relevance, 10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/real-eval")
    args = parser.parse_args()
    matcher = open_dataset(args.data_dir).matcher(serving=False)
    corpus = corpus_for(matcher)
    qset = load_real_set()
    prepared = [prepare(corpus, qset, q) for q in qset.queries]
    scores: dict[tuple[str, str, object], list[float]] = {}
    for p in prepared:
        key = (p.query.target["form"], p.query.part)
        scores.setdefault((*key, "plain"), []).append(ndcg_of(matcher, p, p.vector))
        for k, beta in SETTINGS:
            scores.setdefault((*key, (k, beta)), []).append(ndcg_of(matcher, p, fed_back(matcher, p.vector, p.mask, k, beta)))
    print(f"{'form':<7} {'part':<7} {'setting':<13} nDCG@10  x plain  diff   (se)")
    for form in FORMS:
        for part in ("tuning", "test"):
            plain = np.array(scores[(form, part, "plain")])
            print(f"{form:<7} {part:<7} {'plain':<13} {plain.mean():.3f}")
            for setting in SETTINGS:
                fed = np.array(scores[(form, part, setting)])
                diff = fed - plain
                se = diff.std(ddof=1) / np.sqrt(len(diff))
                label = f"k {setting[0]} b {setting[1]}"
                ratio = fed.mean() / plain.mean()
                print(f"{form:<7} {part:<7} {label:<13} {fed.mean():.3f}   {ratio:5.2f}  {diff.mean():+.3f} ({se:.3f})")
    print("\nthe tuning part's choice (best there), and its test figure:")
    for form in FORMS:
        best = max(SETTINGS, key=lambda s: mean(scores[(form, "tuning", s)]))
        tuning, test = (mean(scores[(form, part, best)]) for part in ("tuning", "test"))
        plain_tuning, plain_test = (mean(scores[(form, part, "plain")]) for part in ("tuning", "test"))
        print(
            f"  {form:<7} k {best[0]} b {best[1]}: tuning {tuning:.3f} (x{tuning / plain_tuning:.2f}), "
            f"test {test:.3f} (x{test / plain_test:.2f}, plain {plain_test:.3f})"
        )


if __name__ == "__main__":
    main()
