"""How well salaries are read from description prose: a judged sample of amounts in the open postings
(``data/eval/salary_prose.csv``, rules in JUDGING.md), each judged pay for the role or not, with its currency
and period. A reading counts as right when the amount is pay, its currency and period are the judged ones, and
every number read is one the amount states. Precision (of what is read, how much is right) is what matters:
a salary read wrong feeds the salary floor, the market and the gaps; recall is secondary.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nploy.ingest.prose_salary import prose_amounts, salary_at, stated_amounts
from nploy.ingest.text import html_to_text
from nploy.quality.querysets import EVAL_DIR

JUDGED = EVAL_DIR / "salary_prose.csv"


@dataclass
class ProseReading:
    judged: int = 0
    pay: int = 0
    read: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)  # what was read wrong, for a reader

    @property
    def precision(self) -> float:
        return self.right / self.read if self.read else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.pay if self.pay else 1.0


def evaluate(postings: Path, countries: dict[str, str] | None = None, judged: Path = JUDGED) -> ProseReading:
    """nploy's reading of every judged amount, in its posting's description (the listing's country, where
    given: a "$" in a Canadian posting is CAD)."""
    with judged.open(encoding="utf-8", newline="") as rows:
        judgements = list(csv.DictReader(rows))
    wanted = {row["id"] for row in judgements}
    texts = {}
    with postings.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                texts[record["id"]] = html_to_text(record.get("description") or "")
    result = ProseReading()
    for row in judgements:
        text, offset = texts[row["id"]], int(row["offset"])
        match = next(m for m in prose_amounts(text) if m.start() == offset)
        salary = salary_at(text, match, (countries or {}).get(row["id"]))
        result.judged += 1
        result.pay += row["pay"] == "1"
        if salary is None:
            continue
        result.read += 1
        # The numbers may run on past the amount itself ("from [[1000 EUR]] to 2100 EUR"): its clause counts.
        clause = row["context"].split("[[", 1)[1].replace("]]", " ")
        stated = stated_amounts(re.split(r"[;.]\s", clause)[0])
        numbers = {v for v in (salary.minimum, salary.maximum) if v is not None}
        right = row["pay"] == "1" and salary.currency == row["currency"] and salary.period == row["period"]
        if right and numbers <= stated:
            result.right += 1
        else:
            read = f"{salary.minimum}-{salary.maximum} {salary.currency}/{salary.period}"
            result.wrong.append(f"{row['id']} @{offset}: read {read}; judged {row['pay']} {row['currency']}/{row['period']}")
    return result
