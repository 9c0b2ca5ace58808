"""Profile: skills and preferences, pre-filled from a CV when one is uploaded; saved for the signed-in
user or under the profile's private link. "Your data": download everything stored, or delete it."""

import json

import streamlit as st

from nploy.ingest.cv import MAX_MB, read_cv
from nploy.records.profile import make_profile
from nploy.vocabulary.skills import load_taxonomy
from ui import loaders, profile_form
from ui.profile_state import current_profile, link_params
from ui.text import text
from ui.widgets import or_stop, require_holder, show_error

st.title("Your profile")
mine = require_holder("keep a profile of your own")
name = mine.key
if mine.owner is None:
    st.caption("Saved under this page's private link: bookmark it to come back; anyone with it can open this profile.")
else:
    st.caption("Saved to your account: only you can see it.")
taxonomy = load_taxonomy()
with or_stop():
    served = loaders.catalog()
options = {column: served.options(column) for column in ("country", "city")}
# Streamlit forgets a page's widget state when the user visits another page: refill it then too.
if st.session_state.get("form_for") != name or "p_skills" not in st.session_state:
    profile_form.fill(current_profile(), set(taxonomy.skills), options)
    st.session_state["form_for"] = name

upload = st.file_uploader(
    f"Pre-fill from a CV (PDF, DOCX or TXT, up to {MAX_MB} MB)", type=["pdf", "docx", "txt"], max_upload_size=MAX_MB
)
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
        loaders.store().save_profile(mine, updated)
        st.query_params.pop("sample", None)
        st.switch_page("pages/candidates/matches.py", query_params=link_params())
    except Exception as error:
        show_error(error)

st.subheader("Your data")
st.caption("Everything nploy stores about this profile: the profile, each swipe and like, when they were made.")
left, right = st.columns(2)
with or_stop():
    stored = loaders.store().export(mine) if loaders.store().exists(mine) or loaders.store().swipes(mine) else None
if stored is None:
    left.caption("Nothing stored yet: save the profile or swipe first.")
else:
    left.download_button(
        "Download my data (JSON)",
        json.dumps(stored, indent=2, default=str),
        "nploy-my-data.json",
        "application/json",
        icon=":material/download:",
    )
    confirm = right.checkbox("Yes, delete my profile, swipes and likes for good")
    if right.button("Delete my data", icon=":material/delete:", disabled=not confirm):
        with or_stop():
            loaders.store().delete(mine)
        for key in ("form_for", "p_skills", "owner_key", "profile_key", "sample_keys"):
            st.session_state.pop(key, None)
        st.query_params.pop("profile", None)
        st.session_state["deleted"] = True
        st.rerun()
if st.session_state.pop("deleted", False):
    st.success("Deleted: nothing of that profile is left in the database.")
