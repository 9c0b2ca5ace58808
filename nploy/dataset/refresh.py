"""Fetching boards into a dataset and keeping it fresh: fetch (or replay the raw responses), read each
board's pages with its source profile, apply each board's changes (``boards.freshness``), write the table,
log each board's fetch, then build the index incrementally (only new and changed listings embedded).

A failing board changes nothing: its listings stay as they were, and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nploy.boards.client import BoardClient
from nploy.boards.config import read_log, write_log
from nploy.boards.endpoints import Board, parse_board
from nploy.boards.fetch import BoardFetch, fetch_boards, replay_board
from nploy.boards.freshness import BoardChange, apply_fetch
from nploy.dataset.build import IndexUpdate
from nploy.dataset.directory import Dataset
from nploy.ingest.files import ingest_files
from nploy.ingest.normalise import IngestOptions
from nploy.records.table import to_table, write_table
from nploy.search.encoder import Encoder


@dataclass
class BoardOutcome:
    board: str
    fetched: int = 0  # records in its response
    error: str = ""
    change: BoardChange | None = None

    def line(self) -> str:
        if self.error:
            return f"{self.board}: failed: {self.error}; its listings are unchanged"
        return self.change.summary() if self.change else f"{self.board}: nothing read"


@dataclass
class Refresh:
    outcomes: list[BoardOutcome] = field(default_factory=list)
    listings: int = 0
    update: IndexUpdate | None = None

    @property
    def changed(self) -> bool:
        changes = [o.change for o in self.outcomes if o.change and not o.change.refused]
        return any(c.added or c.changed or c.closed or c.unchanged for c in changes)


def refresh(
    dataset: Dataset,
    names: list[str],
    *,
    client: BoardClient | None = None,
    replay: bool = False,
    force: bool = False,
    encoder: Encoder | None = None,
    progress: Callable[[str, float], None] | None = None,
    today: date | None = None,
) -> Refresh:
    """Fetch (or, with ``replay``, re-read the latest raw responses of) these boards into the dataset;
    then, given an ``encoder``, bring the index up to date. ``progress(message, share done)``."""
    boards = [parse_board(name) for name in names]
    today = today or date.today()
    raw_dir = dataset.root / "raw"
    if replay:
        fetches = [replay_board(raw_dir, b) for b in boards]
    else:
        client = client or BoardClient(cache_dir=dataset.root / "cache")

        def fetched(done: int, total: int, result: BoardFetch) -> None:
            if progress:
                progress(f"fetched {result.board.key} ({done} of {total})", 0.6 * done / total)

        fetches = fetch_boards(boards, raw_dir, client, progress=fetched)
    table = dataset.table() if dataset.listings_path.exists() else None
    result = Refresh()
    for fetch in fetches:
        outcome = BoardOutcome(fetch.board.key, fetch.records, fetch.error)
        if fetch.ok:
            # An empty board is a fetch too: the guard decides whether its listings close.
            fresh = ingest_files(fetch.pages, _options(fetch.board))[0] if fetch.records else to_table([])
            table, outcome.change = apply_fetch(table, fresh, fetch.board.key, today, fetch.board.kind.one_board, force)
        result.outcomes.append(outcome)
    if table is not None and result.changed:
        write_table(table, dataset.listings_path)
    result.listings = 0 if table is None else len(table)
    _log(dataset.root, result, table, replay)
    if encoder is not None and table is not None and len(table):
        if progress:
            progress("embedding new and changed listings", 0.7)
        _index, result.update = dataset.update(encoder)
    if progress:
        progress("done", 1.0)
    return result


def _options(board: Board) -> IngestOptions:
    kind, key = board.kind, board.key
    company = board.slug.replace("-", " ").replace("_", " ").title() if kind.one_board and board.slug else None
    return IngestOptions(source=kind.profile, label=key, id_namespace=key, file_format=kind.file_format, company=company)


def _log(root: Path, result: Refresh, table, replay: bool) -> None:
    """Each board's latest fetch, and when it last succeeded (what "last refreshed" means)."""
    now = datetime.now().isoformat(timespec="seconds")
    counts = table["source"].astype(str).value_counts().to_dict() if table is not None else {}
    before = read_log(root)
    entries = {}
    for outcome in result.outcomes:
        change = outcome.change
        ok = not outcome.error and not (change and change.refused)
        entries[outcome.board] = {
            "fetched_at": now,
            "refreshed_at": now if ok else before.get(outcome.board, {}).get("refreshed_at"),
            "replayed": replay,
            "ok": ok,
            "message": outcome.line(),
            "listings": int(counts.get(outcome.board, 0)),
        }
    write_log(root, entries)
