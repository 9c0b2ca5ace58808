"""The match record: one listing for one profile, with the score and why."""

from __future__ import annotations

from dataclasses import dataclass

from nploy.records.listing import Listing


@dataclass
class Match:
    listing: Listing
    score: int
    parts: dict[str, int]  # part name -> 0-100, only the parts that counted
    similarity: float
    matched_skills: list[str]
    missing_skills: list[str]
    matched_words: list[str]  # the profile's words the listing contains (keyword search's evidence)
    salary_fit: str
    work_mode_fit: str
    location_fit: str

    def to_dict(self) -> dict:
        listing = self.listing
        return {
            "id": listing.id,
            "title": listing.title,
            "company": listing.company,
            "city": listing.city,
            "country": listing.country,
            "work_mode": listing.work_mode,
            "seniority": listing.seniority,
            "salary_annual_eur": listing.salary_annual_eur,
            "salary_estimated": listing.salary_estimated,
            "other_places": list(listing.other_places),
            "source": listing.source,
            "posted_at": listing.posted_at.isoformat() if listing.posted_at else None,
            "last_seen": listing.last_seen.isoformat() if listing.last_seen else None,
            "url": listing.url,
            "score": self.score,
            "score_parts": self.parts,
            "similarity": round(self.similarity, 4),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "matched_words": self.matched_words,
            "salary_fit": self.salary_fit,
            "work_mode_fit": self.work_mode_fit,
            "location_fit": self.location_fit,
        }
