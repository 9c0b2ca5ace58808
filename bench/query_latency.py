"""Query embedding latency: the app's query encoder (``nploy.index.query_encoder``) in float32 and in bfloat16,
one profile text at a time as the app embeds them, alternating in one run, with the ratio and the cosine of the
two formats' vectors.

    python bench/query_latency.py [--queries 80] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from nploy.hardware import cpu_flags, cpu_model
from nploy.index import query_encoder
from nploy.index.embedding import default_model_path, model_name
from nploy.index.precision import BF16_FLAGS, embed_dtype
from nploy.index.texts import profile_text
from nploy.quality.querysets import load_sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=80)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts = [profile_text(q.profile()) for s in load_sets().values() for q in s.queries][: args.queries]
    encoders = {d: query_encoder.load(default_model_path(), model_name(), 256, d) for d in ("float32", "bfloat16")}
    for encoder in encoders.values():
        encoder.encode(texts[:5])  # warm-up
    times: dict[str, list[float]] = {d: [] for d in encoders}
    for _ in range(args.repeats):
        for dtype, encoder in encoders.items():
            for text in texts:
                start = time.perf_counter()
                encoder.encode([text])
                times[dtype].append(time.perf_counter() - start)
    cosines = (encoders["float32"].encode(texts) * encoders["bfloat16"].encode(texts)).sum(axis=1)
    flags = [f for f in BF16_FLAGS if f in cpu_flags()] or ["none"]
    print(f"cpu: {cpu_model()}  bfloat16 flags: {', '.join(flags)}  auto picks: {embed_dtype('cpu', 'auto')}")
    print(f"queries: {len(texts)} x {args.repeats}")
    for dtype, values in times.items():
        p95 = sorted(values)[int(len(values) * 0.95)]
        print(f"{dtype:<9} median {1000 * statistics.median(values):6.2f} ms  p95 {1000 * p95:6.2f} ms")
    ratio = statistics.median(times["float32"]) / statistics.median(times["bfloat16"])
    print(f"float32 / bfloat16: {ratio:.2f}x   cosine min {cosines.min():.4f}")


if __name__ == "__main__":
    main()
