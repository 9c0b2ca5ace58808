"""Reverse match latency (issue 29): a recruiter's role against 10,000 synthetic discoverable candidates, from
the role to 20 explained candidates, the role's embedding included, with the real query encoder.

Candidates are made from the demo generator's listings (title, a share of its skills, level, work mode,
country, a salary floor under its pay, the description's first sentence), each showing a random choice of
fields; roles are other generated listings ("I am hiring for this one"), with a must-have for every third.

    python bench/reverse_match.py [--candidates 10000] [--roles 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

import numpy as np

from nploy.demo.generator import generate
from nploy.index.embedding import load_query_encoder
from nploy.matching.reverse import CandidatePool
from nploy.records.hiring import SHAREABLE, SHOWN_BY_DEFAULT, Discoverable, Visibility, role_from_listing
from nploy.records.profile import Profile
from nploy.records.table import from_row


def candidates(count: int, seed: int = 11) -> list[Discoverable]:
    rng = np.random.default_rng(seed)
    out = []
    for i, row in enumerate(generate(count, seed).to_dict("records")):
        listing = from_row(row)
        skills = [s for s in listing.skills if rng.uniform() < 0.7]
        floor = 0.85 * listing.salary_annual_eur if listing.salary_annual_eur else None
        profile = Profile(
            skills=skills,
            desired_titles=[listing.title],
            seniority=listing.seniority,
            work_modes=[listing.work_mode] if rng.uniform() < 0.7 else [],
            countries=[listing.country] if listing.country and rng.uniform() < 0.8 else [],
            salary_floor=floor,
            free_text=listing.description.split(".")[0][:300],
        )
        extra = tuple(f for f in SHAREABLE if f not in SHOWN_BY_DEFAULT and rng.uniform() < 0.5)
        out.append(Discoverable(f"p{i}", f"Candidate {i:05d}", profile, Visibility(shown=SHOWN_BY_DEFAULT + extra)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--roles", type=int, default=200)
    args = parser.parse_args()
    people = candidates(args.candidates)
    roles = [role_from_listing(from_row(r)) for r in generate(args.roles, 99).to_dict("records")]
    roles = [replace(r, must_have_skills=r.skills[:1], skills=r.skills[1:]) if i % 3 == 0 else r for i, r in enumerate(roles)]
    pool = CandidatePool(load_query_encoder())
    start = time.perf_counter()
    embedded = pool.refresh(people)
    print(f"candidates: {len(pool.members):,} discoverable, {embedded:,} embedded in {time.perf_counter() - start:.1f} s")
    moved = " Open to relocation."
    changed = [replace(p, profile=replace(p.profile, free_text=p.profile.free_text + moved)) for p in people[:100]]
    start = time.perf_counter()
    again = pool.refresh(changed + people[100:])
    # Only the candidates who show their free text are embedded again: the shown text is what is embedded.
    print(f"refresh after 100 profiles changed their free text: {again} embedded in {time.perf_counter() - start:.2f} s")
    pool.rank(roles[0])  # warm-up
    latencies, found = [], []
    for role in roles:
        start = time.perf_counter()
        found.append(len(pool.rank(role, n=20)))
        latencies.append((time.perf_counter() - start) * 1000)
    print(
        f"reverse match, role -> 20 explained candidates, embedding included ({len(roles)} roles): "
        f"p50 {statistics.median(latencies):.1f} ms  p99 {np.percentile(latencies, 99):.1f} ms  "
        f"(target: under 50 ms median; median candidates returned {statistics.median(found):.0f})"
    )


if __name__ == "__main__":
    main()
