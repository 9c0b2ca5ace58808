"""A role read from a profile: what ``nploy.roles`` infers and the pages, the CLI and the ranking show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InferredRole:
    title: str
    confidence: float  # 0..1, over the catalogue's roles (they sum to 1)
    evidence: tuple[str, ...]  # why, in words: "your words", "your skills: Swift, Kotlin", "7 of the 20 nearest listings"

    def to_dict(self) -> dict:
        return {"title": self.title, "confidence": round(self.confidence, 3), "evidence": list(self.evidence)}
