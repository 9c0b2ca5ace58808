"""The real-text evaluation set: openly licensed real postings, judged by rules written before tuning.

The corpus is ``open-postings.jsonl`` of the shared data (US federal, GSA 18F/TTS, Canadian Digital
Service and Stack Overflow postings, each under its own open licence; see its PROVENANCE). A posting's
family comes from its role label where it has one (an IT Specialist's 2210 specialty, an OPM series, a
Stack Overflow role) and otherwise from its title's header, by the rules below; ``data/eval/JUDGING.md``
states them in words. The needs (``data/eval/real_needs.jsonl``) are written in plain words a candidate
would use, avoiding the postings' title words; each is asked in three forms: free text only, the skills
its text names plus the text, and the same plus a desired title.

Grades: 2 when the posting's family is the need's, 1 when it is a related family (``RELATED``), else 0.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nploy.quality.querysets import EVAL_DIR, EvalQuery, QuerySet, need_queries

REAL_NEEDS = EVAL_DIR / "real_needs.jsonl"
REAL_FAMILIES = EVAL_DIR / "real_families.csv"
# Postings the rules leave without a family that reached a mode's top 10, judged by hand (JUDGING.md).
REAL_HAND_FAMILIES = EVAL_DIR / "real_hand_families.csv"
FORMS = ("free", "skills", "title")

# Role labels of the open set -> family. A label naming several specialties ("2210-INFOSEC/NETWORK")
# belongs to each; the first is its family, the others count as related.
LABEL_FAMILIES = {
    "INFOSEC": "security",
    "NETWORK": "network",
    "SYSADMIN": "systems administration",
    "OS": "systems administration",
    "APPSW": "software development",
    "CUSTSPT": "IT support",
    "SYSANALYSIS": "systems analysis",
    "ENTARCH": "enterprise architecture",
    "DATAMGT": "data management",
    "PLCYPLN": "IT policy and planning",
    "series-1560": "data science",
    "series-1530": "statistics",
    "series-1084": "visual design",
    "Full Stack Developer": "software development",
    "Backend Developer": "software development",
    "Frontend Developer": "software development",
    "Mobile Developer": "software development",
    "QA/Test Developer": "quality assurance",
    "DevOps": "systems administration",
    "System Administrator": "systems administration",
    "Database Administrator": "data management",
    "Data Scientist": "data science",
    "Designer": "visual design",
}
# Title headers -> family, first match wins; only where the title itself names the role.
TITLE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("security", r"cyber|information security|infosec|security (engineer|analyst|architect)|penetration"),
    ("data science", r"data scien|machine learning|\bml\b|artificial intelligence|\bai\b"),
    ("statistics", r"statistic"),
    ("visual design", r"visual information|graphic|designer|\bux\b|user experience|illustrat"),
    ("product management", r"product (manager|owner|lead)"),
    ("IT project management", r"(it|technology|technical) (program|project) manag"),
    ("quality assurance", r"\bqa\b|quality assurance|\btest(er|ing)?\b"),
    ("network", r"network"),
    ("systems administration", r"system administrat|sysadmin|devops|site reliability|cloud engineer"),
    ("data management", r"database|data (engineer|architect|manag)"),
    ("software development", r"software|developer|programmer|full[- ]?stack|front[- ]?end|back[- ]?end"),
    ("enterprise architecture", r"enterprise architect"),
)
# Families a need's reader would take as a partial match.
RELATED = {
    "security": {"network", "systems administration", "IT policy and planning"},
    "network": {"security", "systems administration"},
    "systems administration": {"network", "IT support", "security"},
    "software development": {"quality assurance", "systems analysis", "data management"},
    "data science": {"statistics", "data management"},
    "statistics": {"data science"},
    "data management": {"data science", "software development"},
    "quality assurance": {"software development"},
    "product management": {"IT project management", "visual design"},
    "IT project management": {"product management", "IT policy and planning"},
    "visual design": {"product management"},
    "IT support": {"systems administration"},
    "systems analysis": {"software development", "enterprise architecture"},
    "enterprise architecture": {"systems analysis", "IT policy and planning"},
    "IT policy and planning": {"security", "enterprise architecture"},
}
_COMPILED = tuple((family, re.compile(pattern, re.I)) for family, pattern in TITLE_FAMILIES)


@dataclass(frozen=True)
class Judged:
    family: str
    also: tuple[str, ...]  # further families a multi-specialty label names
    basis: str  # "label" or "title"


def posting_family(title: str, role_label: str | None) -> Judged | None:
    """A posting's family by the rules: its role label, else its title's header, else none."""
    if role_label:
        names = role_label.removeprefix("2210-").split("/")
        families = [LABEL_FAMILIES[n] for n in names if n in LABEL_FAMILIES]
        if families:
            return Judged(families[0], tuple(dict.fromkeys(families[1:])), "label")
    header = title_header(title)
    for family, pattern in _COMPILED:
        if pattern.search(header):
            return Judged(family, (), "title")
    return None


def title_header(title: str | None) -> str:
    """The part of a posting title that names the role: the text before a dash, a bar or a comma
    ("Senior Product Manager - Platform" -> "Senior Product Manager")."""
    return re.split(r"\s[-–|]\s|,", title or "")[0]


def judge_open_postings(postings: Iterable[dict]) -> list[dict]:
    """The families of the open postings (those the rules place), as rows for ``real_families.csv``."""
    rows = []
    for posting in postings:
        judged = posting_family(posting.get("title", ""), posting.get("role_label"))
        if judged:
            rows.append({"id": posting["id"], "family": judged.family, "also": "/".join(judged.also), "basis": judged.basis})
    return rows


def write_families(rows: list[dict], path: Path = REAL_FAMILIES) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "family", "also", "basis"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_families(path: Path = REAL_FAMILIES, hand: Path | None = REAL_HAND_FAMILIES) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Listing id -> (family, further families): the rules' families, and for postings the rules leave
    without one, the family a reader gave it in the pooled hand pass (a hand row with no family was
    read and judged of none). The rules' families always win."""
    families = _families_in(hand) if hand is not None and hand.exists() else {}
    families.update(_families_in(path))
    return families


def _families_in(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    with path.open(encoding="utf-8", newline="") as rows:
        return families_of_rows(csv.DictReader(rows))


def families_of_rows(rows: Iterable[dict]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Listing id -> (family, further families) from ``id,family[,also]`` rows (``also`` split on "/");
    a row with no family judges its listing of none and is left out."""
    return {
        row["id"]: (row["family"].strip(), tuple(filter(None, (row.get("also") or "").split("/"))))
        for row in rows
        if row["id"] and (row["family"] or "").strip()
    }


def majority_family(ids: Iterable[str], families: dict[str, tuple[str, tuple[str, ...]]]) -> str | None:
    """The family most of these postings are judged of (None when most are of none, or there are none):
    how the evaluation judges a title offered for the postings it stands for."""
    counts = Counter(families.get(i, (None, ()))[0] for i in ids)
    return counts.most_common(1)[0][0] if counts else None


def grade(need_family: str, family: str, also: tuple[str, ...]) -> int:
    if family == need_family:
        return 2
    if need_family in also or family in RELATED.get(need_family, ()) or any(f in RELATED.get(need_family, ()) for f in also):
        return 1
    return 0


def real_queries(path: Path = REAL_NEEDS) -> list[EvalQuery]:
    """Every need in every form and wording (``querysets.need_queries``), all in the need's part. Needs are
    listed family by family (14 families, three rounds): the parts alternate and shift each round, so every
    family has needs in both parts."""
    queries = []
    with path.open(encoding="utf-8") as lines:
        needs = [json.loads(line) for line in lines if line.strip()]
    for number, need in enumerate(needs):
        part = ("tuning", "test")[(number + number // 14) % 2]
        wordings = [need["text"], *([need["text2"]] if need.get("text2") else [])]
        queries += need_queries("real", need["id"], part, need["family"], wordings, need["skills"], need["title"])
    return queries


def load_real_set(needs: Path = REAL_NEEDS, families: Path = REAL_FAMILIES, hand: Path | None = REAL_HAND_FAMILIES) -> QuerySet:
    """The real set; its judgements are grades by family, worked out against the corpus's ids.
    ``hand=None``: the rules' judgements alone (the figures before the pooled hand pass)."""
    judged = read_families(families, hand)
    queries = real_queries(needs)
    judgements = {
        q.id: {listing_id: g for listing_id, (family, also) in judged.items() if (g := grade(q.target["family"], family, also))}
        for q in queries
    }
    return QuerySet("real", queries, judgements)
