"""Explanations: a scored listing becomes a ``Match`` a person can read (why it ranks, what it lacks)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import humanize

from nploy.index.texts import profile_text
from nploy.matching.scoring import Candidate, hybrid_score, stated_skills
from nploy.records.listing import Listing, place_parts, source_credit
from nploy.records.match import Match
from nploy.records.profile import Profile

if TYPE_CHECKING:  # handed a matcher; never needs its class at run time
    from nploy.matching.matcher import Matcher


def explain(
    profile: Profile,
    listing: Listing,
    similarity: float,
    weights: dict[str, float],
    parts: dict[str, float],
    words: list[str] | None = None,
) -> Match:
    """The match record for a scored listing: its score and parts, matched and missing skills, the
    profile's words it contains, and how its pay, work mode and place compare with the profile."""
    score = hybrid_score(parts, weights)
    listing_skills = set(listing.skills)
    wanted = stated_skills(profile)
    matched = [s for s in wanted if s in listing_skills]
    missing = [s for s in listing.skills if s not in set(wanted)]
    return Match(
        listing=listing,
        score=int(round(100 * score)),
        # Only the parts that weigh in this profile's form: a part with weight 0 did not decide the rank.
        parts={name: int(round(100 * value)) for name, value in parts.items() if weights.get(name, 0.0) > 0},
        similarity=similarity,
        matched_skills=matched,
        missing_skills=missing,
        matched_words=list(words or []),
        salary_fit=salary_fit(profile, listing),
        work_mode_fit=_fit_note(listing.work_mode, profile.work_modes, "work mode"),
        location_fit=_location_note(profile, listing),
    )


def salary_fit(profile: Profile, listing: Listing) -> str:
    """The range as posted, its annual EUR midpoint, and how that compares with the floor."""
    annual = listing.salary_annual_eur
    if annual is None:
        return "salary not disclosed"
    posted = salary_range(listing) + (" est." if listing.salary_estimated else "")
    floor = profile.salary_floor_eur
    if floor is None:
        return f"{posted} (~{annual:,.0f} EUR/year)"
    return f"{posted} (~{annual:,.0f} EUR/year, {100 * (annual / floor - 1):+.0f}% vs your floor)"


def salary_range(listing: Listing) -> str:
    values = [v for v in (listing.salary_min, listing.salary_max) if v is not None]
    amounts = "-".join(f"{v:,.0f}" for v in dict.fromkeys(values))
    return f"{amounts} {listing.salary_currency or ''}/{listing.salary_period or 'year'}".replace(" /", "/")


def _fit_note(value: str, wanted: list[str], what: str) -> str:
    if not wanted:
        return f"{value} (any {what} accepted)"
    return f"{value} (as wanted)"


def place_text(listing: Listing) -> str:
    """Where the job is: its first place, and the others it lists ("Austin, US; London, GB")."""
    places = [(listing.city, listing.country)] + [place_parts(entry) for entry in listing.other_places]
    text = "; ".join(", ".join(p for p in place if p) for place in places if any(place))
    return text or "location not given"


def freshness_text(listing: Listing, today: date | None = None) -> str:
    """Where a listing came from and how recently it was seen open ("from greenhouse:acme · seen 2 days
    ago"); a listing read from a file has no "seen", only its source."""
    parts = [f"from {listing.source}"] if listing.source else []
    if listing.source and source_credit(listing.source):
        parts.append(source_credit(listing.source))
    if listing.last_seen is not None:
        days = ((today or date.today()) - listing.last_seen).days
        parts.append("seen today" if days <= 0 else f"seen {humanize.naturaltime(timedelta(days=days))}")
    return " · ".join(parts)


def _location_note(profile: Profile, listing: Listing) -> str:
    place = place_text(listing)
    if not (profile.countries or profile.cities):
        return f"{place} (any location accepted)"
    return f"{place} (as wanted)"


def explained(matcher: Matcher, profile: Profile, ranked: list[Candidate], weights: dict[str, float]) -> list[Match]:
    """Ranked candidates as explained matches, in the order given, scored with ``weights``."""
    rows = [c.row for c in ranked]
    listings, words = matcher.rows.listings(rows), matched_words(matcher, profile, rows)
    return [explain(profile, item, c.similarity, weights, c.parts, list(w)) for c, item, w in zip(ranked, listings, words)]


def matched_words(matcher: Matcher, profile: Profile, rows: list[int]) -> list[tuple[str, ...]]:
    """For each row, the profile's words its listing contains. Only for the rows shown: over the whole
    candidate pool this was most of the lexical leg's cost (bench/load.py)."""
    tokens = matcher.lexical.query_tokens(profile_text(profile)) if matcher.lexical is not None else []
    if not tokens or not rows:
        return [()] * len(rows)
    return [tuple(found) for found in matcher.lexical.words_in(tokens, rows)]
