"""A listing's place from its fields: explicit city and country columns, else its location text (read by
``nploy.ingest.location``), else the file's default country; and whether a text names a place or a city at
all (what the ingest report counts as stated)."""

from __future__ import annotations

import re

from nploy.ingest.location import (
    _MODES,
    _MORE,
    _NOISE,
    _TIME_ZONE,
    Location,
    Place,
    _country,
    _is_code,
    _unwrap_area,
    read_location,
)
from nploy.vocabulary.places import country_code, is_region_word, largest_city, regions


def _place_parts(text: str) -> list[str]:
    """The parts of a location text that may name a place: modes, decorations, noise and regions gone."""
    for _name, pattern in _MODES:
        text = pattern.sub(" ", text)
    text = _TIME_ZONE.sub(" ", re.sub(r"\([^)]*\)?", " ", _MORE.sub(" ", text)))
    parts = [_unwrap_area(p.strip(" -–—:.,")) for p in re.split(r",|;|\||\s[-–—]\s", text)]
    return [p for p in parts if p and not _NOISE.match(p) and not is_region_word(p)]


def mentions_a_place(text: str) -> bool:
    """Whether a location text names any place at all ("Remote" and "Worldwide" name none)."""
    return bool(_place_parts(text))


def mentions_a_city(text: str) -> bool:
    """Whether a location text has a part beside any country, region and work mode: a city named,
    whether or not the gazetteer knows it ("Remote, USA" names none; "100 Church St., N.Y." one)."""
    return any(not country_code(p) and not (_is_code(p) and regions(p)) for p in _place_parts(text))


def resolve_location(city: object, country: object, place: object, default_country: str | None) -> Location:
    """A listing's location from explicit city and country columns, else a location text, else the
    default country. Explicit columns win over what the text says."""
    city_text = str(city).strip() if city else ""
    code = country_code(str(country)) if country else None
    default = country_code(default_country) if default_country else None
    location = read_location(str(place), default) if place else Location()
    if code and not city_text and _placed_in_a_state(location.primary, code):
        code = None  # "Dallas, TX +3 more" beside a country column of GB: the state places the city, not the column
    if city_text or code:
        primary = Place(city_text or location.primary.city, code or _country(city_text, [], []) or location.primary.country)
        rest = tuple(p for p in location.places[1:] if p != primary)
        location = Location((primary, *rest), location.work_mode, location.region)
    if not location.places or not location.primary.country:
        default = country_code(default_country) if default_country else None
        if default:
            primary = Place(location.primary.city, default)
            location = Location((primary, *location.places[1:]), location.work_mode, location.region)
    return location


def _placed_in_a_state(place: Place, code: str) -> bool:
    """Whether a location text put its city in another country than a country column says, by a state or
    province the gazetteer knows it in, and the column's country has no city of that name."""
    return bool(
        place.city and place.country and place.country != code and largest_city(place.city, place.country)
    ) and not largest_city(place.city, code)


def resolve(city: object, country: object, place: object, default_country: str | None) -> tuple[str, str]:
    """(city, country) of the primary place (see ``resolve_location``)."""
    primary = resolve_location(city, country, place, default_country).primary
    return primary.city[:100], primary.country
