"""A million listings on one machine: filtered match latency with the query embedding, recall@10 of the
filtered vector search against exact search, resident memory of the serving process, and market and
skill-gap aggregation times, with baselines measured in the same run.

    python bench/scale.py [--n 1000000] [--dir /tmp/nploy-scale] [--queries 200]

Data: `nploy demo-data`'s generator (seed 7) writes n listings. Vectors: real all-MiniLM-L6-v2 embeddings
can not be computed for a million listings here (about 14 hours on two cores), so listing i gets the
bundled index's real vector (i mod 20,000) plus Gaussian noise (sigma 0.03, renormalised), as in
bench/index_scale.py, for its body and its head vector alike; they are indexed by
`Dataset.index_vectors`, which `nploy build` uses, with the default `auto` index type and the lexical leg
(BM25 over a million descriptions) built as `nploy build` builds it. Queries: the evaluation profiles
with hard filters added (`profiles`), embedded by the app's query encoder on every call. A second process
loads what the app loads (serving table, filter arrays, index, query encoder, market frame) and measures
itself, so its memory is the app's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from index_scale import corpus  # bench/ is the script's directory, so its sibling imports

from nploy.dataset import Dataset, open_dataset
from nploy.dataset.build import Texts
from nploy.index.embedding import load_query_encoder
from nploy.index.kinds import auto_index_type
from nploy.market import figures as market
from nploy.market import gaps
from nploy.matching.filters import TableFilters
from nploy.quality.querysets import load_sets
from nploy.records.profile import Profile
from nploy.records.table import write_table

MODEL = "all-MiniLM-L6-v2"
MARKET_FILTERS = {
    "all listings": market.MarketFilter(),
    "role Back-end": market.MarketFilter(roles=("Back-end",)),
    "DE + remote": market.MarketFilter(countries=("DE",), work_modes=("remote",)),
    "skill Python": market.MarketFilter(skill="Python"),
}


def rss_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process (MB), from /proc."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


FILTERS = (
    {"work_modes": ["remote"]},
    {"countries": ["DE"]},
    {"work_modes": ["hybrid", "onsite"], "countries": ["GB"]},
    {"work_modes": ["remote"], "salary_floor": 60000.0},
    {"countries": ["PL", "RO", "BG"]},
    {"work_modes": ["onsite"], "countries": ["US"], "salary_floor": 80000.0},
    {},
)


def profiles(count: int) -> list[Profile]:
    """The evaluation profiles, each given one of ``FILTERS`` in turn plus, for every third, its first
    skill as a must-have: hard filters of the kind the sample profiles use (the evaluation's own
    profiles have none), passing from under 1 % to all listings."""
    out = []
    for i, query in enumerate(q for s in load_sets().values() for q in s.queries):
        profile = replace(query.profile(), **FILTERS[i % len(FILTERS)])
        if i % 3 == 0 and profile.skills:
            profile = replace(profile, must_have_skills=profile.skills[:1], skills=profile.skills[1:])
        out.append(profile)
    return out[:count]


def prepare(dataset: Dataset, n: int, index_type: str = "auto") -> np.ndarray:
    """The n-listing dataset and its index of this type (made once, reused by later runs); returns the float vectors."""
    from nploy.demo.generator import generate

    vectors_path = dataset.root / "vectors.npy"
    if not dataset.listings_path.exists():
        seconds, table = timed(lambda: generate(n, 7))
        write_table(table, dataset.listings_path)
        print(f"generated {n:,} listings in {seconds / 1000:.0f} s")
    manifest_path = dataset.index_dir / "manifest.json"
    wanted = auto_index_type(n) if index_type == "auto" else index_type
    stale = not manifest_path.exists() or json.loads(manifest_path.read_text())["index_type"] != wanted
    if not vectors_path.exists() or stale:  # none yet, or one built before `auto` chose another type
        bundled = open_dataset("data")
        keys = bundled.table(serving=True)["key"].to_numpy()
        real_index = bundled.index(MODEL)
        vectors = corpus(real_index.vectors(keys), n, np.random.default_rng(0))
        heads = corpus(real_index.head.vectors(keys), n, np.random.default_rng(1)) if real_index.head else None
        table = dataset.table()
        seconds, built = timed(lambda: dataset.index_vectors(vectors, table, Texts.of(table), MODEL, wanted, heads))
        manifest = built.manifest
        print(f"indexed (body, head and lexical leg) in {seconds / 1000:.0f} s: {manifest.index_type} {manifest.params}")
        del heads
        np.save(vectors_path, vectors)
    return np.load(vectors_path, mmap_mode="r")


def _sentence(profile: Profile) -> Profile:
    said = "I work with " + ", ".join(profile.must_have_skills + profile.skills) + "."
    return replace(profile, desired_titles=[], free_text=said, skills=[], must_have_skills=[])


# Each way a profile comes without a title, each a path of role understanding (nploy.matching.by_role): as the
# evaluation profiles are (skills, no words), with skills alone (the role's own listings join the pool), and as
# a sentence of its skills (the keyword leg joins instead).
UNTITLED = {
    "roles": lambda p: replace(p, desired_titles=[]),
    "skills_only": lambda p: replace(p, desired_titles=[], free_text=""),
    "sentence": _sentence,
}
UNTITLED_LABELS = {
    "roles": "the same profiles without a title, ranked by the roles read from them",
    "skills_only": "the same profiles with their skills alone (no title, no words)",
    "sentence": "the same profiles as a sentence of their skills, no title",
}


def _latencies(matcher, batch: list[Profile]) -> list[float]:
    out = []
    for profile in batch:
        matcher.forget_queries()  # the embedding is timed on every call
        out.append(timed(lambda p=profile: matcher.match(p, n=20))[0])
    return out


def serve(root: Path, queries: int) -> dict:
    """What the app does at start and per request, measured in this (fresh) process."""
    from nploy.matching.matcher import Matcher

    dataset = Dataset(root)
    out: dict = {"rss_start_mb": rss_mb()[0]}
    load_ms, table = timed(lambda: dataset.table(serving=True))
    filters_ms, filters = timed(lambda: dataset.filters(table))
    index_ms, index = timed(lambda: dataset.index(MODEL))
    lexical_ms, lexical = timed(dataset.lexical)
    encoder_ms, encoder = timed(load_query_encoder)
    matcher = Matcher(table, index, encoder, filters, lexical=lexical)
    frame = market.with_roles(table)
    loads = {"table": load_ms, "filters": filters_ms, "index": index_ms, "lexical": lexical_ms, "encoder": encoder_ms}
    out["load_s"] = {name: ms / 1000 for name, ms in loads.items()}
    out["rss_loaded_mb"] = rss_mb()[0]
    out["match_ms"] = _latencies(matcher, profiles(queries))
    # The same profiles without their titles: each is read for its roles and ranked by them (nploy.roles). The
    # first read pays for the listings' roles (the catalogue's patterns over each distinct title), once.
    out["load_s"]["listing roles"] = timed(lambda: matcher.listing_roles)[0] / 1000
    for name, change in UNTITLED.items():
        out[f"match_ms_{name}"] = _latencies(matcher, [change(p) for p in profiles(queries)])
    out["aggregations_ms"] = {name: aggregations(frame, f, filters) for name, f in MARKET_FILTERS.items()}
    out["rss_end_mb"], out["rss_peak_mb"] = rss_mb()
    return out


def aggregations(frame, market_filter: market.MarketFilter, filters: TableFilters) -> dict[str, float]:
    """Each figure the Market and Skill gaps pages draw, timed once, uncached (the app caches per filter)."""
    skills = filters.skills
    apply_ms, sub = timed(lambda: market_filter.apply(frame, skills))
    profile = Profile(skills=["Python", "SQL"])
    figures = {
        "filter": lambda: sub,
        "headline": lambda: market.headline(sub),
        "salary_by_role_seniority": lambda: market.salary_by_role_seniority(sub),
        "work_mode_share": lambda: market.work_mode_share(sub, "country"),
        "posting_volume": lambda: market.posting_volume(sub),
        "skill_demand": lambda: market.skill_demand(sub, 20, skills),
        "skill_trend": lambda: market.skill_trend(sub, ["Python", "Go", "AWS", "React"], skills),
        "skill_premium": lambda: market.skill_premium(sub, ["Python", "Go", "AWS", "React"], skills),
        "salary_benchmark": lambda: market.salary_benchmark(sub, ("Python",), skills),
        "skill_gaps": lambda: gaps.skill_gaps(sub, profile, skill_index=skills),
        "what_if": lambda: gaps.what_if(sub, profile, "Go", skills),
    }
    times = {name: timed(fn)[0] for name, fn in figures.items()}
    times["filter"] = apply_ms
    return times


def recall(dataset: Dataset, vectors: np.ndarray, queries: int) -> dict[str, tuple[int, float, float, float]]:
    """recall@10 of the index's filtered search against an exact NumPy scan under the same filter:
    the benchmark profiles' filters (see ``profiles``), and random filters passing 20 %, 2 % and 0.2 %.
    The body index alone, against a scan of the body vectors: with head vectors the app's search merges
    two indexes' results, and a scan of one of them is not its exact answer."""
    from nploy.index.index import VectorIndex

    table = dataset.table(serving=True)
    full = dataset.index(MODEL)
    index = VectorIndex(full.index, full.manifest, exact=full.exact)
    filters = dataset.filters(table)
    encoder = load_query_encoder()
    chosen = profiles(queries)
    from nploy.index.texts import profile_text

    query_vectors = encoder.encode([profile_text(p) for p in chosen])
    rng = np.random.default_rng(1)
    cases = {"profile filters": [filters.mask(p) for p in chosen]}
    for share in (0.2, 0.02, 0.002):
        cases[f"random {share:.1%}"] = [rng.uniform(size=len(table)) < share for _ in chosen]
    vectors = np.asarray(vectors)
    out = {}
    for name, masks in cases.items():
        recalls, approx_ms, exact_ms = [], [], []
        for query, mask in zip(query_vectors, masks):
            ms, (_, found) = timed(lambda: index.search(query, 10, mask=None if mask.all() else mask))
            approx_ms.append(ms)
            ms, expected = timed(lambda: _exact(vectors, query, mask))
            exact_ms.append(ms)
            if len(expected):
                recalls.append(len(set(found.tolist()) & set(index.keys[expected].tolist())) / len(expected))
        share = float(np.median([m.mean() for m in masks]))
        out[name] = (share, statistics.mean(recalls), statistics.median(approx_ms), statistics.median(exact_ms))
    return out


def _exact(vectors: np.ndarray, query: np.ndarray, mask: np.ndarray, k: int = 10) -> np.ndarray:
    scores = np.where(mask, vectors @ query, -np.inf)
    passing = int(mask.sum())
    top = np.argpartition(-scores, min(k, passing - 1))[: min(k, passing)] if passing else np.zeros(0, int)
    return top[np.argsort(-scores[top])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/nploy-scale"))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--index-type", default="auto", help="auto (what `nploy build` picks), or a FAISS type to compare")
    parser.add_argument("--configs", default="all", help="all: also serve without the head vectors or the lexical leg")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the measuring child process
    args = parser.parse_args()
    if args.serve:
        print(json.dumps(serve(args.dir, args.queries)))
        return
    dataset = Dataset(args.dir)
    vectors = prepare(dataset, args.n, args.index_type)
    served = _serve_child(args, {})
    report(dataset, vectors, served, args.queries)
    if args.configs == "all":
        print("\nthe same serving process with parts switched off (same run, same index files):")
        print(f"{'configuration':<38}{'match p50 ms':>14}{'p99 ms':>9}{'RSS loaded MB':>15}{'peak MB':>9}")
        for name, env in (
            ("default: head + body + lexical", {}),
            ("NPLOY_LEXICAL=off", {"NPLOY_LEXICAL": "off"}),
            ("NPLOY_HEAD_VECTORS=off", {"NPLOY_HEAD_VECTORS": "off"}),
            ("both off", {"NPLOY_LEXICAL": "off", "NPLOY_HEAD_VECTORS": "off"}),
        ):
            run = served if not env else _serve_child(args, env)
            ms = run["match_ms"]
            print(
                f"{name:<38}{statistics.median(ms):>14.1f}{np.percentile(ms, 99):>9.1f}"
                f"{run['rss_loaded_mb']:>15.0f}{run['rss_peak_mb']:>9.0f}"
            )


def _serve_child(args, env: dict) -> dict:
    import os

    child = subprocess.run(
        [sys.executable, __file__, "--serve", "--dir", str(args.dir), "--queries", str(args.queries)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def report(dataset: Dataset, vectors: np.ndarray, served: dict, queries: int) -> None:
    manifest = dataset.index_dir / "manifest.json"
    params = json.loads(manifest.read_text())
    print(f"listings: {params['count']:,}  index: {params['index_type']}  tuned: {params['params']}")
    loads = ", ".join(f"{k} {v:.1f} s" for k, v in served["load_s"].items())
    print(f"serving process start-up: {loads}")
    budget = 1536
    print(
        f"resident memory: {served['rss_loaded_mb']:.0f} MB loaded, {served['rss_end_mb']:.0f} MB after the runs, "
        f"peak {served['rss_peak_mb']:.0f} MB ({served['rss_peak_mb'] / budget:.2f} of the 1.5 GB budget); "
        f"the float vectors alone would be {vectors.nbytes / 2**20:.0f} MB"
    )
    latencies = served["match_ms"]
    print(
        f"\nfiltered match, profile -> 20 explained results, embedding included ({len(latencies)} profiles): "
        f"p50 {statistics.median(latencies):.1f} ms  p99 {np.percentile(latencies, 99):.1f} ms"
    )
    for name, label in UNTITLED_LABELS.items():
        these = served[f"match_ms_{name}"]
        ratio = statistics.median(these) / statistics.median(latencies)
        print(
            f"{label}: p50 {statistics.median(these):.1f} ms  p99 {np.percentile(these, 99):.1f} ms ({ratio:.2f}x the titled p50)"
        )
    print("\nfiltered vector search, top 10 (passing: median share of listings that pass the filter)")
    print(f"{'filter':<18}{'passing':>9}{'recall@10':>11}{'index ms':>10}{'numpy ms':>10}{'ratio':>7}")
    for name, (share, mean_recall, approx, exact) in recall(dataset, vectors, queries).items():
        print(f"{name:<18}{share:>9.2%}{mean_recall:>11.3f}{approx:>10.2f}{exact:>10.1f}{approx / exact:>7.3f}")
    print("\nmarket and skill-gap figures, ms (uncached; the app caches each per filter set)")
    names = list(next(iter(served["aggregations_ms"].values())))
    print(f"{'figure':<26}" + "".join(f"{f:>15}" for f in served["aggregations_ms"]))
    for name in names:
        print(f"{name:<26}" + "".join(f"{times[name]:>15.0f}" for times in served["aggregations_ms"].values()))
    baseline_ms = _explode_baseline(dataset)
    fast = served["aggregations_ms"]["all listings"]["skill_demand"]
    print(
        f"\nskill demand over all listings: {fast:.0f} ms; pandas explode + value_counts (before): {baseline_ms:.0f} ms "
        f"(ratio {fast / baseline_ms:.3f})"
    )


def _explode_baseline(dataset: Dataset) -> float:
    skills = pd.read_parquet(dataset.listings_path, columns=["skills"])["skills"]
    return timed(lambda: skills.explode().value_counts().head(20))[0]


if __name__ == "__main__":
    main()
