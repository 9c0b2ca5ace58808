"""Skill gaps: the most demanded skills you lack in a target, and what adding one would change."""

import streamlit as st

from nploy.market import charts
from nploy.market.figures import MIN_SAMPLE
from nploy.market.gaps import skill_gaps, what_if
from nploy.vocabulary.roles import FAMILIES, role_family
from ui import loaders
from ui.profile_state import current_profile, holder
from ui.text import text
from ui.widgets import or_stop, profile_needed

st.title("Skill gaps")
with or_stop():
    served = loaders.catalog()
    profile = current_profile()
    mine = holder()
    liked = [s.listing_id for s in loaders.store().swipes(mine) if s.decision == "like"] if mine else []

if not profile.all_skills():
    profile_needed("Add your skills on the Profile page first: gaps are measured against them.")

guess = role_family(profile.desired_titles[0]) if profile.desired_titles else "Back-end"
targets = ["Listings I liked", *FAMILIES] if liked else list(FAMILIES)
default = guess if guess in targets else targets[0]
left, right = st.columns(2)
target_name = left.selectbox("Target", targets, index=targets.index(default), key="target", bind="query-params")
same_level = right.checkbox(
    f"Only at my seniority ({profile.seniority})" if profile.seniority else "Only at my seniority",
    value=bool(profile.seniority),
    disabled=not profile.seniority,
    key="same_level",
    bind="query-params",
)

target = served.gap_target(
    role=None if target_name == "Listings I liked" else target_name,
    seniority=profile.seniority if same_level else None,
    liked_ids=liked if target_name == "Listings I liked" else None,
)
if target.empty:
    st.warning("No listings in this target: pick another role or clear 'Only at my seniority'.")
    st.stop()

gaps = skill_gaps(target, profile, skill_index=served.skills)
st.caption(f"Your skills: {text(', '.join(profile.all_skills()))} · target: {len(target):,} listings")
if gaps.empty:
    st.success("You already list every skill this target asks for.")
    st.stop()
st.plotly_chart(charts.gap_bar(gaps, len(target)), width="stretch")
st.dataframe(
    gaps.style.format({"share": "{:.0%}", "premium": "{:+.0%}", "median_with": "{:,.0f}", "median_without": "{:,.0f}"}),
    hide_index=True,
    width="stretch",
)

st.subheader("What if you added a skill?")
skill = st.selectbox("Skill to add", list(gaps["skill"]), key="what_if", bind="query-params")
result = what_if(target, profile, skill, served.skills)
a, b, c = st.columns(3)
a.metric(
    "Listings you would match",
    f"{result.after.matches:,}",
    delta=f"{result.added:+,}",
    help=f"A listing matches when you have at least half of the skills it asks for (target: {len(target):,}).",
)


def band_text(band) -> str:
    return f"{band.p25:,.0f} - {band.p75:,.0f} EUR" if band.p25 is not None else f"too few (n={band.n_salary})"


b.metric("Salary band now (p25 - p75)", band_text(result.before))
delta = None
if result.before.p50 and result.after.p50:
    delta = f"{result.after.p50 - result.before.p50:+,.0f} EUR median"
c.metric(f"Band with {skill}", band_text(result.after), delta=delta)
st.caption(
    f"Bands rest on {result.before.n_salary:,} and {result.after.n_salary:,} disclosed salaries among the matches "
    f"(a band needs {MIN_SAMPLE})."
)
