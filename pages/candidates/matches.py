"""Matches: the profile's ranked, explained listings, with in-page filters and CSV export."""

import streamlit as st

from nploy.export import matches_frame, to_safe_csv
from nploy.matching.filters import relaxations
from nploy.matching.notes import ranking_notes, text_notes
from nploy.matching.repeats import group_repeats, narrowed, ungrouped
from nploy.records.listing import WORK_MODES
from ui import loaders
from ui.pickers import role_picker, skills_reader, title_picker
from ui.profile_state import current_profile, link_params
from ui.session import matches_for, roles_for, suggestions_for
from ui.text import text
from ui.widgets import match_card, or_stop, profile_needed

st.title("Your matches")
with or_stop():
    matcher = loaders.matcher()
    profile = current_profile()

if profile.is_empty():
    profile_needed("Your profile is empty. Fill it in, or start from a sample profile.", samples=True)

st.caption("Profile: " + text(profile.summary()))
early = text_notes(profile)
if early.named_roles:
    st.caption(f"Role read from your text, ranked as a desired title: {text(', '.join(early.named_roles))}")
if early.skills_read:
    skills_reader(early.skills_read, profile)
with or_stop():
    with st.spinner("Matching..."):
        matches = matches_for(matcher, profile, 50)
        roles = roles_for(matcher, profile)
notes = ranking_notes(matcher, profile, roles)
role_picker(notes.ranked_as, roles, notes.roles_served, profile)
if not roles and (suggested := suggestions_for(matcher, profile)):  # no role read: the nearest listings' titles
    title_picker(suggested, profile)

if not matches:
    st.warning("No listing passes your profile's filters.")
    for label, count in relaxations(matcher.filters, profile):
        st.write(f"- **{label}** would bring back {count:,} listings")
    st.page_link(
        "pages/candidates/profile.py",
        label="Edit your profile",
        icon=":material/edit:",
        query_params=link_params(),
    )
    st.stop()


@st.fragment
def match_list() -> None:
    """Filters narrow the list inside this fragment, without rerunning the page."""
    left, middle, right, size = st.columns([2, 2, 3, 1])
    min_score = left.slider("Minimum score", 0, 100, 0, step=5, key="min_score", bind="query-params")
    modes = middle.pills("Work mode", list(WORK_MODES), selection_mode="multi", key="mode", bind="query-params")
    company = right.text_input("Company contains", key="company", max_chars=100, bind="query-params")
    page_size = size.selectbox("Show", [10, 20, 50], index=1, key="show", bind="query-params")
    by_job = st.toggle(
        "One card per job",
        value=True,
        key="by_job",
        bind="query-params",
        help="Postings with the same title at the same employer (reposts, other locations) fold under the best one.",
    )
    shown = narrowed(matches, min_score, modes, company)
    jobs = (group_repeats if by_job else ungrouped)(shown)
    head, export = st.columns([4, 1])
    head.subheader(f"{len(shown)} of {len(matches)} best matches" + (f" · {len(jobs)} jobs" if len(jobs) < len(shown) else ""))
    export.download_button(
        "Export CSV",
        to_safe_csv(matches_frame(shown)),
        file_name="nploy-matches.csv",
        mime="text/csv",
        disabled=not shown,
        on_click="ignore",
    )
    if not shown:
        st.info("No match passes the filters above: lower the minimum score or clear the work mode and company filters.")
    for rank, job in enumerate(jobs[:page_size], start=1):
        match_card(job.match, rank, job.repeats)
    if len(jobs) > page_size:
        st.caption(f"{len(jobs) - page_size} more: raise 'Show' above, or export them all as CSV.")


match_list()
