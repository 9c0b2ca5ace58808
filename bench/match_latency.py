"""Match latency on the bundled data: one match call with and without the query embedding, and the
FAISS search step against a NumPy exact scan of the same vectors, all measured in this run.

    python bench/match_latency.py [--data-dir data] [--repeats 50]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from nploy.dataset import open_dataset
from nploy.records.profile import make_profile

PROFILES = [
    make_profile(skills=["python", "django", "postgresql"], work_modes=["remote"], salary_floor=60000),
    make_profile(skills=["react", "typescript"], desired_titles=["Frontend Developer"], countries=["DE", "NL"]),
    make_profile(skills=["kubernetes", "terraform", "aws"], seniority="senior"),
    make_profile(skills=["figma"], desired_titles=["Product Designer"], work_modes=["hybrid"]),
]


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    matcher = open_dataset(args.data_dir).matcher()
    queries = [matcher.query_vector(p) for p in PROFILES]
    vectors = matcher.index.index.reconstruct_batch(matcher.table["key"].to_numpy())
    print(f"listings: {len(matcher.table):,}  index: {matcher.index.manifest.index_type}  repeats: {args.repeats}")
    print(f"{'profile':<8} {'match+embed ms':>15} {'match ms':>9} {'faiss ms':>9} {'numpy ms':>9} {'faiss/numpy':>12}")
    for number, (profile, query) in enumerate(zip(PROFILES, queries), start=1):
        full = median_ms(lambda: (matcher.forget_queries(), matcher.match(profile, n=20)), args.repeats)
        no_embed = median_ms(lambda: matcher.match(profile, n=20, query=query), args.repeats)
        faiss_search = median_ms(lambda: matcher.index.search(query, 200), args.repeats)
        numpy_scan = median_ms(lambda: np.argpartition(-(vectors @ query), 200)[:200], args.repeats)
        print(
            f"{number:<8} {full:>15.1f} {no_embed:>9.1f} {faiss_search:>9.2f} {numpy_scan:>9.2f} "
            f"{faiss_search / numpy_scan:>12.2f}"
        )


if __name__ == "__main__":
    main()
