"""Which profile this session works on: the name in the URL, sample profiles, the saved profile."""

from __future__ import annotations

import hashlib
import secrets

import streamlit as st

from nploy.demo.samples import SAMPLE_BY_KEY
from nploy.records.profile import Profile, make_profile
from ui.loaders import store


def profile_name() -> str:
    """The profile in the URL (?profile=NAME); a new visitor gets a guest name there, so a link brings them back."""
    # Navigating between pages drops query parameters; the session remembers the name and puts it back.
    name = st.query_params.get("profile") or st.session_state.get("profile_name") or f"guest-{secrets.token_hex(3)}"
    st.session_state["profile_name"] = name
    if st.query_params.get("profile") != name:
        st.query_params["profile"] = name
    return name


def sample_link(key: str) -> dict[str, str]:
    """Query parameters that open a sample profile under a fresh name (demo viewers do not share swipes)."""
    token = hashlib.blake2b(f"{profile_name()}-{key}".encode(), digest_size=3).hexdigest()
    return {"profile": f"demo-{key}-{token}", "sample": key}


def current_profile() -> Profile:
    """The saved profile of this name; a sample profile (from ?sample=...) or an empty one otherwise."""
    name = profile_name()
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    if sample is not None and st.session_state.get("sample_loaded") != (name, sample.key):
        profile = make_profile(**sample.fields)
        store().save_profile(name, profile)
        st.session_state["sample_loaded"] = (name, sample.key)
        return profile
    saved = store().load_profile(name)
    return saved if saved is not None else Profile()
