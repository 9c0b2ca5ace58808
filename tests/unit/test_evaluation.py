"""The evaluation harness: metrics on hand-computed cases, the labelled sets' integrity, the modes
on a tiny dataset, and `nploy eval` on the bundled data with the real model (the README's claim)."""

import json
import math

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.dataset import open_dataset
from nploy.index.lexical import LexicalIndex
from nploy.matching.feedback import like_rates, place_fit
from nploy.quality import report as quality_report
from nploy.quality import tuning
from nploy.quality.evaluation import MODES, candidate_pool, corpus_for, prepare_sets, rank_hybrid, rank_rrf, run_modes, summarise
from nploy.quality.metrics import all_metrics, dcg, ndcg_at, recall_at, reciprocal_rank
from nploy.quality.querysets import EVAL_DIR, EvalQuery, QuerySet, generated_grades, generated_queries, load_sets, read_queries
from nploy.quality.simulation import Persona
from nploy.quality.skill_labels import LabelledPosting, evaluate_extraction, read_labels
from nploy.records.listing import Listing
from nploy.vocabulary.skills import load_taxonomy

# --- metrics, by hand -------------------------------------------------------------------------


def test_dcg_and_ndcg_by_hand():
    # ranking a, b, c with grades 2, 0, 1: gains 3, 0, 1 at discounts log2(2), log2(3), log2(4)
    relevance = {"a": 2, "c": 1, "d": 1}
    assert dcg([2, 0, 1]) == pytest.approx(3 + 0 + 1 / 2)
    ideal = 3 + 1 / math.log2(3) + 1 / 2  # grades 2, 1, 1
    assert ndcg_at(["a", "b", "c"], relevance, 10) == pytest.approx(3.5 / ideal)
    assert ndcg_at(["a", "d", "c"], relevance, 10) == pytest.approx(1.0)
    assert ndcg_at(["b", "e"], relevance, 10) == 0.0
    assert ndcg_at(["a"], {}, 10) == 0.0


def test_recall_is_capped_and_mrr_finds_the_first_relevant():
    relevance = {"a": 2, "c": 1, "d": 1}
    assert recall_at(["a", "b"], relevance, 2) == pytest.approx(1 / 2)  # one of min(2, 3)
    assert recall_at(["a", "b", "c", "d"], relevance, 10) == 1.0
    assert recall_at(["x", "a"], {"a": 1}, 1) == 0.0
    assert reciprocal_rank(["b", "e", "c"], relevance) == pytest.approx(1 / 3)
    assert reciprocal_rank(["b"], relevance) == 0.0
    assert set(all_metrics(["a"], relevance)) == {"ndcg@10", "p@10", "recall@10", "recall@50", "mrr"}
    assert all_metrics(["a", "c", "x"], {"a": 2, "c": 1})["p@10"] == pytest.approx(0.1)  # only grade 2 counts


def test_weight_grid_covers_the_simplex():
    three = tuning.weight_grid(("semantic", "skills", "preference"), 0.05)
    assert len(three) == 231  # (20 + 1)(20 + 2) / 2 points
    assert all(sum(w.values()) == pytest.approx(1.0) for w in three)
    assert {"semantic": 0.45, "skills": 0.4, "preference": 0.15, "keywords": 0.0, "title": 0.0} in three
    four = tuning.weight_grid(("semantic", "keywords", "skills", "preference"), step=0.05)
    assert len(four) == 1771  # C(23, 3) points of the four parts
    assert all(sum(w.values()) == pytest.approx(1.0) for w in four)
    five = tuning.weight_grid(step=0.05)
    assert len(five) == 10626  # C(24, 4): with the title part


# --- the labelled sets ------------------------------------------------------------------------


def test_generated_set_is_reproducible_and_split():
    stored = read_queries(EVAL_DIR / "generated.jsonl")
    assert stored == generated_queries()
    assert {q.part for q in stored} == {"tuning", "test"}
    assert sum(q.part == "test" for q in stored) == len(stored) // 2
    bundled_ids = set(open_dataset(EVAL_DIR.parent).table()["id"])
    assert not {q.target["from"] for q in stored} & bundled_ids  # held out: not in the corpus


def test_generated_grades_follow_the_rules():
    table = pd.DataFrame(
        {
            "key": [1, 2, 3, 4, 5],
            "title": ["Data Engineer", "Senior Data Engineer", "Lead Data Engineer", "Backend Developer", "Data Engineer"],
            "seniority": ["mid", "senior", "lead", "mid", "mid"],
            "skills": [["Python", "SQL"], ["Python"], ["Python", "SQL"], ["Python", "SQL"], ["Scala"]],
        }
    )
    grades = generated_grades(table, {"family": "Data Engineering", "seniority": "mid", "skills": ["Python", "SQL"]})
    # 1: same family, same level, all skills; 2: one level up, half the skills; 3: two levels up;
    # 4: another family; 5: same family and level but no skill.
    assert grades == {1: 2, 2: 2, 3: 1, 5: 1}


def test_hand_set_is_judged_and_documented():
    sets = load_sets()
    hand = sets["hand"]
    assert len(hand.queries) >= 40
    assert sum(q.part == "test" for q in hand.queries) == len(hand.queries) // 2
    bundled_ids = set(open_dataset(EVAL_DIR.parent).table()["id"])
    taxonomy = load_taxonomy()
    for query in hand.queries:
        judged = hand.judgements[query.id]
        assert len(judged) >= 10 and set(judged.values()) <= {0, 1, 2}
        assert set(judged) <= bundled_ids
        assert query.note and query.profile(taxonomy)  # every profile is valid form input
    assert "Grades" in (EVAL_DIR / "JUDGING.md").read_text()


def test_skill_labels_are_canonical_and_enough():
    postings = read_labels()
    taxonomy = load_taxonomy()
    assert len(postings) >= 50
    assert sum(p.source.startswith("nyc-jobs.csv") for p in postings) >= 20
    for posting in postings:
        assert set(posting.skills) <= set(taxonomy.skills), posting.id


def test_extraction_precision_and_recall_by_hand():
    postings = [
        LabelledPosting("a", "test", "Backend", "Python and PostgreSQL on Kubernetes.", ["Python", "PostgreSQL", "Rust"], []),
        LabelledPosting("b", "test", "Office", "Express your ideas.", [], ["Word"]),
    ]
    report = evaluate_extraction(postings)
    # found Python, PostgreSQL, Kubernetes (+ Express if the extractor takes the verb): 2 hits of 3 labelled
    found = 2 + sum(e.kind == "false positive" for e in report.errors)
    assert report.recall == pytest.approx(2 / 3)
    assert report.precision == pytest.approx(2 / found)
    assert {(e.posting, e.skill) for e in report.errors if e.kind == "missed"} == {("a", "Rust")}
    assert report.outside_taxonomy == 1


# --- modes and swipes on a tiny dataset -------------------------------------------------------


def test_bm25_ranks_the_keyword_match_first_and_respects_the_mask():
    texts = ["Python Django backend", "React frontend", "C++ and Linux systems", "Java Spring backend"]
    lexical = LexicalIndex.build(texts, np.array([10, 11, 12, 13]))
    _, keys = lexical.search("c++ linux", 2)
    assert keys[0] == 12
    _, keys = lexical.search("backend", 4, mask=np.array([True, True, True, False]))
    assert keys[0] == 10 and 13 not in keys


def test_every_mode_runs_and_tuning_picks_from_the_grid(fake_dataset):
    corpus = corpus_for(fake_dataset.matcher(serving=False))
    first = corpus.table.iloc[0]
    queries = [
        EvalQuery("t0", "hand", "tuning", {"skills": list(first["skills"])[:2], "desired_titles": [first["title"]]}),
        EvalQuery("t1", "hand", "test", {"skills": ["Python"]}),
    ]
    judged = {"t0": {first["id"]: 2}, "t1": {i: 1 for i in corpus.table["id"][:3]}}
    prepared = prepare_sets(corpus, {"hand": QuerySet("hand", queries, judged)})
    results = run_modes(corpus, prepared["hand"], "hand")
    assert {r.mode for r in results} == set(MODES) and len(results) == 2 * len(MODES)
    assert all(0 <= r.metrics["ndcg@10"] <= 1 for r in results)
    summary = summarise(results)
    assert summary["hand"]["test"]["bm25"]["queries"] == 1
    fused = rank_rrf(corpus, prepared["hand"][0])
    assert len(fused) == len(set(fused))
    chosen = tuning.tune(corpus, prepared["hand"], step=0.25)
    weights, scored = chosen["title"]  # t0 names a title
    assert weights in tuning.weight_grid(step=0.25) and weights == scored[0][1]
    # one tuning need cannot show a gain over a single leg beyond its noise: a single leg is kept
    assert weights in [tuning._with_zeros(w) for w in tuning.SINGLE_LEGS.values()]


def test_grid_scoring_ranks_as_the_matcher_does(fake_dataset):
    """The tuning's matrix scoring of a whole grid gives, weighting by weighting, the nDCG@10 of the
    matcher's own ranking (``rank_hybrid``); the title part is scored for a profile with a title."""
    corpus = corpus_for(fake_dataset.matcher(serving=False))
    table = corpus.table
    first = table.iloc[0]
    queries = [
        EvalQuery("q0", "hand", "tuning", {"skills": list(first["skills"])[:2], "desired_titles": [first["title"]]}),
        EvalQuery("q1", "hand", "tuning", {"skills": ["Python", "SQL"], "free_text": "data pipelines"}),
    ]
    judged = {q.id: {i: g for i, g in zip(table["id"][:40], [2, 1, 0, 1] * 10) if g} for q in queries}
    prepared = prepare_sets(corpus, {"hand": QuerySet("hand", queries, judged)})["hand"]
    assert all("title" in c.parts for c in candidate_pool(corpus, prepared[0]))
    assert not any("title" in c.parts for c in candidate_pool(corpus, prepared[1]))
    grid = tuning.weight_grid(step=0.25)
    for p in prepared:
        by_grid = tuning.grid_ndcg(corpus, p, grid)
        one_by_one = [ndcg_at(rank_hybrid(corpus, p, w), p.relevance) for w in grid]
        assert by_grid == pytest.approx(one_by_one, abs=1e-9)
        assert len(set(np.round(by_grid, 6))) > 1  # the weightings do rank differently


def test_a_weighting_replaces_the_single_leg_only_beyond_its_noise():
    assert tuning._beats([0.6, 0.7, 0.8, 0.5], [0.5, 0.6, 0.7, 0.4])  # +0.1 on every need
    assert not tuning._beats([0.9, 0.2, 0.8, 0.5], [0.5, 0.6, 0.7, 0.4])  # +0.05 on average, swinging
    assert not tuning._beats([0.5], [0.4])  # one need says nothing


def test_hand_set_refuses_a_dataset_it_was_not_judged_on(fake_dataset):
    from nploy.errors import NployError

    corpus = corpus_for(fake_dataset.matcher(serving=False))
    with pytest.raises(NployError, match="does not fit this dataset"):
        prepare_sets(corpus, {"hand": load_sets()["hand"]})


def test_passes_sink_a_place_and_likes_do_not_lock_the_feed():
    liked = pd.DataFrame({"work_mode": ["remote"], "country": ["DE"], "seniority": ["mid"]})
    passed = pd.DataFrame({"work_mode": ["onsite", "onsite"], "country": ["US", "DE"], "seniority": ["mid", "mid"]})
    rates = like_rates(liked, passed)
    assert rates["work_mode"]["onsite"] < 0.5 < rates["work_mode"]["remote"]
    assert place_fit(rates, {"work_mode": "remote", "country": "FR", "seniority": "senior"}) == 1.0
    assert place_fit(rates, {"work_mode": "onsite", "country": "US", "seniority": "mid"}) < place_fit(
        rates, {"work_mode": "hybrid", "country": "US", "seniority": "mid"}
    )


def test_persona_wants_only_its_hidden_preference():
    persona = Persona("remote DE data", {}, "Data Engineering", ("remote",), ("DE",))
    base = dict(company="c", description="", skills=[], city="Berlin", salary_min=None, salary_max=None)
    base |= dict(salary_currency=None, salary_period=None, salary_annual_eur=None, seniority="mid", employment_type="full-time")
    base |= dict(posted_at=None, url="", source="test")
    assert persona.wants(Listing(id="1", title="Data Engineer", country="DE", work_mode="remote", **base))
    assert not persona.wants(Listing(id="2", title="Data Engineer", country="DE", work_mode="hybrid", **base))
    assert not persona.wants(Listing(id="3", title="Backend Developer", country="DE", work_mode="remote", **base))


# --- the real thing: `nploy eval` on the bundled data with the real model ------------------------


@pytest.fixture(scope="module")
def eval_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "per-query.json"
    result = CliRunner().invoke(main, ["--data-dir", str(EVAL_DIR.parent), "eval", "--json", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, json.loads(out.read_text())


def test_quality_page_shows_the_saved_report(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(EVAL_DIR.parents[1] / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/about/quality.py")
    app.run()
    assert not app.exception
    report = quality_report.read_report()
    assert report is not None and "nploy hybrid ranking" in app.dataframe[0].value["mode"].tolist()
    shown = list(dict.fromkeys(app.dataframe[0].value["set"]))  # the real-text sets (the tuning targets) first
    assert shown[0] == "Real postings: free text only, wording 1" and shown[-1] == "Hand-judged profiles (synthetic)"
    assert {f"Real postings: {form}" for form in ("free text only, wording 2", "skills only")} <= set(shown)
    assert any("naming their stack" in name for name in shown)
    assert "Evaluated" in " ".join(
        c.value for c in app.caption
    ) and "soft title: at full confidence with semantic 0.40, title 0.35, preference 0.25" in " ".join(
        c.value for c in app.caption
    )
    assert [m.label for m in app.metric] == ["Precision", "Recall", "Labelled postings"]
    monkeypatch.setattr(quality_report, "RESULTS_PATH", tmp_path / "none.json")
    app.run()
    assert "No evaluation has been saved yet" in app.info[0].value


def test_tuning_the_weights_keeps_the_role_settings(tmp_path, monkeypatch):
    """`nploy eval --tune` rewrites the part weights; the role settings beside them were chosen elsewhere
    (bench/role_settings.py) and must survive it, or the lexical evidence would silently turn off."""
    from nploy.matching.ranking import FORMS, load_ranking

    path = tmp_path / "ranking.json"
    shipped = json.loads(tuning.RANKING_PATH.read_text("utf-8"))
    path.write_text(json.dumps(shipped), encoding="utf-8")
    monkeypatch.setattr(tuning, "RANKING_PATH", path)
    chosen_free = {"semantic": 0.7, "keywords": 0.3, "skills": 0.0, "preference": 0.0, "title": 0.0}
    current = {form: shipped["weights"][form] for form in FORMS}
    tuning.save_weights({"free": (chosen_free, [(0.5, chosen_free), (0.49, current["free"])])}, ["real"], current)
    written = json.loads(path.read_text("utf-8"))
    assert written["weights"]["free"] == chosen_free and written["weights"]["title"] == current["title"]
    assert written["roles"] == shipped["roles"] and written["roles_tuned"] == shipped["roles_tuned"]
    assert written["tuned_on"].startswith("tuning part of real")
    assert load_ranking(path).roles.lexical == shipped["roles"]["lexical"]
