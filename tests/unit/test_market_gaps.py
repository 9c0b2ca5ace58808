import pandas as pd
import pytest

from nploy.export import matches_frame, neutralise, to_safe_csv
from nploy.market.figures import (
    MarketFilter,
    headline,
    posting_volume,
    salary_benchmark,
    salary_by_role_seniority,
    skill_demand,
    skill_premium,
    with_roles,
    work_mode_share,
)
from nploy.market.gaps import skill_gaps, target_listings, what_if
from nploy.records.profile import make_profile
from nploy.vocabulary.roles import role_family


@pytest.fixture
def frame(tiny_table):
    return with_roles(tiny_table)


def test_headline_numbers(tiny_table):
    numbers = headline(tiny_table)
    assert (numbers.listings, numbers.companies, numbers.countries) == (12, 4, 8)
    assert numbers.remote_share == pytest.approx(7 / 12)
    assert numbers.salary_sample == 10 and numbers.salary_disclosed_share == pytest.approx(10 / 12)


def test_roles_from_titles(frame):
    assert role_family("Senior Python Developer") == "Back-end"
    assert dict(zip(frame["id"], frame["role"]))["t5"] == "Data Engineering"
    assert dict(zip(frame["id"], frame["role"]))["t6"] == "DevOps/SRE"


@pytest.mark.parametrize(
    "title, family",
    [
        # engineers of other disciplines are not developers (the NYC jobs export's "Back-end" was mostly them)
        ("Assistant Civil Engineer", "Other"),
        ("Stationary Engineer (Electric)", "Other"),
        ("Engineering Technician I", "Other"),
        ("MECHANICAL ENGINEERING INTERN", "Other"),
        # ... unless the title says software
        ("Electrical Engineer - Embedded Software", "Back-end"),
        ("Software Engineer", "Back-end"),
        ("Junior Web Application Developer", "Back-end"),
        ("Civil Engineer, Data Platform", "Data Engineering"),  # a specific family still wins
        # networks and IT support have families of their own (most of public-sector IT)
        ("Senior Network Engineer", "Network"),
        ("IT Specialist (NETWORK)", "Network"),  # USAJOBS' specialty code, spelled out
        ("Telecommunications Specialist", "Network"),
        ("IT Specialist (CUSTSPT)", "IT Support"),
        ("Help Desk Technician", "IT Support"),
        ("Network Security Engineer", "Security"),  # security first
        ("Social Network Data Scientist", "Data Science"),
    ],
)
def test_engineers_of_other_disciplines_are_not_developers(title, family):
    assert role_family(title) == family


def test_filters(frame):
    assert set(MarketFilter(work_modes=("remote",), countries=("DE",)).apply(frame)["id"]) == {"t0", "t11"}
    assert set(MarketFilter(skill="Django").apply(frame)["id"]) == {"t0", "t2", "t9"}
    assert len(MarketFilter(date_from=pd.Timestamp("2026-01-10").date()).apply(frame)) == 3


def test_salary_tables_and_benchmark(frame):
    table = salary_by_role_seniority(frame).set_index(["role", "seniority"])
    row = table.loc[("Back-end", "senior")]  # t0, t3 (Java Engineer), t7 (Go, PLN monthly), t11 (day rate)
    expected = [75_000, 70_000, 22_500 * 12 * 0.232, 650 * 260]
    assert row["n_salary"] == 4 and row["p50"] == pytest.approx(float(pd.Series(expected).median()))
    band = salary_benchmark(frame, ("Python",))
    assert band.n == 6 and band.enough  # t0 t1 t5 t8 t9 t11 disclose; t2 does not
    assert band.p10 <= band.p25 <= band.p50 <= band.p75 <= band.p90
    assert not salary_benchmark(frame, ("Go",)).enough


def test_work_modes_skills_volume(frame):
    shares = work_mode_share(frame, "country")
    bg = shares[shares["country"] == "BG"].set_index("work_mode")
    assert bg.loc["remote", "share"] == pytest.approx(1 / 3) and bg.loc["remote", "n"] == 3
    demand = skill_demand(frame, top=3)
    assert list(demand["skill"])[:2] == ["Python", "PostgreSQL"] and demand.iloc[0]["listings"] == 7
    premium = skill_premium(frame, ["Django"]).iloc[0]
    assert (premium["n_with"], premium["n_without"]) == (2, 8)
    assert posting_volume(frame)["listings"].sum() == 12


def test_gaps_and_what_if(frame):
    profile = make_profile(skills=["python"])
    target = target_listings(frame, role="Back-end")
    gaps = skill_gaps(target, profile)
    assert "Python" not in set(gaps["skill"]) and gaps.iloc[0]["skill"] == "PostgreSQL"
    thin = gaps["n_with"] < 5
    assert thin.any() and gaps.loc[thin, "premium"].isna().all()  # no premium from one or two salaries
    from nploy.market.charts import gap_bar

    assert gap_bar(gaps, len(target)).layout.xaxis.dtick == 1  # counts of a few listings: whole ticks
    result = what_if(target, profile, "PostgreSQL")
    assert result.added > 0 and result.after.matches == result.before.matches + result.added
    liked = target_listings(frame, liked_ids=["t4"])
    assert list(liked["id"]) == ["t4"]


def test_csv_export_neutralises_formulas(fake_dataset):
    from nploy.index.embedding import FakeEncoder

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)" and neutralise("@SUM") == "'@SUM" and neutralise("\tx") == "'\tx"
    assert neutralise("Python") == "Python" and neutralise(5) == 5
    matcher = fake_dataset.matcher(FakeEncoder())
    matches = matcher.match(make_profile(skills=["python"]), n=3)
    matches[0].listing.title = "=cmd|' /C calc'!A0"
    csv_text = to_safe_csv(matches_frame(matches)).decode()
    assert "'=cmd" in csv_text and ",=cmd" not in csv_text
    assert csv_text.splitlines()[0].startswith("rank,score,title")


def test_salary_boxes_leave_out_groups_too_small_to_be_a_distribution(frame):
    from nploy.market.charts import salary_box

    figure = salary_box(salary_by_role_seniority(frame))  # the tiny table has 1-4 salaries per group
    assert len(figure.data) == 0 and "not drawn" in figure.layout.title.text


def test_charts_leave_out_thin_samples_and_say_so():
    from nploy.market.charts import demand_bar, premium_bar, trend_line, work_mode_area, work_mode_bar

    premium = pd.DataFrame(
        {
            "skill": ["Go", "ETL"],
            "n_with": [12, 2],
            "n_without": [100, 110],
            "median_with": [90_000.0, 140_000.0],
            "median_without": [80_000.0, 80_000.0],
            "premium": [0.125, 0.75],
        }
    )
    figure = premium_bar(premium)
    assert list(figure.data[0].y) == ["Go (n=12)"]  # ETL's +75 % rests on two salaries
    assert "1 skills with under 5 salaries not drawn" in figure.layout.title.text
    assert "n = 112 listings" in figure.layout.title.text  # the paid listings each skill splits, not 12 + 110
    months = pd.DataFrame(
        {"month": ["2013-01", "2026-01", "2026-02"], "skill": "Excel", "count": [1, 4, 5], "n": [1, 40, 50]}
    ).assign(share=lambda t: t["count"] / t["n"])
    trend = trend_line(months, 91)
    assert list(trend.data[0].x) == ["2026-01", "2026-02"] and "1 months under 5 listings not drawn" in trend.layout.title.text
    modes = months.assign(work_mode="onsite")
    assert "1 months under 5" in work_mode_area(modes).layout.title.text
    countries = pd.DataFrame(
        {"country": ["US", "", "UY"], "work_mode": "onsite", "count": [40, 9, 1], "n": [40, 9, 1], "share": 1.0}
    )
    by_country = work_mode_bar(countries, "country", "Country")
    assert list(by_country.data[-1].x) == ["US", "(unknown)"]  # one post in Uruguay is no share
    assert "1 countries under 5 listings not drawn" in by_country.layout.title.text
    rare = pd.DataFrame({"skill": [".NET", "Excel"], "listings": [21, 9], "share": [0.008, 0.004]})
    assert demand_bar(rare, 2541).layout.xaxis.tickformat == ".2%"  # not "0%" on every tick
    common = rare.assign(share=[0.4, 0.2])
    assert demand_bar(common, 50).layout.xaxis.tickformat == ".0%"
