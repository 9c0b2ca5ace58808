"""Matcher: profile in, top-N explained matches out.

1. Hard filters (work mode, location, salary floor, must-have skills) make a boolean mask over
   the table. They are exact: the FAISS search is restricted to the passing keys with an ID
   selector, so no result breaks a filter and, when fewer than N pass, all of them come back.
2. A candidate pool (the ``POOL_FACTOR * n`` nearest passing listings) is re-ranked by the hybrid
   score below; each match carries its parts.

Hybrid score (0-100) = 100 x (w_semantic semantic + w_skills skills + w_preference preference), with the
weights chosen by ``nploy eval --tune`` on the evaluation's tuning parts (``nploy/data/ranking.json``), where
- semantic = cosine of profile and listing embeddings, rescaled from [0.15, 0.75] to [0, 1]
  (MiniLM cosines of related texts sit in that band);
- skills = coverage of the profile's skills by the listing's, must-haves counting twice;
- preference = mean of seniority fit (1 at the same level, -0.5 per level apart) and title fit
  (share of a desired title's words found in the listing title, best title counts).
A part the profile gives nothing for (no skills, no seniority and no titles) is left out and
the weights of the others are rescaled, so an empty field neither helps nor hurts.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from nploy.embedding import Encoder
from nploy.index import VectorIndex
from nploy.listing import SENIORITIES, Listing, from_row, listing_key
from nploy.profile import Profile, profile_text
from nploy.roles import role_family, specific_family
from nploy.skill_index import SkillIndex


def _tuned_weights() -> dict[str, float]:
    # Chosen by `nploy eval --tune` on the tuning parts of the evaluation sets (docs/evaluation.md),
    # not by hand; the file records what they were tuned on.
    payload = json.loads(resources.files("nploy").joinpath("data/ranking.json").read_text("utf-8"))
    return {name: float(value) for name, value in payload["weights"].items()}


WEIGHTS = _tuned_weights()
POOL_FACTOR = 10
MIN_POOL = 200
SEMANTIC_LOW, SEMANTIC_HIGH = 0.15, 0.75


@dataclass
class Match:
    listing: Listing
    score: int
    parts: dict[str, int]  # part name -> 0-100, only the parts that counted
    similarity: float
    matched_skills: list[str]
    missing_skills: list[str]
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
            "posted_at": listing.posted_at.isoformat() if listing.posted_at else None,
            "url": listing.url,
            "score": self.score,
            "score_parts": self.parts,
            "similarity": round(self.similarity, 4),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "salary_fit": self.salary_fit,
            "work_mode_fit": self.work_mode_fit,
            "location_fit": self.location_fit,
        }


class _Coded:
    """A text column as integer codes, so "value in wanted" over a million rows is one array lookup;
    ``lower`` folds case (on the distinct values: a temporary string per row is 60 MB at 1M)."""

    def __init__(self, column: pd.Series, lower: bool = False):
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, values = column.cat.codes.to_numpy(), pd.Index(column.cat.categories.astype(str))
        else:
            codes, values = pd.factorize(column)
        if lower:
            folded, values = pd.factorize(pd.Index(values).str.lower())
            codes = np.where(codes >= 0, folded[codes], -1)
        self.codes = codes.astype(np.min_scalar_type(-len(values) - 1))  # int8 for most: fast comparisons
        self.code_of = {value: code for code, value in enumerate(values)}

    def isin(self, wanted) -> np.ndarray:
        codes = [self.code_of[w] for w in wanted if w in self.code_of]
        if len(codes) <= 8:  # a few vectorised comparisons beat a lookup table (0.1 ms each at 1M rows)
            mask = np.zeros(len(self.codes), dtype=bool)
            for code in codes:
                mask |= self.codes == code
            return mask
        lookup = np.zeros(len(self.code_of) + 1, dtype=bool)  # the extra last slot: code -1 (missing)
        lookup[codes] = True
        return lookup.take(self.codes)


class TableFilters:
    """The hard-filter columns of a table as arrays, built once (a Matcher keeps one). ``skills`` is
    the table's SkillIndex, required when the table has no skills column (the serving table)."""

    def __init__(self, table: pd.DataFrame, skills: SkillIndex | None = None):
        self.size = len(table)
        self.work_mode = _Coded(table["work_mode"])
        self.country = _Coded(table["country"])
        self.city = _Coded(table["city"], lower=True)
        self.salary = table["salary_annual_eur"].to_numpy(dtype="float64", na_value=np.nan)
        self.salary_known = np.nan_to_num(self.salary, nan=-1.0)  # once, not per search (14 ms at 1M)
        self.skills = skills if skills is not None else SkillIndex(table["skills"])

    def mask(self, profile: Profile) -> np.ndarray:
        """Boolean mask of listings that pass every hard filter of the profile."""
        mask = np.ones(self.size, dtype=bool)
        if profile.work_modes:
            mask &= self.work_mode.isin(profile.work_modes)
        if profile.countries or profile.cities:
            mask &= self.country.isin(profile.countries) | self.city.isin({c.lower() for c in profile.cities})
        floor = profile.salary_floor_eur
        if floor is not None:
            known_and_high = self.salary_known >= floor
            mask &= known_and_high | (np.isnan(self.salary) & profile.include_undisclosed_salary)
        if profile.must_have_skills:
            mask &= self.skills.mask_with_all(profile.must_have_skills)
        return mask


def filter_mask(table: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Boolean mask of listings that pass every hard filter of the profile (one-off; a Matcher
    keeps its ``TableFilters``)."""
    return TableFilters(table).mask(profile)


class Matcher:
    def __init__(self, table: pd.DataFrame, index: VectorIndex, encoder: Encoder, filters: TableFilters | None = None):
        self.table = table
        self.index = index
        self.encoder = encoder
        self.filters = filters or TableFilters(table)
        keys = table["key"].to_numpy()
        # key -> row by binary search over the sorted keys: a hash index of a million keys costs 50 MB.
        self._key_order = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[self._key_order]
        # Filters are masks over table rows; the index takes masks over its own positions. They are
        # the same order after a full build, not always after an incremental one.
        same = np.array_equal(index.keys, keys)
        self._position_of_row = None if same else index.positions(keys)
        self._row_of_position = None if same else self.rows_of_keys(index.keys)
        self._distinct: dict[str, frozenset] = {}
        self._query_cache: dict[str, np.ndarray] = {}
        self._query_lock = threading.Lock()

    def values(self, name: str, rows) -> list:
        """A column's values at these rows (the table is columnar: ask for many rows at once)."""
        return self.table[name].take(np.asarray(rows, dtype="int64")).tolist()

    def distinct(self, name: str) -> frozenset:
        """The values a column takes, worked out once (swipe feedback asks on every swipe)."""
        if name not in self._distinct:
            self._distinct[name] = frozenset(self.table[name].unique().tolist())
        return self._distinct[name]

    def rows_of_keys(self, keys: np.ndarray) -> np.ndarray:
        """Table rows of these listing keys (-1 for a key not in the table)."""
        keys = np.asarray(keys, dtype="int64")
        if not len(self._sorted_keys):
            return np.full(len(keys), -1, dtype="int64")
        at = np.minimum(np.searchsorted(self._sorted_keys, keys), len(self._sorted_keys) - 1)
        return np.where(self._sorted_keys[at] == keys, self._key_order[at], -1)

    def rows_of_ids(self, ids: list[str]) -> np.ndarray:
        """Table rows of the listings with these ids, in the order given (ids not in the table left out)."""
        rows = self.rows_of_keys(np.array([listing_key(i) for i in ids], dtype="int64"))
        return rows[rows >= 0]

    def listings(self, rows) -> list[Listing]:
        rows = np.asarray(rows, dtype="int64")
        picked = self.table.take(rows)
        # One object array: DataFrame.to_dict("records") costs four times more for a page of results.
        names = picked.columns.tolist()
        records = [dict(zip(names, values)) for values in picked.to_numpy(dtype=object)]
        for record, skills in zip(records, self.filters.skills.skills_of(rows)):
            record["skills"] = skills
        return [from_row(record) for record in records]

    def skills_of(self, rows) -> list[list[str]]:
        return self.filters.skills.skills_of(rows)

    def forget_queries(self) -> None:
        """Drop remembered query vectors (benchmarks use it to time the embedding every time)."""
        with self._query_lock:
            self._query_cache.clear()

    def query_vector(self, profile: Profile) -> np.ndarray:
        """The profile's embedding; the last few are remembered (a swipe session asks for the same one)."""
        text = profile_text(profile)
        with self._query_lock:  # one Matcher serves every session of the app
            cached = self._query_cache.get(text)
        if cached is not None:
            return cached
        vector = self.encoder.encode([text])[0]
        with self._query_lock:
            if len(self._query_cache) >= 64:
                self._query_cache.pop(next(iter(self._query_cache)))
            self._query_cache[text] = vector
        return vector

    def candidates(
        self, profile: Profile, n: int = 20, query: np.ndarray | None = None, exclude_keys: set[int] | None = None
    ) -> list[Candidate]:
        """The pool the hybrid score re-ranks: the ``POOL_FACTOR * n`` nearest listings that pass
        every hard filter, each with its score parts (independent of the weights)."""
        query = self.query_vector(profile) if query is None else query
        mask = self.filters.mask(profile)
        if exclude_keys:
            excluded = self.rows_of_keys(np.fromiter(exclude_keys, dtype="int64"))
            mask[excluded[excluded >= 0]] = False
        similarities, positions = self.index.search_positions(query, max(n * POOL_FACTOR, MIN_POOL), self.index_mask(mask))
        rows = positions if self._row_of_position is None else self._row_of_position[positions]
        pool = self.table[["seniority", "title"]].take(rows)  # only what the score reads
        return [
            Candidate(int(row), float(sim), score_parts(profile, skills, seniority, title, float(sim)))
            for row, sim, skills, seniority, title in zip(
                rows, similarities, self.skills_of(rows), pool["seniority"].tolist(), pool["title"].tolist()
            )
        ]

    def index_mask(self, mask: np.ndarray) -> np.ndarray | None:
        """A mask over table rows as a mask over the index's positions (None: no restriction)."""
        if mask.all():
            return None
        if self._position_of_row is None:
            return mask
        positions = np.zeros(self.index.index.ntotal, dtype=bool)
        positions[self._position_of_row[mask]] = True
        return positions

    def match(
        self,
        profile: Profile,
        n: int = 20,
        query: np.ndarray | None = None,
        exclude_keys: set[int] | None = None,
        weights: dict[str, float] | None = None,
    ) -> list[Match]:
        """Top ``n`` matches; ``query`` overrides the profile's embedding and ``exclude_keys`` drops
        listings (swipe feedback uses both); ``weights`` overrides the tuned ones (the evaluation)."""
        ranked = rank(self.candidates(profile, n, query, exclude_keys), weights or WEIGHTS)[:n]
        listings = self.listings([c.row for c in ranked])
        return [explain(profile, item, c.similarity, weights or WEIGHTS, c.parts) for c, item in zip(ranked, listings)]


@dataclass(frozen=True)
class Candidate:
    row: int
    similarity: float
    parts: dict[str, float]  # part name -> [0, 1], only the parts the profile gives something for


def hybrid_score(parts: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted mean of the parts that counted (weights of absent parts are left out)."""
    total = sum(weights[name] for name in parts)
    if total == 0:
        return 0.0
    return sum(weights[name] * value for name, value in parts.items()) / total


def rank(candidates: list[Candidate], weights: dict[str, float]) -> list[Candidate]:
    """Best hybrid score first; ties go to the closer embedding."""
    return sorted(candidates, key=lambda c: (-hybrid_score(c.parts, weights), -c.similarity))


def score_parts(profile: Profile, skills: list[str], seniority: str, title: str, similarity: float) -> dict[str, float]:
    """The parts of the hybrid score that count for this profile and listing; see the module docstring."""
    # min/max, not np.clip: this runs for every candidate, and NumPy's per-call cost on a scalar is 5 us.
    parts = {"semantic": min(1.0, max(0.0, (similarity - SEMANTIC_LOW) / (SEMANTIC_HIGH - SEMANTIC_LOW)))}
    coverage = skill_coverage(profile, set(skills))
    if coverage is not None:
        parts["skills"] = coverage
    preference = preference_fit(profile, seniority, title)
    if preference is not None:
        parts["preference"] = preference
    return parts


def explain(
    profile: Profile,
    listing: Listing,
    similarity: float,
    weights: dict[str, float] | None = None,
    parts: dict[str, float] | None = None,
) -> Match:
    parts = parts if parts is not None else score_parts(profile, listing.skills, listing.seniority, listing.title, similarity)
    score = hybrid_score(parts, weights or WEIGHTS)
    listing_skills = set(listing.skills)
    wanted = profile.all_skills()
    matched = [s for s in wanted if s in listing_skills]
    missing = [s for s in listing.skills if s not in set(wanted)]
    return Match(
        listing=listing,
        score=int(round(100 * score)),
        parts={name: int(round(100 * value)) for name, value in parts.items()},
        similarity=similarity,
        matched_skills=matched,
        missing_skills=missing,
        salary_fit=salary_fit(profile, listing),
        work_mode_fit=_fit_note(listing.work_mode, profile.work_modes, "work mode"),
        location_fit=_location_note(profile, listing),
    )


def skill_coverage(profile: Profile, listing_skills: set[str]) -> float | None:
    if not profile.all_skills():
        return None
    must, nice = profile.must_have_skills, profile.skills
    earned = 2 * sum(s in listing_skills for s in must) + sum(s in listing_skills for s in nice)
    return earned / (2 * len(must) + len(nice))


def preference_fit(profile: Profile, seniority: str, title: str) -> float | None:
    fits = []
    if profile.seniority and seniority in SENIORITIES:
        distance = abs(SENIORITIES.index(profile.seniority) - SENIORITIES.index(seniority))
        fits.append(max(0.0, 1 - 0.5 * distance))
    if profile.desired_titles:
        fits.append(max(title_overlap(t, title) for t in profile.desired_titles))
    return sum(fits) / len(fits) if fits else None


@lru_cache(maxsize=1 << 16)  # a pool of hundreds of listings repeats a few dozen titles
def title_overlap(desired: str, title: str) -> float:
    """Share of the desired title's words in the listing title; when the desired title names a role
    family, the mean of that share and whether the listing is of the same family. Why: "Product
    Designer" shares half its words with both "UX Designer" and "Product Manager", and only the
    family tells them apart."""
    wanted = set(_words(desired))
    words = len(wanted & set(_words(title))) / len(wanted) if wanted else 0.0
    family = specific_family(desired)
    if family is None:
        return words
    return (words + float(role_family(title) == family)) / 2


def _words(text: str) -> list[str]:
    # "Back-End" and "Backend" are one word to a reader; fold the hyphen before splitting.
    return re.findall(r"[a-z0-9+#]+", text.lower().replace("-", ""))


def salary_fit(profile: Profile, listing: Listing) -> str:
    """The range as posted, its annual EUR midpoint, and how that compares with the floor."""
    annual = listing.salary_annual_eur
    if annual is None:
        return "salary not disclosed"
    posted = salary_range(listing)
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


def _location_note(profile: Profile, listing: Listing) -> str:
    place = ", ".join(p for p in (listing.city, listing.country) if p) or "location not given"
    if not (profile.countries or profile.cities):
        return f"{place} (any location accepted)"
    return f"{place} (as wanted)"


def relaxations(filters: TableFilters, profile: Profile) -> list[tuple[str, int]]:
    """For each active hard filter, how many listings would pass without it (most helpful first)."""
    from dataclasses import replace

    options = []
    if profile.work_modes:
        options.append(("any work mode", replace(profile, work_modes=[])))
    if profile.countries or profile.cities:
        options.append(("any location", replace(profile, countries=[], cities=[])))
    if profile.salary_floor is not None:
        options.append(("no salary floor", replace(profile, salary_floor=None)))
        if not profile.include_undisclosed_salary:
            options.append(("include undisclosed salaries", replace(profile, include_undisclosed_salary=True)))
    if profile.must_have_skills:
        options.append(("no must-have skills", replace(profile, must_have_skills=[], skills=profile.all_skills())))
    counts = [(label, int(filters.mask(relaxed).sum())) for label, relaxed in options]
    return sorted(counts, key=lambda item: -item[1])
