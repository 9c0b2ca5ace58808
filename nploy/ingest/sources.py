"""Source profiles: the schemas of the files and API responses people bring, as data.

A profile is a mapping (source column -> listing field), a few named converters
(``nploy.ingest.converters``) for what one column cannot say alone (a Lever ``salaryRange`` object, an
Ashby compensation tier, a USAJOBS remuneration list), the values that mean "missing", and the
columns whose presence identifies the source. ``detect`` picks the profile whose signature a file's
columns (the union over its first records) contain, the most specific first; an unknown schema goes
through the generic column synonyms (``nploy.ingest.columns``). ``nploy ingest --source NAME`` forces one.

Terms of each source (docs/ingest.md lists them): read before redistributing what you fetched.

Long module: it is data, one profile per source with its column mapping, so a reader can hold it against
the source's documentation; the logic is the three small functions at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nploy.errors import IngestError
from nploy.ingest.columns import fold

# Keys of leading metadata records (RemoteOK's legal notice, Remotive's warnings): skipped, not rejected.
METADATA_KEYS = ("legal", "last_updated", "00_warning", "0_legal_notice", "warning", "notice", "terms")


@dataclass(frozen=True)
class SourceProfile:
    name: str
    label: str
    signature: tuple[str, ...]  # folded column names that all appear in this source's files
    mapping: dict[str, str] = field(default_factory=dict)  # source column -> listing field
    converters: tuple[str, ...] = ()  # names in nploy.ingest.converters.CONVERTERS, applied in order
    missing: tuple[str, ...] = ()  # values that mean "not given"
    work_mode: str | None = None  # the board lists only this kind of job (RemoteOK: remote)
    currency: str | None = None  # the currency of amounts that name none (RemoteOK's are US dollars)
    country: str | None = None  # the country of places that name none (a city's own jobs export)
    terms: str = ""

    def folded_mapping(self) -> dict[str, str]:
        return {fold(column): target for column, target in self.mapping.items()}


PROFILES: tuple[SourceProfile, ...] = (
    SourceProfile(
        "jobspy",
        "JobSpy scraper CSV (LinkedIn, Indeed, Glassdoor, ZipRecruiter, Google)",
        ("site", "job_url", "min_amount", "max_amount", "interval"),
        {
            "id": "id",
            "job_url": "url",
            "title": "title",
            "company": "company",
            "location": "location",
            "date_posted": "posted_at",
            "job_type": "employment_type",
            "min_amount": "salary_min",
            "max_amount": "salary_max",
            "interval": "salary_period",
            "currency": "salary_currency",
            "is_remote": "remote_flag",
            "job_level": "seniority",
            "description": "description",
            "skills": "skills",
            "work_from_home_type": "work_mode",
        },
        converters=("jobspy",),
        missing=("nan", "None"),
        terms="JobSpy scrapes job boards; each board's own terms apply to what it returns",
    ),
    SourceProfile(
        "linkedin-postings",
        "LinkedIn job postings dataset (2023-24)",
        ("job_id", "listed_time", "pay_period", "formatted_experience_level"),
        {
            "job_id": "id",
            "title": "title",
            "company_name": "company",
            "description": "description",
            "skills_desc": "description_extra",
            "location": "location",
            "min_salary": "salary_min",
            "max_salary": "salary_max",
            "pay_period": "salary_period",
            "currency": "salary_currency",
            "remote_allowed": "remote_flag",
            "listed_time": "posted_at",
            "formatted_experience_level": "seniority",
            "formatted_work_type": "employment_type",
            "job_posting_url": "url",
        },
        converters=("linkedin",),
        terms="a public research dataset of LinkedIn postings; LinkedIn's terms apply to the postings",
    ),
    SourceProfile(
        "glassdoor",
        "Glassdoor scrape (Job Title, Salary Estimate, Rating, Company Name)",
        ("job_title", "salary_estimate", "company_name", "rating"),
        {
            "Job Title": "title",
            "Salary Estimate": "salary_text",
            "Job Description": "description",
            "Company Name": "company",
            "Location": "location",
        },
        missing=("-1", "-1.0", "Unknown"),
        terms="scraped from Glassdoor; Glassdoor's terms apply",
    ),
    SourceProfile(
        "greenhouse",
        "Greenhouse job board API (boards-api.greenhouse.io)",
        ("absolute_url", "internal_job_id"),
        {
            "id": "id",
            "title": "title",
            "absolute_url": "url",
            "location.name": "location",
            "content": "description",
            "first_published": "posted_at",
            "company_name": "company",
        },
        converters=("greenhouse",),
        terms="Greenhouse Job Board API, public; link each job to its absolute_url",
    ),
    SourceProfile(
        "lever",
        "Lever postings API (api.lever.co/v0/postings)",
        ("hostedurl", "createdat", "text"),
        {
            "id": "id",
            "text": "title",
            "hostedUrl": "url",
            "categories.location": "location",
            "categories.commitment": "employment_type",
            "descriptionPlain": "description",
            "additionalPlain": "description_extra",
            "createdAt": "posted_at",
            "workplaceType": "work_mode",
            "country": "country",
        },
        converters=("lever",),
        terms="Lever Postings API, public; link each job to its hostedUrl",
    ),
    SourceProfile(
        "ashby",
        "Ashby job posting API (api.ashbyhq.com/posting-api)",
        ("joburl", "descriptionplain", "isremote"),
        {
            "id": "id",
            "title": "title",
            "jobUrl": "url",
            "location": "location",
            "descriptionPlain": "description",
            "publishedAt": "posted_at",
            "employmentType": "employment_type",
            "workplaceType": "work_mode",
            "isRemote": "remote_flag",
            "address.postalAddress.addressCountry": "country",
        },
        converters=("ashby",),
        terms="Ashby Job Postings API, public; link each job to its jobUrl",
    ),
    SourceProfile(
        "remoteok",
        "RemoteOK API (remoteok.com/api)",
        ("position", "epoch", "slug"),
        {
            "id": "id",
            "position": "title",
            "company": "company",
            "description": "description",
            "location": "location",
            "salary_min": "salary_min",
            "salary_max": "salary_max",
            "tags": "skills",
            "date": "posted_at",
            "url": "url",
        },
        converters=("remoteok",),
        work_mode="remote",
        currency="USD",
        terms="RemoteOK API: link back to Remote OK and mention it as the source",
    ),
    SourceProfile(
        "remotive",
        "Remotive API (remotive.com/api/remote-jobs)",
        ("candidate_required_location", "company_name", "publication_date"),
        {
            "id": "id",
            "title": "title",
            "company_name": "company",
            "url": "url",
            "tags": "skills",
            "job_type": "employment_type",
            "publication_date": "posted_at",
            "candidate_required_location": "location",
            "salary": "salary_text",
            "description": "description",
        },
        work_mode="remote",
        terms="Remotive API: link back to Remotive and mention it as the source; at most a few requests a day",
    ),
    SourceProfile(
        "arbeitnow",
        "Arbeitnow job board API (arbeitnow.com/api/job-board-api)",
        ("slug", "company_name", "job_types", "created_at"),
        {
            "slug": "id",
            "title": "title",
            "company_name": "company",
            "description": "description",
            "remote": "remote_flag",
            "url": "url",
            "tags": "skills",
            "job_types": "employment_type",
            "location": "location",
            "created_at": "posted_at",
        },
        terms="Arbeitnow API, free; link each job to its url",
    ),
    SourceProfile(
        "adzuna",
        "Adzuna search API (api.adzuna.com)",
        ("redirect_url", "salary_is_predicted"),
        {
            "id": "id",
            "title": "title",
            "description": "description",
            "created": "posted_at",
            "redirect_url": "url",
            "location.display_name": "location",
            "company.display_name": "company",
            "salary_min": "salary_min",
            "salary_max": "salary_max",
            "contract_time": "employment_type",
        },
        converters=("adzuna",),
        terms="Adzuna API (key required): show 'Jobs by Adzuna' with a link, per its terms",
    ),
    SourceProfile(
        "usajobs",
        "USAJOBS search API (data.usajobs.gov)",
        ("matchedobjectid", "matchedobjectdescriptor.positiontitle"),
        {
            "MatchedObjectId": "id",
            "MatchedObjectDescriptor.PositionTitle": "title",
            "MatchedObjectDescriptor.PositionURI": "url",
            "MatchedObjectDescriptor.OrganizationName": "company",
            "MatchedObjectDescriptor.PositionLocationDisplay": "location",
            "MatchedObjectDescriptor.PublicationStartDate": "posted_at",
            "MatchedObjectDescriptor.UserArea.Details.JobSummary": "description",
            "MatchedObjectDescriptor.QualificationSummary": "description_extra",
            "MatchedObjectDescriptor.UserArea.Details.TeleworkEligible": "telework_flag",
            "MatchedObjectDescriptor.UserArea.Details.RemoteIndicator": "remote_flag",
        },
        converters=("usajobs",),
        terms="USAJOBS API (key required), US government data; identify yourself in the User-Agent",
    ),
    SourceProfile(
        "themuse",
        "The Muse public jobs API (themuse.com/api/public/jobs)",
        ("refs.landing_page", "publication_date", "contents"),
        {
            "id": "id",
            "name": "title",
            "contents": "description",
            "publication_date": "posted_at",
            "refs.landing_page": "url",
            "company.name": "company",
        },
        converters=("themuse",),
        terms="The Muse public API; link each job to its landing page",
    ),
    SourceProfile(
        "smartrecruiters",
        "SmartRecruiters postings API (api.smartrecruiters.com)",
        ("refnumber", "releaseddate", "typeofemployment.label"),
        {
            "id": "id",
            "name": "title",
            "company.name": "company",
            "releasedDate": "posted_at",
            "location.city": "city",
            "location.country": "country",
            "location.fullLocation": "location",
            "location.remote": "remote_flag",
            "typeOfEmployment.label": "employment_type",
            "experienceLevel.label": "seniority",
            "jobAd.sections.jobDescription.text": "description",
            "jobAd.sections.qualifications.text": "description_extra",
            "postingUrl": "url",
        },
        converters=("smartrecruiters",),
        terms="SmartRecruiters Posting API, public; link each job to its posting",
    ),
    SourceProfile(
        "workable",
        "Workable account widget API (apply.workable.com)",
        ("shortcode", "telecommuting", "published_on"),
        {
            "shortcode": "id",
            "title": "title",
            "description": "description",
            "employment_type": "employment_type",
            "telecommuting": "remote_flag",
            "url": "url",
            "published_on": "posted_at",
            "city": "city",
            "country": "country",
            "experience": "seniority",
            "company": "company",
        },
        converters=("workable",),
        terms="Workable public job widget; link each job to its url",
    ),
    SourceProfile(
        "usajobs-historic",
        "USAJOBS historic announcements export (data.usajobs.gov historic JOA API, flattened)",
        ("control_number", "position_title", "hiring_agency_name"),
        {
            "control_number": "id",
            "position_title": "title",
            "hiring_agency_name": "company",
            "locations": "location",
            "position_open_date": "posted_at",
            "minimum_salary": "salary_min",
            "maximum_salary": "salary_max",
        },
        converters=("usajobs-historic",),
        missing=("None",),
        country="US",  # overseas posts name their country ("Naples, Italy"); the rest are in the US
        currency="USD",
        terms="US government data; link each announcement to its USAJOBS page",
    ),
    SourceProfile(
        "nyc-jobs",
        "NYC Jobs postings export (NYC Open Data, data.cityofnewyork.us, dataset kpav-sd4t)",
        ("business_title", "civil_service_title", "work_location"),
        {
            "Job ID": "id",
            "Business Title": "title",
            "Agency": "company",
            "Work Location": "location",
            "Job Description": "description",
            "Posting Date": "posted_at",
        },
        # Work locations are street addresses ("96-05 Horace Harding Expway") and unit names ("REES - Zone
        # Coordination", read as Rees, Germany before): the City of New York's jobs are in the US.
        country="US",
        currency="USD",
        terms="NYC Open Data terms of use; the City of New York's postings",
    ),
)
PROFILE_BY_NAME = {profile.name: profile for profile in PROFILES}


def detect(columns: set[str]) -> SourceProfile | None:
    """The profile whose signature the (folded) columns contain, the most specific first; None for
    an unknown schema."""
    matching = [p for p in PROFILES if set(p.signature) <= columns]
    return max(matching, key=lambda p: len(p.signature)) if matching else None


def profile_named(name: str) -> SourceProfile:
    if name not in PROFILE_BY_NAME:
        raise IngestError(f"unknown source {name!r}; known sources: {', '.join(PROFILE_BY_NAME)}")
    return PROFILE_BY_NAME[name]


def is_metadata(folded_keys: set[str]) -> bool:
    """A leading record that is a notice about the file, not a listing (RemoteOK's legal element)."""
    return bool(folded_keys & set(METADATA_KEYS)) and len(folded_keys) <= 4
