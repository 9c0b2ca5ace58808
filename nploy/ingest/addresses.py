"""Street addresses and dotted abbreviations in location texts, read as the places they name.

Some exports give a work location as a street address with no commas between street and town ("59-17
Junction Blvd Corona Ny", the NYC jobs export): ``usaddress``'s model (a CRF trained on US addresses) tells
the street from the town and state, and only the town and state go on to ``nploy.ingest.location``.
"""

from __future__ import annotations

import re

import usaddress

from nploy.vocabulary.places import country_code, largest_city, regions

STREET_CITY_POPULATION = 100_000
_STREET = re.compile(r"^\s*\d+(?:-\d+)?[A-Za-z]?\s+\w")  # "55 Water St", "96-05 Horace Harding Expway"
_DOTTED = re.compile(r"^([A-Za-z])\.\s?([A-Za-z])\.?$")  # "N.Y." -> "NY", "D. C." -> "DC"


def street_place(text: str) -> str:
    """A street address as the place it is in: "59-17 Junction Blvd Corona Ny" -> "Corona, Ny", "42-09 28th
    Street" -> "" (a street alone names no city). usaddress's model reads the street part, which commas do
    not separate in such files (the NYC jobs export's work locations); other texts are returned as they are."""
    if not _STREET.match(text):
        return text
    try:
        tagged, kind = usaddress.tag(text)
    except usaddress.RepeatedLabelError:
        return text
    if kind != "Street Address":
        return text
    place, country = tagged.get("PlaceName", ""), tagged.get("CountryName", "")
    state = tagged.get("StateName", "")
    state = state if regions(undotted(state.strip(" .,"))) else ""  # "Staten Isl": "Isl" is no state
    if place and not (state or country):
        # Without a state, only a large city is trusted: "88-11 165 Street Jamaica" is Jamaica, Queens, not
        # the country; "...Queens Boulevard Long Is" (Long Island City, cut off) is not Long, Thailand.
        known = largest_city(place)
        place = place if known and known.population >= STREET_CITY_POPULATION and not country_code(place) else ""
    return ", ".join(p for p in (place, state, country) if p)


def undotted(part: str) -> str:
    """ "N.Y." -> "NY" where that is a state or province code; "S.I." (Staten Island) stays as written."""
    plain = _DOTTED.sub(r"\1\2", part)
    return plain if plain != part and regions(plain) else part
