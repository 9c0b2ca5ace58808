"""The real-model tests of test_realset.py (the model tier): its fixtures and helpers are imported from there."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.quality import realset
from tests.unit.test_realset import REAL_EVAL, REAL_MODEL, TOLERANCE, postings, real_slice  # noqa: F401


@pytest.mark.model
def test_eval_on_real_postings_runs_every_mode_per_form(real_slice, tmp_path):
    """`nploy eval` on the slice with the real model: the real set and the stack set, every mode on every form."""
    out = tmp_path / "per-query.json"
    runner = CliRunner()
    args = ["--data-dir", str(real_slice), "eval", "--set", "real", "--set", "stack", "--part", "all", "--json", str(out)]
    result = runner.invoke(main, args, env=REAL_MODEL)
    assert result.exit_code == 0, result.output
    for name in ("free-1", "free-2", "skills-1", "skills-2", "skills-only", "title-1", "title-2"):
        assert f"real-{name} set, test part" in result.output
        assert f"stack-{name} set, tuning part" in result.output
    rows = json.loads(out.read_text())
    assert {r["mode"] for r in rows} == {"bm25", "dense", "rrf", "hybrid"}
    assert "Swipe simulation (real listings)" in result.output


@pytest.mark.model
def test_a_role_named_in_real_free_text_ranks_as_a_title(real_slice, monkeypatch):
    """The slice's needs with "I am a <role>." in front, the real model: where the role is recognised, the
    title form's ranking is at least as good as the free form's on nDCG@10 (bench/named_role.py measures
    it on the whole set)."""
    from statistics import mean

    from nploy.dataset import Dataset
    from nploy.matching.scoring import profile_form, rank
    from nploy.quality.metrics import ndcg_at
    from nploy.records.profile import make_profile

    monkeypatch.setenv("NPLOY_ENCODER", "sentence-transformers")
    matcher = Dataset(real_slice).matcher(serving=False)
    keys = matcher.table["key"].to_numpy()
    key_of_id = dict(zip(matcher.table["id"], keys.astype(int)))
    judged = realset.load_real_set()
    needs = {n["id"]: n for n in map(json.loads, realset.REAL_NEEDS.read_text("utf-8").splitlines())}
    scores: dict[str, list[float]] = {"free": [], "title": []}
    for query in judged.queries:
        need = needs[query.id.split("-")[0]]
        relevance = {key_of_id[i]: g for i, g in judged.judgements.get(query.id, {}).items() if i in key_of_id}
        profile = make_profile(free_text=f"I am a {need['title'].lower()}. {need['text']}")
        if query.target["form"] != "free" or not any(relevance.values()) or profile_form(profile) != "title":
            continue
        pool = matcher.candidates(profile, n=20)
        for form in scores:
            scores[form].append(ndcg_at([int(keys[c.row]) for c in rank(pool, matcher.ranking.weights_for(form))], relevance))
    assert len(scores["title"]) >= 5  # statisticians, product managers, designers, penetration testers ...
    assert mean(scores["title"]) >= mean(scores["free"]), scores  # 0.38 against 0.31 over 11 needs when written


@pytest.mark.model
def test_titles_offered_for_real_free_text_include_the_needs_role_and_picking_it_ranks_better(real_slice, monkeypatch):
    """The slice's free-text needs, the real model: the roles offered (``suggest_titles``) include one of the
    need's family for most needs, and the need ranks better with it as its desired title than as asked
    (bench/title_suggestions.py measures it on the whole set)."""
    from dataclasses import replace
    from statistics import mean

    from nploy.dataset import Dataset
    from nploy.matching.suggestions import suggest_titles
    from nploy.quality.metrics import ndcg_at

    monkeypatch.setenv("NPLOY_ENCODER", "sentence-transformers")
    matcher = Dataset(real_slice).matcher(serving=False)
    ids = matcher.table["id"].tolist()
    families = realset.read_families()
    judged = realset.load_real_set()
    offered, asked, picked = [], [], []
    present = set(ids)
    for query in judged.queries:
        relevance = judged.judgements.get(query.id, {})
        if query.target["form"] != "free" or not any(g == 2 and i in present for i, g in relevance.items()):
            continue
        profile = query.profile()
        suggestions = suggest_titles(matcher, profile)
        assert suggestions and len(suggestions) <= 5
        right = [s for s in suggestions if realset.majority_family((ids[r] for r in s.rows), families) == query.target["family"]]
        offered.append(bool(right))
        asked.append(ndcg_at([m.listing.id for m in matcher.match(profile, n=10)], relevance))
        chosen = replace(profile, desired_titles=[right[0].title]) if right else profile
        picked.append(ndcg_at([m.listing.id for m in matcher.match(chosen, n=10)], relevance))
    assert len(offered) >= 10
    assert sum(offered) / len(offered) >= 0.75, offered  # 12 of 12 when written
    assert mean(picked) > mean(asked), (picked, asked)  # 1.00 against 0.81 when written


@pytest.mark.model
def test_the_shipped_ranking_holds_the_bar_on_both_real_test_parts_and_the_saved_figures(tmp_path):
    """`nploy eval` on the committed dataset of the open postings, the real model, on the test parts of the real
    set and the stack set, every form in both wordings: nploy ranks at least as well as every single leg (BM25,
    the embeddings, their rank fusion); on both sets skills + text is at least as good as free text in each
    wording; the real set reaches 0.9 nDCG@10 with a desired title; and the figures are the ones saved for the
    Quality page and quoted in the README (docs/quality.md)."""
    from statistics import mean

    from nploy.quality.report import read_report

    out = tmp_path / "per-query.json"
    args = ["--data-dir", str(REAL_EVAL), "eval", "--set", "real", "--set", "stack", "--json", str(out)]
    result = CliRunner().invoke(main, args, env=REAL_MODEL)
    assert result.exit_code == 0, result.output
    figures: dict[tuple[str, str], list[float]] = {}
    for row in (r for r in json.loads(out.read_text()) if r["part"] == "test"):
        figures.setdefault((row["set"], row["mode"]), []).append(row["ndcg@10"])
    saved = read_report()["retrieval"]
    names = [f"{s}-{form}-{w}" for s in ("real", "stack") for form in ("free", "skills", "title") for w in (1, 2)]
    for set_name in names + ["real-skills-only", "stack-skills-only"]:
        ndcg = {mode: mean(figures[(set_name, mode)]) for mode in ("bm25", "dense", "rrf", "hybrid")}
        assert ndcg["hybrid"] >= max(ndcg["bm25"], ndcg["dense"], ndcg["rrf"]) - 1e-9, (set_name, ndcg)
        # Recomputed against saved: query embeddings differ in the last bits between CPU kernels (AMX, AVX-512,
        # AVX2), and near-tied listings can then swap ranks; 0.01 nDCG@10 allows that and nothing larger.
        for mode, value in ndcg.items():
            assert value == pytest.approx(saved[set_name]["test"][mode]["ndcg@10"], abs=TOLERANCE), (set_name, mode)
    for wording in (1, 2):
        for base in ("real", "stack"):
            skills = mean(figures[(f"{base}-skills-{wording}", "hybrid")])
            free = mean(figures[(f"{base}-free-{wording}", "hybrid")])
            assert skills >= free, (base, wording, skills, free)
        assert mean(figures[(f"real-title-{wording}", "hybrid")]) >= 0.9


@pytest.mark.model
@pytest.mark.parametrize(
    "needs_file, reached",
    [
        # Written after the 2026-12-07 morning's changes were chosen (0.847 / 0.716 free text, 0.827 skills
        # only when written); the figures after a role's plain duties were added (docs/quality.md).
        # Skills only 0.827 over 14 needs until the skills that say a role came (2026-12-07, evening): the same
        # 14 score the same, and a 15th need now has the form (0.796 over 15). Free text 0.852 / 0.851 before
        # the lexical role evidence, 0.874 / 0.876 with it; 0.880 / 0.876 with the tasks weighed 1.0 (2026-12-07,
        # night); 0.902 / 0.876 with a sentence weighing the names half and the duties 1.5.
        # Skills only 0.858 once a role spanning two (Full Stack) counted both sides' skills. Free text 0.908 / 0.879
        # once a sentence read as a role pooled the listings nearest the words and the role together (2026-12-08).
        ("fresh_needs.jsonl", {"own-free-1": 0.908, "own-free-2": 0.879, "own-skills-only": 0.858}),
        # Written before the duties were tried, never tuned on (0.672 / 0.672 before them). The skills that say a
        # role lifted skills only 0.705 -> 0.802 (16 -> 17 needs) and lowered free text wording 1 0.768 -> 0.746:
        # one need's sentence names one of them (docs/quality.md, "Skills that say a role").
        # The lexical role evidence then: free text 0.746 / 0.712 -> 0.786 / 0.744; front end, back end and full
        # stack counted as one term each (2026-12-07, night): 0.786 -> 0.807; tasks weighed 1.0: 0.820 / 0.739;
        # names half and duties 1.5 for a sentence: 0.840 / 0.805.
        # Skills only 0.861 with Full Stack spanning both sides; 0.860 and free text 0.863 / 0.848 with the role's
        # listings pooled.
        ("fresh2_needs.jsonl", {"own-free-1": 0.863, "own-free-2": 0.848, "own-skills-only": 0.860}),
        # Written after every change of that afternoon (10 needs; 0.754 / 0.940 and 0.750 with the morning's code;
        # skills only 0.750 over 8 needs -> 0.846 over 9 with the skills that say a role).
        # The lexical role evidence: free text 0.776 / 0.940 -> 0.827 / 0.940; names half and duties 1.5 for a
        # sentence: 0.811 / 0.940 (the one held-out figure that change lowered); 0.819 / 0.934 with the role's
        # listings pooled.
        ("fresh3_needs.jsonl", {"own-free-1": 0.819, "own-free-2": 0.934, "own-skills-only": 0.846}),
        # Written at the start of the evening, before any change or run (12 needs): 0.739 / 0.858 free text and
        # 0.893 skills only over 10 needs with the code before the skills that say a role, 0.888 over 11 after;
        # free text 0.888 / 0.879 with the lexical role evidence; 0.919 / 0.879 with front end, back end and full
        # stack counted as one term each; 0.937 / 0.886 with the role's listings pooled.
        ("fresh4_needs.jsonl", {"own-free-1": 0.937, "own-free-2": 0.886, "own-skills-only": 0.888}),
        # Written at night after the joined terms and before any run (12 needs), run once with the night's starting
        # code: free text 0.772 / 0.745, skills only 0.746 over 11 needs; 0.837 with skills alone weighing their
        # skills evidence double (ranking.json, "skills_alone"); free text 0.772 / 0.829 with the tasks weighed 1.0,
        # 0.839 / 0.829 with a sentence weighing names half and duties 1.5.
        # With Full Stack spanning both sides: free text 0.839 / 0.906, skills only 0.916; 0.833 / 0.901 with the
        # role's listings pooled.
        ("fresh6_needs.jsonl", {"own-free-1": 0.833, "own-free-2": 0.901, "own-skills-only": 0.916}),
        # Written late at night before any run, before the eighth set's misses were read (12 needs; wording 1
        # names neither a tool nor the role), run once with the evening's code and once with the night's: free
        # text 0.511 -> 0.595 / 0.873 both, skills only 0.880 both. (The eighth set, written alike, was read for
        # its misses and is a development set: JUDGING.md.) 0.652 / 0.885 with the role's listings pooled.
        ("fresh9_needs.jsonl", {"own-free-1": 0.652, "own-free-2": 0.885, "own-skills-only": 0.880}),
        # Written after every change of the night, in the same style, and run once with the night's code and once
        # with the evening's: free text 0.562 -> 0.565 / 0.853 both, skills only 0.893 both; 0.572 / 0.885 with the
        # role's listings pooled.
        ("fresh10_needs.jsonl", {"own-free-1": 0.572, "own-free-2": 0.885, "own-skills-only": 0.893}),
        # Written at the start of the next session, before any run or change of it (12 needs, wording 1 naming
        # neither a tool nor the role), run once with that session's starting code: free text 0.504 / 0.929, skills
        # only 0.903. The session's tries at such sentences (role evidence from the postings' sentences, clause by
        # clause, other role settings) were not kept; its later changes left these figures as they were.
        # 0.552 / 0.930 with the role's listings pooled (2026-12-08).
        ("fresh11_needs.jsonl", {"own-free-1": 0.552, "own-free-2": 0.930, "own-skills-only": 0.903}),
        # CV-style summaries with a level and years, and titles with a level ("Senior Backend Engineer", "Data Engineer
        # II"), written before any run on them (2026-12-08): free text and skills the same with the session's starting
        # code; titles 0.772 / 0.830 -> 0.903 / 0.908 with a title's level left to the seniority. Free text 0.915 / 0.890
        # with the role's listings pooled; titles 0.892 / 0.899 with the title form weighed as a role is (0.4 / 0.35 / 0.25),
        # the one held-out set whose titles that lowered.
        (
            "fresh12_needs.jsonl",
            {"own-free-1": 0.915, "own-free-2": 0.890, "own-skills-only": 0.884, "own-title-1": 0.892, "own-title-2": 0.899},
        ),
        # Written after a sentence's role was chosen to pool the listings nearest the words and the role together, and
        # before any held-out run with it (wording 1 names neither a tool nor the role): free text 0.720 / 0.845 with
        # the code before it, 0.804 / 0.880 with it; skills only 0.883 and titles 0.847 / 0.875 both; titles 0.848 / 0.892
        # with the title form weighed as a role is.
        (
            "fresh13_needs.jsonl",
            {"own-free-1": 0.804, "own-free-2": 0.880, "own-skills-only": 0.883, "own-title-1": 0.848, "own-title-2": 0.892},
        ),
        # Written after every change of that session, before any run on it (wording 2 names neither a tool nor the role),
        # run once with the session's starting code and once with its final code: free text 0.844 / 0.511 -> 0.866 /
        # 0.557, skills only 0.688 both, titles 0.916 / 0.862 -> 0.924 / 0.881.
        (
            "fresh14_needs.jsonl",
            {"own-free-1": 0.866, "own-free-2": 0.557, "own-skills-only": 0.688, "own-title-1": 0.924, "own-title-2": 0.881},
        ),
    ],
)
def test_the_held_out_sets_hold_the_bar(needs_file, reached, tmp_path):
    """The held-out sets (data/eval/fresh_needs.jsonl, fresh2_, fresh3_, fresh4_, fresh6_, fresh9_, fresh10_,
    fresh11_, fresh12_, fresh13_ and fresh14_needs.jsonl: 20, 20, 10 and eight of 12 needs, in two wordings, each
    written before the changes it checks were tried, never tuned on), the real model: nploy ranks at least as well as
    every single leg in every form and wording, skills + text at least as well as free text, and no form listed
    falls below what it reached (JUDGING.md, docs/quality.md)."""
    from statistics import mean

    out = tmp_path / "per-query.json"
    needs = REAL_EVAL.parents[1] / "data" / "eval" / needs_file
    result = CliRunner().invoke(
        main, ["--data-dir", str(REAL_EVAL), "eval", "--needs", str(needs), "--json", str(out)], env=REAL_MODEL
    )
    assert result.exit_code == 0, result.output
    figures: dict[tuple[str, str], list[float]] = {}
    for row in json.loads(out.read_text()):
        figures.setdefault((row["set"], row["mode"]), []).append(row["ndcg@10"])
    ndcg = {key: mean(values) for key, values in figures.items()}
    forms = [f"own-{form}-{w}" for form in ("free", "skills", "title") for w in (1, 2)] + ["own-skills-only"]
    for name in forms:
        assert ndcg[(name, "hybrid")] >= max(ndcg[(name, m)] for m in ("bm25", "dense", "rrf")) - 1e-9, name
    for wording in (1, 2):
        assert ndcg[(f"own-skills-{wording}", "hybrid")] >= ndcg[(f"own-free-{wording}", "hybrid")]
    for name, value in reached.items():
        assert ndcg[(name, "hybrid")] >= value - TOLERANCE, (name, ndcg[(name, "hybrid")])
