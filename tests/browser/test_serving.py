"""Serving many visitors: the shipped configuration watches no files (so run-time writes cost nothing), and
two app processes sharing one PostgreSQL see each other's writes (the scale-out the README describes)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.browser.test_browser import ROOT, _serve, _stop, _wait_idle

pytestmark = pytest.mark.browser

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def test_run_time_writes_cost_the_server_nothing(browser):
    """The README's command on the bundled data, with a visitor on the page (a session is what installs
    Streamlit's watchers); then thousands of files are written where a watcher would look (the data
    directory, an environment inside the repository) and the state database takes writes. The server stays
    idle: no watcher wakes up, no inotify overflow. (With `--server.fileWatcherType auto` the same writes cost
    6 CPU-s and 388 "Inotify queue overflowed" lines on the development machine.)"""
    from nploy.state.store import Holder, mint_key, open_store

    process, url = _serve(ROOT / "data")
    scratch = [ROOT / "data" / "_watch_probe", ROOT / ".venv-watch-probe"]
    page = browser.new_page()
    try:
        page.goto(url)
        page.get_by_text("Try a sample profile").wait_for(timeout=120_000)
        _wait_idle(page)
        time.sleep(2)  # settle after the page's run
        before = _cpu(process.pid)
        store, key = open_store(ROOT / "data"), Holder(mint_key())
        for number in range(50):
            store.record_swipe(key, f"listing-{number}", "like")
        for folder in scratch:
            for number in range(2000):
                path = folder / f"d{number % 40}" / f"f{number}.py"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("x = 1\n")
        time.sleep(3)  # a watcher would be reconciling now
        spent = _cpu(process.pid) - before
        store.delete(key)
    finally:
        page.close()
        for folder in scratch:
            shutil.rmtree(folder, ignore_errors=True)
        _stop(process)
    output = process.stdout.read().decode()
    assert "Inotify" not in output and "Watcher" not in output, output[-2000:]
    # An idle server polls its config file every 200 ms: about 0.1 CPU-s here. A watcher over the repository
    # spends seconds on 4,000 new files (bench/load.py measured 779 overflows and 3x the CPU under load).
    assert spent < 0.5, f"the server spent {spent:.2f} CPU-s while files were written around it"


@pytest.mark.postgres
def test_two_app_processes_share_one_postgresql(browser, tmp_path):
    """Two app processes on two ports, one PostgreSQL, one read-only dataset: a like in one shows in the other."""
    from tests.fixtures.postgres import fresh_database

    with fresh_database() as database:
        _two_processes_share(browser, tmp_path, database)


def _two_processes_share(browser, tmp_path, database: str) -> None:
    from urllib.parse import parse_qs, urlparse

    data = tmp_path / "ds"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("state.db*", "shards"))
    for path in data.rglob("*"):
        path.chmod(0o444 if path.is_file() else 0o555)  # read-only, as a shared dataset directory would be
    one, first = _serve(data, NPLOY_DATABASE_URL=database)
    two, second = _serve(data, NPLOY_DATABASE_URL=database)
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.goto(first)  # the root first: a fresh server's first deep link shows "Page not found" once (README)
        page.get_by_text("For candidates").first.wait_for(timeout=180_000)
        page.goto(f"{first}/swipe?sample=backend-python")  # a sample: stored at its first swipe
        page.get_by_role("button", name="Like").wait_for(timeout=180_000)
        _wait_idle(page)
        page.get_by_role("button", name="Like").click()
        page.get_by_text("Swiped 1 ").wait_for(timeout=60_000)
        _wait_idle(page)
        key = parse_qs(urlparse(page.url).query)["profile"][0]

        other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        other.goto(f"{second}/swipe?profile={key}")
        other.get_by_text("Swiped 1 ").wait_for(timeout=180_000)  # the like made on the other process
        _wait_idle(other)
        assert other.get_by_text("Liked (1)").count() == 1
        other.context.close()
        page.context.close()
    finally:
        _stop(one)
        _stop(two)
        for path in data.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
