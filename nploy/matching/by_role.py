"""Ranking a profile that names no title by the role it most likely asks for (``nploy.roles``).

Why: on the real and stack sets a desired title lifts nDCG@10 far above free text or skills alone, and most
people type none. The inferred role weighs as a soft desired title: the title form's weights in proportion
to its confidence. When the second role is close, both rank and their lists are interleaved, so the first
page serves both rather than silently picking one. An explicit title, one named in the free text, or the
profile's "no inferred role" always wins over inference.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from nploy.matching.pool import Pool, gather, scored, with_rows
from nploy.matching.ranking import PARTS
from nploy.matching.scoring import Candidate, interleave, names_a_role_title, rank, scoring_profile, stated_skills
from nploy.records.profile import Profile
from nploy.records.role import InferredRole
from nploy.roles.inference import Evidence, infer, served, title_strength
from nploy.roles.model import role_vectors
from nploy.vocabulary.occupations import load_catalogue

if TYPE_CHECKING:
    from nploy.matching.matcher import Matcher


def inferred_roles(
    matcher: Matcher, profile: Profile, query: np.ndarray | None = None, pool: Pool | None = None
) -> list[InferredRole]:
    """The roles this profile most likely asks for, likeliest first; none when it names a title that says which
    role (typed, or in its free text; "Software Engineer" says none), opts out, or is empty."""
    if profile.no_inferred_role or names_a_role_title(scoring_profile(profile)) or profile.is_empty():
        return []
    query = matcher.query_vector(profile) if query is None else query
    settings = matcher.ranking.roles
    if pool is None:
        similarities, rows = matcher.nearest(query, settings.nearest, matcher.mask(profile))
    else:  # the pool's dense leg is its nearest listings, nearest first: no second search
        similarities, rows = pool.similarities[: pool.dense], pool.rows[: pool.dense]
    known = matcher.listing_roles
    catalogue = load_catalogue()
    evidence = Evidence(
        # The skills the free text names count as skills: "React front end, Node.js API, PostgreSQL tables"
        # points to Full Stack as the same three skills listed do (tuning parts, free text: real 0.757 ->
        # 0.785 and stack 0.804 -> 0.851 / 0.736 -> 0.771 nDCG@10 in the wordings they moved; none lower).
        skills=tuple(stated_skills(profile)),
        query=np.asarray(query, dtype="float32"),
        neighbour_roles=[known.of_row[r] for r in rows[: settings.nearest].tolist()],
        neighbour_similarities=np.asarray(similarities[: settings.nearest]),
        text=profile.free_text,
    )
    return infer(evidence, role_vectors(matcher.encoder, catalogue), known.prior, catalogue, settings)


def ranked(matcher: Matcher, profile: Profile, n: int, query: np.ndarray, exclude_rows=None) -> list[Candidate]:
    """The product's ranking of one profile's pool (see the module docstring)."""
    return ranked_page(matcher, profile, n, query, exclude_rows)[0]


def ranked_page(
    matcher: Matcher, profile: Profile, n: int, query: np.ndarray, exclude_rows=None
) -> tuple[list[Candidate], dict[str, float]]:
    """The ranking and the weights its scores are shown with (the first served role's, when one is)."""
    pool = gather(matcher, profile, n, query, exclude_rows)
    chosen = served(inferred_roles(matcher, profile, query, pool), matcher.ranking.roles)
    if not chosen:
        weights = matcher.weights(profile)
        return rank(scored(matcher, pool, scoring_profile(profile)), weights), weights
    pool = with_role_leg(matcher, profile, pool, query, chosen)
    weights = [role_weights(matcher, profile, r) for r in chosen]
    lists = [rank(scored(matcher, pool, with_role(profile, r)), w) for r, w in zip(chosen, weights)]
    return interleave(lists, [r.confidence for r in chosen]), weights[0]


def with_role_leg(matcher: Matcher, profile: Profile, pool: Pool, query: np.ndarray, chosen: list[InferredRole]) -> Pool:
    """The pool plus the listings nearest the profile's query and each served role's title together.

    Why: the nearest listings to a profile's own words or skills may hold none of the role read from them, and
    no weight on the title part can rank what is not in the pool. A list of skill names embeds poorly ("SIEM" or
    "Jira" alone sits nearest postings titled "MANAGER"), and a sentence that names no tool sits nearest what its
    nouns say ("I coach two agile teams" read IT Project Manager at 100 %, and its nearest listings held almost
    none). Skills only, tuning parts: real 0.741 -> 0.787, stack 0.781 -> 0.833 nDCG@10. Free text, tuning parts
    and development sets: +0.012 a query, ten groups up, none down (docs/quality.md). The words and the title
    together, rather than the title alone: the title alone lowered the real set's second wording by 0.009. It
    stands in for the keyword leg, which added nothing beside it (every figure the same) and cost 9 ms at a
    million listings."""
    for role in chosen:
        title = matcher.title_vector(with_role(profile, role))
        if title is not None:
            together = np.asarray(query, dtype="float32") + np.asarray(title, dtype="float32")
            _cosines, rows = matcher.nearest(together / np.linalg.norm(together), matcher.ranking.pool_size(pool.n), pool.mask)
            pool = with_rows(matcher, pool, query, rows)
    return pool


def with_role(profile: Profile, role: InferredRole) -> Profile:
    """The scoring profile of a profile ranked by an inferred role: the role as its desired title."""
    return replace(profile, desired_titles=[role.title])


def role_weights(matcher: Matcher, profile: Profile, role: InferredRole) -> dict[str, float]:
    """The role's weights (``RoleSettings.ranked_weights``) in proportion to its confidence, the rest the
    profile's own form's."""
    strength = title_strength(role, matcher.ranking.roles)
    titled, own = matcher.ranking.roles.ranked_weights(), matcher.weights(profile)
    return {part: strength * titled.get(part, 0.0) + (1 - strength) * own.get(part, 0.0) for part in PARTS}


def ranked_as(matcher: Matcher, roles: list[InferredRole], profile: Profile | None = None) -> str:
    """What a profile's matches were ranked by, in a line: "Ranked as: QA Engineer (from your words, 72 %)"; with
    the profile, why its desired title did not rank them when it names no role ("Software Engineer")."""
    chosen = served(roles, matcher.ranking.roles)
    if not chosen:
        return ""
    shown = " and ".join(f"{r.title} ({', '.join(r.evidence) or 'your profile'}; {r.confidence:.0%})" for r in chosen)
    generic = profile is not None and profile.desired_titles and not names_a_role_title(profile)
    why = f" · your title {', '.join(profile.desired_titles)} names no role" if generic else ""
    return f"Ranked as: {shown}{why}"
