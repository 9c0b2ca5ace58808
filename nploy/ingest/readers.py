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
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from nploy.errors import IngestError

Record = dict[str, object]
_SNIFF_BYTES = 64 * 1024
# One physical line longer than this is rejected, not read: memory stays bounded whatever the file.
MAX_LINE_CHARS = 4 * 1024 * 1024
_OVERLONG = "\x00nploy-overlong-line\x00"
_NUL_LINE = "\x00nploy-nul-line\x00"
# A file is binary when most of its first block is not text (control bytes, or bytes that are no
# UTF-8); a stray NUL in a text file rejects only its line.
BINARY_SHARE = 0.5
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
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
        without_bom = _utf16_without_bom(handle.read(4096))
        if without_bom:
            return without_bom
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
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return
    text = head.decode("utf-8", errors="replace")
    if len(_CONTROL.findall(text)) > BINARY_SHARE * len(text):
        raise IngestError(f"{path.name} is not a text file (binary content)")


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when every other byte of ASCII-range text is NUL, else None."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.9 * len(sample[1::2]) and even < 0.1 * len(sample[0::2]):
        return "utf-16-le"
    if even > 0.9 * len(sample[0::2]) and odd < 0.1 * len(sample[1::2]):
        return "utf-16-be"
    return None


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
        if "\x00" in line:  # a stray NUL byte: this line is rejected, not the file
            yield _NUL_LINE + "\n"
            continue
        yield line


class _LineTap:
    """The lines a CSV reader consumes, the last ``keep`` of them remembered by number, so a record
    that ran over several lines can be read again line by line."""

    def __init__(self, lines: Iterator[str], keep: int = 4096):
        self._lines = lines
        self.seen: deque[str] = deque(maxlen=keep)
        self.count = 0

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.seen.append(line)
        self.count += 1
        return line

    def lines(self, first: int, last: int) -> list[str]:
        """Physical lines ``first``..``last`` (1-based), as far as they are still remembered."""
        offset = self.count - len(self.seen) + 1
        return [self.seen[n - offset] for n in range(max(first, offset), last + 1)]


def _read_csv(path: Path, delimiter: str) -> Iterator[tuple[int, Record]]:
    with open(path, newline="", encoding=detect_encoding(path), errors="replace") as handle:
        tap = _LineTap(_bounded_lines(handle))
        reader = csv.reader(tap, delimiter=delimiter)
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
        first_values: list[str] = []  # the first column of good records: what a record's start looks like
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
                swallowed = _swallowed(tap.lines(line + 1, reader.line_num), header, delimiter, first_values)
                if swallowed:
                    reason = f"an unclosed quote ran over the next {len(swallowed)} line(s); they were read again"
                    yield line, {"__error__": reason}
                    for offset, raw in enumerate(swallowed, start=1):
                        yield from _reread(line + offset, raw, header, delimiter)
                elif any(_NUL_LINE in f for f in fields):
                    yield line, {"__error__": "a NUL byte in this line"}
                elif any(_OVERLONG in f for f in fields):
                    yield line, {"__error__": f"a line longer than {MAX_LINE_CHARS:,} characters"}
                elif len(fields) != len(header):
                    yield line, {"__error__": f"{len(fields)} fields where the header has {len(header)}"}
                else:
                    first_values = (first_values + [fields[0]])[-20:]
                    yield line, dict(zip(header, fields))
            line = reader.line_num + 1


def _swallowed(continuation: list[str], header: list[str], delimiter: str, first_values: list[str]) -> list[str]:
    """The lines a record took after its first, when they are records of their own that an unclosed
    quote swallowed (empty otherwise). Why so careful: a quoted description legitimately spans lines,
    and a line of it may hold commas; a swallowed line parses to exactly the header's field count and
    starts like the records before it (a numeric id after numeric ids)."""
    if len(header) < 3 or not continuation or not first_values:
        return []
    numeric_ids = all(v.strip().isdigit() for v in first_values)
    for raw in continuation:
        fields = next(csv.reader([raw], delimiter=delimiter), [])
        first = fields[0].strip() if fields else ""
        if len(fields) == len(header) and first and len(first) <= 40 and first.isdigit() == numeric_ids:
            return continuation
    return []


def _reread(number: int, raw: str, header: list[str], delimiter: str) -> Iterator[tuple[int, Record]]:
    """One physical line read again as a record on its own."""
    fields = next(csv.reader([raw.rstrip("\r\n")], delimiter=delimiter), [])
    if len(fields) == len(header) and any(f.strip() for f in fields):
        yield number, dict(zip(header, fields))
    elif raw.strip():
        yield number, {"__error__": f"part of a record broken by an unclosed quote ({len(fields)} fields)"}


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
    records = records_in(payload)
    if records is None:
        raise IngestError(f"{path.name}: expected a JSON array of listings or an object holding one array")
    for number, value in enumerate(records, start=1):
        yield number, value if isinstance(value, dict) else {"__error__": "a JSON item that is not an object"}


def records_in(payload: object, depth: int = 0) -> list | None:
    """The list of records in a JSON document: the document itself, or the longest list of objects
    inside it up to three levels down (Greenhouse's "jobs", USAJOBS' SearchResult.SearchResultItems)."""
    if isinstance(payload, list):
        return payload
    if not isinstance(payload, dict) or depth > 2:
        return None
    candidates = [v for v in payload.values() if isinstance(v, list) and any(isinstance(i, dict) for i in v)]
    candidates += [found for v in payload.values() if isinstance(v, dict) for found in [records_in(v, depth + 1)] if found]
    if not candidates:
        lists = [v for v in payload.values() if isinstance(v, list)]
        return lists[0] if len(lists) == 1 else None
    return max(candidates, key=len)


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
