"""The two-sided pages (issue 29) in Streamlit's AppTest, without sign-in (one laptop: everyone is candidate and
recruiter): opt in on "Be found", a role on "Candidates", like both ways, contacts on both pages, opt out.
The signed-in flow with a real OpenID Connect provider is tests/browser/test_browser.py's."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from nploy.records.profile import make_profile
from nploy.state.store import Holder, open_store
from tests.unit.test_access import APP, _click, _open
from ui.text import text

KEY = "Tw0" + "s" * 19 + "d9"


def _texts(app) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [s.value for s in app.success]
    return "\n".join(str(p) for p in [*parts, *(i.value for i in app.info)])


def _field(app, label: str):
    [found] = [t for t in app.text_input if t.label.startswith(label)]
    return found


def test_both_sides_of_the_swipe_in_the_app(app, fake_dataset):
    store = open_store(fake_dataset.root)
    mine = Holder(KEY)
    store.save_profile(
        mine, make_profile(skills=["Go", "PostgreSQL"], desired_titles=["Backend Engineer"], free_text="Secret words")
    )
    page = _open(app, "pages/candidates/found.py", profile=KEY)
    assert "Hidden: no recruiter search lists you" in _texts(page)  # off by default
    page.toggle[0].set_value(True)
    page.text_input[0].input("ada@example.org")
    _click(page, "Save")
    [handle] = [d.handle for d in store.discoverable_candidates()]
    assert f"Recruiters can find you as **{handle}**" in _texts(page)

    recruiter = _open(AppTest.from_file(APP, default_timeout=60), "pages/recruiters/candidates.py")
    assert "Describe a role" in _texts(recruiter)
    _field(recruiter, "Title").input("Senior Backend Engineer")
    _field(recruiter, "Company").input("ACME")
    recruiter.multiselect[0].set_value(["Go"])
    _field(recruiter, "Your contact").input("hiring@acme.example")
    _click(recruiter, "Save the role")
    ranked = _texts(recruiter)
    assert handle in ranked and "Secret words" not in ranked  # ranked, showing only the default fields
    _click(recruiter, "Like")
    assert "You liked this candidate" in _texts(recruiter)

    page.run()
    assert "A recruiter at **ACME** is interested in you for **Senior Backend Engineer**" in _texts(page)
    _click(page, "Like back")
    assert text("hiring@acme.example") in _texts(page)  # as the page writes it: escaped for Markdown
    recruiter.run()
    assert text("ada@example.org") in _texts(recruiter)

    # A second role, then closed from its page: the first stays, with its match.
    _field(recruiter, "Title").input("Closing Soon Engineer")
    _click(recruiter, "Save the role")
    assert len(store.roles_of("local")) == 2
    _click(recruiter, "Delete the role")
    assert [r.role.title for r in store.roles_of("local")] == ["Senior Backend Engineer"]

    page.toggle[0].set_value(False)
    _click(page, "Save")
    assert store.discoverable_candidates() == []
    recruiter.run()
    assert handle not in _texts(recruiter).split("Mutual matches")[0]  # gone from the ranking at once
    assert "sample profiles, as a demo" in _texts(recruiter)  # the empty pool shows the samples instead


def test_the_demo_shows_both_sides_on_sample_data_only(app, fake_dataset):
    """Without sign-in: a sample profile's "Be found" shows what a recruiter sees of it and interest from sample
    recruiters; "Candidates" with no role ranks the sample profiles for a role made from a listing. Nothing is
    stored, and nothing can be liked."""
    store = open_store(fake_dataset.root)
    found = _open(app, "pages/candidates/found.py", sample="backend-python")
    shown = _texts(found)
    assert "What a recruiter sees of you" in [h.value for h in found.subheader]
    assert "The one sample candidate who passes the filters of Go Developer" in shown and "is interested in you for" in shown
    assert all(b.disabled for b in found.button if b.label in ("Like back", "Not for me"))

    recruiter = _open(AppTest.from_file(APP, default_timeout=60), "pages/recruiters/candidates.py")
    assert "a demo on sample data only" in _texts(recruiter)
    [choice] = [s for s in recruiter.selectbox if s.label.startswith("A sample role")]
    assert len(choice.options) >= 2
    ranked = _texts(recruiter)
    assert "Sample: " in ranked and not [b for b in recruiter.button if b.label in ("Like", "Pass")]
    choice.select_index(1).run()
    assert not recruiter.exception and "Sample: " in _texts(recruiter)
    assert store.roles_of("local") == [] and store.discoverable_candidates() == []
    with store.engine.connect() as connection:  # the samples were shown, never stored
        assert connection.exec_driver_sql("SELECT count(*) FROM profiles").scalar() == 0
