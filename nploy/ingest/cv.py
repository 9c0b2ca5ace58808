"""CV reading: PDF (pypdf), DOCX (python-docx) or plain text in; skills, titles, seniority out.

The file type is taken from its content (magic bytes), not its name. Reading is bounded: a size
limit, a page limit for PDFs and a text limit, so a hostile file cannot stall the app.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from nploy.errors import NployError
from nploy.records.profile import seniority_for_years
from nploy.vocabulary.roles import OTHER, TITLES, role_family
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 50
MAX_TEXT = 200_000
MAX_UNZIPPED = 50 * 1024 * 1024


class CvError(NployError):
    """The CV cannot be read; the message says why and what to upload instead."""


@dataclass(frozen=True)
class CvSummary:
    kind: str
    skills: list[str]
    titles: list[str]
    seniority: str | None
    years: int | None
    characters: int


def sniff(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multi-byte character at the end of the sample is still text.
        if error.start < 4090:
            raise CvError("unsupported file: upload a PDF, a DOCX or a plain-text CV") from None
    if b"\x00" in data[:4096]:
        raise CvError("unsupported file: upload a PDF, a DOCX or a plain-text CV")
    return "txt"


def cv_text(data: bytes) -> tuple[str, str]:
    """(kind, text) of an uploaded CV; CvError with a clear message when it cannot be read."""
    if len(data) > MAX_BYTES:
        raise CvError(f"the CV is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise CvError("the CV is empty")
    kind = sniff(data)
    reader = {"pdf": _pdf_text, "docx": _docx_text, "txt": lambda d: d.decode("utf-8", errors="replace")}[kind]
    text = reader(data)[:MAX_TEXT]
    if not text.strip():
        raise CvError(f"no text found in this {kind.upper()} (a scanned image?): paste the text into a .txt file instead")
    return kind, text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CvError("the PDF is encrypted: save it without a password and upload again")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise CvError(f"the PDF has {len(pages)} pages; a CV has at most {MAX_PAGES}")
        return "\n".join(page.extract_text() or "" for page in pages)
    except CvError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise CvError(f"the PDF is damaged and cannot be read ({type(error).__name__})") from None


def _docx_text(data: bytes) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNZIPPED:
                raise CvError("the DOCX unpacks to an implausible size (a zip bomb?) and was not opened")
            if "word/document.xml" not in archive.namelist():
                raise CvError("the file is a ZIP archive but not a Word document")
        document = docx.Document(io.BytesIO(data))
    except CvError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CvError(f"the DOCX is damaged and cannot be read ({type(error).__name__})") from None
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


_KNOWN_TITLES = sorted({t for titles in TITLES.values() for t in titles}, key=len, reverse=True)
_YEARS = re.compile(r"(\d{1,2})\+?\s*(?:years|yrs)", re.I)
_LEVEL_WORDS = (
    ("lead", r"\b(lead|principal|staff|head of)\b"),
    ("senior", r"\bsenior\b|\bsr\.?\s"),
    ("junior", r"\bjunior\b|\bjr\.?\s|\bgraduate\b"),
    ("intern", r"\bintern(ship)?\b"),
)


def summarise(text: str, kind: str = "txt", taxonomy: Taxonomy | None = None) -> CvSummary:
    taxonomy = taxonomy or load_taxonomy()
    lowered = text.lower()
    titles = [t for t in _KNOWN_TITLES if t.lower() in lowered][:3]
    if not titles:
        # A title line near the top, recognisable as a role family.
        for line in text.splitlines()[:15]:
            line = line.strip()
            if 3 < len(line) < 60 and role_family(line) != OTHER and not line.endswith("."):
                titles = [line]
                break
    years_found = [int(y) for y in _YEARS.findall(text) if int(y) < 50]
    years = max(years_found) if years_found else None
    return CvSummary(
        kind=kind,
        skills=taxonomy.extract(text)[:40],
        titles=titles,
        seniority=_seniority(text, years),
        years=years,
        characters=len(text),
    )


def _seniority(text: str, years: int | None) -> str | None:
    head = "\n".join(text.splitlines()[:20])
    for level, pattern in _LEVEL_WORDS:
        if re.search(pattern, head, re.I):
            return level
    return None if years is None else seniority_for_years(years)


def read_cv(data: bytes) -> CvSummary:
    kind, text = cv_text(data)
    return summarise(text, kind)
