"""Salaries stated in a description's prose ("The base salary range for this role is $120,000 - $150,000 per
year"), read by the rules of ``nploy.ingest.salary`` and only where they are pay: in pay context, not a budget,
a bonus, funding or a cap, and plausible for their period. A number read wrong is worse than none (issue 26:
8 of 14 prose salaries read before were wrong); ``nploy.quality.prose_salaries`` measures it on a judged sample.
"""

from __future__ import annotations

import re

from nploy.ingest.salary import (
    _AFTER,
    _AMOUNT,
    _BY_COUNTRY,
    _CODE_RE,
    _CURRENCY,
    _GAP_PERIOD,
    _NUMBER,
    _value,
    currency_code,
    parse_salary_text,
)
from nploy.vocabulary.money import EUR_PER_UNIT, Salary, SalaryError

# Prose that a salary in a description sits near ("The base salary range is $120,000 - $150,000").
_PAY_WORDS = re.compile(r"salary|compensation|\bpay\b|\bbase\b|\bOTE\b|\bwage|\brate\b|earn|remunerat|gehalt|range", re.I)

_IN_PROSE = re.compile(
    rf"(?:{_CURRENCY})\s?(?:{_NUMBER})\s?[kK]?(?:\s*{_GAP_PERIOD}(?:-|–|—|to)\s*(?:{_CURRENCY})?\s?(?:{_NUMBER})\s?[kK]?)?"
    rf"|(?:{_NUMBER})\s?[kK]?(?:\s*(?:-|–|—|to|bis)\s*(?:{_NUMBER})\s?[kK]?)?\s?(?:{_AFTER})"
)


_CODE_BEFORE = re.compile(r"\b(" + "|".join(EUR_PER_UNIT) + r")\s*$")


def only_a_bare_symbol(text: str) -> bool:
    """Whether a salary text's only currency is a symbol several countries use ("$", "¥", "kr"), no code."""
    if _CODE_RE.search(text):
        return False
    symbols = [m.group("before") or m.group("after") for m in _AMOUNT.finditer(text)]
    return any(s in _BY_COUNTRY for s in symbols if s) and not any(s and s not in _BY_COUNTRY for s in symbols)


def currency_stated(text: str, limit: int = 20_000) -> str | None:
    """A currency code a text writes beside an amount ("USD $80,000", "80,000 USD"): what a bare "$" of the
    listing's salary field is in, whatever its country ("$80k - $100k" on a Mexico-based role paid in USD)."""
    for match in _IN_PROSE.finditer(text[:limit]):
        before = text[max(0, match.start() - 8) : match.start()]
        found = _CODE_BEFORE.search(before) or _CODE_RE.search(match.group(0))
        if found:
            return found.group(1)
    return None


def find_salary(text: str, country: str | None = None, limit: int = 20_000) -> Salary | None:
    """A salary stated in a description's prose ("The base salary range for this role is $120,000 -
    $150,000 per year"): the first amount ``salary_at`` reads as pay. None when there is none."""
    text = text[:limit]
    return next(filter(None, (salary_at(text, match, country) for match in _IN_PROSE.finditer(text))), None)


def stated_amounts(text: str) -> set[float]:
    """Every amount a text states, read as ``parse_salary_text`` reads them ("€ 48.286" is 48,286; "£75-85K" is 75,000
    and 85,000): for checking a reading against what was written."""
    found = set()
    for match in _AMOUNT.finditer(text):
        try:
            value = _value(match)
        except SalaryError:
            continue
        found |= {value, value * 1000}  # "£75-85K": the k of one bound applies to the other
    return found


def prose_amounts(text: str, limit: int = 20_000) -> list[re.Match]:
    """Every amount in prose that names a currency (what ``salary_at`` is asked about)."""
    return [m for m in _IN_PROSE.finditer(text[:limit]) if _names_currency(m, None)]


def salary_at(text: str, match: re.Match, country: str | None = None) -> Salary | None:
    """The salary one amount in prose states, or None: it must carry a currency, sit in a sentence that speaks
    of pay (salary, compensation, base, pay range, an hourly rate), not of a budget, a bonus, funding or a cap,
    and be plausible as pay for its period. A number read wrong is worse than none: the salary floor, the
    market and the gaps all read it."""
    before = text[max(0, match.start() - 120) : match.start()]  # pay words may lead a list ("Salary Ranges: ... For X: $..")
    if not _PAY_WORDS.search(before + match.group(0)) or not _names_currency(match, country):
        return None
    # What the amount itself is: the words just before it in its clause, and the few just after it ("$2,000
    # relocation bonus"), not past a comma (", plus equity" follows many a salary).
    lead = re.split(r"[;.]\s|\n", before)[-1][-60:] + match.group(0)
    tail = re.split(r"[;.,]\s|\n", text[match.end() : match.end() + 20])[0]
    if _NOT_PAY.search(lead) or _NOT_PAY.search(tail) or _LARGE.match(text, match.end()):
        return None
    after = text[match.end() : match.end() + 40]
    code = _CODE_BEFORE.search(before)  # "USD $80,000": the code stands just before the amount
    try:
        stated = (code.group(1) + " " if code else "") + match.group(0) + " " + after.split(".")[0]
        salary = parse_salary_text(stated, country=country)
    except SalaryError:
        return None
    if not salary.disclosed or not _plausible(salary):
        return None
    return salary


# What an amount near a pay word often is instead: a budget, a bonus, funding, revenue, a system's cap.
_NOT_PAY = re.compile(
    r"budget|stipend|allowance|reimburs|per (?:employee|person|sale)|each sale|commission|revenue|raised|funding|"
    r"valuation|bonus|equity|relocation|loan|portfolio|obligation|spending|accounts|saving|pay cap|salary cap|"
    r"maximum salary available|(?:promotion )?potential (?:to|of)|incentive|\bOTE\b|on[- ]target",
    re.I,
)
# "$11M", "$5 billion", "$14.6B": money, but never a salary.
_LARGE = re.compile(r"\s?(?:[mMbB]\b|mm\b|MM\b|bn\b|million|billion|mil\b)")


def _plausible(salary: Salary) -> bool:
    """Pay plausible for its period: 5,000 to 1,000,000 EUR a year, and an hourly rate under 1,000."""
    annual = salary.annual_eur() or 0
    if salary.period == "hour" and max(salary.minimum or 0, salary.maximum or 0) >= 1000:
        return False
    return 5_000 <= annual <= 1_000_000


def _names_currency(match: re.Match, country: str | None) -> bool:
    """Whether an amount in prose carries a currency: three capitals after a number are often not
    one ("ESRI ArcGIS 10.4", "86 FSS" in federal duties were read as salaries in EUR)."""
    return _currency_of(match, country) is not None


def _currency_of(match: re.Match, country: str | None) -> str | None:
    """The currency the first of a prose match's amounts carries, if any."""
    codes = (currency_code(m.group("before") or m.group("after"), country) for m in _AMOUNT.finditer(match.group(0)))
    return next(filter(None, codes), None)


def currency_in(text: str, country: str | None = None, limit: int = 20_000) -> str | None:
    """The currency of the first amount in a text that carries one ("$131,178 - $176,300"): where
    a listing states bare amounts and no country, its description says what they are in."""
    codes = (_currency_of(match, country) for match in _IN_PROSE.finditer(text[:limit]))
    return next(filter(None, codes), None)
