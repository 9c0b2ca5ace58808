"""How well board locations are read: ``data/eval/board_locations.tsv``, 100 strings in the shapes job boards
send (lists and time zones included), each with the places a reader takes (rules in JUDGING.md). A reading is
right when it has exactly those places, in that order: each country equal, each city the same place (the
gazetteer's spelling accepted: "Bengaluru" for Bangalore, "New York City" for New York)."""

from __future__ import annotations

import csv
from pathlib import Path

from nploy.ingest.location import Place, read_location
from nploy.quality.querysets import EVAL_DIR
from nploy.vocabulary.places import largest_city

JUDGED = EVAL_DIR / "board_locations.tsv"


def _expected(cell: str) -> list[Place]:
    return [Place(*part.strip().split("|")) for part in cell.split(";") if part.strip()]


def _same(expected: Place, got: Place) -> bool:
    if expected.country != got.country:
        return False
    if expected.city.casefold() == got.city.casefold():
        return True
    known = largest_city(expected.city, expected.country) if expected.city else None
    return bool(known and got.city and (known.name == got.city or expected.city.casefold() in got.city.casefold()))


def evaluate(judged: Path = JUDGED) -> tuple[float, list[str]]:
    """(share read right, the ones read wrong with what was read)."""
    with judged.open(encoding="utf-8", newline="") as rows:
        cases = list(csv.DictReader(rows, delimiter="\t"))
    wrong = []
    for case in cases:
        expected, got = _expected(case["places"]), list(read_location(case["location"]).places)
        if len(expected) != len(got) or not all(_same(e, g) for e, g in zip(expected, got)):
            wrong.append(f"{case['location']!r}: read {[(p.city, p.country) for p in got]}")
    return 1 - len(wrong) / len(cases), wrong
