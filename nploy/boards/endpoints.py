"""The public job boards nploy fetches from, as data: how a source is named on the command line
(``greenhouse:acme``), where its open jobs are (a base URL that is a setting, so a mirror or a test
server can stand in), how its pages follow each other, and which source profile reads them.

Read from each API's public documentation: Greenhouse Job Board API, Lever Postings API, Ashby Job
Posting API, SmartRecruiters Posting API, Workable's account widget, RemoteOK, Remotive, Arbeitnow,
USAJOBS Search API (key), Adzuna Search API (key). Terms: docs/live-listings.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from nploy import settings
from nploy.errors import NployError


class BoardError(NployError):
    """A board name that cannot be fetched: unknown kind, missing slug or key."""


@dataclass(frozen=True)
class BoardKind:
    name: str
    setting: str  # the setting of its base URL
    path: str  # appended to the base URL; {slug} and {page} are filled in
    profile: str  # the source profile that reads its responses (``nploy.ingest.sources``)
    needs_slug: bool = True
    pages: str = "none"  # none | page (1, 2, ... until empty) | offset (offset=0, 100, ...) | next (a "next" link)
    params: dict = field(default_factory=dict)
    keys: tuple[str, ...] = ()  # settings that must be set (API keys)
    one_board: bool = True  # the response lists all of one board's open jobs (so leavers can be closed)
    page_size: int = 0  # a paged API's page size: a shorter page is the last (saves asking for an empty one)
    file_format: str = "json"  # how its raw pages are kept and read


KINDS: dict[str, BoardKind] = {
    k.name: k
    for k in (
        BoardKind("greenhouse", "greenhouse_url", "/v1/boards/{slug}/jobs", "greenhouse", params={"content": "true"}),
        BoardKind("lever", "lever_url", "/v0/postings/{slug}", "lever", params={"mode": "json"}),
        BoardKind("ashby", "ashby_url", "/posting-api/job-board/{slug}", "ashby", params={"includeCompensation": "true"}),
        BoardKind(
            "smartrecruiters",
            "smartrecruiters_url",
            "/v1/companies/{slug}/postings",
            "smartrecruiters",
            pages="offset",
            params={"limit": "100"},
            page_size=100,
        ),
        BoardKind("workable", "workable_url", "/api/v1/widget/accounts/{slug}", "workable", params={"details": "true"}),
        BoardKind("remoteok", "remoteok_url", "/api", "remoteok", needs_slug=False),
        BoardKind("remotive", "remotive_url", "/api/remote-jobs", "remotive", needs_slug=False),
        BoardKind("arbeitnow", "arbeitnow_url", "/api/job-board-api", "arbeitnow", needs_slug=False, pages="next"),
        BoardKind(
            "usajobs",
            "usajobs_url",
            "/api/search",
            "usajobs",
            pages="page",
            params={"ResultsPerPage": "500"},
            page_size=500,
            keys=("usajobs_key", "usajobs_email"),
            one_board=False,
        ),
        BoardKind(
            "adzuna",
            "adzuna_url",
            "/v1/api/jobs/{country}/search/{page}",
            "adzuna",
            pages="page",
            params={"results_per_page": "50"},
            page_size=50,
            keys=("adzuna_app_id", "adzuna_app_key"),
            one_board=False,
        ),
        # Not an API: the optional JobSpy scraper (pip install python-jobspy), run in-process; a search.
        BoardKind("jobspy", "", "", "jobspy", needs_slug=False, one_board=False, file_format="csv"),
    )
}
MAX_PAGES = 20  # a board that keeps paging past this is cut off (and the fetch says so)


@dataclass(frozen=True)
class Board:
    """One source to fetch: ``greenhouse:acme``, ``remotive``, ``usajobs:data scientist``, ``adzuna:gb:python``."""

    kind: BoardKind
    slug: str = ""
    query: str = ""
    country: str = ""
    place: str = ""  # JobSpy's location

    @property
    def key(self) -> str:
        """The board's name, also the source label of its listings (the freshness of one board is its own)."""
        parts = [self.kind.name, self.country, self.slug or self.query]
        return ":".join(p for p in parts if p) + (f"@{self.place}" if self.place else "")

    @property
    def folder(self) -> str:
        return re.sub(r"[^a-z0-9._-]+", "_", self.key.lower())

    def base(self) -> str:
        return settings.get(self.kind.setting).rstrip("/")

    def url(self, page: int = 1) -> str:
        return self.base() + self.kind.path.format(slug=self.slug, page=page, country=self.country)

    def params(self, page: int = 1, offset: int = 0) -> dict:
        params = dict(self.kind.params)
        if self.kind.pages == "offset":
            params["offset"] = str(offset)
        if self.kind.name == "usajobs":
            params |= {"Keyword": self.query, "Page": str(page)}
        if self.kind.name == "adzuna":
            params |= {"what": self.query, "app_id": settings.get("adzuna_app_id"), "app_key": settings.get("adzuna_app_key")}
        return params

    def headers(self) -> dict:
        if self.kind.name == "usajobs":  # USAJOBS identifies callers by e-mail and key
            return {"Authorization-Key": settings.get("usajobs_key"), "User-Agent": settings.get("usajobs_email")}
        return {}


def parse_board(text: str) -> Board:
    """A board from what a user writes: ``greenhouse:acme``, a board's URL
    (``https://boards.greenhouse.io/acme``, ``https://jobs.lever.co/acme``, ``https://jobs.ashbyhq.com/acme``),
    ``remotive``, ``usajobs:data scientist``, ``adzuna:gb:python developer``."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return _from_url(text)
    name, _, rest = text.partition(":")
    kind = KINDS.get(name.strip().lower())
    if kind is None:
        raise BoardError(f"unknown board {text!r}: use one of {', '.join(KINDS)} (greenhouse:SLUG) or a board's URL")
    missing = [k for k in kind.keys if not settings.get(k)]
    if missing:
        names = ", ".join(s.env for s in settings.SETTINGS if s.name in missing)
        raise BoardError(f"{kind.name} needs an API key: set {names}")
    if kind.name == "adzuna":
        country, _, query = rest.partition(":")
        if len(country) != 2 or not query:
            raise BoardError("adzuna needs a country and a query: adzuna:gb:python developer")
        return Board(kind, country=country.lower(), query=query.strip())
    if kind.name == "usajobs":
        return Board(kind, query=rest.strip())
    if kind.name == "jobspy":
        return _jobspy(kind, rest)
    slug = rest.strip().strip("/")
    if kind.needs_slug and not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", slug):
        raise BoardError(f"{kind.name} needs the board's name: {kind.name}:SLUG (the last part of its jobs page URL)")
    return Board(kind, slug=slug if kind.needs_slug else "")


def _jobspy(kind: BoardKind, rest: str) -> Board:
    """``jobspy:"python developer"@Berlin`` (quotes optional): a search and, after ``@``, where."""
    query, _, place = rest.partition("@")
    query, place = query.strip().strip("\"'").strip(), place.strip().strip("\"'").strip()
    if not query:
        raise BoardError('jobspy needs a search: jobspy:"python developer"@Berlin')
    return Board(kind, query=query, place=place)


_HOSTS = {
    "boards.greenhouse.io": "greenhouse",
    "job-boards.greenhouse.io": "greenhouse",
    "boards-api.greenhouse.io": "greenhouse",
    "jobs.lever.co": "lever",
    "jobs.ashbyhq.com": "ashby",
    "jobs.smartrecruiters.com": "smartrecruiters",
    "apply.workable.com": "workable",
}


def _from_url(url: str) -> Board:
    parsed = urlparse(url)
    kind = _HOSTS.get(parsed.netloc.lower())
    segments = [s for s in parsed.path.split("/") if s and s not in ("v1", "boards", "embed", "job_board")]
    if kind is None or not segments:
        raise BoardError(f"{url} is not a job board nploy knows (Greenhouse, Lever, Ashby, SmartRecruiters or Workable)")
    return parse_board(f"{kind}:{segments[0]}")
