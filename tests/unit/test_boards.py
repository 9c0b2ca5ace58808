"""Live sources: board names, the polite client, fetching with raw responses kept, freshness, the CLI
(`nploy fetch`, `nploy refresh`, `nploy ingest --replay`). Every response is recorded (``respx``) in
the shape each API documents; nothing reaches the network."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pandas as pd
import pytest
import respx
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from nploy.boards import client as client_module
from nploy.boards.client import BoardClient, FetchFailure, HostPacer, retry_after
from nploy.boards.config import read_log, read_sources, save_sources
from nploy.boards.endpoints import BoardError, parse_board
from nploy.boards.fetch import fetch_boards, latest_pages
from nploy.boards.freshness import apply_fetch
from nploy.cli import main
from nploy.dataset import Dataset
from nploy.matching.explain import freshness_text
from nploy.records.listing import Listing, listing_key
from nploy.records.table import to_table
from tests.fixtures import board_responses as recorded


@pytest.fixture
def boards(monkeypatch):
    """The boards' base URLs pointed at recorded hosts; no waiting between requests or retries."""
    for env, url in recorded.BASES.items():
        monkeypatch.setenv(env, url)
    monkeypatch.setattr(client_module, "HOST_INTERVAL", 0.0)
    monkeypatch.setattr(client_module, "BACKOFF", 0.0)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def _client(tmp_path, sleeps: list | None = None) -> BoardClient:
    sleep = sleeps.append if sleeps is not None else lambda _s: None
    return BoardClient(cache_dir=tmp_path / "cache", sleep=sleep, pacer=HostPacer(interval=0.0))


# ---- board names ----------------------------------------------------------------------------------


def test_board_names_and_urls_are_parsed(boards):
    assert parse_board("greenhouse:acme").key == "greenhouse:acme"
    assert parse_board("https://boards.greenhouse.io/acme").key == "greenhouse:acme"
    assert parse_board("https://job-boards.greenhouse.io/acme/jobs/4011").key == "greenhouse:acme"
    assert parse_board("https://jobs.lever.co/globex/").key == "lever:globex"
    assert parse_board("https://jobs.ashbyhq.com/initech").key == "ashby:initech"
    assert parse_board("remotive").key == "remotive"
    assert parse_board("greenhouse:acme").url() == recorded.GREENHOUSE


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("monster:acme", "unknown board 'monster:acme'"),
        ("greenhouse:", "greenhouse needs the board's name"),
        ("greenhouse:../../etc", "greenhouse needs the board's name"),
        ("usajobs:data scientist", "usajobs needs an API key: set NPLOY_USAJOBS_KEY, NPLOY_USAJOBS_EMAIL"),
        ("https://example.com/jobs", "is not a job board nploy knows"),
    ],
)
def test_bad_board_names_are_refused_with_a_reason(boards, name, says):
    with pytest.raises(BoardError, match=None) as error:
        parse_board(name)
    assert says in str(error.value)


def test_keyed_boards_send_their_keys(boards, monkeypatch, tmp_path):
    monkeypatch.setenv("NPLOY_ADZUNA_APP_ID", "id1")
    monkeypatch.setenv("NPLOY_ADZUNA_APP_KEY", "key1")
    with pytest.raises(BoardError, match="adzuna:gb:python developer"):
        parse_board("adzuna:python")
    route = boards.get(recorded.BASES["NPLOY_ADZUNA_URL"] + "/v1/api/jobs/gb/search/1").respond(json=recorded.adzuna())
    boards.get(recorded.BASES["NPLOY_ADZUNA_URL"] + "/v1/api/jobs/gb/search/2").respond(json={"results": []})
    [result] = fetch_boards([parse_board("adzuna:gb:python developer")], tmp_path / "raw", _client(tmp_path))
    assert result.ok and result.records == 1
    sent = route.calls[0].request.url.params
    assert sent["app_id"] == "id1" and sent["app_key"] == "key1" and sent["what"] == "python developer"

    monkeypatch.setenv("NPLOY_USAJOBS_KEY", "secret")
    monkeypatch.setenv("NPLOY_USAJOBS_EMAIL", "me@example.org")
    usa = boards.get(recorded.BASES["NPLOY_USAJOBS_URL"] + "/api/search").mock(
        side_effect=[
            httpx.Response(200, json=recorded.usajobs()),
            httpx.Response(200, json={"SearchResult": {"SearchResultItems": []}}),
        ]
    )
    [result] = fetch_boards([parse_board("usajobs:data")], tmp_path / "raw", _client(tmp_path))
    assert result.ok and result.records == 1
    request = usa.calls[0].request
    assert request.headers["Authorization-Key"] == "secret" and request.headers["User-Agent"] == "me@example.org"
    assert request.url.params["Keyword"] == "data" and request.url.params["Page"] == "1"


# ---- the client -------------------------------------------------------------------------------------


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("7") == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert 100 < retry_after(later) <= 120
    assert retry_after("soon") is None and retry_after(None) is None


def test_429_waits_what_retry_after_asks_then_succeeds(boards, tmp_path):
    boards.get(recorded.GREENHOUSE).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json=recorded.greenhouse([1]))]
    )
    sleeps: list[float] = []
    response = _client(tmp_path, sleeps).get(recorded.GREENHOUSE)
    assert response.status_code == 200 and sleeps == [7.0]


def test_429_that_asks_too_long_a_wait_fails_at_once(boards, tmp_path):
    boards.get(recorded.GREENHOUSE).respond(429, headers={"Retry-After": "86400"})
    sleeps: list[float] = []
    with pytest.raises(FetchFailure, match="asked to retry after 86400 s"):
        _client(tmp_path, sleeps).get(recorded.GREENHOUSE)
    assert sleeps == []


def test_server_errors_and_timeouts_are_retried_with_backoff(boards, tmp_path, monkeypatch):
    monkeypatch.setattr(client_module, "BACKOFF", 1.0)
    route = boards.get(recorded.GREENHOUSE).mock(side_effect=httpx.ReadTimeout("slow"))
    sleeps: list[float] = []
    with pytest.raises(FetchFailure, match=r"timed out after 30 s \(4 attempts\)"):
        _client(tmp_path, sleeps).get(recorded.GREENHOUSE)
    assert route.call_count == 4
    assert [round(s) for s in sleeps] == [round(s) for s in sleeps] and len(sleeps) == 3
    assert 1.0 <= sleeps[0] <= 1.5 and 2.0 <= sleeps[1] <= 3.0 and 4.0 <= sleeps[2] <= 6.0  # doubling, with jitter

    boards.get(recorded.LEVER).mock(side_effect=[httpx.Response(503), httpx.Response(200, json=recorded.lever())])
    assert _client(tmp_path).get(recorded.LEVER).status_code == 200


def test_404_fails_without_retrying(boards, tmp_path):
    route = boards.get(recorded.GREENHOUSE).respond(404, json={"status": 404, "error": "Job board not found"})
    with pytest.raises(FetchFailure, match="404: no such board"):
        _client(tmp_path).get(recorded.GREENHOUSE)
    assert route.call_count == 1


def test_user_agent_names_nploy(boards, tmp_path):
    route = boards.get(recorded.REMOTIVE).respond(json=recorded.remotive())
    _client(tmp_path).get(recorded.REMOTIVE)
    assert route.calls[0].request.headers["User-Agent"].startswith("nploy/")


def test_the_cache_revalidates_with_the_etag(boards, tmp_path):
    seen: list[str | None] = []

    def board(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, json=recorded.greenhouse([1, 2]), headers={"ETag": '"v1"'})

    boards.get(recorded.GREENHOUSE).mock(side_effect=board)
    client = _client(tmp_path)
    first = client.get(recorded.GREENHOUSE).content
    second = client.get(recorded.GREENHOUSE)
    assert seen == [None, '"v1"']  # the second request asked "changed since v1?" and got 304
    assert second.status_code == 200 and second.content == first  # ... and was answered from the cache


def test_the_pacer_spaces_requests_to_one_host():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)

    pacer = HostPacer(interval=2.0, sleep=sleep, clock=lambda: now[0])
    pacer.wait("https://a.test/1")
    pacer.wait("https://a.test/2")  # the same host at once: waits 2 s
    pacer.wait("https://b.test/1")  # another host: no wait
    assert slept == [2.0]


# ---- fetching ---------------------------------------------------------------------------------------


def test_one_failing_board_never_stops_the_others(boards, tmp_path):
    boards.get(recorded.GREENHOUSE).respond(json=recorded.greenhouse([1, 2, 3]))
    boards.get(recorded.BASES["NPLOY_LEVER_URL"] + "/v0/postings/gone").respond(404)
    boards.get(recorded.BASES["NPLOY_ASHBY_URL"] + "/posting-api/job-board/busy").respond(429, headers={"Retry-After": "0"})
    boards.get(recorded.BASES["NPLOY_WORKABLE_URL"] + "/api/v1/widget/accounts/slow").mock(side_effect=httpx.ConnectTimeout("x"))
    boards.get(recorded.REMOTIVE).respond(200, content=b'{"jobs": [{"id": 1, "title": "cut off')
    names = ["greenhouse:acme", "lever:gone", "ashby:busy", "workable:slow", "remotive"]
    results = fetch_boards([parse_board(n) for n in names], tmp_path / "raw", _client(tmp_path))
    assert [r.board.key for r in results] == names
    assert results[0].ok and results[0].records == 3
    assert results[1].error == "404: no such board (check its name)"
    assert results[2].error == "HTTP 429 (4 attempts)"
    assert results[3].error == "timed out after 30 s (4 attempts)"
    assert results[4].error.startswith("malformed JSON")
    assert all("\n" not in r.error for r in results)


def test_every_page_is_kept_raw_before_it_is_read(boards, tmp_path):
    base = recorded.BASES["NPLOY_SMARTRECRUITERS_URL"] + "/v1/companies/initech/postings"

    def page(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return httpx.Response(200, json=recorded.smartrecruiters_page(offset, total=230, limit=limit))

    route = boards.get(base).mock(side_effect=page)
    [result] = fetch_boards([parse_board("smartrecruiters:initech")], tmp_path / "raw", _client(tmp_path))
    # pages of 100 until a shorter one: no request for an empty page
    assert result.records == 230 and [c.request.url.params["offset"] for c in route.calls] == ["0", "100", "200"]
    assert len(result.pages) == 3 and all(p.parent.parent.name == "smartrecruiters_initech" for p in result.pages)
    assert json.loads(result.pages[0].read_bytes()) == recorded.smartrecruiters_page(0, total=230, limit=100)
    assert latest_pages(tmp_path / "raw", parse_board("smartrecruiters:initech")) == result.pages

    arbeitnow = recorded.BASES["NPLOY_ARBEITNOW_URL"]
    boards.get(arbeitnow + "/api/job-board-api").mock(
        side_effect=lambda request: httpx.Response(
            200, json=recorded.arbeitnow_page(int(request.url.params.get("page", 1)), last=3, base=arbeitnow)
        )
    )
    [result] = fetch_boards([parse_board("arbeitnow")], tmp_path / "raw", _client(tmp_path))
    assert result.ok and result.records == 3 and len(result.pages) == 3  # followed links.next to the end


# ---- freshness --------------------------------------------------------------------------------------


def _board_table(board: str, ids: list[int], title: str = "Engineer") -> pd.DataFrame:
    return to_table([Listing(id=f"{board}:{i}", title=f"{title} {i}", company="Acme", source=board) for i in ids])


def test_a_fetch_adds_changes_and_closes_only_its_own_board():
    other = _board_table("lever:globex", [1, 2])
    first, change = apply_fetch(other, _board_table("greenhouse:acme", [1, 2, 3, 4]), "greenhouse:acme", date(2026, 11, 1))
    assert change.added == 4 and len(first) == 6
    fetched = pd.concat(
        [
            _board_table("greenhouse:acme", [1, 2]),
            _board_table("greenhouse:acme", [3], "Lead"),
            _board_table("greenhouse:acme", [5]),
        ]
    )
    second, change = apply_fetch(first, fetched, "greenhouse:acme", date(2026, 11, 8))
    assert (change.added, change.changed, change.closed, change.unchanged) == (1, 1, 1, 2)
    assert change.summary() == "greenhouse:acme: 1 new, 1 changed, 1 closed, 2 unchanged"
    rows = second.set_index("id")
    assert "greenhouse:acme:4" not in rows.index and {"lever:globex:1", "lever:globex:2"} <= set(rows.index)
    assert rows.at["greenhouse:acme:1", "first_seen"] == pd.Timestamp("2026-11-01")
    assert rows.at["greenhouse:acme:1", "last_seen"] == pd.Timestamp("2026-11-08")
    assert rows.at["greenhouse:acme:5", "first_seen"] == pd.Timestamp("2026-11-08")
    assert rows.at["greenhouse:acme:3", "title"] == "Lead 3"


def test_a_fetch_closing_most_of_a_board_needs_force():
    first, _ = apply_fetch(None, _board_table("greenhouse:acme", [1, 2, 3, 4]), "greenhouse:acme", date(2026, 11, 1))
    empty = _board_table("greenhouse:acme", [])
    same, change = apply_fetch(first, empty, "greenhouse:acme", date(2026, 11, 2))
    assert change.refused and "would close 4 of the board's 4 listings" in change.summary() and same is first
    forced, change = apply_fetch(first, empty, "greenhouse:acme", date(2026, 11, 2), force=True)
    assert change.closed == 4 and len(forced) == 0
    half, change = apply_fetch(first, _board_table("greenhouse:acme", [1, 2]), "greenhouse:acme", date(2026, 11, 2))
    assert change.closed == 2 and not change.refused  # half is allowed, more than half is not


def test_a_search_api_closes_nothing():
    first, _ = apply_fetch(None, _board_table("usajobs:data", [1, 2, 3]), "usajobs:data", date(2026, 11, 1))
    second, change = apply_fetch(first, _board_table("usajobs:data", [3, 4]), "usajobs:data", date(2026, 11, 2), closes=False)
    assert change.closed == 0 and change.added == 1 and sorted(second["id"]) == [f"usajobs:data:{i}" for i in (1, 2, 3, 4)]


def test_sources_file_keeps_boards_in_order_without_duplicates(tmp_path):
    save_sources(tmp_path, ["greenhouse:acme", "remotive"])
    save_sources(tmp_path, ["remotive", 'usajobs:data "scientist"'])
    assert read_sources(tmp_path) == ["greenhouse:acme", "remotive", 'usajobs:data "scientist"']


# ---- the commands -----------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    return CliRunner()


def _serve(boards, greenhouse_jobs: list[int], lever_status: int = 200) -> None:
    boards.get(recorded.GREENHOUSE).respond(json=recorded.greenhouse(greenhouse_jobs))
    boards.get(recorded.LEVER).respond(lever_status, json=recorded.lever() if lever_status == 200 else {"ok": False})
    boards.get(recorded.REMOTIVE).respond(json=recorded.remotive())


def _fetch(cli, data, *args):
    return cli.invoke(main, ["--data-dir", str(data), "fetch", "greenhouse:acme", "lever:globex", "remotive", *args])


def _rows(data) -> pd.DataFrame:
    return Dataset(data).table().set_index("id")


def test_fetch_then_refetch_changes_exactly_the_closed_and_new_listings(boards, cli, tmp_path):
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3, 4, 5, 6])
    first = _fetch(cli, data, "--save")
    assert first.exit_code == 0, first.output
    assert "greenhouse:acme: 6 new, 0 changed, 0 closed, 0 unchanged" in first.output
    assert "lever:globex: 2 new" in first.output and "remotive: 2 new" in first.output
    assert "10 listings in" in first.output and "full build" in first.output
    before = _rows(data)
    assert before.loc["greenhouse:acme:4001", "company"] == "Acme"  # a company's own board names the company
    assert before.loc["greenhouse:acme:4001", "country"] == "DE" and before.loc["greenhouse:acme:4001", "salary_min"] > 0
    assert before.loc["lever:globex:5ac21346-8e0c-4494-8e7a-3eb92ff77902", "work_mode"] == "hybrid"
    assert set(before["source"]) == {"greenhouse:acme", "lever:globex", "remotive"}

    boards.reset()
    _serve(boards, [1, 2, 3, 7, 8])  # 4, 5 and 6 closed; 7 and 8 opened
    second = _fetch(cli, data)
    assert second.exit_code == 0, second.output
    assert "greenhouse:acme: 2 new, 0 changed, 3 closed, 3 unchanged" in second.output
    assert "lever:globex: 0 new, 0 changed, 0 closed, 2 unchanged" in second.output
    assert "incremental: 2 added, 0 changed, 3 removed (only those embedded)" in second.output
    after = _rows(data)
    closed = set(before.index) - set(after.index)
    opened = set(after.index) - set(before.index)
    assert closed == {"greenhouse:acme:4004", "greenhouse:acme:4005", "greenhouse:acme:4006"}
    assert opened == {"greenhouse:acme:4007", "greenhouse:acme:4008"}
    stayed = sorted(set(before.index) & set(after.index))
    content = ["title", "company", "description", "city", "country", "salary_min", "first_seen"]
    # nothing else changed (compared as text: the table's category lists differ with its rows)
    pd.testing.assert_frame_equal(before.loc[stayed, content].astype(str), after.loc[stayed, content].astype(str))

    index = Dataset(data).index("fake-hash-encoder")
    assert sorted(index.keys) == sorted(listing_key(i) for i in after.index)  # exactly the open listings

    log = read_log(data)
    assert log["greenhouse:acme"]["ok"] and log["greenhouse:acme"]["listings"] == 5 and log["greenhouse:acme"]["refreshed_at"]
    assert read_sources(data) == ["greenhouse:acme", "lever:globex", "remotive"]


def test_raw_responses_replay_without_the_network(boards, cli, tmp_path):
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3])
    assert _fetch(cli, data).exit_code == 0
    raw = sorted((data / "raw").glob("*/*/page-*.json"))
    assert [p.parent.parent.name for p in raw] == ["greenhouse_acme", "lever_globex", "remotive"]
    assert json.loads(raw[0].read_bytes()) == recorded.greenhouse([1, 2, 3])  # kept as received
    fetched = _rows(data)

    (data / "listings.parquet").unlink()
    boards.reset()
    offline = boards.route(name="anything").mock(side_effect=AssertionError("a replay reached the network"))
    result = cli.invoke(main, ["--data-dir", str(data), "ingest", "--replay"])
    assert result.exit_code == 0, result.output
    assert offline.call_count == 0 and "greenhouse:acme: 3 new" in result.output
    replayed = _rows(data)
    assert sorted(replayed.index) == sorted(fetched.index)
    assert (replayed.loc[fetched.index, "title"] == fetched["title"]).all()
    assert read_log(data)["greenhouse:acme"]["replayed"] is True


def test_a_failing_or_empty_board_never_empties_the_dataset(boards, cli, tmp_path):
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3, 4])
    assert _fetch(cli, data).exit_code == 0
    before = _rows(data)

    boards.reset()
    _serve(boards, [], lever_status=404)  # greenhouse suddenly empty, lever gone
    result = _fetch(cli, data)
    assert result.exit_code == 1, result.output  # a refused fetch is cron's business (issue 26)
    lines = result.output.splitlines()
    assert "lever:globex: failed: 404: no such board (check its name); its listings are unchanged" in lines
    assert any(line.startswith("greenhouse:acme: not applied: it would close 4 of the board's 4 listings") for line in lines)
    assert "remotive: 0 new, 0 changed, 0 closed, 2 unchanged" in lines
    assert sorted(_rows(data).index) == sorted(before.index)
    log = read_log(data)
    assert not log["lever:globex"]["ok"] and log["lever:globex"]["refreshed_at"]  # when it last worked stays

    forced = _fetch(cli, data, "--force")
    assert "greenhouse:acme: 0 new, 0 changed, 4 closed, 0 unchanged" in forced.output
    assert not any(i.startswith("greenhouse:") for i in _rows(data).index)


def test_every_board_failing_is_an_error_and_changes_nothing(boards, cli, tmp_path):
    data = tmp_path / "ds"
    boards.get(recorded.GREENHOUSE).respond(500)
    boards.get(recorded.LEVER).respond(404)
    boards.get(recorded.REMOTIVE).respond(200, content=b"<html>maintenance</html>")
    result = _fetch(cli, data)
    assert result.exit_code == 1
    assert "every board failed (3); the dataset is unchanged" in result.output and "Traceback" not in result.output
    assert not (data / "listings.parquet").exists()


def test_refresh_runs_the_saved_boards(boards, cli, tmp_path):
    data = tmp_path / "ds"
    empty = cli.invoke(main, ["--data-dir", str(data), "refresh"])
    assert empty.exit_code == 1 and "nploy fetch --save BOARD" in empty.output
    _serve(boards, [1, 2])
    assert cli.invoke(main, ["--data-dir", str(data), "fetch", "--save", "greenhouse:acme", "remotive"]).exit_code == 0
    boards.reset()
    _serve(boards, [1, 2, 7])
    result = cli.invoke(main, ["--data-dir", str(data), "refresh"])
    assert result.exit_code == 0, result.output
    assert "greenhouse:acme: 1 new, 0 changed, 0 closed, 2 unchanged" in result.output and "lever" not in result.output
    assert "incremental: 1 added" in result.output


def test_an_unknown_board_fails_before_anything_is_fetched(boards, cli, tmp_path):
    route = boards.get(recorded.REMOTIVE).respond(json=recorded.remotive())
    result = cli.invoke(main, ["--data-dir", str(tmp_path / "ds"), "fetch", "remotive", "monster:acme"])
    assert result.exit_code == 1 and "unknown board 'monster:acme'" in result.output and route.call_count == 0


# ---- the app ----------------------------------------------------------------------------------------

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _page(app, page: str) -> None:
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception


def test_sources_page_adds_a_board_by_url_and_fetches_it(boards, tmp_path, monkeypatch):
    monkeypatch.setenv("NPLOY_DATA_DIR", str(tmp_path / "ds"))
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    _serve(boards, [1, 2, 3, 4, 5, 6])
    app = AppTest.from_file(APP, default_timeout=60)
    _page(app, "pages/recruiters/sources.py")
    assert any("No listings yet" in i.value for i in app.info)

    app.text_input[0].input("monster:acme")
    app.button[0].click().run()  # the form's submit button
    assert any("unknown board 'monster:acme'" in e.value for e in app.error)

    app.text_input[0].input("https://boards.greenhouse.io/acme")
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == ["greenhouse:acme: 6 new, 0 changed, 0 closed, 0 unchanged"]
    shown = app.dataframe[0].value
    row = shown[shown["source"] == "greenhouse:acme"].iloc[0]
    assert row["listings"] == 6 and row["kind"] == "job board" and row["last refreshed"]
    assert read_sources(tmp_path / "ds") == ["greenhouse:acme"]

    # the next refresh of the saved boards: 4, 5, 6 closed, 7 and 8 opened
    boards.reset()
    _serve(boards, [1, 2, 3, 7, 8])
    [refresh_button] = [b for b in app.button if b.label == "Refresh all saved boards"]
    refresh_button.click().run()
    assert [s.value for s in app.success] == ["greenhouse:acme: 2 new, 0 changed, 3 closed, 3 unchanged"]

    # a board that fails is not saved (a 404 used to be); a saved board can be removed
    app.text_input[0].input("lever:globex")
    boards.get(recorded.LEVER).respond(404)
    app.button[0].click().run()
    assert any("lever:globex: failed: 404" in w.value for w in app.warning)
    assert read_sources(tmp_path / "ds") == ["greenhouse:acme"]
    app.multiselect[0].set_value(["greenhouse:acme"])
    [remove] = [b for b in app.button if b.label == "Remove from the saved boards"]
    remove.click().run()
    assert not app.exception and read_sources(tmp_path / "ds") == []
    assert any("Removed from the saved boards: greenhouse:acme" in x.value for x in app.success)


def test_cards_and_about_page_show_source_and_freshness(boards, tmp_path, monkeypatch):
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3])
    runner = CliRunner(env={"NPLOY_ENCODER": "fake"})
    assert runner.invoke(main, ["--data-dir", str(data), "fetch", "greenhouse:acme", "remotive"]).exit_code == 0
    monkeypatch.setenv("NPLOY_DATA_DIR", str(data))
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["profile"] = "fresh"
    _page(app, "pages/about/about.py")
    about = app.dataframe[-1].value.set_index("source")
    assert about.at["greenhouse:acme", "listings"] == 3 and about.at["remotive", "listings"] == 2
    assert about.at["remotive", "last seen open"] == date.today().isoformat()
    assert "remotive: 2 new" in about.at["remotive", "latest fetch"]
    captions = " ".join(c.value for c in app.caption)
    assert "fetched from job boards" in captions and "bundled data is generated" not in captions  # issue 26
    assert "O\\*NET" in captions  # escaped: "O*NET ... O*NET" rendered as italics

    app.switch_page("pages/candidates/matches.py")
    app.query_params["profile"] = "fresh"
    app.query_params["sample"] = "backend-python"
    app.query_params["show"] = "20"
    app.run()
    assert not app.exception, app.exception
    captions = [c.value for c in app.caption]
    assert "from greenhouse:acme · seen today" in captions


def test_freshness_text_names_the_source_its_credit_and_how_long_ago_it_was_seen():
    today = date(2026, 11, 29)
    seen = Listing(id="r1", title="x", source="remotive", last_seen=date(2026, 11, 27))
    assert freshness_text(seen, today) == "from remotive · via Remotive · seen 2 days ago"
    assert freshness_text(Listing(id="a", title="x", source="adzuna:gb:python", last_seen=today), today) == (
        "from adzuna:gb:python · Jobs by Adzuna · seen today"
    )
    assert freshness_text(Listing(id="f", title="x", source="jobs.csv"), today) == "from jobs.csv"  # a file: no "seen"


# ---- the optional JobSpy scraper ----------------------------------------------------------------------


def test_jobspy_searches_are_parsed():
    board = parse_board('jobspy:"python developer"@Berlin')
    assert (board.query, board.place, board.key) == ("python developer", "Berlin", "jobspy:python developer@Berlin")
    assert parse_board("jobspy:data engineer").place == ""
    with pytest.raises(BoardError, match="jobspy needs a search"):
        parse_board("jobspy:@Berlin")


def test_jobspy_results_are_kept_as_csv_and_ingested(cli, tmp_path, monkeypatch):
    """JobSpy scrapes live sites, so its results here are a recorded DataFrame in its documented columns
    (``tests.source_fixtures``), returned by a stand-in for ``jobspy.scrape_jobs``."""
    import io
    import sys
    import types

    from tests.fixtures import source_fixtures

    asked = {}

    def scrape_jobs(**kwargs):
        asked.update(kwargs)
        return pd.read_csv(io.StringIO(source_fixtures.jobspy_csv()))

    monkeypatch.setitem(sys.modules, "jobspy", types.SimpleNamespace(scrape_jobs=scrape_jobs))
    data = tmp_path / "ds"
    result = cli.invoke(main, ["--data-dir", str(data), "fetch", 'jobspy:"python developer"@Berlin'])
    assert result.exit_code == 0, result.output
    assert asked["search_term"] == "python developer" and asked["location"] == "Berlin"
    assert asked["site_name"] == ["indeed", "linkedin"]
    [page] = (data / "raw").glob("jobspy_python_developer_berlin/*/page-001.csv")
    rows = _rows(data)
    assert len(rows) == len(source_fixtures.JOBSPY) and set(rows["source"]) == {"jobspy:python developer@Berlin"}
    assert rows.loc["jobspy:python developer@Berlin:in-1", "country"] == "US"  # "San Francisco, CA" read right

    monkeypatch.setitem(sys.modules, "jobspy", None)  # not installed
    missing = cli.invoke(main, ["--data-dir", str(data), "fetch", "jobspy:rust@Paris"])
    assert missing.exit_code == 1 and "JobSpy is an optional extra: pip install python-jobspy" in missing.output


# ---- live data you can trust (issue 26): a board's trouble is a line about that board ---------------------

REMOTEOK = recorded.BASES["NPLOY_REMOTEOK_URL"] + "/api"
LEGAL = {"last_updated": 1733400000, "legal": "API Terms of Service: link back to Remote OK and mention it as a source."}


def test_a_board_with_no_job_records_never_aborts_the_others(boards, cli, tmp_path):
    """RemoteOK answering with its legal notice alone, and a board answering [{"message": "blocked"}]: the
    refresh used to exit 1, apply no board, name none and suggest --map. Each is now a line of its own."""
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3])
    boards.get(REMOTEOK).respond(json=[LEGAL])
    assert cli.invoke(main, ["--data-dir", str(data), "fetch", "greenhouse:acme", "remotive"]).exit_code == 0
    boards.reset()
    _serve(boards, [1, 2, 3, 7])
    boards.get(recorded.LEVER).respond(json=[{"message": "blocked"}])
    boards.get(REMOTEOK).respond(json=[LEGAL])
    args = ["--data-dir", str(data), "fetch", "greenhouse:acme", "lever:globex", "remotive", "remoteok"]
    result = cli.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "greenhouse:acme: 1 new, 0 changed, 0 closed, 3 unchanged" in result.output  # applied
    lines = result.output.splitlines()
    assert any(line.startswith("lever:globex: failed: ") and "no job records" in line for line in lines), lines
    assert any(line.startswith("remoteok: ") for line in lines) and "--map" not in result.output
    assert "greenhouse:acme:4007" in set(_rows(data).index)


def test_a_board_that_fails_is_not_saved_and_sources_can_be_listed_and_removed(boards, cli, tmp_path):
    data = tmp_path / "ds"
    _serve(boards, [1, 2], lever_status=404)
    result = cli.invoke(main, ["--data-dir", str(data), "fetch", "--save", "greenhouse:acme", "lever:globex"])
    assert result.exit_code == 0, result.output
    assert read_sources(data) == ["greenhouse:acme"]  # the 404 is not saved
    assert "lever:globex: not saved to sources.toml (it failed)" in result.output
    listed = cli.invoke(main, ["--data-dir", str(data), "sources", "list"])
    assert listed.exit_code == 0 and "greenhouse:acme" in listed.output
    save_sources(data, ["remotive"])
    removed = cli.invoke(main, ["--data-dir", str(data), "sources", "remove", "greenhouse:acme"])
    assert removed.exit_code == 0 and read_sources(data) == ["remotive"], removed.output
    unknown = cli.invoke(main, ["--data-dir", str(data), "sources", "remove", "lever:nope"])
    assert unknown.exit_code == 1 and "not in" in unknown.output and "Traceback" not in unknown.output


def test_a_refresh_with_nothing_changed_leaves_the_index_files_alone(boards, cli, tmp_path):
    """Every fetch wrote the index under new names even with 0 changes, and every running app dropped its caches."""
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3])
    assert _fetch(cli, data).exit_code == 0
    manifest = (data / "index" / "manifest.json").read_bytes()
    files = sorted(p.name for p in (data / "index").iterdir())
    again = _fetch(cli, data)
    assert again.exit_code == 0 and "index unchanged" in again.output, again.output
    assert (data / "index" / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in (data / "index").iterdir()) == files
    boards.reset()
    boards.get(recorded.GREENHOUSE).respond(500)
    boards.get(recorded.LEVER).respond(500)
    boards.get(recorded.REMOTIVE).respond(500)
    assert _fetch(cli, data).exit_code == 1
    assert (data / "index" / "manifest.json").read_bytes() == manifest


def test_a_refused_fetch_exits_non_zero_for_cron(boards, cli, tmp_path):
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3, 4])
    assert _fetch(cli, data).exit_code == 0
    boards.reset()
    _serve(boards, [])  # greenhouse suddenly empty: the guard refuses it
    result = _fetch(cli, data)
    assert result.exit_code == 1, result.output
    assert "greenhouse:acme: not applied: it would close 4 of the board's 4 listings" in result.output
    assert "lever:globex: 0 new" in result.output  # the others were applied all the same


def test_bad_settings_and_odd_answers_read_as_what_they_are(boards, tmp_path, monkeypatch):
    from nploy.boards.fetch import fetch_board

    client = _client(tmp_path)
    calls = boards.get(recorded.REMOTIVE).respond(200, content=b"<!DOCTYPE html><html><body>Just a moment...</body></html>")
    page = fetch_board(client, parse_board("remotive"), tmp_path / "raw")
    assert page.error == "the board answered with a web page, not JSON", page.error
    monkeypatch.setenv("NPLOY_REMOTIVE_URL", "remotive.boards.test")  # no scheme
    bad = fetch_board(client, parse_board("remotive"), tmp_path / "raw")
    assert "NPLOY_REMOTIVE_URL" in bad.error and "https://" in bad.error and calls.call_count == 1, bad.error
    boards.get(recorded.LEVER).respond(200, content=b'[{"id": "a", "text": "Engineer", "categories": {"loc')
    cut = fetch_board(client, parse_board("lever:globex"), tmp_path / "raw")
    assert cut.error.startswith("malformed JSON (") and cut.error.endswith(")") and "char )" not in cut.error, cut.error
    assert "line 1" in cut.error


def test_records_left_out_are_named_in_the_fetch_report(boards, cli, tmp_path):
    """An empty title turned "97 jobs" into "96 new" without a word; a repeated id kept the first silently."""
    jobs = recorded.greenhouse([1, 2, 3])
    jobs["jobs"][1]["title"] = "  "
    jobs["jobs"].append(dict(jobs["jobs"][0]))  # the same id twice
    boards.get(recorded.GREENHOUSE).respond(json=jobs)
    result = cli.invoke(main, ["--data-dir", str(tmp_path / "ds"), "fetch", "greenhouse:acme"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("greenhouse:acme:"))
    assert "2 new" in line and "1 left out (" in line and "1 repeated id" in line, line


def test_greenhouse_location_type_metadata_sets_the_work_mode(boards, cli, tmp_path):
    """28 of 274 Greenhouse listings disagreed with their own "Location Type" metadata, which was ignored."""
    jobs = recorded.greenhouse([1, 2, 3, 4])
    kinds = {4001: "Remote", 4002: "Hybrid", 4003: ["On-site"], 4004: None}
    for job in jobs["jobs"]:
        value = kinds[job["id"]]
        field = {"id": 7, "name": "Location Type", "value": value, "value_type": "single_select"}
        job["metadata"] = None if value is None else [field]
    jobs["jobs"][1]["location"] = {"name": "Remote - US"}  # the place says remote; the metadata, hybrid: the metadata wins
    boards.get(recorded.GREENHOUSE).respond(json=jobs)
    assert cli.invoke(main, ["--data-dir", str(tmp_path / "ds"), "fetch", "greenhouse:acme"]).exit_code == 0
    modes = _rows(tmp_path / "ds")["work_mode"].to_dict()
    assert modes["greenhouse:acme:4001"] == "remote" and modes["greenhouse:acme:4002"] == "hybrid"
    assert modes["greenhouse:acme:4003"] == "onsite" and modes["greenhouse:acme:4004"] == "onsite"


def test_a_run_killed_before_its_table_is_written_still_logs_its_fetches(boards, cli, tmp_path, monkeypatch):
    """`kill -9` between the table write and the index save: the next refresh repaired the index, but
    fetches.json lost what the killed run did. The log is written first now."""
    from nploy.dataset import refresh as refresh_module

    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3])
    assert _fetch(cli, data).exit_code == 0
    boards.reset()
    _serve(boards, [1, 2, 3, 7])

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt("killed while writing the table")

    monkeypatch.setattr(refresh_module, "write_table", killed)
    with pytest.raises(KeyboardInterrupt):
        refresh_module.refresh(Dataset(data), ["greenhouse:acme"], client=_client(tmp_path))
    assert "1 new" in read_log(data)["greenhouse:acme"]["message"]  # what the killed run fetched
    monkeypatch.undo()
    for env, url in recorded.BASES.items():
        monkeypatch.setenv(env, url)
    again = _fetch(cli, data)
    assert again.exit_code == 0 and "greenhouse:acme: 1 new" in again.output
