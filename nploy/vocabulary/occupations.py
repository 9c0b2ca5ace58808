"""The role catalogue: the roles a job board posts and a candidate asks for, with O*NET's evidence for each.

Bundled as ``nploy/data/roles.json`` (built by ``scripts/build_roles.py`` from O*NET 29.2, CC BY 4.0: the
attribution travels in the file). A role has a title ("Mobile Developer"), a pattern that recognises it in
a posting's title, the skills that point to it, and its evidence phrases: O*NET alternate and reported titles
that name it and the task statements of its occupations, and its duties in a posting's plain words.
``nploy.roles`` reads a profile against them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from nploy.vocabulary.roles import expand_title


@dataclass(frozen=True)
class Role:
    title: str
    pattern: re.Pattern
    skills: tuple[str, ...]  # its skills line: embedded as evidence of the role, and pointing to it
    phrases: tuple[str, ...]  # names of the role (O*NET alternate and reported titles)
    tasks: tuple[str, ...]  # what its occupations do (O*NET task statements)
    duties: tuple[str, ...] = ()  # what it does in a posting's plain words (written for nploy)
    also_points: tuple[str, ...] = ()  # more skills that point to it, not embedded (scripts/build_roles.py)


@dataclass(frozen=True, eq=False)
class Catalogue:
    roles: tuple[Role, ...]
    digest: str  # changes with any role: cached vectors are keyed on it
    attribution: str

    def titles(self) -> list[str]:
        return [r.title for r in self.roles]

    def index_of(self, title: str) -> int | None:
        folded = title.strip().casefold()
        return next((i for i, r in enumerate(self.roles) if r.title.casefold() == folded), None)

    def roles_of_title(self, title: str) -> tuple[int, ...]:
        """The roles a posting's title names (federal specialty codes spelled out); none for "Engineer"."""
        text = expand_title(title or "")
        return tuple(i for i, role in enumerate(self.roles) if role.pattern.search(text))

    def roles_of_titles(self, titles: pd.Series) -> list[tuple[int, ...]]:
        """``roles_of_title`` over a column: titles repeat, so each distinct one is read once."""
        distinct = {t: self.roles_of_title(t) for t in pd.unique(titles)}
        return [distinct[t] for t in titles]

    def skill_roles(self) -> dict[str, tuple[int, ...]]:
        """Skill -> the roles it points to (a skill that points to many says little about any)."""
        found: dict[str, list[int]] = {}
        for i, role in enumerate(self.roles):
            for skill in dict.fromkeys(role.skills + role.also_points):
                found.setdefault(skill, []).append(i)
        return {skill: tuple(roles) for skill, roles in found.items()}


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    payload = json.loads(resources.files("nploy").joinpath("data/roles.json").read_text("utf-8"))
    roles = tuple(
        Role(
            title=row["title"],
            pattern=re.compile(row["pattern"], re.I),
            skills=tuple(row["skills"]),
            phrases=tuple(row["phrases"]),
            tasks=tuple(row["tasks"]),
            duties=tuple(row.get("duties", ())),
            also_points=tuple(row.get("also_points", ())),
        )
        for row in payload["roles"]
    )
    return Catalogue(roles=roles, digest=payload["catalogue"], attribution=payload["attribution"])
