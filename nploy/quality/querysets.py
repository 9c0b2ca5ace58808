"""Labelled query sets for the evaluation harness (``nploy eval``); documented in docs/evaluation.md.

- generated: profiles built from held-out synthetic listings (a seed the bundled data does not
  use), with skills partly dropped and partly written as aliases, titles paraphrased and the
  level sometimes given as years. Relevance of every listing is graded from what the held-out
  listing was: role family, seniority distance and skill overlap (``generated_grade``).
- hand: profiles written the way people fill in the form, judged by reading the pooled top
  results of every mode (``data/eval/hand_judgements.csv``, rules in ``data/eval/JUDGING.md``).

Each query belongs to a tuning part or a test part; weights are chosen on tuning only.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from nploy.demo.generator import generate
from nploy.errors import NployError
from nploy.records.listing import SENIORITIES
from nploy.records.profile import Profile, make_profile
from nploy.vocabulary.roles import role_families, role_family
from nploy.vocabulary.skills import Taxonomy, load_taxonomy

EVAL_DIR = Path(__file__).resolve().parents[2] / "data" / "eval"
GENERATED_SEED = 1009  # the bundled listings use seed 7: these listings are not in the corpus
PARTS = ("tuning", "test")

# How people name a role family when they do not copy a job title.
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "Back-end": ("server side programmer", "backend dev", "web services developer", "software developer"),
    "Front-end": ("frontend dev", "web UI developer", "client side developer", "javascript programmer"),
    "Full-stack": ("fullstack dev", "web developer front and back", "full stack programmer", "web app developer"),
    "Mobile": ("app developer", "mobile apps dev", "phone app developer", "iphone/android developer"),
    "Data Engineering": ("data pipelines developer", "ETL developer", "data infrastructure engineer", "big data dev"),
    "Data Science": ("data analysis", "analyst", "data scientist / analyst", "statistics and reporting"),
    "Machine Learning": ("ML person", "AI developer", "deep learning engineer", "machine learning"),
    "DevOps/SRE": ("devops", "cloud infrastructure", "sysadmin / devops", "reliability engineering"),
    "Security": ("cyber security", "infosec", "security analyst", "appsec engineer"),
    "QA": ("tester", "qa automation", "software testing", "quality engineer"),
    "Product": ("product management", "PM", "product owner / manager", "product lead"),
    "Design": ("ux/ui", "designer", "user experience", "interaction designer"),
}
YEARS_FOR = {"intern": 0, "junior": 1, "mid": 3, "senior": 6, "lead": 10}


@dataclass(frozen=True)
class EvalQuery:
    id: str
    set: str  # "generated" | "hand"
    part: str  # "tuning" | "test"
    fields: dict  # make_profile keyword arguments, as a person would fill in the form
    target: dict | None = None  # generated: what the held-out listing was (family, seniority, skills)
    note: str = ""

    def profile(self, taxonomy: Taxonomy | None = None) -> Profile:
        return make_profile(**self.fields, taxonomy=taxonomy)


# How a person may fill the profile for one need, each form asked in each wording of it; "skills-only" is one
# profile per need (the skills named in either wording, with the need's own list), so it has no wording.
NEED_FORMS = ("free", "skills", "skills-only", "title")


def need_queries(
    set_name: str,
    need_id: str,
    part: str,
    family: str,
    wordings: list[str],
    skills: list[str] | None,
    title: str | None,
    taxonomy: Taxonomy | None = None,
) -> list[EvalQuery]:
    """One need asked in every form and wording a person could fill it in:

    - ``free``: a wording alone;
    - ``skills``: the need's skills (or, without a list, those the wording names) plus the wording;
    - ``skills-only``: the need's skills and those the taxonomy finds in any wording, no text (left out when
      there are none);
    - ``title``: the skills form plus the desired title (only when the need has one).

    Query ids are ``<need>-<form>[-<wording>]``; the target names the family, the form and the wording."""
    taxonomy = taxonomy or load_taxonomy()
    queries = []

    def add(form: str, wording: int | None, fields: dict) -> None:
        suffix = f"-{wording}" if wording else ""
        target = {"family": family, "form": form, "wording": wording}
        queries.append(EvalQuery(id=f"{need_id}-{form}{suffix}", set=set_name, part=part, fields=fields, target=target))

    for number, text in enumerate(wordings, start=1):
        own = list(skills) if skills is not None else taxonomy.extract(text)
        add("free", number, {"free_text": text})
        add("skills", number, {"free_text": text, "skills": own})
        if title:
            add("title", number, {"free_text": text, "skills": own, "desired_titles": [title]})
    named = list(dict.fromkeys([*(skills or []), *(s for text in wordings for s in taxonomy.extract(text))]))
    if named:
        add("skills-only", None, {"skills": named})
    return queries


@dataclass
class QuerySet:
    name: str
    queries: list[EvalQuery]
    judgements: dict[str, dict[str, int]] = field(default_factory=dict)  # hand: query id -> listing id -> grade

    def part(self, part: str) -> list[EvalQuery]:
        return [q for q in self.queries if part in ("all", q.part)]


def generated_queries(n: int = 240, seed: int = GENERATED_SEED, taxonomy: Taxonomy | None = None) -> list[EvalQuery]:
    """``n`` generated profiles; every other one goes to the test part."""
    taxonomy = taxonomy or load_taxonomy()
    held_out = generate(n, seed=seed, taxonomy=taxonomy)
    rng = np.random.default_rng(seed)
    queries = []
    for i, row in enumerate(held_out.itertuples(index=False)):
        family = role_family(row.title)
        queries.append(
            EvalQuery(
                id=f"g{i:03d}",
                set="generated",
                part=PARTS[i % 2],
                fields=_generated_fields(rng, taxonomy, family, row.seniority, list(row.skills)),
                target={"family": family, "seniority": row.seniority, "skills": list(row.skills), "from": row.id},
            )
        )
    return queries


def _generated_fields(rng: np.random.Generator, taxonomy: Taxonomy, family: str, seniority: str, skills: list[str]) -> dict:
    kept = [s for s in skills if rng.uniform() > rng.uniform(0.3, 0.5)] or skills[:1]
    if len(kept) < 2:
        kept = skills[:2]
    written = [_alias(rng, taxonomy, s) if rng.uniform() < 0.4 else s for s in kept]
    fields: dict = {"skills": written, "desired_titles": [str(rng.choice(PARAPHRASES.get(family, ("developer",))))]}
    how = rng.uniform()
    if how < 0.45:
        fields["years_experience"] = YEARS_FOR[seniority]
    elif how < 0.8:
        fields["seniority"] = seniority
    return fields


def _alias(rng: np.random.Generator, taxonomy: Taxonomy, skill: str) -> str:
    aliases = [a.lstrip("=") for a in taxonomy.skills[skill].aliases] if skill in taxonomy.skills else []
    return str(rng.choice(aliases)) if aliases else skill


def generated_grades(table: pd.DataFrame, target: dict, families: pd.Series | None = None) -> dict[int, int]:
    """Grade of every listing in ``table`` for a generated query (only the non-zero ones returned).

    2: same role family, seniority at most one level apart, at least half the target's skills;
    1: same role family and either the level within one or at least a quarter of the skills.
    """
    families = role_families(table["title"]) if families is None else families
    same_family = (families == target["family"]).to_numpy(dtype=bool)
    wanted = set(target["skills"])
    overlap = np.array([len(wanted.intersection(s)) / len(wanted) for s in table["skills"]]) if wanted else 0
    level = SENIORITIES.index(target["seniority"])
    distance = np.abs(table["seniority"].map(SENIORITIES.index).to_numpy() - level)
    good = same_family & (distance <= 1) & (overlap >= 0.5)
    partial = same_family & ~good & ((distance <= 1) | (overlap >= 0.25))
    keys = table["key"].to_numpy()
    return {int(k): 2 for k in keys[good]} | {int(k): 1 for k in keys[partial]}


def read_queries(path: Path) -> list[EvalQuery]:
    with path.open(encoding="utf-8") as lines:
        return [EvalQuery(**json.loads(line)) for line in lines if line.strip()]


def read_judgements(path: Path) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            grade = int(row["grade"])
            if grade not in (0, 1, 2):
                raise NployError(f"{path}: grade must be 0, 1 or 2, got {grade} for {row['query_id']}/{row['listing_id']}")
            judged.setdefault(row["query_id"], {})[row["listing_id"]] = grade
    return judged


def load_sets(eval_dir: Path = EVAL_DIR) -> dict[str, QuerySet]:
    sets = {"generated": QuerySet("generated", read_queries(eval_dir / "generated.jsonl"))}
    hand_path = eval_dir / "hand_profiles.jsonl"
    if hand_path.exists():
        judgements_path = eval_dir / "hand_judgements.csv"
        judged = read_judgements(judgements_path) if judgements_path.exists() else {}
        sets["hand"] = QuerySet("hand", read_queries(hand_path), judged)
    return sets
