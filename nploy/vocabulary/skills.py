"""Skills taxonomy: canonical names, aliases, categories, and extraction from free text.

The taxonomy is the bundled ``nploy/data/skills.json`` (derived from O*NET Technology Skills,
CC BY 4.0, plus a curated alias list; see ``scripts/build_skills.py``).

Extraction uses two Aho-Corasick automatons (pyahocorasick): one over the lower-cased text for
ordinary aliases, one over the original text for case-sensitive aliases such as "Go" and "R",
which in lower case are an English word or a letter. Matches must sit on token boundaries and
the longest match wins, so "ASP.NET" is not also read as ".NET" plus "ASP".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

# Characters that continue a token: "C" inside "C++" or "C#" is not the language C.
_TOKEN_CHARS = re.compile(r"[\w+#]")
# English words that follow the verb "go" at a sentence start ("Go ahead", "Go to").
_GO_VERB_FOLLOWERS = {"to", "ahead", "beyond", "further", "live", "for", "get", "and", "out", "back", "on"}
# Words around a one-letter language name that show it is used as a skill ("R and Python", "in R").
_LETTER_CONTEXT = {"and", "or", "in", "with", "using", "like", "python", "sql", "stata", "sas", "matlab"}


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    hot_technology: bool = False
    onet_occupations: tuple[str, ...] = field(default=(), repr=False)
    embedded: bool = True  # named in a listing's embedded skills line (``Taxonomy.embedded_names``)


# eq=False: hashed by identity so the alias tables and automatons can be cached per taxonomy.
@dataclass(frozen=True, eq=False)
class Taxonomy:
    skills: dict[str, Skill]
    attribution: str
    occupations: dict[str, str]

    def names(self) -> list[str]:
        return sorted(self.skills, key=str.lower)

    def category(self, name: str) -> str:
        return self.skills[name].category if name in self.skills else "Other"

    def embedded_names(self, names: Iterable[str]) -> list[str]:
        """The names a listing's embedded skills line holds: all but the skills read for role evidence alone
        (``scripts/build_skills.py``, NOT_EMBEDDED, has the measurement). Unknown names are kept."""
        return [n for n in names if n not in self.skills or self.skills[n].embedded]

    def normalise(self, raw: str) -> str | None:
        """Canonical name for a skill as a user or a file writes it, or None if unknown."""
        text = raw.strip()
        if not text:
            return None
        exact, folded = _alias_tables(self)
        # Typed into a form, "go" or "r" can only mean the skill: fall back to canonical names.
        return exact.get(text) or folded.get(text.lower()) or _canonical_folded(self).get(text.lower())

    def normalise_many(self, raws: Iterable[str]) -> tuple[list[str], list[str]]:
        """Split raw skills into (canonical names, unknown inputs), order kept, duplicates dropped."""
        known: list[str] = []
        unknown: list[str] = []
        for raw in raws:
            name = self.normalise(raw)
            if name is None:
                if raw.strip() and raw.strip() not in unknown:
                    unknown.append(raw.strip())
            elif name not in known:
                known.append(name)
        return known, unknown

    def extract(self, text: str) -> list[str]:
        """Canonical skills mentioned in free text, in order of first mention."""
        if not text:
            return []
        spans = _find_spans(self, text)
        found: list[str] = []
        for _start, _end, name in _longest_non_overlapping(spans):
            if name not in found:
                found.append(name)
        return found


def _is_case_sensitive(alias: str) -> bool:
    return alias.startswith("=")


@lru_cache(maxsize=4)
def _alias_tables(taxonomy: Taxonomy) -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for alias in skill.aliases:
            if _is_case_sensitive(alias):
                exact[alias[1:]] = skill.name
            else:
                folded.setdefault(alias.lower(), skill.name)
    exact_folded = {alias.lower() for alias in exact}
    for skill in taxonomy.skills.values():
        # A canonical name that is also a case-sensitive alias ("Go", "R") is matched exactly only.
        if skill.name.lower() not in exact_folded:
            folded[skill.name.lower()] = skill.name
    return exact, folded


@lru_cache(maxsize=4)
def _canonical_folded(taxonomy: Taxonomy) -> dict[str, str]:
    return {name.lower(): name for name in taxonomy.skills}


@lru_cache(maxsize=4)
def _automatons(taxonomy: Taxonomy) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    exact, folded = _alias_tables(taxonomy)
    automatons = []
    for table in (exact, folded):
        automaton = ahocorasick.Automaton()
        for alias, name in table.items():
            automaton.add_word(alias, (alias, name))
        automaton.make_automaton()
        automatons.append(automaton)
    return automatons[0], automatons[1]


def _find_spans(taxonomy: Taxonomy, text: str) -> list[tuple[int, int, str]]:
    exact, folded = _automatons(taxonomy)
    spans = []
    for haystack, automaton, strict in ((text, exact, True), (text.lower(), folded, False)):
        if len(automaton) == 0:
            continue
        for end, (alias, name) in automaton.iter(haystack):
            start = end - len(alias) + 1
            if not _on_boundary(text, start, end + 1):
                continue
            if strict and not _plausible_exact(text, start, end + 1, alias):
                continue
            spans.append((start, end + 1, name))
    return spans


def _on_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if _TOKEN_CHARS.match(before) or _TOKEN_CHARS.match(after):
        return False
    # "node.js" must not yield "node" then ".js"; a dot followed by a letter continues the token.
    if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
        return False
    return not (before == "." and start >= 2 and text[start - 2].isalnum())


def _plausible_exact(text: str, start: int, end: int, alias: str) -> bool:
    """Reject case-sensitive hits that are English, not technology."""
    if alias == "Go":
        return not (_at_sentence_start(text, start) and _next_word(text, end) in _GO_VERB_FOLLOWERS | {""})
    if len(alias) == 1:  # cheapest checks first: a text can hold a hit every three characters ("C, C, C, ...")
        if text[end : end + 1] in {"&", "'"} or text[start - 1 : start] == "&":
            return False
        return (
            _neighbour_punct(text, start, end)
            or _prev_word(text, start) in _LETTER_CONTEXT
            or _next_word(text, end) in _LETTER_CONTEXT
        )
    return True


# How far the neighbour checks look around a hit. Every check reads a bounded window, never the text before
# or after the hit as a whole: on a 200 KB CV of "x R y " repeated, scanning text[:start] per hit took 179 s.
_WINDOW = 80
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _before(text: str, start: int) -> str:
    """The text just before ``start``, trailing white space dropped (at most _WINDOW characters)."""
    return text[max(0, start - _WINDOW) : start].rstrip()


def _at_sentence_start(text: str, start: int) -> bool:
    head = _before(text, start)
    return not head or head[-1] in ".!?:\n\u2022-*"


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end, min(len(text), end + _WINDOW))
    return match.group(1).lower() if match else ""


def _prev_word(text: str, start: int) -> str:
    head = _before(text, start)
    at = len(head)
    while at > 0 and head[at - 1] in _LETTERS:
        at -= 1
    return head[at:].lower()


def _neighbour_punct(text: str, start: int, end: int) -> bool:
    """True when the token sits in a list: "Python, R, SQL", "(R)", "R/Python"."""
    before = _before(text, start)[-1:]
    after = text[end : end + _WINDOW].lstrip()[:1]
    return before in {",", "/", "(", ";"} or after in {",", "/", ")", ";"}


def _longest_non_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first, each kept unless it overlaps one already kept. The kept characters are marked in a
    byte array, so the overlap check costs the span's length, not the number of spans kept so far."""
    if not spans:
        return []
    taken = bytearray(max(end for _start, end, _name in spans))
    chosen: list[tuple[int, int, str]] = []
    for start, end, name in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if taken.find(1, start, end) != -1:
            continue
        chosen.append((start, end, name))
        taken[start:end] = b"\x01" * (end - start)
    return sorted(chosen)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The bundled taxonomy (cached; it is read once per process)."""
    payload = json.loads(resources.files("nploy").joinpath("data/skills.json").read_text("utf-8"))
    skills = {
        row["name"]: Skill(
            name=row["name"],
            category=row["category"],
            aliases=tuple(row["aliases"]),
            hot_technology=row["hot_technology"],
            onet_occupations=tuple(row["onet_occupations"]),
            embedded=row.get("embedded", True),
        )
        for row in payload["skills"]
    }
    return Taxonomy(skills=skills, attribution=payload["attribution"], occupations=payload["occupations"])
