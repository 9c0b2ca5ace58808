"""Per-session caches: a rerun from a widget does not search again for the same profile and swipes."""

from __future__ import annotations

import json
from dataclasses import asdict

import streamlit as st

from nploy.matching.feedback import Feed, feed
from nploy.matching.matcher import Matcher
from nploy.matching.suggestions import TitleSuggestion, suggest_titles
from nploy.records.match import Match
from nploy.records.profile import Profile
from nploy.records.role import InferredRole


def _profile_key(profile: Profile) -> str:
    return json.dumps(asdict(profile), sort_keys=True)


def matches_for(matcher: Matcher, profile: Profile, n: int) -> list[Match]:
    """Matches for a profile, cached per session and profile (one entry: the latest)."""
    key = ("matches", matcher.index.manifest.index_file, _profile_key(profile), n)
    cache = st.session_state.setdefault("_match_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = matcher.match(profile, n=n)
    return cache[key]


def suggestions_for(matcher: Matcher, profile: Profile) -> list[TitleSuggestion]:
    """Titles near the profile's words, cached per session and profile like its matches (a search of its own:
    9 ms on the bundled 20,000 listings, and the page reruns on every widget outside the match list)."""
    key = ("titles", matcher.index.manifest.index_file, _profile_key(profile))
    cache = st.session_state.setdefault("_title_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = suggest_titles(matcher, profile)
    return cache[key]


def cached_feed(matcher: Matcher, profile: Profile, liked: list[str], passed: list[str]) -> Feed:
    """The swipe feed for this profile and these swipes, cached per session (one entry: the latest)."""
    key = (matcher.index.manifest.index_file, _profile_key(profile), tuple(liked), tuple(passed))
    cache = st.session_state.setdefault("_feed_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = feed(matcher, profile, liked, passed, n=20)
    return cache[key]


def roles_for(matcher: Matcher, profile: Profile) -> list[InferredRole]:
    """The roles read from a profile without a title, cached per session and profile like its matches."""
    key = ("roles", matcher.index.manifest.index_file, _profile_key(profile))
    cache = st.session_state.setdefault("_role_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = matcher.roles(profile)
    return cache[key]
