"""Which profile this session works on, and who may open it (the rules: ``nploy.state.access``).

With sign-in configured: the signed-in user's own profile, whatever the URL says; a signed-out visitor
sees the demo (sample profiles, shown and not saved). Without it (one laptop, the demo): the profile
whose token is in the URL (``?profile=TOKEN``, a capability link). A token this app never handed out
opens nothing: a new profile starts instead, and the sidebar says so.
"""

from __future__ import annotations

import streamlit as st

from nploy import settings
from nploy.demo.samples import SAMPLE_BY_KEY
from nploy.records.profile import Profile, make_profile
from nploy.state.access import Viewer, viewer_from_claims
from nploy.state.store import Holder, RateLimited, mint_key
from ui.loaders import store


def sign_in_configured() -> bool:
    """``[auth]`` in .streamlit/secrets.toml: Streamlit's st.login against an OpenID Connect provider."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than answer "no"
        return False


def viewer() -> Viewer:
    configured = sign_in_configured()
    claims = st.user.to_dict() if configured and st.user.is_logged_in else None
    return viewer_from_claims(configured, claims)


def holder() -> Holder | None:
    """The profile this session may read and change; None for a signed-out visitor where sign-in is on."""
    who = viewer()
    if who.sign_in:
        if not who.signed_in:
            return None
        cached = st.session_state.get("owner_key")
        if not cached or cached[0] != who.subject or not cached[2]:
            # Until the first save or swipe stores it, the key is this session's (looked up again each run).
            saved = store().key_for_owner(who.subject)
            key = saved or (cached[1] if cached and cached[0] == who.subject else mint_key())
            cached = (who.subject, key, bool(saved))
            st.session_state["owner_key"] = cached
        return Holder(cached[1], who.subject)
    return Holder(_link_key())


def _link_key() -> str:
    """The capability link's key: the URL's, when this session minted it or a saved profile has it."""
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    if sample is not None:
        key = _sample_key(sample)
    else:
        asked = st.query_params.get("profile")
        minted = st.session_state.setdefault("minted", [])
        key = st.session_state.get("profile_key")
        if asked and asked != key:
            if asked in minted or store().exists(Holder(asked)):
                key = asked
            else:
                st.session_state["refused_link"] = True  # shown once by the sidebar
        key = key or mint()
    st.session_state["profile_key"] = key
    if st.query_params.get("profile") != key:
        st.query_params["profile"] = key
    return key


def mint() -> str:
    """A new profile key for this session, within the per-session cap (RateLimited past it)."""
    minted = st.session_state.setdefault("minted", [])
    cap = int(settings.get("profiles_per_session"))
    if len(minted) >= cap:
        raise RateLimited(f"this browser session has started {cap} profiles, the most it may: continue with one of them")
    key = mint_key()
    minted.append(key)
    return key


def _sample_key(sample) -> str:
    """A sample opens under its own new link (so demo viewers never share swipes), once per session."""
    opened = st.session_state.setdefault("sample_keys", {})
    if sample.key not in opened:
        key = mint()
        store().save_profile(Holder(key), make_profile(**sample.fields))
        opened[sample.key] = key
    st.query_params.pop("sample", None)
    return opened[sample.key]


def link_params() -> dict[str, str]:
    """Query parameters that keep this profile across pages: its token without sign-in, nothing with it."""
    key = st.session_state.get("profile_key")
    return {"profile": key} if key and not sign_in_configured() else {}


def sample_link(key: str) -> dict[str, str]:
    """Query parameters that open a sample profile (under a new link of its own without sign-in)."""
    return {"sample": key}


def current_profile() -> Profile:
    """The saved profile this session may open; with sign-in, a sample in the URL is shown, not saved."""
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    mine = holder()
    if sample is not None and (mine is None or mine.owner is not None):
        return make_profile(**sample.fields)
    if mine is None:
        return Profile()
    return store().load_profile(mine) or Profile()


def showing_sample() -> bool:
    """With sign-in, a sample is shown beside (not instead of) the user's own profile."""
    return sign_in_configured() and (st.query_params.get("sample") or "") in SAMPLE_BY_KEY
