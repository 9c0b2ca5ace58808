"""``nploy match``: a profile from options (one per declared profile field), its explained matches."""

from __future__ import annotations

import json

import click

from nploy.cli.group import clean_errors, main, split_values
from nploy.dataset import Dataset
from nploy.ingest.cv import MAX_BYTES, CvSummary, read_cv, with_cv
from nploy.matching.by_role import ranked_as, served
from nploy.matching.explain import freshness_text, place_text
from nploy.matching.repeats import group_repeats, repeat_line, ungrouped
from nploy.matching.scoring import named_roles, skills_read_from_text
from nploy.matching.suggestions import suggest_titles
from nploy.records.profile import make_profile
from nploy.records.profile_fields import FIELDS, ProfileField

MAX_TOP = 500
# With --by-job, postings read per job asked for: enough that a job's reposts near the top fold in.
JOB_WINDOW = 3


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
            out[name] = split_values(value)
        else:
            out[name] = value
    return out


@main.command()
@profile_options
@click.option("--top", type=click.IntRange(1, MAX_TOP), default=10, show_default=True)
@click.option(
    "--cv",
    type=click.File("rb"),
    help="A CV (PDF, DOCX or text; - reads stdin): its skills join --skills, its most recent title is the desired "
    "title and its level the seniority, unless --title or --seniority say otherwise.",
)
@click.option("--json", "as_json", is_flag=True, help="Print matches with their explanations as JSON.")
@click.option(
    "--by-job",
    is_flag=True,
    help="One entry per job: postings with the same title at the same employer fold under the best one "
    '(in JSON, as its "repeats"); --top then counts jobs, with the repeats found among the best 3 x top postings.',
)
@click.pass_obj
@clean_errors
def match(dataset: Dataset, top: int, as_json: bool, by_job: bool, cv, **fields) -> None:
    """Show the listings that best match a profile, each explained."""
    values = _profile_values(fields)
    summary = read_cv(cv.read(MAX_BYTES + 1)) if cv else None  # one byte past the limit: read_cv says too large
    profile = make_profile(**(with_cv(values, summary) if summary else values))
    matcher = dataset.matcher()
    matches = matcher.match(profile, n=min(MAX_TOP, JOB_WINDOW * top) if by_job else top)
    jobs = group_repeats(matches)[:top] if by_job else ungrouped(matches)
    suggested = suggest_titles(matcher, profile)
    roles = matcher.roles(profile)
    chosen = served(roles, matcher.ranking.roles)
    if as_json:
        entries = [job.match.to_dict() | ({"repeats": [r.to_dict() for r in job.repeats]} if by_job else {}) for job in jobs]
        titles = [{"title": s.title, "listings": s.listings} for s in suggested]
        payload = {
            "profile_unknown_skills": profile.unknown_skills,
            "skills_read_from_text": skills_read_from_text(profile),
            "title_suggestions": titles,
            # The roles read from a profile without a title; "ranked_by": the page was ranked by it (the first,
            # and the second when close); --title overrides, --no-inferred-role switches them off.
            "inferred_roles": [r.to_dict() | {"ranked_by": r in chosen} for r in roles],
            "cv": _cv_dict(summary),
            "matches": entries,
        }
        click.echo(json.dumps(payload, indent=2))
        return
    if summary:
        click.echo(f"note: {_cv_line(summary, values)}", err=True)
    if profile.unknown_skills:
        click.echo(f"note: not in the taxonomy, used as free text only: {', '.join(profile.unknown_skills)}", err=True)
    if named := named_roles(profile):
        click.echo(f"note: role read from your text, ranked as a desired title: {', '.join(named)}", err=True)
    if read := skills_read_from_text(profile):
        click.echo(f"note: skills read from your text, shown as matched (--skills weighs them): {', '.join(read)}", err=True)
    if line := ranked_as(matcher, roles, profile):
        others = [r.title for r in roles if r not in chosen]
        also = f"; also read: {', '.join(others)}" if others else ""
        click.echo(f"note: {line}{also} (another with --title, none with --no-inferred-role)", err=True)
    if suggested and not chosen:  # the roles read say it better than the nearest listings' raw titles
        titles = " · ".join(s.title for s in suggested)
        click.echo(f"note: no title given; titles near your words (rank by one with --title): {titles}", err=True)
    if not matches:
        click.echo("no listing passes these filters: relax the work mode, location or salary floor")
        return
    for rank, job in enumerate(jobs, start=1):
        item, listing = job.match, job.match.listing
        parts = " ".join(f"{k}={v}" for k, v in item.parts.items())
        heading = " - ".join(filter(None, (listing.title, listing.company)))  # de-identified postings name no employer
        click.echo(f"{rank:>2}. [{item.score:>3}] {heading} ({place_text(listing)}, {listing.work_mode})")
        click.echo(f"      {item.salary_fit} | {parts}")
        if fresh := freshness_text(listing):
            click.echo(f"      {fresh}")
        click.echo(f"      matched: {', '.join(item.matched_skills) or '-'} | missing: {', '.join(item.missing_skills) or '-'}")
        if "keywords" in item.parts and item.matched_words:  # only where the words weighed in the rank
            click.echo(f"      your words in it: {', '.join(item.matched_words)}")
        for other in job.repeats:
            click.echo(f"      also posted: {repeat_line(other)}")


def _cv_dict(summary: CvSummary | None) -> dict | None:
    """What ``--cv`` read, for ``--json`` (None without a CV)."""
    if summary is None:
        return None
    return {"skills": summary.skills, "titles": summary.titles, "seniority": summary.seniority, "years": summary.years}


def _cv_line(summary: CvSummary, typed: dict) -> str:
    """One line on what the CV gave the profile, and what the typed options kept."""
    parts = [f"read from your CV ({summary.characters:,} characters): {len(summary.skills)} skills"]
    if summary.titles:
        kept = " (your --title ranks instead)" if typed.get("desired_titles") else " as the desired title"
        parts.append(f"title {summary.titles[0]}{kept}")
    if summary.seniority:
        kept = " (your --seniority ranks instead)" if typed.get("seniority") else ""
        parts.append(f"level {summary.seniority}{kept}")
    if not (summary.skills or summary.titles or summary.seniority):
        return parts[0] + ", nothing else found"
    return ", ".join(parts)
