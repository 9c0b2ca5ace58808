"""Repeated postings of one job, grouped for reading: the same title at the same employer.

Real exports repeat a job many times: on the open postings, 575 jobs posted more than once hold 2,258 of
4,582 listings ("Unit Program Coordinator", Air Education and Training Command, 89 announcements at
several bases; one USAJOBS announcement in two sources with different text). The ranking keeps every
posting (each is a real ad, and the evaluation judges each); the result list shows one card per job, the
best-ranked posting, with its repeats listed under it, as job boards show "N more locations".
"""

from __future__ import annotations

from dataclasses import dataclass

from nploy.matching.explain import place_text, salary_range
from nploy.records.jobs import job_codes, job_key  # noqa: F401  (job_codes: the matcher's rows read it here too)
from nploy.records.match import Match


@dataclass(frozen=True)
class Job:
    """One job in a result list: its best-ranked posting and the other postings of it, in rank order."""

    match: Match
    repeats: tuple[Match, ...] = ()

    @property
    def postings(self) -> int:
        return 1 + len(self.repeats)


def group_repeats(matches: list[Match]) -> list[Job]:
    """The matches as jobs, in the order of each job's best posting."""
    order: list[tuple[str, str]] = []
    grouped: dict[tuple[str, str], list[Match]] = {}
    for item in matches:
        key = job_key(item.listing)
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append(item)
    return [Job(grouped[key][0], tuple(grouped[key][1:])) for key in order]


def ungrouped(matches: list[Match]) -> list[Job]:
    """The matches one job each: the same shape as ``group_repeats`` when the reader asks for every posting."""
    return [Job(item) for item in matches]


def repeat_line(item: Match) -> str:
    """One repeat as a line under its job: where, when, its pay when posted, its own score ("Keesler AFB,
    US · posted 2025-11-17 · match 64"). Without a place or a date, the posting's own reference tells the
    lines apart."""
    listing = item.listing
    parts = [place_text(listing), f"posted {listing.posted_at.isoformat()}" if listing.posted_at else "date unknown"]
    if listing.salary_min is not None or listing.salary_max is not None:
        parts.append(salary_range(listing))
    if not (listing.city or listing.country or listing.other_places or listing.posted_at):
        parts.append(f"ref {listing.id.rsplit('/', 1)[-1]}")
    return " · ".join([*parts, f"match {item.score}"])


def narrowed(matches: list[Match], min_score: int = 0, modes: list[str] | None = None, company: str = "") -> list[Match]:
    """The matches a list's own filters keep: a minimum score, work modes (any when none), a company containing
    the words (case aside). The Matches page narrows its list with them without searching again."""
    wanted = company.casefold()
    return [
        m
        for m in matches
        if m.score >= min_score and (not modes or m.listing.work_mode in modes) and wanted in m.listing.company.casefold()
    ]
