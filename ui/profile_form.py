"""The Profile form, drawn from the profile's field declaration (``nploy.records.profile_fields``).

Each declared field gets one widget keyed ``p_<short>``; ``form_values`` puts a profile into those
keys and ``profile_fields`` reads them back as ``make_profile`` keywords. The two are inverses, so a
saved profile reopens exactly as it was entered.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from nploy.ingest.cv import CvSummary
from nploy.records.profile import Profile
from nploy.records.profile_fields import FIELDS, ProfileField

ANY = "(any)"


def key(item: ProfileField) -> str:
    return f"p_{item.short}"


def form_values(profile: Profile, skill_names: set[str], options: Mapping[str, list[str]]) -> dict[str, object]:
    """The widget state that shows this profile (values the widgets cannot offer are left out)."""
    state: dict[str, object] = {}
    for item in FIELDS:
        value = getattr(profile, item.name)
        if item.kind == "skills":
            state[key(item)] = [s for s in value if s in skill_names] + (profile.unknown_skills if item.open_ended else [])
        elif item.kind == "list" and item.options_from and not item.open_ended:
            offered = set(options.get(item.options_from, []))
            state[key(item)] = [v for v in value if v in offered]
        elif item.kind == "list" and not item.choices and not item.options_from:
            state[key(item)] = ", ".join(value)
        elif item.kind == "list":
            state[key(item)] = list(value)
        elif item.kind == "choice":
            state[key(item)] = value or item.default or ANY
        elif item.kind == "number":
            state[key(item)] = int(value or 0)
        else:
            state[key(item)] = value
    return state


def profile_fields(state: Mapping[str, object]) -> dict[str, object]:
    """The form's widget state as ``make_profile`` keywords (0 and "(any)" mean not given)."""
    values: dict[str, object] = {}
    for item in FIELDS:
        value = state.get(key(item))
        if item.kind == "list" and isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        elif item.kind == "choice":
            value = None if value == ANY else value
        elif item.kind == "number":
            value = (float(value) if item.step else int(value)) if value else None
        values[item.name] = value
    return values


def fill(profile: Profile, skill_names: set[str], options: Mapping[str, list[str]]) -> None:
    """Put a profile into the form's widget state (the widgets read their values from there)."""
    st.session_state.update(form_values(profile, skill_names, options))


def prefill_from_cv(summary: CvSummary) -> None:
    """Merge what a CV says into the form; the user corrects it before saving."""
    state = st.session_state
    state["p_skills"] = list(dict.fromkeys(list(state.get("p_skills", [])) + summary.skills))[:50]
    if summary.titles:  # the most recent role the CV dates: it ranks best as the desired title; editable
        state["p_titles"] = summary.titles[0]
    if summary.seniority:
        state["p_seniority"] = summary.seniority
    if summary.years is not None:
        state["p_years"] = min(summary.years, 60)


def draw(skill_names: list[str], options: Mapping[str, list[str]]) -> None:
    """The form's widgets, two columns in declaration order; free text spans both."""
    left, right = st.columns(2)
    for position, item in enumerate(FIELDS):
        where = st if item.kind == "text" else (left if position % 2 == 0 else right)
        _widget(where, item, skill_names, options)


def _widget(where, item: ProfileField, skill_names: list[str], options: Mapping[str, list[str]]) -> None:
    limit = item.widget_limit or item.limit
    if item.kind == "skills":
        where.multiselect(
            item.label, skill_names, key=key(item), accept_new_options=item.open_ended, max_selections=limit, help=item.help
        )
    elif item.kind == "list" and (item.choices or item.options_from):
        offered = list(item.choices) or options.get(item.options_from, [])
        where.multiselect(item.label, offered, key=key(item), accept_new_options=item.open_ended, max_selections=limit)
    elif item.kind == "list":
        where.text_input(item.label, key=key(item), max_chars=limit)
    elif item.kind == "choice":
        where.selectbox(item.label, list(item.choices) if item.default else [ANY, *item.choices], key=key(item))
    elif item.kind == "number":
        step = int(item.step) if item.step else 1
        where.number_input(item.label, int(item.low), int(item.high), step=step, key=key(item))
    elif item.kind == "flag":
        where.checkbox(item.label, key=key(item))
    else:
        where.text_area(item.label, key=key(item), max_chars=item.limit)
