"""Board commands: ``nploy fetch`` (public job boards into the dataset) and ``nploy refresh`` (the boards
in ``sources.toml``), each followed by an incremental build."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from nploy import settings
from nploy.boards.config import read_log, read_sources, remove_sources, save_sources
from nploy.boards.endpoints import KINDS, parse_board
from nploy.cli.group import clean_errors, main
from nploy.dataset import Dataset
from nploy.dataset.refresh import Refresh, refresh
from nploy.errors import NployError
from nploy.index.embedding import load_encoder


@main.command()
@click.argument("boards", nargs=-1, required=True)
@click.option("--save", is_flag=True, help="Add these boards to <data dir>/sources.toml for `nploy refresh`.")
@click.option("--force", is_flag=True, help="Apply a fetch even when it would close more than half of a board's listings.")
@click.option("--no-build", is_flag=True, help="Fetch only; leave the index for a later `nploy build --incremental`.")
@click.pass_obj
@clean_errors
def fetch(dataset: Dataset, boards: tuple[str, ...], save: bool, force: bool, no_build: bool) -> None:
    """Fetch the open jobs of public job BOARDS into the dataset, then embed only what changed.

    BOARDS: greenhouse:SLUG, lever:SLUG, ashby:SLUG, smartrecruiters:COMPANY, workable:ACCOUNT (or a board's
    URL), remoteok, remotive, arbeitnow, usajobs:QUERY and adzuna:CC:QUERY (with their API keys set), and
    'jobspy:"python developer"@Berlin' (pip install python-jobspy). A board
    lists all its open jobs, so listings that left it are closed; a failing board is reported and the others
    go on. Every response is kept under <data dir>/raw/ (`nploy ingest --replay` re-reads it offline)."""
    names = [parse_board(b).key for b in boards]  # a bad name fails before anything is fetched
    result = _run(dataset, names, force=force, build=not no_build)
    if save:  # only the boards that answered: a typo's 404 would fail every refresh after
        answered = [o.board for o in result.outcomes if not o.error]
        dataset.root.mkdir(parents=True, exist_ok=True)
        save_sources(dataset.root, answered)
        for outcome in result.outcomes:
            if outcome.error:
                click.echo(f"{outcome.board}: not saved to sources.toml (it failed)")
    _exit_status(result)


@main.command("refresh")
@click.option("--force", is_flag=True, help="Apply fetches that would close more than half of a board's listings.")
@click.pass_obj
@clean_errors
def refresh_command(dataset: Dataset, force: bool) -> None:
    """Fetch every board listed in <data dir>/sources.toml, then build the index incrementally (for cron
    or a systemd timer: docs/live-listings.md)."""
    names = read_sources(dataset.root)
    if not names:
        raise NployError(f"no boards in {dataset.root / 'sources.toml'}: add some with `nploy fetch --save BOARD`")
    _exit_status(_run(dataset, names, force=force, build=True))


@main.group()
def sources() -> None:
    """The boards `nploy refresh` fetches (<data dir>/sources.toml): list them, remove some."""


@sources.command("list")
@click.pass_obj
@clean_errors
def sources_list(dataset: Dataset) -> None:
    """Each saved board, with its latest fetch."""
    names = read_sources(dataset.root)
    if not names:
        click.echo(f"no boards in {dataset.root / 'sources.toml'}: add some with `nploy fetch --save BOARD`")
        return
    log = read_log(dataset.root)
    for name in names:
        entry = log.get(name)
        click.echo(f"{name}\t{entry['message'] if entry else 'never fetched'}" + (f" ({entry['fetched_at']})" if entry else ""))


@sources.command("remove")
@click.argument("boards", nargs=-1, required=True)
@click.pass_obj
@clean_errors
def sources_remove(dataset: Dataset, boards: tuple[str, ...]) -> None:
    """Remove BOARDS from the saved list; their listings stay until the next fetch of them (or a rebuild)."""
    names = [parse_board(b).key for b in boards]
    kept = remove_sources(dataset.root, names)
    click.echo(f"removed {', '.join(names)}; {len(kept)} board(s) left in sources.toml")


def _exit_status(result: Refresh) -> None:
    """Non-zero for cron: every board failed, or a fetch was refused (it would have closed most of a board)."""
    failed = sum(bool(o.error) for o in result.outcomes)
    if failed == len(result.outcomes):
        raise NployError(f"every board failed ({failed}); the dataset is unchanged")
    refused = [o.board for o in result.outcomes if o.refused]
    if refused:
        raise NployError(f"not applied: {', '.join(refused)} (see above; --force applies it); the other boards were")


def _run(dataset: Dataset, names: list[str], *, force: bool, build: bool, replay: bool = False) -> Refresh:
    encoder = load_encoder(settings.get("encoder")) if build else None
    bar = tqdm(total=100, desc="boards", unit="%", file=sys.stderr, disable=None)

    def progress(message: str, share: float) -> None:
        bar.set_description(message[:50])
        bar.update(round(100 * share) - bar.n)

    with bar:
        result = refresh(dataset, names, replay=replay, force=force, encoder=encoder, progress=progress)
    for outcome in result.outcomes:
        click.echo(outcome.line())
    click.echo(f"{result.listings:,} listings in {dataset.listings_path}")
    if result.update is not None:
        click.echo(result.update.summary())
    elif build and result.listings:
        click.echo("index unchanged (no listing added, changed or closed)")
    return result


def replay(dataset: Dataset, names: list[str]) -> Refresh:
    """`nploy ingest --replay`: the latest raw responses of these boards read again, no network."""
    result = _run(dataset, names, force=False, build=False, replay=True)
    _exit_status(result)
    return result


__all__ = ["KINDS", "fetch", "refresh_command", "replay"]
