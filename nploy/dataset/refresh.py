"""Fetching boards into a dataset and keeping it fresh: fetch (or replay the raw responses), read each
board's pages with its source profile, apply each board's changes (``boards.freshness``), write the table,
log each board's fetch, then build the index incrementally (only new and changed listings embedded).

A failing board changes nothing: its listings stay as they were, and the others go on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nploy.boards.client import BoardClient
from nploy.boards.config import read_log, save_sources, write_log
from nploy.boards.endpoints import Board, parse_board
from nploy.boards.fetch import BoardFetch, fetch_boards, replay_board
from nploy.boards.freshness import BoardChange, apply_fetch
from nploy.dataset.build import IndexUpdate
from nploy.dataset.directory import Dataset
from nploy.errors import NployError
from nploy.index.encoder import Encoder
from nploy.ingest.files import ingest_files
from nploy.ingest.normalise import IngestOptions
from nploy.records.table import to_table, write_table


@dataclass
class BoardOutcome:
    board: str
    fetched: int = 0  # records in its response
    error: str = ""
    change: BoardChange | None = None
    left_out: dict[str, int] = field(default_factory=dict)  # why -> how many of its records were not kept
    repeated: int = 0  # records whose id an earlier record of the same answer had (the first is kept)

    @property
    def refused(self) -> bool:
        return bool(self.change and self.change.refused)

    def line(self) -> str:
        if self.error:
            return f"{self.board}: failed: {self.error}; its listings are unchanged"
        text = self.change.summary() if self.change else f"{self.board}: nothing read"
        notes = []
        if self.left_out:
            reasons = "; ".join(f"{count} {why}" for why, count in sorted(self.left_out.items(), key=lambda x: -x[1]))
            notes.append(f"{sum(self.left_out.values())} left out ({reasons})")
        if self.repeated:
            notes.append(f"{self.repeated} repeated id{'s' if self.repeated > 1 else ''} (the first kept)")
        return text + (f"; {', '.join(notes)}" if notes else "")


@dataclass
class Refresh:
    outcomes: list[BoardOutcome] = field(default_factory=list)
    listings: int = 0
    update: IndexUpdate | None = None

    @property
    def changed(self) -> bool:
        """Whether any board's fetch was applied (listings seen again update their last-seen date)."""
        changes = [o.change for o in self.outcomes if o.change and not o.change.refused]
        return any(c.added or c.changed or c.closed or c.unchanged for c in changes)

    @property
    def listings_changed(self) -> bool:
        """Whether any listing was added, changed or closed: only then has the index anything to do."""
        changes = [o.change for o in self.outcomes if o.change and not o.change.refused]
        return any(c.added or c.changed or c.closed for c in changes)


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
            table = _apply(table, fetch, outcome, today, force)
        result.outcomes.append(outcome)
    result.listings = 0 if table is None else len(table)
    # The log first: a run killed between the table and the index still says what it fetched.
    _log(dataset.root, result, table, replay)
    if table is not None and result.changed:
        write_table(table, dataset.listings_path)
    stale = result.listings_changed or (encoder is not None and not _index_current(dataset, encoder))
    if encoder is not None and table is not None and len(table) and stale:  # nothing changed: the files stay
        if progress:
            progress("embedding new and changed listings", 0.7)
        _index, result.update = dataset.update(encoder)
    if progress:
        progress("done", 1.0)
    return result


def _apply(table, fetch: BoardFetch, outcome: BoardOutcome, today: date, force: bool):
    """One board's answer read and applied; its trouble is its own line, never the refresh's end."""
    try:
        # An empty board is a fetch too: the guard decides whether its listings close.
        fresh, report = ingest_files(fetch.pages, _options(fetch.board)) if fetch.records else (to_table([]), None)
    except NployError as error:
        outcome.error = _no_jobs(str(error))
        return table
    if report is not None:
        outcome.left_out = dict(Counter(_reason(r["reason"]) for r in report.rejects))
        outcome.repeated = report.duplicate_ids
        if fetch.records and not report.kept and report.rejected:
            outcome.error = f"none of its {fetch.records} records is a job ({next(iter(outcome.left_out))})"
            return table
    table, outcome.change = apply_fetch(table, fresh, fetch.board.key, today, fetch.board.kind.one_board, force)
    return table


def _no_jobs(message: str) -> str:
    """An ingest's refusal of a whole answer, said for a board (a board has no --map to give)."""
    if "no title column" in message:
        columns = message.partition("(columns: ")[2].partition(")")[0]
        return f"its answer holds no job records (records with {columns or 'no fields'}, none with a title)"
    return message


def _reason(reason: str) -> str:
    """A reject's reason, short: "empty title", not the record's whole story."""
    return reason.split(":")[0].split(" (")[0].strip()[:60] or "unreadable"


def _index_current(dataset: Dataset, encoder: Encoder) -> bool:
    try:
        return dataset.is_index_current(encoder.name)
    except NployError:
        return False


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


def add_board(dataset: Dataset, name: str, *, keep: bool, force: bool = False, **fetching) -> Refresh:
    """Fetch one board into the dataset (``refresh``'s keywords pass through) and, with ``keep``, save it to
    ``sources.toml`` only when it answered: a board that fails (a typo's 404) would fail every refresh after."""
    result = refresh(dataset, [name], force=force, **fetching)
    if keep and not any(o.error for o in result.outcomes):
        dataset.root.mkdir(parents=True, exist_ok=True)
        save_sources(dataset.root, [name])
    return result


def report_lines(result: Refresh) -> list[tuple[str, str]]:
    """(level, line) per board and for the index: what a page shows after a fetch."""
    lines = [("warning" if o.error or o.refused else "success", o.line()) for o in result.outcomes]
    if result.update is not None:
        lines.append(("caption", f"Index: {result.update.summary()}"))
    elif result.listings:
        lines.append(("caption", "Index unchanged: no listing was added, changed or closed."))
    return lines
