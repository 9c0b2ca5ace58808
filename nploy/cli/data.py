"""Data commands: ingest files, build the index, make demo data, show stats, upgrade the state database."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from nploy import settings
from nploy.cli.group import clean_errors, main, progress_bar
from nploy.dataset import Dataset
from nploy.errors import NployError
from nploy.index.embedding import load_encoder
from nploy.ingest.files import ingest_files, write_outputs
from nploy.ingest.merge import merge
from nploy.ingest.normalise import IngestOptions
from nploy.ingest.report import write_rejects
from nploy.ingest.sources import PROFILE_BY_NAME


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--map", "mappings", multiple=True, metavar="SOURCE=FIELD", help="Map a source column to a listing field.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "tsv", "json", "jsonl", "parquet"]),
    help="Override the type taken from the file name.",
)
@click.option("--default-country", help="ISO country for rows that give none (for example US).")
@click.option("--default-currency", help="Currency for salaries that state none (default: the country's).")
@click.option(
    "--source",
    type=click.Choice(list(PROFILE_BY_NAME)),
    help="The file's source schema, when detection from its columns is not wanted.",
)
@click.option("--label", help="Source label stored on every listing (default: the file name).")
@click.option(
    "--append", is_flag=True, help="Add to the dataset's listings (same id: the new version wins) instead of replacing them."
)
@click.option(
    "--replay",
    is_flag=True,
    help="Re-read the latest raw responses kept by `nploy fetch` (of the boards named, or all), without the network.",
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
    label: str | None,
    append: bool,
    replay: bool,
    expire_before,
) -> None:
    """Read listing FILES (CSV, JSON, JSONL, Parquet) into the dataset's normalised table.

    The source (JobSpy, LinkedIn postings, Glassdoor, Greenhouse, Lever, Ashby, RemoteOK, Remotive,
    Arbeitnow, Adzuna, USAJOBS, The Muse, SmartRecruiters, Workable) is recognised from the columns;
    other files go through common column names. Rows that cannot be taken go to rejects.csv with their
    source line and the reason; values that cannot be read are left empty, with a warning in
    warnings.csv; ingest-report.json says how much of each field was understood. With --append the
    new listings join the existing ones; then `nploy build --incremental` embeds only what changed.
    """
    if replay:
        from nploy.boards.fetch import boards_with_raw
        from nploy.cli.boards import replay as replay_boards

        names = [str(f) for f in files] or boards_with_raw(dataset.root / "raw")
        if not names:
            raise NployError(f"no raw responses under {dataset.root / 'raw'}: fetch a board first (`nploy fetch`)")
        replay_boards(dataset, names)
        click.echo("next: `nploy build --incremental` to index them", err=True)
        return
    if not files:
        raise NployError("name the files to ingest (or --replay to re-read the boards' raw responses)")
    mapping = {}
    for item in mappings:
        if "=" not in item:
            raise NployError(f"--map expects SOURCE=FIELD, got {item!r}")
        column, _, target = item.partition("=")
        mapping[column.strip()] = target.strip()
    options = IngestOptions(mapping, default_country, default_currency, label, source, file_format)
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
    for name, used in report.sources.items():
        described = PROFILE_BY_NAME[used].label if used in PROFILE_BY_NAME else "no known source: common column names"
        click.echo(f"{name}: {described}")
    click.echo("\n".join(report.field_table()))
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
        from nploy.index.embedding import model_name

        click.echo(f"embedding with Ray ({workers} actors{' on ' + address if address else ', local'}) ...", err=True)
        manifest = dataset.build_with_ray(
            model_name(), index_type, address=address, workers=workers, gpus_per_worker=gpus_per_worker
        ).manifest
        click.echo(f"indexed {manifest.count} listings ({_described(manifest)}, {manifest.model}, Ray) -> {dataset.index_dir}")
        return
    encoder = load_encoder(settings.get("encoder"))
    bar, update = progress_bar("embedding listings")
    with bar:
        if incremental:
            vector_index, change = dataset.update(encoder, progress=update)
        else:
            vector_index = dataset.build(encoder, index_type, progress=update)
    if incremental:
        click.echo(change.summary())
    manifest = vector_index.manifest
    click.echo(
        f"indexed {manifest.count} listings ({_described(manifest)}, {manifest.model} in {manifest.embed_dtype}, "
        f"dim {manifest.dimension}) "
        f"-> {dataset.index_dir}"
    )


def _described(manifest) -> str:
    """The index type, and for an approximate index the search breadth tuned at build and its recall."""
    params = manifest.params
    if "nprobe" not in params:
        return manifest.index_type
    return f"{manifest.index_type}, nprobe {params['nprobe']}: recall@10 {params['recall_at_10']:.3f} against exact search"


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


@main.command("db-upgrade")
@click.pass_obj
@clean_errors
def db_upgrade(dataset: Dataset) -> None:
    """Create or upgrade the state database (profiles, swipes) to the latest schema revision."""
    from nploy.state.store import database_url, open_store

    open_store(dataset.root)
    url = database_url(dataset.root)
    click.echo(f"state database is at the latest schema: {url.split('@')[-1]}")


@main.command("profile-links")
@click.option("--url", "base", default="http://localhost:8501", show_default=True, help="The app's address.")
@click.pass_obj
@clean_errors
def profile_links(dataset: Dataset, base: str) -> None:
    """The private links of profiles saved under a name before links became tokens (schema 0002): hand
    each person theirs. A name alone opens nothing any more."""
    from nploy.state.store import open_store

    links = open_store(dataset.root).legacy_links()
    if not links:
        click.echo("no profiles were saved under a name: nothing to hand out")
    for name, key in links:
        click.echo(f"{name}\t{base.rstrip('/')}/profile?profile={key}")


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
