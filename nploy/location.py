"""Locations: free-text places to (city, ISO 3166-1 alpha-2 country), and a country's currency."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

_COMMON = {
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states": "US",
    "holland": "NL",
    "czechia": "CZ",
    "russia": "RU",
    "south korea": "KR",
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
}
_US_STATE_CODES = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="US")}


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


@lru_cache(maxsize=4096)
def _us_state(text: str) -> bool:
    value = text.strip()
    if value.upper() in _US_STATE_CODES and len(value) == 2:
        return True
    try:
        return pycountry.subdivisions.lookup(value).country_code == "US"
    except LookupError:
        return False


def resolve(city: object, country: object, place: object, default_country: str | None) -> tuple[str, str]:
    """(city, country) from explicit columns, else a "City, Region, Country" text, else the default."""
    city_text = str(city).strip() if city else ""
    code = country_code(str(country)) if country else None
    if place and (not city_text or not code):
        parsed_city, parsed_code = parse_place(str(place))
        city_text = city_text or parsed_city
        code = code or parsed_code
    if not code and default_country:
        code = country_code(default_country)
    return city_text[:100], code or ""


def parse_place(text: str) -> tuple[str, str | None]:
    """ "Berlin, Germany" -> (Berlin, DE); "Macon, Georgia, United States | ..." -> (Macon, US)."""
    first = re.split(r"\s*[|;]\s*", text.strip())[0]
    parts = [p.strip() for p in first.split(",") if p.strip()]
    if not parts:
        return "", None
    code = country_code(parts[-1]) if len(parts) > 1 or len(parts[0]) > 3 else None
    if code and len(parts) > 1:
        return parts[0], code
    if len(parts) > 1 and _us_state(parts[-1]):
        return parts[0], "US"
    if code:  # a bare country name
        return "", code
    return (parts[0] if len(parts) > 1 else ""), None


def currency_of(country: str) -> str | None:
    if country in _EURO:
        return "EUR"
    return _CURRENCY.get(country)
