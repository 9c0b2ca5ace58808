"""What a listing does not state in a column, inferred from what it does: skills, work mode, level,
employment type."""

from __future__ import annotations

import json
import re

from nploy.ingest.text import clean_text
from nploy.records.listing import EMPLOYMENT_TYPES
from nploy.vocabulary.skills import Taxonomy


def skills_of(raw: object, title: str, description: str, taxonomy: Taxonomy) -> list[str]:
    listed = _as_list(raw)
    if listed:
        known, _unknown = taxonomy.normalise_many(listed)
        if known:
            return known
    return taxonomy.extract(f"{title}. {description}")


def _as_list(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [str(x) for x in raw]
    if hasattr(raw, "tolist"):
        return [str(x) for x in raw.tolist()]
    text = str(raw).strip()
    if text.startswith("["):
        try:
            return [str(x) for x in json.loads(text)]
        except ValueError:
            pass
    return [part for part in re.split(r"[;,|\n]", text) if part.strip()]


_REMOTE = re.compile(
    r"\b(fully remote|100% remote|remote[- ]first|remote position|remote role|work from home|wfh|remote)\b", re.I
)
_HYBRID = re.compile(r"\bhybrid\b|days? (a|per) week in (the|our)? ?office", re.I)
_ONSITE = re.compile(r"\b(on[- ]?site|in[- ]office|office[- ]based)\b", re.I)
_TELEWORK = re.compile(r"\btele-?work", re.I)
_TRUE = {"y", "yes", "true", "1", "t", "1.0"}


def infer_work_mode(value: object, remote_flag: object, telework_flag: object, title: str, description: str) -> str:
    """From a work-mode column, else remote/telework flags, else the title and description."""
    return read_work_mode(value, remote_flag, telework_flag, None, None, title, description)[0]


def read_work_mode(
    value: object,
    remote_flag: object,
    telework_flag: object,
    location_hint: str | None,
    source_default: str | None,
    title: str,
    description: str,
) -> tuple[str, str]:
    """(work mode, how it was known): "stated" (a column, a flag, the location's "- Hybrid", the board),
    "text" (read from the title or description) or "default" (nothing said: on-site)."""
    stated = clean_text(value).lower()
    if _HYBRID.search(stated):
        return "hybrid", "stated"
    if _REMOTE.search(stated):
        return "remote", "stated"
    if _ONSITE.search(stated) or stated in ("onsite", "office", "in person"):
        return "onsite", "stated"
    if location_hint:
        return location_hint, "stated"
    if clean_text(remote_flag).lower() in _TRUE:
        return "remote", "stated"
    if clean_text(telework_flag).lower() in _TRUE:
        return "hybrid", "stated"
    if source_default:
        return source_default, "stated"
    for mode, pattern in (("hybrid", _HYBRID), ("remote", _REMOTE), ("onsite", _ONSITE)):
        if pattern.search(title):
            return mode, "text"
    if _HYBRID.search(description):
        return "hybrid", "text"
    if _REMOTE.search(description) and not re.search(r"\bnot (a )?remote|no remote", description, re.I):
        return "remote", "text"
    if _TELEWORK.search(description) and not re.search(r"telework eligible:? ?no|not telework", description, re.I):
        return "hybrid", "text"
    return "onsite", "default"


_SENIORITY_PATTERNS = (
    ("intern", r"\b(intern|internship|trainee|werkstudent|apprentice)\b"),
    ("lead", r"\b(lead|principal|staff|head of|director|chief|supervisor|vp|executive)\b"),
    ("senior", r"\b(senior|sr\.?|expert|architect|mid-senior)\b"),
    ("junior", r"\b(junior|jr\.?|entry[- ]level|graduate|associate)\b"),
    ("mid", r"\b(mid|intermediate|medior|regular)\b"),
)


def infer_seniority(value: object, title: str) -> str:
    for text in (clean_text(value), title):
        for level, pattern in _SENIORITY_PATTERNS:
            if re.search(pattern, text, re.I):
                return level
    return "mid"


def infer_employment_type(value: object, title: str) -> str:
    text = f"{clean_text(value)} {title}".lower()
    text = text.replace("fulltime", "full-time").replace("parttime", "part-time")
    # A word: "\bintern" read "Internal Audit" and "International" as internships.
    if re.search(r"\b(?:intern|interns|internship|internships)\b", text):
        return "internship"
    if re.search(r"contract|freelance|b2b|contractor", text):
        return "contract"
    if re.search(r"temporary|seasonal|\btemp\b", text):
        return "temporary"
    if re.search(r"part[- ]?time|\bp\b", text):
        return "part-time"
    value = clean_text(value).lower()
    return value if value in EMPLOYMENT_TYPES else "full-time"
