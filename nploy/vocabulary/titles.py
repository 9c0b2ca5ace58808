"""Job titles named in free text ("I am a data engineer", "ten years as a statistician"), recognised
against the O*NET occupation titles (bundled in the skills taxonomy) and the common titles of each role
family, so a candidate who describes themselves gets title fit without filling in a title field."""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from nploy.vocabulary.roles import TITLES
from nploy.vocabulary.skills import load_taxonomy

# O*NET titles too general to say what someone does ("Managers, All Other" is not a role anyone names).
_TOO_GENERAL = re.compile(r"all other|^chief executives?$|^general and operations", re.I)


def _singular(title: str) -> str:
    """O*NET titles are plural ("Software Developers", "Statisticians"): the form people write of themselves."""
    words = title.split()
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    names = {_singular(t) for t in load_taxonomy().occupations.values() if "," not in t and not _TOO_GENERAL.search(t)}
    names |= {t for titles in TITLES.values() for t in titles if "," not in t and "(" not in t}
    automaton = ahocorasick.Automaton()
    for name in names:
        if len(name) >= 4:
            automaton.add_word(name.lower(), name)
    automaton.make_automaton()
    return automaton


# A one-word title counts only as a role someone is ("a statistician", "as an economist"): alone, "model"
# or "designer" in a sentence is too often something else ("predictive models").
_SELF = re.compile(r"\b(?:a|an|as a|as an|am a|am an)\s+$")
_ROLE_SUFFIX = ("ist", "ian", "er", "or", "ant", "ent")


def titles_in(text: str) -> list[str]:
    """Titles the text names, longest first where they overlap, in order of mention. Only in the singular: a
    plural names the people around the writer ("tables for the analysts and data scientists", "a tracker
    for the product managers"), not the role they are."""
    lowered = text.lower()
    found: list[tuple[int, int, str]] = []
    for end, name in _automaton().iter(lowered):
        start = end - len(name) + 1
        before = lowered[start - 1] if start > 0 else " "
        after = lowered[end + 1] if end + 1 < len(lowered) else " "
        if before.isalnum() or after.isalnum():  # "data scientists" are the people one works with, not a role one is
            continue
        if " " not in name and not (name.lower().endswith(_ROLE_SUFFIX) and _SELF.search(lowered[:start])):
            continue
        found.append((start, end, name))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] > kept[-1][1]:
            kept.append(item)
    return list(dict.fromkeys(name for _, _, name in kept))
