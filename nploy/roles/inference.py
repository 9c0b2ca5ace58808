"""Which roles a profile asks for, with a confidence: four kinds of evidence, weighed by ``RoleSettings``.

1. **Your words** (the profile's embedding against each role's vectors, ``nploy.roles.model``): the best few of
   its names, of its occupations' tasks and (for a profile with words) of its plain duties, and its skills
   line. It needs no listing, so it reads the same on any dataset.
2. **The nearest listings**: the roles their titles name, each weighed by its similarity, against how common
   the role is in the dataset (a corpus of security postings would otherwise call every need security).
   Generic titles ("Software Engineer") name no role and vote for none.
3. **Your skills**: the roles each listed skill points to in the catalogue, a skill that points to one role
   (Swift) counting far more than one that points to several (Python), as inverse document frequency does; a
   role that spans two others (Full Stack) scores at least both sides together when different skills name each.
4. **Your words, counted** (a profile with words only): BM25 of the words against each role's names, duties and
   tasks (``nploy.roles.lexical``): a word one role uses and the others do not ("vulnerabilities") says that
   role where the embedding reads the sentence's nouns ("test our applications" -> QA).

The scores add as logarithms; a softmax gives the confidence. How the matcher ranks by them: ``Matcher``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nploy.records.role import InferredRole
from nploy.roles.lexical import lexical_share
from nploy.roles.model import RoleVectors
from nploy.vocabulary.occupations import Catalogue

_FLOOR = 1e-3  # a signal's share below this is "no evidence", not "evidence against"


@dataclass(frozen=True)
class RoleSettings:
    """How role evidence is weighed and used (``nploy/data/ranking.json``, "roles")."""

    words: float = 1.0  # weight of evidence 1 (log share)
    neighbours: float = 0.3  # weight of evidence 2
    skills: float = 0.2  # weight of evidence 3 (per unit of inverse role frequency)
    names: float = 1.0  # within evidence 1: a role's names (for a profile of skills alone; with words: names_with_words) ...
    tasks: float = 0.5  # ... its occupations' tasks ...
    duties: float = 1.0  # ... its duties in a posting's words (a profile with free text only) ...
    skill_line: float = 0.5  # ... and its skills line
    # A sentence says what one does, and is compared best with the duties: a role with many names that share
    # the sentence's noun won by its names ("database queries" read Database Administrator by its 40 "Database
    # ..." titles). None: ``names``; shipped 0.5 (ranking.json).
    names_with_words: float | None = None
    sharpness: float = 0.03  # evidence 1's softmax temperature over cosines
    prior: float = 0.5  # evidence 2: votes divided by the role's share of the dataset to this power
    nearest: int = 50  # evidence 2: how many nearest listings vote
    temperature: float = 1.0  # the confidence's softmax temperature over the summed log scores
    full_confidence: float = 0.5  # at or above this confidence the role weighs as a typed title would
    both: float = 0.8  # a second role at least this share of the first's confidence is served beside it
    shown: int = 3  # roles shown and returned
    lexical: float = 0.0  # weight of evidence 4 (``nploy.roles.lexical``), words only; shipped 3.0 (ranking.json)
    # Weight of evidence 3 for a profile of skills alone (None: ``skills``); shipped 1.0 (ranking.json). Without
    # words, the embedded "words" are only the skills' names, and a name misleads: "A/B Testing" sat nearest the
    # QA role, "SQL" the "SQL DBA". The skills themselves say which role: SQL and Looker point to Data Analyst.
    skills_alone: float | None = None
    # The part weights a role read at full confidence ranks with (a typed title's are the title form's). The
    # shipped ones weigh the title fit more than the defaults: the role is the catalogue's own title, so its
    # family test is reliable (ranking.json, "roles_tuned"). Since 2026-12-08 the title form's are the same
    # (ranking.json, "title_weights_chosen"): a typed title ranked better with them too.
    ranked_semantic: float = 0.5
    ranked_title: float = 0.35
    ranked_preference: float = 0.15

    def names_weight(self, has_words: bool) -> float:
        """Evidence 1's weight on a role's names: ``names_with_words`` for a profile with words, when set."""
        return self.names if not has_words or self.names_with_words is None else self.names_with_words

    def skill_weight(self, has_words: bool) -> float:
        """Evidence 3's weight: ``skills_alone`` for a profile without words, when set."""
        return self.skills if has_words or self.skills_alone is None else self.skills_alone

    def ranked_weights(self) -> dict[str, float]:
        return {"semantic": self.ranked_semantic, "title": self.ranked_title, "preference": self.ranked_preference}


@dataclass(frozen=True)
class Evidence:
    """What a profile gives the inference: its skills and embedding, and its nearest listings' roles."""

    skills: tuple[str, ...]
    query: np.ndarray
    neighbour_roles: list[tuple[int, ...]]  # per nearest listing, nearest first
    neighbour_similarities: np.ndarray
    text: str = ""  # the free text: its duties count, evidence 4 reads it, and evidence 1 is "your words"

    @property
    def has_words(self) -> bool:
        """Free text, not skills alone."""
        return bool(self.text.strip())

    @property
    def words(self) -> str:
        """Evidence 1's name: "your profile" for one of skills alone, which has no words."""
        return "your words" if self.has_words else "your profile"


def words_share(query: np.ndarray, vectors: RoleVectors, settings: RoleSettings, has_words: bool = True) -> np.ndarray:
    """Evidence 1: each role's share of the profile's words. A role's duties count only for a profile with
    words: a list of skill names describes no duties (with them, skills alone moved -0.03 to +0.03 nDCG@10 a
    set on the tuning parts; sentences gained in every set, docs/quality.md)."""
    scores = []
    named = settings.names_weight(has_words)
    for names, tasks, duties, skill_line in zip(vectors.names, vectors.tasks, vectors.duties, vectors.skills):
        parts = [(named, _best(names @ query))]
        if len(tasks):
            parts.append((settings.tasks, _best(tasks @ query)))
        if has_words and len(duties):
            parts.append((settings.duties, _best(duties @ query)))
        if skill_line.any():
            parts.append((settings.skill_line, float(skill_line @ query)))
        scores.append(sum(w * s for w, s in parts) / sum(w for w, _ in parts))
    return _softmax(np.array(scores), settings.sharpness)


def _best(cosines: np.ndarray, k: int = 3) -> float:
    return float(np.sort(cosines)[-k:].mean()) if len(cosines) else 0.0


def neighbour_share(evidence: Evidence, prior: np.ndarray, settings: RoleSettings) -> np.ndarray:
    """Evidence 2: the roles of the nearest listings, by similarity, against their frequency."""
    votes = np.zeros(len(prior))
    for roles, similarity in zip(evidence.neighbour_roles[: settings.nearest], evidence.neighbour_similarities):
        for role in roles:
            votes[role] += max(0.0, float(similarity)) ** 2
    votes /= prior**settings.prior
    return votes / votes.sum() if votes.sum() > 0 else votes


def skill_scores(skills: tuple[str, ...], catalogue: Catalogue) -> tuple[np.ndarray, dict[int, list[str]]]:
    """Evidence 3: per role, the inverse role frequency of the profile's skills that point to it."""
    pointing = catalogue.skill_roles()
    scores = np.zeros(len(catalogue.roles))
    named: dict[int, list[str]] = {}
    for skill in skills:
        roles = pointing.get(skill, ())
        for role in roles:
            scores[role] += math.log(len(catalogue.roles) / len(roles))
            named.setdefault(role, []).append(skill)
    _spanning(scores, named, catalogue)
    return scores, named


# A role that is two others at once. Each skill points to one side ("Ruby on Rails" back end, "React" front end),
# so a full-stack profile's skills read as whichever side had more; both sides named is itself the evidence.
_SPANS = {"Full Stack Developer": ("Frontend Developer", "Backend Developer")}


@lru_cache(maxsize=2)  # per catalogue: the titles are looked up once, not on every profile
def _spans(catalogue: Catalogue) -> tuple[tuple[int, int, int], ...]:
    """(spanning role, one side, the other) as catalogue indices; a title the catalogue lacks spans nothing."""
    found = ((catalogue.index_of(whole), *(catalogue.index_of(side) for side in sides)) for whole, sides in _SPANS.items())
    return tuple(indices for indices in found if None not in indices)


def _spanning(scores: np.ndarray, named: dict[int, list[str]], catalogue: Catalogue) -> None:
    """A spanning role scores at least its sides' scores added, when different skills point to each side."""
    for role, first, second in _spans(catalogue):
        both = named.get(first) and named.get(second) and set(named[first]) != set(named[second])
        if both and scores[first] + scores[second] > scores[role]:
            scores[role] = scores[first] + scores[second]
            named[role] = list(dict.fromkeys(named.get(role, []) + named[first] + named[second]))


def infer(
    evidence: Evidence, vectors: RoleVectors, prior: np.ndarray, catalogue: Catalogue, settings: RoleSettings
) -> list[InferredRole]:
    """The ``settings.shown`` likeliest roles, likeliest first, with their confidence and evidence."""
    words = words_share(evidence.query, vectors, settings, evidence.has_words)
    near = neighbour_share(evidence, prior, settings)
    skills, named = skill_scores(evidence.skills, catalogue)
    total = settings.words * np.log(words + _FLOOR) + settings.skill_weight(evidence.has_words) * skills
    if near.any():
        total += settings.neighbours * np.log(near + _FLOOR)
    lexical = lexical_share(evidence.text, catalogue) if settings.lexical and evidence.has_words else np.zeros(len(total))
    if lexical.any():
        total += settings.lexical * np.log(lexical + _FLOOR)
    confidence = _softmax(total, settings.temperature)
    order = np.lexsort((np.arange(len(total)), -total))[: settings.shown]  # ties by catalogue order
    shown = evidence.neighbour_roles[:20]
    guesses = []
    for role in order:
        why = []
        if words[role] >= 0.1 or lexical[role] >= 0.1:  # embedded or counted, the evidence is the user's words
            why.append(evidence.words)
        if named.get(int(role)):
            why.append("your skills: " + ", ".join(named[int(role)]))
        count = sum(int(role) in roles for roles in shown)
        if count:
            why.append(f"{count} of the {len(shown)} nearest listings")
        guesses.append(InferredRole(catalogue.roles[role].title, float(confidence[role]), tuple(why)))
    return guesses


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = (scores - scores.max()) / temperature
    weights = np.exp(scaled)
    return weights / weights.sum()


def served(roles: list[InferredRole], settings: RoleSettings) -> list[InferredRole]:
    """The roles a page is ranked by: the first, and the second beside it when it is close."""
    if not roles:
        return []
    if len(roles) > 1 and roles[1].confidence >= settings.both * roles[0].confidence:
        return roles[:2]
    return roles[:1]


def title_strength(role: InferredRole, settings: RoleSettings) -> float:
    """How far a role weighs as a typed title would (0..1): in proportion to its confidence, in full above
    ``full_confidence``."""
    return min(1.0, role.confidence / settings.full_confidence)
