"""Reading salaries out of what files say: "$120k-150k", "€60,000 - €80,000 a year", "35/hour".

The result is a ``nploy.vocabulary.money.Salary``; normalising it to annual EUR is money's job.
"""

from __future__ import annotations

import re

from nploy.vocabulary.money import EUR_PER_UNIT, NO_SALARY, Salary, SalaryError, make_salary

_PERIOD_WORDS = {
    "hour": ("hour", "hourly", "/hr", "per hr", "an hr", "/h", "ph"),
    "day": ("day", "daily", "per diem", "/d"),
    "week": ("week", "weekly", "/wk"),
    "month": ("month", "monthly", "/mo", "pm"),
    "year": ("year", "annual", "annum", "yearly", "/yr", "pa", "p.a.", "per year", "salary"),
}
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "лв": "BGN", "zł": "PLN", "kr": "SEK"}
_CODE_RE = re.compile(r"\b(" + "|".join(EUR_PER_UNIT) + r")\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(\d[\d,.\s]*\d|\d)\s*([kKmM])?(?![\w])")


def parse_period(text: str | None) -> str | None:
    """'Annual', 'Per Hour', 'a year', '/hr' -> 'year', 'hour', ...; None when absent."""
    if text is None:
        return None
    lowered = f" {str(text).strip().lower()} "
    for period, words in _PERIOD_WORDS.items():
        for word in words:
            if word.startswith("/") and word in lowered:
                return period
            if re.search(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", lowered):
                return period
    return None


def parse_currency(text: str | None) -> str | None:
    if not text:
        return None
    match = _CODE_RE.search(str(text))
    if match:
        return match.group(1).upper()
    for symbol, code in _SYMBOLS.items():
        if symbol in str(text):
            return code
    return None


def _to_number(raw: str, suffix: str | None) -> float:
    digits = raw.replace(" ", "")
    # "60.000" and "60,000" are thousands separators; "35.50" and "35,5" are decimals.
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):
        digits = re.sub(r"[.,]", "", digits)
    else:
        digits = digits.replace(",", "") if "." in digits else digits.replace(",", ".")
    value = float(digits)
    if suffix and suffix.lower() == "k":
        value *= 1_000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def parse_salary_text(text: str, default_currency: str | None = None, default_period: str | None = None) -> Salary:
    """Read "$120k-150k", "€60,000 - €80,000 a year", "35/hour", "up to 90k GBP"."""
    raw = str(text).strip()
    if not raw or raw.lower() in {"nan", "none", "n/a", "na", "-", "competitive", "negotiable", "doe"}:
        return NO_SALARY
    if _is_float(raw):
        # A bare number, scientific notation included ("1e12"), is one amount.
        return make_salary(float(raw), None, default_currency, default_period)
    if re.match(r"^\D{0,4}-\s*\d", raw):
        raise SalaryError(f"negative salary {raw[:40]!r}")
    numbers = [(m.group(1), m.group(2)) for m in _NUMBER_RE.finditer(raw)]
    if not numbers:
        raise SalaryError(f"no amount in salary text {raw!r}")
    values = [_to_number(n, s) for n, s in numbers[:2]]
    # "$120k-150k": the k on the upper bound applies to the lower bound too.
    if len(values) == 2 and numbers[1][1] and not numbers[0][1] and values[0] < 1000:
        values[0] = _to_number(numbers[0][0], numbers[1][1])
    period = parse_period(_NUMBER_RE.sub(" ", raw)) or default_period
    currency = parse_currency(raw) or default_currency
    return make_salary(values[0], values[-1] if len(values) > 1 else None, currency, period)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
