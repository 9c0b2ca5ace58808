"""Write data/eval/real_families.csv: the family of every open posting the judging rules place.

    python scripts/judge_real_set.py ../shared/data/open/open-postings.jsonl

The rules are in nploy/quality/realset.py and, in words, in data/eval/JUDGING.md; a test rebuilds this
file from the shared data and compares.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nploy.quality.realset import REAL_FAMILIES, judge_open_postings, write_families


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/open/open-postings.jsonl")
    with source.open(encoding="utf-8") as lines:
        rows = judge_open_postings(json.loads(line) for line in lines if line.strip())
    write_families(rows)
    print(f"{len(rows)} postings placed in a family -> {REAL_FAMILIES}")


if __name__ == "__main__":
    main()
