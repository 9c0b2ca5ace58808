"""Swipe feedback: the feed re-ranked from the profile plus what was liked and passed.

Three signals, all documented in docs/matching.md and measured by ``nploy eval`` (swipe simulation):
- the query vector moves by Rocchio's update, q' = a q + b mean(liked) - c mean(passed), with
  (a, b, c) = (1.0, 0.75, 0.25), then renormalised;
- skills that recur in liked listings (in at least two, or in half of them) join the profile's
  skills for scoring, so the skill part of the score follows the likes too;
- work mode, country and level are learned from both likes and passes: each value's like rate is
  estimated with a prior of two likes and two passes, (likes + 2) / (likes + passes + 4), so a value never swiped sits
  at 0.5, one only passed sinks and one liked rises. A listing's score is multiplied, for each
  attribute whose value sank below 0.5, by rate / 0.5. Why passes count: likes alone teach nothing
  until something is liked; passes push the feed towards places and modes not yet seen, which is
  how a hidden preference gets found.
Listings meeting every liked work mode and country are fetched as extra candidates, so a rare
preference (remote, in Germany) can reach the feed even when the nearest listings miss it.
Already-swiped listings leave the feed, and so do their repeats (the same title at the same employer,
``nploy.matching.repeats``): a job passed in Leeds is not offered again from Porto. The feed shows one
card per job, its other postings folded under it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from nploy.matching.by_role import role_weights, with_role
from nploy.matching.matcher import Matcher
from nploy.matching.repeats import Job, group_repeats
from nploy.matching.scoring import Candidate, hybrid_score
from nploy.records.match import Match
from nploy.records.profile import Profile
from nploy.roles.inference import served

ALPHA, BETA, GAMMA = 1.0, 0.75, 0.25
# Pseudo-swipes each way: one pass moves a value to 0.4 (score x0.8), not to 0.33 (x0.67).
PRIOR = 2
LEARNED_ATTRIBUTES = ("work_mode", "country", "seniority")


@dataclass
class Feed:
    jobs: list[Job]  # one card per job, best first
    likes: int
    passes: int
    learned_skills: list[str]
    learned_preferences: list[str] = field(default_factory=list)  # "remote", "DE": liked more often than passed

    @property
    def matches(self) -> list[Match]:
        """Each job's best posting, in feed order."""
        return [job.match for job in self.jobs]

    def explanation(self) -> str:
        if not (self.likes or self.passes):
            return "Ranked from your profile. Like or pass to teach the feed what you want."
        learned = f"; skills learned from your likes: {', '.join(self.learned_skills)}" if self.learned_skills else ""
        places = f"; favouring {', '.join(self.learned_preferences)}" if self.learned_preferences else ""
        return (
            f"Re-ranked from your profile plus {self.likes} like(s) and {self.passes} pass(es): "
            f"listings like the ones you liked move up, ones like those you passed move down{learned}{places}."
        )


def rocchio(query: np.ndarray, liked: np.ndarray, passed: np.ndarray) -> np.ndarray:
    moved = ALPHA * query
    if len(liked):
        moved = moved + BETA * liked.mean(axis=0)
    if len(passed):
        moved = moved - GAMMA * passed.mean(axis=0)
    norm = np.linalg.norm(moved)
    return (moved / norm if norm > 0 else query).astype("float32")


def learned_skills(liked_skills: list[list[str]], known: list[str], limit: int = 8) -> list[str]:
    counts = Counter(skill for skills in liked_skills for skill in set(skills))
    needed = max(2, (len(liked_skills) + 1) // 2)
    return [s for s, c in counts.most_common() if c >= needed and s not in known][:limit]


def like_rates(liked: Mapping[str, list], passed: Mapping[str, list]) -> dict[str, dict[str, float]]:
    """attribute -> value -> smoothed like rate, for the values swiped at least once."""
    rates = {}
    for attribute in LEARNED_ATTRIBUTES:
        likes, passes = Counter(liked[attribute]), Counter(passed[attribute])
        rates[attribute] = {v: (likes[v] + PRIOR) / (likes[v] + passes[v] + 2 * PRIOR) for v in set(likes) | set(passes)}
    return rates


def place_fit(rates: dict[str, dict[str, float]], values: dict[str, str]) -> float:
    """In (0, 1]: 1 unless the listing's work mode, country or level was passed more often than
    liked; each such value scales the score by its like rate over the prior 0.5. Liked values are
    not rewarded here (the extra candidates and the moved query do that), so a few early likes do
    not lock the feed onto the exact mode, country and level of the first cards."""
    fit = 1.0
    for attribute, seen in rates.items():
        fit *= min(1.0, seen.get(values[attribute], 0.5) / 0.5)
    return fit


def feed(matcher: Matcher, profile: Profile, liked_ids: list[str], passed_ids: list[str], n: int = 20) -> Feed:
    """The next ``n`` unswiped listings for this profile and these swipes."""
    liked_rows, passed_rows = matcher.rows.rows_of_ids(liked_ids), matcher.rows.rows_of_ids(passed_ids)
    query = matcher.query_vector(profile)
    if len(liked_rows) or len(passed_rows):
        query = rocchio(query, matcher.vectors(liked_rows), matcher.vectors(passed_rows))
    extra = learned_skills(matcher.rows.skills_of(liked_rows), profile.all_skills())
    boosted = replace(profile, skills=profile.skills + extra)
    # A profile without a title swipes through the role read from it (the first one: a card at a time).
    roles = served(matcher.roles(profile), matcher.ranking.roles)
    weights = role_weights(matcher, profile, roles[0]) if roles else matcher.weights(profile)
    boosted = with_role(boosted, roles[0]) if roles else boosted
    seen = matcher.rows.job_rows(np.concatenate([liked_rows, passed_rows]))
    pool = matcher.candidates(boosted, n, query=query, exclude_rows=seen)
    rates = like_rates(_attributes(matcher, liked_rows), _attributes(matcher, passed_rows))
    favoured = {a: sorted(v for v, r in rates[a].items() if r > 0.5) for a in LEARNED_ATTRIBUTES}
    # Extra candidates (work mode and country are a profile's hard filters, so they can narrow a
    # search): those in the liked modes and countries, and those in modes and countries not turned
    # down, which is where a preference nobody has shown yet must be looking.
    for wanted in (favoured, _not_turned_down(matcher, rates)):
        narrowed = _narrow(boosted, wanted)
        if narrowed is not None:
            rows = {c.row for c in pool}
            pool += [c for c in matcher.candidates(narrowed, n, query=query, exclude_rows=seen) if c.row not in rows]
    scores = _feed_scores(matcher, pool, rates, weights)
    ranked = [c for _, c in sorted(zip(scores, pool), key=lambda pair: (-pair[0], -pair[1].similarity))][:n]
    learned_preferences = favoured["work_mode"] + favoured["country"] + favoured["seniority"]
    return Feed(
        jobs=group_repeats(matcher.explained(boosted, ranked, weights)),
        likes=len(liked_rows),
        passes=len(passed_rows),
        learned_skills=extra,
        learned_preferences=learned_preferences,
    )


def _attributes(matcher: Matcher, rows: np.ndarray) -> dict[str, list]:
    """The learned attributes' values at these rows."""
    return {a: matcher.rows.values(a, rows) for a in LEARNED_ATTRIBUTES}


def _not_turned_down(matcher: Matcher, rates: dict[str, dict[str, float]]) -> dict[str, list[str]]:
    """Per attribute, every value in the table except those passed more often than liked
    (empty when nothing was turned down: no narrowing needed)."""
    kept = {}
    for attribute in ("work_mode", "country"):
        disliked = {v for v, r in rates[attribute].items() if r < 0.5}
        kept[attribute] = sorted(matcher.rows.distinct(attribute) - disliked) if disliked else []
    return kept


def _narrow(profile: Profile, wanted: dict[str, list[str]]) -> Profile | None:
    modes = [m for m in wanted.get("work_mode", []) if not profile.work_modes or m in profile.work_modes]
    countries = [c for c in wanted.get("country", []) if c and (not profile.countries or c in profile.countries)]
    if not (modes or countries):
        return None
    return replace(profile, work_modes=modes or profile.work_modes, countries=countries or profile.countries)


def _feed_scores(
    matcher: Matcher, pool: list[Candidate], rates: dict[str, dict[str, float]], weights: dict[str, float]
) -> list[float]:
    rows = [c.row for c in pool]
    columns = {a: matcher.rows.values(a, rows) for a in LEARNED_ATTRIBUTES}
    return [
        hybrid_score(c.parts, weights) * place_fit(rates, {a: columns[a][i] for a in LEARNED_ATTRIBUTES})
        for i, c in enumerate(pool)
    ]
