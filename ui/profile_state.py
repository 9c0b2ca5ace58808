"""Which profile this session works on, and who may open it (the rules: ``nploy.state.access``).

With sign-in configured: the signed-in user's own profile, whatever the URL says; a signed-out visitor
sees the demo (sample profiles, shown and not saved). Without it (one laptop, the demo): the profile
whose token is in the URL (``?profile=TOKEN``, a capability link). A token this app never handed out
opens nothing: a new profile starts instead, and the sidebar says so.
"""

from __future__ import annotations

import streamlit as st

from nploy.demo.samples import SAMPLE_BY_KEY
from nploy.records.profile import Profile, make_profile
from nploy.state import visitors
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
    browser, address = visitor()
    return Holder(_link_key(), browser=browser, address=address)


def visitor() -> tuple[str | None, str | None]:
    """(browser, address) of a signed-out visitor as keyed hashes, for the limits on new profiles. The browser
    is a signed cookie; a visitor without one gets it now (``set_browser_cookie`` writes it)."""
    if "visitor" not in st.session_state:
        key = store().visitor_key()
        cookie = st.context.cookies.get(visitors.COOKIE)
        browser = visitors.browser_id(cookie, key)
        if browser is None:  # none yet, or forged: a new one, signed
            cookie = visitors.new_browser_cookie(key)
            browser = visitors.browser_id(cookie, key)
            st.session_state["browser_cookie"] = cookie
        st.session_state["visitor"] = (browser, visitors.address_id(st.context.ip_address, key))
    return st.session_state["visitor"]


def set_browser_cookie() -> None:
    """Write the browser cookie this session made (once per session; Streamlit has no server-side setter)."""
    cookie = st.session_state.get("browser_cookie")
    if cookie:
        max_age = visitors.COOKIE_DAYS * 86_400
        script = f"document.cookie = '{visitors.COOKIE}={cookie}; path=/; max-age={max_age}; SameSite=Lax';"
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def _link_key() -> str:
    """The capability link's key: the URL's, when this session minted it or a saved profile has it. A sample
    opens under a key of its own that is stored only once its visitor changes it (a save or a swipe)."""
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    if sample is not None:
        key = st.session_state.setdefault("sample_keys", {}).setdefault(sample.key, mint_key())
        st.session_state["profile_key"] = key
        if store().exists(Holder(key)):  # changed and stored: from now on a profile like any other
            st.query_params.pop("sample", None)
            st.query_params["profile"] = key
        else:
            st.query_params.pop("profile", None)
        return key
    asked = st.query_params.get("profile")
    minted = st.session_state.setdefault("minted", [])
    key = st.session_state.get("profile_key")
    if asked and asked != key:
        if asked in minted or store().exists(Holder(asked)):
            key = asked
        else:
            st.session_state["refused_link"] = True  # shown once by the sidebar
    if not key:
        key = mint_key()
        minted.append(key)
    st.session_state["profile_key"] = key
    if st.query_params.get("profile") != key:
        st.query_params["profile"] = key
    return key


def mint() -> str:
    """A new profile key for "Start a new profile"; RateLimited when this browser or address has stored the
    most profiles it may today (the count is the database's, so a reload does not reset it)."""
    browser, address = visitor()
    if store().starts_left(browser, address) == 0:
        raise RateLimited("this browser (or network) has stored the most new profiles it may today: continue with one of them")
    key = mint_key()
    st.session_state.setdefault("minted", []).append(key)
    return key


def pending_sample(key: str):
    """The sample a signed-out visitor opened under ``key`` and has not changed yet (so not stored), or None."""
    for sample_key, minted in st.session_state.get("sample_keys", {}).items():
        if minted == key and not store().exists(Holder(key)):
            return SAMPLE_BY_KEY.get(sample_key)
    return None


def keep(mine: Holder) -> None:
    """Store a pending sample before its first swipe (a swipe needs a stored profile; the sample's own
    fields, not an empty one)."""
    sample = pending_sample(mine.key) if mine.owner is None else None
    if sample is not None:
        store().save_profile(mine, make_profile(**sample.fields))


def link_params() -> dict[str, str]:
    """Query parameters that keep this profile across pages: its token without sign-in (or the sample while
    it is not stored), nothing with it."""
    shown = {"dataset": st.query_params["dataset"]} if st.query_params.get("dataset") else {}  # the dataset in view
    key = st.session_state.get("profile_key")
    if not key or sign_in_configured():
        return shown
    sample = pending_sample(key)
    return shown | ({"sample": sample.key} if sample is not None else {"profile": key})


def sample_link(key: str) -> dict[str, str]:
    """Query parameters that open a sample profile (under a new link of its own without sign-in)."""
    return {"sample": key}


def current_profile() -> Profile:
    """The saved profile this session may open; a sample in the URL is shown, and stored only once changed."""
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    mine = holder()
    if sample is not None and (mine is None or mine.owner is not None):
        return make_profile(**sample.fields)
    if mine is None:
        return Profile()
    stored = store().load_profile(mine)
    if stored is not None:
        return stored
    pending = pending_sample(mine.key)
    return make_profile(**pending.fields) if pending is not None else Profile()


def shown_sample():
    """The sample profile in view and not stored (a visitor's untouched sample, or one shown beside a signed-in
    user's own profile), or None: what a page shows as a demo rather than as the visitor's data."""
    sample = SAMPLE_BY_KEY.get(st.query_params.get("sample") or "")
    mine = holder()
    if sample is not None and (mine is None or mine.owner is not None):
        return sample
    return pending_sample(mine.key) if mine is not None and mine.owner is None else None


def showing_sample() -> bool:
    """With sign-in, a sample is shown beside (not instead of) the user's own profile."""
    return sign_in_configured() and (st.query_params.get("sample") or "") in SAMPLE_BY_KEY
