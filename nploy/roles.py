"""Role families from job titles, so market charts and skill gaps can group any listings.

Ordered rules: the first family whose pattern matches the title wins ("Data Engineer" is data
engineering before the generic "engineer" makes it back-end).
"""

from __future__ import annotations

import re

import pandas as pd

ROLE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("Design", r"design|\bux\b|\bui/ux\b|user research"),
    ("Product", r"product (manager|owner|lead|director)|\bproduct management|technical product"),
    ("Security", r"secur|penetration|\bsoc\b|cyber"),
    ("QA", r"\bqa\b|quality assurance|\btest(er|ing)?\b|\bsdet\b"),
    ("Machine Learning", r"machine learning|\bml\b|\bai\b|applied scientist|mlops|deep learning|\bnlp\b"),
    ("Data Engineering", r"data engineer|analytics engineer|big data|data platform|\betl\b|data warehouse"),
    ("DevOps/SRE", r"devops|site reliability|\bsre\b|platform engineer|cloud engineer|infrastructure|systems? admin"),
    ("Data Science", r"data scien|data analy|\bbi\b|business intelligence|product analyst|analytics|statistic"),
    ("Mobile", r"\bios\b|android|mobile|flutter|react native"),
    ("Front-end", r"front[- ]?end|\bui engineer|react developer|javascript developer|angular|vue"),
    ("Full-stack", r"full[- ]?stack|web developer"),
    ("Back-end", r"back[- ]?end|server[- ]side|\bapi\b|software|developer|programmer|engineer"),
)
OTHER = "Other"
_COMPILED = tuple((family, re.compile(pattern, re.I)) for family, pattern in ROLE_FAMILIES)
FAMILIES: tuple[str, ...] = tuple(family for family, _ in ROLE_FAMILIES) + (OTHER,)


def role_family(title: str) -> str:
    for family, pattern in _COMPILED:
        if pattern.search(title or ""):
            return family
    return OTHER


def role_families(titles: pd.Series) -> pd.Series:
    """Vectorised over a column; titles repeat a lot, so each distinct title is classified once."""
    unique = pd.Series(titles.unique())
    mapping = dict(zip(unique, unique.map(role_family)))
    return titles.map(mapping).astype("string")
