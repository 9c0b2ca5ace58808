"""Free-text places to (city, ISO 3166-1 alpha-2 country)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from nploy.vocabulary.places import country_code

_US_STATE_CODES = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="US")}


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
