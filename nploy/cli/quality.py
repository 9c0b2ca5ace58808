"""``nploy eval``: match quality on the labelled query sets, the swipe simulation, skill extraction."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from nploy.cli import clean_errors, main
from nploy.dataset import Dataset


@main.command("eval")
@click.option("--set", "set_names", multiple=True, type=click.Choice(["generated", "hand"]), help="Query set(s); default both.")
@click.option("--part", type=click.Choice(["test", "tuning", "all"]), default="test", show_default=True)
@click.option(
    "--tune", is_flag=True, help="Choose the hybrid weights on the tuning parts and save them to nploy/data/ranking.json."
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the per-query breakdown here.")
@click.option("--save", is_flag=True, help="Save the report for the About -> Quality page (data/eval/results.json).")
@click.pass_obj
@clean_errors
def evaluate(dataset: Dataset, set_names: tuple[str, ...], part: str, tune: bool, json_path: Path | None, save: bool) -> None:
    """Measure match quality: BM25, dense, RRF and hybrid ranking on the labelled query sets
    (nDCG@10, Recall@10, Recall@50, MRR), the swipe simulation and skill extraction."""
    from nploy.quality.evaluation import RESULTS_PATH, corpus_for, full_report, prepare_sets, run_modes, save_weights, summarise
    from nploy.quality.evaluation import tune as tune_weights
    from nploy.quality.querysets import load_sets
    from nploy.quality.simulation import mean_curve, simulate_all
    from nploy.quality.skill_labels import evaluate_extraction, read_labels

    sets = {name: s for name, s in load_sets().items() if not set_names or name in set_names}
    click.echo(f"Preparing {sum(len(s.queries) for s in sets.values())} queries on {dataset.root} ...", err=True)
    matcher = dataset.matcher(serving=False)
    corpus = corpus_for(matcher)
    prepared = prepare_sets(corpus, sets)
    if tune:
        weights, scored = tune_weights(corpus, prepared)
        save_weights(weights, scored, list(sets))
        matcher = matcher.with_ranking(matcher.ranking.with_weights(weights))
        corpus = replace(corpus, matcher=matcher)
        click.echo(f"Tuned weights (tuning parts, nDCG@10 {scored[0][0]:.4f}): {weights} -> nploy/data/ranking.json")
    weights = matcher.ranking.weights
    results = [r for name, items in prepared.items() for r in run_modes(corpus, items, name)]
    summary = summarise(results)
    click.echo(f"Hybrid weights: {weights}")
    for set_name, parts in summary.items():
        for part_name, modes in parts.items():
            if part in ("all", part_name):
                click.echo(_eval_table(f"{set_name} set, {part_name} part", modes))
    swipes = simulate_all(matcher)
    click.echo("\nSwipe simulation: precision of the next 20 cards after N swipes")
    for run in swipes:
        click.echo(
            f"  {run.persona:<40} " + "  ".join(f"{n:>2}: {p:.2f}" for n, p in run.precision.items()) + f"  ({run.likes} likes)"
        )
    click.echo(f"  {'mean':<40} " + "  ".join(f"{n:>2}: {p:.2f}" for n, p in mean_curve(swipes).items()))
    extraction = evaluate_extraction(read_labels())
    click.echo(
        f"\nSkill extraction on {extraction.postings} hand-labelled postings ({extraction.labelled} skills): "
        f"precision {extraction.precision:.3f}, recall {extraction.recall:.3f}, {len(extraction.errors)} errors"
    )
    if json_path:
        rows = [{"set": r.set, "part": r.part, "query": r.query_id, "mode": r.mode, **r.metrics, "top10": r.top} for r in results]
        json_path.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        click.echo(f"Per-query breakdown -> {json_path}")
    if save:
        report = full_report(summary, swipes, extraction, weights, str(dataset.root))
        RESULTS_PATH.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        click.echo(f"Report for About -> Quality -> {RESULTS_PATH}")


def _eval_table(title: str, modes: dict) -> str:
    lines = [f"\n{title} ({next(iter(modes.values()))['queries']} queries)", f"  {'mode':<8} nDCG@10  R@10   R@50   MRR"]
    for mode in ("bm25", "dense", "rrf", "hybrid"):
        if mode in modes:
            m = modes[mode]
            lines.append(f"  {mode:<8} {m['ndcg@10']:.4f}   {m['recall@10']:.3f}  {m['recall@50']:.3f}  {m['mrr']:.3f}")
    return "\n".join(lines)
