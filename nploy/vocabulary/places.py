"""Places: country names and codes to ISO 3166-1 alpha-2, and a country's currency.

Parsing a free-text location ("Berlin, Germany") is ingest's job (``nploy.ingest.location``).
"""

from __future__ import annotations

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


def currency_of(country: str) -> str | None:
    if country in _EURO:
        return "EUR"
    return _CURRENCY.get(country)
