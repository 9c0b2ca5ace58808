"""One-click profile changes beside the matches: a title near the profile's words, the skills read from its
text, and the role it was ranked as. Each saves the changed profile (a sample or a signed-out visitor sees
the line alone: there is no profile of theirs to change)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from nploy.errors import NployError
from nploy.matching.suggestions import TitleSuggestion
from nploy.records.profile import Profile
from nploy.records.role import InferredRole
from ui.loaders import store
from ui.profile_state import holder, showing_sample
from ui.text import text


def title_picker(suggestions: list[TitleSuggestion], profile: Profile) -> None:
    """The roles of the listings nearest a profile without a title, one click from being its desired title
    (saved to the profile, so every page ranks by it). A sample shown beside a signed-in user's own profile,
    or a signed-out visitor, sees them without the click: there is no profile of theirs to change."""
    label = "Titles near your words: a desired title ranks matches best"
    help_text = "Roles of the listings nearest your profile. Pick one to rank by it; change it on the Profile page."
    if refused := st.session_state.pop("title_refused", None):  # the last pick could not be saved
        st.error(refused)
    options = [s.title for s in suggestions]
    if showing_sample() or holder() is None:
        st.caption(f"{label}: {text(' · '.join(options))} (type one on the Profile page to rank by it)")
        return
    st.pills(label, options, key="suggested_title", help=help_text, on_change=_take_title, args=(profile,))


NO_ROLE = "None: rank by my profile alone"


def role_picker(line: str, roles: list[InferredRole], served: int, profile: Profile) -> None:
    """What the matches were ranked by ("Ranked as: QA Engineer (your words; 72%)") and one click to change it:
    another role read (saved as the desired title) or none (the words alone). Without a profile of the
    visitor's own to change (a sample beside a signed-in user's profile, a signed-out visitor), the line alone."""
    if refused := st.session_state.pop("role_refused", None):
        st.error(refused)
    mine = None if showing_sample() else holder()
    if profile.no_inferred_role:
        st.caption("Ranked by your profile alone: no role is read from it.")
        if mine is not None:
            st.button("Rank by the role your profile points to", key="role_back", on_click=_role_back, args=(profile,))
        return
    if not roles:
        return
    st.info(text(line), icon=":material/work:")
    if mine is None:
        return
    # The roles not ranked by alone: after the first, or each of two served together (to keep one).
    others = [r.title for r in (roles if served > 1 else roles[1:])]
    st.pills(
        "Not what you do? Rank as",
        [*others, NO_ROLE],
        key="role_change",
        on_change=_take_role,
        args=(profile,),
        help="A role saves as your desired title (edit it on the Profile page); none ranks by your profile alone.",
    )


def _take_role(profile: Profile) -> None:
    """The role picker's callback: another role becomes the desired title, or none switches inference off."""
    choice = st.session_state.get("role_change")
    if not choice:
        return
    changed = replace(profile, no_inferred_role=True) if choice == NO_ROLE else replace(profile, desired_titles=[choice])
    _save_change(changed, "role_refused")


def _role_back(profile: Profile) -> None:
    _save_change(replace(profile, no_inferred_role=False), "role_refused")


def skills_reader(read: list[str], profile: Profile) -> None:
    """The skills read from the free text, and one click to add them to the profile's skills (where the
    score can weigh them); a sample or a signed-out visitor sees the caption alone."""
    caption = f"Skills read from your text, shown as matched: {text(', '.join(read))}"
    if refused := st.session_state.pop("skills_refused", None):
        st.error(refused)
    if showing_sample() or holder() is None:
        st.caption(caption)
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(caption)
    right.button("Add to my skills", key="add_read_skills", on_click=_add_skills, args=(profile, read))


def _add_skills(profile: Profile, read: list[str]) -> None:
    """The button's callback: the skills read from the text join the profile's skills, saved."""
    _save_change(replace(profile, skills=list(dict.fromkeys(profile.skills + read))), "skills_refused")


def _save_change(changed: Profile, refused_key: str) -> None:
    """Save a profile changed by one click; a refusal is kept under ``refused_key`` for the widget to show
    on the rerun (a callback cannot draw on the page)."""
    mine = holder()
    if mine is None:
        return
    try:
        store().save_profile(mine, changed)
    except NployError as error:
        st.session_state[refused_key] = str(error)
        return
    st.session_state.pop("form_for", None)  # the Profile page's form refills from the saved profile


def _take_title(profile: Profile) -> None:
    """The picker's callback: the picked title becomes the profile's desired title, saved."""
    if title := st.session_state.get("suggested_title"):
        _save_change(replace(profile, desired_titles=[title]), "title_refused")
