"""Fetching boards: every response page is kept under ``<data dir>/raw/<board>/<time>/`` before it is read,
so an ingest can be redone without the network (``nploy ingest --replay``). Many boards are fetched at
once (a few at a time, each host paced by the client); one failing board is reported and the others go on.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from nploy import settings
from nploy.boards.client import BoardClient, FetchFailure
from nploy.boards.endpoints import MAX_PAGES, Board
from nploy.ingest.readers import records_in

WORKERS = 4  # boards fetched at once


@dataclass
class BoardFetch:
    """What one board's fetch brought: its raw pages (none on failure) and why it failed."""

    board: Board
    pages: list[Path] = field(default_factory=list)
    records: int = 0
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


def fetch_boards(
    boards: list[Board],
    raw_dir: Path,
    client: BoardClient,
    workers: int = WORKERS,
    progress: Callable[[int, int, BoardFetch], None] | None = None,
) -> list[BoardFetch]:
    """Fetch every board (at most ``workers`` at a time); results in the order given."""
    results: list[BoardFetch | None] = [None] * len(boards)
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(fetch_board, client, board, raw_dir): i for i, board in enumerate(boards)}
        for future in as_completed(futures):  # the bar moves as boards finish, in whatever order
            results[futures[future]] = result = future.result()
            done += 1
            if progress:
                progress(done, len(boards), result)
    return [r for r in results if r is not None]


def fetch_board(client: BoardClient, board: Board, raw_dir: Path) -> BoardFetch:
    """One board, every page of it, each kept raw before it is read; never raises for the board's faults."""
    start = time.perf_counter()
    result = BoardFetch(board)
    # UTC to the microsecond: two fetches never share a folder, and names sort in time order.
    folder = raw_dir / board.folder / datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    try:
        if board.kind.name != "jobspy":
            _check_base(board)
        bodies = [_scrape(board)] if board.kind.name == "jobspy" else _pages(client, board)
        for number, body in enumerate(bodies, start=1):
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"page-{number:03d}.{board.kind.file_format}"
            path.write_bytes(body)  # kept as received, before anything reads it
            result.pages.append(path)
            result.records += _count(body, board)
        (folder / "board.json").write_text(json.dumps({"board": board.key, "pages": len(result.pages)}), encoding="utf-8")
    except FetchFailure as error:
        result.error = str(error)
    result.seconds = time.perf_counter() - start
    return result


def _check_base(board: Board) -> None:
    """A base URL setting without http(s) is a setting to fix, said once, not a network error retried."""
    base = settings.get(board.kind.setting)
    if urlparse(base).scheme not in ("http", "https") or not urlparse(base).netloc:
        env = next(s.env for s in settings.SETTINGS if s.name == board.kind.setting)
        raise FetchFailure(f"{env} is {base!r}, not a URL: set it to one starting with https:// (or http://)")


def _pages(client: BoardClient, board: Board):
    """The response bodies of a board's pages, following its kind of paging."""
    offset = 0
    url: str | None = board.url(1)
    for page in range(1, MAX_PAGES + 1):
        if board.kind.pages == "next":
            response = client.get(url, params=board.params(page) if page == 1 else None, headers=board.headers())
        else:
            response = client.get(board.url(page), params=board.params(page, offset), headers=board.headers())
        body = response.content
        records = _records(body, board)
        yield body
        if board.kind.pages == "none" or not records or len(records) < board.kind.page_size:
            return
        if board.kind.pages == "next":
            url = (json.loads(body).get("links") or {}).get("next")
            if not url:
                return
        offset += len(records)


def _scrape(board: Board) -> bytes:
    """The optional JobSpy scraper's results as its CSV (what ``--source jobspy`` reads)."""
    try:
        from jobspy import scrape_jobs
    except ImportError:
        raise FetchFailure("JobSpy is an optional extra: pip install python-jobspy") from None
    sites = [s.strip() for s in settings.get("jobspy_sites").split(",") if s.strip()]
    try:
        frame = scrape_jobs(site_name=sites, search_term=board.query, location=board.place or None, results_wanted=100)
    except Exception as error:  # a scraper's failure is the board's, reported like a failed fetch
        raise FetchFailure(f"the JobSpy scraper failed: {type(error).__name__}: {str(error)[:120]}") from None
    return frame.to_csv(index=False).encode("utf-8")


def _count(body: bytes, board: Board) -> int:
    if board.kind.file_format == "csv":
        try:
            return len(pd.read_csv(io.BytesIO(body), dtype=str))
        except (ValueError, pd.errors.ParserError) as error:
            raise FetchFailure(f"unreadable CSV ({str(error)[:60]})") from None
    return len(_records(body, board))


def _records(body: bytes, board: Board) -> list:
    """The records of one page; a body that is not JSON, or holds no list of jobs, fails the board."""
    try:
        payload = json.loads(body)
    except ValueError as error:
        if body.lstrip()[:1] == b"<":  # a challenge page, a login wall, a maintenance notice
            raise FetchFailure("the board answered with a web page, not JSON") from None
        if isinstance(error, json.JSONDecodeError):
            where = f"line {error.lineno} column {error.colno} of {len(body):,} bytes"
            raise FetchFailure(f"malformed JSON ({error.msg} at {where}: a cut or broken answer)") from None
        raise FetchFailure(f"malformed JSON ({type(error).__name__})") from None
    found = records_in(payload)
    if found is None and _has_empty_list(payload):
        return []  # an empty page ({"SearchResult": {"SearchResultItems": []}})
    if found is None:
        raise FetchFailure("the response holds no list of jobs")
    return found


def _has_empty_list(payload: object, depth: int = 0) -> bool:
    if payload == []:
        return True
    return isinstance(payload, dict) and depth < 3 and any(_has_empty_list(v, depth + 1) for v in payload.values())


def replay_board(raw_dir: Path, board: Board) -> BoardFetch:
    """A board's latest kept fetch read again, as if it had just been fetched (no network)."""
    result = BoardFetch(board, latest_pages(raw_dir, board))
    if not result.pages:
        result.error = "no raw response kept for this board (fetch it first)"
    try:
        result.records = sum(_count(page.read_bytes(), board) for page in result.pages)
    except (OSError, FetchFailure) as error:
        result.error = f"its kept response cannot be read ({error})"
    return result


def latest_pages(raw_dir: Path, board: Board) -> list[Path]:
    """The pages of a board's latest complete fetch (its ``board.json`` written last), for a replay."""
    folders = sorted(p for p in (raw_dir / board.folder).glob("*") if (p / "board.json").exists())
    return sorted(folders[-1].glob("page-*.*")) if folders else []


def boards_with_raw(raw_dir: Path) -> list[str]:
    """The board names that have a complete raw fetch (read from their ``board.json``)."""
    names = []
    for meta in sorted(raw_dir.glob("*/*/board.json")):
        names.append(json.loads(meta.read_text(encoding="utf-8"))["board"])
    return list(dict.fromkeys(names))
