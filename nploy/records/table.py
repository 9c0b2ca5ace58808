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
from nploy.records.listing import COLUMNS, Listing, listing_key
from nploy.records.skill_index import SkillIndex

# What the app serves from: everything but the description, which only embedding and the evaluation's
# BM25 read (half a gigabyte at a million listings), and the skills, which the app reads from a
# ``SkillIndex`` instead (``Dataset.skill_index``).
SERVING_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("description", "skills"))
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


def normalise_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in SALARY_NUMBERS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["posted_at"] = pd.to_datetime(frame["posted_at"], errors="coerce")
    for column in COLUMNS:
        if column in SALARY_NUMBERS or column in ("posted_at", "skills") or column not in frame.columns:
            continue
        if column in CATEGORICAL:
            frame[column] = _categorical(frame[column], fill=column not in NULLABLE_TEXT)
            continue
        frame[column] = frame[column].astype("string").fillna("")
    # One string object per distinct skill, shared by every list that names it: a million listings
    # ask for a few hundred skills six million times (330 MB as separate strings, none this way).
    if "skills" in frame.columns:
        names: dict[str, str] = {}
        frame["skills"] = [
            [names.setdefault(str(s), str(s)) for s in value] if value is not None else [] for value in frame["skills"]
        ]
    frame["key"] = np.array([listing_key(i) for i in frame["id"]], dtype="int64")
    return frame.reset_index(drop=True)


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
    posted = values["posted_at"]
    values["posted_at"] = None if pd.isna(posted) else pd.Timestamp(posted).date()
    values["skills"] = list(values["skills"])
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
    """The listings table (``SERVING_COLUMNS`` for one without descriptions), normalised."""
    missing = [c for c in COLUMNS if c not in pq.read_schema(path).names]
    if missing:
        raise NployError(f"{path} is not an nploy listings table (missing columns: {', '.join(missing)})")
    # Dictionary-encoded columns come out of Arrow as categoricals without a string per row; one chunk
    # per column, because pandas' take over an Arrow column of many chunks (row groups) costs ms per call.
    arrow = pq.read_table(path, columns=list(columns), read_dictionary=[c for c in CATEGORICAL if c in columns])
    for i, column in enumerate(arrow.schema):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            arrow = arrow.set_column(i, column, arrow.column(i).combine_chunks())
    frame = arrow.drop_columns(["skills"] if "skills" in columns else []).to_pandas(
        types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get
    )
    frame = normalise_dtypes(frame)
    if "skills" in columns:
        frame.insert(list(columns).index("skills"), "skills", _skill_lists(arrow.column("skills")))
    del arrow
    pa.default_memory_pool().release_unused()  # Arrow keeps the freed read buffers pooled otherwise (150 MB at 1M)
    return frame


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
