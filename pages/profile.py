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
profile = ui.current_profile()
taxonomy = load_taxonomy()

upload = st.file_uploader("Pre-fill from a CV (PDF, DOCX or TXT, up to 10 MB)", type=["pdf", "docx", "txt"])
if upload is not None and st.session_state.get("cv_done") != upload.file_id:
    try:
        with st.spinner("Reading the CV..."):
            summary = read_cv(upload.getvalue())
        profile.skills = list(dict.fromkeys(profile.skills + summary.skills))
        profile.desired_titles = summary.titles or profile.desired_titles
        profile.seniority = summary.seniority or profile.seniority
        profile.years_experience = summary.years if summary.years is not None else profile.years_experience
        st.session_state["cv_profile"] = profile
        st.success(
            f"Read {summary.characters:,} characters: {len(summary.skills)} skills, "
            f"titles {', '.join(summary.titles) or 'none found'}, seniority {summary.seniority or 'not found'}. "
            "Check the form below and save."
        )
    except Exception as error:
        ui.show_error(error)
    st.session_state["cv_done"] = upload.file_id
profile = st.session_state.get("cv_profile", profile)

frame = ui.current_table()
with st.form("profile"):
    left, right = st.columns(2)
    skills = left.multiselect(
        "Skills",
        taxonomy.names(),
        default=[s for s in profile.skills if s in taxonomy.skills] + profile.unknown_skills,
        accept_new_options=True,
        max_selections=50,
        key="p_skills",
        help="Type to search; aliases such as k8s or postgres are understood.",
    )
    must = right.multiselect(
        "Must-have skills (listings must ask for all)", taxonomy.names(), default=profile.must_have_skills, max_selections=10
    )
    titles = left.text_input("Desired titles (comma separated)", ", ".join(profile.desired_titles), max_chars=300, key="p_titles")
    levels = ["(any)", *SENIORITIES]
    seniority = right.selectbox("Seniority", levels, index=levels.index(profile.seniority) if profile.seniority else 0)
    years = left.number_input("Years of experience", 0, 60, value=profile.years_experience or 0)
    modes = right.multiselect("Work modes", ["remote", "hybrid", "onsite"], default=profile.work_modes)
    countries = left.multiselect(
        "Countries", sorted(set(frame["country"]) - {""}), default=[c for c in profile.countries if c in set(frame["country"])]
    )
    cities = right.multiselect(
        "Cities", sorted(set(frame["city"]) - {""}), default=profile.cities, accept_new_options=True, max_selections=50
    )
    floor = left.number_input("Salary floor per year (0 = none)", 0, 5_000_000, value=int(profile.salary_floor or 0), step=5000)
    currencies = list(EUR_PER_UNIT)
    currency = right.selectbox("Currency of the floor", currencies, index=currencies.index(profile.salary_currency))
    undisclosed = left.checkbox("Show listings that do not state a salary", value=profile.include_undisclosed_salary)
    free_text = st.text_area("What are you looking for, in your words?", profile.free_text, max_chars=2000)
    saved = st.form_submit_button("Save and see matches", type="primary")

if saved:
    try:
        updated = make_profile(
            skills=skills,
            must_have_skills=must,
            desired_titles=[t for t in titles.split(",") if t.strip()],
            seniority=None if seniority == "(any)" else seniority,
            years_experience=int(years) or None,
            work_modes=modes,
            countries=countries,
            cities=cities,
            salary_floor=float(floor) or None,
            salary_currency=currency,
            include_undisclosed_salary=undisclosed,
            free_text=free_text,
        )
        ui.store().save_profile(name, updated)
        st.session_state.pop("cv_profile", None)
        st.query_params.pop("sample", None)
        st.switch_page("pages/matches.py", query_params={"profile": name})
    except Exception as error:
        ui.show_error(error)
