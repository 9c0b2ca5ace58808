"""Profile: skills and preferences, pre-filled from a CV when one is uploaded; saved under the URL's name."""

import streamlit as st

import ui
from nploy.cv import read_cv
from nploy.listing import SENIORITIES
from nploy.profile import make_profile
from nploy.salary import EUR_PER_UNIT
from nploy.skills import load_taxonomy

st.title("Your profile")
name = ui.profile_name()
st.caption(f"Saved as **{ui.text(name)}**. Bookmark this page's address to come back to it.")
taxonomy = load_taxonomy()
frame = ui.current_table()
# Streamlit forgets a page's widget state when the user visits another page: refill it then too.
if st.session_state.get("form_for") != name or "p_skills" not in st.session_state:
    ui.fill_profile_form(ui.current_profile())
    st.session_state["form_for"] = name

upload = st.file_uploader("Pre-fill from a CV (PDF, DOCX or TXT, up to 10 MB)", type=["pdf", "docx", "txt"])
if upload is not None and st.session_state.get("cv_done") != upload.file_id:
    st.session_state["cv_done"] = upload.file_id
    try:
        with st.spinner("Reading the CV..."):
            summary = read_cv(upload.getvalue())
        ui.prefill_from_cv(summary)
        st.success(
            f"Read {summary.characters:,} characters: {len(summary.skills)} skills, "
            f"titles {ui.text(', '.join(summary.titles)) or 'none found'}, seniority {summary.seniority or 'not found'}. "
            "Check the form below and save."
        )
    except Exception as error:
        ui.show_error(error)

with st.form("profile"):
    left, right = st.columns(2)
    left.multiselect(
        "Skills",
        taxonomy.names(),
        key="p_skills",
        accept_new_options=True,
        max_selections=50,
        help="Type to search; aliases such as k8s or postgres are understood.",
    )
    right.multiselect("Must-have skills (listings must ask for all)", taxonomy.names(), key="p_must", max_selections=10)
    left.text_input("Desired titles (comma separated)", key="p_titles", max_chars=300)
    right.selectbox("Seniority", ["(any)", *SENIORITIES], key="p_seniority")
    left.number_input("Years of experience", 0, 60, key="p_years")
    right.multiselect("Work modes", ["remote", "hybrid", "onsite"], key="p_modes")
    left.multiselect("Countries", ui.options("country"), key="p_countries")
    right.multiselect("Cities", ui.options("city"), key="p_cities", accept_new_options=True, max_selections=50)
    left.number_input("Salary floor per year (0 = none)", 0, 5_000_000, step=5000, key="p_floor")
    right.selectbox("Currency of the floor", list(EUR_PER_UNIT), key="p_currency")
    left.checkbox("Show listings that do not state a salary", key="p_undisclosed")
    st.text_area("What are you looking for, in your words?", key="p_text", max_chars=2000)
    saved = st.form_submit_button("Save and see matches", type="primary")

if saved:
    form = st.session_state
    try:
        updated = make_profile(
            skills=form.p_skills,
            must_have_skills=form.p_must,
            desired_titles=[t for t in form.p_titles.split(",") if t.strip()],
            seniority=None if form.p_seniority == "(any)" else form.p_seniority,
            years_experience=int(form.p_years) or None,
            work_modes=form.p_modes,
            countries=form.p_countries,
            cities=form.p_cities,
            salary_floor=float(form.p_floor) or None,
            salary_currency=form.p_currency,
            include_undisclosed_salary=form.p_undisclosed,
            free_text=form.p_text,
        )
        ui.store().save_profile(name, updated)
        st.query_params.pop("sample", None)
        st.switch_page("pages/candidates/matches.py", query_params={"profile": name})
    except Exception as error:
        ui.show_error(error)
