"""Simulated swipers: does the feed get better as someone likes and passes?

A persona has a hidden preference (a role family, and optionally a work mode, countries and a
level) that the profile does not state. Starting from a vague profile, the persona swipes the top
card of the feed: like when the listing meets the preference, pass otherwise. After 0, 5, 10 and
20 swipes the harness records the precision of the next 20 cards (the share meeting the preference).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean

from nploy.records.listing import Listing
from nploy.records.profile import make_profile
from nploy.search.feedback import feed
from nploy.search.matcher import Matcher
from nploy.vocabulary.roles import role_family

CHECKPOINTS = (0, 5, 10, 20)
NEXT_CARDS = 20


@dataclass(frozen=True)
class Persona:
    name: str
    profile_fields: dict  # what the person told the form: vague on purpose
    family: str
    work_modes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()

    def wants(self, listing: Listing) -> bool:
        return (
            role_family(listing.title) == self.family
            and (not self.work_modes or listing.work_mode in self.work_modes)
            and (not self.countries or listing.country in self.countries)
            and (not self.seniorities or listing.seniority in self.seniorities)
        )


# People state the role they want and a skill or two; where and how they want to work, or at
# which level, is the hidden part the feed has to learn from swipes.
PERSONAS = (
    Persona(
        "remote data engineering in Germany",
        {"skills": ["Python", "SQL"], "desired_titles": ["data engineer"]},
        "Data Engineering",
        ("remote",),
        ("DE",),
    ),
    Persona(
        "hybrid front-end in the Netherlands",
        {"skills": ["JavaScript"], "desired_titles": ["frontend developer"]},
        "Front-end",
        ("hybrid",),
        ("NL",),
    ),
    Persona(
        "senior back-end, remote",
        {"skills": ["Python"], "desired_titles": ["backend developer"]},
        "Back-end",
        ("remote",),
        (),
        ("senior", "lead"),
    ),
    Persona(
        "data engineering, remote (anywhere)",
        {"skills": ["Python", "SQL"], "desired_titles": ["data engineer"]},
        "Data Engineering",
        ("remote",),
    ),
    Persona("back-end in Germany", {"skills": ["Java"], "desired_titles": ["backend developer"]}, "Back-end", (), ("DE",)),
    Persona(
        "machine learning in the US", {"skills": ["Python"], "desired_titles": ["ML engineer"]}, "Machine Learning", (), ("US",)
    ),
)


@dataclass
class SwipeRun:
    persona: str
    precision: dict[int, float] = field(default_factory=dict)  # swipes so far -> precision of the next cards
    likes: int = 0


def simulate(matcher: Matcher, persona: Persona, checkpoints: tuple[int, ...] = CHECKPOINTS) -> SwipeRun:
    profile = make_profile(**persona.profile_fields)
    liked: list[str] = []
    passed: list[str] = []
    run = SwipeRun(persona.name)
    for swipes in range(max(checkpoints) + 1):
        cards = feed(matcher, profile, liked, passed, n=NEXT_CARDS).matches
        if swipes in checkpoints:
            run.precision[swipes] = mean(persona.wants(c.listing) for c in cards) if cards else 0.0
        if not cards:
            break
        top = cards[0].listing
        (liked if persona.wants(top) else passed).append(top.id)
    run.likes = len(liked)
    return run


def simulate_all(matcher: Matcher, personas: tuple[Persona, ...] = PERSONAS) -> list[SwipeRun]:
    return [simulate(matcher, persona) for persona in personas]


def mean_curve(runs: list[SwipeRun]) -> dict[int, float]:
    return {s: round(mean(r.precision[s] for r in runs), 4) for s in runs[0].precision}
