import numpy as np
import pandas as pd

from nploy.market import figures as market
from nploy.market import gaps
from nploy.records.profile import make_profile
from nploy.records.skill_index import SkillIndex


def test_skill_index_answers_like_the_lists_it_was_built_from(tiny_table):
    skills = tiny_table["skills"]
    index = SkillIndex(skills)
    for skill in ("Python", "Kubernetes", "Nonexistent"):
        assert list(index.rows_with(skill)) == [i for i, s in enumerate(skills) if skill in s]
    both = index.mask_with_all(["Python", "Django"])
    assert list(both) == [{"Python", "Django"} <= set(s) for s in skills]
    rows = np.array([0, 2, 5, 7])
    counts = index.counts(rows)
    expected = pd.Series([k for r in rows for k in skills[r]]).value_counts()
    assert counts.to_dict() == expected.to_dict()
    have = {"Python", "SQL"}
    coverage = index.coverage(have, rows)
    assert np.allclose(coverage, [sum(k in have for k in skills[r]) / len(skills[r]) if skills[r] else 0 for r in rows])


def test_market_figures_with_the_table_index_equal_those_without(tiny_table):
    """The app passes the table's SkillIndex with a filtered slice; tests and small frames pass none."""
    frame = market.with_roles(tiny_table)
    index = SkillIndex(tiny_table["skills"])
    sub = market.MarketFilter(work_modes=("remote", "hybrid")).apply(frame, index)
    assert 0 < len(sub) < len(frame)
    pd.testing.assert_frame_equal(market.skill_demand(sub, 5, skill_index=index), market.skill_demand(sub, 5))
    some = ["Python", "Kubernetes", "Go"]
    pd.testing.assert_frame_equal(market.skill_premium(sub, some, index), market.skill_premium(sub, some))
    pd.testing.assert_frame_equal(
        market.skill_trend(sub, some, index).reset_index(drop=True), market.skill_trend(sub, some).reset_index(drop=True)
    )
    assert market.salary_benchmark(sub, ("Python",), index) == market.salary_benchmark(sub, ("Python",))
    profile = make_profile(skills=["Python"])
    assert gaps.what_if(sub, profile, "Go", index) == gaps.what_if(sub, profile, "Go")
    pd.testing.assert_frame_equal(gaps.skill_gaps(sub, profile, skill_index=index), gaps.skill_gaps(sub, profile))
    with_skill = market.MarketFilter(skill="Python")
    assert list(with_skill.apply(frame, index)["id"]) == list(with_skill.apply(frame)["id"])
