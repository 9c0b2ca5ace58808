"""What to embed of a listing: 128 tokens of title, level, skills and the description's start (the old
default) against the whole posting at 256 tokens and against chunks (title and skills as one chunk, the
description in chunks, a listing scored by its best chunk). Quality is dense-only retrieval on the
real-text evaluation set (nDCG@10, P@10 per profile form), speed is embedding throughput; all measured
in one run.

    python bench/listing_text.py --data-dir /tmp/real-eval      # a dataset of the open postings (docs/quality.md)
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from statistics import mean

import numpy as np

from nploy.dataset import open_dataset
from nploy.index.embedding import SentenceTransformerEncoder
from nploy.index.texts import listing_text, profile_text
from nploy.quality.metrics import ndcg_at
from nploy.quality.realset import load_real_set
from nploy.records.profile import make_profile

CHUNK_WORDS = 90  # about 120 word pieces: one chunk fits the 128-token window


def chunks_of(title: str, skills: list[str], description: str, limit: int = 8) -> list[str]:
    head = f"{title}. Skills: {', '.join(skills)}."
    words = description.split()
    return [head] + [" ".join(words[i : i + CHUNK_WORDS]) for i in range(0, min(len(words), CHUNK_WORDS * limit), CHUNK_WORDS)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    table = open_dataset(args.data_dir).table()
    ids = table["id"].tolist()
    qset = load_real_set()
    variants: dict[str, tuple[np.ndarray, np.ndarray, float, int]] = {}  # name -> (vectors, owner row, seconds, texts)
    old = [
        listing_text(t, s, list(k), d)
        for t, s, k, d in zip(table["title"], table["seniority"], table["skills"], table["description"])
    ]
    whole = [f"{t}. Skills: {', '.join(k)}. {d}" for t, k, d in zip(table["title"], table["skills"], table["description"])]
    chunked = [chunks_of(t, list(k), d) for t, k, d in zip(table["title"], table["skills"], table["description"])]
    flat = [c for cs in chunked for c in cs]
    owner = np.repeat(np.arange(len(table)), [len(cs) for cs in chunked])
    two = [c for cs in chunked for c in cs[:2]]
    two_owner = np.repeat(np.arange(len(table)), [len(cs[:2]) for cs in chunked])
    heads = [cs[0] for cs in chunked]
    head_whole = heads + whole
    head_whole_owner = np.concatenate([np.arange(len(table)), np.arange(len(table))])
    for name, texts, length, rows in (
        ("128 tokens, title+level+skills+600 chars", old, 128, np.arange(len(table))),
        ("256 tokens, whole posting", whole, 256, np.arange(len(table))),
        ("chunks of 128 tokens, best chunk", flat, 128, owner),
        ("head + first chunk, best of two", two, 128, two_owner),
        ("head + whole posting at 256, best of two", head_whole, 256, head_whole_owner),
    ):
        encoder = SentenceTransformerEncoder(max_seq_length=length)
        start = time.perf_counter()
        vectors = encoder.encode(texts)
        variants[name] = (vectors, rows, time.perf_counter() - start, len(texts))
        print(f"embedded {name}: {len(texts):,} texts in {variants[name][2]:.0f} s", flush=True)
    query_encoder = SentenceTransformerEncoder(max_seq_length=128)
    print(
        f"\n{'listing text':<42} {'texts':>6} {'s':>6} {'texts/s':>8}  "
        + "  ".join(f"{f:>12}" for f in ("free", "skills", "title"))
    )
    for name, (vectors, rows, seconds, count) in variants.items():
        scores = defaultdict(list)
        for query in qset.queries:
            q = query_encoder.encode([profile_text(make_profile(**query.fields))])[0]
            sims = vectors @ q
            best = np.full(len(table), -1.0)
            np.maximum.at(best, rows, sims)
            ranking = [ids[i] for i in np.argsort(-best)[:10]]
            relevance = qset.judgements[query.id]
            scores[query.target["form"], query.part, "ndcg"].append(ndcg_at(ranking, relevance, 10))
            scores[query.target["form"], query.part, "p"].append(mean(relevance.get(i, 0) == 2 for i in ranking))
        cells = [
            f"{mean(scores[f, 'tuning', 'ndcg']):.3f}/{mean(scores[f, 'test', 'ndcg']):.3f}" for f in ("free", "skills", "title")
        ]
        print(f"{name:<42} {count:>6} {seconds:>6.0f} {count / seconds:>8.1f}  " + "  ".join(f"{c:>12}" for c in cells))
    print("\ncells: dense-only nDCG@10 on the tuning / test parts of the real set")


if __name__ == "__main__":
    main()
