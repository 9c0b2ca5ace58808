"""Overview: headline numbers, sample profiles that open a ready match view, a guided path."""

import streamlit as st

from ui import loaders
from ui.profile_state import link_params, viewer
from ui.widgets import or_stop, sample_links

st.title("nploy: job matching you can see through")
with or_stop():
    numbers = loaders.catalog().headline

cols = st.columns(5)
cols[0].metric("Listings", f"{numbers.listings:,}")
cols[1].metric("Companies", f"{numbers.companies:,}")
cols[2].metric("Countries", numbers.countries)
cols[3].metric("Remote share", f"{numbers.remote_share:.0%}")
# "72.5k EUR": five metrics share the row, and "72,499 EUR" was cut to "72,499 ..." on a laptop screen.
median = f"{numbers.median_salary_eur / 1000:,.1f}k EUR" if numbers.median_salary_eur else "n/a"
cols[4].metric(
    "Median salary",
    median,
    help=f"Annual, disclosed salaries only (n = {numbers.salary_sample:,}, {numbers.salary_disclosed_share:.0%} of listings)",
)

st.subheader("Try a sample profile")
st.caption("Each opens ready matches in one click; the link in the address bar reproduces the view.")
sample_links()

st.subheader("A guided path")
GUIDE = [
    (
        "pages/candidates/profile.py",
        "1. Profile: enter skills and preferences, or upload a CV to pre-fill them",
        ":material/person:",
    ),
    (
        "pages/candidates/matches.py",
        "2. Matches: ranked listings, each with its score parts, matched and missing skills",
        ":material/join_inner:",
    ),
    (
        "pages/candidates/swipe.py",
        "3. Swipe: like or pass one card at a time; the feed re-ranks from what you like",
        ":material/swipe:",
    ),
    (
        "pages/candidates/gaps.py",
        "4. Skill gaps: what your target roles ask for that you lack, and what one more skill buys",
        ":material/trending_up:",
    ),
    (
        "pages/recruiters/market.py",
        "5. Market (recruiters): salaries, work modes, skill demand and posting volume",
        ":material/bar_chart:",
    ),
]
for page, label, icon in GUIDE:
    if "recruiters" not in page or viewer().recruiter:  # a page outside the viewer's navigation cannot be linked
        st.page_link(page, label=label, icon=icon, query_params=link_params())
