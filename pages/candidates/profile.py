"""Profile: skills and preferences, pre-filled from a CV when one is uploaded; saved under the URL's name."""

import streamlit as st

from nploy.ingest.cv import read_cv
from nploy.records.profile import make_profile
from nploy.vocabulary.skills import load_taxonomy
from ui import loaders, profile_form
from ui.profile_state import current_profile, profile_name
from ui.text import text
from ui.widgets import or_stop, show_error

st.title("Your profile")
name = profile_name()
st.caption(f"Saved as **{text(name)}**. Bookmark this page's address to come back to it.")
taxonomy = load_taxonomy()
with or_stop():
    served = loaders.catalog()
options = {column: served.options(column) for column in ("country", "city")}
# Streamlit forgets a page's widget state when the user visits another page: refill it then too.
if st.session_state.get("form_for") != name or "p_skills" not in st.session_state:
    profile_form.fill(current_profile(), set(taxonomy.skills), options)
    st.session_state["form_for"] = name

upload = st.file_uploader("Pre-fill from a CV (PDF, DOCX or TXT, up to 10 MB)", type=["pdf", "docx", "txt"])
if upload is not None and st.session_state.get("cv_done") != upload.file_id:
    st.session_state["cv_done"] = upload.file_id
    try:
        with st.spinner("Reading the CV..."):
            summary = read_cv(upload.getvalue())
        profile_form.prefill_from_cv(summary)
        st.success(
            f"Read {summary.characters:,} characters: {len(summary.skills)} skills, "
            f"titles {text(', '.join(summary.titles)) or 'none found'}, seniority {summary.seniority or 'not found'}. "
            "Check the form below and save."
        )
    except Exception as error:
        show_error(error)

with st.form("profile"):
    profile_form.draw(taxonomy.names(), options)
    saved = st.form_submit_button("Save and see matches", type="primary")

if saved:
    try:
        updated = make_profile(**profile_form.profile_fields(st.session_state))
        loaders.store().save_profile(name, updated)
        st.query_params.pop("sample", None)
        st.switch_page("pages/candidates/matches.py", query_params={"profile": name})
    except Exception as error:
        show_error(error)
