"""The reverse match: discoverable candidates ranked against a recruiter's hiring role by the same engine
as jobs are for a candidate (the same encoder, texts shaped alike, FAISS over the candidates' own vectors,
hard filters as a mask), and explained the same way (matched and missing skills, salary and place fit).

Two rules keep a candidate's choices: the ranking reads only the fields they show (a hidden field must not
move them up or down), and the hard filters read their own limits (salary floor, work modes, places) even
where hidden, because those protect the candidate: a role under their floor never lists them. What a filter
reveals is that one bit; the figures are never shown.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from nploy.index.encoder import Encoder
from nploy.index.index import VectorIndex, build_index
from nploy.index.texts import listing_text, profile_text, text_hashes
from nploy.records.hiring import Discoverable, HiringRole, shown_profile
from nploy.records.profile import Profile

# Not tuned: no labelled set of recruiter judgements exists to tune on. Skills are what a recruiter screens
# on first, the text similarity orders the rest (and ranks candidates who show no skills).
SIMILARITY_WEIGHT, SKILLS_WEIGHT = 0.7, 0.3


@dataclass(frozen=True)
class CandidateMatch:
    name: str
    handle: str
    shown: Profile  # the fields the candidate chose to show, the rest emptied
    score: int
    similarity: float
    matched_skills: list[str]
    missing_skills: list[str]
    salary_fit: str
    work_mode_fit: str
    place_fit: str


@dataclass(frozen=True)
class Reach:
    """How many discoverable candidates a role reaches, filter by filter, and the salary floors (EUR a year,
    of those shown) of the ones its place and work mode fit: where the band loses people."""

    discoverable: int
    work_mode: int
    places: int
    must_haves: int
    salary: int
    passing: int
    floors: list[float]


def role_text(role: HiringRole) -> str:
    """A role embeds as a listing body does: title, skills, then its text."""
    return listing_text(role.title, role.all_skills(), role.text)


class CandidatePool:
    """The discoverable candidates and their vectors in an index of their own. ``refresh`` keeps it current:
    it embeds only candidates whose shown text changed and drops the ones that left (an opt-out is gone from
    the next search)."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self._vectors: dict[str, tuple[int, np.ndarray]] = {}
        self.members: list[Discoverable] = []
        self._taken: list[Discoverable] | None = None  # the list the last refresh took
        self._index: VectorIndex | None = None
        self._filters = _Filters([])
        self._lock = threading.Lock()  # one pool serves every session of the app

    def refresh(self, candidates: list[Discoverable]) -> int:
        """Take this list as the pool; returns how many were embedded."""
        with self._lock:
            return self._refresh(candidates)

    def _refresh(self, candidates: list[Discoverable]) -> int:
        # Every page load refreshes from the store, and most find nothing changed: a comparison (20 ms at 10,000
        # candidates) saves rebuilding the texts, filters and index (340 ms).
        if candidates == self._taken:
            return 0
        self._taken = list(candidates)
        shown = [(c, profile_text(shown_profile(c.profile, c.visibility))) for c in candidates]
        shown = [(c, text) for c, text in shown if text.strip()]  # shows nothing to rank by
        hashes = text_hashes([text for _, text in shown]).tolist() if shown else []
        stale = [(c, text, h) for (c, text), h in zip(shown, hashes) if self._vectors.get(c.name, (None,))[0] != h]
        if stale:
            vectors = self.encoder.encode([text for _, text, _ in stale])
            self._vectors.update({c.name: (h, v) for (c, _, h), v in zip(stale, vectors)})
        self.members = [c for c, _ in shown]
        self._vectors = {c.name: self._vectors[c.name] for c in self.members}
        self._filters = _Filters(self.members)
        if self.members:
            matrix = np.stack([self._vectors[c.name][1] for c in self.members])
            self._index = VectorIndex(build_index(matrix, np.arange(len(self.members), dtype="int64"), "Flat"), manifest=None)
        else:
            self._index = None
        return len(stale)

    def rank(self, role: HiringRole, n: int = 20) -> list[CandidateMatch]:
        """The n best candidates for the role that pass its filters, explained."""
        with self._lock:
            return self._rank(role, n)

    def _rank(self, role: HiringRole, n: int) -> list[CandidateMatch]:
        mask = self._filters.mask(role)
        if self._index is None or not mask.any():
            return []
        query = self.encoder.encode([role_text(role)])[0]
        similarities, positions = self._index.search_positions(query, max(5 * n, 100), mask)
        wanted = role.all_skills()
        scored = []
        for similarity, position in zip(similarities.tolist(), positions.tolist()):
            member = self.members[position]
            shown = shown_profile(member.profile, member.visibility)
            have = set(shown.all_skills())
            coverage = sum(s in have for s in wanted) / len(wanted) if wanted else 0.0
            score = SIMILARITY_WEIGHT * max(similarity, 0.0) + (SKILLS_WEIGHT * coverage if wanted else 0.0)
            scored.append((score, position, similarity, member, shown))
        scored.sort(key=lambda item: (-item[0], item[1]))  # ties by pool order: the same answer every time
        return [_explained(role, member, shown, score, similarity) for score, _, similarity, member, shown in scored[:n]]

    def reach(self, role: HiringRole) -> Reach:
        with self._lock:
            return self._filters.reach(role)


class _Filters:
    """The hard filters read the other way round, as arrays over the pool (a role's mask costs under a
    millisecond at 10,000 candidates)."""

    def __init__(self, members: list[Discoverable]):
        self.size = len(members)
        self.floors = np.array([m.profile.salary_floor_eur or np.nan for m in members], dtype="float64")
        self.floor_shown = np.array(["salary_floor" in m.visibility.shown_fields for m in members], dtype=bool)
        self.modes = [set(m.profile.work_modes) for m in members]
        self.places = [(set(m.profile.countries), {c.lower() for c in m.profile.cities}) for m in members]
        self.skills = [set(shown_profile(m.profile, m.visibility).all_skills()) for m in members]

    def parts(self, role: HiringRole) -> dict[str, np.ndarray]:
        modes, countries = set(role.work_modes), set(role.countries)
        cities = {c.lower() for c in role.cities}
        must = set(role.must_have_skills)
        top = role.salary_max
        return {
            "work_mode": np.array([_any_fits(m, modes) for m in self.modes], dtype=bool),
            "places": np.array([_any_fits(c, countries) and _any_fits(t, cities) for c, t in self.places], dtype=bool),
            "must_haves": np.array([must <= s for s in self.skills], dtype=bool),
            "salary": np.ones(self.size, dtype=bool) if top is None else ~(self.floors > top),
        }

    def mask(self, role: HiringRole) -> np.ndarray:
        parts = self.parts(role)
        return parts["work_mode"] & parts["places"] & parts["must_haves"] & parts["salary"]

    def reach(self, role: HiringRole) -> Reach:
        parts = self.parts(role)
        fits = parts["work_mode"] & parts["places"] & parts["must_haves"]
        floors = self.floors[fits & self.floor_shown]
        return Reach(
            discoverable=self.size,
            work_mode=int(parts["work_mode"].sum()),
            places=int(parts["places"].sum()),
            must_haves=int(parts["must_haves"].sum()),
            salary=int(parts["salary"].sum()),
            passing=int((fits & parts["salary"]).sum()),
            floors=floors[~np.isnan(floors)].tolist(),
        )


def _any_fits(theirs: set[str], ours: set[str]) -> bool:
    """Either side open to any (empty), or a value in common."""
    return not theirs or not ours or bool(theirs & ours)


def _explained(role: HiringRole, member: Discoverable, shown: Profile, score: float, similarity: float) -> CandidateMatch:
    have = shown.all_skills()
    return CandidateMatch(
        name=member.name,
        handle=member.handle,
        shown=shown,
        score=int(round(100 * score)),
        similarity=similarity,
        matched_skills=[s for s in role.all_skills() if s in set(have)],
        missing_skills=[s for s in role.all_skills() if s not in set(have)],
        salary_fit=_salary_fit(role, shown),
        work_mode_fit=_fit(shown.work_modes, role.work_modes, "work mode"),
        place_fit=_fit(shown.countries + shown.cities, list(role.countries) + list(role.cities), "place"),
    )


def _salary_fit(role: HiringRole, shown: Profile) -> str:
    floor = shown.salary_floor_eur
    if floor is None:
        return "salary floor not shown (it fits your band's top)" if role.salary_max is not None else "salary floor not shown"
    if role.salary_min is not None and floor < role.salary_min:
        return f"floor {floor:,.0f} EUR/year, under your band"
    return f"floor {floor:,.0f} EUR/year, inside your band" if role.salary_max is not None else f"floor {floor:,.0f} EUR/year"


def _fit(theirs: list[str], ours: list[str] | tuple[str, ...], what: str) -> str:
    if not theirs:
        return f"{what}: not shown or any"
    if not ours:
        return f"{what}: {', '.join(theirs)}"
    common = [t for t in theirs if t in set(ours) or t.lower() in {o.lower() for o in ours}]
    return f"{what}: {', '.join(common)} (fits)" if common else f"{what}: {', '.join(theirs)}"
