"""Repeated postings of one job (same title, same employer) fold under the best-ranked one: in the core,
the CLI (`nploy match --by-job`) and the matches page (its "One card per job" toggle)."""

import json
from dataclasses import replace
from datetime import date

import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.matching.repeats import group_repeats, job_key, repeat_line, ungrouped
from nploy.records.listing import Listing
from nploy.records.match import Match


def _match(id: str, title: str, company: str, score: int = 50, **listing) -> Match:
    return Match(Listing(id=id, title=title, company=company, **listing), score, {"semantic": score}, 0.5, [], [], [], "", "", "")


def test_same_title_at_same_employer_is_one_job_case_and_spacing_aside():
    matches = [
        _match("a", "Survey Statistician", "U.S. Census Bureau", 61),
        _match("b", "Data Scientist", "U.S. Census Bureau", 60),
        _match("c", "survey  statistician", "U.S. CENSUS BUREAU ", 58),
        _match("d", "Survey Statistician", "Bureau of Labor Statistics", 57),
        _match("e", "Data Scientist", "U.S. Census Bureau", 55),
    ]
    jobs = group_repeats(matches)
    assert [(j.match.listing.id, [r.listing.id for r in j.repeats]) for j in jobs] == [("a", ["c"]), ("b", ["e"]), ("d", [])]
    assert [j.postings for j in jobs] == [2, 2, 1]
    assert [j.match.listing.id for j in ungrouped(matches)] == ["a", "b", "c", "d", "e"]
    assert all(not j.repeats for j in ungrouped(matches))


def test_postings_without_an_employer_are_never_folded_together():
    matches = [_match("a", "Data Engineer", ""), _match("b", "Data Engineer", "  ")]
    assert len(group_repeats(matches)) == 2
    assert job_key(matches[0].listing) != job_key(matches[1].listing)


def test_a_repeat_says_where_when_and_its_own_score():
    item = _match("a", "Unit Program Coordinator", "AETC", 64, city="Keesler AFB", country="US", posted_at=date(2025, 11, 17))
    assert repeat_line(item) == "Keesler AFB, US · posted 2025-11-17 · match 64"
    unplaced = replace(item.listing, id="usajobs_duties/usajobs:858385600", city="", country="", posted_at=None)
    assert repeat_line(replace(item, listing=unplaced)) == "location not given · date unknown · ref usajobs:858385600 · match 64"
    paid = replace(item.listing, salary_min=102415.0, salary_currency="USD", salary_period="year")
    assert repeat_line(replace(item, listing=paid)) == "Keesler AFB, US · posted 2025-11-17 · 102,415 USD/year · match 64"


CSV = """id,title,company,city,country,description,url
s1,Survey Statistician,U.S. Census Bureau,Suitland,US,Design surveys and samples and estimate population figures.,https://example.org/s1
s2,Survey Statistician,U.S. Census Bureau,Washington,US,Design survey samples; estimate and weight population figures.,https://example.org/s2
s3,Survey Statistician,U.S. Census Bureau,Denver,US,Survey design and sampling; estimates of population figures.,https://example.org/s3
d1,Data Scientist,U.S. Secret Service,Washington,US,Build predictive models from messy data and explain them.,https://example.org/d1
d2,Data Scientist,U.S. Secret Service,Washington,US,Predictive models from messy data; classifiers; briefings.,https://example.org/d2
g1,Graphic Designer,Air Force,Dayton,US,Illustrations and layouts for publications.,https://example.org/g1
"""


@pytest.fixture(scope="module")
def reposts(tmp_path_factory):
    """Six real-looking postings of three jobs, ingested and indexed with the real model."""
    root = tmp_path_factory.mktemp("reposts")
    (root / "jobs.csv").write_text(CSV)
    runner = CliRunner()
    for args in (["ingest", str(root / "jobs.csv")], ["build"]):
        result = runner.invoke(main, ["--data-dir", str(root / "ds"), *args])
        assert result.exit_code == 0, result.output
    return root / "ds"


def _match_json(data_dir, *args: str) -> list[dict]:
    result = CliRunner().invoke(
        main, ["--data-dir", str(data_dir), "match", "--text", "survey sampling statistician", "--json", *args]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["matches"]


@pytest.fixture(scope="module")
def repeat_app_data(tmp_path_factory):
    """Synthetic listings plus two reposts of the backend sample's best match (same title and employer,
    another city and date), indexed with the fake encoder as the other AppTests are."""
    import pandas as pd

    from nploy.dataset import Dataset
    from nploy.demo.generator import generate
    from nploy.demo.samples import SAMPLE_BY_KEY
    from nploy.index.embedding import FakeEncoder
    from nploy.records.profile import make_profile
    from nploy.records.table import write_table

    dataset = Dataset(tmp_path_factory.mktemp("app-reposts") / "ds")
    table = generate(300, seed=3)
    write_table(table, dataset.listings_path)
    dataset.build(FakeEncoder())
    best = dataset.matcher().match(make_profile(**SAMPLE_BY_KEY["backend-python"].fields), n=1)[0].listing.id
    row = table[table["id"] == best]
    copies = [
        row.assign(id=f"{best}-repost{i}", url=f"https://example.org/repost{i}", city=city)
        for i, city in ((1, "Leeds"), (2, "Porto"))
    ]
    write_table(pd.concat([table, *copies], ignore_index=True), dataset.listings_path)
    dataset.build(FakeEncoder())
    return dataset


@pytest.fixture
def repeat_app(repeat_app_data, monkeypatch):
    from tests.model.test_app import app_on

    return app_on(repeat_app_data, monkeypatch)


def test_swipe_feed_folds_reposts_and_a_swipe_takes_them_all_away(repeat_app_data, monkeypatch):
    from nploy.demo.samples import SAMPLE_BY_KEY
    from nploy.matching.feedback import feed
    from nploy.records.profile import make_profile

    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    matcher = repeat_app_data.matcher()
    profile = make_profile(**SAMPLE_BY_KEY["backend-python"].fields)
    table = repeat_app_data.table()
    original = table["id"][table["id"].str.endswith("-repost1")].iloc[0].removesuffix("-repost1")
    job = {original, f"{original}-repost1", f"{original}-repost2"}

    first = feed(matcher, profile, [], [], n=10)
    [card] = [j for j in first.jobs if {j.match.listing.id, *(r.listing.id for r in j.repeats)} & job]
    assert {card.match.listing.id, *(r.listing.id for r in card.repeats)} == job  # one card, the other two under it
    assert len({m.listing.id for m in first.matches}) == len(first.jobs)

    after = feed(matcher, profile, [], [card.match.listing.id], n=10)
    shown = {m.listing.id for j in after.jobs for m in (j.match, *j.repeats)}
    assert not shown & job  # passing the job passes its reposts
    assert len(after.jobs) == 10 and after.passes == 1


def test_the_swipe_simulation_judges_a_card_by_its_job(repeat_app_data, monkeypatch):
    from nploy.quality.simulation import job_family

    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    matcher = repeat_app_data.matcher()
    table = repeat_app_data.table()
    original = table["id"][table["id"].str.endswith("-repost1")].iloc[0].removesuffix("-repost1")
    other = table["id"][table["id"] != original].iloc[0]
    families = {f"{original}-repost2": ("security", ()), other: ("network", ())}
    family = job_family(matcher, families)
    listing = {i: matcher.rows.listings(matcher.rows.rows_of_ids([i]))[0] for i in (original, f"{original}-repost1", other)}
    assert family(listing[original]) == "security"  # unjudged: its judged repost's family
    assert family(listing[f"{original}-repost1"]) == "security"
    assert family(listing[other]) == "network"  # its own family
    assert job_family(matcher, {})(listing[original]) == ""  # nobody judged the job


def test_a_match_list_narrows_by_score_mode_and_company():
    from nploy.matching.repeats import narrowed
    from nploy.records.listing import Listing

    def match(score: int, mode: str, company: str) -> Match:
        listing = Listing(id=f"{company}-{score}", title="Engineer", company=company, work_mode=mode)
        return Match(listing, score, {}, 0.5, [], [], [], "", "", "")

    items = [match(80, "remote", "Acme GmbH"), match(40, "onsite", "Globex"), match(90, "hybrid", "acme labs")]
    assert [m.score for m in narrowed(items, 50)] == [80, 90]
    assert [m.score for m in narrowed(items, modes=["remote", "onsite"])] == [80, 40]
    assert [m.score for m in narrowed(items, company="ACME")] == [80, 90]
    assert narrowed(items) == items
