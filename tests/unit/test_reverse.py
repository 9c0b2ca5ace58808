"""The reverse match (issue 29): discoverable candidates ranked against a hiring role, filters read the other
way round, only what a candidate shows ranks or shows."""

from __future__ import annotations

import pytest

from nploy.errors import ProfileError
from nploy.index.embedding import FakeEncoder
from nploy.matching.reverse import CandidatePool
from nploy.records.hiring import (
    SHAREABLE,
    Discoverable,
    HiringRole,
    Visibility,
    make_hiring_role,
    role_from_listing,
    shown_profile,
)
from nploy.records.listing import Listing
from nploy.records.profile import make_profile
from tests.unit.test_incremental import CountingEncoder


def _candidate(name: str, shown=SHAREABLE, **fields) -> Discoverable:
    return Discoverable(name=name, handle=f"Candidate {name}", profile=make_profile(**fields), visibility=Visibility(shown=shown))


BACKEND = make_hiring_role(
    title="Senior Backend Engineer",
    company="ACME",
    skills=["Go", "PostgreSQL"],
    must_have_skills=["Go"],
    work_modes=["remote", "hybrid"],
    countries=["DE"],
    salary_min=70_000,
    salary_max=90_000,
)


def _pool(*candidates, encoder=None) -> CandidatePool:
    pool = CandidatePool(encoder or FakeEncoder())
    pool.refresh(list(candidates))
    return pool


def test_the_filters_read_the_other_way_round():
    pool = _pool(
        _candidate("fits", skills=["Go", "PostgreSQL"], work_modes=["remote"], countries=["DE"], salary_floor=80_000),
        _candidate("too_dear", skills=["Go"], salary_floor=95_000),  # floor above the band's top
        _candidate("onsite_only", skills=["Go"], work_modes=["onsite"]),
        _candidate("elsewhere", skills=["Go"], countries=["FR"]),
        _candidate("no_go", skills=["Python"]),  # lacks the must-have
        _candidate("open_to_all", skills=["Go"]),  # no mode, place or floor: fits any
    )
    assert sorted(m.name for m in pool.rank(BACKEND)) == ["fits", "open_to_all"]
    reach = pool.reach(BACKEND)
    assert (reach.discoverable, reach.work_mode, reach.places, reach.must_haves, reach.salary, reach.passing) == (
        6,
        5,
        5,
        5,
        5,
        2,
    )
    assert reach.floors == [80_000.0, 95_000.0]  # shown floors of those the place, mode and must-haves fit


def test_a_hidden_must_have_skill_does_not_pass_and_a_hidden_floor_still_protects():
    pool = _pool(
        _candidate("hides_skills", shown=("free_text",), skills=["Go"], free_text="Backend engineer in Go"),
        _candidate("hides_floor", shown=("skills",), skills=["Go"], salary_floor=120_000),
    )
    assert pool.rank(BACKEND) == []  # the first shows no Go to check; the second's floor is over the top
    open_role = make_hiring_role(title="Backend Engineer", skills=["Go"])
    ranked = {m.name: m for m in pool.rank(open_role)}
    assert set(ranked) == {"hides_skills", "hides_floor"}
    assert "120" not in ranked["hides_floor"].salary_fit and ranked["hides_floor"].shown.salary_floor is None


def test_only_what_a_candidate_shows_ranks_them_or_reaches_the_recruiter():
    private = "I live at 12 Secret Street and my manager does not know I am looking"
    shows = _candidate("a", shown=("skills", "seniority"), skills=["Go", "PostgreSQL"], seniority="senior", free_text=private)
    twin = _candidate(
        "b", shown=("skills", "seniority"), skills=["Go", "PostgreSQL"], seniority="senior", free_text="other words"
    )
    first, second = _pool(shows, twin).rank(BACKEND)
    assert first.score == second.score and first.similarity == pytest.approx(second.similarity)  # hidden text: no effect
    assert first.shown.free_text == "" and private not in repr(first)
    assert first.matched_skills == ["Go", "PostgreSQL"] and first.missing_skills == []
    assert shown_profile(shows.profile, shows.visibility).countries == []


def test_the_pool_embeds_only_new_and_changed_candidates_and_drops_who_left():
    encoder = CountingEncoder()
    one, two = _candidate("one", skills=["Go"]), _candidate("two", skills=["Go", "Rust"])
    pool = _pool(one, two, encoder=encoder)
    assert encoder.encoded == 2
    changed = _candidate("two", skills=["Go", "Kotlin"])
    assert pool.refresh([one, changed]) == 1 and encoder.encoded == 3
    assert pool.refresh([changed]) == 0  # "one" opted out: nothing to embed, and gone from the next search
    assert [m.name for m in pool.rank(make_hiring_role(title="Engineer", skills=["Go"]))] == ["two"]
    assert pool.refresh([]) == 0 and pool.rank(BACKEND) == []


def test_a_refresh_that_finds_nothing_changed_keeps_the_pool_and_a_later_change_still_lands():
    one, two = _candidate("one", skills=["Go"]), _candidate("two", skills=["Go", "Rust"])
    pool = _pool(one, two)
    index = pool._index
    assert pool.refresh([_candidate("one", skills=["Go"]), _candidate("two", skills=["Go", "Rust"])]) == 0
    assert pool._index is index  # equal lists: nothing rebuilt
    hidden = Discoverable("two", "Candidate two", two.profile, Visibility(shown=()))  # now shows nothing
    pool.refresh([one, hidden])
    assert [m.name for m in pool.members] == ["one"]


def test_skills_covered_rank_a_candidate_up_and_the_explanation_says_what_is_missing():
    pool = _pool(_candidate("both", skills=["Go", "PostgreSQL"]), _candidate("half", skills=["Go", "Swift"]))
    best, other = pool.rank(BACKEND)
    assert best.name == "both" and best.score > other.score
    assert other.missing_skills == ["PostgreSQL"] and other.matched_skills == ["Go"]


def test_a_role_is_validated_like_a_profile_and_can_come_from_a_listing():
    with pytest.raises(ProfileError, match="needs a title"):
        make_hiring_role(title=" ")
    with pytest.raises(ProfileError, match="bottom is above its top"):
        make_hiring_role(title="X", salary_min=90_000, salary_max=80_000)
    with pytest.raises(ProfileError, match="unknown skill"):
        make_hiring_role(title="X", skills=["Quantum Basket Weaving 9000"])
    role = make_hiring_role(title="Dev", skills=["golang"], work_modes=["on-site"], countries=["Germany"])
    assert role.skills == ("Go",) and role.work_modes == ("onsite",) and role.countries == ("DE",)
    listing = Listing(
        id="l1",
        title="Data Engineer",
        company="Initech",
        skills=["Python", "SQL"],
        country="DE",
        work_mode="hybrid",
        salary_min=60_000,
        salary_max=80_000,
        salary_currency="EUR",
        salary_period="year",
    )
    made = role_from_listing(listing)
    assert (
        isinstance(made, HiringRole) and made.listing_id == "l1" and made.salary_max == 80_000 and made.work_modes == ("hybrid",)
    )
    with pytest.raises(ProfileError, match="unknown field"):
        Visibility(shown=("email",))
