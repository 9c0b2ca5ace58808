"""The real-model tests of test_repeats.py (the model tier): its fixtures and helpers are imported from there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from nploy.cli import main
from tests.unit.test_repeats import _match_json, repeat_app, repeat_app_data, reposts  # noqa: F401


@pytest.mark.model
def test_cli_by_job_folds_reposts_and_counts_jobs(reposts):
    flat = _match_json(reposts, "--top", "6")
    assert len(flat) == 6 and all("repeats" not in m for m in flat)  # the default stays one entry per posting
    jobs = _match_json(reposts, "--top", "5", "--by-job")
    assert len(jobs) == 3  # --top counts jobs: all three, though five were asked for
    assert jobs[0]["title"] == "Survey Statistician"  # the need names the job; its best posting leads
    assert sorted(len(j["repeats"]) for j in jobs) == [0, 1, 2]
    for job in jobs:
        assert {(r["title"], r["company"]) for r in job["repeats"]} <= {(job["title"], job["company"])}
        assert all(r["score"] <= job["score"] for r in job["repeats"])
    assert _match_json(reposts, "--top", "1", "--by-job")[0]["id"] == jobs[0]["id"]


@pytest.mark.model
def test_cli_by_job_lists_each_repeat_under_its_job(reposts):
    result = CliRunner().invoke(main, ["--data-dir", str(reposts), "match", "--text", "survey statistician", "--by-job"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(" 1. "))
    assert "Survey Statistician" in lines[first]
    also = [line for line in lines if "also posted:" in line]
    assert len(also) == 3 and sum(", US · date unknown · match " in line for line in also) == 3


@pytest.mark.model
def test_matches_page_folds_reposts_under_one_card_and_the_toggle_unfolds_them(repeat_app, repeat_app_data):
    from tests.model.test_app import _open

    app = _open(repeat_app, "pages/candidates/matches.py", sample="backend-python")
    heading = next(h.value for h in app.subheader if "best matches" in h.value)
    postings = int(heading.split()[0])
    assert heading.endswith(f"· {postings - 2} jobs")
    [folded] = [e for e in app.expander if "more postings of this job" in e.label]
    assert folded.label == "2 more postings of this job (same title, same employer)"
    lines = [m.value for m in folded.markdown]
    first = [m.value for m in app.markdown if m.value.startswith("**1.")][0]
    # the three postings (the original and two reposts, equal in score) show once each: one card, two lines
    table = repeat_app_data.table()
    original_id = table["id"][table["id"].str.endswith("-repost1")].iloc[0].removesuffix("-repost1")
    original = table.loc[table["id"] == original_id, "city"].iloc[0]
    cities = [city for city in ("Leeds", "Porto", original) for text in [first, *lines] if f"{city}, " in text]
    assert len(lines) == 2 and len(cities) == 3 and len(set(cities)) == 3
    assert all(line.startswith("- [") and "](https://example" in line for line in lines)

    app.toggle(key="by_job").set_value(False).run()
    assert not app.exception
    assert not [e for e in app.expander if "more postings" in e.label]
    heading = next(h.value for h in app.subheader if "best matches" in h.value)
    assert "jobs" not in heading and int(heading.split()[0]) == postings
    title = first.split("  \n")[0].removeprefix("**1. ")
    cards = [m.value.split("  \n")[0] for m in app.markdown if m.value.startswith("**")]
    assert sum(card.endswith(title) for card in cards) == 3  # unfolded: the three postings, a card each
