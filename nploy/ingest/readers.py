"""Reading listing files as a stream of (source line, record) pairs, whatever the format.

CSV is read with the ``csv`` module so each record keeps the physical line it starts on (a
quoted field may span many lines); JSON arrays, JSON Lines and Parquet give the record number.
Everything is a stream, so memory stays bounded by one record (one Parquet batch).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from nploy.errors import IngestError

Record = dict[str, object]
_SNIFF_BYTES = 64 * 1024
# One physical line longer than this is rejected, not read: memory stays bounded whatever the file.
MAX_LINE_CHARS = 4 * 1024 * 1024
_OVERLONG = "\x00nploy-overlong-line\x00"
MAX_JSON_BYTES = 512 * 1024 * 1024
# A field may be large (NYC job descriptions are several KB) but not unbounded.
csv.field_size_limit(16 * 1024 * 1024)


def detect_encoding(path: Path) -> str:
    """UTF-16/UTF-8 by BOM, else UTF-8 if the file decodes as UTF-8, else Windows-1252."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _check_text(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head.strip():
        raise IngestError(f"{path.name} is empty")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError(f"{path.name} is not a text file (binary content)")


def read_records(path: Path, file_format: str | None = None) -> Iterator[tuple[int, Record]]:
    """Yield (line or record number, record) for every row of a listings file."""
    if not path.exists():
        raise IngestError(f"{path} does not exist")
    kind = (file_format or path.suffix.lstrip(".")).lower()
    if kind == "parquet":
        yield from _read_parquet(path)
        return
    _check_text(path)
    if kind == "csv" or kind == "tsv":
        yield from _read_csv(path, delimiter="\t" if kind == "tsv" else ",")
    elif kind in ("jsonl", "ndjson"):
        yield from _read_jsonl(path)
    elif kind == "json":
        yield from _read_json(path)
    else:
        raise IngestError(f"{path.name}: unknown file type {kind!r} (use .csv, .json, .jsonl or .parquet, or --format)")


def _bounded_lines(handle) -> Iterator[str]:
    """Lines of a text file, each at most MAX_LINE_CHARS; a longer line is skipped in chunks and
    replaced by a marker the CSV reader turns into a rejected row."""
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while True:
                rest = handle.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith("\n"):
                    break
            yield _OVERLONG + "\n"
            continue
        yield line


def _read_csv(path: Path, delimiter: str) -> Iterator[tuple[int, Record]]:
    with open(path, newline="", encoding=detect_encoding(path), errors="replace") as handle:
        reader = csv.reader(_bounded_lines(handle), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise IngestError(f"{path.name} is empty") from None
        except csv.Error as error:
            raise IngestError(f"{path.name}: unreadable CSV header ({error})") from None
        header = [h.strip() for h in header]
        if not any(header):
            raise IngestError(f"{path.name}: the first line is not a header")
        line = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield line, {"__error__": f"malformed CSV ({error})"}
                line = reader.line_num + 1
                continue
            if fields and any(f.strip() for f in fields):
                if any(_OVERLONG in f for f in fields):
                    yield line, {"__error__": f"a line longer than {MAX_LINE_CHARS:,} characters"}
                elif len(fields) != len(header):
                    yield line, {"__error__": f"{len(fields)} fields where the header has {len(header)}"}
                else:
                    yield line, dict(zip(header, fields))
            line = reader.line_num + 1


def _read_jsonl(path: Path) -> Iterator[tuple[int, Record]]:
    with open(path, encoding=detect_encoding(path), errors="replace") as handle:
        for number, text in enumerate(_bounded_lines(handle), start=1):
            if not text.strip():
                continue
            if text.startswith(_OVERLONG):
                yield number, {"__error__": f"a line longer than {MAX_LINE_CHARS:,} characters"}
                continue
            try:
                value = json.loads(text)
            except RecursionError:
                yield number, {"__error__": "JSON nested too deeply"}
                continue
            except ValueError as error:
                yield number, {"__error__": f"invalid JSON ({error.args[0][:80]})"}
                continue
            yield number, value if isinstance(value, dict) else {"__error__": "a JSON line that is not an object"}


def _read_json(path: Path) -> Iterator[tuple[int, Record]]:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise IngestError(
            f"{path.name} is over {MAX_JSON_BYTES // (1024 * 1024)} MB: convert it to JSON Lines (one listing per line)"
        )
    with open(path, encoding=detect_encoding(path), errors="replace") as handle:
        try:
            payload = json.load(handle)
        except RecursionError:
            raise IngestError(f"{path.name}: JSON nested too deeply to be listings") from None
        except ValueError as error:
            raise IngestError(f"{path.name} is not valid JSON ({str(error)[:120]}); for one object per line use .jsonl") from None
    if isinstance(payload, dict):
        lists = [v for v in payload.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise IngestError(f"{path.name}: expected a JSON array of listings or an object holding one array")
        payload = lists[0]
    if not isinstance(payload, list):
        raise IngestError(f"{path.name}: expected a JSON array of listings")
    for number, value in enumerate(payload, start=1):
        yield number, value if isinstance(value, dict) else {"__error__": "a JSON item that is not an object"}


def _read_parquet(path: Path) -> Iterator[tuple[int, Record]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a non-Parquet file
        raise IngestError(f"{path.name} is not a readable Parquet file ({str(error)[:120]})") from None
    number = 0
    for batch in parquet.iter_batches(batch_size=10_000):
        for record in batch.to_pylist():
            number += 1
            yield number, record


def raw_preview(record: Record, limit: int = 300) -> str:
    """A short one-line rendering of a record for the rejects file."""
    buffer = io.StringIO()
    json.dump({k: v for k, v in record.items() if k != "__error__"}, buffer, default=str, ensure_ascii=False)
    text = buffer.getvalue().replace("\n", " ")
    return text[:limit] + ("..." if len(text) > limit else "")
