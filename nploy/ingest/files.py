"""Ingest: listing files in, the normalised table, a rejects file, warnings and a report out (``nploy ingest``).

Per file: the columns are the union of its first records' (flattened) keys, not the first record's
alone; a source profile is detected from them (or forced with ``--source``) and says how they map to
listing fields; leading metadata records (RemoteOK's legal notice) are skipped; every record is then
normalised (``nploy.ingest.normalise``) and either kept, with warnings for what it could not read, or
rejected with its source line and the reason. Duplicate ids and exact duplicate postings are dropped
and counted.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from nploy.errors import IngestError
from nploy.ingest.columns import ColumnMapper, flatten, fold
from nploy.ingest.converters import CONVERTERS
from nploy.ingest.normalise import Context, IngestOptions, RowError, to_listing
from nploy.ingest.readers import Record, raw_preview, read_records
from nploy.ingest.report import IngestReport, write_rejects, write_report
from nploy.ingest.sources import SourceProfile, detect, is_metadata, profile_named
from nploy.records.listing import Listing
from nploy.records.table import to_table, write_table
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

# Records read ahead to learn a file's columns: JSON records may each carry different keys.
PEEK = 200


@dataclass(frozen=True)
class FilePlan:
    """How one file is read: its mapper, its source profile (None: generic synonyms), its context."""

    mapper: ColumnMapper
    profile: SourceProfile | None
    context: Context


def ingest_files(
    paths: list[Path], options: IngestOptions, taxonomy: Taxonomy | None = None
) -> tuple[pd.DataFrame, IngestReport]:
    taxonomy = taxonomy or load_taxonomy()
    report = IngestReport()
    kept: list[Listing] = []
    seen_ids: set[str] = set()
    seen_postings: set[str] = set()
    for path in paths:
        records = read_records(path, options.file_format)
        head = list(itertools.islice(records, PEEK))
        plan = _plan(path, head, options, taxonomy)
        report.sources[path.name] = plan.profile.name if plan.profile else "generic"
        leading = True
        for line, record in itertools.chain(head, records):
            report.read += 1
            if "__error__" in record:
                report.reject(path.name, line, str(record["__error__"]), raw_preview(record))
                continue
            flat = flatten(record)
            if leading and is_metadata({fold(k) for k in flat}):
                report.read -= 1
                report.skipped_metadata += 1
                continue
            leading = False
            try:
                reading = to_listing(_values(plan, record, flat), record, plan.context)
            except RowError as error:
                report.reject(path.name, line, str(error), raw_preview(record))
                continue
            listing = reading.listing
            posting = _posting_hash(listing)
            if listing.id in seen_ids or posting in seen_postings:
                report.duplicate_ids += listing.id in seen_ids
                report.duplicate_postings += listing.id not in seen_ids
                continue
            seen_ids.add(listing.id)
            seen_postings.add(posting)
            report.add(path.name, line, reading)
            kept.append(listing)
    report.kept = len(kept)
    return to_table(kept), report


def _plan(path: Path, head: list[tuple[int, Record]], options: IngestOptions, taxonomy: Taxonomy) -> FilePlan:
    good = [record for _, record in head if "__error__" not in record]
    if not good:
        if head:  # every record so far was broken: read on, each is rejected with its reason
            return FilePlan(ColumnMapper({"title": ()}), None, _context(path, options, taxonomy, None))
        raise IngestError(f"{path.name} has a header but no rows")
    keys = list(dict.fromkeys(k for record in good for k in flatten(record)))
    profile = profile_named(options.source) if options.source else detect({fold(k) for k in keys})
    mapper = ColumnMapper.for_columns(
        keys,
        options.mapping,
        path.name,
        preset=profile.folded_mapping() if profile else None,
        missing=profile.missing if profile else (),
    )
    return FilePlan(mapper, profile, _context(path, options, taxonomy, profile))


def _context(path: Path, options: IngestOptions, taxonomy: Taxonomy, profile: SourceProfile | None) -> Context:
    return Context(
        options=options,
        label=options.label or path.name,
        id_prefix=options.label or path.stem,
        taxonomy=taxonomy,
        # Relative dates ("3 days ago") count from the file's scrape date: a column gives it, else the
        # day the file was last written.
        scraped_on=date.fromtimestamp(path.stat().st_mtime),
        work_mode=profile.work_mode if profile else None,
        currency=profile.currency if profile else None,
        country=profile.country if profile else None,
    )


def _values(plan: FilePlan, record: Record, flat: dict) -> dict:
    values = plan.mapper.extract(record, flat)
    for name in plan.profile.converters if plan.profile else ():
        CONVERTERS[name](flat, values)
    return values


def write_outputs(table: pd.DataFrame, report: IngestReport, listings_path: Path, rejects_path: Path) -> None:
    write_table(table, listings_path)
    write_rejects(report, rejects_path)
    write_report(report, listings_path.parent)


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
