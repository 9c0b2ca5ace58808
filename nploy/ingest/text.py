"""Text as files give it: whitespace, mojibake, HTML, company names with a rating, links."""

from __future__ import annotations

import html
import re

import ftfy
import pandas as pd
from bs4 import BeautifulSoup


def clean_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    # ftfy repairs mojibake ("â€¢" for "•", common in real exports); it is slow, so only when a marker is there.
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text)
    return _SPACES.sub(" ", text).strip()


# A UTF-8 lead byte read as Latin-1 or Windows-1252 (Â-ô) followed by a continuation byte read the same way
# (\x80-\xbf, or the Windows-1252 letters and signs at 0x80-0x9f): "â\x80\x99" and "â€™" for "’", "Å\x84" for
# "ń" (RemoteOK's answers carry the Latin-1 kind). ftfy itself decides; this only says when to ask it.
_LEAD = "\u00c2-\u00f4"
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[{_LEAD}][{_CONTINUATION}]")
_SPACES = re.compile(r"\s+")


def html_to_text(value: object) -> str:
    """Plain text from a description that may be HTML; markup is parsed, never kept. HTML that arrives
    escaped ("&lt;p&gt;", as Greenhouse's board API sends it) is unescaped first."""
    text = "" if value is None else str(value)
    if "&lt;" in text and not re.search(r"<[a-zA-Z/!][^>]*>", text):
        text = html.unescape(text)
    if re.search(r"<[a-zA-Z/!][^>]*>", text):
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text(separator=" ")
    return clean_text(text)


# Glassdoor scrapes append the company's rating to its name on a new line: "Tecolote Research\n3.8".
_RATING = re.compile(r"\s*\n\s*[0-5](?:\.\d)?\s*$")


def company_name(value: object) -> str:
    """A company name without a trailing star rating."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return clean_text(_RATING.sub("", text))


def safe_url(value: object) -> str:
    """Only http(s) links survive: a javascript: or data: URL in a listing must never be clickable."""
    text = clean_text(value)
    return text if re.match(r"^https?://[^\s<>\"']+$", text, re.I) else ""
