"""Candidates (recruiters): describe a role or hire for one of the listings, see the discoverable candidates
ranked and explained by the fields they chose to show, like or pass, and see mutual matches with contacts.
Registered for recruiters only (app.py): no other viewer can reach it by any URL."""

import streamlit as st

from nploy.records.hiring import make_hiring_role, role_from_listing
from nploy.records.listing import SENIORITIES, WORK_MODES
from nploy.vocabulary.skills import load_taxonomy
from ui import loaders
from ui.hiring import (
    act,
    candidate_card,
    close_role,
    floors_chart,
    role_label,
    role_summary,
    sample_pool,
    sample_roles,
    show_refusal,
)
from ui.profile_state import viewer
from ui.text import text
from ui.widgets import or_stop, show_error

st.title("Find candidates")
who = viewer()
recruiter = who.subject or "local"  # without sign-in (one laptop) there is one recruiter: whoever is here
store = loaders.store()
with or_stop():
    roles = {saved.id: saved for saved in store.roles_of(recruiter)}
    served = loaders.catalog()

picked = st.query_params.get("role")
labels = {role_id: role_label(saved.role) for role_id, saved in roles.items()}
with st.expander("Describe a new role", expanded=not roles):
    with st.form("new_role"):
        a, b = st.columns(2)
        title = a.text_input("Title", max_chars=100)
        company = b.text_input("Company", max_chars=100)
        names = load_taxonomy().names()
        skills = a.multiselect("Skills", names)
        must = b.multiselect("Must-have skills (candidates lacking one are not listed)", names)
        seniority = a.selectbox("Seniority", ["(any)", *SENIORITIES])
        modes = b.multiselect("Work mode", list(WORK_MODES))
        countries = a.multiselect("Countries", served.options("country"))
        cities = b.multiselect("Cities", served.options("city"))
        low = a.number_input("Salary band bottom (EUR/year)", min_value=0, value=None, step=5000)
        high = b.number_input("Salary band top (EUR/year)", min_value=0, value=None, step=5000)
        about = st.text_area("About the role", max_chars=2000)
        contact = st.text_input("Your contact, shared on a mutual match", max_chars=200)
        if st.form_submit_button("Save the role", type="primary"):
            try:
                role = make_hiring_role(
                    title=title,
                    company=company,
                    skills=skills,
                    must_have_skills=must,
                    work_modes=modes,
                    countries=countries,
                    cities=cities,
                    seniority=None if seniority == "(any)" else seniority,
                    salary_min=low,
                    salary_max=high,
                    text=about,
                )
                picked = store.save_role(recruiter, role, contact.strip())
                st.query_params["role"] = picked
                st.rerun()
            except Exception as error:
                show_error(error)
with st.expander("Or hire for one of the listings"):
    words = st.text_input("Find the listing by title or company")
    found = served.find_listings(words) if words.strip() else []
    if words.strip() and not found:
        st.caption("No listing has those words in its title or company.")
    if found:
        chosen = st.selectbox(
            "Listing", found, format_func=lambda listing: f"{listing.title} · {listing.company} · {listing.city}"
        )
        if st.button("I am hiring for this one", type="primary"):
            picked = store.save_role(recruiter, role_from_listing(chosen), "")
            st.query_params["role"] = picked
            st.rerun()

if roles:
    picked = st.radio("Role", list(labels), format_func=labels.get, index=list(labels).index(picked) if picked in labels else 0)
    st.query_params["role"] = picked  # a link to this view reopens this role (for this recruiter only)
    role = roles[picked].role
    st.caption(text(role_summary(role)))
    with st.popover("Close this role", icon=":material/delete:"):
        st.caption("Deletes the role with every like, pass and match made for it, on the candidates' pages too.")
        st.button("Delete the role", on_click=close_role, args=(store, recruiter, picked), type="primary")
    with or_stop():
        pool = loaders.candidate_pool()
    demo = not pool.members
    if demo:
        st.info("No candidate has opted in to be found yet. Below: the sample profiles, as a demo (no one's real data).")
        pool = sample_pool(loaders.encoder_choice())
else:
    st.info(
        "Describe a role (above) to see the candidates who opted in to be found, ranked for it. Meanwhile, a demo "
        "on sample data only: a role made from one of the listings, and the sample profiles as candidates."
    )
    with or_stop():
        demos = [role for found in sample_roles(per_sample=1).values() for role in found]
    if not demos:
        st.stop()
    role = st.selectbox("A sample role (nothing is saved)", demos, format_func=role_label)
    st.caption(text(role_summary(role)))
    pool, demo = sample_pool(loaders.encoder_choice()), True
reach = pool.reach(role)
st.subheader("Reach")
cols = st.columns(6)
for column, label, value in zip(
    cols,
    ("Discoverable", "Work mode fits", "Places fit", "Has must-haves", "Floor under band top", "Pass all"),
    (reach.discoverable, reach.work_mode, reach.places, reach.must_haves, reach.salary, reach.passing),
):
    column.metric(label, f"{value:,}")
if reach.floors:
    st.plotly_chart(floors_chart(reach, role))

st.subheader("Ranked for this role" if roles else "The sample profiles, ranked for this sample role")
show_refusal()
ranked = pool.rank(role, n=20)
if not ranked:
    st.caption("No discoverable candidate passes this role's filters: widen the work mode, places, must-haves or band.")
decisions = {} if demo else store.decisions_of(recruiter, picked)
for item in ranked:
    candidate_card(item, decisions.get(item.handle))
    if demo:
        continue
    left, right, _ = st.columns([1, 1, 4])
    for column, label, decision in ((left, "Like", "like"), (right, "Pass", "pass")):
        arguments = (store.decide_candidate, recruiter, picked, item.handle, decision)
        column.button(label, key=f"{decision}-{picked}-{item.handle}", on_click=act, args=arguments)

if not roles:
    st.stop()  # the demo has no likes and no matches
st.subheader("Mutual matches")
mutual = [m for m in store.matches_of_recruiter(recruiter) if m.role_id == picked]
if not mutual:
    st.caption("A candidate you like who likes back shows here, with the contact they chose to share.")
for match in mutual:
    st.markdown(f"**{text(match.handle)}**: contact **{text(match.candidate_contact or '(none shared)')}**")
