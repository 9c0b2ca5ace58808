"""The hybrid score: a candidate's parts, their weighted mean, and the ranking it gives.

Hybrid score (0-100) = 100 x (w_semantic semantic + w_keywords keywords + w_skills skills + w_preference
preference), with the weights the ranking settings (``nploy.matching.ranking``) give the profile's form
(free text only, skills, or a desired title), where
- semantic = cosine of profile and listing embeddings, rescaled from [semantic_low, semantic_high]
  to [0, 1] (MiniLM cosines of related texts sit in [0.15, 0.75]);
- keywords = the listing's BM25 score for the profile's words over the best in the candidate pool
  (the lexical leg; left out when no word of the profile is in any candidate);
- skills = coverage of the profile's skills by the listing's, must-haves counting twice;
- preference = mean of seniority fit (1 at the same level, -0.5 per level apart) and title fit
  (share of a desired title's words found in the listing title, best title counts);
- title = cosine of the desired titles alone and the listing's head vector (its title and skills),
  rescaled like semantic: the role asked for against the role offered, without the free text's
  other words ("IT Project Manager" meets "IT Program Manager" whatever the two texts dwell on).
A part the profile gives nothing for (no skills, no seniority and no titles) is left out and
the weights of the others are rescaled, so an empty field neither helps nor hurts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from nploy.matching.ranking import RankingSettings
from nploy.records.listing import SENIORITIES
from nploy.records.profile import Profile
from nploy.vocabulary.occupations import load_catalogue
from nploy.vocabulary.roles import names_a_role, role_family, specific_family, without_level
from nploy.vocabulary.skills import load_taxonomy
from nploy.vocabulary.titles import titles_in


@dataclass(frozen=True)
class Candidate:
    row: int
    similarity: float
    parts: dict[str, float]  # part name -> [0, 1], only the parts the profile gives something for


def hybrid_score(parts: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted mean of the parts that counted (weights of absent parts are left out)."""
    total = sum(weights.get(name, 0.0) for name in parts)
    if total == 0:
        return 0.0
    return sum(weights.get(name, 0.0) * value for name, value in parts.items()) / total


def rank(candidates: list[Candidate], weights: dict[str, float]) -> list[Candidate]:
    """Best hybrid score first; ties go to the closer embedding, then to the earlier row (table order), so a
    ranking never depends on the order the candidates were gathered in."""
    return sorted(candidates, key=lambda c: (-hybrid_score(c.parts, weights), -c.similarity, c.row))


def interleave(rankings: list[list[Candidate]], shares: list[float]) -> list[Candidate]:
    """Rankings merged so that each holds its share of every prefix (the next slot goes to the ranking furthest
    below its share), each row once: two close roles both reach the first page."""
    total = sum(shares)
    taken = [0] * len(rankings)
    at = [0] * len(rankings)
    seen: set[int] = set()
    merged: list[Candidate] = []
    while any(a < len(r) for a, r in zip(at, rankings)):
        live = [i for i, r in enumerate(rankings) if at[i] < len(r)]
        pick = min(live, key=lambda i: ((taken[i] + 1) * total / shares[i], i))
        candidate = rankings[pick][at[pick]]
        at[pick] += 1
        if candidate.row not in seen:
            seen.add(candidate.row)
            taken[pick] += 1
            merged.append(candidate)
    return merged


def profile_form(profile: Profile) -> str:
    """How the profile was filled, which decides the weights: "title" (a desired title, typed or named in
    the free text: "I am a statistician ..."), "skills" (skills but no title) or "free" (free text only).

    Why a named role counts as a title: with "I am a <role>." before each real need's text, the title form's
    weights ranked better than the free form's on both parts of the real set (bench/named_role.py; figures:
    docs/matching.md, "Decisions and their measurements")."""
    if names_a_role_title(scoring_profile(profile)):
        return "title"
    if profile.all_skills() or profile.unknown_skills:
        return "skills"
    return "free"


def names_a_role_title(profile: Profile) -> bool:
    """Whether a desired title says which role. "Software Engineer" or "Developer" names none (issue 25): typed
    alone, or read from a CV, it must not switch off what the skills and words say (Swift and Kotlin under
    "Software Engineer" ranked by the title form's weights with nothing for the title part to read)."""
    return any(names_a_role(title) for title in profile.desired_titles)


def scoring_profile(profile: Profile) -> Profile:
    """The profile as the score reads it: a role named in the free text ("I am a data engineer")
    counts as a desired title when none that names a role is given (for the form's weights, the title part and
    title fit). The embedded text is not changed."""
    if names_a_role_title(profile) or not profile.free_text:
        return profile
    named = titles_in(profile.free_text)
    return replace(profile, desired_titles=named[:3]) if named else profile


def stated_skills(profile: Profile) -> list[str]:
    """The skills the profile lists, then those its free text names ("apps in Swift and Kotlin"): what
    the explanation counts as matched. Only the explanation: the score's skills part and the profile's
    form stay what the user filled in (the tuned weights give skills no weight in any form), so a
    sentence reads as the free-text query it is. Why at all: a candidate who wrote "Swift" was shown
    Swift among the skills a listing wants and they lack."""
    return profile.all_skills() + skills_read_from_text(profile)


def skills_read_from_text(profile: Profile) -> list[str]:
    """The skills the free text names that the profile does not list (shown so the user sees them read)."""
    if not profile.free_text:
        return []
    listed = set(profile.all_skills())
    return [s for s in _skills_in(profile.free_text) if s not in listed]


@lru_cache(maxsize=256)  # the same profile is explained on every rerun of a page
def _skills_in(text: str) -> tuple[str, ...]:
    return tuple(load_taxonomy().extract(text))


def named_roles(profile: Profile) -> list[str]:
    """The roles read from the free text and scored as desired titles (none when a typed title names a role)."""
    read = scoring_profile(profile)
    return [] if read is profile else read.desired_titles


def score_parts(
    profile: Profile,
    skills: list[str],
    seniority: str,
    title: str,
    similarity: float,
    ranking: RankingSettings,
    keywords: float | None = None,
    title_similarity: float | None = None,
) -> dict[str, float]:
    """The parts of the hybrid score that count for this profile and listing; see the module docstring.
    ``keywords`` is the listing's relative BM25 score (None: the lexical leg has nothing to say);
    ``title_similarity`` the cosine of the desired titles and the listing's head (None: no title wanted)."""
    parts = {"semantic": _rescaled(similarity, ranking)}
    if keywords is not None:
        parts["keywords"] = keywords
    if title_similarity is not None:
        parts["title"] = _rescaled(title_similarity, ranking)
    coverage = skill_coverage(profile, set(skills))
    if coverage is not None:
        parts["skills"] = coverage
    preference = preference_fit(profile, seniority, title)
    if preference is not None:
        parts["preference"] = preference
    return parts


def _rescaled(cosine: float, ranking: RankingSettings) -> float:
    low, high = ranking.semantic_low, ranking.semantic_high
    # min/max, not np.clip: this runs for every candidate, and NumPy's per-call cost on a scalar is 5 us.
    return min(1.0, max(0.0, (cosine - low) / (high - low)))


def skill_coverage(profile: Profile, listing_skills: set[str]) -> float | None:
    if not profile.all_skills():
        return None
    must, nice = profile.must_have_skills, profile.skills
    earned = 2 * sum(s in listing_skills for s in must) + sum(s in listing_skills for s in nice)
    return earned / (2 * len(must) + len(nice))


def preference_fit(profile: Profile, seniority: str, title: str) -> float | None:
    fits = []
    if profile.seniority and seniority in SENIORITIES:
        distance = abs(SENIORITIES.index(profile.seniority) - SENIORITIES.index(seniority))
        fits.append(max(0.0, 1 - 0.5 * distance))
    if profile.desired_titles:
        fits.append(max(title_overlap(t, title) for t in profile.desired_titles))
    return sum(fits) / len(fits) if fits else None


@lru_cache(maxsize=1 << 16)  # a pool of hundreds of listings repeats a few dozen titles
def title_overlap(desired: str, title: str) -> float:
    """Share of the desired title's words in the listing title; when the desired title names a role
    family, the mean of that share and whether the listing is of the same family. Why: "Product
    Designer" shares half its words with both "UX Designer" and "Product Manager", and only the
    family tells them apart."""
    desired = without_level(desired)  # "Senior" in both titles says the level, which the seniority weighs
    wanted = set(_words(desired))
    words = len(wanted & set(_words(title))) / len(wanted) if wanted else 0.0
    family = specific_family(desired)
    if family is not None:
        return (words + float(role_family(title) == family)) / 2
    # Roles the families leave out (Technical Writer, IT Project Manager, Solutions Architect, ...): the
    # catalogue's own reading of both titles, so "Technical Specialist" is not half a "Technical Writer".
    roles = _catalogue_roles(desired)
    if not roles:
        return words
    return (words + float(bool(roles & _catalogue_roles(title)))) / 2


@lru_cache(maxsize=1 << 14)
def _catalogue_roles(title: str) -> frozenset[int]:
    return frozenset(load_catalogue().roles_of_title(title))


def _words(text: str) -> list[str]:
    # "Back-End" and "Backend" are one word to a reader; fold the hyphen before splitting.
    return re.findall(r"[a-z0-9+#]+", text.lower().replace("-", ""))
