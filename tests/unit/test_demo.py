import re

import pandas as pd
import pytest

from nploy.demo.catalog import ROLES
from nploy.demo.generator import SOURCE, generate
from nploy.records.listing import COLUMNS, SENIORITIES, WORK_MODES
from nploy.vocabulary.skills import load_taxonomy


@pytest.fixture(scope="module")
def demo():
    return generate(3000, seed=11)


def test_same_seed_same_table_other_seed_other_table():
    a, b, c = generate(200, seed=3), generate(200, seed=3), generate(200, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a["title"].equals(c["title"])


def test_schema_and_domains(demo):
    assert list(demo.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert demo["id"].is_unique
    assert set(demo["work_mode"]) == set(WORK_MODES)
    assert set(demo["seniority"]) == set(SENIORITIES)
    assert (demo["source"] == SOURCE).all() and SOURCE.endswith("(synthetic)")
    assert demo["url"].str.startswith("https://example.com/").all()
    names = set(load_taxonomy().skills)
    assert all(set(skills) <= names and 2 <= len(skills) <= 12 for skills in demo["skills"])


def test_cities_countries_and_dates(demo):
    for city in ("Sofia", "Plovdiv", "Bucharest", "Berlin", "Amsterdam", "London", "Lisbon", "Warsaw", "New York", "Toronto"):
        assert (demo["city"] == city).any(), city
    span = demo["posted_at"].max() - demo["posted_at"].min()
    assert 700 <= span.days <= 740


def test_every_role_family_appears(demo):
    for role in ROLES:
        assert demo["title"].str.contains("|".join(map(re.escape, role.titles)), regex=True).any(), role.family


def test_salaries_are_local_lognormal_and_partly_undisclosed(demo):
    disclosed = demo["salary_annual_eur"].notna().mean()
    assert 0.35 < disclosed < 0.75
    assert set(demo.loc[demo["country"] == "PL", "salary_currency"].dropna()) == {"PLN"}
    bg = demo[(demo["country"] == "BG") & demo["salary_currency"].notna()]
    assert set(bg.loc[bg["posted_at"] < "2026-01-01", "salary_currency"]) == {"BGN"}
    assert set(bg.loc[bg["posted_at"] >= "2026-01-01", "salary_currency"]) == {"EUR"}
    median = demo.groupby("country")["salary_annual_eur"].median()
    assert median["US"] > median["DE"] > median["BG"]
    by_level = demo.groupby("seniority")["salary_annual_eur"].median()
    assert by_level["intern"] < by_level["junior"] < by_level["mid"] < by_level["senior"] < by_level["lead"]


def test_remote_share_drifts_down_and_differs_by_country(demo):
    early = demo[demo["posted_at"] < "2025-06-01"]
    late = demo[demo["posted_at"] >= "2026-04-01"]
    assert (early["work_mode"] == "remote").mean() > (late["work_mode"] == "remote").mean()
    share = demo.groupby("country")["work_mode"].apply(lambda s: (s == "remote").mean())
    assert share["BG"] > share["FR"]


def test_descriptions_vary_and_mention_the_skills(demo):
    assert demo["description"].nunique() == len(demo)
    first = demo.iloc[0]
    assert all(skill in first["description"] for skill in first["skills"][:2])
