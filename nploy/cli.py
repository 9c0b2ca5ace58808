"""The ``nploy`` command line. Each command's docstring is its ``--help``."""

from __future__ import annotations

import functools
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import click
from tqdm import tqdm

from nploy import settings
from nploy.dataset import Dataset, open_dataset
from nploy.errors import NployError
from nploy.ingest.files import ingest_files, write_outputs, write_rejects
from nploy.ingest.merge import merge
from nploy.ingest.normalise import IngestOptions
from nploy.records.profile import make_profile
from nploy.records.profile_fields import FIELDS, ProfileField
from nploy.search.embedding import load_encoder


def clean_errors(command):
    """User errors become one line on stderr and exit code 1; no traceback unless NPLOY_DEBUG=1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NployError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:  # a path the user gave that cannot be read or written
            raise click.ClickException(f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")) from None
        except Exception as error:  # the last line of defence: still no traceback for a user
            if os.environ.get("NPLOY_DEBUG"):
                raise
            raise click.ClickException(
                f"unexpected error: {type(error).__name__}: {error} (set NPLOY_DEBUG=1 for details)"
            ) from None

    return wrapper


def _progress(description: str):
    bar = tqdm(total=0, desc=description, unit="text", file=sys.stderr, disable=None)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, update


def _split(values: tuple[str, ...]) -> list[str]:
    """Options may repeat or hold comma-separated lists: --skills a,b --skills c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group()
@click.option(
    "--data-dir",
    envvar="NPLOY_DATA_DIR",
    default=settings.get("data_dir"),
    show_default=True,
    type=click.Path(file_okay=False),
    help="Dataset directory (env NPLOY_DATA_DIR).",
)
@click.version_option(package_name="nploy")
@click.pass_context
def main(ctx: click.Context, data_dir: str) -> None:
    """nploy: explained job matching over a FAISS index of listing embeddings."""
    ctx.obj = open_dataset(data_dir)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--map", "mappings", multiple=True, metavar="SOURCE=FIELD", help="Map a source column to a listing field.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "tsv", "json", "jsonl", "parquet"]),
    help="Override the type taken from the file name.",
)
@click.option("--default-country", help="ISO country for rows that give none (for example US).")
@click.option("--default-currency", help="Currency for salaries that state none (default: the country's).")
@click.option("--source", help="Source label stored on every listing (default: the file name).")
@click.option(
    "--append", is_flag=True, help="Add to the dataset's listings (same id: the new version wins) instead of replacing them."
)
@click.option(
    "--expire-before",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Drop listings posted before this day (YYYY-MM-DD); undated ones stay.",
)
@click.pass_obj
@clean_errors
def ingest(
    dataset: Dataset,
    files: tuple[Path, ...],
    mappings: tuple[str, ...],
    file_format: str | None,
    default_country: str | None,
    default_currency: str | None,
    source: str | None,
    append: bool,
    expire_before,
) -> None:
    """Read listing FILES (CSV, JSON, JSONL, Parquet) into the dataset's normalised table.

    Rows that cannot be taken go to rejects.csv with their source line and the reason. With
    --append the new listings join the existing ones; then `nploy build --incremental` embeds
    only what changed.
    """
    mapping = {}
    for item in mappings:
        if "=" not in item:
            raise NployError(f"--map expects SOURCE=FIELD, got {item!r}")
        column, _, target = item.partition("=")
        mapping[column.strip()] = target.strip()
    options = IngestOptions(mapping, default_country, default_currency, source, file_format)
    table, report = ingest_files(list(files), options)
    if report.kept == 0:
        write_rejects(report, dataset.rejects_path)
        reason = report.rejects[0]["reason"] if report.rejects else "no rows"
        raise NployError(
            f"{report.summary()}: no valid listing, so {dataset.listings_path} was left unchanged "
            f"(first reason: {reason}; all reasons in {dataset.rejects_path})"
        )
    if append or expire_before:
        existing = dataset.table() if append and dataset.listings_path.exists() else None
        table, merged = merge(existing, table, expire_before.date() if expire_before else None)
        click.echo(merged.summary())
    write_outputs(table, report, dataset.listings_path, dataset.rejects_path)
    click.echo(f"{report.summary()} -> {dataset.listings_path}; rejects -> {dataset.rejects_path}")
    if report.kept:
        click.echo(f"next: `nploy build{' --incremental' if append else ''}` to index them", err=True)


@main.command()
@click.option(
    "--index-type",
    default=None,
    help="FAISS index type: auto, Flat, HNSW32, IVF1024,SQ8 ... (default: NPLOY_INDEX_TYPE or auto).",
)
@click.option("--incremental", is_flag=True, help="Embed only new and changed listings and drop the ones that left.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="ray: embed with a Ray Data actor pool (pip install -r requirements-ray.txt).",
)
@click.option(
    "--address", help="With --engine ray: an existing cluster (ray://host:10001 or host:6379); default: start a local Ray."
)
@click.option("--workers", type=click.IntRange(1, 1024), default=2, show_default=True, help="With --engine ray: encoder actors.")
@click.option(
    "--gpus-per-worker",
    type=click.FloatRange(0, 8),
    default=0.0,
    show_default=True,
    help="With --engine ray: GPUs (or a share of one) per actor, on a cluster with GPU nodes.",
)
@click.pass_obj
@clean_errors
def build(
    dataset: Dataset,
    index_type: str | None,
    incremental: bool,
    engine: str,
    address: str | None,
    workers: int,
    gpus_per_worker: float,
) -> None:
    """Embed every listing and save the FAISS index with its manifest.

    A running app picks up the new index on its next page load (its caches are keyed on the manifest)."""
    if incremental and index_type:
        raise NployError("--incremental keeps the index's type; leave out --index-type (or do a full build)")
    if engine == "ray":
        if incremental or settings.get("encoder") == "fake":
            raise NployError(
                "--engine ray does a full build with the sentence-transformers model (no --incremental, no fake encoder)"
            )
        from nploy.search.embedding import model_name

        click.echo(f"embedding with Ray ({workers} actors{' on ' + address if address else ', local'}) ...", err=True)
        manifest = dataset.build_with_ray(
            model_name(), index_type, address=address, workers=workers, gpus_per_worker=gpus_per_worker
        ).manifest
        click.echo(f"indexed {manifest.count} listings ({_described(manifest)}, {manifest.model}, Ray) -> {dataset.index_dir}")
        return
    encoder = load_encoder(settings.get("encoder"))
    bar, update = _progress("embedding listings")
    with bar:
        if incremental:
            vector_index, change = dataset.update(encoder, progress=update)
        else:
            vector_index = dataset.build(encoder, index_type, progress=update)
    if incremental:
        click.echo(change.summary())
    manifest = vector_index.manifest
    click.echo(
        f"indexed {manifest.count} listings ({_described(manifest)}, {manifest.model}, dim {manifest.dimension}) "
        f"-> {dataset.index_dir}"
    )


def _described(manifest) -> str:
    """The index type, and for an approximate index the search breadth tuned at build and its recall."""
    params = manifest.params
    if "nprobe" not in params:
        return manifest.index_type
    return f"{manifest.index_type}, nprobe {params['nprobe']}: recall@10 {params['recall_at_10']:.3f} against exact search"


def _profile_option(item: ProfileField):
    """The ``nploy match`` option of one declared profile field."""
    flag = item.cli
    if item.kind == "flag":
        return click.option(flag, item.name, is_flag=True, help=item.help)
    if item.kind in ("skills", "list"):
        return click.option(flag, item.name, multiple=True, help=item.help)
    if item.default is not None:  # validated by make_profile, case-insensitively
        return click.option(flag, item.name, default=item.default, show_default=True, help=item.help)
    if item.kind == "choice":
        return click.option(flag, item.name, type=click.Choice(item.choices), help=item.help)
    if item.kind == "number":
        return click.option(flag, item.name, type=click.FloatRange(item.low, item.high), help=item.help)
    return click.option(flag, item.name, default="", help=item.help)


def profile_options(command):
    """One option per profile field that has a ``cli`` name in ``nploy.records.profile.FIELDS``."""
    for item in reversed([f for f in FIELDS if f.cli]):
        command = _profile_option(item)(command)
    return command


def _profile_values(values: dict) -> dict:
    """Option values as ``make_profile`` keywords (list options may repeat or hold commas)."""
    by_name = {f.name: f for f in FIELDS}
    out = {}
    for name, value in values.items():
        kind = by_name[name].kind
        if name == "desired_titles":
            out[name] = list(value)  # a title may hold a comma ("Software Engineer, Backend")
        elif kind in ("skills", "list"):
            out[name] = _split(value)
        else:
            out[name] = value
    return out


@main.command()
@profile_options
@click.option("--top", type=click.IntRange(1, 500), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print matches with their explanations as JSON.")
@click.pass_obj
@clean_errors
def match(dataset: Dataset, top: int, as_json: bool, **fields) -> None:
    """Show the listings that best match a profile, each explained."""
    profile = make_profile(**_profile_values(fields))
    matches = dataset.matcher().match(profile, n=top)
    if as_json:
        click.echo(
            json.dumps({"profile_unknown_skills": profile.unknown_skills, "matches": [m.to_dict() for m in matches]}, indent=2)
        )
        return
    if profile.unknown_skills:
        click.echo(f"note: not in the taxonomy, used as free text only: {', '.join(profile.unknown_skills)}", err=True)
    if not matches:
        click.echo("no listing passes these filters: relax the work mode, location or salary floor")
        return
    for rank, item in enumerate(matches, start=1):
        listing = item.listing
        parts = " ".join(f"{k}={v}" for k, v in item.parts.items())
        click.echo(
            f"{rank:>2}. [{item.score:>3}] {listing.title} - {listing.company} "
            f"({listing.city}, {listing.country}, {listing.work_mode})"
        )
        click.echo(f"      {item.salary_fit} | {parts}")
        click.echo(f"      matched: {', '.join(item.matched_skills) or '-'} | missing: {', '.join(item.missing_skills) or '-'}")


@main.command("demo-data")
@click.option("--n", "count", type=click.IntRange(1, 5_000_000), default=20_000, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.pass_obj
@clean_errors
def demo_data(dataset: Dataset, count: int, seed: int) -> None:
    """Generate N synthetic tech listings (deterministic for a seed) into the dataset."""
    from nploy.demo.generator import generate
    from nploy.records.table import write_table

    bar = tqdm(total=count, desc="generating listings", unit="listing", file=sys.stderr, disable=None)
    with bar:
        table = generate(count, seed, progress=lambda done, total: bar.update(done - bar.n))
    write_table(table, dataset.listings_path)
    click.echo(f"wrote {len(table)} synthetic listings -> {dataset.listings_path}; next: `nploy build`")


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


@main.command("db-upgrade")
@click.pass_obj
@clean_errors
def db_upgrade(dataset: Dataset) -> None:
    """Create or upgrade the state database (profiles, swipes) to the latest schema revision."""
    from nploy.state.store import database_url, open_store

    open_store(dataset.root)
    url = database_url(dataset.root)
    click.echo(f"state database is at the latest schema: {url.split('@')[-1]}")


@main.command()
@click.pass_obj
@clean_errors
def stats(dataset: Dataset) -> None:
    """Summarise the dataset: listings, countries, work modes, salaries, index state."""
    from nploy.market.figures import headline

    numbers = headline(dataset.table(serving=True))
    click.echo(f"listings: {numbers.listings:,}  companies: {numbers.companies:,}  countries: {numbers.countries}")
    click.echo("work mode: " + ", ".join(f"{k} {v:.0%}" for k, v in numbers.work_mode_share.items()))
    median = f"{numbers.median_salary_eur:,.0f} EUR" if numbers.median_salary_eur else "n/a"
    click.echo(f"salary disclosed: {numbers.salary_disclosed_share:.0%}  median annual: {median} (n={numbers.salary_sample})")
    click.echo(f"index: {dataset.index_status()}")


if __name__ == "__main__":
    main()
