"""Free-text locations to places (city, ISO country), a work-mode hint and a region.

What job files write: "San Francisco, CA", "Linthicum, MD", "Santa Monica, CA - Hybrid", "Boulder, CO
( Active )", "Philadelphia, PA +1 more", "Remote, USA", "USA, NY, New York", "USA, CST (UTC-6)",
"Worldwide", "London", "Gdańsk", "Paris, TX", "New York, NY; London; Remote". The rules:

- a two- or three-letter code after a city is a US state, Canadian province or Australian state before it
  is a country code, unless the gazetteer knows the city only in that country ("Berlin, DE" is Germany,
  "Wilmington, DE" is Delaware): each reading is scored by the population of the city it implies;
- a bare city is the most populous city of that name (``nploy.vocabulary.places``);
- decorations are stripped ("+1 more", "( Active )", postcodes, "Greater ... Area") and the meaningful ones
  kept ("- Hybrid" is hybrid work, "Remote, USA" is remote work in the US);
- regions and time zones ("Worldwide", "Europe", "CST (UTC-6)") are regions, not cities;
- several places (separated by ";", "|", " or ", new lines) are all kept, the first one primary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nploy.ingest.addresses import street_place, undotted
from nploy.vocabulary.places import country_code, is_region_word, largest_city, regions
from nploy.vocabulary.places import fold as fold_name


@dataclass(frozen=True)
class Place:
    city: str
    country: str  # ISO 3166-1 alpha-2, "" when unknown


@dataclass(frozen=True)
class Location:
    places: tuple[Place, ...] = ()  # the first is the listing's primary place
    work_mode: str | None = None  # what the location text says: remote, hybrid, onsite
    region: str = ""  # a wider area it names ("Europe", "Worldwide", "CST (UTC-6)")

    @property
    def primary(self) -> Place:
        return self.places[0] if self.places else Place("", "")


_SEPARATORS = re.compile(r"\s*(?:;|\||\n|\s/\s|\bor\b|\band\b(?=\s+[A-Z]))\s*")
_MORE = re.compile(r"\(?\s*\+\s*\d+\s*(?:more|others?|locations?)?\s*\)?", re.I)
_MODES = (
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    (
        "remote",
        re.compile(
            # "Remote-Friendly" is a mode, not remote work in the town of Friendly.
            r"\b(?:fully\s+|100%\s+)?remote(?:[- ](?:first|friendly|ok|optional|possible|eligible|allowed))?\b"
            r"|\bwork from home\b|\bwfh\b|\btelecommute\b|^\s*virtual\b",
            re.I,
        ),
    ),
    ("onsite", re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\boffice[- ]based\b", re.I)),
)
_TIME_ZONE = re.compile(
    # Not "CT" or "MT": those are Connecticut and Montana far more often than Central or Mountain Time.
    r"\b(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::\d\d)?\b|\b(?:UTC|GMT)\b|\b(?:[ECMP][SD]T|ET|PT|CES?T|EES?T|WES?T|BST|IST|AES?T)\b"
)
_POSTCODE = re.compile(r"\b\d{5}(?:-\d{4})?\b")
_AREA = re.compile(r"^(?:greater\s+)?(.+?)(?:\s+bay)?(?:\s+(?:metropolitan|metro))?\s+area$|^greater\s+(.+)$", re.I)
_NOISE = re.compile(
    r"^(?:multiple locations?|various(?: locations)?|location negotiable.*|negotiable|tbd|tba|n/?a|none|home|hq|"
    r"headquarters|office|in person|on the road|field|not specified|unspecified|flexible|paid relocation|"
    r"visa sponsor.*|<[a-z_]+>)$",
    re.I,
)


@lru_cache(maxsize=65536)  # a file repeats its locations: each distinct text is read once
def read_location(text: str, default_country: str | None = None) -> Location:
    """Every place a location text names, with its work-mode hint and region. A bare city is looked up
    in ``default_country`` first (a US file's "Marlboro" is in the US)."""
    text = _MORE.sub(" ", str(text or ""))
    places: list[Place] = []
    modes: list[str] = []
    region = ""
    for chunk in _outside_brackets(_SEPARATORS, text):
        place, mode, chunk_region = _read_one(chunk, default_country)
        if mode:
            modes.append(mode)
        region = region or chunk_region
        places.extend(p for p in place if p not in places)
    # "London or Remote (UK)": the country alone adds nothing beside a city of it.
    places = [p for p in places if p.city or not any(q.city and q.country == p.country for q in places)]
    work_mode = next((m for m in ("hybrid", "remote", "onsite") if m in modes), None)
    return Location(tuple(places), work_mode, region)


def _outside_brackets(separators: re.Pattern, text: str) -> list[str]:
    """``text`` split at the separators that stand outside brackets: "(US or Canada)" stays one chunk."""
    depth = 0
    spans = {m.start(): m.end() for m in separators.finditer(text)}
    chunks, start, at = [], 0, 0
    while at < len(text):
        char = text[at]
        depth += char == "("
        depth -= char == ")" and depth > 0
        if depth == 0 and at in spans and spans[at] > at:
            chunks.append(text[start:at])
            start = at = spans[at]
            continue
        at += 1
    chunks.append(text[start:])
    return chunks


def _read_one(text: str, default_country: str | None) -> tuple[list[Place], str | None, str]:
    """(places, work-mode hint, region) of one place's text."""
    mode = None
    for name, pattern in _MODES:
        if pattern.search(text):
            mode = mode or name
            text = pattern.sub(" ", text)
    region_parts: list[str] = []
    hints: list[str] = []
    extra: list[str] = []  # places a parenthesis lists
    for inner in re.findall(r"\(([^)]*)\)", text):
        listed = [p.strip() for p in _LIST.split(inner) if p.strip()]  # "(US or Canada)", "(Lisbon / Porto)"
        if country_code(inner.strip()) or regions(inner.strip()):
            hints.append(inner.strip())
        elif len(listed) > 1 and all(country_code(p) or largest_city(p) for p in listed):
            extra.extend(listed)
        elif _TIME_ZONE.search(inner) or is_region_word(inner) or _ZONE_WORDS.search(inner):
            region_parts.append(inner.strip())
            hints.extend(_zone_country(inner))
    text = re.sub(r"\([^)]*\)?", " ", text)
    for zone in _TIME_ZONE.findall(text):
        region_parts.append(zone)
    text = _TIME_ZONE.sub(" ", _POSTCODE.sub(" ", street_place(text)))
    parts = [undotted(p.strip(" -–—:.,")) for p in re.split(r",|\s[-–—]\s|\s[-–—]$|^[-–—]\s", text)]
    parts = [q for p in parts if p and not _NOISE.match(p) for q in _split_trailing_code(p)] + hints
    kept = []
    for part in parts:
        if is_region_word(part) or _ZONE_WORDS.search(part):  # "European timezones", "US business hours"
            region_parts.append(part)
            kept.extend(_zone_country(part))  # "US time zones": the US, whatever its hours
        elif part.lower() not in _FUNCTION_WORDS or _is_code(part):  # "GMT-5 to GMT+1" leaves "to" ("OR" is Oregon)
            kept.append(_unwrap_area(part))
    places = _places(kept, default_country)
    for name in extra:  # "(Lisbon / Porto)": each its own place
        places += [p for p in _places([name], default_country) if p not in places]
    return places, mode, ", ".join(dict.fromkeys(region_parts))


def _split_trailing_code(part: str) -> list[str]:
    """ "Portland OR", "London UK", "New York NY": a city and its state's or country's code without the comma
    (real exports write both). Split only where the rest is a city the gazetteer knows."""
    head, _, tail = part.rpartition(" ")
    head = head.strip()
    if head and _is_code(tail) and (regions(tail) or country_code(tail)) and largest_city(head):
        return [head, tail]
    return [part]


_LIST = re.compile(r"\s*(?:/|,|;|\bor\b|\band\b|&)\s*")
_FUNCTION_WORDS = frozenset({"to", "and", "or", "from", "in", "at", "the", "of", "plus", "between", "with"})


def _zone_country(text: str) -> list[str]:
    """The country a time-zone phrase names first ("US timezones", "Canada business hours"), if any."""
    words = _ZONE_WORDS.split(text)[0].strip(" -–,")
    return [words] if words and _definite_country(words) or country_code(words) in ("US", "GB") else []


_ANYWHERE = re.compile(r"^anywhere in (?:the )?(.+)$", re.I)
_ZONE_WORDS = re.compile(r"\btime ?zones?\b|\bbusiness hours\b|\boverlap\b", re.I)


def _unwrap_area(part: str) -> str:
    """ "Greater Boston" -> Boston, "San Francisco Bay Area" -> San Francisco, "Anywhere in the U.S." -> U.S."""
    anywhere = _ANYWHERE.match(part)
    if anywhere:
        return anywhere.group(1).strip(" .")
    match = _AREA.match(part)
    return (match.group(1) or match.group(2)).strip() if match else part


# A city written as its state's code: only New York has the idiom ("NY NY", "Ny, Ny" in US files).
_NAMESAKES = {"NY": "New York"}


def _places(parts: list[str], default_country: str | None = None) -> list[Place]:
    """The place(s) a list of comma-separated parts names."""
    if not parts:
        return []
    if len(parts) > 1 and parts[0].upper() == parts[1].upper() in _NAMESAKES:  # "NY, NY" is New York, NY
        parts = [_NAMESAKES[parts[1].upper()], *parts[1:]]

    def city_of_a_state_beside(part: str) -> bool:  # "Lebanon, OH", "Holland, MI", "Jamaica, NY"
        return any(q != part and any(largest_city(part, r.country, r.admin1) for r in regions(q)) for q in parts)

    country_parts = [p for p in parts if _definite_country(p) and not city_of_a_state_beside(p)]
    countries = [_definite_country(p) for p in country_parts]
    codes = [p for p in parts if _is_code(p) and (regions(p) or country_code(p))]  # "NYC" is a city, not a code
    names = [p for p in parts if p not in country_parts and p not in codes]
    cities = [largest_city(n, default_country) or largest_city(n) for n in names]
    if (
        not countries
        and not codes
        and len(names) > 1
        and all(cities)
        and (len(names) > 2 or not any(regions(n) for n in names[1:]))
    ):
        # "Berlin, Munich", "Toronto, New York, San Francisco": several cities, each the largest of its name (a
        # city and its state is two parts: "Portland, Oregon").
        return list(dict.fromkeys(Place(city.name, city.country) for city in cities if city))
    if len(country_parts) == 1 and not names and not codes:
        state = largest_city(country_parts[0], countries[0])  # "Singapore": a country that is its own city
        if state and fold_name(state.name) == fold_name(country_parts[0]):
            return [Place(state.name, countries[0])]
    listed = [*countries, *(country_code(c) for c in codes if not regions(c))]  # "UK" is no state: a country
    if len(listed) > 1 and not names and len(listed) == len(countries) + len(codes):
        # "UK, Germany, France": countries, no city (in the order written).
        ordered = [_definite_country(p) or country_code(p) for p in parts if p in country_parts or p in codes]
        return [Place("", country) for country in dict.fromkeys(ordered)]
    city = _city_part(names, parts)
    country = _country(city, countries, [p for p in parts if p != city])
    if default_country and not countries and not codes and not any(regions(p) for p in parts):
        # Nothing names a country: the file's default holds, and a city must be one of its own.
        country = default_country
        if city and not largest_city(city, default_country):
            city = city if len(parts) > 1 and not largest_city(city) else ""
    beside = any(p != city and (regions(p) or country_code(p)) for p in parts)
    if city and not _plausible_city(city, country, bare=not beside):
        city = ""
    known = largest_city(city, country or None) if city else None
    city = known.name if known else city  # one spelling per city ("Cologne" and "Köln" are one place)
    return [Place(city, country)] if city or country else []


def _city_part(names: list[str], parts: list[str]) -> str:
    """The part that names the city: one the gazetteer knows (street addresses come first in some
    files: "855 Remsen., Brooklyn"), else the first name that is not only a region ("New York" is a
    city when another part gives the state)."""
    supplied = lambda name: any(p != name and (regions(p) or _definite_country(p)) for p in parts)  # noqa: E731
    if len(parts) == 1 and regions(parts[0]):
        # A state or province alone is no city, unless the name is also a city of a million ("New York").
        big = largest_city(parts[0])
        return parts[0] if big and big.population >= 1_000_000 else ""
    for name in names:
        if largest_city(name) and (not regions(name) or supplied(name)):
            return name
    for name in names:
        if not (regions(name) and not largest_city(name)):
            return name
    return ""


def _country(city: str, countries: list[str], others: list[str]) -> str:
    """The country: a named one; else the first reading of a region or code (states and provinces before
    country codes: "Richmond, CA" is California) whose country has the city; else the first reading;
    else the country of the most populous city of that name."""
    if countries:
        return countries[0]
    regional = [(r.country, r.admin1 or None) for part in others for r in regions(part)]
    coded = [(c, None) for part in others if (_is_code(part) or regions(part)) for c in [country_code(part)] if c]
    readings = regional + coded
    for country, admin1 in readings:
        if city and largest_city(city, country, admin1):
            return country
    if readings:
        return readings[0][0]
    known = largest_city(city) if city else None
    return known.country if known else ""


def _definite_country(part: str) -> str | None:
    """A country named unambiguously: a name or alpha-3 code ("Germany", "USA", "UK"), not a two-letter
    code that could be a state ("CA", "IN", "DE") nor a name that is also a state ("Georgia")."""
    if len(part) <= 2 or regions(part):
        return None
    return country_code(part)


def _is_code(part: str) -> bool:
    return 2 <= len(part) <= 3 and part.isalpha() and part.isupper()


def _plausible_city(city: str, country: str, bare: bool = False) -> bool:
    """A city the gazetteer knows; or, beside a region or country, a short name without digits (a small
    town it does not hold). An unknown name beside neither ("Capital Projects-VP", "Construction, Safety &
    Quality", a unit of the NYC jobs export) is not a city."""
    if largest_city(city, country or None):
        return True
    if bare:
        return False
    words = city.split()
    # Abbreviations are not towns: "S.I" (Staten Island), "Bx" (the Bronx), "LIC" are read no further.
    abbreviated = _is_code(city) or any(ch.isdigit() or ch == "." for ch in city)  # "LIC", "S.I", "3 FL"
    # A name of only one- and two-letter words ("Bx") is an abbreviation; "El Paso County" is not.
    return 1 <= len(words) <= 3 and any(len(w) >= 3 for w in words) and not abbreviated
