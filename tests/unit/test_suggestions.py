"""Titles near a profile's words (``nploy.matching.suggestions``): cleaning real titles to their role, grouping
their variants, and the roles offered for a profile without a title."""

from __future__ import annotations

import numpy as np
import pytest

from nploy.index.embedding import FakeEncoder
from nploy.matching.suggestions import group_titles, role_title, suggest_titles
from nploy.records.profile import make_profile


@pytest.mark.parametrize(
    "title, role",
    [  # titles as the open postings and the real exports spell them
        ("Login.gov: Security Engineer Technical Expert", "Security Engineer Technical Expert"),
        ("cloud.gov - Security Compliance Architect", "Security Compliance Architect"),
        ("Data Scientist - Direct Hire Authority", "Data Scientist"),
        ("Senior Python Developer (m//f/d) with Kubernetes-Focus For Monitoring-Company", "Python Developer"),
        ("Statistician, GS-1530-11/12 FPL GS-12 (DH)", "Statistician"),
        ("SUPERVISORY IT PROJECT MANAGER (CUSTSPT)", "IT PROJECT MANAGER (CUSTSPT)"),
        ("Seasonal Visual Information Specialist", "Visual Information Specialist"),
        ("Environmental Protection Specialist (Direct Hire)", "Environmental Protection Specialist"),
        ("System Architect for our new Digital Development Center", "System Architect"),
        ("18F: Product Director GS15", "Product Director"),
        ("Software Engineer II", "Software Engineer"),
        ("IT Spec (Sysadmin)", "IT Spec (Sysadmin)"),
    ],
)
def test_a_listing_title_is_cleaned_to_the_role_it_names(title, role):
    assert role_title(title) == role


@pytest.mark.parametrize("title", ["TTS", "Cloud.gov", "Centers of Excellence", "Google Civic Leave", ""])
def test_a_title_that_names_no_role_offers_none(title):
    assert role_title(title) is None


def test_variants_of_a_role_group_under_one_readable_title_nearest_first():
    titles = ["IT PROJECT MANAGER", "Network Engineer", "IT Project Manager", "Senior Network Engineer", "TTS"]
    titles.append("it project manager")
    similarities = np.array([0.5, 0.9, 0.5, 0.8, 0.99, 0.4])
    grouped = group_titles(titles, similarities, k=5)
    # Network engineers add up to 1.7, project managers to 1.4 (three listings, further away); "TTS" is no role.
    assert [s.title for s in grouped] == ["Network Engineer", "IT Project Manager"]
    assert [s.listings for s in grouped] == [2, 3] and grouped[0].rows == (1, 3) and grouped[1].rows == (0, 2, 5)


def test_an_all_capitals_role_is_shown_with_its_codes_kept():
    (only,) = group_titles(["IT SPECIALIST (INFOSEC/NETWORK)", "IT SPECIALIST (INFOSEC/NETWORK)"], np.array([0.5, 0.4]))
    assert only.title == "IT Specialist (INFOSEC/NETWORK)" and only.listings == 2
    (calm,) = group_titles(["DATA AND OPERATIONS ANALYST", ".NET PROGRAMMER/ANALYST"], np.array([0.5, 0.1]), k=1)
    assert calm.title == "Data and Operations Analyst"
    assert role_title(".NET PROGRAMMER/ANALYST - HRA/DEPT OF SOCIAL SERVICES") == ".NET PROGRAMMER/ANALYST"


def test_suggestions_are_the_roles_of_the_nearest_listings_that_pass_the_filters(fake_dataset):
    matcher = fake_dataset.matcher(FakeEncoder())
    profile = make_profile(free_text="I build data pipelines and keep the warehouse fresh", work_modes=["remote"])
    suggested = suggest_titles(matcher, profile, depth=5)
    _, nearest = matcher.nearest(matcher.query_vector(profile), 5, matcher.mask(profile))
    rows = [row for s in suggested for row in s.rows]
    assert suggested and set(rows) <= set(nearest.tolist())
    assert set(matcher.rows.values("work_mode", rows)) == {"remote"}  # the profile's hard filters hold
    titles = {role_title(t) for t in matcher.rows.values("title", rows)}
    assert {s.title for s in suggested} <= titles


def test_a_profile_with_a_title_typed_or_named_gets_no_suggestions(fake_dataset):
    matcher = fake_dataset.matcher(FakeEncoder())
    assert suggest_titles(matcher, make_profile(free_text="pipelines", desired_titles=["Data Engineer"])) == []
    assert suggest_titles(matcher, make_profile(free_text="I am a data engineer and keep pipelines running")) == []
    assert suggest_titles(matcher, make_profile()) == []
    assert suggest_titles(matcher, make_profile(skills=["Python"]))  # skills alone name no role: titles are offered
