import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nploy.cli import main
from tests.conftest import done_when_matches
from tests.unit.test_ingest import DATA


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    return CliRunner()


def test_demo_build_stats_match_flow(runner, tmp_path):
    data = str(tmp_path / "ds")
    result = runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "400", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "wrote 400 synthetic listings" in result.output
    result = runner.invoke(main, ["--data-dir", data, "build"])
    assert result.exit_code == 0 and "indexed 400 listings" in result.output
    result = runner.invoke(main, ["--data-dir", data, "stats"])
    assert "listings: 400" in result.output and "index: current" in result.output
    matches = done_when_matches(Path(data), "--top", "5")  # asserts exit 0, remote, salary >= 60,000 EUR
    assert len(matches) <= 5
    for item in matches:
        # only the parts that weigh in the profile form show (the weights chosen on real postings: semantic)
        assert "semantic" in item["score_parts"] and "matched_skills" in item and "missing_skills" in item
    table = runner.invoke(main, ["--data-dir", data, "match", "--skills", "python", "--top", "3"])
    assert table.exit_code == 0 and " 1. [" in table.output and "matched:" in table.output


def test_data_dir_from_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("NPLOY_DATA_DIR", str(tmp_path / "env-ds"))
    assert runner.invoke(main, ["demo-data", "--n", "50"]).exit_code == 0
    assert (tmp_path / "env-ds" / "listings.parquet").exists()


def test_ingest_prints_summary_and_writes_rejects(runner, tmp_path):
    data = tmp_path / "ds"
    result = runner.invoke(main, ["--data-dir", str(data), "ingest", str(DATA / "jobs.csv")])
    assert result.exit_code == 0, result.output
    assert "read 8, kept 5, rejected 1, deduplicated 2" in result.output and "warned 2" in result.output
    assert "jobs.csv: no known source: common column names" in result.output
    assert "salary" in result.output and "'-100' x1" in result.output  # the field table names what it could not read
    assert (data / "rejects.csv").read_text().count("\n") == 2
    assert (data / "warnings.csv").read_text().count("\n") == 3
    report = json.loads((data / "ingest-report.json").read_text())
    assert report["kept"] == 5 and report["fields"]["salary"]["not_understood"] == [{"value": "-100", "rows": 1}]


def test_ingest_with_mapping(runner, tmp_path):
    (tmp_path / "x.csv").write_text("ref,heading\n1,Platform Engineer\n")
    result = runner.invoke(
        main, ["--data-dir", str(tmp_path / "ds"), "ingest", str(tmp_path / "x.csv"), "--map", "ref=id", "--map", "heading=title"]
    )
    assert result.exit_code == 0 and "kept 1" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["match", "--skills", "python"], "no listings in"),
        (["build"], "no listings in"),
        (["ingest", "does-not-exist.csv"], "does not exist"),
        (["ingest", str(DATA / "jobs.csv"), "--map", "nonsense"], "SOURCE=FIELD"),
        (["stats"], "nploy demo-data"),
    ],
)
def test_user_errors_are_one_line_without_traceback(runner, tmp_path, args, message):
    result = runner.invoke(main, ["--data-dir", str(tmp_path / "empty"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_bad_profile_input_is_a_clean_error(runner, tmp_path):
    data = str(tmp_path / "ds")
    runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "50"])
    runner.invoke(main, ["--data-dir", data, "build"])
    result = runner.invoke(main, ["--data-dir", data, "match", "--work-mode", "underwater"])
    assert result.exit_code == 1 and "work mode must be one of" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["--data-dir", data, "match", "--min-salary", "-5"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_missing_index_says_how_to_build(runner, tmp_path):
    data = str(tmp_path / "ds")
    runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "50"])
    result = runner.invoke(main, ["--data-dir", data, "match", "--skills", "python"])
    assert result.exit_code == 1 and "nploy build" in result.output


def test_match_offers_titles_near_the_profiles_words(runner, tmp_path):
    """Without a title, `nploy match` says which role it ranked by (a note, so the output stays the matches); with
    roles switched off it says which roles the nearest listings are; --json lists both; a title offers neither."""
    data = str(tmp_path / "ds")
    assert runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "200", "--seed", "5"]).exit_code == 0
    assert runner.invoke(main, ["--data-dir", data, "build"]).exit_code == 0
    need = ["--data-dir", data, "match", "--text", "I keep our clusters and deployments healthy", "--top", "2"]
    plain = runner.invoke(main, need)
    assert plain.exit_code == 0 and "note: Ranked as: " in plain.output and "titles near your words" not in plain.output
    words_alone = runner.invoke(main, [*need, "--no-inferred-role"])
    assert "note: no title given; titles near your words (rank by one with --title): " in words_alone.output
    offered = json.loads(runner.invoke(main, [*need, "--json"]).output)["title_suggestions"]
    assert offered and all(set(o) == {"title", "listings"} and o["listings"] >= 1 for o in offered)
    titled = json.loads(runner.invoke(main, [*need, "--json", "--title", offered[0]["title"]]).output)
    assert titled["title_suggestions"] == [] and titled["inferred_roles"] == [] and titled["matches"]


def test_match_names_the_profiles_words_only_where_they_weighed(runner, tmp_path, monkeypatch):
    from nploy.matching import matcher
    from nploy.matching.ranking import RankingSettings

    data = str(tmp_path / "ds")
    assert runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "200", "--seed", "5"]).exit_code == 0
    assert runner.invoke(main, ["--data-dir", data, "build"]).exit_code == 0
    need = ["--data-dir", data, "match", "--text", "python kubernetes", "--top", "3"]
    named = runner.invoke(main, ["--data-dir", data, "match", "--text", "I am a data engineer", "--top", "1"])
    assert "note: role read from your text, ranked as a desired title: Data Engineer" in named.output
    plain = runner.invoke(main, need)
    assert "role read from your text" not in plain.output
    assert plain.exit_code == 0 and " 1. [" in plain.output
    # The skills the text names are read (a note, the JSON) and count as matched, never as missing.
    assert "note: skills read from your text, shown as matched (--skills weighs them): Python, Kubernetes" in plain.output
    payload = json.loads(runner.invoke(main, [*need, "--json"]).output)
    assert payload["skills_read_from_text"] == ["Python", "Kubernetes"]
    assert all(not {"Python", "Kubernetes"} & set(m["missing_skills"]) for m in payload["matches"])
    assert "your words in it" not in plain.output  # the tuned weights give keywords nothing: they decided no rank
    weighed = RankingSettings().with_weights({"semantic": 0.5, "keywords": 0.5})
    monkeypatch.setattr(matcher, "load_ranking", lambda: weighed)
    result = runner.invoke(main, need)
    assert result.exit_code == 0 and "keywords=" in result.output
    words = [line.split(": ", 1)[1] for line in result.output.splitlines() if "your words in it:" in line]
    assert words and all(set(w.split(", ")) <= {"python", "kubernetes"} for w in words)


def test_match_reads_a_cv_and_the_typed_options_win(runner, tmp_path):
    """`nploy match --cv FILE`: the CV's skills join the typed ones, its most recent title ranks as the desired title
    and its level as the seniority; --title and --seniority win over the CV; a file that is no CV is one clear line."""
    from tests.fixtures.cvfiles import pdf_bytes

    data = str(tmp_path / "ds")
    assert runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "200", "--seed", "5"]).exit_code == 0
    assert runner.invoke(main, ["--data-dir", data, "build"]).exit_code == 0
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(pdf_bytes(["Sam Lee", "Senior Data Engineer, Acme, Leeds", "2019 - 2026", "Python, Airflow and Spark."]))
    need = ["--data-dir", data, "match", "--cv", str(cv), "--skills", "dbt", "--top", "3"]
    read = json.loads(runner.invoke(main, [*need, "--json"]).output)
    assert read["cv"]["titles"] == ["Senior Data Engineer"] and read["cv"]["seniority"] == "senior"
    assert read["inferred_roles"] == []  # the CV's title is a desired title: nothing is inferred
    assert read["matches"] and all(m["score_parts"].get("title") is not None for m in read["matches"])
    shown = runner.invoke(main, need)
    assert shown.exit_code == 0 and " 1. [" in shown.output
    assert "note: read from your CV" in shown.output and "title Senior Data Engineer as the desired title" in shown.output
    typed = runner.invoke(main, [*need, "--title", "QA Engineer", "--seniority", "junior"])
    assert "your --title ranks instead" in typed.output and "your --seniority ranks instead" in typed.output
    assert "Ranked as" not in typed.output
    # The typed skill comes first and the CV's follow: a listing asking for dbt or Python matches either.
    from nploy.ingest.cv import read_cv, with_cv

    merged = with_cv({"skills": ["dbt"], "desired_titles": [], "seniority": None}, read_cv(cv.read_bytes()))
    assert merged["skills"][:2] == ["dbt", "Python"] and merged["desired_titles"] == ["Senior Data Engineer"]
    assert merged["seniority"] == "senior" and merged["years_experience"] == 7
    from_stdin = runner.invoke(main, ["--data-dir", data, "match", "--cv", "-", "--top", "1"], input=cv.read_bytes())
    assert from_stdin.exit_code == 0 and "title Senior Data Engineer" in from_stdin.output
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 20)
    junk = runner.invoke(main, ["--data-dir", data, "match", "--cv", str(tmp_path / "junk.bin")])
    assert junk.exit_code == 1 and "Error: unsupported file" in junk.output and "Traceback" not in junk.output
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    damaged = runner.invoke(main, ["--data-dir", data, "match", "--cv", str(broken)])
    assert damaged.exit_code == 1 and damaged.output.strip().splitlines() == [
        "Error: the PDF is damaged and cannot be read (PdfStreamError)"
    ]


def test_a_damaged_pdf_cv_is_one_line_in_a_real_terminal(tmp_path):
    """Outside the test runner nothing captures logging: pypdf's own repair warnings ("EOF marker not found") would
    print above nploy's sentence as a second, cryptic error."""
    import os
    import subprocess
    import sys

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    code = "from nploy.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path / "ds"), "match", "--cv", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NPLOY_ENCODER": "fake"},
    )
    assert done.returncode == 1 and done.stderr.strip() == "Error: the PDF is damaged and cannot be read (PdfStreamError)"
