"""Two-sided state (issue 29) on the store: opt in and out, a recruiter's like, the candidate's answer, the
contacts a mutual like reveals, and a candidate's export and delete. Run again on PostgreSQL
(tests/postgres/test_store_postgres.py)."""

from __future__ import annotations

import secrets

import pytest

from nploy.errors import NployError
from nploy.index.embedding import FakeEncoder
from nploy.matching.reverse import CandidatePool
from nploy.records.hiring import Visibility, make_hiring_role
from nploy.records.profile import make_profile
from nploy.state.store import Holder, RateLimited, Store, mint_key


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'state.db'}"


def _people(store: Store):
    """A signed-in candidate with a saved profile, and a recruiter: subjects unique to this run (PostgreSQL keeps rows)."""
    run = secrets.token_hex(4)
    candidate = Holder(mint_key(), owner=f"https://idp|cand-{run}")
    store.save_profile(
        candidate,
        make_profile(skills=["Go", "PostgreSQL"], desired_titles=["Backend Engineer"], free_text="Go APIs", salary_floor=70_000),
    )
    return candidate, f"https://idp|recruiter-{run}"


def test_the_two_sided_flow_from_opt_in_to_a_mutual_match_and_out_again(url):
    store = Store(url)
    candidate, recruiter = _people(store)
    assert store.discoverability(candidate) is None  # off by default
    handle = store.make_discoverable(candidate, Visibility(shown=("skills", "desired_titles"), contact="ada@example.org"))
    assert store.discoverability(candidate) == (Visibility(shown=("skills", "desired_titles"), contact="ada@example.org"), handle)
    found = {d.handle: d for d in store.discoverable_candidates()}
    assert handle in found and found[handle].name == candidate.key
    role = make_hiring_role(title="Senior Backend Engineer", company="ACME", skills=["Go"], salary_max=90_000)
    role_id = store.save_role(recruiter, role, contact="hiring@acme.example")
    pool = CandidatePool(FakeEncoder())
    pool.refresh(store.discoverable_candidates())
    ranked = [m for m in pool.rank(role) if m.handle == handle]
    assert ranked and ranked[0].shown.free_text == "" and ranked[0].shown.salary_floor is None  # only what is shown
    # The recruiter likes; the candidate sees the role, not the recruiter; contacts stay hidden until both like.
    store.decide_candidate(recruiter, role_id, handle, "like")
    [received] = store.interest_received(candidate)
    assert received.role.company == "ACME" and received.answer is None
    assert store.matches_of_candidate(candidate) == [] and store.matches_of_recruiter(recruiter) == []
    store.answer_interest(candidate, role_id, "like")
    [theirs] = store.matches_of_candidate(candidate)
    [ours] = store.matches_of_recruiter(recruiter)
    assert theirs.recruiter_contact == "hiring@acme.example" and ours.candidate_contact == "ada@example.org"
    assert candidate.owner not in repr(ours) and candidate.key not in repr(ours)  # no sign-in identity, no key
    # Opting out hides the profile from every new search at once; a recruiter cannot act on it any more.
    assert store.hide(candidate)
    assert handle not in {d.handle for d in store.discoverable_candidates()}
    with pytest.raises(NployError, match="no longer discoverable"):
        store.decide_candidate(recruiter, role_id, handle, "like")


def test_a_pass_is_never_shown_to_the_candidate_and_roles_belong_to_their_recruiter(url):
    store = Store(url)
    candidate, recruiter = _people(store)
    handle = store.make_discoverable(candidate, Visibility())
    role_id = store.save_role(recruiter, make_hiring_role(title="Data Engineer"), contact="")
    store.decide_candidate(recruiter, role_id, handle, "pass")
    assert store.interest_received(candidate) == [] and store.decisions_of(recruiter, role_id) == {handle: "pass"}
    assert "pass" not in repr(store.export(candidate))
    with pytest.raises(NployError, match="no recruiter interest"):
        store.answer_interest(candidate, role_id, "like")  # cannot answer a pass into a match
    with pytest.raises(NployError, match="no such role of yours"):
        store.decide_candidate("https://idp|someone-else", role_id, handle, "like")
    with pytest.raises(NployError, match="save your profile first"):
        store.make_discoverable(Holder(mint_key(), owner="https://idp|new"), Visibility())


def test_recruiter_actions_are_rate_limited_like_swipes(url):
    store = Store(url, swipes_per_minute=3)
    candidate, recruiter = _people(store)
    handle = store.make_discoverable(candidate, Visibility())
    role_id = store.save_role(recruiter, make_hiring_role(title="SRE"), contact="")
    for decision in ("like", "pass", "like"):
        store.decide_candidate(recruiter, role_id, handle, decision)
    with pytest.raises(RateLimited):
        store.decide_candidate(recruiter, role_id, handle, "pass")


def test_export_and_delete_cover_discoverability_interest_and_matches(url):
    store = Store(url)
    candidate, recruiter = _people(store)
    handle = store.make_discoverable(candidate, Visibility(contact="me@example.org"))
    role_id = store.save_role(recruiter, make_hiring_role(title="Backend Engineer", company="ACME"), contact="hr@acme.example")
    store.decide_candidate(recruiter, role_id, handle, "like")
    store.answer_interest(candidate, role_id, "like")
    exported = store.export(candidate)
    assert exported["discoverable"]["handle"] == handle and exported["discoverable"]["contact"] == "me@example.org"
    assert (
        exported["interest_received"][0]["role"]["company"] == "ACME"
        and exported["interest_received"][0]["your_answer"] == "like"
    )
    assert exported["matches"][0]["recruiter_contact"] == "hr@acme.example"
    assert store.delete(candidate) >= 3  # profile, discoverability, interest (and actions)
    assert handle not in {d.handle for d in store.discoverable_candidates()} and store.matches_of_recruiter(recruiter) == []


def test_a_recruiter_closes_a_role_and_only_their_own(url):
    store = Store(url)
    candidate, recruiter = _people(store)
    handle = store.make_discoverable(candidate, Visibility())
    role_id = store.save_role(recruiter, make_hiring_role(title="QA Engineer"), contact="qa@acme.example")
    store.decide_candidate(recruiter, role_id, handle, "like")
    with pytest.raises(NployError, match="no such role of yours"):
        store.delete_role("https://idp|someone-else", role_id)
    assert len(store.interest_received(candidate)) == 1
    store.delete_role(recruiter, role_id)
    assert store.roles_of(recruiter) == [] and store.interest_received(candidate) == []
