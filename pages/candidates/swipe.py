"""Swipe: one card at a time, Like / Pass / Undo (keys: Right, Left, U); the feed learns from each swipe."""

import streamlit as st

from nploy.errors import NployError
from nploy.matching.by_role import ranked_as
from ui import loaders
from ui.pickers import role_picker, title_picker
from ui.profile_state import Holder, current_profile, keep
from ui.session import cached_feed, roles_for, suggestions_for
from ui.text import text
from ui.widgets import match_card, or_stop, require_holder

st.title("Swipe")
mine = require_holder("swipe and keep your likes")
with or_stop():
    matcher = loaders.matcher()
    profile = current_profile()
    store = loaders.store()
    swipes = store.swipes(mine)


def act(step, holder: Holder, *args) -> None:
    """A swipe button's callback: a refusal (too many swipes a minute) shows as a message, not a traceback."""
    try:
        keep(holder)  # a sample opened and not yet changed is stored at its first swipe
        step(holder, *args)
    except NployError as error:
        st.session_state["swipe_refused"] = str(error)


if refused := st.session_state.pop("swipe_refused", None):
    st.error(refused)

liked = [s.listing_id for s in swipes if s.decision == "like"]
passed = [s.listing_id for s in swipes if s.decision == "pass"]
with st.spinner("Re-ranking your feed..."):
    current = cached_feed(matcher, profile, liked, passed)
    roles = roles_for(matcher, profile)
role_picker(ranked_as(matcher, roles[:1], profile), roles, min(1, len(roles)), profile)  # the feed swipes through the first
if not roles and (suggested := suggestions_for(matcher, profile)):
    title_picker(suggested, profile)

st.info(current.explanation(), icon=":material/auto_awesome:")
st.caption(f"Swiped {len(swipes)} · liked {len(liked)} · passed {len(passed)} · keys: Right = like, Left = pass, U = undo")

if not current.matches:
    st.warning("No more listings pass your profile's filters. Relax them on the Profile page, or undo a swipe.")
else:
    job = current.jobs[0]
    card = job.match
    match_card(card, repeats=job.repeats)
    # Callbacks run before the next script run, so one click costs one run, not two.
    like, skip, undo = st.columns(3)
    like.button(
        "Like",
        icon=":material/favorite:",
        type="primary",
        shortcut="Right",
        width="stretch",
        on_click=act,
        args=(store.record_swipe, mine, card.listing.id, "like"),
    )
    skip.button(
        "Pass",
        icon=":material/close:",
        shortcut="Left",
        width="stretch",
        on_click=act,
        args=(store.record_swipe, mine, card.listing.id, "pass"),
    )
    undo.button(
        "Undo last swipe",
        icon=":material/undo:",
        shortcut="U",
        disabled=not swipes,
        width="stretch",
        on_click=act,
        args=(store.undo_last, mine),
    )
    with st.expander(f"Next up ({min(5, len(current.matches) - 1)})"):
        for item in current.matches[1:6]:
            st.write(f"{item.score}/100 · {text(item.listing.title)} · {text(item.listing.company)}")

st.subheader(f"Liked ({len(liked)})")
if not liked:
    st.caption("Listings you like collect here; they also drive the Skill gaps page.")
else:
    st.dataframe(
        loaders.catalog().liked_table(liked),
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("link")},
    )
