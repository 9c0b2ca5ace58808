"""Vector search at scale: latency and recall@10 of FAISS index types against an exact NumPy scan and
FAISS flat search, with and without hard filters, all measured in this run.

    python bench/index_scale.py --n 100000 [--queries 200] [--types Flat HNSW32 IVF1024,SQ8 SQ8]

Vectors: the bundled index's 20,000 real all-MiniLM-L6-v2 listing embeddings. Above 20,000 the corpus
is grown from them: listing i is embedding (i mod 20,000) plus Gaussian noise (sigma 0.03 per dimension,
then renormalised), so neighbourhoods keep the real data's shape but no two vectors are equal. That is
a stand-in for real embeddings of a million listings, which take about half a day to compute on two
cores: read the recall figures as indicative. Queries: real embeddings of the evaluation profiles
(the app's query encoder). Filters: a random share of listings passes (100 %, 20 %, 2 %), given as a
mask to `VectorIndex.search`, which is what the matcher does.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import faiss
import numpy as np

from nploy.dataset import open_dataset
from nploy.index.embedding import load_query_encoder
from nploy.index.index import VectorIndex, build_index, tune
from nploy.index.manifest import Manifest
from nploy.quality.querysets import load_sets

SIGMA = 0.03


def corpus(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    if n <= len(base):
        return base[:n].copy()
    out = base[np.arange(n) % len(base)] + rng.normal(0, SIGMA, size=(n, base.shape[1])).astype("float32")
    out[: len(base)] = base  # the real vectors themselves are part of it
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def exact_top(vectors: np.ndarray, query: np.ndarray, mask: np.ndarray | None, k: int = 10) -> np.ndarray:
    scores = vectors @ query
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    top = np.argpartition(-scores, k)[:k]
    return top[np.argsort(-scores[top])]


def timed_ms(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--types", nargs="+", default=["Flat", "HNSW32", "IVF1024,SQ8", "SQ8"])
    parser.add_argument("--ef-search", type=int, default=128)
    parser.add_argument("--nprobe", type=int, default=32, help="IVF probes; 0: tune as `nploy build` does")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    dataset = open_dataset("data")
    table = dataset.table()
    real = dataset.index("all-MiniLM-L6-v2").vectors(table["key"].to_numpy())
    vectors = corpus(real, args.n, rng)
    keys = np.arange(args.n, dtype="int64")
    encoder = load_query_encoder()
    profiles = [q.profile() for s in load_sets().values() for q in s.queries][: args.queries]
    from nploy.index.texts import profile_text

    queries = encoder.encode([profile_text(p) for p in profiles])
    shares = {"all": None, "20 %": rng.uniform(size=args.n) < 0.2, "2 %": rng.uniform(size=args.n) < 0.02}
    truth = {name: [exact_top(vectors, q, mask) for q in queries] for name, mask in shares.items()}
    numpy_ms = [timed_ms(lambda q=q: exact_top(vectors, q, None))[0] for q in queries]
    print(f"listings: {args.n:,}  queries: {len(queries)}  dim: {vectors.shape[1]}  (beyond 20,000: real + noise, see docstring)")
    print(f"numpy exact scan: p50 {statistics.median(numpy_ms):.2f} ms  p99 {np.percentile(numpy_ms, 99):.2f} ms\n")
    header = f"{'index (nprobe)':<20}{'filter':>6}{'build s':>9}{'MB':>8}{'p50 ms':>8}{'p99 ms':>8}"
    header += f"{'vs numpy':>9}{'vs flat':>8}{'recall@10':>10}"
    print(header)
    flat_p50: dict[str, float] = {}
    for kind in args.types:
        build_s, index = timed_ms(lambda k=kind: build_index(vectors, keys, k))
        inner = faiss.downcast_index(index.index)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = args.ef_search
        if hasattr(inner, "nprobe"):
            # fixed, or with --nprobe 0 tuned to recall 0.97 on probe queries as `nploy build` does
            inner.nprobe = args.nprobe or tune(index, vectors)["nprobe"]
            kind = f"{kind} ({inner.nprobe})"
        buffer = io.BytesIO(faiss.serialize_index(index).tobytes())
        size_mb = len(buffer.getvalue()) / 1e6
        manifest = Manifest("bench", vectors.shape[1], args.n, "", kind, "", "", faiss.__version__, "", "")
        vector_index = VectorIndex(index=index, manifest=manifest)
        for name, mask in shares.items():
            latencies, recalls = [], []
            for query, expected in zip(queries, truth[name]):
                ms, (_, found) = timed_ms(lambda q=query: vector_index.search(q, 10, mask=mask))
                latencies.append(ms)
                recalls.append(len(set(found.tolist()) & set(expected.tolist())) / 10)
            p50 = statistics.median(latencies)
            if kind == "Flat":
                flat_p50[name] = p50
            vs_flat = p50 / flat_p50[name] if name in flat_p50 else float("nan")
            print(
                f"{kind:<20}{name:>6}{build_s / 1000:>9.1f}{size_mb:>8.0f}{p50:>8.2f}{np.percentile(latencies, 99):>8.2f}"
                f"{p50 / statistics.median(numpy_ms):>9.2f}{vs_flat:>8.2f}{statistics.mean(recalls):>10.3f}"
            )


if __name__ == "__main__":
    main()
