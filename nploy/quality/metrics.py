"""Ranking metrics over graded relevance (0 = not relevant, 1 = partly, 2 = good).

``relevance`` maps a listing key to its grade; keys it does not hold count as 0, the usual
reading of pooled judgements (a result nobody judged is treated as not relevant).
- nDCG@k uses the exponential gain 2^grade - 1 and log2(rank + 1) discount, against the ideal
  ordering of every judged grade for the query (not only the retrieved ones).
- Recall@k is capped recall (BEIR's R_cap@k): relevant listings (grade >= 1) found in the top k
  over min(k, all relevant listings). Why capped: a generated query can have hundreds of
  relevant listings, and plain recall@10 would then be tiny for a perfect ranking.
- MRR is 1 / rank of the first relevant result (0 when none is retrieved).
- P@10 is the share of the top 10 with the top grade (a "good" match).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranking: Sequence[int], relevance: Mapping[int, int], k: int = 10) -> float:
    ideal = dcg(sorted((g for g in relevance.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevance.get(key, 0) for key in ranking[:k]]) / ideal


def recall_at(ranking: Sequence[int], relevance: Mapping[int, int], k: int) -> float:
    relevant = {key for key, grade in relevance.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / min(k, len(relevant))


def reciprocal_rank(ranking: Sequence[int], relevance: Mapping[int, int]) -> float:
    for rank, key in enumerate(ranking, start=1):
        if relevance.get(key, 0) > 0:
            return 1.0 / rank
    return 0.0


def precision_at(ranking: Sequence[int], relevance: Mapping[int, int], k: int = 10) -> float:
    """Share of the top k that are fully relevant (grade 2): what a reader sees on the first page."""
    return sum(relevance.get(key, 0) >= 2 for key in ranking[:k]) / k


def all_metrics(ranking: Sequence[int], relevance: Mapping[int, int]) -> dict[str, float]:
    return {
        "ndcg@10": ndcg_at(ranking, relevance, 10),
        "p@10": precision_at(ranking, relevance, 10),
        "recall@10": recall_at(ranking, relevance, 10),
        "recall@50": recall_at(ranking, relevance, 50),
        "mrr": reciprocal_rank(ranking, relevance),
    }


METRICS = ("ndcg@10", "p@10", "recall@10", "recall@50", "mrr")
