"""What is embedded: the text of a listing and of a profile, shaped alike so the two compare.

A documented choice (docs/embeddings.md); the index's text hashes are of these texts,
so an incremental build re-embeds exactly the listings whose text changed.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from nploy.records.profile import Profile
from nploy.vocabulary.roles import expand_title, without_level
from nploy.vocabulary.skills import load_taxonomy


def listing_head(title: str, skills: list[str]) -> str:
    """A listing's head vector: its title and skills alone, so a profile that names a title or skills
    meets the listings that are that role, whatever their description dwells on. The skills read for role
    evidence alone are left out (``Taxonomy.embedded_names``)."""
    return f"{expand_title(title)}. Skills: {', '.join(load_taxonomy().embedded_names(skills))}."


def listing_text(title: str, skills: list[str], description: str) -> str:
    """A listing's body vector: the whole posting, title and skills first, read up to
    ``max_seq_length`` tokens (256 by default).

    Why two vectors, scored by the better of the two: a short head (title and skills) and the whole posting
    at 256 tokens ranked better for every form than one short text, and as well as chunking the whole
    description at a fraction of its vectors (bench/listing_text.py; figures: docs/matching.md, 'Decisions
    and their measurements'). The cost: two vectors a listing, and 1.35x the embedding time.
    """
    return f"{expand_title(title)}. Skills: {', '.join(load_taxonomy().embedded_names(skills))}. {description}"


def text_hashes(texts: list[str], heads: list[str] | None = None) -> np.ndarray:
    """A 63-bit hash per listing of what it embeds: equal texts, equal vectors, so an unchanged listing
    keeps its own."""
    joined = texts if heads is None else [f"{h}\x1e{t}" for h, t in zip(heads, texts)]
    return np.array(
        [int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "big") >> 1 for t in joined],
        dtype="int64",
    )


def listing_texts(frame: pd.DataFrame) -> list[str]:
    """Every listing's body text, in table order."""
    return [listing_text(t, list(k), d) for t, k, d in zip(frame["title"], frame["skills"], frame["description"])]


def listing_heads(frame: pd.DataFrame) -> list[str]:
    """Every listing's head text, in table order."""
    return [listing_head(t, list(k)) for t, k in zip(frame["title"], frame["skills"])]


def profile_text(profile: Profile) -> str:
    """The text embedded for a profile: only what the user gave, shaped like ``listing_text`` where
    there is something to shape. A skill the free text already names is not repeated: said twice, it weighed
    twice and pulled the query towards whatever else the skill suggests (docs/matching.md). Nothing is
    invented: a profile of free text alone embeds as that text
    (a made-up "Software role." in front ranked real postings worse: docs/matching.md, 'Decisions and their measurements')."""
    parts = []
    titles = [bare for bare in map(without_level, profile.desired_titles) if bare]  # the level is said once, below
    if titles:
        parts.append(" / ".join(titles) + ".")
    if profile.seniority:
        parts.append(f"{profile.seniority} level.")
    skills = _not_said(profile.all_skills() + profile.unknown_skills, profile.free_text)
    if skills:
        parts.append(f"Skills: {', '.join(skills)}.")
    if profile.free_text:
        parts.append(profile.free_text)
    return " ".join(parts)


def _not_said(skills: list[str], free_text: str) -> list[str]:
    """The skills the free text does not name (the taxonomy's reading of it, the one the page shows)."""
    if not free_text or not skills:
        return skills
    said = {name.lower() for name in load_taxonomy().extract(free_text)}
    return [skill for skill in skills if skill.lower() not in said]
