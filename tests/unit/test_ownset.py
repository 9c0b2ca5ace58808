"""A judged set of one's own (`nploy eval --needs`): reading needs, judging by header rules and a families file,
the three forms, and the command on a small dataset."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.errors import NployError
from nploy.quality import ownset

TABLE = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d", "e"],
        "title": [
            "Senior iOS Developer",
            "Android Engineer - Payments",
            "Product Manager, Growth",
            "Backend Engineer - Mobile APIs",  # the header names the back end, not mobile
            "Office Manager",
        ],
    }
)
MOBILE = {
    "family": "mobile",
    "header": r"\bios\b|android",
    "text": "I build apps in Swift and Kotlin.",
    "title": "Mobile Developer",
}
PRODUCT = {"family": "product", "header": "product manager", "text": "Owning the roadmap and talking to customers."}


def _needs(tmp_path, *records, extra: str = ""):
    path = tmp_path / "needs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n" + extra, encoding="utf-8")
    return path


def test_needs_are_read_with_their_defaults_and_bad_lines_reported_by_number(tmp_path):
    path = _needs(
        tmp_path,
        MOBILE,
        {"family": "x"},  # no text
        PRODUCT | {"id": "p1", "skills": ["Jira"], "part": "tuning"},
        {"family": "y", "text": "t", "colour": "red"},
        {"family": "z", "text": "t", "header": "(unclosed"},
        extra="{not json\n",
    )
    needs, warnings = ownset.read_needs(path)
    assert [n.id for n in needs] == ["line1", "p1"]
    assert needs[0].skills is None and needs[0].title == "Mobile Developer" and needs[0].part == "test"
    assert needs[1].skills == ("Jira",) and needs[1].title is None and needs[1].part == "tuning"
    assert [w.split(":")[0] for w in warnings] == [f"needs.jsonl line {n}" for n in (2, 4, 5, 6)]
    assert "family and a text" in warnings[0] and "colour" in warnings[1]


def test_a_file_without_one_readable_need_or_with_repeated_ids_is_refused(tmp_path):
    with pytest.raises(NployError, match="no need could be read"):
        ownset.read_needs(_needs(tmp_path, {"family": "x"}))
    with pytest.raises(NployError, match="repeat"):
        ownset.read_needs(_needs(tmp_path, MOBILE | {"id": "n"}, PRODUCT | {"id": "n"}))
    with pytest.raises(ValueError, match="part is one of"):
        ownset._need(MOBILE | {"part": "train"}, 1)


def test_forms_follow_what_the_need_gives():
    """Every form in every wording: free text, skills + text and the title form per wording; skills alone once
    per need (the skills named in either wording), and only where any are named."""
    second = "Native iPhone apps in Swift, and the Android app in Kotlin and Jetpack Compose."
    needs = [ownset._need(MOBILE | {"text2": second}, 1), ownset._need(PRODUCT, 2)]
    queries = {q.id: q for q in ownset.own_queries(needs)}
    assert set(queries) == {
        "line1-free-1", "line1-skills-1", "line1-title-1", "line1-free-2", "line1-skills-2", "line1-title-2",
        "line1-skills-only", "line2-free-1", "line2-skills-1", "line2-skills-only",
    }  # fmt: skip
    assert (
        queries["line1-free-1"].fields == {"free_text": MOBILE["text"]} and queries["line1-free-2"].fields["free_text"] == second
    )
    assert queries["line1-skills-1"].fields["skills"] == ["Swift", "Kotlin"]  # the skills its text names
    assert queries["line1-skills-2"].fields["skills"] == ["Swift", "Android", "Kotlin", "Jetpack Compose"]
    assert queries["line1-skills-only"].fields == {"skills": ["Swift", "Kotlin", "Android", "Jetpack Compose"]}
    assert queries["line1-title-2"].fields["desired_titles"] == ["Mobile Developer"]
    assert queries["line1-skills-only"].target == {"family": "mobile", "form": "skills-only", "wording": None}
    assert queries["line2-skills-only"].fields == {"skills": ["Product Roadmapping"]}  # "the roadmap"
    assert all(q.part == "test" and q.target["family"] in {"mobile", "product"} for q in queries.values())


def test_headers_and_a_families_file_judge_the_listings(tmp_path):
    families = tmp_path / "families.csv"
    families.write_text("id,family,also\ne,product,\nd,backend,mobile\nzz,mobile,\n", encoding="utf-8")
    qset, warnings = ownset.load_own_set(_needs(tmp_path, MOBILE | {"id": "m"}, PRODUCT | {"id": "p"}), TABLE, families)
    assert qset.judgements["m-free-1"] == {"a": 2, "b": 2, "d": 1}  # header rules; the file's further family
    assert qset.judgements["p-free-1"] == {"c": 2, "e": 2}
    assert qset.judgements["m-title-1"] == qset.judgements["m-skills-only"] == qset.judgements["m-free-1"]
    assert warnings == ["1 of the 3 listings in families.csv are not in this dataset"]


def test_a_set_that_judges_nothing_here_is_refused_and_an_empty_family_warned(tmp_path):
    with pytest.raises(NployError, match="no listing of this dataset"):
        ownset.load_own_set(_needs(tmp_path, {"family": "data", "text": "I analyse data.", "header": "data"}), TABLE)
    _, warnings = ownset.load_own_set(_needs(tmp_path, MOBILE, {"family": "data", "text": "x", "header": "data"}), TABLE)
    assert warnings == ["no listing is of the family 'data': its needs score 0 in every mode"]
    with pytest.raises(NployError, match="columns id and family"):
        bad = tmp_path / "bad.csv"
        bad.write_text("listing,role\na,mobile\n", encoding="utf-8")
        ownset.read_family_file(bad)


def test_the_stack_needs_are_judged_and_split(tmp_path):
    needs, warnings = ownset.read_needs(ownset.STACK_NEEDS)
    assert not warnings and len(needs) == 40 and len({n.family for n in needs}) >= 12
    assert all(n.header is not None and n.title and n.text2 and n.text2 != n.text for n in needs)
    for family in {n.family for n in needs}:  # every family has needs in both parts
        assert {n.part for n in needs if n.family == family} == {"test", "tuning"}


def test_eval_measures_a_set_of_ones_own(fake_dataset, tmp_path):
    needs = _needs(
        tmp_path,
        {
            "id": "py",
            "family": "python",
            "header": "python|django",
            "text": "I write web back ends.",
            "title": "Python Developer",
        },
        {"id": "qa", "family": "qa", "header": r"\bqa\b", "text": "I automate browser checks with Selenium."},
        extra="oops\n",
    )
    out = tmp_path / "per-query.json"
    args = ["--data-dir", str(fake_dataset.root), "eval", "--needs", str(needs), "--json", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in ("free-1", "skills-1", "title-1", "skills-only"):
        assert f"own-{name} set, test part" in result.output
    assert "needs.jsonl line 3: not a JSON object" in result.output  # the bad line, reported; the others measured
    assert "Skill extraction" not in result.output  # the project's own labels say nothing of this set
    rows = json.loads(out.read_text())
    assert {r["query"] for r in rows} == {"py-free-1", "py-skills-1", "py-title-1", "qa-free-1", "qa-skills-1", "qa-skills-only"}
    assert "generated set" not in result.output  # only the set asked for


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--families", "{families}"], "give the needs file too"),
        (["--needs", "{needs}", "--tune"], "never tuned on"),
        (["--needs", "{needs}", "--save"], "never tuned on"),
    ],
)
def test_eval_refuses_what_a_set_of_ones_own_cannot_do(fake_dataset, tmp_path, extra, message):
    needs = _needs(tmp_path, {"family": "python", "header": "python", "text": "x"})
    families = tmp_path / "f.csv"
    families.write_text("id,family\nt0,python\n", encoding="utf-8")
    args = [a.format(needs=needs, families=families) for a in extra]
    result = CliRunner().invoke(main, ["--data-dir", str(fake_dataset.root), "eval", *args])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output


def test_the_documented_example_is_a_need():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "docs" / "quality.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith('{"id": "m1"'))
    need = ownset._need(json.loads(line), 1)
    assert need.family == "mobile" and need.title == "Mobile Developer" and need.header.search("Senior iOS Developer")


def test_files_saved_with_a_byte_order_mark_read_the_same(tmp_path):
    needs = tmp_path / "bom.jsonl"
    needs.write_text("\ufeff" + json.dumps(MOBILE) + "\n", encoding="utf-8")
    families = tmp_path / "bom.csv"
    families.write_text("\ufeffid,family\na,mobile\n", encoding="utf-8")
    assert [n.family for n in ownset.read_needs(needs)[0]] == ["mobile"]
    assert ownset.read_family_file(families) == {"a": ("mobile", ())}
