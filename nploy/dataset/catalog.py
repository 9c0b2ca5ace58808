"""The serving catalog: everything the app and the CLI serve from one listings-file version, built once.

The serving table (no descriptions, no skill lists), the hard-filter arrays with the skill index,
the role-tagged market frame, distinct values for select boxes, the headline numbers and the market
views. ``Dataset.catalog`` builds it; the matcher, the market figures and the skill gaps are handed
its parts. One catalog is shared read-only by every session of the app.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cached_property

import numpy as np
import pandas as pd

from nploy.market.figures import Headline, MarketFilter, headline, with_roles
from nploy.market.gaps import target_listings
from nploy.market.view import MarketView
from nploy.matching.filters import TableFilters
from nploy.records.listing import Listing
from nploy.records.rows import TableRows
from nploy.records.skill_index import SkillIndex

# Market views kept per catalog: each holds a filter and its small results, never the rows.
MARKET_VIEWS = 64


class Catalog:
    def __init__(self, table: pd.DataFrame, filters: TableFilters, version: str = ""):
        self.table = table  # the serving table: callers must not modify it
        self.filters = filters
        self.version = version  # identifies the listings file this was built from
        self._views: OrderedDict[MarketFilter, MarketView] = OrderedDict()
        self._lock = threading.Lock()
        self._options: dict[str, list[str]] = {}

    @property
    def skills(self) -> SkillIndex:
        return self.filters.skills

    @cached_property
    def market_frame(self) -> pd.DataFrame:
        """The table plus ``role`` (family from the title) and ``month`` (posting month)."""
        return with_roles(self.table)

    @cached_property
    def headline(self) -> Headline:
        return headline(self.table)

    @cached_property
    def is_synthetic(self) -> bool:
        """Whether most listings are generated demo data (then every page says so)."""
        return bool(len(self.table)) and self.table["source"].str.contains("synthetic", regex=False).mean() > 0.5

    @cached_property
    def skill_names(self) -> list[str]:
        """Skills that occur in the listings, sorted for a select box."""
        return sorted(self.skills.names, key=str.lower)

    def options(self, column: str) -> list[str]:
        """Distinct non-empty values of a text column (countries, cities), sorted, for select boxes."""
        if column not in self._options:
            self._options[column] = sorted(set(self.table[column].tolist()) - {""})
        return self._options[column]

    def market(self, market_filter: MarketFilter) -> MarketView:
        """The market view of this filter (the last ``MARKET_VIEWS`` are kept with their figures)."""
        with self._lock:
            view = self._views.pop(market_filter, None) or MarketView(self.market_frame, self.skills, market_filter)
            self._views[market_filter] = view
            while len(self._views) > MARKET_VIEWS:
                self._views.popitem(last=False)
        return view

    def gap_target(self, role: str | None, seniority: str | None, liked_ids: list[str] | None) -> pd.DataFrame:
        """The listings a skill-gap analysis looks at: the liked ones, else a role family's (at a level)."""
        return target_listings(self.market_frame, role, seniority, liked_ids)

    def find_listings(self, words: str, limit: int = 30) -> list[Listing]:
        """Listings whose title or company holds these words, as records (a recruiter picking the one they hire for)."""
        wanted = words.strip().lower()
        titles = self.table["title"].astype(str).str.lower().str.contains(wanted, regex=False)
        companies = self.table["company"].astype(str).str.lower().str.contains(wanted, regex=False)
        rows = np.flatnonzero((titles | companies).to_numpy())[:limit]
        return TableRows(self.table, self.skills).listings(rows)

    def liked_table(self, ids: list[str]) -> pd.DataFrame:
        """The listings with these ids as a small table to show: place, mode, pay and a link (http(s) only)."""
        columns = ["title", "company", "city", "country", "work_mode", "salary_annual_eur", "url"]
        rows = self.table[self.table["id"].isin(ids)][columns]
        rows = rows.assign(url=rows["url"].where(rows["url"].str.match(r"^https?://"), ""))
        return rows.rename(columns={"salary_annual_eur": "salary (EUR/year)"})
