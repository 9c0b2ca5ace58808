"""``nploy eval``: match quality on the labelled query sets, the swipe simulation, skill extraction."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from nploy.cli.group import clean_errors, main
from nploy.dataset import Dataset
from nploy.errors import NployError

SETS = ("generated", "hand", "real", "stack")
TUNING_TARGETS = ("real", "stack")  # real text; the synthetic sets are regression checks


@main.command("eval")
@click.option(
    "--set", "set_names", multiple=True, type=click.Choice(SETS), help="Query set(s); default: those that fit the dataset."
)
@click.option("--part", type=click.Choice(["test", "tuning", "all"]), default="test", show_default=True)
@click.option(
    "--tune",
    is_flag=True,
    help="Choose the weights per profile form on the real set's tuning part and save them to nploy/data/ranking.json.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the per-query breakdown here.")
@click.option("--save", is_flag=True, help="Save the report for the About -> Quality page (data/eval/results.json).")
@click.option(
    "--needs",
    "needs_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A set of your own (JSON Lines: family, text, and optional skills, title, header rule), measured on this dataset.",
)
@click.option(
    "--families",
    "families_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="With --needs: the family of each listing (CSV: id,family[,also]), beside or instead of header rules.",
)
@click.pass_obj
@clean_errors
def evaluate(
    dataset: Dataset,
    set_names: tuple[str, ...],
    part: str,
    tune: bool,
    json_path: Path | None,
    save: bool,
    needs_path: Path | None,
    families_path: Path | None,
) -> None:
    """Measure match quality: BM25, dense, RRF and nploy's hybrid ranking on the labelled query sets
    (nDCG@10, P@10, Recall@10, Recall@50, MRR), the swipe simulation and skill extraction.

    The synthetic sets (generated, hand) run on the bundled data; the real set runs on a dataset of the
    openly licensed real postings (docs/quality.md). --needs measures a set of your own on any
    dataset, every form of every need in the test part (a held-out check: nothing is tuned on it)."""
    from nploy.quality.evaluation import corpus_for, fits, prepare_sets, run_modes, summarise
    from nploy.quality.ownset import STACK_NEEDS, load_own_set
    from nploy.quality.querysets import load_sets
    from nploy.quality.realset import load_real_set
    from nploy.quality.report import RESULTS_PATH, full_report, write_report
    from nploy.quality.simulation import mean_curve, simulate_for
    from nploy.quality.skill_labels import evaluate_extraction, read_labels
    from nploy.quality.tuning import save_weights
    from nploy.quality.tuning import tune as tune_weights

    if families_path and not needs_path:
        raise NployError("--families judges the listings for --needs: give the needs file too")
    if needs_path and (tune or save):
        raise NployError(
            "a set of your own is held out: it is never tuned on (--tune) nor saved for the Quality page (--save); "
            "--json keeps its figures"
        )
    matcher = dataset.matcher(serving=False)
    corpus = corpus_for(matcher)
    available = {**load_sets(), "real": load_real_set()}
    sets = {n: s for n, s in available.items() if n in set_names or (not set_names and not needs_path and fits(corpus, s))}
    # The stack set is judged by header rules over whatever titles a dataset has: it runs where the real set does.
    if "stack" in set_names or (not set_names and not needs_path and "real" in sets):
        if not fits(corpus, available["real"]):
            raise NployError("the stack set runs on the open postings, as the real set does (docs/quality.md)")
        sets["stack"] = load_own_set(STACK_NEEDS, corpus.table, name="stack")[0]
    if needs_path:
        sets["own"] = _own_set(needs_path, families_path, corpus.table)
    if not sets:
        raise NployError(f"no query set fits {dataset.root}: run on the bundled data, or on the open postings (docs/quality.md)")
    click.echo(
        f"Preparing {sum(len(s.queries) for s in sets.values())} queries of {', '.join(sets)} on {dataset.root} ...", err=True
    )
    prepared = prepare_sets(corpus, sets)
    if tune:
        if "real" not in prepared:
            raise NployError("--tune chooses weights on real postings only: run it with --set real on the open postings")
        targets = [name for name in TUNING_TARGETS if name in prepared]
        chosen = tune_weights(corpus, [p for name in targets for p in prepared[name]])
        weights = save_weights(chosen, targets, matcher.ranking.weights)
        matcher = matcher.with_ranking(replace(matcher.ranking, weights=weights))
        corpus = replace(corpus, matcher=matcher)
        for form, (picked, scored) in chosen.items():
            click.echo(f"Tuned weights, {form} form (tuning nDCG@10 {scored[0][0]:.4f}): {picked}")
    results = [r for name, items in prepared.items() for r in run_modes(corpus, items, name)]
    summary = summarise(results)
    for set_name, parts in summary.items():
        for part_name, modes in parts.items():
            if part in ("all", part_name):
                click.echo(_eval_table(f"{set_name} set, {part_name} part", modes))
    swipes = simulate_for(matcher, synthetic="generated" in sets or "hand" in sets, real="real" in sets)
    for name, runs in swipes.items():
        click.echo(f"\nSwipe simulation ({name} listings): precision of the next 20 cards after N swipes")
        for run in runs:
            curve = "  ".join(f"{n:>2}: {p:.2f}" for n, p in run.precision.items())
            click.echo(f"  {run.persona:<44} {curve}  ({run.likes} likes)")
        if runs:
            click.echo(f"  {'mean':<44} " + "  ".join(f"{n:>2}: {p:.2f}" for n, p in mean_curve(runs).items()))
    extraction = evaluate_extraction(read_labels())
    if set(sets) != {"own"}:  # the project's labelled postings say nothing of a set of one's own
        click.echo(
            f"\nSkill extraction on {extraction.postings} hand-labelled postings ({extraction.labelled} skills): "
            f"precision {extraction.precision:.3f}, recall {extraction.recall:.3f}, {len(extraction.errors)} errors"
        )
    if json_path:
        rows = [{"set": r.set, "part": r.part, "query": r.query_id, "mode": r.mode, **r.metrics, "top10": r.top} for r in results]
        json_path.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        click.echo(f"Per-query breakdown -> {json_path}")
    if save:
        write_report(full_report(summary, swipes, extraction, matcher.ranking.weights, str(dataset.root)))
        click.echo(f"Report for About -> Quality -> {RESULTS_PATH}")


def _own_set(needs_path: Path, families_path: Path | None, table):
    from nploy.quality.ownset import load_own_set

    qset, warnings = load_own_set(needs_path, table, families_path)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    return qset


def _eval_table(title: str, modes: dict) -> str:
    lines = [f"\n{title} ({next(iter(modes.values()))['queries']} queries)", f"  {'mode':<8} nDCG@10  P@10   R@10   R@50   MRR"]
    for mode in ("bm25", "dense", "rrf", "hybrid"):
        if mode in modes:
            m = modes[mode]
            lines.append(
                f"  {mode:<8} {m['ndcg@10']:.4f}   {m['p@10']:.3f}  {m['recall@10']:.3f}  {m['recall@50']:.3f}  {m['mrr']:.3f}"
            )
    return "\n".join(lines)
