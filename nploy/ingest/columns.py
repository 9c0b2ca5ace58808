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
    "salary_min": ("salary_min", "min_salary", "minimum_salary", "salary_range_from", "salary_from", "pay_min", "salary_low"),
    "salary_max": ("salary_max", "max_salary", "maximum_salary", "salary_range_to", "salary_to", "pay_max", "salary_high"),
    "salary_text": ("salary", "salary_range", "pay", "compensation", "salary_text", "pay_range"),
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
FIELDS = tuple(SYNONYMS)
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
    sources: dict[str, tuple[str, ...]]  # field -> source keys, first non-empty wins (description: all joined)

    @classmethod
    def for_record(cls, record: dict, mapping: dict[str, str], filename: str) -> ColumnMapper:
        keys = list(flatten(record))
        bad = [f for f in mapping.values() if f not in MAPPABLE]
        if bad:
            raise IngestError(f"--map target(s) {', '.join(bad)} unknown; fields are: {', '.join(MAPPABLE)}")
        missing = [c for c in mapping if c not in keys]
        if missing:
            raise IngestError(f"--map source column(s) {', '.join(missing)} not in {filename}")
        sources: dict[str, list[str]] = {f: [] for f in FIELDS}
        for column, target in mapping.items():
            sources[target].append(column)
        mapped = set(mapping)
        by_fold = {fold(k): k for k in keys if k not in mapped}
        for target, names in SYNONYMS.items():
            if sources[target]:
                continue
            for name in names:
                if name in by_fold:
                    sources[target].append(by_fold[name])
                    if target not in ("description_extra",):
                        break
            # Dotted keys: "company.name", "location.city" count for their last part and their head.
            if not sources[target]:
                for folded, original in by_fold.items():
                    head, _, tail = folded.rpartition(".")
                    if head and (tail in names or head in names and tail in ("name", "title", "text")):
                        sources[target].append(original)
                        break
        if not sources["title"]:
            raise IngestError(
                f"{filename}: no title column found (columns: {', '.join(keys[:15])}); map one with --map COLUMN=title"
            )
        return cls({f: tuple(v) for f, v in sources.items()})

    def extract(self, record: dict) -> dict[str, object]:
        flat = flatten(record)
        values: dict[str, object] = {}
        for target, keys in self.sources.items():
            present = [flat.get(k) for k in keys if not _blank(flat.get(k))]
            if target in ("description", "description_extra"):
                values[target] = "\n\n".join(str(p) for p in present)
            else:
                values[target] = present[0] if present else None
        extra = values.pop("description_extra")
        if extra:
            values["description"] = f"{values['description']}\n\n{extra}".strip()
        return values


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()
