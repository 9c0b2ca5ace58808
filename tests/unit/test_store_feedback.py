import numpy as np
import pytest

from nploy.errors import NployError
from nploy.index.embedding import FakeEncoder
from nploy.matching.feedback import feed, learned_skills, rocchio
from nploy.records.profile import make_profile
from nploy.state.store import Holder, Store, mint_key

ALICE, BOB, NOBODY = (Holder(mint_key()) for _ in range(3))


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'state.db'}")


def test_profile_round_trip(store):
    profile = make_profile(skills=["python", "k8s"], work_modes=["remote"], salary_floor=50000, free_text="calm team")
    store.save_profile(ALICE, profile)
    assert store.load_profile(ALICE) == profile
    assert store.load_profile(NOBODY) is None
    changed = make_profile(skills=["go"])
    store.save_profile(ALICE, changed)
    assert store.load_profile(ALICE) == changed


def test_swipes_last_decision_wins_and_undo(store):
    store.record_swipe(BOB, "l1", "like")
    store.record_swipe(BOB, "l2", "pass")
    store.record_swipe(BOB, "l1", "pass")  # changed mind: one row, last decision
    assert [(s.listing_id, s.decision) for s in store.swipes(BOB)] == [("l2", "pass"), ("l1", "pass")]
    assert store.count_swipes(BOB) == 2
    assert store.undo_last(BOB).listing_id == "l1"
    assert [s.listing_id for s in store.swipes(BOB)] == ["l2"]
    assert store.undo_last(NOBODY) is None


def test_sqlite_runs_in_wal_mode(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_guessable_keys_and_bad_decisions_are_refused(store):
    for guess in ("../../etc", "alice", "admin", "a" * 21):  # a key is at least 128 bits of token
        with pytest.raises(NployError, match="no profile at this link"):
            store.save_profile(Holder(guess), make_profile())
        assert store.load_profile(Holder(guess)) is None and store.swipes(Holder(guess)) == []
    with pytest.raises(NployError, match="swipe is one of"):
        store.record_swipe(BOB, "l1", "maybe")


def test_rocchio_moves_towards_likes_and_away_from_passes():
    query = np.array([1.0, 0.0, 0.0], dtype="float32")
    liked = np.array([[0.0, 1.0, 0.0]], dtype="float32")
    passed = np.array([[0.0, 0.0, 1.0]], dtype="float32")
    moved = rocchio(query, liked, passed)
    expected = np.array([1.0, 0.75, -0.25]) / np.linalg.norm([1.0, 0.75, -0.25])
    assert np.allclose(moved, expected, atol=1e-6)
    assert np.allclose(rocchio(query, np.zeros((0, 3)), np.zeros((0, 3))), query)


def test_learned_skills_need_to_recur():
    liked = [["Python", "Spark"], ["Spark", "Airflow"], ["Spark", "SQL"]]
    assert learned_skills(liked, known=["Python"]) == ["Spark"]
    assert learned_skills([["Go"]], known=[]) == []


def test_feed_excludes_swiped_and_follows_likes(fake_dataset):
    matcher = fake_dataset.matcher(FakeEncoder())
    profile = make_profile(skills=["python"])
    before = feed(matcher, profile, [], [], n=12)
    assert "Like or pass" in before.explanation()
    after = feed(matcher, profile, ["t5"], ["t0", "t1"], n=12)
    ids = [m.listing.id for m in after.matches]
    assert not {"t5", "t0", "t1"} & set(ids)
    assert after.likes == 1 and after.passes == 2 and "1 like(s) and 2 pass(es)" in after.explanation()


def test_an_unreachable_database_is_one_clear_error():
    with pytest.raises(NployError, match="cannot open the state database .*check NPLOY_DATABASE_URL") as error:
        Store("postgresql+psycopg://nploy:secret@127.0.0.1:1/nploy")
    assert "secret" not in str(error.value)
