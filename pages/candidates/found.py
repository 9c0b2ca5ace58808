"""Be found (candidates): let recruiters find this profile (off by default), choose what they see and the contact
a mutual like reveals, answer recruiters' interest, and see the matches."""

import streamlit as st

from nploy.records.hiring import SHAREABLE, SHAREABLE_LABELS, SHOWN_BY_DEFAULT, Visibility
from ui import loaders
from ui.hiring import act, demo_found, role_summary, show_refusal
from ui.profile_state import link_params, shown_sample
from ui.text import text
from ui.widgets import or_stop, profile_needed, require_holder, show_error

st.title("Be found by recruiters")
if (sample := shown_sample()) is not None:
    demo_found(sample)  # a sample profile: the demo of both sides, on sample data only
    st.stop()
mine = require_holder("let recruiters find your profile", demo="pages/candidates/found.py")
store = loaders.store()
with or_stop():
    saved_profile = store.exists(mine)
if not saved_profile:
    profile_needed("Save your profile first: recruiters can only find a saved profile.")
current = store.discoverability(mine)
st.caption(
    "Off by default. Recruiters see a pseudonym and only the fields you tick, ranked by those fields alone; your "
    "e-mail and sign-in stay hidden. Your limits still apply: a role under your salary floor, or outside your work "
    "mode or places, never lists you. The contact below is revealed only when you and a recruiter both like."
)
with st.form("visibility"):
    on = st.toggle("Let recruiters find my profile", value=current is not None)
    shown = st.multiselect(
        "What recruiters see",
        SHAREABLE,
        default=list(current[0].shown_fields if current else SHOWN_BY_DEFAULT),
        format_func=SHAREABLE_LABELS.get,
    )
    contact = st.text_input(
        "Contact to share on a mutual match (e-mail, phone or a profile link)",
        value=current[0].contact if current else "",
        max_chars=200,
    )
    if st.form_submit_button("Save", type="primary"):
        try:
            if on:
                store.make_discoverable(mine, Visibility(shown=tuple(shown), contact=contact.strip()))
            else:
                store.hide(mine)
            current = store.discoverability(mine)
        except Exception as error:
            show_error(error)
if current:
    seen = ", ".join(SHAREABLE_LABELS[f] for f in current[0].shown_fields) or "nothing but the pseudonym"
    st.success(f"Recruiters can find you as **{text(current[1])}**, seeing: {seen}.")
else:
    st.info("Hidden: no recruiter search lists you.")

st.subheader("Interest from recruiters")
show_refusal()
interests = store.interest_received(mine)
if not interests:
    hint = "" if current else " Turn on “Let recruiters find my profile” above."
    st.caption("No recruiter has liked your profile yet." + hint)
for item in interests:
    with st.container(border=True):
        company = item.role.company or "a company"
        st.markdown(f"A recruiter at **{text(company)}** is interested in you for **{text(item.role.title)}**")
        st.caption(text(role_summary(item.role)))
        if item.answer is None:
            left, right = st.columns(2)
            for column, label, decision in ((left, "Like back", "like"), (right, "Not for me", "pass")):
                column.button(
                    label,
                    key=f"{decision}-{item.role_id}",
                    on_click=act,
                    args=(store.answer_interest, mine, item.role_id, decision),
                )
        else:
            st.caption("You liked back: it is a match (below)." if item.answer == "like" else "You said it is not for you.")

st.subheader("Matches")
matches = store.matches_of_candidate(mine)
if not matches:
    st.caption("A like from both sides shows here, with the contact the recruiter shared.")
for match in matches:
    st.markdown(
        f"**{text(match.role.title)}** at {text(match.role.company or 'a company')}: contact "
        f"**{text(match.recruiter_contact or '(none shared)')}**"
    )
st.page_link("pages/candidates/profile.py", label="Edit your profile", icon=":material/person:", query_params=link_params())
