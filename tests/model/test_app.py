"""AppTest tier: every page renders on a small dataset (fake encoder), and each page's main flow works."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nploy.dataset import Dataset
from nploy.demo.generator import generate
from nploy.index.embedding import FakeEncoder
from nploy.records.profile import make_profile
from nploy.records.table import write_table
from nploy.state.store import Holder, open_store
from ui.pickers import NO_ROLE

pytestmark = pytest.mark.model  # the bundled data with the real query encoder

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# Every page script, so a new page is covered without editing this list.
PAGES = sorted(str(p.relative_to(Path(APP).parent)) for p in Path(APP).parent.glob("pages/*/*.py"))


@pytest.fixture(scope="module")
def app_data(tmp_path_factory):
    dataset = Dataset(tmp_path_factory.mktemp("app") / "ds")
    write_table(generate(600, seed=3), dataset.listings_path)
    dataset.build(FakeEncoder())
    return dataset


@pytest.fixture
def app(app_data, monkeypatch):
    return app_on(app_data, monkeypatch)


def app_on(dataset: Dataset, monkeypatch) -> AppTest:
    """The app over this dataset, queries embedded by the fake encoder the dataset was built with."""
    monkeypatch.setenv("NPLOY_DATA_DIR", str(dataset.root))
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    return AppTest.from_file(APP, default_timeout=60)


def _open(app, page: str, **params) -> AppTest:
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "pages/candidates/overview.py":
        app.switch_page(page)
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
    assert not app.exception, app.exception
    return app


def _texts(app) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [h.value for h in app.subheader]
    parts += [i.value for i in app.info] + [w.value for w in app.warning] + [s.value for s in app.success]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app, page):
    _open(app, page, profile="alice", sample="backend-python")
    assert app.title, page
    assert not app.error, [e.value for e in app.error]


def test_overview_has_headline_numbers_and_sample_links(app):
    _open(app, "pages/candidates/overview.py")
    labels = [m.label for m in app.metric]
    assert labels == ["Listings", "Companies", "Countries", "Remote share", "Median salary"]
    assert app.metric[0].value == "600"
    assert any("synthetic" in i.value for i in app.sidebar.info)


def test_sample_profile_opens_explained_matches(app):
    _open(app, "pages/candidates/matches.py", profile="bob", sample="backend-python")
    assert any("best matches" in h.value for h in app.subheader)
    assert any("/100" in str(m.value) for m in app.metric)
    text = _texts(app)
    assert "Score parts" in text and "Matched:" in text and "Missing:" in text
    assert "Your words in this listing" not in text  # keywords weigh nothing in the tuned weights
    # the sample sets remote and a 60k floor: every card says remote
    cards = [m.value for m in app.markdown if m.value.startswith("**1.")]
    assert cards and " remote " in cards[0].replace("·", " ")


def test_profile_form_saves_and_changes_matches(app, app_data):
    _open(app, "pages/candidates/profile.py")
    key = app.query_params["profile"]  # the new profile's private link
    app.multiselect(key="p_skills").set_value(["Figma", "Prototyping"])
    app.text_input(key="p_titles").set_value("Product Designer")
    _button(app, "Save and see matches").click().run()
    assert not app.exception
    saved = open_store(app_data.root).load_profile(Holder(key))
    assert saved is not None and saved.skills == ["Figma", "Prototyping"] and saved.desired_titles == ["Product Designer"]


def test_matches_filter_narrows_the_list(app):
    _open(app, "pages/candidates/matches.py", profile="dave", sample="data-berlin")
    before = next(h.value for h in app.subheader if "best matches" in h.value)
    app.slider(key="min_score").set_value(60).run()
    after = next(h.value for h in app.subheader if "best matches" in h.value)
    assert before != after
    assert int(after.split()[0]) < int(before.split()[0])


def test_swipes_are_stored_change_the_feed_and_undo(app, app_data):
    _open(app, "pages/candidates/swipe.py", sample="backend-python")
    store = open_store(app_data.root)
    stored_before = _profile_rows(store)
    assert "profile" not in app.query_params  # a sample is shown, not stored, until its visitor changes it
    first = [m.value for m in app.markdown if m.value.startswith("**")][0]
    _button(app, "Like").click().run()
    erin = Holder(app.query_params["profile"])  # the first swipe stored it under a private link of its own
    assert _profile_rows(store) == stored_before + 1 and store.load_profile(erin).skills  # the sample's fields
    assert store.count_swipes(erin) == 1 and store.swipes(erin)[0].decision == "like"
    second = [m.value for m in app.markdown if m.value.startswith("**")][0]
    assert second != first
    assert any("1 like" in i.value for i in app.info)
    _button(app, "Pass").click().run()
    assert [s.decision for s in store.swipes(erin)] == ["like", "pass"]
    assert any("Liked (1)" in h.value for h in app.subheader)
    _button(app, "Undo last swipe").click().run()
    assert [s.decision for s in store.swipes(erin)] == ["like"]


def test_too_many_swipes_a_minute_is_a_message_not_a_traceback(app, monkeypatch):
    monkeypatch.setenv("NPLOY_SWIPES_PER_MINUTE", "1")
    _open(app, "pages/candidates/swipe.py", sample="backend-python")
    _button(app, "Like").click().run()
    _button(app, "Like").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == ["at most 1 swipes a minute (undos included): take a breath and swipe again"]


def _profile_rows(store) -> int:
    from sqlalchemy import func, select

    from nploy.state.store import profiles

    with store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(profiles)).scalar())


def test_opening_a_sample_again_and_again_stores_nothing(app, app_data):
    """Loading /matches?sample=backend-python twelve times added twelve rows to ``profiles``."""
    store = open_store(app_data.root)
    before = _profile_rows(store)
    for _ in range(12):
        visit = AppTest.from_file(APP, default_timeout=60)
        _open(visit, "pages/candidates/matches.py", sample="backend-python")
        assert any("best matches" in h.value for h in visit.subheader)
    assert _profile_rows(store) == before


def _button(app, label: str):
    [button] = [b for b in app.button if b.label == label]
    return button


def test_market_filter_changes_chart_data(app):
    _open(app, "pages/recruiters/market.py")
    before = app.caption[0].value
    app.multiselect(key="work_mode").set_value(["remote"]).run()
    assert not app.exception
    after = app.caption[0].value
    assert before != after and int(after.split()[0].replace(",", "")) < int(before.split()[0].replace(",", ""))


def test_skill_gaps_and_what_if_move(app):
    _open(app, "pages/candidates/gaps.py", profile="frank", sample="backend-python")
    metrics = {m.label: m for m in app.metric}
    assert "Listings you would match" in metrics
    added = metrics["Listings you would match"].delta
    assert added.startswith("+") and added != "+0"


@pytest.mark.parametrize(
    "page, message", [("pages/candidates/matches.py", "Your profile is empty"), ("pages/candidates/gaps.py", "Add your skills")]
)
def test_pages_that_need_a_profile_say_what_to_do(app, page, message):
    _open(app, page)
    assert any(message in i.value for i in app.info)
    assert not app.error


def test_match_cards_name_the_profiles_words_only_where_they_weighed(tmp_path, monkeypatch):
    from nploy.matching import matcher
    from nploy.matching.ranking import RankingSettings

    dataset = Dataset(tmp_path / "ds")  # its own directory: the app's matcher cache is keyed by it
    write_table(generate(300, seed=3), dataset.listings_path)
    dataset.build(FakeEncoder())
    monkeypatch.setattr(matcher, "load_ranking", lambda: RankingSettings().with_weights({"semantic": 0.5, "keywords": 0.5}))
    app = _open(app_on(dataset, monkeypatch), "pages/candidates/matches.py", sample="backend-python")
    words = [c.value for c in app.caption if c.value.startswith("Your words in this listing: ")]
    assert words and "keywords" in _texts(app)
    said = set("backend developer senior level skills python django postgresql docker".split())  # the sample's text
    assert all(set(w.removeprefix("Your words in this listing: ").split(", ")) <= said for w in words), words


def test_matches_say_the_role_read_from_free_text_and_one_click_changes_it(app, app_data):
    """A profile of free text alone is ranked as the role its words point to, and the page says so; one click
    ranks by another role read (saved as the desired title) or by the words alone (then the nearest listings'
    titles are offered, and one click brings the role back)."""
    key = "inferred-role-profile-key-0001"
    store = open_store(app_data.root)
    store.save_profile(Holder(key), make_profile(free_text="I build data pipelines and keep the warehouse fresh"))
    _open(app, "pages/candidates/matches.py", profile=key)
    line = next(i.value for i in app.info if i.value.startswith("Ranked as:"))
    picker = app.pills(key="role_change")
    assert picker.options[-1] == NO_ROLE and len(picker.options) >= 2
    second = picker.options[0]
    assert second not in line.split("(")[0]  # another role than the one ranked by
    picker.set_value(second).run()
    assert not app.exception, app.exception
    assert store.load_profile(Holder(key)).desired_titles == [second]  # an explicit title now: it wins
    assert not [i for i in app.info if i.value.startswith("Ranked as:")] and app.subheader and not app.error

    other = "inferred-role-profile-key-0002"  # the Swipe page says it too, and "none" ranks by the words alone
    store.save_profile(Holder(other), make_profile(free_text="I train models on messy data"))
    _open(app, "pages/candidates/swipe.py", profile=other)
    assert any(i.value.startswith("Ranked as:") for i in app.info)
    app.pills(key="role_change").set_value(NO_ROLE).run()
    assert store.load_profile(Holder(other)).no_inferred_role and not app.exception
    assert "Ranked by your profile alone" in _texts(app)
    picker = app.pills(key="suggested_title")  # no role read: the nearest listings' titles are offered instead
    assert picker is not None and picker.options
    app.button(key="role_back").click().run()
    assert not store.load_profile(Holder(other)).no_inferred_role and not app.exception


def test_matches_say_which_role_was_read_from_the_free_text(app, app_data):
    key = "named-role-profile-key-0001"
    open_store(app_data.root).save_profile(Holder(key), make_profile(free_text="I am a data engineer and love Spark."))
    _open(app, "pages/candidates/matches.py", profile=key)
    assert "Role read from your text, ranked as a desired title: Data Engineer" in _texts(app)
    assert "Skills read from your text, shown as matched: Apache Spark" in _texts(app)
    app.button(key="add_read_skills").click().run()  # one click puts them in the profile's skills
    assert open_store(app_data.root).load_profile(Holder(key)).skills == ["Apache Spark"] and not app.exception
    assert "Skills read from your text" not in _texts(app)  # listed now, so nothing is read beyond them
    _open(app, "pages/candidates/matches.py", profile="bob", sample="backend-python")
    assert "Role read from your text" not in _texts(app)  # a typed title is no role read
    assert "Skills read from your text" not in _texts(app)


def test_the_dataset_picker_switches_datasets_in_the_link_and_keeps_the_profile(tmp_path, monkeypatch):
    """A user with the demo, the open postings and their boards restarted with another NPLOY_DATA_DIR (issue 26):
    the sidebar lists the datasets under the data directory with their size and freshness, the choice is kept
    in the link, and the profile (stored with the data directory) stays."""
    from nploy.dataset.shelf import pick, shelf

    main_set = Dataset(tmp_path / "ds")
    write_table(generate(300, seed=3), main_set.listings_path)
    main_set.build(FakeEncoder())
    boards = Dataset(tmp_path / "ds" / "boards")
    write_table(generate(120, seed=4), boards.listings_path)
    boards.build(FakeEncoder())
    (tmp_path / "ds" / "empty").mkdir()  # no listings: not a dataset
    entries = shelf(tmp_path / "ds")
    assert [e.name for e in entries] == [".", "boards"] and entries[1].listings == 120
    assert pick("boards", tmp_path / "ds") == boards.root and pick("../../etc", tmp_path / "ds") is None

    app = app_on(main_set, monkeypatch)
    _open(app, "pages/candidates/matches.py", sample="backend-python")
    picker = next(s for s in app.sidebar.selectbox if s.label == "Dataset")
    assert "300 listings" in picker.format_func(".") and "120 listings" in picker.format_func("boards")
    picker.set_value("boards").run()
    assert not app.exception, app.exception
    assert app.query_params["dataset"] == "boards"
    assert any("120 listings" in c.value for c in app.sidebar.caption)
    stranger = app_on(main_set, monkeypatch)  # a link that names no dataset of the shelf opens the default
    _open(stranger, "pages/candidates/overview.py", dataset="../../etc")
    assert any("300 listings" in c.value for c in stranger.sidebar.caption) and not stranger.exception
