"""Titles near a profile's words: the roles of the listings nearest a profile that names none, offered to the
user as one-click desired titles.

Why: a desired title is worth more than any other field (the same needs score far higher with a title typed
than as free text: docs/quality.md), and a candidate who describes the work rarely types one. The titles
offered are the dataset's own: the listings nearest the profile (under its hard filters), their titles cleaned
to the role they name ("Login.gov: Security Engineer GS15" -> "Security Engineer", "Senior Python Developer
(m/f/d) with Kubernetes-Focus" -> "Python Developer") and grouped, the group whose listings sit nearest first.
They are suggestions, never applied by themselves: a title read wrong ranks a whole page wrong, so the user
picks. ``bench/title_suggestions.py`` measures what picking one gives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nploy.matching.matcher import Matcher
from nploy.matching.scoring import names_a_role_title, scoring_profile
from nploy.records.profile import Profile
from nploy.vocabulary.roles import names_a_role

SUGGESTIONS = 5
# Nearest listings read for their titles: enough that a role posted a few times shows, few enough that
# the roles stay those of the best matches.
DEPTH = 40

# A title names a role when it holds one of these head nouns; "TTS", "Cloud.gov" or "Centers of
# Excellence" (team names posted as titles in the open postings) do not.
_ROLE_NOUN = re.compile(
    r"\b(?:\w+ist|\w+ian|analyst|engineer|developer|manager|designer|architect|administrator|officer|director|"
    r"consultant|researcher|programmer|tester|advis[eo]r|coordinator|owner|writer|auditor|expert|lead|assistant|"
    r"attorney|examiner|supervisor|executive|spec|recruiter|marketer|instructor|agent|counsel|partner|nurse|sre|"
    r"devops|dba|head)s?\b",
    re.I,
)
# What a posting adds to the role: gender markers, pay grades, hiring routes, work mode, levels.
_GENDER = re.compile(r"\(\s*(?:[mfwdxi]\s*/+\s*)+[mfwdxi]\s*\)", re.I)
_NOISE = re.compile(
    r"\bGS-?\d+(?:\s*/\s*\d+)?\b|\(?\bdirect[- ]hire(?: authority)?\b\)?|\(?\brecent graduates?\b\)?|\bpublic notice for\b|"
    r"\b(?:temp|temporary|seasonal)\b|\(?\b(?:remote|hybrid|on-?site)\b\)?",
    re.I,
)
_LEADING_LEVEL = re.compile(r"^(?:(?:senior|sr\.?|junior|jr\.?|principal|staff|supervisory|supv\.?|lead|mid-level)\s+)+", re.I)
_TRAILING_LEVEL = re.compile(r"(?:\s+(?:i{1,3}|iv|v|[1-5]))+$", re.I)
# A title in parts: a team and a role ("cloud.gov - Security Compliance Architect"), or a role and a team,
# place or hiring route ("Data Scientist - Direct Hire Authority"); the first part that names a role is it.
_PARTS = re.compile(r":\s|\s[-–—|/@]\s|,\s")
# Where a role goes on past itself: "System Architect for our new Digital Development Center".
_TAIL = re.compile(r"\s(?:with|for|at|in)\s")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_SPACES = re.compile(r"\s+")
# A bracketed code, a word of four capitals or more, or a small word ("DATA AND OPERATIONS ANALYST").
_SMALL_WORDS = ("and", "of", "for", "the", "to", "in", "on", "at", "with")
_LONG_OR_CODE = re.compile(rf"\(.*?\)|\b[A-Z]{{4,}}\b|\b(?:{'|'.join(w.upper() for w in _SMALL_WORDS)})\b")


@dataclass(frozen=True)
class TitleSuggestion:
    """A role the nearest listings are posted as: the title to offer, and how many of them it stands for."""

    title: str
    listings: int  # how many of the nearest listings are posted as this role
    rows: tuple[int, ...] = ()  # their table rows, nearest first


def role_title(title: str) -> str | None:
    """The role a listing title names, cleaned of what the posting adds (team prefix, grade, level, focus,
    gender marker); None when it names no role."""
    text = _GENDER.sub(" ", title or "")
    text = next((part for part in _PARTS.split(text) if _ROLE_NOUN.search(part)), "")
    text = _TAIL.split(text, maxsplit=1)[0]
    text = _EMPTY_BRACKETS.sub(" ", _NOISE.sub(" ", text))
    text = _SPACES.sub(" ", text).lstrip(" ,;:-–").rstrip(" .,;:-–")  # ".NET Developer" keeps its dot
    text = _TRAILING_LEVEL.sub("", _LEADING_LEVEL.sub("", text)).strip()
    return text if _ROLE_NOUN.search(text) else None


def _key(role: str) -> str:
    """Variants of one role ("IT PROJECT MANAGER", "IT Project Manager", "It project-manager") group together."""
    return role.casefold().replace("-", " ")


def _shown(variants: Counter) -> str:
    """The spelling to show: the commonest that is not all capitals (the nearest listing's on a tie), else
    the commonest with its long words capitalised (codes in brackets and short words such as IT or QA kept)."""
    mixed = [v for v in variants if not v.isupper()]  # in order of first sight: nearest first
    if mixed:
        return max(mixed, key=lambda v: variants[v])
    shouting = max(variants, key=lambda v: variants[v])
    return _LONG_OR_CODE.sub(_calm, shouting)


def _calm(word: re.Match) -> str:
    """One all-capitals word or bracketed code as a title spells it: codes kept, small words lower case."""
    found = word.group(0)
    if found.startswith("("):
        return found
    return found.lower() if found.lower() in _SMALL_WORDS else found.capitalize()


def group_titles(
    titles: list[str], similarities: np.ndarray, k: int = SUGGESTIONS, rows: Sequence[int] | None = None
) -> list[TitleSuggestion]:
    """The ``k`` roles of these listings, the role whose listings add up to the most similarity first;
    each suggestion's ``rows`` are those given for its listings (their positions in ``titles`` by default)."""
    weight: dict[str, float] = defaultdict(float)
    variants: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for row, title, similarity in zip(range(len(titles)) if rows is None else rows, titles, similarities):
        role = role_title(title)
        if role and names_a_role(role):  # "Software Engineer" would rank as no title at all (issue 25)
            weight[_key(role)] += float(similarity)
            variants[_key(role)][role] += 1
            members[_key(role)].append(int(row))
    best = sorted(weight, key=lambda key: -weight[key])[:k]
    return [TitleSuggestion(_shown(variants[key]), len(members[key]), tuple(members[key])) for key in best]


def suggest_titles(matcher: Matcher, profile: Profile, k: int = SUGGESTIONS, depth: int = DEPTH) -> list[TitleSuggestion]:
    """Titles to offer a profile that names no role (typed, or read from its free text): the roles of its
    ``depth`` nearest listings under its hard filters. None for an empty profile or one with a title."""
    if profile.is_empty() or names_a_role_title(scoring_profile(profile)):
        return []
    similarities, rows = matcher.nearest(matcher.query_vector(profile), depth, matcher.mask(profile))
    return group_titles(matcher.rows.values("title", rows), similarities, k, rows.tolist())
