import pytest

from nploy.ingest.salary import parse_period, parse_salary_text
from nploy.vocabulary.money import SalaryError, make_salary, to_annual_eur


@pytest.mark.parametrize(
    "text, minimum, maximum, currency, period",
    [
        ("$120k-150k", 120_000, 150_000, "USD", "year"),
        ("€60,000 - €80,000 a year", 60_000, 80_000, "EUR", "year"),
        ("35/hour", 35, None, None, "hour"),
        ("£45,000 per annum", 45_000, None, "GBP", "year"),
        ("5.000 - 7.000 BGN per month", 5_000, 7_000, "BGN", "month"),
        ("up to 90k GBP", None, 90_000, "GBP", "year"),  # an upper bound only
        ("500 EUR/day", 500, None, "EUR", "day"),
        ("PLN 20 000 - 25 000 monthly", 20_000, 25_000, "PLN", "month"),
        ("$45.50 an hour", 45.5, None, "USD", "hour"),
    ],
)
def test_salary_strings_parse(text, minimum, maximum, currency, period):
    salary = parse_salary_text(text)
    assert salary.minimum == (None if minimum is None else pytest.approx(minimum))
    assert salary.maximum == (None if maximum is None else pytest.approx(maximum))
    assert salary.currency == (currency or "EUR")
    assert salary.period == period


@pytest.mark.parametrize("text", ["", "competitive", "Negotiable", "n/a"])
def test_undisclosed_salary_strings(text):
    assert not parse_salary_text(text).disclosed


@pytest.mark.parametrize(
    "minimum, maximum, reason",
    [(-5, None, "negative"), (0, 0, "zero"), (1e12, None, "implausibly high"), (float("nan"), None, "finite")],
)
def test_bad_salaries_are_errors_with_a_reason(minimum, maximum, reason):
    with pytest.raises(SalaryError, match=reason):
        make_salary(minimum, maximum, "EUR", "year")


def test_no_amount_is_an_error():
    with pytest.raises(SalaryError, match="no amount"):
        parse_salary_text("a lot of money")


@pytest.mark.parametrize(
    "raw, period",
    [
        ("Annual", "year"),
        ("Hourly", "hour"),
        ("Daily", "day"),
        ("Per Year", "year"),
        ("Per Hour", "hour"),
        ("monthly", "month"),
        ("", None),
    ],
)
def test_period_columns(raw, period):
    assert parse_period(raw) == period


def test_annual_eur_uses_the_fixed_tables():
    assert to_annual_eur(100_000, "USD", "year") == pytest.approx(92_000)
    assert to_annual_eur(35, "USD", "hour") == pytest.approx(35 * 2080 * 0.92)
    assert to_annual_eur(5_000, "BGN", "month") == pytest.approx(5_000 * 12 * 0.5113)
    assert make_salary(60_000, 80_000, "EUR", "year").annual_eur() == pytest.approx(70_000)


def test_swapped_range_is_ordered():
    salary = make_salary(80_000, 60_000, "EUR", "year")
    assert (salary.minimum, salary.maximum) == (60_000, 80_000)
