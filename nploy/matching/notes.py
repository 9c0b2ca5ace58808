"""What the Matches page says above a ranking: which roles were read from the text and ranked as titles,
which skills the text named, and what the ranking followed. One call, so the page only wires."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nploy.matching.by_role import ranked_as
from nploy.matching.scoring import named_roles, skills_read_from_text
from nploy.records.profile import Profile
from nploy.records.role import InferredRole
from nploy.roles.inference import served

if TYPE_CHECKING:
    from nploy.matching.matcher import Matcher


@dataclass(frozen=True)
class RankingNotes:
    named_roles: list[str]  # roles the free text names, scored as desired titles
    skills_read: list[str]  # skills the free text names that the profile does not list
    ranked_as: str  # "Ranked as: ..." or "" when no inferred role steered the ranking
    roles_served: int  # how many inferred roles the ranking followed (two when they were close)


def text_notes(profile: Profile) -> RankingNotes:
    """The notes that need no ranking (shown before it runs)."""
    return RankingNotes(named_roles(profile), skills_read_from_text(profile), "", 0)


def ranking_notes(matcher: Matcher, profile: Profile, roles: list[InferredRole]) -> RankingNotes:
    early = text_notes(profile)
    return RankingNotes(
        early.named_roles, early.skills_read, ranked_as(matcher, roles, profile), len(served(roles, matcher.ranking.roles))
    )
