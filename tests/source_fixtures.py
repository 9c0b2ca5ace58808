"""Listing files in the shape of each source nploy recognises, built from code, with what nploy must read.

Every file carries the traps real exports have (see the "Real listings, read right" issue): US state codes
that are also country codes, bare cities, decorated places, several places, regions, Glassdoor estimates and
`-1`, salaries as sentences, epoch milliseconds as floats, relative dates, a legal notice as RemoteOK's first
element, records that differ in their keys. ``EXPECTED`` holds, per file and listing id, the country, city,
annual EUR salary (None: none stated), whether it is an estimate, the work mode and the posting date.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

USD, CAD, GBP, PLN = 0.92, 0.68, 1.18, 0.232
SCRAPED = date(2026, 11, 1)  # the files' modification day: relative dates count from it


def _mid(low: float, high: float | None = None) -> float:
    return (low + (high if high is not None else low)) / 2


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# (id, location as written, country, city, salary columns, annual EUR, estimated, work mode, posted as written, posted)
JOBSPY = [
    (
        "in-1",
        "San Francisco, CA",
        "US",
        "San Francisco",
        (150000, 180000, "yearly", "USD"),
        _mid(150000, 180000) * USD,
        False,
        "onsite",
        "2026-10-20",
        date(2026, 10, 20),
    ),
    (
        "in-2",
        "Linthicum, MD",
        "US",
        "Linthicum",
        (45, 60, "hourly", "USD"),
        _mid(45, 60) * 2080 * USD,
        False,
        "onsite",
        "2026-10-21",
        date(2026, 10, 21),
    ),
    ("li-3", "Fort Collins, CO", "US", "Fort Collins", ("", "", "", ""), None, False, "remote", "2026-10-22", date(2026, 10, 22)),
    (
        "li-4",
        "Toronto, ON",
        "CA",
        "Toronto",
        (110000, 130000, "yearly", "CAD"),
        _mid(110000, 130000) * CAD,
        False,
        "hybrid",
        "2026-10-23",
        date(2026, 10, 23),
    ),
    (
        "gd-5",
        "Atlanta, GA",
        "US",
        "Atlanta",
        (90000, 110000, "yearly", "USD"),
        _mid(90000, 110000) * USD,
        True,
        "onsite",
        "2026-10-24",
        date(2026, 10, 24),
    ),
    (
        "zr-6",
        "Wilmington, DE",
        "US",
        "Wilmington",
        (8000, 9000, "monthly", "USD"),
        _mid(8000, 9000) * 12 * USD,
        False,
        "onsite",
        "2026-10-25",
        date(2026, 10, 25),
    ),
    (
        "in-7",
        "London",
        "GB",
        "London",
        (60000, 70000, "yearly", "GBP"),
        _mid(60000, 70000) * GBP,
        False,
        "onsite",
        "2026-10-26",
        date(2026, 10, 26),
    ),
    (
        "li-8",
        "Indianapolis, IN",
        "US",
        "Indianapolis",
        (120000, "", "yearly", "USD"),
        120000 * USD,
        False,
        "onsite",
        "2026-10-27",
        date(2026, 10, 27),
    ),
]


def jobspy_csv() -> str:
    rows = []
    for i, loc, _c, _city, (low, high, interval, currency), _eur, est, mode, posted, _d in JOBSPY:
        rows.append(
            {
                "id": i,
                "site": {"in": "indeed", "li": "linkedin", "gd": "glassdoor", "zr": "zip_recruiter"}[i[:2]],
                "job_url": f"https://www.example-board.com/job/{i}",
                "job_url_direct": "",
                "title": "Senior Software Engineer" if i != "in-2" else "Data Analyst",
                "company": "Acme Corp",
                "location": loc,
                "date_posted": posted,
                "job_type": "fulltime",
                "salary_source": "glassdoor_estimate" if est else ("direct_data" if low != "" else ""),
                "interval": interval,
                "min_amount": low,
                "max_amount": high,
                "currency": currency,
                "is_remote": "True" if mode == "remote" else "False",
                "work_from_home_type": "Hybrid work" if mode == "hybrid" else "",
                "job_level": "mid-senior level",
                "job_function": "Engineering",
                "listing_type": "",
                "emails": "",
                "description": "We build APIs in **Python** and Go on PostgreSQL.",
                "company_industry": "Software",
                "company_url": "https://acme.example.com",
            }
        )
    return _csv(rows)


GLASSDOOR = [
    (1, "Albuquerque, NM", "US", "Albuquerque", "$53K-$91K (Glassdoor est.)", _mid(53000, 91000) * USD, True),
    (2, "Fort Collins, CO", "US", "Fort Collins", "Employer Provided Salary:$150K-$160K", _mid(150000, 160000) * USD, False),
    (3, "Atlanta, GA", "US", "Atlanta", "$17-$24 Per Hour(Glassdoor est.)", _mid(17, 24) * 2080 * USD, True),
    (4, "Boulder, CO ( Active )", "US", "Boulder", "-1", None, False),
    (5, "Philadelphia, PA +1 more", "US", "Philadelphia", "$79K-$131K (Glassdoor est.)", _mid(79000, 131000) * USD, True),
    (6, "Remote, USA", "US", "", "$120K-$140K (Employer est.)", _mid(120000, 140000) * USD, True),
]


def glassdoor_csv() -> str:
    rows = [
        {
            "index": n,
            "Job Title": f"Data Scientist {n}",
            "Salary Estimate": salary,
            "Job Description": "Build models in Python and SQL for our analytics team.",
            "Rating": "3.8",
            "Company Name": "Tecolote Research\n3.8" if n == 1 else "Healthfirst\n3.1",
            "Location": loc,
            "Headquarters": "-1",
            "Size": "501 to 1000 employees",
            "Founded": "1973",
            "Type of ownership": "Company - Private",
            "Industry": "Aerospace & Defense",
            "Sector": "-1",
            "Revenue": "$50 to $100 million (USD)",
            "Competitors": "-1",
        }
        for n, loc, _c, _city, salary, _eur, _est in GLASSDOOR
    ]
    return _csv(rows)


LINKEDIN = [
    (
        "3901",
        "Wilmington, DE",
        "US",
        "Wilmington",
        ("100000", "", "140000", "YEARLY"),
        _mid(100000, 140000) * USD,
        "1713397508000.0",
        date(2024, 4, 17),
    ),
    (
        "3902",
        "Indianapolis, IN",
        "US",
        "Indianapolis",
        ("", "55", "", "HOURLY"),
        55 * 2080 * USD,
        "1713397508000.0",
        date(2024, 4, 17),
    ),
    ("3903", "San Francisco Bay Area", "US", "San Francisco", ("", "", "", ""), None, "1712000000000.0", date(2024, 4, 1)),
    (
        "3904",
        "Greater Boston",
        "US",
        "Boston",
        ("7000", "", "9000", "MONTHLY"),
        _mid(7000, 9000) * 12 * USD,
        "1713000000000",
        date(2024, 4, 13),
    ),
    (
        "3905",
        "United States",
        "US",
        "",
        ("90000", "", "120000", "YEARLY"),
        _mid(90000, 120000) * USD,
        "1713397508.0",
        date(2024, 4, 17),
    ),
]


def linkedin_csv() -> str:
    rows = [
        {
            "job_id": i,
            "company_name": "Globex",
            "title": "Backend Engineer",
            "description": "Design services in Java and Kubernetes.",
            "max_salary": high,
            "pay_period": period,
            "location": loc,
            "company_id": "77",
            "views": "12",
            "med_salary": med,
            "min_salary": low,
            "formatted_work_type": "Full-time",
            "applies": "",
            "original_listed_time": listed,
            "remote_allowed": "1.0" if i == "3905" else "",
            "job_posting_url": f"https://www.linkedin.com/jobs/view/{i}",
            "application_url": "",
            "formatted_experience_level": "Mid-Senior level",
            "skills_desc": "Java, Spring Boot",
            "listed_time": listed,
            "currency": "USD" if period else "",
            "compensation_type": "BASE_SALARY" if period else "",
        }
        for i, loc, _c, _city, (low, med, high, period), _eur, listed, _d in LINKEDIN
    ]
    return _csv(rows)


# An aggregator's CSV of ATS board jobs (Greenhouse, Lever, Ashby): no known profile, generic columns.
ATS = [
    (
        "g1",
        "Santa Monica, CA - Hybrid",
        "US",
        "Santa Monica",
        "$65K-$95K",
        "65000",
        "95000",
        _mid(65000, 95000) * USD,
        "hybrid",
        "August  3, 2026",
        date(2026, 8, 3),
    ),
    (
        "g2",
        "USA, NY, New York",
        "US",
        "New York City",
        "USA, NY, New York - 104,900.00 - 179,500.00 USD annually",
        "",
        "",
        _mid(104900, 179500) * USD,
        "onsite",
        "Posted 30+ Days Ago",
        date(2026, 10, 2),
    ),
    (
        "g3",
        "Gdańsk",
        "PL",
        "Gdańsk",
        "18 000 - 24 000 PLN monthly",
        "",
        "",
        _mid(18000, 24000) * 12 * PLN,
        "onsite",
        "3 days ago",
        date(2026, 10, 29),
    ),
    (
        "g4",
        "New York, NY; London; Remote",
        "US",
        "New York City",
        "$182K – $265K • Offers Equity",
        "",
        "",
        _mid(182000, 265000) * USD,
        "remote",
        "2026-09-01T09:00:00-04:00",
        date(2026, 9, 1),
    ),
    ("g5", "Paris, TX", "US", "Paris", "OTE $120k", "", "", 120000 * USD, "onsite", "1754006400", date(2025, 8, 1)),
    ("g6", "Worldwide", "", "", "lots", "", "", None, "remote", "2026-10-01", date(2026, 10, 1)),
    ("g7", "USA, CST (UTC-6)", "US", "", "$31,2k", "", "", 31200 * USD, "remote", "2026-10-02", date(2026, 10, 2)),
    (
        "g8",
        "Toronto, Ontario, Canada",
        "CA",
        "Toronto",
        "$90,000 - $110,000",
        "",
        "",
        _mid(90000, 110000) * CAD,
        "onsite",
        "2026-10-03",
        date(2026, 10, 3),
    ),
]


def ats_csv() -> str:
    rows = [
        {
            "company": "Initech",
            "title": "Platform Engineer",
            "location": loc,
            "salary": salary,
            "comp_min": low,
            "comp_max": high,
            "remote": "true" if mode == "remote" and "Remote" not in loc else "",
            "posted": posted,
            "url": f"https://boards.example.com/{i}",
            "id": i,
            "description": "Terraform, AWS and Kubernetes.",
        }
        for i, loc, _c, _city, salary, low, high, _eur, mode, posted, _d in ATS
    ]
    return _csv(rows)


def greenhouse_json() -> str:
    jobs = [
        {
            "absolute_url": "https://boards.greenhouse.io/acmerobotics/jobs/4011",
            "data_compliance": [{"type": "gdpr", "requires_consent": False}],
            "internal_job_id": 3011,
            "location": {"name": "Berlin, Germany"},
            "metadata": None,
            "id": 4011,
            "updated_at": "2026-10-30T10:00:00-04:00",
            "first_published": "2026-10-15T09:00:00-04:00",
            "requisition_id": "R-11",
            "title": "Senior Backend Engineer",
            "content": "&lt;p&gt;We build robots with &lt;strong&gt;Python&lt;/strong&gt; and Rust.&lt;/p&gt;"
            "&lt;p&gt;The salary range for this role is €80,000 - €100,000 per year.&lt;/p&gt;",
            "departments": [{"id": 1, "name": "Engineering"}],
            "offices": [{"id": 9, "name": "Berlin", "location": "Berlin, Germany"}],
        },
        {
            "absolute_url": "https://boards.greenhouse.io/acmerobotics/jobs/4012",
            "internal_job_id": 3012,
            "location": {"name": "Remote - US"},
            "id": 4012,
            "updated_at": "2026-10-29T10:00:00Z",
            "title": "Machine Learning Engineer",
            "content": "&lt;p&gt;PyTorch and Kubernetes.&lt;/p&gt;",
            "pay_input_ranges": [{"min_cents": 15000000, "max_cents": 19000000, "currency_type": "USD", "title": "US"}],
            "departments": [],
            "offices": [],
        },
        {
            "absolute_url": "https://boards.greenhouse.io/acmerobotics/jobs/4013",
            "internal_job_id": 3013,
            "location": {"name": "San Francisco, CA"},
            "id": 4013,
            "updated_at": "2026-10-28T10:00:00Z",
            "title": "Product Designer",
            "content": "&lt;p&gt;Figma. Base pay: $140,000 to $165,000 annually, plus equity.&lt;/p&gt;",
            "departments": [],
            "offices": [],
        },
    ]
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}})


GREENHOUSE = {
    "4011": ("DE", "Berlin", _mid(80000, 100000), "onsite", date(2026, 10, 15)),
    "4012": ("US", "", _mid(150000, 190000) * USD, "remote", date(2026, 10, 29)),
    "4013": ("US", "San Francisco", _mid(140000, 165000) * USD, "onsite", date(2026, 10, 28)),
}


def lever_json() -> str:
    return json.dumps(
        [
            {
                "id": "lv-1",
                "text": "Frontend Engineer",
                "categories": {
                    "commitment": "Full-time",
                    "location": "Amsterdam",
                    "team": "Web",
                    "allLocations": ["Amsterdam", "Berlin"],
                },
                "country": "NL",
                "createdAt": 1761955200000,
                "descriptionPlain": "React and TypeScript.",
                "lists": [{"text": "Requirements", "content": "<li>CSS</li><li>Accessibility</li>"}],
                "additionalPlain": "",
                "hostedUrl": "https://jobs.lever.co/globex/lv-1",
                "applyUrl": "https://jobs.lever.co/globex/lv-1/apply",
                "workplaceType": "hybrid",
                "salaryRange": {"min": 70000, "max": 85000, "currency": "EUR", "interval": "per-year-salary"},
            },
            {
                "id": "lv-2",
                "text": "Site Reliability Engineer",
                "categories": {"commitment": "Contract", "location": "Remote, Europe"},
                "createdAt": 1761868800000,
                "descriptionPlain": "Terraform and Prometheus.",
                "lists": [],
                "hostedUrl": "https://jobs.lever.co/globex/lv-2",
                "workplaceType": "remote",
                "salaryDescriptionPlain": "€600 - €700 per day",
            },
        ]
    )


LEVER = {
    "lv-1": ("NL", "Amsterdam", _mid(70000, 85000), "hybrid", date(2025, 11, 1)),
    "lv-2": ("", "", _mid(600, 700) * 260, "remote", date(2025, 10, 31)),
}


def ashby_json() -> str:
    return json.dumps(
        {
            "apiVersion": "1",
            "jobs": [
                {
                    "id": "ab-1",
                    "title": "Data Engineer",
                    "department": "Data",
                    "team": "Platform",
                    "employmentType": "FullTime",
                    "location": "London, UK",
                    "secondaryLocations": [{"location": "Dublin, Ireland", "address": {}}],
                    "address": {"postalAddress": {"addressLocality": "London", "addressCountry": "United Kingdom"}},
                    "isRemote": False,
                    "workplaceType": "Hybrid",
                    "publishedAt": "2026-10-12T14:29:08.532+00:00",
                    "isListed": True,
                    "jobUrl": "https://jobs.ashbyhq.com/initech/ab-1",
                    "applyUrl": "https://jobs.ashbyhq.com/initech/ab-1/application",
                    "descriptionHtml": "<p>Spark and Airflow.</p>",
                    "descriptionPlain": "Spark and Airflow.",
                    "shouldDisplayCompensationOnJobPostings": True,
                    "compensation": {
                        "compensationTierSummary": "£70K – £90K • Offers Equity",
                        "scrapeableCompensationSalarySummary": "£70K - £90K",
                        "summaryComponents": [
                            {
                                "compensationType": "Salary",
                                "interval": "1 YEAR",
                                "currencyCode": "GBP",
                                "minValue": 70000,
                                "maxValue": 90000,
                            },
                            {"compensationType": "EquityPercentage", "interval": "NONE", "minValue": 0.01, "maxValue": 0.05},
                        ],
                    },
                },
                {
                    "id": "ab-2",
                    "title": "Security Engineer",
                    "employmentType": "FullTime",
                    "location": "Remote",
                    "secondaryLocations": [],
                    "isRemote": True,
                    "publishedAt": "2026-10-11T08:00:00.000+00:00",
                    "jobUrl": "https://jobs.ashbyhq.com/initech/ab-2",
                    "descriptionPlain": "Cloud security on AWS.",
                    "compensation": {"compensationTierSummary": "$182K – $265K • Offers Equity", "summaryComponents": []},
                },
            ],
        }
    )


ASHBY = {
    "ab-1": ("GB", "London", _mid(70000, 90000) * GBP, "hybrid", date(2026, 10, 12)),
    "ab-2": ("", "", _mid(182000, 265000) * USD, "remote", date(2026, 10, 11)),
}


def remoteok_json() -> str:
    legal = {
        "last_updated": 1761955200,
        "legal": "API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source.",
    }
    jobs = [
        {
            "slug": "remote-python-developer-acme-100",
            "id": "100",
            "epoch": 1761868800,
            "date": "2026-10-31T00:00:00+00:00",
            "company": "Acme",
            "position": "Python Developer",
            "tags": ["python", "django", "aws"],
            "description": "<p>Django APIs.</p>",
            "location": "Worldwide",
            "salary_min": 80000,
            "salary_max": 100000,
            "url": "https://remoteok.com/remote-jobs/100",
            "apply_url": "https://remoteok.com/l/100",
        },
        {
            "slug": "remote-go-engineer-beta-101",
            "id": "101",
            "epoch": 1761782400,
            "date": "2026-10-30T00:00:00+00:00",
            "company": "Beta",
            "position": "Go Engineer",
            "tags": ["golang"],
            "description": "<p>Go and gRPC.</p>",
            "location": "USA",
            "salary_min": 0,
            "salary_max": 0,
            "url": "https://remoteok.com/remote-jobs/101",
            "apply_url": "https://remoteok.com/l/101",
            "company_logo": "https://remoteok.com/logo.png",
        },
    ]
    return json.dumps([legal, *jobs])


REMOTEOK = {
    "100": ("", "", _mid(80000, 100000) * USD, "remote", date(2026, 10, 31)),
    "101": ("US", "", None, "remote", date(2026, 10, 30)),
}


def remotive_json() -> str:
    return json.dumps(
        {
            "00-warning": "This API is for personal use; please link back to Remotive.",
            "0-legal-notice": "Remotive API legal notice: https://remotive.com/api-documentation",
            "job-count": 2,
            "jobs": [
                {
                    "id": 2001,
                    "url": "https://remotive.com/remote-jobs/software-dev/2001",
                    "title": "Full Stack Developer",
                    "company_name": "Hooli",
                    "company_logo": "",
                    "category": "Software Development",
                    "tags": ["react", "node.js"],
                    "job_type": "full_time",
                    "publication_date": "2026-10-20T12:00:00",
                    "candidate_required_location": "Europe",
                    "salary": "€50,000 - €65,000",
                    "description": "<p>React and Node.js.</p>",
                },
                {
                    "id": 2002,
                    "url": "https://remotive.com/remote-jobs/devops/2002",
                    "title": "DevOps Engineer",
                    "company_name": "Pied Piper",
                    "category": "DevOps / Sysadmin",
                    "tags": ["kubernetes"],
                    "job_type": "contract",
                    "publication_date": "2026-10-21T12:00:00",
                    "candidate_required_location": "USA",
                    "salary": "$40k - $60k",
                    "description": "<p>Kubernetes.</p>",
                },
            ],
        }
    )


REMOTIVE = {
    "2001": ("", "", _mid(50000, 65000), "remote", date(2026, 10, 20)),
    "2002": ("US", "", _mid(40000, 60000) * USD, "remote", date(2026, 10, 21)),
}


def arbeitnow_json() -> str:
    return json.dumps(
        {
            "data": [
                {
                    "slug": "backend-entwickler-berlin-123",
                    "company_name": "Rheinwerk",
                    "title": "Backend Entwickler (m/w/d)",
                    "description": "<p>PHP und Symfony. Gehalt: 55.000 - 70.000 € pro Jahr.</p>",
                    "remote": False,
                    "url": "https://www.arbeitnow.com/jobs/companies/rheinwerk/backend-entwickler-berlin-123",
                    "tags": ["PHP"],
                    "job_types": ["full time"],
                    "location": "Berlin",
                    "created_at": 1761800000,
                },
                {
                    "slug": "data-analyst-munich-124",
                    "company_name": "Bavaria Data",
                    "title": "Data Analyst",
                    "description": "<p>SQL and Tableau.</p>",
                    "remote": True,
                    "url": "https://www.arbeitnow.com/jobs/companies/bavaria/data-analyst-munich-124",
                    "tags": [],
                    "job_types": ["Berufserfahren"],
                    "location": "München",
                    "created_at": 1761700000,
                },
            ],
            "links": {"next": None},
            "meta": {"current_page": 1},
        }
    )


ARBEITNOW = {
    "backend-entwickler-berlin-123": ("DE", "Berlin", _mid(55000, 70000), "onsite", date(2025, 10, 30)),
    "data-analyst-munich-124": ("DE", "Munich", None, "remote", date(2025, 10, 29)),
}


def adzuna_json() -> str:
    return json.dumps(
        {
            "__CLASS__": "Adzuna::API::Response::JobSearchResults",
            "count": 2,
            "mean": 55000,
            "results": [
                {
                    "__CLASS__": "Adzuna::API::Response::Job",
                    "id": "5001",
                    "title": "Java Developer",
                    "description": "Spring Boot and Kafka...",
                    "created": "2026-10-25T08:00:00Z",
                    "redirect_url": "https://www.adzuna.co.uk/jobs/land/ad/5001",
                    "location": {
                        "display_name": "Shoreditch, East London",
                        "area": ["UK", "London", "East London", "Shoreditch"],
                    },
                    "company": {"display_name": "Umbrella"},
                    "category": {"label": "IT Jobs", "tag": "it-jobs"},
                    "salary_min": 55000,
                    "salary_max": 65000,
                    "salary_is_predicted": "1",
                    "contract_time": "full_time",
                    "adref": "x",
                },
                {
                    "__CLASS__": "Adzuna::API::Response::Job",
                    "id": "5002",
                    "title": "QA Tester",
                    "description": "Selenium...",
                    "created": "2026-10-26T08:00:00Z",
                    "redirect_url": "https://www.adzuna.co.uk/jobs/land/ad/5002",
                    "location": {
                        "display_name": "Manchester, Greater Manchester",
                        "area": ["UK", "North West England", "Greater Manchester", "Manchester"],
                    },
                    "company": {"display_name": "Vandelay"},
                    "salary_min": 35000,
                    "salary_max": 35000,
                    "salary_is_predicted": "0",
                    "contract_time": "full_time",
                },
            ],
        }
    )


ADZUNA = {
    "5001": ("GB", None, _mid(55000, 65000) * GBP, "onsite", date(2026, 10, 25)),
    "5002": ("GB", None, 35000 * GBP, "onsite", date(2026, 10, 26)),
}


def usajobs_json() -> str:
    def item(i: str, title: str, places: list[tuple[str, str, str]], low: str, high: str, code: str, telework: bool) -> dict:
        return {
            "MatchedObjectId": i,
            "MatchedObjectDescriptor": {
                "PositionID": f"P-{i}",
                "PositionTitle": title,
                "PositionURI": f"https://www.usajobs.gov/job/{i}",
                "ApplyURI": [f"https://www.usajobs.gov/job/{i}/apply"],
                "PositionLocationDisplay": "Multiple Locations" if len(places) > 1 else places[0][0],
                "PositionLocation": [
                    {"LocationName": name, "CountryCode": "United States", "CountrySubDivisionCode": state, "CityName": name}
                    for name, state, _ in places
                ],
                "OrganizationName": "Department of Veterans Affairs",
                "DepartmentName": "Department of Veterans Affairs",
                "JobCategory": [{"Name": "Information Technology Management", "Code": "2210"}],
                "JobGrade": [{"Code": "GS"}],
                "PositionSchedule": [{"Name": "Full-Time", "Code": "1"}],
                "QualificationSummary": "Specialized experience with cloud systems.",
                "PositionRemuneration": [
                    {"MinimumRange": low, "MaximumRange": high, "RateIntervalCode": code, "Description": ""}
                ],
                "PublicationStartDate": "2026-10-01",
                "ApplicationCloseDate": "2026-12-01",
                "UserArea": {
                    "Details": {
                        "JobSummary": "Manage cloud infrastructure on AWS.",
                        "TeleworkEligible": telework,
                        "RemoteIndicator": False,
                    }
                },
            },
            "RelevanceRank": 0,
        }

    return json.dumps(
        {
            "LanguageCode": "EN",
            "SearchParameters": {},
            "SearchResult": {
                "SearchResultCount": 2,
                "SearchResultCountAll": 2,
                "SearchResultItems": [
                    item(
                        "8001",
                        "IT Specialist (INFOSEC)",
                        [("Washington, District of Columbia", "District of Columbia", "")],
                        "104900",
                        "136347",
                        "PA",
                        True,
                    ),
                    item(
                        "8002",
                        "IT Specialist (APPSW)",
                        [("Macon, Georgia", "Georgia", ""), ("Norfolk, Virginia", "Virginia", "")],
                        "45.50",
                        "59.10",
                        "PH",
                        False,
                    ),
                ],
            },
        }
    )


USAJOBS = {
    "8001": ("US", "Washington", _mid(104900, 136347) * USD, "hybrid", date(2026, 10, 1)),
    "8002": ("US", "Macon", _mid(45.5, 59.1) * 2080 * USD, "onsite", date(2026, 10, 1)),
}


def themuse_json() -> str:
    return json.dumps(
        {
            "page": 0,
            "page_count": 1,
            "items_per_page": 20,
            "took": 12,
            "timed_out": False,
            "total": 1,
            "results": [
                {
                    "contents": "<p>Own the roadmap for our data products. Pay range: $130,000 - $160,000 a year.</p>",
                    "name": "Senior Product Manager",
                    "type": "external",
                    "publication_date": "2026-10-18T23:40:54.000000Z",
                    "short_name": "senior-product-manager",
                    "model_type": "jobs",
                    "id": 9001,
                    "locations": [{"name": "New York, NY"}, {"name": "Flexible / Remote"}],
                    "categories": [{"name": "Product Management"}],
                    "levels": [{"name": "Senior Level", "short_name": "senior"}],
                    "tags": [],
                    "refs": {"landing_page": "https://www.themuse.com/jobs/initech/senior-product-manager"},
                    "company": {"id": 11, "short_name": "initech", "name": "Initech"},
                }
            ],
        }
    )


THEMUSE = {"9001": ("US", "New York City", _mid(130000, 160000) * USD, "remote", date(2026, 10, 18))}


# file name -> (content builder, detected source, expectations: id -> (country, city, annual EUR, work mode, posted))
FILES = {
    "jobspy.csv": (jobspy_csv, "jobspy", {r[0]: (r[2], r[3], r[5], r[7], r[9]) for r in JOBSPY}),
    "glassdoor.csv": (
        glassdoor_csv,
        "glassdoor",
        {f"Data Scientist {r[0]}": (r[2], r[3], r[5], "remote" if "Remote" in r[1] else "onsite", None) for r in GLASSDOOR},
    ),
    "linkedin-postings.csv": (
        linkedin_csv,
        "linkedin-postings",
        {r[0]: (r[2], r[3], r[5], "onsite" if r[0] != "3905" else "remote", r[7]) for r in LINKEDIN},
    ),
    "ats-boards.csv": (ats_csv, "generic", {r[0]: (r[2], r[3], r[7], r[8], r[10]) for r in ATS}),
    "greenhouse.json": (greenhouse_json, "greenhouse", GREENHOUSE),
    "lever.json": (lever_json, "lever", LEVER),
    "ashby.json": (ashby_json, "ashby", ASHBY),
    "remoteok.json": (remoteok_json, "remoteok", REMOTEOK),
    "remotive.json": (remotive_json, "remotive", REMOTIVE),
    "arbeitnow.json": (arbeitnow_json, "arbeitnow", ARBEITNOW),
    "adzuna.json": (adzuna_json, "adzuna", ADZUNA),
    "usajobs.json": (usajobs_json, "usajobs", USAJOBS),
    "themuse.json": (themuse_json, "themuse", THEMUSE),
}
# Rows whose salary is an estimate, per file.
ESTIMATED = {"jobspy.csv": {"gd-5"}, "adzuna.json": {"5001"}, "glassdoor.csv": {f"Data Scientist {n}" for n in (1, 3, 5, 6)}}
# The column expectations are keyed by: the listing id, except where a source has none.
KEYED_BY = {"glassdoor.csv": "title"}


def write_all(directory: Path) -> dict[str, Path]:
    """Every fixture file under ``directory``, dated as if scraped on ``SCRAPED`` (relative dates count from it)."""
    import os
    import time

    directory.mkdir(parents=True, exist_ok=True)
    stamp = time.mktime(SCRAPED.timetuple()) + 12 * 3600
    paths = {}
    for name, (build, _source, _expected) in FILES.items():
        path = directory / name
        path.write_text(build(), encoding="utf-8")
        os.utime(path, (stamp, stamp))
        paths[name] = path
    return paths
