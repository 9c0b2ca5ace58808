"""The listings table: one row per ``Listing``, as a pandas DataFrame stored as Parquet.

Columns are exactly ``COLUMNS`` plus ``key``, the int64 FAISS id derived from ``id``. The serving
table (``SERVING_COLUMNS``) leaves out descriptions and skill lists; the app reads skills from a
``SkillIndex``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from nploy.errors import NployError
from nploy.records.listing import ADDED_COLUMNS, COLUMNS, DATE_COLUMNS, LIST_COLUMNS, Listing, listing_key
from nploy.records.skill_index import SkillIndex

# What the app serves from: everything but the description, which only embedding and the evaluation's
# BM25 read (half a gigabyte at a million listings), and the skills, which the app reads from a
# ``SkillIndex`` instead (``Dataset.skill_index``).
SERVING_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("description", *LIST_COLUMNS))
# Parquet key-value metadata: the table's fingerprint, worked out once when written.
FINGERPRINT_KEY = b"nploy.fingerprint"


def to_table(listings: list[Listing]) -> pd.DataFrame:
    """Listings as the normalised table (column order and dtypes fixed)."""
    frame = pd.DataFrame([asdict(item) for item in listings], columns=list(COLUMNS))
    return normalise_dtypes(frame)


SALARY_NUMBERS = ("salary_min", "salary_max", "salary_annual_eur")
NULLABLE_TEXT = ("salary_currency", "salary_period")
# Text columns with few distinct values: held as pandas categoricals (one small integer per row). At a
# million listings this is about 150 MB less than one string per row, and filters compare codes.
CATEGORICAL = ("title", "company", "city", "country", "work_mode", "seniority", "employment_type", *NULLABLE_TEXT, "source")


def normalise_dtypes(frame: pd.DataFrame, wanted: tuple[str, ...] = COLUMNS) -> pd.DataFrame:
    """Column dtypes fixed, ``key`` added; a ``wanted`` column an older table lacks gets its default."""
    frame = frame.copy()
    for column, default in ADDED_COLUMNS.items():
        if column in wanted and column not in frame.columns:
            frame[column] = [[] for _ in range(len(frame))] if column in LIST_COLUMNS else [default] * len(frame)
    for column in SALARY_NUMBERS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    if "salary_estimated" in frame.columns:
        frame["salary_estimated"] = frame["salary_estimated"].fillna(False).astype(bool)
    for column in COLUMNS:
        if column in (*SALARY_NUMBERS, *DATE_COLUMNS, *LIST_COLUMNS, "salary_estimated") or column not in frame.columns:
            continue
        if column in CATEGORICAL:
            frame[column] = _categorical(frame[column], fill=column not in NULLABLE_TEXT)
            continue
        frame[column] = frame[column].astype("string").fillna("")
    # One string object per distinct skill, shared by every list that names it: a million listings
    # ask for a few hundred skills six million times (330 MB as separate strings, none this way).
    names: dict[str, str] = {}
    for column in LIST_COLUMNS:
        if column in frame.columns:
            frame[column] = [
                [names.setdefault(str(s), str(s)) for s in value] if _is_list(value) else [] for value in frame[column]
            ]
    frame["key"] = np.array([listing_key(i) for i in frame["id"]], dtype="int64")
    return frame.reset_index(drop=True)


def _is_list(value: object) -> bool:
    return isinstance(value, (list, tuple, np.ndarray))


def _categorical(column: pd.Series, fill: bool) -> pd.Series:
    """A text column as a categorical of strings; missing values become "" when ``fill``."""
    if not isinstance(column.dtype, pd.CategoricalDtype) or column.cat.categories.dtype == object:
        column = column.astype("string").astype("category")
    elif not isinstance(column.cat.categories.dtype, pd.StringDtype):
        column = column.cat.rename_categories(column.cat.categories.astype("string"))
    if fill and column.isna().any():
        if "" not in column.cat.categories:
            column = column.cat.add_categories([""])
        column = column.fillna("")
    return column


def from_row(row: pd.Series | dict) -> Listing:
    """A table row back as a typed record (a serving table's row has no description: it is "")."""
    values = {name: row[name] for name in COLUMNS if name in row}
    values.setdefault("description", "")
    for name in SALARY_NUMBERS:
        values[name] = None if pd.isna(values[name]) else float(values[name])
    for name in NULLABLE_TEXT:
        values[name] = None if pd.isna(values[name]) else str(values[name])
    for name in DATE_COLUMNS:
        if name in values:
            values[name] = None if pd.isna(values[name]) else pd.Timestamp(values[name]).date()
    for name in LIST_COLUMNS:
        if name in values:
            values[name] = list(values[name]) if values[name] is not None else []
    if "salary_estimated" in values:
        values["salary_estimated"] = bool(values["salary_estimated"])
    return Listing(**values)


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically (a reader never sees half a file), with the table's fingerprint in the file's
    metadata so the app can check its index without reading every description."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), FINGERPRINT_KEY: fingerprint(frame).encode()}
    pq.write_table(table.replace_schema_metadata(metadata), tmp)
    tmp.replace(path)


def read_table(path: Path, columns: tuple[str, ...] = COLUMNS) -> pd.DataFrame:
    """The listings table (``SERVING_COLUMNS`` for one without descriptions), normalised. A table written
    before a column was added gets that column's default (``ADDED_COLUMNS``)."""
    present = set(pq.read_schema(path).names)
    missing = [c for c in COLUMNS if c not in present and c not in ADDED_COLUMNS]
    if missing:
        raise NployError(f"{path} is not an nploy listings table (missing columns: {', '.join(missing)})")
    stored = [c for c in columns if c in present]
    # Dictionary-encoded columns come out of Arrow as categoricals without a string per row; one chunk
    # per column, because pandas' take over an Arrow column of many chunks (row groups) costs ms per call.
    arrow = pq.read_table(path, columns=stored, read_dictionary=[c for c in CATEGORICAL if c in stored])
    for i, column in enumerate(arrow.schema):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            arrow = arrow.set_column(i, column, arrow.column(i).combine_chunks())
    lists = [c for c in LIST_COLUMNS if c in stored]
    frame = arrow.drop_columns(lists).to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    frame = normalise_dtypes(frame, tuple(c for c in columns if c not in lists))  # adds what an older table lacks
    for column in lists:
        frame[column] = _skill_lists(arrow.column(column))
    frame = frame[[*columns, "key"]]
    del arrow
    pa.default_memory_pool().release_unused()  # Arrow keeps the freed read buffers pooled otherwise (150 MB at 1M)
    return frame


def read_list_column(path: Path, column: str) -> pa.ChunkedArray | None:
    """A list column alone, as Arrow lists (None when the table predates it)."""
    if column not in pq.read_schema(path).names:
        return None
    return pq.read_table(path, columns=[column]).column(column)


def _skill_lists(column: pa.ChunkedArray) -> list[list[str]]:
    """The skills column as Python lists sharing one string object per distinct skill (through the
    skill index's dictionary codes: no temporary string per (listing, skill) pair)."""
    return SkillIndex.from_arrow(column).skills_of(range(len(column)))


def read_skills(path: Path) -> pa.ChunkedArray:
    """The skills column alone, as Arrow lists (for ``SkillIndex.from_arrow``)."""
    return pq.read_table(path, columns=["skills"]).column("skills")


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint ``write_table`` stored, or None for a file written without one."""
    value = (pq.read_schema(path).metadata or {}).get(FINGERPRINT_KEY)
    return value.decode() if value else None


def fingerprint(frame: pd.DataFrame) -> str:
    """Hash of what the embeddings depend on (ids and text fields, in table order).

    Plain hashlib over the strings, not pandas' hashing, so the same table gives the same
    fingerprint under any pandas version and a shipped index stays valid after an upgrade.
    """
    digest = hashlib.sha256()
    for row in zip(frame["id"], frame["title"], frame["company"], frame["description"], frame["seniority"], frame["skills"]):
        *text, skills = row
        digest.update("\x1f".join([*map(str, text), ";".join(skills)]).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:32]
