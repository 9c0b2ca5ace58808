"""Board commands: ``nploy fetch`` (public job boards into the dataset) and ``nploy refresh`` (the boards
in ``sources.toml``), each followed by an incremental build."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from nploy import settings
from nploy.boards.config import read_sources, save_sources
from nploy.boards.endpoints import KINDS, parse_board
from nploy.cli import clean_errors, main
from nploy.dataset import Dataset
from nploy.dataset.refresh import Refresh, refresh
from nploy.errors import NployError
from nploy.search.embedding import load_encoder


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
    if save:
        dataset.root.mkdir(parents=True, exist_ok=True)
        save_sources(dataset.root, names)
    _run(dataset, names, force=force, build=not no_build)


@main.command("refresh")
@click.option("--force", is_flag=True, help="Apply fetches that would close more than half of a board's listings.")
@click.pass_obj
@clean_errors
def refresh_command(dataset: Dataset, force: bool) -> None:
    """Fetch every board listed in <data dir>/sources.toml, then build the index incrementally (for cron
    or a systemd timer: README, "Live listings")."""
    names = read_sources(dataset.root)
    if not names:
        raise NployError(f"no boards in {dataset.root / 'sources.toml'}: add some with `nploy fetch --save BOARD`")
    _run(dataset, names, force=force, build=True)


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
    failed = sum(bool(o.error) for o in result.outcomes)
    if failed == len(result.outcomes):
        raise NployError(f"every board failed ({failed}); the dataset is unchanged")
    return result


def replay(dataset: Dataset, names: list[str]) -> Refresh:
    """`nploy ingest --replay`: the latest raw responses of these boards read again, no network."""
    return _run(dataset, names, force=False, build=False, replay=True)


__all__ = ["KINDS", "fetch", "refresh_command", "replay"]
