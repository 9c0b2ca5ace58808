"""The two-sided pages' pieces: a candidate card for recruiters, a role card for candidates, the salary-floor
chart of a role's reach, and the sample candidates the demo shows without sign-in."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from nploy.demo.samples import SAMPLES, SampleProfile
from nploy.demo.two_sided import roles_from_listings, sample_candidates, sample_name
from nploy.matching.reverse import CandidateMatch, CandidatePool, Reach
from nploy.records.hiring import HiringRole
from nploy.records.profile import make_profile
from ui import loaders
from ui.loaders import query_encoder
from ui.text import chips, text
from ui.widgets import show_error


def act(call, *args) -> None:
    """A like or pass as a button callback (it runs before the page is drawn, so the page shows its result);
    a refusal (a rate limit, a candidate who opted out meanwhile) is kept for ``show_refusal``."""
    try:
        call(*args)
    except Exception as error:  # shown as one sentence, never a traceback
        st.session_state["hiring_refusal"] = error


def close_role(store, recruiter: str, role_id: str) -> None:
    """Delete a role (a button callback), and forget it in the link."""
    act(store.delete_role, recruiter, role_id)
    st.query_params.pop("role", None)


def show_refusal() -> None:
    if (error := st.session_state.pop("hiring_refusal", None)) is not None:
        show_error(error)


def candidate_card(item: CandidateMatch, decision: str | None) -> None:
    """What a recruiter sees of a candidate: the pseudonym, the fields they show, the fit; no more."""
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(f"**{text(item.handle)}**  \n{text(item.shown.summary()) or 'shows no details beyond their skills'}")
        score.metric("Fit", f"{item.score}/100")
        st.caption(" · ".join(text(part) for part in (item.salary_fit, item.work_mode_fit, item.place_fit)))
        st.markdown(f"Has: {chips(item.matched_skills, 'matched')}", unsafe_allow_html=True)
        st.markdown(f"Lacks: {chips(item.missing_skills, 'missing')}", unsafe_allow_html=True)
        if decision:
            st.caption(f"You {'liked' if decision == 'like' else 'passed on'} this candidate.")


def role_summary(role: HiringRole) -> str:
    parts = [", ".join(role.all_skills()), ", ".join(role.work_modes), ", ".join(role.countries + role.cities), role.band()]
    return " · ".join(p for p in parts if p)


def floors_chart(reach: Reach, role: HiringRole) -> go.Figure:
    """Shown salary floors of the candidates the role's place, mode and must-haves fit, against its band."""
    fig = go.Figure(go.Histogram(x=reach.floors, nbinsx=20, marker_color="#4c78a8"))
    for value, name in ((role.salary_min, "band bottom"), (role.salary_max, "band top")):
        if value is not None:
            fig.add_vline(x=value, line_dash="dash", annotation_text=name)
    fig.update_layout(
        title=f"Salary floors of candidates who fit the role otherwise (n={len(reach.floors)} who show one)",
        xaxis_title="salary floor (EUR/year)",
        yaxis_title="candidates",
        height=320,
        margin=dict(t=50, b=40, l=40, r=20),
    )
    return fig


@st.cache_resource(show_spinner=False)
def sample_pool(encoder_choice: str) -> CandidatePool:
    """The demo's candidates: the sample profiles, showing every field (no one's real data)."""
    pool = CandidatePool(query_encoder(encoder_choice))
    pool.refresh(sample_candidates())
    return pool


def sample_roles(per_sample: int = 2) -> dict[str, list[HiringRole]]:
    """Per sample profile, roles made from the listings that match it best: the demo's recruiters. Matched once
    per session (three searches)."""
    matcher = loaders.matcher()
    key = (matcher.index.manifest.index_file, per_sample)
    cached = st.session_state.get("_sample_roles")
    if cached is None or cached[0] != key:
        best = {s.key: matcher.match(make_profile(**s.fields), n=per_sample) for s in SAMPLES}
        found = {key: roles_from_listings(m.listing for m in matches) for key, matches in best.items()}
        cached = st.session_state["_sample_roles"] = (key, found)
    return cached[1]


def role_label(role: HiringRole) -> str:
    return f"{role.title} · {role.company or 'no company'}"


def demo_found(sample: SampleProfile) -> None:
    """Being found, shown on a sample profile and sample data only (nothing stored, no real candidate or
    recruiter): what a recruiter sees of the sample, then interest as the candidate would get it."""
    st.info(
        f"A demo on the sample profile “{text(sample.label)}”: how being found works, on sample data only. Nothing "
        "is stored and no recruiter sees it. Save a profile of your own (signed in, where sign-in is on) to opt in."
    )
    roles = sample_roles().get(sample.key, [])
    if not roles:
        st.caption("No listing matches this sample, so no sample recruiter is interested in it.")
        return
    pool = sample_pool(loaders.encoder_choice())
    st.subheader("What a recruiter sees of you")
    ranked = pool.rank(roles[0], n=len(pool.members))
    mine = [(place, item) for place, item in enumerate(ranked, 1) if item.name == sample_name(sample.key)]
    if mine:
        place, item = mine[0]
        label = text(role_label(roles[0]))
        st.caption(
            f"Ranked {place} of {len(ranked)} sample candidates who pass the filters of {label}:"
            if len(ranked) > 1
            else f"The one sample candidate who passes the filters of {label}:"
        )
        candidate_card(item, None)
    else:
        st.caption(f"The role {text(role_label(roles[0]))} filters this sample out (work mode, places or band).")
    st.subheader("Interest from recruiters")
    for role in roles:
        with st.container(border=True):
            st.markdown(f"A recruiter at **{text(role.company or 'a company')}** is interested in you for **{text(role.title)}**")
            st.caption(text(role_summary(role)))
            left, right = st.columns(2)
            left.button("Like back", key=f"demo-like-{role.listing_id}", disabled=True, help="A demo: opt in to answer")
            right.button("Not for me", key=f"demo-pass-{role.listing_id}", disabled=True, help="A demo: nothing is stored")
    st.caption("On a like from both sides, each side sees the contact the other chose to share; a pass is never shown.")
