"""CV reading: PDF (pypdf), DOCX (its document.xml, streamed) or plain text in; skills, titles, seniority out.

The file type is taken from its content (magic bytes), not its name. Reading is bounded in size, time and
memory, so a hostile file cannot hold a server's core or take its memory: a size limit, a page limit and
pypdf's own decoding limits (tightened) for PDFs, an element budget for DOCX (streamed, never built as a
tree), a text limit, and a deadline for the whole read. Each ends with one sentence saying what to upload.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from dataclasses import dataclass
from datetime import date

from nploy.errors import NployError
from nploy.records.profile import seniority_for_years
from nploy.vocabulary.roles import OTHER, role_family
from nploy.vocabulary.skills import Taxonomy, load_taxonomy
from nploy.vocabulary.titles import titles_in

# The upload widget allows MAX_MB; Streamlit's server allows 1 MB more (server.maxUploadSize = 10), so the
# multipart framing around a file the browser accepted never meets a bare HTTP 413.
MAX_MB = 9
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_PAGES = 50
MAX_TEXT = 200_000
MAX_UNZIPPED = 50 * 1024 * 1024
# A ten-page CV's document.xml holds about 20,000 elements; 49 MB of empty paragraphs hold 8 million and took
# python-docx 178 s and 2.9 GB. Streamed with a budget it is refused in well under a second.
MAX_DOCX_ELEMENTS = 200_000
MAX_SECONDS = 15.0  # the whole read, whatever the format
_PDF_LIMITS = {  # pypdf's defaults are 75 MB and 2 million operations a stream; a CV needs far less
    "zlib_maximum_output_length": 20_000_000,
    "stream_decoding_work_maximum_length": 60_000_000,
    "stream_parsing_work_maximum_count": 500_000,
    "image_maximum_buffer_size": 20_000_000,
}
# pypdf logs what it repairs ("EOF marker not found") as warnings: printed above the one sentence nploy says about
# the same file, they read as a second, cryptic error. Its errors still raise and are reported.
logging.getLogger("pypdf").setLevel(logging.ERROR)
_TRY_TEXT = "save it again as a PDF, or paste the text into a .txt file and upload that"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


class _Deadline:
    def __init__(self, seconds: float = MAX_SECONDS):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, kind: str) -> None:
        if time.monotonic() > self.end:
            raise CvError(f"this {kind.upper()} took longer than {self.seconds:.0f} s to read, far longer than a CV: {_TRY_TEXT}")


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


def cv_text(data: bytes, seconds: float = MAX_SECONDS) -> tuple[str, str]:
    """(kind, text) of an uploaded CV; CvError with a clear message when it cannot be read."""
    if len(data) > MAX_BYTES:
        raise CvError(f"the CV is larger than {MAX_MB} MB: a CV is rarely over 2 MB; {_TRY_TEXT}")
    if not data.strip():
        raise CvError("the CV is empty")
    kind = sniff(data)
    deadline = _Deadline(seconds)
    if kind == "txt":
        text = data[: MAX_TEXT * 4].decode("utf-8", errors="replace")
    else:
        reader = _pdf_text if kind == "pdf" else _docx_text
        try:
            text = reader(data, deadline)
        except CvError:
            raise
        except Exception as error:  # a parser's own failure on a malformed file: one sentence, never a traceback
            raise CvError(f"the {kind.upper()} is damaged and cannot be read ({type(error).__name__}): {_TRY_TEXT}") from None
    text = text[:MAX_TEXT]
    if not text.strip():
        raise CvError(f"no text found in this {kind.upper()} (a scanned image?): paste the text into a .txt file instead")
    return kind, text


def _pdf_text(data: bytes, deadline: _Deadline) -> str:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        with apply_configuration(**_PDF_LIMITS):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise CvError("the PDF is encrypted: save it without a password and upload again")
            pages = reader.pages
            if len(pages) > MAX_PAGES:
                raise CvError(f"the PDF has {len(pages)} pages; a CV has at most {MAX_PAGES}")
            parts, length = [], 0
            for page in pages:
                deadline.check("pdf")
                parts.append(page.extract_text() or "")
                length += len(parts[-1])
                if length >= MAX_TEXT:  # enough text for a CV: the rest is not read
                    break
            return "\n".join(parts)
    except CvError:
        raise
    except LimitReachedError:
        raise CvError(f"this PDF holds far more data inside than a CV does, so it was not read: {_TRY_TEXT}") from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise CvError(f"the PDF is damaged and cannot be read ({type(error).__name__})") from None


def _docx_text(data: bytes, deadline: _Deadline) -> str:
    """The text of document.xml, streamed: paragraphs (table cells and text boxes included) one a line."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNZIPPED:
                raise CvError("the DOCX unpacks to an implausible size (a zip bomb?) and was not opened")
            if "word/document.xml" not in archive.namelist():
                raise CvError("the file is a ZIP archive but not a Word document")
            with archive.open("word/document.xml") as xml:
                return _document_text(etree, xml, deadline)
    except CvError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError) as error:
        raise CvError(f"the DOCX is damaged and cannot be read ({type(error).__name__})") from None


def _document_text(etree, xml, deadline: _Deadline) -> str:
    lines: list[str] = []
    line: list[str] = []
    length = 0
    events = etree.iterparse(xml, events=("end",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    for count, (_event, element) in enumerate(events):
        if count % 10_000 == 0:
            deadline.check("docx")
            if count >= MAX_DOCX_ELEMENTS:
                raise CvError(f"the DOCX holds over {MAX_DOCX_ELEMENTS:,} elements, far more than a CV: {_TRY_TEXT}")
        tag = element.tag
        if tag == f"{_W}t" and element.text:
            line.append(element.text)
            length += len(element.text)
        elif tag == f"{_W}tab":
            line.append("\t")
        elif tag in (f"{_W}br", f"{_W}p"):
            lines.append("".join(line))
            line = []
            if length >= MAX_TEXT:  # enough text for a CV: the rest is not read
                break
        if tag in (f"{_W}p", f"{_W}tbl", f"{_W}t"):  # read: free it, so memory stays flat whatever the size
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    lines.append("".join(line))
    return "\n".join(lines)


_YEARS = re.compile(r"(\d{1,2})\+?\s*(?:years|yrs)", re.I)
_LEVEL_WORDS = (
    ("lead", r"\b(lead|principal|staff|head of)\b"),
    ("senior", r"\bsenior\b|\bsr\.?\s"),
    ("junior", r"\bjunior\b|\bjr\.?\s|\bgraduate\b"),
    ("intern", r"\bintern(ship)?\b"),
)


# A dated role: "Senior Backend Engineer, Acme ... 2019-2026", "Jan 2015 – Mar 2019", "2021 - present".
_MONTH = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?"
_SPAN = re.compile(
    rf"{_MONTH}((?:19|20)\d\d)\s*(?:-|–|—|to|until)\s*(?:{_MONTH}((?:19|20)\d\d)|(present|now|current|today))", re.I
)
_ROLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|designer|scientist|specialist|administrator|architect|"
    r"consultant|intern|officer|lead|director|tester|researcher|owner)\b",
    re.I,
)


@dataclass(frozen=True)
class Role:
    title: str
    start: int
    end: int


def dated_roles(text: str, this_year: int | None = None) -> list[Role]:
    """The roles a CV dates ("Senior Backend Engineer ... 2019-2026"), most recent first: the title is
    the role-like text on the line of the dates, or the line before it."""
    this_year = this_year or date.today().year
    lines = [line.strip() for line in text.splitlines()]
    roles = []
    for number, line in enumerate(lines):
        span = _SPAN.search(line)
        if not span:
            continue
        start, end = int(span.group(1)), int(span.group(2)) if span.group(2) else this_year
        if not 1950 <= start <= end <= this_year + 1:
            continue
        # The title on the dates' line, or on a line just above that holds no dates of its own.
        above = [lines[n] for n in range(number - 1, max(-1, number - 3), -1)]
        candidates = [line[: span.start()], *[a for a in above[: next((i for i, a in enumerate(above) if _SPAN.search(a)), 2)]]]
        title = next((_role_title(c) for c in candidates if _role_title(c)), None)
        if title:
            roles.append(Role(title, start, end))
    return sorted(roles, key=lambda r: (-r.end, -r.start))


def _role_title(text: str) -> str | None:
    """The title in "Senior Backend Engineer, Acme GmbH, Berlin" or "Software Developer at Initech"."""
    head = re.split(r",|\s[-–—|@]\s|\sat\s|\(", text, maxsplit=1)[0].strip(" .:-–—|")
    return head if 3 < len(head) <= 60 and _ROLE_WORDS.search(head) else None


def summarise(text: str, kind: str = "txt", taxonomy: Taxonomy | None = None) -> CvSummary:
    taxonomy = taxonomy or load_taxonomy()
    roles = dated_roles(text)
    titles = list(dict.fromkeys(r.title for r in roles))[:3] or titles_in(text)[:3]
    if not titles:
        # A title line near the top, recognisable as a role family.
        for line in text.splitlines()[:15]:
            line = line.strip()
            if 3 < len(line) < 60 and role_family(line) != OTHER and not line.endswith("."):
                titles = [line]
                break
    years_found = [int(y) for y in _YEARS.findall(text) if int(y) < 50]
    if roles:  # the span the dated roles cover, from the first start to the last end
        years_found.append(max(r.end for r in roles) - min(r.start for r in roles))
    years = max(years_found) if years_found else None
    return CvSummary(
        kind=kind,
        skills=taxonomy.extract(text)[:40],
        titles=titles,
        seniority=_seniority(text, years),
        years=years,
        characters=len(text),
    )


def with_cv(fields: dict, summary: CvSummary) -> dict:
    """``make_profile`` keywords with what a CV says where they say nothing (``nploy match --cv``): its skills
    after the given ones, its most recent title as the desired title, its level and years. What the user typed
    wins: an explicit title always does (issue 25), and so does a level."""
    out = dict(fields)
    out["skills"] = list(dict.fromkeys([*(fields.get("skills") or []), *summary.skills]))[:50]
    if summary.titles and not fields.get("desired_titles"):
        out["desired_titles"] = summary.titles[:1]  # the most recent role the CV dates: it ranks best
    if summary.seniority and not fields.get("seniority"):
        out["seniority"] = summary.seniority
    if summary.years is not None and fields.get("years_experience") is None:
        out["years_experience"] = min(summary.years, 60)
    return out


def _seniority(text: str, years: int | None) -> str | None:
    head = "\n".join(text.splitlines()[:20])
    for level, pattern in _LEVEL_WORDS:
        if re.search(pattern, head, re.I):
            return level
    return None if years is None else seniority_for_years(years)


def read_cv(data: bytes, seconds: float = MAX_SECONDS) -> CvSummary:
    """The summary of an uploaded CV; CvError with one clear sentence when it cannot be read within its
    budgets (size, pages, elements, text and ``seconds``)."""
    kind, text = cv_text(data, seconds)
    return summarise(text, kind)
