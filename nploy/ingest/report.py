"""The ingest report: what an ingest kept, rejected and warned about, and how much of each field it
understood. Printed by ``nploy ingest``, saved as ``ingest-report.json`` beside the table and shown on
"About the data", so a user sees what the dashboard stands on."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nploy.export import neutralise
from nploy.ingest.normalise import REPORT_FIELDS, FieldNote, Reading

REPORT_FILE = "ingest-report.json"
WARNINGS_FILE = "warnings.csv"
TOP_UNREAD = 5


@dataclass
class FieldCount:
    stated: int = 0
    understood: int = 0
    unread: Counter = field(default_factory=Counter)

    @property
    def share(self) -> float | None:
        return self.understood / self.stated if self.stated else None


@dataclass
class IngestReport:
    read: int = 0
    kept: int = 0
    rejected: int = 0
    duplicate_ids: int = 0
    duplicate_postings: int = 0
    skipped_metadata: int = 0
    rejects: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)  # file, line, field, reason, value
    fields: dict[str, FieldCount] = field(default_factory=lambda: {name: FieldCount() for name in REPORT_FIELDS})
    sources: dict[str, str] = field(default_factory=dict)  # file -> the source profile used

    @property
    def deduplicated(self) -> int:
        return self.duplicate_ids + self.duplicate_postings

    @property
    def warned(self) -> int:
        return len({(w["file"], w["line"]) for w in self.warnings})

    def reject(self, file: str, line: int, reason: str, raw: str) -> None:
        self.rejected += 1
        self.rejects.append({"file": file, "line": line, "reason": reason, "raw": raw})

    def add(self, file: str, line: int, reading: Reading) -> None:
        """Count what one kept listing's record stated and what of it was understood."""
        for name in reading.stated:
            self.fields[name].stated += 1
        for name in reading.understood:
            self.fields[name].understood += 1
        for name, value in reading.unread.items():
            if value:
                self.fields[name].unread[value] += 1
        self.warnings += [_warning(file, line, note) for note in reading.notes]

    def summary(self) -> str:
        warned = f", warned {self.warned}" if self.warnings else ""
        return (
            f"read {self.read}, kept {self.kept}, rejected {self.rejected}, "
            f"deduplicated {self.deduplicated} ({self.duplicate_ids} duplicate ids, "
            f"{self.duplicate_postings} exact duplicate postings){warned}"
        )

    def field_table(self) -> list[str]:
        """The per-field lines the CLI prints: rows stating a field, the share understood, what was not."""
        lines = [f"  {'field':<12} {'stated':>7} {'understood':>11}  not understood (most common)"]
        for name, count in self.fields.items():
            share = "-" if count.share is None else f"{count.share:.0%}"
            unread = "; ".join(f"{value!r} x{n}" for value, n in count.unread.most_common(3))
            lines.append(f"  {name:<12} {count.stated:>7} {share:>11}  {unread}")
        return lines

    def to_dict(self) -> dict:
        return {
            "written_at": datetime.now().isoformat(timespec="seconds"),
            "sources": self.sources,
            "read": self.read,
            "kept": self.kept,
            "rejected": self.rejected,
            "duplicate_ids": self.duplicate_ids,
            "duplicate_postings": self.duplicate_postings,
            "skipped_metadata": self.skipped_metadata,
            "warned": self.warned,
            "fields": {
                name: {
                    "stated": count.stated,
                    "understood": count.understood,
                    "share": None if count.share is None else round(count.share, 4),
                    "not_understood": [{"value": v, "rows": n} for v, n in count.unread.most_common(TOP_UNREAD)],
                }
                for name, count in self.fields.items()
            },
        }


def _warning(file: str, line: int, note: FieldNote) -> dict:
    return {"file": file, "line": line, "field": note.field, "reason": note.reason, "value": note.value}


def write_report(report: IngestReport, directory: Path) -> None:
    """``ingest-report.json`` and ``warnings.csv`` beside the table (both replaced atomically)."""
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / (REPORT_FILE + ".tmp")
    tmp.write_text(json.dumps(report.to_dict(), indent=1) + "\n", encoding="utf-8")
    tmp.replace(directory / REPORT_FILE)
    _write_csv(directory / WARNINGS_FILE, ["file", "line", "field", "reason", "value"], report.warnings)


def write_rejects(report: IngestReport, rejects_path: Path) -> None:
    """The rejects report; previews are neutralised like every CSV export (see nploy.export)."""
    _write_csv(rejects_path, ["file", "line", "reason", "raw"], report.rejects)


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    tmp.replace(path)


def report_table(report: dict) -> list[dict]:
    """A saved report's fields as rows to show: field, rows stating it, share understood, what was not."""
    return [
        {
            "field": name,
            "rows stating it": values["stated"],
            "understood": values["share"],
            "most common values not understood": "; ".join(f"{v['value']} ({v['rows']})" for v in values["not_understood"]),
        }
        for name, values in report["fields"].items()
    ]


def read_report(directory: Path) -> dict | None:
    """The saved report of the dataset's last ingest (None when there is none, or it is unreadable)."""
    path = directory / REPORT_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
