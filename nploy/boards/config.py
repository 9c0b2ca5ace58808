"""``<data dir>/sources.toml``: the boards ``nploy refresh`` fetches (written by ``nploy fetch --save``),
and ``fetches.json``: when each board was last fetched and what it brought (the app shows it)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from nploy.errors import NployError

SOURCES_FILE = "sources.toml"
LOG_FILE = "fetches.json"


def read_sources(data_dir: Path) -> list[str]:
    path = data_dir / SOURCES_FILE
    if not path.exists():
        return []
    return [str(b) for b in tomllib.loads(path.read_text(encoding="utf-8")).get("boards", [])]


def save_sources(data_dir: Path, boards: list[str]) -> list[str]:
    """Add boards to the list (kept in order, no duplicates); returns the whole list."""
    merged = list(dict.fromkeys(read_sources(data_dir) + boards))
    _write_sources(data_dir, merged)
    return merged


def remove_sources(data_dir: Path, boards: list[str]) -> list[str]:
    """Remove boards from the list; returns what is left. A board not in it is an error (a typo, probably)."""
    saved = read_sources(data_dir)
    missing = [b for b in boards if b not in saved]
    if missing:
        raise NployError(f"{', '.join(missing)} not in {data_dir / SOURCES_FILE} (saved: {', '.join(saved) or 'none'})")
    kept = [b for b in saved if b not in boards]
    _write_sources(data_dir, kept)
    return kept


def _write_sources(data_dir: Path, boards: list[str]) -> None:
    lines = ["# Boards `nploy refresh` fetches; `nploy fetch --save BOARD` adds one.", "boards = ["]
    lines += [f"  {json.dumps(b)}," for b in boards]  # a JSON string is a TOML basic string
    tmp = data_dir / (SOURCES_FILE + ".tmp")
    tmp.write_text("\n".join([*lines, "]"]) + "\n", encoding="utf-8")
    tmp.replace(data_dir / SOURCES_FILE)


def read_log(data_dir: Path) -> dict[str, dict]:
    try:
        return json.loads((data_dir / LOG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_log(data_dir: Path, entries: dict[str, dict]) -> None:
    """Merge these boards' entries into the log (written to a temporary file, then renamed)."""
    log = read_log(data_dir) | entries
    tmp = data_dir / (LOG_FILE + ".tmp")
    tmp.write_text(json.dumps(log, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(data_dir / LOG_FILE)
