"""Recorded job-board responses, built in code in the shape each API documents (Greenhouse Job Board
API, Lever Postings API, Remotive, SmartRecruiters Posting API, Arbeitnow, USAJOBS Search, Adzuna Search,
Ashby, Workable, RemoteOK), and the fake hosts that stand in for the boards (the base URLs are settings).

A board is served by ``respx``: no test reaches the network.
"""

from __future__ import annotations

import json

BASES = {
    "NPLOY_GREENHOUSE_URL": "https://greenhouse.boards.test",
    "NPLOY_LEVER_URL": "https://lever.boards.test",
    "NPLOY_ASHBY_URL": "https://ashby.boards.test",
    "NPLOY_SMARTRECRUITERS_URL": "https://smartrecruiters.boards.test",
    "NPLOY_WORKABLE_URL": "https://workable.boards.test",
    "NPLOY_REMOTEOK_URL": "https://remoteok.boards.test",
    "NPLOY_REMOTIVE_URL": "https://remotive.boards.test",
    "NPLOY_ARBEITNOW_URL": "https://arbeitnow.boards.test",
    "NPLOY_USAJOBS_URL": "https://usajobs.boards.test",
    "NPLOY_ADZUNA_URL": "https://adzuna.boards.test",
}
GREENHOUSE = BASES["NPLOY_GREENHOUSE_URL"] + "/v1/boards/acme/jobs"
LEVER = BASES["NPLOY_LEVER_URL"] + "/v0/postings/globex"
REMOTIVE = BASES["NPLOY_REMOTIVE_URL"] + "/api/remote-jobs"

# Greenhouse jobs 1-6 are open at the first fetch; at the second, 4, 5 and 6 have closed and 7 and 8 opened.
GREENHOUSE_TITLES = {
    1: ("Senior Backend Engineer", "Berlin, Germany", "Python, PostgreSQL and Kubernetes."),
    2: ("Machine Learning Engineer", "Remote - US", "PyTorch and MLOps on AWS."),
    3: ("Product Designer", "London, United Kingdom", "Figma and user research."),
    4: ("Data Engineer", "Amsterdam, Netherlands", "Spark, Airflow and dbt."),
    5: ("Site Reliability Engineer", "Dublin, Ireland", "Terraform and Prometheus."),
    6: ("iOS Developer", "Paris, France", "Swift and SwiftUI."),
    7: ("Rust Systems Engineer", "Remote - Europe", "Rust, Linux and networking."),
    8: ("Frontend Engineer", "Munich, Germany", "React and TypeScript."),
}


def greenhouse_job(number: int) -> dict:
    title, place, text = GREENHOUSE_TITLES[number]
    return {
        "id": 4000 + number,
        "internal_job_id": 3000 + number,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{4000 + number}",
        "location": {"name": place},
        "updated_at": "2026-11-20T10:00:00-04:00",
        "first_published": f"2026-11-{number + 10:02d}T09:00:00-04:00",
        "requisition_id": f"R-{number}",
        "content": f"&lt;p&gt;Acme builds robots. {text}&lt;/p&gt;"
        "&lt;p&gt;The salary range for this role is €70,000 - €90,000 per year.&lt;/p&gt;",
        "departments": [{"id": 1, "name": "Engineering"}],
        "offices": [{"id": 9, "name": place, "location": place}],
        "metadata": None,
    }


def greenhouse(numbers: list[int]) -> dict:
    jobs = [greenhouse_job(n) for n in numbers]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def lever() -> list[dict]:
    return [
        {
            "id": "5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "text": "Frontend Engineer",
            "categories": {"commitment": "Full-time", "location": "Amsterdam", "team": "Web", "allLocations": ["Amsterdam"]},
            "country": "NL",
            "createdAt": 1763251200000,
            "descriptionPlain": "Globex ships a design system in React and TypeScript.",
            "lists": [{"text": "Requirements", "content": "<li>CSS</li><li>Accessibility</li>"}],
            "additionalPlain": "",
            "hostedUrl": "https://jobs.lever.co/globex/5ac21346",
            "applyUrl": "https://jobs.lever.co/globex/5ac21346/apply",
            "workplaceType": "hybrid",
            "salaryRange": {"min": 70000, "max": 85000, "currency": "EUR", "interval": "per-year-salary"},
        },
        {
            "id": "9f1e2d3c-0000-4494-8e7a-3eb92ff77903",
            "text": "Data Scientist",
            "categories": {"commitment": "Full-time", "location": "Remote, Europe"},
            "createdAt": 1763337600000,
            "descriptionPlain": "Forecasting with Python, pandas and scikit-learn.",
            "lists": [],
            "hostedUrl": "https://jobs.lever.co/globex/9f1e2d3c",
            "workplaceType": "remote",
            "salaryDescriptionPlain": "€65,000 - €80,000 per year",
        },
    ]


def remotive() -> dict:
    return {
        "00-warning": "This API is for personal use; please link back to Remotive.",
        "0-legal-notice": "Remotive API legal notice: https://remotive.com/api-documentation",
        "job-count": 2,
        "jobs": [
            {
                "id": 2001,
                "url": "https://remotive.com/remote-jobs/software-dev/2001",
                "title": "Full Stack Developer",
                "company_name": "Hooli",
                "category": "Software Development",
                "tags": ["react", "node.js"],
                "job_type": "full_time",
                "publication_date": "2026-11-20T12:00:00",
                "candidate_required_location": "Europe",
                "salary": "€50,000 - €65,000",
                "description": "<p>React and Node.js, fully remote.</p>",
            },
            {
                "id": 2002,
                "url": "https://remotive.com/remote-jobs/devops/2002",
                "title": "DevOps Engineer",
                "company_name": "Pied Piper",
                "category": "DevOps / Sysadmin",
                "tags": ["kubernetes"],
                "job_type": "contract",
                "publication_date": "2026-11-21T12:00:00",
                "candidate_required_location": "USA",
                "salary": "$40k - $60k",
                "description": "<p>Kubernetes and Terraform.</p>",
            },
        ],
    }


def smartrecruiters_page(offset: int, total: int, limit: int = 2) -> dict:
    numbers = range(offset, min(offset + limit, total))
    content = [
        {
            "id": f"74400000{n}",
            "name": f"Java Developer {n}",
            "releasedDate": "2026-11-18T08:00:00.000Z",
            "refNumber": f"REF{n}",
            "company": {"identifier": "Initech", "name": "Initech"},
            "location": {"city": "Warsaw", "country": "pl", "remote": False, "fullLocation": "Warsaw, Poland"},
            "typeOfEmployment": {"label": "Full-time"},
            "experienceLevel": {"label": "Mid-Senior Level"},
        }
        for n in numbers
    ]
    return {"offset": offset, "limit": limit, "totalFound": total, "content": content}


def arbeitnow_page(page: int, last: int, base: str) -> dict:
    data = [
        {
            "slug": f"python-developer-{page}",
            "company_name": "Umbrella",
            "title": f"Python Developer {page}",
            "description": "<p>Django and Celery.</p>",
            "remote": page % 2 == 0,
            "url": f"https://www.arbeitnow.com/jobs/umbrella/python-developer-{page}",
            "tags": ["python"],
            "job_types": ["full time"],
            "location": "Hamburg",
            "created_at": 1763337600,
        }
    ]
    following = f"{base}/api/job-board-api?page={page + 1}" if page < last else None
    return {"data": data, "links": {"next": following}, "meta": {"current_page": page}}


def usajobs() -> dict:
    item = {
        "MatchedObjectId": "812345600",
        "MatchedObjectDescriptor": {
            "PositionID": "CIS-123",
            "PositionTitle": "IT Specialist (DATAMGT)",
            "PositionURI": "https://www.usajobs.gov/job/812345600",
            "PositionLocationDisplay": "Washington, District of Columbia",
            "PositionLocation": [{"CityName": "Washington, District of Columbia", "CountryCode": "United States"}],
            "OrganizationName": "Department of Homeland Security",
            "PositionRemuneration": [{"MinimumRange": "99200", "MaximumRange": "128956", "RateIntervalCode": "Per Year"}],
            "PublicationStartDate": "2026-11-19T00:00:00.0000",
            "UserArea": {"Details": {"JobSummary": "Database administration with SQL and Python."}},
        },
    }
    return {
        "LanguageCode": "EN",
        "SearchResult": {"SearchResultCount": 1, "SearchResultCountAll": 1, "SearchResultItems": [item]},
    }


def adzuna() -> dict:
    return {
        "count": 1,
        "results": [
            {
                "id": "4012345678",
                "title": "Python Developer",
                "description": "Django and PostgreSQL for a fintech in London.",
                "company": {"display_name": "Monzo"},
                "location": {"display_name": "London, UK", "area": ["UK", "London"]},
                "salary_min": 60000,
                "salary_max": 75000,
                "salary_is_predicted": "0",
                "created": "2026-11-19T10:00:00Z",
                "redirect_url": "https://www.adzuna.co.uk/jobs/land/ad/4012345678",
                "contract_time": "full_time",
            }
        ],
    }


def body(payload: object) -> bytes:
    return json.dumps(payload).encode("utf-8")
