"""Which postings are one job: the same title at the same employer (case and spacing aside). Real exports repeat
a job many times (``nploy.matching.repeats`` folds them into one card); the rows of one job share a code."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from nploy.records.listing import Listing

_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    """A title or employer as two postings of one job share it: case and spacing aside."""
    return _SPACE.sub(" ", text).strip().casefold()


def job_key(listing: Listing) -> tuple[str, str]:
    """What makes two postings one job: the same title at the same employer (``_normal``). A posting
    without an employer is a job of its own: two "Data Engineer" ads of unknown employers may be anyone's."""
    company = _normal(listing.company)
    return (_normal(listing.title), company) if company else ("", listing.id)


def job_codes(titles: pd.Series, companies: pd.Series) -> np.ndarray:
    """One integer per table row, equal for the rows of one job (the rule of ``job_key``). Titles and
    employers repeat, so each distinct value is normalised once."""
    title = _normalised_codes(titles)
    company = _normalised_codes(companies)
    codes = title * (int(company.max(initial=0)) + 1) + company
    # No employer, no job shared: each such row gets a code of its own, above every other code.
    alone = np.flatnonzero(company == 0)
    codes[alone] = codes.max(initial=0) + 1 + np.arange(len(alone))
    return codes


def _normalised_codes(values: pd.Series) -> np.ndarray:
    """Codes of the values after ``_normal``; 0 is the empty value."""
    raw, distinct = pd.factorize(values.fillna("").astype(str))
    folded = np.array([_normal(value) for value in distinct], dtype=object)
    normal, _ = pd.factorize(folded)
    return np.where(folded == "", 0, normal + 1).astype("int64")[raw]
