"""Simulated swipers: does the feed get better as someone likes and passes?

A persona has a hidden preference (a role family, and optionally a work mode, countries and a
level) that the profile does not state. On synthetic listings a listing's family comes from its title
(``role_family``); on the real postings from the judged families of the real set (``realset``).
Starting from a vague profile, the persona swipes the top
card of the feed: like when the listing meets the preference, pass otherwise. After 0, 5, 10 and
20 swipes the harness records the precision of the next 20 cards (the share meeting the preference).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean

from nploy.matching.feedback import feed
from nploy.matching.matcher import Matcher
from nploy.quality.realset import read_families
from nploy.records.listing import Listing
from nploy.records.profile import make_profile
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

    def wants(self, listing: Listing, family_of: Callable[[Listing], str | None] | None = None) -> bool:
        family = family_of(listing) if family_of else role_family(listing.title)
        return (
            family == self.family
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


# On the real postings: a person says what kind of work they do in a sentence that fits several
# families; which one (and sometimes the level or remote work) is what the swipes must teach.
REAL_PERSONAS = (
    Persona("data science (says: works with data)", {"free_text": "I work with data and numbers."}, "data science"),
    Persona("statistics (says: works with data)", {"free_text": "I work with data and numbers."}, "statistics"),
    Persona("software, remote (says: writes code)", {"free_text": "I write code."}, "software development", ("remote",)),
    Persona("networks (says: keeps IT running)", {"free_text": "I keep the IT infrastructure of an office running."}, "network"),
    Persona(
        "systems administration (says: keeps IT running)",
        {"free_text": "I keep the IT infrastructure of an office running."},
        "systems administration",
    ),
    Persona(
        "security, lead level (says: protects systems)",
        {"free_text": "I protect computer systems."},
        "security",
        (),
        (),
        ("lead",),
    ),
    Persona(
        "visual design (says: makes things clear to the public)",
        {"free_text": "I make complex topics clear to the public."},
        "visual design",
    ),
)


def simulate(
    matcher: Matcher,
    persona: Persona,
    checkpoints: tuple[int, ...] = CHECKPOINTS,
    family_of: Callable[[Listing], str | None] | None = None,
) -> SwipeRun:
    profile = make_profile(**persona.profile_fields)
    liked: list[str] = []
    passed: list[str] = []
    run = SwipeRun(persona.name)
    for swipes in range(max(checkpoints) + 1):
        cards = feed(matcher, profile, liked, passed, n=NEXT_CARDS).matches
        if swipes in checkpoints:
            run.precision[swipes] = mean(persona.wants(c.listing, family_of) for c in cards) if cards else 0.0
        if not cards:
            break
        top = cards[0].listing
        (liked if persona.wants(top, family_of) else passed).append(top.id)
    run.likes = len(liked)
    return run


def simulate_all(
    matcher: Matcher, personas: tuple[Persona, ...] = PERSONAS, family_of: Callable[[Listing], str | None] | None = None
) -> list[SwipeRun]:
    return [simulate(matcher, persona, family_of=family_of) for persona in personas]


def simulate_for(matcher: Matcher, synthetic: bool, real: bool) -> dict[str, list[SwipeRun]]:
    """The swipe curves of the corpus this matcher serves: synthetic personas, real-posting personas."""
    runs = {}
    if synthetic:
        runs["synthetic"] = simulate_all(matcher)
    if real:
        runs["real"] = simulate_all(matcher, REAL_PERSONAS, job_family(matcher, read_families()))
    return runs


def job_family(matcher: Matcher, families: dict[str, tuple[str, tuple[str, ...]]]) -> Callable[[Listing], str]:
    """A posting's judged family; for a posting the judges left without one, the family judged for another
    posting of its job (same title, same employer). A card stands for its job, and the hand pass read only
    the pooled postings, so one job's reposts were not all judged: without this, a swiper would pass a job
    it wants whenever an unjudged repost was the job's best-ranked posting."""

    def family(listing: Listing) -> str:
        own = families.get(listing.id, ("",))[0]
        if own:
            return own
        mates = matcher.rows.values("id", matcher.rows.job_rows(matcher.rows.rows_of_ids([listing.id])))
        return next((families[i][0] for i in mates if families.get(i, ("",))[0]), "")

    return family


def mean_curve(runs: list[SwipeRun]) -> dict[int, float]:
    return {s: round(mean(r.precision[s] for r in runs), 4) for s in runs[0].precision}
