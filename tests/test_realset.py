"""The real-text evaluation set: its judging rules, its families file, its needs, and `nploy eval --set real`
on a slice of the open postings with the real model."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.quality import realset
from tests.conftest import _shared_dir

OPEN = _shared_dir() / "data" / "open" / "open-postings.jsonl"


@pytest.fixture(scope="module")
def postings() -> list[dict]:
    if not OPEN.exists():
        pytest.fail(f"the open postings are missing: expected {OPEN} (the shared folder beside the project)")
    return [json.loads(line) for line in OPEN.open(encoding="utf-8")]


def test_families_file_is_what_the_rules_give(postings, tmp_path):
    path = tmp_path / "families.csv"
    realset.write_families(realset.judge_open_postings(postings), path)
    assert path.read_text(encoding="utf-8") == realset.REAL_FAMILIES.read_text(encoding="utf-8")


def test_judging_rules_by_hand():
    assert realset.posting_family("IT Specialist (INFOSEC/NETWORK)", "2210-INFOSEC/NETWORK") == realset.Judged(
        "security", ("network",), "label"
    )
    assert realset.posting_family("Statistician", "series-1530").family == "statistics"
    assert realset.posting_family("Senior Product Manager - Platform", None) == realset.Judged("product management", (), "title")
    assert realset.posting_family("Unit Program Coordinator", None) is None
    assert realset.posting_family("Security Specialist", None) is None  # physical or personnel security, not IT
    assert realset.grade("security", "security", ()) == 2
    assert realset.grade("network", "security", ("network",)) == 1
    assert realset.grade("statistics", "data science", ()) == 1
    assert realset.grade("visual design", "security", ()) == 0


def test_needs_cover_every_family_in_both_parts_and_three_forms():
    queries = realset.real_queries()
    assert len(queries) == 3 * 42
    assert Counter(q.target["form"] for q in queries) == {"free": 42, "skills": 42, "title": 42}
    families = {q.target["family"] for q in queries}
    for part in ("tuning", "test"):
        assert {q.target["family"] for q in queries if q.part == part} == families
    free = [q for q in queries if q.target["form"] == "free"]
    assert all(set(q.fields) == {"free_text"} for q in free)
    assert all(q.fields["desired_titles"] for q in queries if q.target["form"] == "title")


@pytest.mark.model
def test_eval_on_real_postings_runs_every_mode_per_form(postings, tmp_path):
    """A slice of the open postings (every judged posting of four families, and distractors), the real
    model, `nploy eval --set real`: every mode on every form, nploy at least as good as BM25 on nDCG@10."""
    families = realset.read_families()
    keep = {"security", "visual design", "statistics", "product management"}
    chosen = [p for p in postings if families.get(p["id"], ("",))[0] in keep][:220]
    chosen += [p for p in postings if p["id"] not in families][:80]
    source = tmp_path / "slice.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in chosen), encoding="utf-8")
    data = tmp_path / "ds"
    runner = CliRunner()
    env = {"NPLOY_ENCODER": "sentence-transformers"}
    for args in (["ingest", str(source)], ["build"]):
        result = runner.invoke(main, ["--data-dir", str(data), *args], env=env)
        assert result.exit_code == 0, result.output
    out = tmp_path / "per-query.json"
    result = runner.invoke(main, ["--data-dir", str(data), "eval", "--set", "real", "--part", "all", "--json", str(out)], env=env)
    assert result.exit_code == 0, result.output
    for form in ("free", "skills", "title"):
        assert f"real-{form} set, test part" in result.output
    rows = json.loads(out.read_text())
    assert {r["mode"] for r in rows} == {"bm25", "dense", "rrf", "hybrid"}
    assert "Swipe simulation (real listings)" in result.output
