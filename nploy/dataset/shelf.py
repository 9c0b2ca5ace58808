"""The datasets an app can open: the data directory itself and each directory under the datasets root that
holds listings (the demo, the open real postings, one's own boards), each with its size and freshness, so a
user switches between them in the app instead of restarting it with another ``NPLOY_DATA_DIR``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

from nploy import settings
from nploy.boards.config import read_log

LISTINGS = "listings.parquet"


@dataclass(frozen=True)
class ShelfEntry:
    name: str  # how the link names it: the directory's path under the root ("." for the root itself)
    path: Path
    listings: int
    refreshed: str  # the latest board fetch, else when the listings file was written (YYYY-MM-DD)

    def label(self) -> str:
        return f"{self.path.name if self.name == '.' else self.name} · {self.listings:,} listings · {self.refreshed}"


def shelf(data_dir: Path | None = None, root: Path | None = None) -> list[ShelfEntry]:
    """The data directory, then every directory directly under the datasets root that holds listings."""
    data_dir = Path(data_dir or settings.data_dir())
    root = Path(root or settings.get("datasets_root") or data_dir)
    candidates = [(".", data_dir)] if (data_dir / LISTINGS).exists() else []
    if root.is_dir():
        for child in sorted(p for p in root.iterdir() if p.is_dir() and (p / LISTINGS).exists()):
            if child.resolve() != data_dir.resolve():
                candidates.append((child.name, child))
    return [_entry(name, path) for name, path in candidates]


def _entry(name: str, path: Path) -> ShelfEntry:
    try:
        count = pq.ParquetFile(path / LISTINGS).metadata.num_rows
    except (OSError, ValueError):
        count = 0
    fetched = [e.get("fetched_at") or "" for e in read_log(path).values()]
    stamp = max(fetched) if any(fetched) else datetime.fromtimestamp((path / LISTINGS).stat().st_mtime).isoformat()
    return ShelfEntry(name, path, count, stamp[:10])


def pick(name: str | None, data_dir: Path | None = None, root: Path | None = None) -> Path | None:
    """The directory a link's dataset name stands for; None for a name that is not on the shelf (a link can
    name only a dataset the shelf lists: never a path of its own)."""
    if not name:
        return None
    return next((entry.path for entry in shelf(data_dir, root) if entry.name == name), None)
