"""Hostile listing files: each keeps its valid rows, rejects the rest with line and reason, prints one
clear line, stays within bounded memory, and leaves a dataset that was already there untouched when it
has nothing valid to offer. The cases are tabled in docs/hostile-inputs.md."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.ingest.files import ingest_files
from nploy.ingest.normalise import IngestOptions

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "data" / "hostile"


@pytest.fixture
def existing(tmp_path):
    """A dataset that already holds listings; failed ingests must not touch it."""
    data = tmp_path / "ds"
    assert CliRunner().invoke(main, ["--data-dir", str(data), "demo-data", "--n", "20"]).exit_code == 0
    return data, (data / "listings.parquet").read_bytes()


def _ingest(data: Path, path: Path):
    result = CliRunner().invoke(main, ["--data-dir", str(data), "ingest", str(path)])
    assert "Traceback" not in result.output
    rejects = list(csv.DictReader(open(data / "rejects.csv", encoding="utf-8"))) if (data / "rejects.csv").exists() else []
    return result, rejects


def _warnings(data: Path) -> dict[int, dict]:
    path = data / "warnings.csv"
    return {int(w["line"]): w for w in csv.DictReader(open(path, encoding="utf-8"))} if path.exists() else {}


# file, kept ids, {line: reason fragment} of the rejects, {line: reason fragment} of the warnings (row kept)
CASES = [
    ("truncated.csv", ["ok1", "ok2"], {4: "fields where the header has"}, {}),
    ("latin1.csv", ["ok1", "l1"], {}, {}),
    ("utf16-bom.csv", ["ok1", "u1"], {}, {}),
    ("quotes-newlines.csv", ["ok1", "q1", "ok2"], {}, {}),
    ("duplicate-ids.csv", ["ok1", "ok2"], {}, {}),
    (
        "bad-salaries.csv",
        ["ok1", "n1", "z1", "h1", "t1", "ok2"],
        {},
        {3: "negative", 4: "zero", 5: "implausibly high", 6: "no amount"},
    ),
    ("dates.csv", ["ok1", "f1", "b1", "ok2"], {}, {3: "in the future", 4: "unreadable date"}),
    ("emoji-rtl.csv", ["ok1", "e1", "r1", "r2"], {}, {}),
    ("deep.jsonl", ["d1", "d2"], {2: "nested too deeply"}, {}),
    ("xss.csv", ["x1", "x2", "x3"], {}, {}),
    ("nul-line.csv", ["ok1", "ok2"], {3: "a NUL byte"}, {}),
    ("unclosed-quote.csv", ["1", "3", "4"], {3: "an unclosed quote ran over the next 2 line(s)"}, {}),
]


@pytest.mark.parametrize("name, kept, rejected, warned", CASES, ids=[c[0] for c in CASES])
def test_partly_valid_files_keep_valid_rows_and_reject_the_rest(existing, name, kept, rejected, warned):
    data, _ = existing
    result, rejects = _ingest(data, HOSTILE / name)
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(data / "listings.parquet")
    assert list(table["id"]) == kept
    assert {int(r["line"]): r["reason"] for r in rejects}.keys() == rejected.keys()
    for row in rejects:
        assert rejected[int(row["line"])] in row["reason"]
    warnings = _warnings(data)
    assert warnings.keys() == warned.keys()
    for line, reason in warned.items():
        assert reason in warnings[line]["reason"] and warnings[line]["value"] != ""
    assert result.output.startswith(
        f"read {len(kept) + len(rejected) + (1 if name == 'duplicate-ids.csv' else 0)}, kept {len(kept)}"
    )


def test_text_is_decoded_and_kept_as_text(existing):
    data, _ = existing
    _ingest(data, HOSTILE / "latin1.csv")
    assert pd.read_parquet(data / "listings.parquet").set_index("id").loc["l1", "company"] == "Société Générale"
    _ingest(data, HOSTILE / "utf16-bom.csv")
    assert pd.read_parquet(data / "listings.parquet").set_index("id").loc["u1", "company"] == "Ünïcode GmbH"
    _ingest(data, HOSTILE / "emoji-rtl.csv")
    rows = pd.read_parquet(data / "listings.parquet").set_index("id")
    assert rows.loc["e1", "title"] == "🚀 Rocket Python Developer 🚀" and "Python" in rows.loc["r1", "skills"]
    _ingest(data, HOSTILE / "quotes-newlines.csv")
    assert pd.read_parquet(data / "listings.parquet").set_index("id").loc["q1", "title"] == 'Senior "Rockstar" Engineer'


def test_markup_is_stripped_and_links_are_dropped(existing):
    data, _ = existing
    _ingest(data, HOSTILE / "xss.csv")
    rows = pd.read_parquet(data / "listings.parquet").set_index("id")
    assert "<script" not in rows.loc["x1", "description"] and "onerror" not in rows.loc["x1", "description"]
    assert (rows["url"] == "").all()


@pytest.mark.parametrize(
    "name, message",
    [("empty.csv", "is empty"), ("binary.csv", "not a text file"), ("missing-columns.csv", "no title column")],
)
def test_unreadable_files_fail_in_one_line_and_touch_nothing(existing, name, message):
    data, before = existing
    result, _ = _ingest(data, HOSTILE / name)
    assert result.exit_code == 1 and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (data / "listings.parquet").read_bytes() == before


def test_a_file_with_no_valid_row_leaves_the_dataset_unchanged(existing, tmp_path):
    data, before = existing
    bad = tmp_path / "all-bad.csv"
    bad.write_text("id,title,salary\n1,,-5\n2,,0\n")
    result, rejects = _ingest(data, bad)
    assert result.exit_code == 1 and "left unchanged" in result.output
    assert (data / "listings.parquet").read_bytes() == before
    assert [r["line"] for r in rejects] == ["2", "3"]


def test_an_unreadable_optional_field_empties_only_that_field(existing):
    data, _ = existing
    _ingest(data, HOSTILE / "bad-salaries.csv")
    rows = pd.read_parquet(data / "listings.parquet").set_index("id")
    assert rows.loc["t1", "salary_annual_eur"] != rows.loc["t1", "salary_annual_eur"]  # NaN: no salary
    assert rows.loc["t1", "title"] == "Text Pay Engineer" and rows.loc["t1", "city"] == "Berlin"
    assert rows.loc["ok1", "salary_annual_eur"] == 60000


def _peak_mb(path: Path) -> float:
    tracemalloc.start()
    try:
        ingest_files([path], IngestOptions())
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_a_50_mb_single_line_is_rejected_in_bounded_memory(tmp_path):
    path = tmp_path / "one-line.csv"
    with open(path, "w") as handle:
        handle.write("id,title,description\n")
        handle.write("big,Huge Engineer,")
        for _ in range(50):
            handle.write("x" * (1024 * 1024))
        handle.write("\nok,Python Developer,Django\n")
    assert path.stat().st_size > 50 * 1024 * 1024
    table, report = ingest_files([path], IngestOptions())
    assert list(table["id"]) == ["ok"]
    assert report.rejects[0]["line"] == 2 and "longer than" in report.rejects[0]["reason"]
    assert _peak_mb(path) < 40  # the file is 50 MB; it is never held whole


def test_ten_thousand_columns(tmp_path):
    path = tmp_path / "wide.csv"
    header = ["id", "title"] + [f"extra_{i}" for i in range(9_998)]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["w1", "Wide Engineer"] + ["v"] * 9_998)
        writer.writerow(["w2", "Short Row Engineer"])
    table, report = ingest_files([path], IngestOptions())
    assert list(table["id"]) == ["w1"]
    assert report.rejects[0]["line"] == 3 and "fields where the header has 10000" in report.rejects[0]["reason"]


@pytest.mark.slow
def test_many_rows_stream_in_bounded_memory(tmp_path):
    path = tmp_path / "many.csv"
    with open(path, "w") as handle:
        handle.write("id,title,description\n")
        for i in range(20_000):
            handle.write(f"r{i},Engineer {i},{'Python and Django. ' * 20}\n")
    size_mb = path.stat().st_size / 1e6
    assert _peak_mb(path) < 3 * size_mb + 30  # what is kept, not a copy of the file per stage
