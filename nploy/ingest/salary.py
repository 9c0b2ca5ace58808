"""Reading salaries out of what files and postings say.

"$120k-150k", "€60.000 - €80.000 a year", "$17-$24 Per Hour(Glassdoor est.)", "Employer Provided
Salary:$150K-$160K", "USA, NY, New York - 104,900.00 - 179,500.00 USD annually", "$182K – $265K • Offers
Equity", "up to 90k GBP", "OTE $120k", "$31,2k". Amounts and their separators (decimal commas, thousands
dots and spaces) are read by price-parser; what stays here are the job-market rules: k for thousands,
which two amounts make a range, the period words, estimates, and which currency a "$" is in which country.
The result is a ``nploy.vocabulary.money.Salary``; normalising it to annual EUR is money's job. Salaries
stated in a description's prose are ``nploy.ingest.prose_salary``'s.
"""

from __future__ import annotations

import re
from decimal import Decimal

from price_parser import Price

from nploy.vocabulary.money import EUR_PER_UNIT, NO_SALARY, Salary, SalaryError, make_salary

_PERIOD_WORDS = {
    "hour": ("hour", "hours", "hourly", "/hr", "per hr", "an hr", "/h", "ph", "p.h."),
    "day": ("day", "daily", "per diem", "/d", "daily rate", "day rate"),
    "biweek": ("biweekly", "bi-weekly", "every two weeks", "fortnight", "fortnightly"),
    "week": ("week", "weekly", "/wk"),
    "month": ("month", "monthly", "/mo", "pm", "p.m.", "mo"),
    "year": ("year", "annual", "annually", "annum", "yearly", "/yr", "yr", "pa", "p.a.", "per year", "salary"),
}
# Symbols as price-parser reports them; a plain "$", "¥" or "kr" depends on the country.
_SYMBOLS = {
    "US$": "USD",
    "USD$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "CAD$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "SG$": "SGD",
    "HK$": "HKD",
    "MX$": "MXN",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₪": "ILS",
    "₩": "KRW",
    "zł": "PLN",
    "лв": "BGN",
    "лв.": "BGN",
    "Kč": "CZK",
    "Ft": "HUF",
    "lei": "RON",
    "Fr.": "CHF",
}
_BY_COUNTRY = {
    "$": ({"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "MX": "MXN", "HK": "HKD"}, "USD"),
    "¥": ({"CN": "CNY"}, "JPY"),
    "kr": ({"NO": "NOK", "DK": "DKK"}, "SEK"),
}
_CODE_RE = re.compile(r"\b(" + "|".join(EUR_PER_UNIT) + r")\b")
# One amount: an optional currency before it, the number, an optional k, an optional currency after.
_CURRENCY = r"(?:[A-Z]{1,3}\$|\$|€|£|¥|₹|₪|₩|R\$|\b[A-Z]{3}\b)"
_AFTER = r"(?:\b[A-Z]{3}\b|€|£|zł|лв\.?|kr\b|Kč|Ft\b|lei\b)"
# "101, 125": a thousands comma with a stray space after it (seen in a real posting's pay range).
_NUMBER = r"\d{1,3}(?:,[ \u00a0]\d{3})+(?![\d,])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d[\d.,'’]*\d|\d"
_AMOUNT = re.compile(rf"(?P<before>{_CURRENCY})?\s?(?P<number>{_NUMBER})\s?(?P<k>[kK](?![a-zA-Z]))?\s?(?P<after>{_AFTER})?")
# A range's two amounts, "- " between them, a period word after the first allowed ("$130,000/year - $150,000/year").
_GAP_PERIOD = r"(?:(?:/|per\s+|an?\s+)(?:year|yr|annum|hour|hr|month|mo|day|week)\s*)?"
_RANGE_GAP = re.compile(rf"^\s*{_GAP_PERIOD}(?:-|–|—|to|and|bis|~)\s*$", re.I)
_UP_TO = re.compile(r"\b(up to|to|max(imum)?|bis zu)\s*$", re.I)
_FROM = re.compile(r"\b(from|starting at|min(imum)?|ab|at least)\s*$", re.I)
_ESTIMATE = re.compile(r"\best\b\.?|\bestimated?\b|salary_is_predicted", re.I)
_NONE = {"", "nan", "none", "null", "n/a", "na", "-", "-1", "competitive", "negotiable", "doe", "tbd", "tba", "unpaid"}


def parse_period(text: str | None) -> str | None:
    """'Annual', 'Per Hour', 'a year', '/hr', 'YEARLY', 'per-year-salary' -> 'year', 'hour', ...; None when absent."""
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


def currency_code(symbol: str | None, country: str | None = None) -> str | None:
    """ISO 4217 for a symbol or code as written ("$", "CA$", "€", "USD"), a "$" read in its country."""
    if not symbol:
        return None
    symbol = symbol.strip()
    if symbol.upper() in EUR_PER_UNIT:
        return symbol.upper()
    if symbol in _SYMBOLS:
        return _SYMBOLS[symbol]
    if symbol in _BY_COUNTRY:
        by_country, default = _BY_COUNTRY[symbol]
        return by_country.get(country or "", default)
    return None


def parse_currency(text: str | None, country: str | None = None) -> str | None:
    """The currency a salary text names (a code wins over a symbol), read in its country."""
    if not text:
        return None
    match = _CODE_RE.search(str(text))
    if match:
        return match.group(1)
    for amount in _AMOUNT.finditer(str(text)):
        code = currency_code(amount.group("before") or amount.group("after"), country)
        if code:
            return code
    price = Price.fromstring(str(text))
    return currency_code(price.currency, country)


def _value(match: re.Match) -> float:
    number = re.sub(r",[ \u00a0](?=\d{3})", ",", match.group("number")).replace("’", "'")
    amount = Price.fromstring(number).amount
    if amount is None:
        raise SalaryError(f"no amount in {match.group(0)!r}")
    value = float(Decimal(amount))
    return value * 1000 if match.group("k") else value


def says_nothing(value: object) -> bool:
    """A salary cell that states no pay: empty, "Competitive", "-1", a de-identified "<SALARY>"."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    raw = str(value).strip()
    return raw.lower().strip(".") in _NONE or bool(re.fullmatch(r"<[A-Z_]+>", raw))


def parse_salary_text(
    text: str,
    default_currency: str | None = None,
    default_period: str | None = None,
    country: str | None = None,
    estimated: bool = False,
) -> Salary:
    """A salary as written; NO_SALARY for "Competitive" and the like; SalaryError when it says
    something that is not a salary ("lots")."""
    raw = str(text).strip()
    if says_nothing(raw):
        return NO_SALARY
    estimated = estimated or bool(_ESTIMATE.search(raw))
    if _is_float(raw):
        # A bare number, scientific notation included ("1e12"), is one amount.
        return make_salary(float(raw), None, default_currency, default_period, estimated)
    if re.match(r"^\D{0,4}-\s*\d", raw):
        raise SalaryError(f"negative salary {raw[:40]!r}")
    amounts = [m for m in _AMOUNT.finditer(raw) if not _is_year(m)]
    if not amounts:
        raise SalaryError(f"no amount in salary text {raw[:60]!r}")
    low, high = _range(raw, amounts)
    first = low if low is not None else high
    # A code written anywhere in the text ("$140,000 - $160,000 AUD", "USD $80,000") outranks a "$", which
    # only says dollars; the "$" is then read in the listing's country.
    code = _CODE_RE.search(raw)
    currency = code.group(1) if code else None
    currency = currency or (currency_code(first.group("before") or first.group("after"), country) if first else None)
    currency = currency or parse_currency(raw, country) or default_currency
    period = parse_period(_AMOUNT.sub(" ", raw)) or default_period
    low_value = _value(low) if low is not None else None
    high_value = _value(high) if high is not None else None
    # "$120k-150k" and "60-80k EUR": the k on one bound applies to the other.
    if low is not None and high is not None and bool(low.group("k")) != bool(high.group("k")):
        if not low.group("k") and low_value < 1000:
            low_value *= 1000
        elif not high.group("k") and high_value < 1000:
            high_value *= 1000
    if low_value is not None and high_value is not None and high_value < low_value / 5:
        raise SalaryError(f"a range that runs backwards ({raw[:60]!r}): left empty rather than misread")
    return make_salary(low_value, high_value, currency, period, estimated)


def _range(raw: str, amounts: list[re.Match]) -> tuple[re.Match | None, re.Match | None]:
    """The (low, high) amounts of a salary text: the first pair written as a range, else one amount
    (an upper bound after "up to", a lower one after "from")."""
    for left, right in zip(amounts, amounts[1:]):
        if _RANGE_GAP.match(raw[left.end() : right.start()]):
            return left, right
    marked = [m for m in amounts if m.group("before") or m.group("after") or m.group("k")]
    single = marked[0] if marked else amounts[0]
    if _UP_TO.search(raw[: single.start()]):
        return None, single
    return single, None


def _is_year(match: re.Match) -> bool:
    """A bare 19xx/20xx with no currency or k is a year in a sentence, not pay."""
    number = match.group("number")
    return (
        not (match.group("before") or match.group("after") or match.group("k"))
        and len(number) == 4
        and number.isdigit()
        and 1900 <= int(number) <= 2100
    )


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
