"""Incremental updates: `ingest --append`, `build --incremental`, and an app that picks the new index up."""

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.dataset import Dataset
from nploy.index.embedding import FakeEncoder
from nploy.index.manifest import read_manifest
from nploy.index.texts import listing_texts
from nploy.ingest.merge import merge
from nploy.records.table import to_table, write_table
from tests.conftest import _listing, tiny_listings


class CountingEncoder(FakeEncoder):
    """The test encoder, counting the texts it is asked to embed."""

    def __init__(self):
        super().__init__()
        self.encoded = 0

    def encode(self, texts, progress=None):
        self.encoded += len(texts)
        return super().encode(texts, progress)


def _next_week():
    """Two new listings, one edited (t1: new title) and one re-posted unchanged (t2)."""
    listings = tiny_listings()
    edited = listings[1]
    edited.title = "Senior Backend Engineer"
    new = [_listing(20, "Rust Engineer", ["Rust", "Linux"], "remote", "Berlin", "DE", None, "senior"),
           _listing(21, "Elixir Developer", ["Elixir"], "remote", "Sofia", "BG", None, "mid")]  # fmt: skip
    return to_table([edited, listings[2], *new])


def test_merge_replaces_by_id_and_expires_old_postings(tiny_table):
    merged, report = merge(tiny_table, _next_week(), expire_before=date(2026, 1, 3))
    assert report.added == 2 and report.updated == 2
    # t0 and t1 were posted on 1 and 2 January, but t1 came back in the new file (posted 2 January too)
    assert report.expired == 2 and "t0" not in set(merged["id"]) and "t1" not in set(merged["id"])
    assert {"t20", "t21", "t2"} <= set(merged["id"]) and report.total == len(merged)
    assert merged["id"].is_unique


def test_update_embeds_only_new_and_changed_listings_and_equals_a_full_build(tmp_path, tiny_table):
    dataset = Dataset(tmp_path / "ds")
    write_table(tiny_table, dataset.listings_path)
    dataset.build(FakeEncoder())
    merged, _ = merge(tiny_table[tiny_table["id"] != "t3"], _next_week())  # t3 leaves
    write_table(merged, dataset.listings_path)
    encoder = CountingEncoder()
    updated, change = dataset.update(encoder)
    assert (change.added, change.changed, change.removed, change.how) == (2, 1, 1, "incremental")
    assert encoder.encoded == 2 * 3  # body and head of t20, t21 and the edited t1; nothing else embedded again
    full = Dataset(tmp_path / "full")
    write_table(merged, full.listings_path)
    rebuilt = full.build(FakeEncoder())
    keys = np.sort(merged["key"].to_numpy())
    assert updated.index.ntotal == rebuilt.index.ntotal == len(keys)
    assert np.allclose(updated.vectors(keys), rebuilt.vectors(keys), atol=1e-6)
    # the saved index is current for the new table: the matcher loads it and finds the new listing
    from nploy.matching.ranking import RankingSettings
    from nploy.records.profile import make_profile

    matcher = dataset.matcher(FakeEncoder(), ranking=RankingSettings())  # skills weigh: the fake encoder is no judge
    # Ranked by the skills, not by the role they point to (a role ranks with weights of its own, skills not among them).
    profile = make_profile(skills=["Rust"], no_inferred_role=True)
    assert matcher.match(profile, n=1)[0].listing.id == "t20"


def test_update_falls_back_to_a_full_build_without_a_usable_index(tmp_path, tiny_table):
    dataset = Dataset(tmp_path / "ds")
    write_table(tiny_table, dataset.listings_path)
    encoder = CountingEncoder()
    _, change = dataset.update(encoder)
    assert change.how.startswith("full build") and encoder.encoded == 2 * len(tiny_table)
    dataset.build(FakeEncoder(), "HNSW16")
    _, change = dataset.update(CountingEncoder())
    assert "cannot remove vectors" in change.how and read_manifest(dataset.index_dir).index_type == "HNSW16"


def _as_json(table) -> str:
    return table.drop(columns=["key"]).to_json(orient="records", date_format="iso")


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    return CliRunner()


def test_cli_append_then_incremental_build(runner, tmp_path, tiny_table):
    data = str(tmp_path / "ds")
    first, second = tmp_path / "week1.json", tmp_path / "week2.json"
    rows = [
        json.loads(r)
        for r in tiny_table.drop(columns=["key"]).to_json(orient="records", date_format="iso", lines=True).splitlines()
    ]
    first.write_text(json.dumps(rows))
    rows2 = [
        json.loads(r)
        for r in _next_week().drop(columns=["key"]).to_json(orient="records", date_format="iso", lines=True).splitlines()
    ]
    second.write_text(json.dumps(rows2))
    assert runner.invoke(main, ["--data-dir", data, "ingest", str(first)]).exit_code == 0
    assert runner.invoke(main, ["--data-dir", data, "build"]).exit_code == 0
    result = runner.invoke(main, ["--data-dir", data, "ingest", "--append", "--expire-before", "2026-01-02", str(second)])
    assert result.exit_code == 0, result.output
    assert "appended 2 new, updated 2, expired 1" in result.output and "--incremental" in result.output
    result = runner.invoke(main, ["--data-dir", data, "build", "--incremental"])
    assert result.exit_code == 0, result.output
    assert "incremental: 2 added, 1 changed, 1 removed" in result.output
    query = ["--title", "Elixir Developer", "--skills", "elixir", "--top", "1", "--json"]
    result = runner.invoke(main, ["--data-dir", data, "match", *query])
    assert json.loads(result.output)["matches"][0]["id"] == "t21"
    bad = runner.invoke(main, ["--data-dir", data, "build", "--incremental", "--index-type", "HNSW16"])
    assert bad.exit_code == 1 and "keeps the index's type" in bad.output


def test_running_app_picks_up_the_new_index_without_a_restart(tmp_path, tiny_table, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from nploy.records.profile import make_profile
    from nploy.state.store import Holder, mint_key, open_store

    dataset = Dataset(tmp_path / "ds")
    write_table(tiny_table, dataset.listings_path)
    dataset.build(FakeEncoder())
    eve = mint_key()
    open_store(dataset.root).save_profile(Holder(eve), make_profile(skills=["Elixir"], must_have_skills=["Elixir"]))
    monkeypatch.setenv("NPLOY_DATA_DIR", str(dataset.root))
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    app = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    app.query_params["profile"] = eve
    app.run()
    app.switch_page("pages/candidates/matches.py")
    app.query_params["profile"] = eve
    app.run()
    assert not app.exception
    assert "Elixir Developer" not in _page_text(app)  # no listing asks for Elixir yet
    merged, _ = merge(dataset.table(), _next_week())
    write_table(merged, dataset.listings_path)
    dataset.update(FakeEncoder())
    app.run()  # the same server, a rerun: the caches keyed on the manifest load the new index
    assert not app.exception
    assert "Elixir Developer" in _page_text(app)


def _page_text(app) -> str:
    parts = [m.value for m in app.markdown] + [s.value for s in app.subheader] + [c.value for c in app.caption]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("kind", ["IVF16,SQ8", "IVF16,PQ8x4"])
def test_update_of_an_ivf_index_embeds_only_new_and_changed_listings(tmp_path, kind):
    """At a million listings the index is IVF: an update re-adds stored codes (or, for PQ, the float16
    copies the codes were made from) and embeds only what changed."""
    from nploy.demo.generator import generate
    from nploy.records.profile import make_profile

    dataset = Dataset(tmp_path / "ds")
    table = generate(3000, seed=5)
    write_table(table, dataset.listings_path)
    before = dataset.build(FakeEncoder(), kind)
    kept = table.iloc[100:]  # the first 100 expire
    added = generate(3050, seed=6).iloc[3000:]  # 50 new ones (other ids: another seed)
    write_table(merge(kept, added)[0], dataset.listings_path)
    encoder = CountingEncoder()
    updated, change = dataset.update(encoder)
    assert change.how == "incremental" and encoder.encoded == 2 * (change.added + change.changed) <= 120
    assert updated.index.ntotal == len(dataset.table()) and updated.manifest.params == before.manifest.params
    same = kept["key"].to_numpy()[:500]
    assert np.array_equal(updated.vectors(same), before.vectors(same))  # codes re-encode to themselves
    assert (updated.exact is None) == (before.exact is None) == ("PQ" not in kind)
    if updated.exact is not None:  # the copies follow the new order: each key's own vector
        fresh = added["key"].to_numpy()[:5]
        expected = FakeEncoder().encode(listing_texts(dataset.table().set_index("key").loc[fresh].reset_index()))
        assert np.allclose(updated.vectors(fresh), expected, atol=1e-3)
    assert set(updated.keys.tolist()) == set(dataset.table()["key"].tolist())
    match = dataset.matcher(FakeEncoder()).match(make_profile(skills=["Python"], work_modes=["remote"]), n=5)
    assert match and all(m.listing.work_mode == "remote" for m in match)
