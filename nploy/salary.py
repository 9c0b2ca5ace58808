"""Salaries: parsing from numbers or strings, and normalisation to an annual EUR figure.

The FX table and period factors are fixed on purpose: a dashboard whose numbers change with
the day's exchange rate cannot be compared with itself. They are documented in the README.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# EUR per one unit of currency: ECB reference rates, averaged over 2024 and rounded.
EUR_PER_UNIT: dict[str, float] = {
    "EUR": 1.0,
    "USD": 0.92,
    "GBP": 1.18,
    "CHF": 1.05,
    "CAD": 0.68,
    "BGN": 0.5113,
    "RON": 0.201,
    "PLN": 0.232,
    "CZK": 0.040,
    "HUF": 0.00253,
    "SEK": 0.087,
    "DKK": 0.134,
    "NOK": 0.086,
    "MXN": 0.051,
}

# Working-time factors to a year: 40 h x 52 weeks, 260 working days.
PERIOD_TO_YEAR: dict[str, float] = {"hour": 2080.0, "day": 260.0, "week": 52.0, "month": 12.0, "year": 1.0}

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

# Anything above this annual EUR figure is a typo or a unit error, not a salary.
MAX_ANNUAL_EUR = 5_000_000.0


class SalaryError(ValueError):
    """A salary that cannot be read; the message says why."""


@dataclass(frozen=True)
class Salary:
    minimum: float | None
    maximum: float | None
    currency: str | None
    period: str | None

    @property
    def disclosed(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    def annual_eur(self) -> float | None:
        """Midpoint of the range as an annual EUR figure, or None when undisclosed."""
        if not self.disclosed:
            return None
        values = [v for v in (self.minimum, self.maximum) if v is not None]
        midpoint = sum(values) / len(values)
        return to_annual_eur(midpoint, self.currency or "EUR", self.period or "year")


def to_annual_eur(amount: float, currency: str, period: str) -> float:
    currency = currency.upper()
    if currency not in EUR_PER_UNIT:
        raise SalaryError(f"unknown currency {currency!r} (known: {', '.join(EUR_PER_UNIT)})")
    if period not in PERIOD_TO_YEAR:
        raise SalaryError(f"unknown salary period {period!r}")
    return amount * PERIOD_TO_YEAR[period] * EUR_PER_UNIT[currency]


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
        return Salary(None, None, None, None)
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


def make_salary(minimum: float | None, maximum: float | None, currency: str | None, period: str | None) -> Salary:
    """Validate a numeric range; raise SalaryError with the reason when it is not a salary."""
    values = [v for v in (minimum, maximum) if v is not None]
    for value in values:
        if math.isnan(value) or math.isinf(value):
            raise SalaryError("salary is not a finite number")
        if value < 0:
            raise SalaryError(f"negative salary {value:g}")
        if value == 0:
            raise SalaryError("salary of zero")
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    currency = (currency or "EUR").upper()
    if values and not period:
        period = guess_period(max(values))
    salary = Salary(minimum, maximum, currency if values else None, period if values else None)
    annual = salary.annual_eur()
    if annual is not None and annual > MAX_ANNUAL_EUR:
        raise SalaryError(f"salary {max(values):g} {currency} per {period} is implausibly high")
    return salary


def guess_period(amount: float) -> str:
    """An amount with no stated period: under 500 reads as hourly, under 20,000 as monthly."""
    if amount < 500:
        return "hour"
    if amount < 20_000:
        return "month"
    return "year"
