"""Skill extraction measured against hand-labelled postings (``data/eval/skill_labels.jsonl``).

Each posting carries the canonical skills a reader finds in its title and text (labelled by
reading, before the extractor's output was looked at) and, apart, the skills it names that the
taxonomy does not hold (reported, not scored: the extractor cannot know them). Precision and
recall are micro-averaged over all (posting, skill) pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nploy.quality.querysets import EVAL_DIR
from nploy.vocabulary.skills import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class LabelledPosting:
    id: str
    source: str
    title: str
    text: str
    skills: list[str]
    outside_taxonomy: list[str]


@dataclass(frozen=True)
class ExtractionError:
    posting: str
    kind: str  # "false positive" | "missed"
    skill: str
    context: str


@dataclass
class ExtractionReport:
    postings: int
    labelled: int
    precision: float
    recall: float
    errors: list[ExtractionError]
    outside_taxonomy: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def read_labels(path: Path = EVAL_DIR / "skill_labels.jsonl") -> list[LabelledPosting]:
    with path.open(encoding="utf-8") as lines:
        return [LabelledPosting(**json.loads(line)) for line in lines if line.strip()]


def evaluate_extraction(postings: list[LabelledPosting], taxonomy: Taxonomy | None = None) -> ExtractionReport:
    taxonomy = taxonomy or load_taxonomy()
    hits = found = wanted = 0
    errors = []
    for posting in postings:
        text = f"{posting.title}. {posting.text}"
        got, gold = set(taxonomy.extract(text)), set(posting.skills)
        hits, found, wanted = hits + len(got & gold), found + len(got), wanted + len(gold)
        errors += [ExtractionError(posting.id, "false positive", s, _context(text, s)) for s in sorted(got - gold)]
        errors += [ExtractionError(posting.id, "missed", s, _context(text, s)) for s in sorted(gold - got)]
    return ExtractionReport(
        postings=len(postings),
        labelled=wanted,
        precision=hits / found if found else 1.0,
        recall=hits / wanted if wanted else 1.0,
        errors=errors,
        outside_taxonomy=sum(len(p.outside_taxonomy) for p in postings),
    )


def _context(text: str, skill: str, width: int = 40) -> str:
    """A snippet around the skill's first mention (or the text's start when the words differ)."""
    at = text.lower().find(skill.lower().split()[0])
    at = max(at, 0)
    return text[max(0, at - width) : at + len(skill) + width].strip()
