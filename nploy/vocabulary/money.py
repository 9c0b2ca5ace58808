"""Money: a salary range as a record, and its normalisation to an annual EUR figure.

The FX table and period factors are fixed on purpose: a dashboard whose numbers change with
the day's exchange rate cannot be compared with itself. They are documented in docs/schema.md.
Reading salaries out of text is ingest's job (``nploy.ingest.salary``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nploy.errors import NployError

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
    "AUD": 0.61,
    "NZD": 0.56,
    "SGD": 0.69,
    "JPY": 0.0061,
    "INR": 0.011,
    "BRL": 0.17,
    "ZAR": 0.050,
    "HKD": 0.118,
    "ILS": 0.25,
    "CNY": 0.128,
    "TRY": 0.028,
    "KRW": 0.00068,
}

# Working-time factors to a year: 40 h x 52 weeks, 260 working days.
PERIOD_TO_YEAR: dict[str, float] = {
    "hour": 2080.0,
    "day": 260.0,
    "week": 52.0,
    "biweek": 26.0,
    "month": 12.0,
    "year": 1.0,
}

# Anything above this annual EUR figure is a typo or a unit error, not a salary.
MAX_ANNUAL_EUR = 5_000_000.0


class SalaryError(NployError, ValueError):
    """A salary that cannot be read; the message says why."""


@dataclass(frozen=True)
class Salary:
    minimum: float | None
    maximum: float | None
    currency: str | None
    period: str | None
    estimated: bool = False  # a board's or an aggregator's estimate, not what the employer stated

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


NO_SALARY = Salary(None, None, None, None)


def to_annual_eur(amount: float, currency: str, period: str) -> float:
    currency = currency.upper()
    if currency not in EUR_PER_UNIT:
        raise SalaryError(f"unknown currency {currency!r} (known: {', '.join(EUR_PER_UNIT)})")
    if period not in PERIOD_TO_YEAR:
        raise SalaryError(f"unknown salary period {period!r}")
    return amount * PERIOD_TO_YEAR[period] * EUR_PER_UNIT[currency]


def make_salary(
    minimum: float | None, maximum: float | None, currency: str | None, period: str | None, estimated: bool = False
) -> Salary:
    """Validate a numeric range; raise SalaryError with the reason when it is not a salary."""
    if minimum == 0 and maximum:
        minimum = None  # "0 - 100,000" is an upper bound, as exports write "up to"
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
    salary = Salary(minimum, maximum, currency if values else None, period if values else None, estimated and bool(values))
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
