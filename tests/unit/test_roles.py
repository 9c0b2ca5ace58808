"""Role understanding: the catalogue, the inference's three kinds of evidence, how a page is ranked by the roles
read, and, with the real model, that plain words find their role."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.index.embedding import FakeEncoder
from nploy.matching.scoring import Candidate, interleave
from nploy.records.profile import make_profile
from nploy.records.role import InferredRole
from nploy.roles.inference import Evidence, RoleSettings, infer, served, skill_scores, title_strength
from nploy.roles.model import ListingRoles, role_vectors
from nploy.vocabulary.occupations import load_catalogue

CATALOGUE = load_catalogue()


def _role(title: str) -> int:
    found = CATALOGUE.index_of(title)
    assert found is not None, title
    return found


# ---- the catalogue ------------------------------------------------------------------------------------------


def test_the_catalogue_carries_its_evidence_and_attribution():
    assert len(CATALOGUE.roles) >= 20 and "O*NET" in CATALOGUE.attribution and "CC BY 4.0" in CATALOGUE.attribution
    for role in CATALOGUE.roles:
        assert role.phrases, role.title  # every role has names from O*NET
        assert role.pattern.search(role.title), role.title  # a role's own title is read as that role
        assert len(role.duties) >= 3, role.title  # its work in a posting's plain words
    assert "iOS Developer" in CATALOGUE.roles[_role("Mobile Developer")].phrases
    assert not any("Mechanic" in p or "Police" in p for r in CATALOGUE.roles for p in r.phrases)  # words, not trades


@pytest.mark.parametrize(
    "title, role",
    [
        ("Senior iOS Developer (m/f/d)", "Mobile Developer"),
        ("IT SPECIALIST (INFOSEC)", "Cybersecurity Engineer"),  # the federal code spelled out
        ("IT Specialist (CUSTSPT)", "IT Support Specialist"),
        ("QA Test Developer - Python/ Javascript", "QA Engineer"),
        ("Full-Stack Javascript Developer (Node.js / React)", "Full Stack Developer"),
        ("Senior Product Manager - Platform", "Product Manager"),
    ],
)
def test_a_posting_title_names_its_role(title, role):
    assert _role(role) in CATALOGUE.roles_of_title(title)


@pytest.mark.parametrize("title", ["Software Engineer", "Developer", "Engineers", "Program Coordinator"])
def test_a_generic_title_names_no_role(title):
    assert CATALOGUE.roles_of_title(title) == ()


def test_listing_roles_count_each_role_and_smooth_the_rare():
    import pandas as pd

    known = ListingRoles.of_titles(pd.Series(["iOS Developer", "Android Engineer", "Software Engineer"]))
    assert known.of_row[2] == () and _role("Mobile Developer") in known.of_row[0]
    mobile, writer = known.prior[_role("Mobile Developer")], known.prior[_role("Technical Writer")]
    assert mobile == 3 * writer and writer > 0 and known.prior.sum() == pytest.approx(1.0)


# ---- the inference ------------------------------------------------------------------------------------------


def _evidence(skills=(), neighbours=(), query=None) -> Evidence:
    vectors = role_vectors(FakeEncoder())
    query = np.zeros(vectors.skills.shape[1], dtype="float32") if query is None else query
    return Evidence(tuple(skills), query, list(neighbours), np.ones(len(neighbours), dtype="float32"))


def test_a_skill_that_points_to_one_role_says_more_than_one_that_points_to_many():
    """Swift and Kotlin point to mobile alone; Python points to several roles, so it weighs less in each."""
    scores, named = skill_scores(("Swift", "Kotlin"), CATALOGUE)
    assert int(np.argmax(scores)) == _role("Mobile Developer") and named[_role("Mobile Developer")] == ["Swift", "Kotlin"]
    python, _ = skill_scores(("Python",), CATALOGUE)
    assert python.max() < scores.max() / 2 and (python > 0).sum() >= 2


def test_a_sentence_weighs_the_roles_names_as_names_with_words_and_a_list_of_skills_as_names():
    """A sentence says what one does, so its words are read against the duties more than the names
    (``names_with_words``); a list of skills keeps ``names`` ("React.js Developer" is evidence for "React")."""
    from nploy.roles.inference import words_share

    vectors = role_vectors(FakeEncoder())
    query = vectors.names[_role("Database Administrator")][0]  # a sentence that sits on one role's name
    plain = RoleSettings(names=1.0, names_with_words=None)
    light = replace(plain, names_with_words=0.25)
    dba = _role("Database Administrator")
    assert words_share(query, vectors, light, has_words=True)[dba] < words_share(query, vectors, plain, has_words=True)[dba]
    assert np.allclose(words_share(query, vectors, light, has_words=False), words_share(query, vectors, plain, has_words=False))
    assert np.allclose(
        words_share(query, vectors, light, has_words=True),
        words_share(query, vectors, replace(plain, names=0.25), has_words=True),
    )


def test_a_profile_of_skills_alone_weighs_its_skills_more():
    """Without words the embedded "words" are only the skills' names, which mislead ("SQL" sits nearest "SQL
    DBA"): the skills evidence weighs ``skills_alone`` there, ``skills`` beside words."""
    uniform = np.full(len(CATALOGUE.roles), 1 / len(CATALOGUE.roles))
    vectors = role_vectors(FakeEncoder())
    alone = _evidence(skills=("SQL", "Looker"))
    analyst, dba = _role("Data Analyst"), _role("Database Administrator")

    def odds(evidence, settings):
        found = {g.title: g.confidence for g in infer(evidence, vectors, uniform, CATALOGUE, replace(settings, shown=24))}
        return found[CATALOGUE.roles[analyst].title] / found[CATALOGUE.roles[dba].title]

    plain = RoleSettings(skills=0.5, skills_alone=None)
    doubled = replace(plain, skills_alone=1.0)
    assert odds(alone, plain) == pytest.approx(24**0.5, rel=1e-3)  # Looker points to one role of 24, SQL to three
    assert odds(alone, doubled) == pytest.approx(24**1.0, rel=1e-3)
    worded = replace(alone, text="Funnels and retention numbers.")
    assert doubled.skill_weight(worded.has_words) == 0.5 and doubled.skill_weight(alone.has_words) == 1.0
    from nploy.matching.ranking import load_ranking

    assert load_ranking().roles.skills_alone == 1.0  # shipped (ranking.json)
    assert load_ranking().roles.names_with_words == 0.5


def test_skills_of_both_the_front_and_the_back_end_point_to_full_stack():
    """Each skill points to one side, so a full-stack developer's skills read as the side with more; both sides
    named by different skills is the evidence for the role that spans them."""
    scores, named = skill_scores(("Ruby on Rails", "React"), CATALOGUE)
    full, front, back = _role("Full Stack Developer"), _role("Frontend Developer"), _role("Backend Developer")
    assert int(np.argmax(scores)) == full and scores[full] == pytest.approx(scores[front] + scores[back])
    assert set(named[full]) == {"Ruby on Rails", "React"}  # the page names both as the evidence
    one_side, _ = skill_scores(("React", "TypeScript"), CATALOGUE)  # a front end alone: nothing spans
    assert one_side[full] == one_side[front]
    back_only, _ = skill_scores(("Java", "Spring"), CATALOGUE)
    assert back_only[full] == 0 and int(np.argmax(back_only)) == back


@pytest.mark.parametrize(
    "skill, role",
    [
        ("C#", "Backend Developer"),
        ("Spring", "Backend Developer"),
        ("Apache Kafka", "Data Engineer"),
        ("OWASP", "Cybersecurity Engineer"),
        ("Rust", "Backend Developer"),  # a skills-only "Rust" read as Technical Writer from its name's embedding
        ("pytest", "QA Engineer"),
        ("Amplitude", "Product Manager"),
        ("Routing and Switching", "Network Engineer"),
        ("Help Desk", "IT Support Specialist"),
        ("Technical Writing", "Technical Writer"),
        ("Incident Response", "Cybersecurity Engineer"),
        ("Manual Testing", "QA Engineer"),
        ("Enterprise Architecture", "Enterprise Architect"),
        ("Risk Management", "IT Policy Analyst"),
    ],
)
def test_skills_beyond_a_roles_skills_line_point_to_it(skill, role):
    """Half the taxonomy pointed to no role (Spring, C#; Kafka spelled as the taxonomy does not): the catalogue's
    further pointers count as evidence, and every one is a skill the taxonomy knows."""
    from nploy.vocabulary.skills import load_taxonomy

    assert _role(role) in CATALOGUE.skill_roles()[skill]
    known = set(load_taxonomy().names())
    assert {s for r in CATALOGUE.roles for s in r.also_points} <= known
    assert not set(CATALOGUE.roles[_role(role)].also_points) & set(CATALOGUE.roles[_role(role)].skills)


def test_every_role_has_a_skill_the_taxonomy_can_find_pointing_to_it():
    """A role whose skills the taxonomy cannot find gets no skill evidence: network, support, writing and
    statistics needs named Cisco, Troubleshooting or Statistics and read none of them (the taxonomy lacked them)."""
    from nploy.vocabulary.skills import load_taxonomy

    known = set(load_taxonomy().names())
    pointing = CATALOGUE.skill_roles()
    for i, role in enumerate(CATALOGUE.roles):
        assert any(i in pointing[s] for s in known if s in pointing), role.title
    for skill in ("Cisco", "Statistics", "Troubleshooting", "Active Directory", "VMware", "Stata", "Project Management"):
        assert skill in known and pointing[skill], skill


def test_a_word_one_role_uses_counts_for_it_where_the_embedding_reads_nouns():
    """Evidence 4 (nploy.roles.lexical): BM25 of the words against each role's names, duties and tasks. The
    embedding read "test our applications for vulnerabilities" as QA by its noun; the word that says the role
    is used by the security role alone. Nothing to count, nothing read."""
    from nploy.roles.lexical import lexical_share

    share = lexical_share("I test our applications for vulnerabilities and help developers fix them.", CATALOGUE)
    assert int(np.argmax(share)) == _role("Cybersecurity Engineer") and share.sum() == pytest.approx(1.0)
    incidents = lexical_share("Investigating security incidents and vulnerability reports", CATALOGUE)
    assert int(np.argmax(incidents)) == _role("Cybersecurity Engineer")  # singular and plural are one term
    assert not lexical_share("", CATALOGUE).any() and not lexical_share("the and of", CATALOGUE).any()


def test_a_cv_lines_level_and_years_say_no_role_in_the_counted_words():
    """ "Senior software engineer with 8 years in Go" read as IT Project Manager at 90 %: "go" is a rare word of that
    role's documents ("go-live"), as "experience" is of UX Designer's ("user experience"), "junior" of Database
    Administrator's and "staff" of Network Engineer's. Level and years say no role; Go the language is a skill."""
    from nploy.roles.lexical import lexical_share

    line = lexical_share("Senior software engineer with 8 years of experience in Go", CATALOGUE)
    assert np.allclose(line, lexical_share("software engineer with in", CATALOGUE))  # as if they were not there
    assert int(np.argmax(line)) not in (_role("IT Project Manager"), _role("UX Designer"))
    assert not lexical_share("Junior, staff, lead, principal: mid years", CATALOGUE).any()  # nothing read
    assert np.allclose(lexical_share("user experience research", CATALOGUE), lexical_share("user research", CATALOGUE))


@pytest.mark.parametrize("spelling", ["front-end", "front end", "Frontend", "FRONT-END"])
def test_the_front_end_is_one_term_however_it_is_spelled(spelling):
    """Split in two, "front" and "end" counted for the Frontend role's names ("Front End Developer") and never
    for Full Stack's duties ("the frontend and the backend"); the sentence below read as Frontend Developer."""
    from nploy.roles.lexical import _tokens, lexical_share

    assert _tokens([f"the {spelling} and the back-end"])[0] == ["frontend", "backend"]
    assert _tokens(["full-stack, full stack and fullstack"])[0] == ["fullstack"] * 3
    assert _tokens(["end-to-end tests at the front desk"])[0] == ["end", "end", "test", "front", "desk"]  # not roles
    share = lexical_share(f"I write the {spelling} and the back end of our web apps, the whole stack.", CATALOGUE)
    assert int(np.argmax(share)) == _role("Full Stack Developer")


def test_the_lexical_evidence_counts_for_words_and_not_for_a_list_of_skills():
    uniform = np.full(len(CATALOGUE.roles), 1 / len(CATALOGUE.roles))
    settings = RoleSettings(lexical=3.0)
    text = "I test our applications for vulnerabilities and help developers fix them."
    worded = replace(_evidence(), text=text)
    read = infer(worded, role_vectors(FakeEncoder()), uniform, CATALOGUE, settings)[0]
    assert read.title == "Cybersecurity Engineer" and read.evidence == ("your words",)  # the page says why
    assert worded.has_words and not _evidence().has_words  # a profile of skills alone has no text to count
    without = infer(_evidence(), role_vectors(FakeEncoder()), uniform, CATALOGUE, settings)
    assert without == infer(_evidence(), role_vectors(FakeEncoder()), uniform, CATALOGUE, replace(settings, lexical=0.0))
    from nploy.matching.ranking import load_ranking

    assert load_ranking().roles.lexical > 0  # shipped (ranking.json); the dataclass default leaves it out


def test_inference_reads_skills_and_neighbours_and_says_why():
    uniform = np.full(len(CATALOGUE.roles), 1 / len(CATALOGUE.roles))
    settings = RoleSettings()
    guesses = infer(_evidence(skills=("Swift", "Kotlin")), role_vectors(FakeEncoder()), uniform, CATALOGUE, settings)
    assert guesses[0].title == "Mobile Developer" and "your skills: Swift, Kotlin" in guesses[0].evidence
    assert sum(g.confidence for g in guesses) <= 1.0 and guesses[0].confidence > guesses[1].confidence
    qa = _role("QA Engineer")
    near = infer(_evidence(neighbours=[(qa,)] * 12 + [()] * 8), role_vectors(FakeEncoder()), uniform, CATALOGUE, settings)
    assert near[0].title == "QA Engineer" and "12 of the 20 nearest listings" in near[0].evidence


def test_a_roles_duties_count_for_words_and_not_for_a_list_of_skills():
    """Words that say a role's duties point to it; the same vector from a profile of skills alone does not
    count them (a list of skill names describes no duties)."""
    from nploy.roles.inference import words_share

    vectors = role_vectors(FakeEncoder())
    writer = _role("Technical Writer")
    query = vectors.duties[writer][0]  # exactly the first of its duties, as the fake encoder embeds it
    settings = replace(RoleSettings(), names=1e-3, tasks=0.0, skill_line=0.0)  # (almost) duties alone
    with_words = words_share(query, vectors, settings, has_words=True)
    assert int(np.argmax(with_words)) == writer and with_words[writer] > 0.9
    alone = words_share(query, vectors, settings, has_words=False)  # the names alone: noise to this query
    assert alone[writer] < 0.5


def test_a_common_role_among_the_neighbours_counts_against_its_frequency():
    """In a corpus of security postings the nearest listings of any need are mostly security: the votes are
    divided by how common the role is, so three network postings outweigh four security ones there."""
    security, network = _role("Cybersecurity Engineer"), _role("Network Engineer")
    prior = np.full(len(CATALOGUE.roles), 0.01)
    prior[security] = 0.6
    prior /= prior.sum()
    neighbours = [(security,)] * 4 + [(network,)] * 3
    no_words = replace(RoleSettings(), words=0)
    guesses = infer(_evidence(neighbours=neighbours), role_vectors(FakeEncoder()), prior, CATALOGUE, no_words)
    assert guesses[0].title == "Network Engineer"


def test_two_close_roles_are_both_served_and_a_weak_one_weighs_less():
    settings = RoleSettings(both=0.8, full_confidence=0.5)
    strong, close, far = InferredRole("A", 0.45, ()), InferredRole("B", 0.40, ()), InferredRole("C", 0.1, ())
    assert served([strong, close, far], settings) == [strong, close]
    assert served([strong, far], settings) == [strong] and served([], settings) == []
    assert title_strength(strong, settings) == pytest.approx(0.9) and title_strength(InferredRole("D", 0.8, ()), settings) == 1


def test_a_confident_role_ranks_with_the_role_weights_and_a_weak_one_keeps_part_of_its_forms(fake_dataset):
    from nploy.matching.by_role import role_weights

    matcher = fake_dataset.matcher(FakeEncoder())
    roles = matcher.ranking.roles
    profile = make_profile(free_text="mobile apps")
    sure = role_weights(matcher, profile, InferredRole("Mobile Developer", 0.9, ()))
    assert sure == pytest.approx({**dict.fromkeys(("keywords", "skills"), 0.0), **roles.ranked_weights()})
    assert sum(sure.values()) == pytest.approx(1.0)
    weak = role_weights(matcher, profile, InferredRole("Mobile Developer", roles.full_confidence / 2, ()))
    own = matcher.weights(profile)
    assert weak["semantic"] == pytest.approx((roles.ranked_semantic + own["semantic"]) / 2)


def test_interleaving_keeps_each_rankings_share_of_every_prefix():
    first = [Candidate(row, 0.0, {}) for row in (1, 2, 3, 4, 5)]
    second = [Candidate(row, 0.0, {}) for row in (9, 2, 8, 7)]
    merged = [c.row for c in interleave([first, second], [0.5, 0.5])]
    assert merged[:4] == [1, 9, 2, 8] and sorted(merged) == [1, 2, 3, 4, 5, 7, 8, 9]  # each row once
    lopsided = [c.row for c in interleave([first, second], [0.75, 0.25])]
    assert lopsided[:4].count(9) + lopsided[:4].count(8) == 1


# ---- ranking by the roles read ---------------------------------------------------------------------------------


def test_a_profile_without_a_title_is_ranked_by_its_role_and_a_title_always_wins(fake_dataset):
    matcher = fake_dataset.matcher(FakeEncoder())
    # The fake encoder hashes words: the role's own words ("mobile", "iOS") are what it can read.
    free = make_profile(free_text="mobile apps for iOS and Android phones", skills=["Swift", "Kotlin"])
    roles = matcher.roles(free)
    assert roles and roles[0].title == "Mobile Developer"
    best = matcher.match(free, n=3)
    assert "title" in best[0].parts  # the role weighs as a soft title
    assert matcher.roles(replace(free, desired_titles=["Data Engineer"])) == []  # typed: it wins
    assert matcher.roles(make_profile(free_text="I am a data engineer")) == []  # named in the words: it wins
    assert matcher.roles(replace(free, no_inferred_role=True)) == []  # switched off
    assert "title" not in matcher.match(replace(free, no_inferred_role=True), n=1)[0].parts
    assert matcher.roles(make_profile()) == []
    punctuation = make_profile(free_text="!!!")  # says nothing: no role, and the page shows its empty state
    assert punctuation.is_empty() and matcher.roles(punctuation) == []
    assert not make_profile(free_text="C#").is_empty() and not make_profile(free_text="日本語").is_empty()


def test_a_role_pools_the_listings_nearest_the_words_and_the_role_together(fake_dataset):
    """The pool of a profile ranked by a role gains the listings nearest its query and the role's title together
    (for words as for skills alone), each scored by its cosine to the query alone, not to that sum."""
    import numpy as np

    from nploy.matching.by_role import with_role, with_role_leg
    from nploy.matching.pool import gather

    base = fake_dataset.matcher(FakeEncoder())
    matcher = base.with_ranking(replace(base.ranking, pool_factor=1, min_pool=2))  # a pool smaller than the dataset
    profile = make_profile(free_text="kubernetes clusters")
    query = matcher.query_vector(profile)
    role = InferredRole("Mobile Developer", 0.9, ())
    pool = gather(matcher, profile, 2, query)
    pooled = with_role_leg(matcher, profile, pool, query, [role])
    title = matcher.title_vector(with_role(profile, role))
    _cosines, nearest = matcher.nearest((query + title) / np.linalg.norm(query + title), 2, pool.mask)
    added = np.setdiff1d(nearest, pool.rows)
    assert len(added) and set(nearest.tolist()) <= set(pooled.rows.tolist())
    _cosines, by_title = matcher.nearest(title, 2, pool.mask)  # the title alone reaches a row the two together do not
    assert set(np.setdiff1d(by_title, nearest).tolist()).isdisjoint(pooled.rows.tolist())
    assert pooled.rows[: len(pool.rows)].tolist() == pool.rows.tolist() and pooled.dense == pool.dense
    cosines = dict(zip(pooled.rows.tolist(), pooled.similarities.tolist()))
    assert [cosines[r] for r in added.tolist()] == pytest.approx((matcher.vectors(added) @ query).tolist(), abs=1e-5)


def test_a_title_that_names_no_role_leaves_the_role_to_the_skills_and_words(fake_dataset):
    """Issue 25: "Software Engineer" or "Developer" names no role. Typed alone (or read from a CV), it switched
    inference off and ranked by the title form's weights with no title part to read: Swift and Kotlin under
    "Software Engineer" got the first software postings of any kind."""
    from nploy.matching.by_role import ranked_as
    from nploy.matching.scoring import named_roles, names_a_role_title, profile_form, scoring_profile

    matcher = fake_dataset.matcher(FakeEncoder())
    generic = make_profile(skills=["Swift", "Kotlin"], desired_titles=["Software Engineer"])
    assert not names_a_role_title(generic) and profile_form(generic) == "skills"
    roles = matcher.roles(generic)
    assert roles and roles[0].title == "Mobile Developer"
    assert "title" in matcher.match(generic, n=1)[0].parts  # ranked by the role read, as a soft title
    assert ranked_as(matcher, roles, generic).endswith(" · your title Software Engineer names no role")
    assert "names no role" not in ranked_as(matcher, roles, replace(generic, desired_titles=[]))
    # A role named in the words counts beside a generic title; a title that names a role still wins.
    worded = make_profile(free_text="I am a data engineer", desired_titles=["Developer"])
    assert scoring_profile(worded).desired_titles == ["Data Engineer"] and named_roles(worded) == ["Data Engineer"]
    assert matcher.roles(worded) == [] and profile_form(worded) == "title"
    assert matcher.roles(replace(generic, desired_titles=["Software Engineer", "iOS Developer"])) == []


def test_nploy_match_prints_and_returns_the_roles_read(fake_dataset):
    words = "mobile apps for iOS and Android phones"
    args = ["--data-dir", str(fake_dataset.root), "match", "--skills", "Swift,Kotlin", "--text", words, "--top", "3"]
    result = CliRunner().invoke(main, [*args, "--json"], env={"NPLOY_ENCODER": "fake"})
    assert result.exit_code == 0, result.output
    roles = json.loads(result.output)["inferred_roles"]
    assert roles[0]["title"] == "Mobile Developer" and roles[0]["ranked_by"] and 0 < roles[0]["confidence"] <= 1
    assert any("Swift" in e for e in roles[0]["evidence"])
    text = CliRunner().invoke(main, args, env={"NPLOY_ENCODER": "fake"})
    assert "Ranked as: Mobile Developer" in text.output
    off = CliRunner().invoke(main, [*args, "--json", "--no-inferred-role"], env={"NPLOY_ENCODER": "fake"})
    assert json.loads(off.output)["inferred_roles"] == []


# ---- with the real model -----------------------------------------------------------------------------------


_MATCHERS: list = []


def _real_eval_matcher(dataset_class, path_class):
    if not _MATCHERS:
        _MATCHERS.append(dataset_class(path_class(__file__).resolve().parents[2] / "data" / "real-eval").matcher())
    return _MATCHERS[0]


def test_the_skills_free_text_names_are_read_as_skill_evidence(fake_dataset):
    """ "React, Node.js and PostgreSQL" in the free text points to Full Stack as the three skills listed do: all
    three point to it, each to one or two other roles (the stack set's "the React front end, the Node.js API
    and the PostgreSQL tables" read as Frontend Developer before)."""
    plain = fake_dataset.matcher(FakeEncoder())
    every_role = replace(plain.ranking, roles=replace(plain.ranking.roles, shown=len(CATALOGUE.roles)))
    matcher = plain.with_ranking(every_role)  # the fake encoder's words are noise: read every role's evidence
    words = make_profile(free_text="I work with React, Node.js and PostgreSQL every day")
    listed = make_profile(skills=["React", "Node.js", "PostgreSQL"])
    roles = {r.title: r for r in matcher.roles(words)}
    assert any(e.startswith("your skills: React, Node.js, PostgreSQL") for e in roles["Full Stack Developer"].evidence)
    assert "Full Stack Developer" in {r.title for r in plain.roles(listed)}
    assert not any("your words" in r.evidence for r in matcher.roles(listed))  # skills alone: no words to credit
