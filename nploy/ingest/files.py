"""Ingest: listing files in, the normalised table and a rejects file out (``nploy ingest``).

Each record is mapped to the listing fields (common column names are recognised; ``--map``
overrides), normalised (``nploy.ingest.normalise``), and either kept or rejected with its source
line and the reason. Duplicate ids and exact duplicate postings are dropped and counted.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nploy.errors import IngestError
from nploy.export import neutralise
from nploy.ingest.columns import ColumnMapper
from nploy.ingest.normalise import IngestOptions, RowError, to_listing
from nploy.ingest.readers import Record, raw_preview, read_records
from nploy.records.listing import Listing
from nploy.records.table import to_table, write_table
from nploy.vocabulary.skills import Taxonomy, load_taxonomy


@dataclass
class IngestReport:
    read: int = 0
    kept: int = 0
    rejected: int = 0
    duplicate_ids: int = 0
    duplicate_postings: int = 0
    rejects: list[dict] = field(default_factory=list)

    @property
    def deduplicated(self) -> int:
        return self.duplicate_ids + self.duplicate_postings

    def summary(self) -> str:
        return (
            f"read {self.read}, kept {self.kept}, rejected {self.rejected}, "
            f"deduplicated {self.deduplicated} ({self.duplicate_ids} duplicate ids, "
            f"{self.duplicate_postings} exact duplicate postings)"
        )


def ingest_files(
    paths: list[Path], options: IngestOptions, taxonomy: Taxonomy | None = None
) -> tuple[pd.DataFrame, IngestReport]:
    taxonomy = taxonomy or load_taxonomy()
    report = IngestReport()
    kept: list[Listing] = []
    seen_ids: set[str] = set()
    seen_postings: set[str] = set()
    for path in paths:
        mappers: dict[frozenset, ColumnMapper] = {}
        for line, record in read_records(path, options.file_format):
            report.read += 1
            try:
                if "__error__" in record:
                    raise RowError(str(record["__error__"]))
                mapper = _mapper_for(record, mappers, options, path.name)
                listing = to_listing(record, mapper, options, path, taxonomy)
            except RowError as error:
                report.rejected += 1
                report.rejects.append({"file": path.name, "line": line, "reason": str(error), "raw": raw_preview(record)})
                continue
            if listing.id in seen_ids:
                report.duplicate_ids += 1
                continue
            posting = _posting_hash(listing)
            if posting in seen_postings:
                report.duplicate_postings += 1
                continue
            seen_ids.add(listing.id)
            seen_postings.add(posting)
            kept.append(listing)
        if not mappers:
            raise IngestError(f"{path.name} has a header but no rows")
    report.kept = len(kept)
    return to_table(kept), report


def write_outputs(table: pd.DataFrame, report: IngestReport, listings_path: Path, rejects_path: Path) -> None:
    write_table(table, listings_path)
    write_rejects(report, rejects_path)


def write_rejects(report: IngestReport, rejects_path: Path) -> None:
    """The rejects report; previews are neutralised like every CSV export (see nploy.export)."""
    rejects_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = rejects_path.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "line", "reason", "raw"])
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in report.rejects)
    tmp.replace(rejects_path)


def _mapper_for(record: Record, mappers: dict, options: IngestOptions, filename: str) -> ColumnMapper:
    """One mapper per set of keys: CSV rows share one; JSON records may differ in their keys.

    A file whose first record has no title column is unreadable (IngestError); a later JSON
    record without one is a rejected row.
    """
    keys = frozenset(record)
    if keys not in mappers:
        try:
            mappers[keys] = ColumnMapper.for_record(record, options.mapping, filename)
        except IngestError as error:
            if not mappers:
                raise
            raise RowError(f"no title field in this record ({str(error).split(':')[1].strip()})") from None
    return mappers[keys]


def _posting_hash(listing: Listing) -> str:
    # Everything a reader sees except id and url: two ads equal in all of it are one posting.
    parts = (
        listing.title,
        listing.company,
        listing.description,
        listing.city,
        listing.country,
        listing.work_mode,
        listing.salary_min,
        listing.salary_max,
        listing.salary_period,
        listing.posted_at,
    )
    key = "\x1f".join(str(p).lower() for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()
