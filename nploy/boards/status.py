"""What a dataset's listings stand on, per source: how many listings each source holds, when a board was
last refreshed and what its latest fetch said (from ``fetches.json``). The About and Sources pages show it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nploy.boards.config import read_log, read_sources

COLUMNS = ["source", "listings", "kind", "last refreshed", "last seen open", "latest fetch"]


def sources_table(table: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    """One row per source: the files and boards in the table, and saved or fetched boards without
    listings (yet), the biggest first."""
    log = read_log(data_dir)
    counts = table["source"].astype(str).value_counts() if len(table) else pd.Series(dtype="int64")
    seen = table.groupby(table["source"].astype(str), observed=True)["last_seen"].max() if len(table) else pd.Series()
    saved = read_sources(data_dir)
    names = list(dict.fromkeys([*counts.index, *log, *saved]))
    rows = []
    for name in names:
        entry = log.get(name, {})
        board = bool(entry) or name in saved
        last = seen.get(name)
        rows.append(
            {
                "source": name,
                "listings": int(counts.get(name, 0)),
                "kind": "job board" if board else "file",
                "last refreshed": entry.get("refreshed_at") or ("never" if board else ""),
                "last seen open": "" if last is None or pd.isna(last) else pd.Timestamp(last).date().isoformat(),
                "latest fetch": entry.get("message", ""),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["listings", "source"], ascending=[False, True], ignore_index=True)
