from dataclasses import replace

import numpy as np
import pytest

from nploy.errors import ProfileError
from nploy.index.embedding import FakeEncoder
from nploy.index.texts import profile_text
from nploy.matching.filters import filter_mask
from nploy.matching.scoring import skill_coverage, title_overlap
from nploy.records.profile import make_profile

PROFILES = [
    dict(skills=["python"]),
    dict(skills=["python", "django"], work_modes=["remote"]),
    dict(skills=["python"], work_modes=["remote", "hybrid"], countries=["BG"]),
    dict(skills=["python"], cities=["berlin"]),
    dict(skills=["python"], countries=["DE"], cities=["Sofia"]),
    dict(skills=["python"], salary_floor=60000),
    dict(skills=["python"], salary_floor=60000, include_undisclosed_salary=True),
    dict(skills=["python"], salary_floor=50000, salary_currency="USD"),
    dict(must_have_skills=["postgres"], skills=["python"]),
    dict(must_have_skills=["python", "django"], work_modes=["remote"], salary_floor=60000),
    dict(skills=["rust"], work_modes=["onsite"], countries=["US"]),  # nothing passes
]


def _pandas_expected(table, profile):
    query = table
    if profile.work_modes:
        query = query[query["work_mode"].isin(profile.work_modes)]
    if profile.countries or profile.cities:
        cities = [c.lower() for c in profile.cities]
        query = query[query["country"].isin(profile.countries) | query["city"].str.lower().isin(cities)]
    if profile.salary_floor_eur is not None:
        known = query["salary_annual_eur"] >= profile.salary_floor_eur
        undisclosed = query["salary_annual_eur"].isna() & profile.include_undisclosed_salary
        query = query[known | undisclosed]
    if profile.must_have_skills:
        query = query[query["skills"].map(lambda s: all(m in s for m in profile.must_have_skills))]
    return set(query["id"])


@pytest.mark.parametrize("fields", PROFILES)
def test_filters_match_a_pandas_query(tiny_table, fields):
    profile = make_profile(**fields)
    assert set(tiny_table["id"][filter_mask(tiny_table, profile)]) == _pandas_expected(tiny_table, profile)


@pytest.mark.parametrize("fields", PROFILES)
@pytest.mark.parametrize("n", [1, 3, 50])
def test_matches_never_break_a_filter_and_are_complete(fake_dataset, fields, n):
    matcher = fake_dataset.matcher(FakeEncoder())
    profile = make_profile(**fields)
    expected = _pandas_expected(fake_dataset.table(), profile)  # the matcher's table has no skills column
    found = [m.listing.id for m in matcher.match(profile, n=n)]
    assert set(found) <= expected
    assert len(found) == min(n, len(expected))
    assert len(found) == len(set(found))


def test_match_explains_itself(fake_dataset):
    from nploy.matching.ranking import RankingSettings

    matcher = fake_dataset.matcher(FakeEncoder(), ranking=RankingSettings())  # every part weighs
    profile = make_profile(
        skills=["python", "django", "docker"],
        must_have_skills=["postgres"],
        seniority="senior",
        desired_titles=["Python Developer"],
        salary_floor=30000,
    )
    matches = matcher.match(profile, n=5)
    assert matches
    best = matches[0]
    assert 0 <= best.score <= 100
    assert set(best.parts) == {"semantic", "skills", "preference"}
    assert all(0 <= v <= 100 for v in best.parts.values())
    assert "PostgreSQL" in best.matched_skills
    assert not set(best.missing_skills) & set(profile.all_skills())
    assert set(best.missing_skills) | set(best.matched_skills) >= set(best.listing.skills)
    assert "vs your floor" in best.salary_fit
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    payload = best.to_dict()
    assert payload["score_parts"] == best.parts and payload["matched_skills"] == best.matched_skills


def test_skill_coverage_weights_must_haves():
    profile = make_profile(skills=["python", "docker"], must_have_skills=["postgres"])
    assert skill_coverage(profile, {"PostgreSQL"}) == pytest.approx(2 / 4)
    assert skill_coverage(profile, {"Python", "Docker"}) == pytest.approx(2 / 4)
    assert skill_coverage(profile, {"PostgreSQL", "Python"}) == pytest.approx(3 / 4)
    assert skill_coverage(make_profile(), {"Python"}) is None


def test_title_overlap_folds_hyphens():
    assert title_overlap("Back-End Engineer", "Senior Backend Engineer") == 1.0
    assert title_overlap("Data Scientist", "Data Engineer") == 0.25  # half the words, another family


def test_title_fit_tells_families_apart_when_the_title_names_one():
    assert title_overlap("Product Designer", "UX Designer") > title_overlap("Product Designer", "Product Manager")
    assert title_overlap("developer", "Frontend Developer") == title_overlap("developer", "Backend Developer") == 1.0


def test_title_fit_reads_the_catalogue_roles_the_families_leave_out():
    """ "Technical Writer" shares a word with "TECHNICAL SPECIALIST" and none with "Content Designer", yet only the
    second is the role: the role catalogue says so where the families have no name for it."""
    assert title_overlap("Technical Writer", "Content Designer") > title_overlap("Technical Writer", "TECHNICAL SPECIALIST")
    assert title_overlap("IT Project Manager", "Technical Program Manager") > title_overlap("IT Project Manager", "IT Specialist")
    assert title_overlap("Technical Writer", "Senior Technical Writer") == 1.0


def test_profile_validation_is_clear():
    with pytest.raises(ProfileError, match="work mode"):
        make_profile(work_modes=["moon"])
    with pytest.raises(ProfileError, match="seniority"):
        make_profile(seniority="wizard")
    with pytest.raises(ProfileError, match="currency"):
        make_profile(salary_floor=10, salary_currency="XYZ")
    with pytest.raises(ProfileError, match="must-have"):
        make_profile(must_have_skills=["not a skill at all"])
    with pytest.raises(ProfileError, match="at most"):
        make_profile(skills=[f"s{i}" for i in range(100)])
    with pytest.raises(ProfileError, match="between"):
        make_profile(salary_floor=-1)
    profile = make_profile(skills=["k8s", "mystery tool"], work_modes=["On-site", "remote"], countries=["uk"])
    assert profile.skills == ["Kubernetes"] and profile.unknown_skills == ["mystery tool"]
    assert profile.work_modes == ["onsite", "remote"] and profile.countries == ["GB"]
    assert "mystery tool" in profile_text(profile)


def test_query_override_changes_the_ranking(fake_dataset):
    matcher = fake_dataset.matcher(FakeEncoder())
    profile = make_profile()
    frontend = matcher.encoder.encode(["Frontend Developer JavaScript React CSS"])[0]
    assert matcher.match(profile, n=1, query=frontend)[0].listing.id == "t4"
    devops = matcher.encoder.encode(["DevOps Engineer Kubernetes Terraform AWS"])[0]
    assert matcher.match(profile, n=1, query=np.asarray(devops))[0].listing.id == "t6"


def test_country_names_and_codes_become_iso_codes():
    profile = make_profile(countries=["Poland", "es", "United Kingdom", "USA", "Canada"])
    assert profile.countries == ["PL", "ES", "GB", "US", "CA"]
    with pytest.raises(ProfileError, match="unknown country 'Atlantis'"):
        make_profile(countries=["Atlantis"])


def test_title_part_and_leg_count_only_where_the_form_weighs_titles(fake_dataset):
    """With a title weight, a profile with a desired title gets a title part on every candidate: the
    cosine of the title alone and the listing's head vector, rescaled; without a title weight the title
    is not even embedded."""
    from nploy.matching.ranking import RankingSettings

    plain = RankingSettings(pool_factor=1, min_pool=1)
    weighted = plain.with_weights({"semantic": 0.5, "title": 0.5}, "title")
    matcher = fake_dataset.matcher(FakeEncoder(), ranking=weighted)
    profile = make_profile(free_text="I build things for phones", desired_titles=["Data Engineer"])
    pool = matcher.candidates(profile, n=1)
    assert pool and all("title" in c.parts and 0 <= c.parts["title"] <= 1 for c in pool)
    title = matcher.title_vector(profile)
    heads = matcher.index.head.vectors(matcher.rows.keys_of([c.row for c in pool]))
    low, high = weighted.semantic_low, weighted.semantic_high
    assert [c.parts["title"] for c in pool] == pytest.approx(np.clip((heads @ title - low) / (high - low), 0, 1), abs=1e-6)
    best = matcher.match(profile, n=1)[0]
    assert set(best.parts) == {"semantic", "title"}
    matcher.forget_queries()  # a benchmark times every profile's embedding; titles repeat across users
    assert "Data Engineer" in matcher.queries.titles

    unweighted = fake_dataset.matcher(FakeEncoder(), ranking=plain.with_weights({"semantic": 1.0}))
    assert not any("title" in c.parts for c in unweighted.candidates(profile, n=1))
    assert "Data Engineer" not in unweighted.queries.titles  # nothing embedded for a part that does not count
    free = make_profile(free_text="I build things for phones")
    assert not any("title" in c.parts for c in matcher.candidates(free, n=1))


def test_a_title_of_generic_words_names_no_role_and_gets_no_title_part(fake_dataset):
    from nploy.matching.ranking import RankingSettings
    from nploy.vocabulary.roles import names_a_role

    assert all(names_a_role(t) for t in ("Network Engineer", "Statistician", "server side programmer", "iOS dev"))
    assert not any(names_a_role(t) for t in ("Software Developer", "web services developer", "Senior Engineer II", ""))
    ranking = RankingSettings().with_weights({"semantic": 0.5, "title": 0.5}, "title")
    matcher = fake_dataset.matcher(FakeEncoder(), ranking=ranking)
    generic = make_profile(skills=["Python"], desired_titles=["software developer"])
    assert not any("title" in c.parts for c in matcher.candidates(generic))
    mixed = make_profile(skills=["Python"], desired_titles=["software developer", "Data Engineer"])
    assert all("title" in c.parts for c in matcher.candidates(mixed))
    assert list(matcher.queries.titles) == ["Data Engineer"]  # only the title that names a role is embedded


@pytest.mark.parametrize(
    "typed, bare",
    [
        ("Senior Data Engineer", "Data Engineer"),
        ("Sr. Backend Developer (Python)", "Backend Developer (Python)"),
        ("(Senior) Java Developer", "Java Developer"),
        ("Lead QA Engineer", "QA Engineer"),
        ("Principal Product Manager", "Product Manager"),
        ("Software Engineer II", "Software Engineer"),
        ("Data Science Intern", "Data Science"),
        ("QA Lead", "QA Lead"),  # after the role, "Lead" is the role
        ("Tech Lead", "Tech Lead"),
        ("IT Specialist (INFOSEC)", "IT Specialist (INFOSEC)"),
        ("Senior", "Senior"),  # a level alone stays as typed; it names no role, so it embeds as none
    ],
)
def test_a_desired_titles_level_is_left_to_the_seniority(typed, bare):
    from nploy.vocabulary.roles import without_level

    assert without_level(typed) == bare


def test_a_level_in_the_desired_title_neither_embeds_nor_counts_as_a_shared_word(fake_dataset):
    """ "Senior Backend Engineer" embedded "Senior" as if it were the role, and shared it with every senior posting's
    title: the title vector, the profile text and the title overlap read the title without its level."""
    from nploy.index.texts import profile_text
    from nploy.matching.ranking import RankingSettings
    from nploy.matching.scoring import title_overlap

    senior = make_profile(skills=["Python"], desired_titles=["Senior Data Engineer"], seniority="senior")
    assert profile_text(senior) == "Data Engineer. senior level. Skills: Python."
    ranking = RankingSettings().with_weights({"semantic": 0.5, "title": 0.5}, "title")
    matcher = fake_dataset.matcher(FakeEncoder(), ranking=ranking)
    matcher.candidates(senior)
    assert list(matcher.queries.titles) == ["Data Engineer"]
    assert title_overlap("Senior Data Engineer", "Data Engineer") == 1.0
    assert title_overlap("Senior Data Engineer", "Senior Data Scientist") < title_overlap("Data Engineer", "Data Engineer")


def test_a_role_named_in_the_free_text_is_scored_as_a_desired_title(fake_dataset):
    """ "I am a statistician ..." fills the title form (its weights, the named role as the title part), as if
    typed in the title field; the embedded text stays what the user wrote (bench/named_role.py measures it)."""
    from nploy.matching.ranking import RankingSettings
    from nploy.matching.scoring import profile_form

    named = make_profile(free_text="I am a data engineer and keep our pipelines running.")
    assert profile_form(named) == "title" and profile_form(replace(named, skills=["Python"])) == "title"
    assert profile_form(make_profile(free_text="I keep our pipelines running.")) == "free"
    # A plural names the people around the writer, not the role they are.
    assert profile_form(make_profile(free_text="Clean tables for the analysts and data scientists.")) == "free"
    assert profile_text(named) == "I am a data engineer and keep our pipelines running."
    ranking = RankingSettings().with_weights({"semantic": 1.0}, "free").with_weights({"semantic": 0.5, "title": 0.5}, "title")
    matcher = fake_dataset.matcher(FakeEncoder(), ranking=ranking)
    best = matcher.match(named, n=1)[0]
    assert set(best.parts) == {"semantic", "title"} and matcher.weights(named) == ranking.weights_for("title")
    assert "Data Engineer" in matcher.queries.titles  # the named role, embedded as a title
    plain = make_profile(free_text="I keep our pipelines running.", no_inferred_role=True)
    assert set(matcher.match(plain, n=1)[0].parts) == {"semantic"}  # words alone: no title, typed or inferred


def test_skills_named_in_the_free_text_count_as_matched_not_missing(fake_dataset):
    """ "apps in Swift and Kotlin": the explanation lists Swift as matched, never as a skill the candidate
    lacks; the profile's form, embedded text and score parts stay those of free text."""
    from nploy.matching.scoring import profile_form, stated_skills

    text = "I write backend services in Python and Django and ship them in Docker."
    profile = make_profile(free_text=text)
    assert stated_skills(profile) == ["Python", "Django", "Docker"]
    assert stated_skills(replace(profile, skills=["Docker", "Go"])) == ["Docker", "Go", "Python", "Django"]
    assert profile_form(profile) == "free" and profile_text(profile) == text
    matcher = fake_dataset.matcher(FakeEncoder())
    matches = matcher.match(profile, n=10)
    assert any(m.matched_skills for m in matches)
    for m in matches:
        assert not {"Python", "Django", "Docker"} & set(m.missing_skills)
        assert set(m.matched_skills) == {"Python", "Django", "Docker"} & set(m.listing.skills)
        assert "skills" not in m.parts
    plain = matcher.match(make_profile(free_text="I keep our pipelines running."), n=3)
    assert all(not m.matched_skills for m in plain)


def test_a_skill_the_free_text_names_is_embedded_once():
    """Said in the text and listed again, a skill weighed twice in the query ("the design system" and the skill
    Design Systems pulled a front-end need towards UX designers); a skill the text does not name is kept."""
    text = "I build the components people click on and keep the design system consistent."
    profile = make_profile(skills=["Design Systems", "TypeScript"], free_text=text)
    assert profile_text(profile) == f"Skills: TypeScript. {text}"
    assert profile_text(make_profile(skills=["Design Systems"], free_text=text)) == text
    assert profile_text(make_profile(skills=["Design Systems"])) == "Skills: Design Systems."
