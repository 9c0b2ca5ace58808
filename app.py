"""nploy dashboard: the frame. Sets the page config, registers the pages the viewer may open, holds the
shared sidebar, runs the page."""

import streamlit as st

from ui.profile_state import viewer
from ui.text import CHIP_CSS
from ui.widgets import sidebar

st.set_page_config(page_title="nploy - explained job matching", page_icon="💼", layout="wide")
st.markdown(CHIP_CSS, unsafe_allow_html=True)

# The default page is served at / but reserves a path name of its own ("home"), so /overview can be an alias.
overview = st.Page("pages/candidates/overview.py", title="Overview", icon=":material/home:", default=True, url_path="home")


def overview_alias() -> None:
    """/overview: the default page lives at /, and a shared or typed /overview link should land there too."""
    st.switch_page(overview, query_params=st.query_params.to_dict())


pages = {
    "For candidates": [
        overview,
        st.Page(overview_alias, title="Overview", url_path="overview", visibility="hidden"),
        st.Page("pages/candidates/profile.py", title="Profile", icon=":material/person:", url_path="profile"),
        st.Page("pages/candidates/matches.py", title="Matches", icon=":material/join_inner:", url_path="matches"),
        st.Page("pages/candidates/swipe.py", title="Swipe", icon=":material/swipe:", url_path="swipe"),
        st.Page("pages/candidates/gaps.py", title="Skill gaps", icon=":material/trending_up:", url_path="gaps"),
        st.Page("pages/candidates/found.py", title="Be found", icon=":material/visibility:", url_path="found"),
    ],
    "For recruiters": [
        st.Page("pages/recruiters/market.py", title="Market", icon=":material/bar_chart:", url_path="market"),
        st.Page("pages/recruiters/candidates.py", title="Candidates", icon=":material/group:", url_path="candidates"),
        st.Page("pages/recruiters/sources.py", title="Sources", icon=":material/cloud_download:", url_path="sources"),
    ],
    "About": [
        st.Page("pages/about/about.py", title="About the data", icon=":material/info:", url_path="about"),
        st.Page("pages/about/quality.py", title="Quality", icon=":material/verified:", url_path="quality"),
    ],
}
if not viewer().recruiter:  # with sign-in: the market, candidate search and the sources are for recruiters only
    pages.pop("For recruiters")
page = st.navigation(pages)
sidebar()
page.run()
