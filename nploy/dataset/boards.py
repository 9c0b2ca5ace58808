"""What the Sources page does with job boards, as use cases of the core: read a board the user typed, show each
source of a dataset with its freshness, list, add (``refresh.add_board``) and stop refreshing saved boards."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nploy.boards.config import read_sources, remove_sources
from nploy.boards.endpoints import KINDS, parse_board
from nploy.boards.status import sources_table
from nploy.dataset.directory import Dataset
from nploy.ingest.sources import profile_named
from nploy.records.table import to_table

BOARD_KINDS = tuple(KINDS)


@dataclass(frozen=True)
class TypedBoard:
    key: str  # the board's name as sources.toml keeps it ("greenhouse:acme")
    terms: str  # what its terms ask of a listing's display


def typed_board(typed: str) -> TypedBoard:
    """The board a user typed (a URL or a name); NployError with the reason when it is none."""
    board = parse_board(typed)
    return TypedBoard(board.key, f"Terms of {board.kind.name}: {profile_named(board.kind.profile).terms}.")


def sources_overview(dataset: Dataset, listings: pd.DataFrame | None) -> pd.DataFrame:
    """One row per source of the dataset (files, boards, saved boards without listings yet) and its freshness."""
    return sources_table(listings if listings is not None else to_table([]), dataset.root)


def saved_boards(dataset: Dataset) -> list[str]:
    return read_sources(dataset.root)


def stop_refreshing(dataset: Dataset, names: list[str]) -> list[str]:
    """Remove boards from the saved list (their listings stay); returns what is left."""
    return remove_sources(dataset.root, names)
