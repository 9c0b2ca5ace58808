"""A judged set of one's own: needs and the families of postings, for a check on postings nploy has never seen.

The real set (``nploy.quality.realset``) is judged on the open postings and tuned on; a set of one's own
measures the same three profile forms on any dataset, and by default every need is in the test part, so
nothing is tuned on it. It is how a held-out check is run where the postings are (``nploy eval --needs FILE``).

The needs file is JSON Lines, one need a line:

- ``family`` (required): the role family the need asks for, any name ("mobile", "product");
- ``text`` (required): the need in the candidate's own words: the free-text form;
- ``text2`` (optional): the same need in a second wording, written apart from the first: every form is
  asked in each wording, so a figure that swings with the wording shows;
- ``skills`` (optional): the skills form's skills; when left out, the skills the text names (taxonomy
  names), as a person who copies them from their sentence would fill the form;
- ``title`` (optional): the title form's desired title; without it the need has no title form (the
  skills-only form, the skills named in either wording, is asked for every need that names any);
- ``header`` (optional): a regular expression; a posting whose title header (the text before a dash, a
  bar or a comma) matches it is of this family (``realset.title_header``);
- ``id`` (optional): the need's name in the per-query breakdown (default: its line number);
- ``part`` (optional): ``test`` (the default: a held-out need) or ``tuning`` (a need the project's own
  tuning may read: the stack set's, ``data/eval/stack_needs.jsonl``).

Families may also come from a CSV file (``id,family[,also]``: listing ids as ingested, further families
separated by ``/``). Grades: 2 when a posting is of the need's family (by the file or by a header rule), 1
when the file names the family among its further ones, 0 otherwise; P@10 counts grade 2 only.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nploy.errors import NployError
from nploy.quality.querysets import EVAL_DIR, PARTS, EvalQuery, QuerySet, need_queries
from nploy.quality.realset import families_of_rows, title_header
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

# Needs written like the held-out report's (plain words naming the stack, commercial families), judged by
# header rules, split into a tuning and a test part: measured beside the real set on the open postings.
STACK_NEEDS = EVAL_DIR / "stack_needs.jsonl"
FIELDS = {"id", "family", "text", "text2", "skills", "title", "header", "part"}


@dataclass(frozen=True)
class Need:
    id: str
    family: str
    text: str
    text2: str | None  # a second wording of the same need
    skills: tuple[str, ...] | None  # None: the skills the text names
    title: str | None
    header: re.Pattern | None
    part: str = "test"


def read_needs(path: Path) -> tuple[list[Need], list[str]]:
    """The needs of a JSON Lines file and a warning for each line left out (its number and why)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM from a spreadsheet export is no need
    except (OSError, UnicodeDecodeError) as error:
        raise NployError(f"cannot read the needs file {path}: {error}") from None
    needs, warnings = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            needs.append(_need(json.loads(line), number))
        except json.JSONDecodeError as error:
            warnings.append(f"{path.name} line {number}: not a JSON object ({error.msg}); the need is left out")
        except (ValueError, TypeError, re.error) as error:
            warnings.append(f"{path.name} line {number}: {error}; the need is left out")
    if not needs:
        raise NployError(f"no need could be read from {path}" + (f" ({warnings[0]})" if warnings else ""))
    ids = [n.id for n in needs]
    if len(set(ids)) < len(ids):
        raise NployError(f"{path.name}: need ids repeat ({', '.join(sorted({i for i in ids if ids.count(i) > 1}))})")
    return needs, warnings


def _need(record: object, number: int) -> Need:
    if not isinstance(record, dict):
        raise ValueError("a need is a JSON object")
    unknown = set(record) - FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))} (a need has {', '.join(sorted(FIELDS))})")
    family, text = (str(record.get(name) or "").strip() for name in ("family", "text"))
    if not family or not text:
        raise ValueError("a need needs a family and a text")
    skills = record.get("skills")
    if skills is not None and not (isinstance(skills, list) and all(isinstance(s, str) for s in skills)):
        raise ValueError("skills is a list of names")
    header = record.get("header")
    part = record.get("part") or "test"
    if part not in PARTS:
        raise ValueError(f"part is one of {', '.join(PARTS)}")
    return Need(
        id=str(record.get("id") or f"line{number}"),
        family=family,
        text=text,
        text2=str(record.get("text2") or "").strip() or None,
        skills=None if skills is None else tuple(skills),
        title=(str(record.get("title") or "").strip() or None),
        header=re.compile(header, re.I) if header else None,
        part=part,
    )


def read_family_file(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Listing id -> (family, further families) from an ``id,family[,also]`` CSV."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as rows:
            reader = csv.DictReader(rows)
            if not {"id", "family"} <= set(reader.fieldnames or ()):
                raise NployError(f"{path.name} needs the columns id and family (and may have also); it has {reader.fieldnames}")
            return families_of_rows(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise NployError(f"cannot read the families file {path}: {error}") from None


def header_families(needs: list[Need], titles: pd.Series, ids: pd.Series) -> dict[str, set[str]]:
    """Listing id -> the families whose header rule its title's header matches."""
    rules = {n.family: n.header for n in needs if n.header is not None}
    found: dict[str, set[str]] = {}
    for listing_id, title in zip(ids, titles):
        header = title_header(title)
        families = {family for family, rule in rules.items() if rule.search(header)}
        if families:
            found[listing_id] = families
    return found


def own_queries(needs: list[Need], taxonomy: Taxonomy | None = None, name: str = "own") -> list[EvalQuery]:
    """Every need in each form and wording it can be asked in (``querysets.need_queries``), in its need's part
    (the test part unless it says otherwise)."""
    taxonomy = taxonomy or load_taxonomy()
    queries = []
    for need in needs:
        wordings = [need.text, *([need.text2] if need.text2 else [])]
        skills = list(need.skills) if need.skills is not None else None
        queries += need_queries(name, need.id, need.part, need.family, wordings, skills, need.title, taxonomy)
    return queries


def load_own_set(
    needs_path: Path, table: pd.DataFrame, families_path: Path | None = None, name: str = "own"
) -> tuple[QuerySet, list[str]]:
    """The set of these needs over this table's listings, and the warnings of reading it. Refuses a set
    that judges no listing of the table relevant to any need (a header or families file is missing, or
    was written for other listings)."""
    needs, warnings = read_needs(needs_path)
    by_header = header_families(needs, table["title"], table["id"])
    by_file = read_family_file(families_path) if families_path else {}
    ids = set(table["id"])
    if by_file:
        outside = sum(i not in ids for i in by_file)
        if outside:
            warnings.append(f"{outside} of the {len(by_file)} listings in {families_path.name} are not in this dataset")
    queries = own_queries(needs, name=name)
    judgements: dict[str, dict[str, int]] = {}
    for query in queries:
        family = query.target["family"]
        graded = {i: 2 for i, families in by_header.items() if family in families}
        for i, (main, also) in by_file.items():
            if i in ids and (main == family or family in also):
                graded[i] = max(graded.get(i, 0), 2 if main == family else 1)
        judgements[query.id] = graded
    unjudged = sorted({n.family for n in needs if not any(judgements[f"{n.id}-free-1"].values())})
    if len(unjudged) == len({n.family for n in needs}):
        raise NployError(
            "no listing of this dataset is of any need's family: give each family a header rule in the needs "
            "file, or --families with the listing ids as ingested"
        )
    warnings += [f"no listing is of the family {family!r}: its needs score 0 in every mode" for family in unjudged]
    return QuerySet(name, queries, judgements), warnings
