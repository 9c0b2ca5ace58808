"""Swipe feedback: the feed re-ranked from the profile plus what was liked and passed.

Two signals, both documented in the README:
- the query vector moves by Rocchio's update, q' = a q + b mean(liked) - c mean(passed), with
  (a, b, c) = (1.0, 0.75, 0.25), then renormalised;
- skills that recur in liked listings (in at least two, or in half of them) join the profile's
  skills for scoring, so the skill part of the score follows the likes too.
Already-swiped listings leave the feed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from nploy.matching import Match, Matcher
from nploy.profile import Profile

ALPHA, BETA, GAMMA = 1.0, 0.75, 0.25


@dataclass
class Feed:
    matches: list[Match]
    likes: int
    passes: int
    learned_skills: list[str]

    def explanation(self) -> str:
        if not (self.likes or self.passes):
            return "Ranked from your profile. Like or pass to teach the feed what you want."
        learned = f"; skills learned from your likes: {', '.join(self.learned_skills)}" if self.learned_skills else ""
        return (
            f"Re-ranked from your profile plus {self.likes} like(s) and {self.passes} pass(es): "
            f"listings like the ones you liked move up, ones like those you passed move down{learned}."
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


def feed(matcher: Matcher, profile: Profile, liked_ids: list[str], passed_ids: list[str], n: int = 20) -> Feed:
    """The next ``n`` unswiped listings for this profile and these swipes."""
    table = matcher.table
    by_id = table.set_index("id")
    liked_keys = by_id.loc[[i for i in liked_ids if i in by_id.index], "key"].to_numpy()
    passed_keys = by_id.loc[[i for i in passed_ids if i in by_id.index], "key"].to_numpy()
    query = matcher.query_vector(profile)
    if len(liked_keys) or len(passed_keys):
        query = rocchio(query, matcher.index.vectors(liked_keys), matcher.index.vectors(passed_keys))
    liked_skill_lists = [list(s) for s in by_id.loc[[i for i in liked_ids if i in by_id.index], "skills"]]
    extra = learned_skills(liked_skill_lists, profile.all_skills())
    boosted = replace(profile, skills=profile.skills + extra)
    seen = set(liked_keys.tolist()) | set(passed_keys.tolist())
    matches = matcher.match(boosted, n=n, query=query, exclude_keys=seen)
    return Feed(matches=matches, likes=len(liked_keys), passes=len(passed_keys), learned_skills=extra)
