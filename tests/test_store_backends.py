"""The store on both back ends: SQLite (default) and a real PostgreSQL started by scripts/postgres.sh."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import inspect

from nploy.records.profile import make_profile
from nploy.state.store import Store

WORKERS, SWIPES = 32, 200


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    value = os.environ.get("NPLOY_TEST_DATABASE_URL")
    if not value:
        pytest.fail("NPLOY_TEST_DATABASE_URL is not set: run the tests with `bash scripts/test` (it starts PostgreSQL)")
    return value


def test_schema_is_created_by_alembic(url):
    store = Store(url)
    inspector = inspect(store.engine)
    assert {"profiles", "swipes", "alembic_version"} <= set(inspector.get_table_names())
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"
    Store(url)  # a second start finds the schema current and changes nothing


def test_round_trip_on_each_backend(url):
    store = Store(url)
    name = f"p-{uuid.uuid4().hex[:8]}"
    profile = make_profile(skills=["python"], work_modes=["remote"])
    store.save_profile(name, profile)
    assert store.load_profile(name) == profile
    store.record_swipe(name, "a", "like")
    store.record_swipe(name, "a", "pass")
    assert [(s.listing_id, s.decision) for s in store.swipes(name)] == [("a", "pass")]


def test_concurrent_swipes_are_stored_exactly_once_last_wins(url):
    store = Store(url)
    prefix = uuid.uuid4().hex[:8]
    expected: dict[tuple[str, str], str] = {}

    def worker(number: int) -> dict[tuple[str, str], str]:
        rng = random.Random(number)
        name, last = f"w{prefix}-{number}", {}
        for _ in range(SWIPES):
            listing = f"listing-{rng.randrange(150)}"  # ~50 repeats per worker
            decision = rng.choice(["like", "pass"])
            store.record_swipe(name, listing, decision)
            last[(name, listing)] = decision
        return last

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for result in pool.map(worker, range(WORKERS)):
            expected.update(result)
    stored = {}
    for number in range(WORKERS):
        rows = store.swipes(f"w{prefix}-{number}")
        assert len(rows) == len({s.listing_id for s in rows})  # exactly once
        stored.update({(s.profile_name, s.listing_id): s.decision for s in rows})
    assert stored == expected
    assert sum(store.count_swipes(f"w{prefix}-{n}") for n in range(WORKERS)) == len(expected)


SCRIPT = """
import sys
from nploy.state.store import Store
store = Store(sys.argv[1])
if sys.argv[2] == "write":
    store.record_swipe(sys.argv[3], sys.argv[4], "like")
print(",".join(s.listing_id for s in store.swipes(sys.argv[3])))
"""


def _process(*args: str) -> str:
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, check=True).stdout.strip()


def test_two_processes_see_each_others_writes(url):
    name = f"shared-{uuid.uuid4().hex[:8]}"
    assert _process(url, "write", name, "from-a") == "from-a"
    assert _process(url, "write", name, "from-b") == "from-a,from-b"
    assert _process(url, "read", name) == "from-a,from-b"
