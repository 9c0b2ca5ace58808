"""Source columns -> listing fields: the names job exports use, and the user's ``--map`` overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nploy.errors import IngestError

# Field -> source column names, compared after lower-casing and folding punctuation to "_".
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "job_id",
        "jobid",
        "posting_id",
        "control_number",
        "requisition_id",
        "job_key",
        "uuid",
        "listing_id",
        "reference",
    ),
    "title": ("title", "job_title", "jobtitle", "position_title", "business_title", "position", "role", "job_name", "name"),
    "company": (
        "company",
        "company_name",
        "employer",
        "employer_name",
        "organization",
        "organisation",
        "hiring_agency_name",
        "agency",
        "hiring_organization",
        "company_display_name",
    ),
    "description": (
        "description",
        "job_description",
        "description_html",
        "html_description",
        "body",
        "details",
        "job_summary",
        "summary",
        "text",
        "content",
    ),
    "description_extra": (
        "minimum_qual_requirements",
        "preferred_skills",
        "qualifications",
        "requirements",
        "responsibilities",
        "duties",
        "additional_information",
    ),
    "skills": ("skills", "skill_list", "tags", "technologies", "tech_stack", "required_skills", "keywords"),
    "city": ("city", "location_city", "town", "job_city"),
    "country": ("country", "country_code", "location_country", "job_country"),
    "location": ("location", "locations", "work_location", "job_location", "location_name", "candidate_required_location"),
    "work_mode": ("work_mode", "workplace_type", "remote_type", "work_arrangement", "workplace", "work_model", "remote_policy"),
    "remote_flag": ("remote", "is_remote", "remote_ok", "fully_remote"),
    "telework_flag": ("telework_eligible", "telework", "teleworkeligible"),
    "salary_min": (
        "salary_min",
        "min_salary",
        "minimum_salary",
        "salary_range_from",
        "salary_from",
        "pay_min",
        "salary_low",
        "comp_min",
        "compensation_min",
        "min_amount",
    ),
    "salary_max": (
        "salary_max",
        "max_salary",
        "maximum_salary",
        "salary_range_to",
        "salary_to",
        "pay_max",
        "salary_high",
        "comp_max",
        "compensation_max",
        "max_amount",
    ),
    "salary_text": (
        "salary",
        "salary_range",
        "pay",
        "compensation",
        "comp",  # ATS exports: "$110K-$135K" beside comp_min / comp_max
        "salary_text",
        "pay_range",
        "salary_estimate",
        "estimated_salary",
    ),
    "scraped_at": ("scraped_at", "date_scraped", "scrape_date", "crawled_at", "retrieved_at", "fetched_at"),
    "salary_currency": ("salary_currency", "currency", "pay_currency", "salary_currency_code"),
    "salary_period": ("salary_period", "salary_frequency", "salary_type", "pay_period", "pay_frequency", "salary_interval"),
    "seniority": ("seniority", "experience_level", "seniority_level", "career_level", "job_level"),
    "employment_type": (
        "employment_type",
        "job_type",
        "full_time_part_time_indicator",
        "work_schedule",
        "schedule",
        "contract_type",
        "employment",
    ),
    "posted_at": (
        "posted_at",
        "posting_date",
        "date_posted",
        "posted",
        "created_at",
        "position_open_date",
        "publication_date",
        "published_at",
        "date",
    ),
    "url": ("url", "link", "job_url", "apply_url", "position_uri", "listing_url"),
}
# Fields only converters fill (nploy.ingest.converters): more places, whether the salary is an estimate.
CONVERTED = ("locations", "salary_estimated")
FIELDS = tuple(SYNONYMS) + CONVERTED
# Fields the --map option may target (the helper fields above are internal).
MAPPABLE = (
    "id",
    "title",
    "company",
    "description",
    "skills",
    "city",
    "country",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_text",
    "salary_currency",
    "salary_period",
    "seniority",
    "employment_type",
    "posted_at",
    "url",
)


_NAME_PARTS = ("name", "title", "text", "display_name", "value")


def fold(name: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "_", name.strip().lower()).strip("_")


def flatten(record: dict, prefix: str = "", depth: int = 0) -> dict:
    """Nested JSON objects become dotted keys ("company.name"); beyond depth 3 they stay as text."""
    flat = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and depth < 3:
            flat.update(flatten(value, f"{name}.", depth + 1))
        else:
            flat[name] = value
    return flat


@dataclass(frozen=True)
class ColumnMapper:
    sources: dict[str, tuple[str, ...]]  # field -> source keys, the first non-empty wins ...
    missing: frozenset[str] = frozenset()  # values that mean "not given" in this source
    joined: frozenset[str] = frozenset({"description_extra"})  # ... except here: all of them, joined

    @classmethod
    def for_columns(
        cls,
        keys: list[str],
        mapping: dict[str, str],
        filename: str,
        preset: dict[str, str] | None = None,
        missing: tuple[str, ...] = (),
    ) -> ColumnMapper:
        """The mapper for a file with these (flattened) columns: the user's ``--map`` first, then a
        source profile's ``preset`` (folded column -> field), then the generic synonyms."""
        bad = [f for f in mapping.values() if f not in MAPPABLE]
        if bad:
            raise IngestError(f"--map target(s) {', '.join(bad)} unknown; fields are: {', '.join(MAPPABLE)}")
        missing_columns = [c for c in mapping if c not in keys]
        if missing_columns:
            raise IngestError(f"--map source column(s) {', '.join(missing_columns)} not in {filename}")
        sources: dict[str, list[str]] = {f: [] for f in FIELDS}
        for column, target in mapping.items():
            sources[target].append(column)
        mapped = set(mapping)
        by_fold = {fold(k): k for k in keys if k not in mapped}
        for folded, target in (preset or {}).items():
            if folded in by_fold and not sources[target]:
                sources[target].append(by_fold[folded])
        preset_fields = {t for f, t in (preset or {}).items() if f in by_fold}
        for target, names in SYNONYMS.items():
            if sources[target] or target in preset_fields:
                continue
            # Every synonym present, in order: JSON records of one file may each use another key;
            # then nested ones named by their head ("company.name", "company.display_name").
            sources[target] += [by_fold[name] for name in names if name in by_fold]
            sources[target] += [
                original
                for folded, original in by_fold.items()
                if "." in folded and folded.rpartition(".")[0] in names and folded.rpartition(".")[2] in _NAME_PARTS
            ]
            # Else nested keys named by their last part ("location.city").
            if not sources[target]:
                for folded, original in by_fold.items():
                    head, _, tail = folded.rpartition(".")
                    if head and tail in names:
                        sources[target].append(original)
                        break
        if not sources["title"]:
            raise IngestError(
                f"{filename}: no title column found (columns: {', '.join(keys[:15])}); map one with --map COLUMN=title"
            )
        joined = {"description_extra"} | {t for t in set(mapping.values()) if list(mapping.values()).count(t) > 1}
        return cls({f: tuple(v) for f, v in sources.items()}, frozenset(missing), frozenset(joined))

    @classmethod
    def for_record(cls, record: dict, mapping: dict[str, str], filename: str) -> ColumnMapper:
        return cls.for_columns(list(flatten(record)), mapping, filename)

    def extract(self, record: dict, flat: dict | None = None) -> dict[str, object]:
        flat = flatten(record) if flat is None else flat
        values: dict[str, object] = {}
        for target, keys in self.sources.items():
            present = [flat.get(k) for k in keys if not _blank(flat.get(k)) and str(flat.get(k)).strip() not in self.missing]
            if target in self.joined:
                values[target] = "\n\n".join(str(p) for p in present)
            else:
                values[target] = present[0] if present else None
        return values


# De-identified corpora put a placeholder where a value was ("<ORGANIZATION>" in SkillSpan): it says nothing,
# and as a company it would make every posting one employer's (and fold their jobs together).
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*>")


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and (not value.strip() or bool(_PLACEHOLDER.fullmatch(value.strip())))
