"""Hard filters: work mode, location, salary floor and must-have skills as one boolean mask.

The filter columns are held as arrays (``TableFilters``, built once per table), so a profile's
mask over a million listings costs about a millisecond. They are exact: no match breaks them.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa

from nploy.records.profile import Profile
from nploy.records.skill_index import SkillIndex


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


class PlaceIndex:
    """A listing's places beyond its first (``other_places``, "CC|City"), as postings per country and per
    lower-cased city, so a location filter passes a listing on any of its places. Most listings have
    one place: the index is then empty and costs nothing."""

    def __init__(self, lists: pa.ListArray | pa.ChunkedArray | None, size: int):
        self.size = size
        if lists is None:
            lists = pa.array([[]] * size, type=pa.list_(pa.string()))
        lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
        lists = lists.fill_null(pa.scalar([], lists.type))
        entries = [str(e).partition("|") for e in lists.flatten().to_pylist()]
        offsets = lists.offsets
        self.countries = SkillIndex.from_arrow(
            pa.ListArray.from_arrays(offsets, pa.array([c for c, _, _ in entries], pa.string()))
        )
        self.cities = SkillIndex.from_arrow(
            pa.ListArray.from_arrays(offsets, pa.array([t.lower() for _, _, t in entries], pa.string()))
        )

    @classmethod
    def of_table(cls, table: pd.DataFrame) -> PlaceIndex:
        if "other_places" not in table.columns:
            return cls(None, len(table))
        return cls(pa.array([list(v) for v in table["other_places"]], type=pa.list_(pa.string())), len(table))

    def mask(self, countries: list[str], cities: set[str]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for country in countries:
            mask[self.countries.rows_with(country)] = True
        for city in cities:
            mask[self.cities.rows_with(city)] = True
        return mask


class TableFilters:
    """The hard-filter columns of a table as arrays, built once (a Matcher keeps one). ``skills`` is
    the table's SkillIndex, required when the table has no skills column (the serving table)."""

    def __init__(self, table: pd.DataFrame, skills: SkillIndex | None = None, places: PlaceIndex | None = None):
        self.size = len(table)
        self.work_mode = _Coded(table["work_mode"])
        self.country = _Coded(table["country"])
        self.city = _Coded(table["city"], lower=True)
        self.salary = table["salary_annual_eur"].to_numpy(dtype="float64", na_value=np.nan)
        self.salary_known = np.nan_to_num(self.salary, nan=-1.0)  # once, not per search (14 ms at 1M)
        self.skills = skills if skills is not None else SkillIndex(table["skills"])
        self.places = places if places is not None else PlaceIndex.of_table(table)

    def mask(self, profile: Profile) -> np.ndarray:
        """Boolean mask of listings that pass every hard filter of the profile."""
        mask = np.ones(self.size, dtype=bool)
        if profile.work_modes:
            mask &= self.work_mode.isin(profile.work_modes)
        if profile.countries or profile.cities:
            cities = {c.lower() for c in profile.cities}
            here = self.country.isin(profile.countries) | self.city.isin(cities)
            mask &= here | self.places.mask(profile.countries, cities)
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


def relaxations(filters: TableFilters, profile: Profile) -> list[tuple[str, int]]:
    """For each active hard filter, how many listings would pass without it (most helpful first)."""
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
