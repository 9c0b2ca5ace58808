"""Named converters of the source profiles (``nploy.ingest.sources``): what one column cannot say alone.

Each takes the flattened record (nested objects as dotted keys) and the field values the profile's
mapping extracted, and fills fields from the source's own structures: a Lever ``salaryRange`` object,
an Ashby compensation component, a USAJOBS remuneration list, The Muse's location objects. They only
rearrange what the source says; parsing (amounts, places, dates) stays in ``normalise``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlparse

Converter = Callable[[dict, dict], None]


def _first(items: object) -> dict:
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def _dicts(items: object) -> list[dict]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def jobspy(record: dict, values: dict) -> None:
    # JobSpy writes its sites' remote flag as True/False text and a salary_source of "direct_data" or
    # "description"; an Indeed or Glassdoor figure the site estimated says so in salary_source.
    source = str(record.get("salary_source") or "").lower()
    values["salary_estimated"] = "estimat" in source or "predict" in source


def linkedin(record: dict, values: dict) -> None:
    # Many rows give only a median: a range of one value.
    median = record.get("med_salary")
    if median not in (None, "") and values.get("salary_min") in (None, "") and values.get("salary_max") in (None, ""):
        values["salary_min"] = values["salary_max"] = median


_WORKPLACE = re.compile(r"location type|workplace( type)?|work ?place|remote status|work (type|arrangement|mode)", re.I)


def greenhouse(record: dict, values: dict) -> None:
    # The board API names no company: it is the board token in the job's URL (boards.greenhouse.io/<token>/jobs/<id>).
    if not values.get("company"):
        path = urlparse(str(record.get("absolute_url") or "")).path.strip("/").split("/")
        if len(path) >= 3 and path[-2] == "jobs":
            values["company"] = path[-3].replace("-", " ").title()
    if not values.get("posted_at"):
        values["posted_at"] = record.get("updated_at")
    pay = _first(record.get("pay_input_ranges"))
    if pay.get("min_cents") or pay.get("max_cents"):
        values["salary_min"] = (pay.get("min_cents") or 0) / 100 or None
        values["salary_max"] = (pay.get("max_cents") or 0) / 100 or None
        values["salary_currency"] = pay.get("currency_type")
        values["salary_period"] = "year"
    offices = [o.get("location") or o.get("name") for o in _dicts(record.get("offices"))]
    values["locations"] = [o for o in offices if o]
    # Custom fields a board sets per job: "Location Type" ("Remote", "Hybrid", "On-site") is the employer's own
    # answer, and it outranks what the place's words suggest ("Remote - US" on a hybrid job).
    for field in _dicts(record.get("metadata")):
        if _WORKPLACE.search(str(field.get("name") or "")):
            value = field.get("value")
            value = ", ".join(map(str, value)) if isinstance(value, list) else value
            if value:
                values["work_mode"] = value


def lever(record: dict, values: dict) -> None:
    if record.get("salaryRange.min") or record.get("salaryRange.max"):
        values["salary_min"] = record.get("salaryRange.min")
        values["salary_max"] = record.get("salaryRange.max")
        values["salary_currency"] = record.get("salaryRange.currency")
        values["salary_period"] = record.get("salaryRange.interval")  # "per-year-salary"
    elif record.get("salaryDescriptionPlain") or record.get("salaryDescription"):
        values["salary_text"] = record.get("salaryDescriptionPlain") or record.get("salaryDescription")
    lists = [f"{item.get('text', '')}: {item.get('content', '')}" for item in _dicts(record.get("lists"))]
    if lists:
        values["description_extra"] = "\n\n".join(filter(None, [*lists, str(values.get("description_extra") or "")]))
    values["locations"] = [str(p) for p in record.get("categories.allLocations") or [] if p]


def ashby(record: dict, values: dict) -> None:
    for component in _dicts(record.get("compensation.summaryComponents")):
        if str(component.get("compensationType", "")).lower() == "salary":
            values["salary_min"] = component.get("minValue")
            values["salary_max"] = component.get("maxValue")
            values["salary_currency"] = component.get("currencyCode")
            values["salary_period"] = _ashby_interval(component.get("interval"))
            break
    else:
        summary = record.get("compensation.scrapeableCompensationSalarySummary") or record.get(
            "compensation.compensationTierSummary"
        )
        if summary:
            values["salary_text"] = summary
    values["locations"] = [str(s.get("location")) for s in _dicts(record.get("secondaryLocations")) if s.get("location")]


def _ashby_interval(interval: object) -> str | None:
    # "1 YEAR", "1 HOUR", "1 MONTH": the unit is what matters.
    match = re.search(r"(year|month|week|day|hour)", str(interval or ""), re.I)
    return match.group(1).lower() if match else None


def remoteok(record: dict, values: dict) -> None:
    # RemoteOK writes 0 for "no salary"; its location is where the company is, the job is remote.
    for name in ("salary_min", "salary_max"):
        if values.get(name) in (0, "0", 0.0):
            values[name] = None
    if not values.get("posted_at"):
        values["posted_at"] = record.get("epoch")


def adzuna(record: dict, values: dict) -> None:
    # location.area runs from the country down: ["UK", "London", "East London", "Shoreditch"].
    area = record.get("location.area")
    if isinstance(area, list) and area:
        values["country"] = area[0]
        values["city"] = area[1] if len(area) > 1 else None
    values["salary_estimated"] = str(record.get("salary_is_predicted", "0")).strip() in ("1", "true", "True")
    values["salary_period"] = "year"  # Adzuna quotes annual salaries


def usajobs(record: dict, values: dict) -> None:
    pay = _first(record.get("MatchedObjectDescriptor.PositionRemuneration"))
    if pay:
        values["salary_min"] = pay.get("MinimumRange")
        values["salary_max"] = pay.get("MaximumRange")
        values["salary_period"] = {"PA": "year", "PH": "hour", "PD": "day", "PM": "month", "BW": "biweek"}.get(
            str(pay.get("RateIntervalCode")), pay.get("Description") or pay.get("RateIntervalCode")
        )
        values["salary_currency"] = "USD"
    places = [p.get("LocationName") for p in _dicts(record.get("MatchedObjectDescriptor.PositionLocation"))]
    values["locations"] = [p for p in places if p]
    schedule = _first(record.get("MatchedObjectDescriptor.PositionSchedule"))
    values["employment_type"] = schedule.get("Name")


def usajobs_historic(record: dict, values: dict) -> None:
    # The export carries no link; every announcement has its page at usajobs.gov/job/<control number>
    # (a closed one says so there).
    number = str(record.get("control_number") or "").strip()
    if number.isdigit():
        values["url"] = f"https://www.usajobs.gov/job/{number}"


def themuse(record: dict, values: dict) -> None:
    values["locations"] = [str(p.get("name")) for p in _dicts(record.get("locations")) if p.get("name")]
    values.pop("location", None)  # the generic synonyms took the same list of objects as one text
    level = _first(record.get("levels"))
    values["seniority"] = level.get("short_name") or level.get("name")


def smartrecruiters(record: dict, values: dict) -> None:
    if not values.get("url") and record.get("company.identifier") and record.get("id"):
        values["url"] = f"https://jobs.smartrecruiters.com/{record['company.identifier']}/{record['id']}"


def workable(record: dict, values: dict) -> None:
    places = [
        ", ".join(filter(None, (p.get("city"), p.get("region"), p.get("country"))))
        for p in _dicts(record.get("locations"))
        if not p.get("hidden")
    ]
    values["locations"] = [p for p in places if p]


CONVERTERS: dict[str, Converter] = {
    "jobspy": jobspy,
    "linkedin": linkedin,
    "greenhouse": greenhouse,
    "lever": lever,
    "ashby": ashby,
    "remoteok": remoteok,
    "adzuna": adzuna,
    "usajobs": usajobs,
    "usajobs-historic": usajobs_historic,
    "themuse": themuse,
    "smartrecruiters": smartrecruiters,
    "workable": workable,
}
