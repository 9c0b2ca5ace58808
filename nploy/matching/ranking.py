"""Ranking settings: one frozen value, loaded once from ``nploy/data/ranking.json`` and passed in.

The weights were chosen by ``nploy eval --tune`` on the evaluation's tuning parts (docs/evaluation.md),
not by hand; the file records what they were tuned on. Tuning makes a new value (``with_weights``);
nothing rebinds a module attribute, so a matcher's ranking is whatever it was given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from nploy.roles.inference import RoleSettings

RANKING_PATH = Path(__file__).resolve().parent.parent / "data" / "ranking.json"
PARTS = ("semantic", "keywords", "skills", "preference", "title")
FORMS = ("free", "skills", "title")  # how a profile was filled (``scoring.profile_form``)
_DEFAULT = {"semantic": 0.30, "keywords": 0.0, "skills": 0.45, "preference": 0.25, "title": 0.0}


@dataclass(frozen=True)
class RankingSettings:
    """How candidates are gathered and scored (see ``nploy.matching.scoring``): the part weights of each
    profile form, and the candidate pool."""

    weights: dict[str, dict[str, float]] = field(default_factory=lambda: {form: dict(_DEFAULT) for form in FORMS})
    pool_factor: int = 10  # the candidate pool is pool_factor x n nearest listings ...
    min_pool: int = 200  # ... and at least this many
    # MiniLM cosines of related texts sit in this band; semantic fit is rescaled from it to [0, 1]. The head
    # vector (title and skills) of a listing of the wanted role reaches 0.9: above that is a copy of the query.
    semantic_low: float = 0.15
    semantic_high: float = 0.9
    roles: RoleSettings = field(default_factory=RoleSettings)  # how a role is read from a profile without a title

    def weights_for(self, form: str) -> dict[str, float]:
        return self.weights.get(form) or self.weights["title"]

    def with_weights(self, weights: dict[str, float], form: str | None = None) -> RankingSettings:
        """New settings: these weights for one form, or for every form when ``form`` is None."""
        forms = (form,) if form else FORMS
        return replace(self, weights={f: dict(weights) if f in forms else dict(self.weights_for(f)) for f in FORMS})

    def pool_size(self, n: int) -> int:
        return max(n * self.pool_factor, self.min_pool)


@lru_cache(maxsize=4)
def load_ranking(path: Path = RANKING_PATH) -> RankingSettings:
    """The tuned settings (cached: a frozen value, so every caller may share it)."""
    payload = json.loads(path.read_text("utf-8"))
    stored = payload["weights"]
    if all(isinstance(v, (int, float)) for v in stored.values()):  # one weighting for every form
        stored = {form: stored for form in FORMS}
    weights = {form: {part: float(stored[form].get(part, 0.0)) for part in PARTS} for form in FORMS}
    return RankingSettings(weights=weights, roles=RoleSettings(**payload.get("roles", {})))
