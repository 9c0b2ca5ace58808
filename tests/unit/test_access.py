"""Who may see what: roles from the sign-in, the one-time move of name-only profiles to private links,
and the app without sign-in (a profile only by its token; a guessed name opens nothing)."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from click.testing import CliRunner
from sqlalchemy import create_engine
from streamlit.testing.v1 import AppTest

from nploy.cli import main
from nploy.records.profile import make_profile
from nploy.state.access import Viewer, viewer_from_claims
from nploy.state.store import Holder, Store, open_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
MIGRATIONS = Path(__file__).resolve().parents[2] / "nploy" / "state" / "migrations"


# ---- roles ------------------------------------------------------------------------------------------------


def test_without_sign_in_everyone_is_candidate_and_recruiter():
    local = viewer_from_claims(False, None)
    assert local.may_keep_a_profile and local.recruiter and not local.signed_in


def test_with_sign_in_a_visitor_sees_the_demo_and_recruiters_are_configured(monkeypatch):
    assert viewer_from_claims(True, None) == Viewer(sign_in=True)
    visitor = viewer_from_claims(True, None)
    assert not visitor.may_keep_a_profile and not visitor.recruiter
    alice = viewer_from_claims(True, {"iss": "https://id.example", "sub": "alice", "email": "alice@example.org"})
    assert alice.subject == "https://id.example|alice" and alice.may_keep_a_profile and not alice.recruiter
    monkeypatch.setenv("NPLOY_RECRUITERS", "carol@example.org, dave")
    assert viewer_from_claims(True, {"iss": "x", "sub": "c1", "email": "Carol@example.org", "email_verified": True}).recruiter
    assert viewer_from_claims(True, {"iss": "x", "sub": "c2", "email": "carol@example.org", "email_verified": "true"}).recruiter
    assert viewer_from_claims(True, {"iss": "x", "sub": "dave"}).recruiter
    assert not viewer_from_claims(True, {"iss": "x", "sub": "alice"}).recruiter
    monkeypatch.setenv("NPLOY_RECRUITER_GROUP", "hiring")
    assert viewer_from_claims(True, {"iss": "x", "sub": "erin", "groups": ["staff", "hiring"]}).recruiter
    assert not viewer_from_claims(True, {"iss": "x", "sub": "frank", "groups": "staff"}).recruiter


def test_an_unverified_email_is_never_a_recruiter(monkeypatch):
    """A provider with self-registration lets anyone claim any address: only a verified e-mail is matched."""
    monkeypatch.setenv("NPLOY_RECRUITERS", "bob@example.org")
    for flag in (False, "false", None, "yes", 1):
        claims = {"iss": "x", "sub": "mallory", "email": "bob@example.org"}
        if flag is not None:
            claims["email_verified"] = flag
        mallory = viewer_from_claims(True, claims)
        assert mallory.email == "bob@example.org" and not mallory.email_verified and not mallory.recruiter, flag
    assert viewer_from_claims(True, {"iss": "x", "sub": "b", "email": "bob@example.org", "email_verified": True}).recruiter


def test_the_same_sub_at_two_providers_is_two_people():
    one = viewer_from_claims(True, {"iss": "https://a.example", "sub": "42"})
    two = viewer_from_claims(True, {"iss": "https://b.example", "sub": "42"})
    assert one.subject != two.subject


# ---- the one-time migration of name-only profiles -----------------------------------------------------------


def test_name_only_profiles_move_to_private_links_once_and_keep_their_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'state.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # the schema before private profiles
        profile = json.dumps({"skills": ["Python"], "salary_floor": 65000})
        connection.exec_driver_sql(f"INSERT INTO profiles VALUES ('alice', '{profile}', 1.0)")
        connection.exec_driver_sql("INSERT INTO swipes VALUES ('alice', 'l1', 'like', 1, 1.0), ('alice', 'l2', 'pass', 2, 2.0)")
        connection.exec_driver_sql("INSERT INTO swipes VALUES ('ghost', 'l3', 'like', 3, 3.0)")  # swipes, no profile
    engine.dispose()

    store = Store(url)  # upgrades to the latest revision
    links = dict(store.legacy_links())
    assert set(links) == {"alice", "ghost"} and all(len(key) >= 22 for key in links.values())
    alice = Holder(links["alice"])
    assert store.load_profile(alice).skills == ["Python"] and store.load_profile(alice).salary_floor == 65000
    assert [(s.listing_id, s.decision) for s in store.swipes(alice)] == [("l1", "like"), ("l2", "pass")]
    assert [s.listing_id for s in store.swipes(Holder(links["ghost"]))] == ["l3"]
    assert store.load_profile(Holder("alice")) is None and store.swipes(Holder("alice")) == []  # a name opens nothing
    assert dict(Store(url).legacy_links()) == links  # once: a second start changes nothing

    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "profile-links", "--url", "https://jobs.example"])
    assert result.exit_code == 0 and f"alice\thttps://jobs.example/profile?profile={links['alice']}" in result.output


# ---- the app without sign-in -------------------------------------------------------------------------------


def _open(app, page: str, **params) -> AppTest:
    app.run()
    app.switch_page(page)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _texts(app) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [w.value for w in app.warning]
    return "\n".join(str(p) for p in [*parts, *(c.value for c in app.code)])


def test_a_profile_opens_only_with_its_token(app, fake_dataset):
    store = open_store(fake_dataset.root)
    key = "Zk3" + "q" * 19 + "x7"
    store.save_profile(Holder(key), make_profile(skills=["Haskell"], desired_titles=["Compiler Engineer"]))
    _open(app, "pages/candidates/matches.py", profile=key)
    assert "Compiler Engineer" in _texts(app) and app.query_params["profile"] == key

    for guess in ("alice", key[:-1] + "y"):  # a name; a token one character off
        stranger = AppTest.from_file(APP, default_timeout=60)
        _open(stranger, "pages/candidates/matches.py", profile=guess)
        text = _texts(stranger)
        assert "Haskell" not in text and "Compiler Engineer" not in text
        assert "No profile at that link: a new profile was started" in text
        assert stranger.query_params["profile"] != guess  # a fresh private link instead


def _click(app, label: str, where=None) -> None:
    [button] = [b for b in (where or app).button if b.label == label]
    button.click().run()
    assert not app.exception, app.exception


def test_the_private_link_is_shown_and_a_browser_stores_at_most_its_days_profiles(app, monkeypatch):
    """The limit counts profiles stored in the database per browser (and per address), so a reload, which
    used to reset a per-session count, changes nothing (the browser tier reloads for real)."""
    monkeypatch.setenv("NPLOY_PROFILES_PER_BROWSER", "2")
    _open(app, "pages/candidates/profile.py")
    first = app.query_params["profile"]
    assert len(first) >= 22 and f"?profile={first}" in [c.value for c in app.sidebar.code]
    _click(app, "Save and see matches")  # stored: one of two
    _click(app, "Start a new profile", app.sidebar)
    second = app.query_params["profile"]
    assert second != first
    app.switch_page("pages/candidates/profile.py").run()
    _click(app, "Save and see matches")  # two of two
    _click(app, "Start a new profile", app.sidebar)
    assert any("stored the most new profiles it may today" in e.value for e in app.sidebar.error)
    assert app.query_params["profile"] == second
    stranger = AppTest.from_file(APP, default_timeout=60)  # another browser is not held back by this one
    _open(stranger, "pages/candidates/profile.py")
    _click(stranger, "Start a new profile", stranger.sidebar)
    assert not stranger.sidebar.error


def test_my_data_downloads_and_deletes(app, fake_dataset):
    _open(app, "pages/candidates/profile.py", sample="backend-python")
    assert "Nothing stored yet" in "\n".join(c.value for c in app.caption)  # a sample is shown, not stored
    _click(app, "Save and see matches")  # saved: stored under its own new link, the sample's fields kept
    key = app.query_params["profile"]
    store = open_store(fake_dataset.root)
    assert store.load_profile(Holder(key)).skills
    app.switch_page("pages/candidates/profile.py").run()
    [download] = [d for d in app.get("download_button") if "Download my data" in d.proto.label]
    assert download is not None
    [confirm] = [c for c in app.checkbox if c.label.startswith("Yes, delete my profile")]
    confirm.check().run()
    [delete] = [b for b in app.button if b.label == "Delete my data"]
    delete.click().run()
    assert not app.exception, app.exception
    assert any("nothing of that profile is left" in s.value for s in app.success)
    assert store.load_profile(Holder(key)) is None and store.export(Holder(key))["profile"] is None
    assert app.query_params["profile"] != key
