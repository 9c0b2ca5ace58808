"""About: where the data comes from, how matching works, attribution."""

import streamlit as st

import ui
from nploy.matching import WEIGHTS
from nploy.skills import load_taxonomy

st.title("About nploy")
with ui.or_stop():
    frame = ui.current_table()

if ui.is_synthetic(frame):
    st.info(
        ui.SYNTHETIC_NOTE + " Salaries, companies and descriptions are generated; their calibration is documented in the README."
    )
st.markdown(
    "**How a match is scored.** Hard filters (work mode, location, salary floor, must-have skills) are exact. "
    "Among the nearest listings in embedding space (all-MiniLM-L6-v2, FAISS), each gets "
    f"`score = 100 x ({WEIGHTS['semantic']:.2f} semantic + {WEIGHTS['skills']:.2f} skills + "
    f"{WEIGHTS['preference']:.2f} preference)`: semantic similarity, the share of your skills "
    "the listing asks for (must-haves count twice), and seniority and title fit. The weights are chosen by the "
    "evaluation harness (see Quality).\n\n"
    "**Swipes** move your query towards what you like and away from what you pass (Rocchio); skills that recur "
    "in your likes join your profile's skills, and work modes, countries and levels you keep passing sink.\n\n"
    "**Salaries** are annualised and converted to EUR with a fixed table, so charts stay comparable."
)
st.subheader("Attribution")
st.caption(load_taxonomy().attribution)
