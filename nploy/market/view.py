"""A market view: the listings one ``MarketFilter`` passes, and every figure over them, each
computed once.

The app keeps a few dozen views per catalog (``Catalog.market``); a view holds only its filter and
the small results it has computed, never the filtered rows (at a million listings an unfiltered
slice of the market frame is over 100 MB).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from nploy.market import figures
from nploy.market.figures import Benchmark, MarketFilter
from nploy.records.skill_index import SkillIndex

T = TypeVar("T")


class MarketView:
    def __init__(self, frame: pd.DataFrame, skills: SkillIndex, market_filter: MarketFilter):
        self._frame = frame
        self._skills = skills
        self.filter = market_filter
        self._results: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def _once(self, key: tuple, compute: Callable[[pd.DataFrame], T]) -> T:
        """``compute`` over the filtered frame, the first time this key is asked for."""
        with self._lock:
            if key in self._results:
                return self._results[key]  # type: ignore[return-value]
        value = compute(self.filter.apply(self._frame, self._skills))
        with self._lock:
            self._results[key] = value
        return value

    def size(self) -> int:
        """Listings that pass the filter (counted on the mask: no filtered copy of the frame)."""
        with self._lock:
            if ("size",) in self._results:
                return self._results[("size",)]  # type: ignore[return-value]
        value = int(self.filter.mask(self._frame, self._skills).sum())
        with self._lock:
            self._results[("size",)] = value
        return value

    def salary_by_role_seniority(self) -> pd.DataFrame:
        return self._once(("salary",), figures.salary_by_role_seniority)

    def disclosure_by_role(self) -> pd.DataFrame:
        return self._once(("disclosure",), figures.disclosure_by_role)

    def salary_benchmark(self, skills: tuple[str, ...] = ()) -> Benchmark:
        return self._once(("benchmark", skills), lambda f: figures.salary_benchmark(f, skills, self._skills))

    def work_mode_share(self, by: str) -> pd.DataFrame:
        return self._once(("work_mode", by), lambda f: figures.work_mode_share(f, by))

    def work_mode_over_time(self) -> pd.DataFrame:
        return self._once(("work_mode_time",), figures.work_mode_over_time)

    def posting_volume(self) -> pd.DataFrame:
        return self._once(("volume",), figures.posting_volume)

    def skill_demand(self, top: int = 20) -> pd.DataFrame:
        return self._once(("demand", top), lambda f: figures.skill_demand(f, top, self._skills))

    def skill_trend(self, skills: tuple[str, ...]) -> pd.DataFrame:
        return self._once(("trend", skills), lambda f: figures.skill_trend(f, list(skills), self._skills))

    def skill_premium(self, skills: tuple[str, ...]) -> pd.DataFrame:
        return self._once(("premium", skills), lambda f: figures.skill_premium(f, list(skills), self._skills))
