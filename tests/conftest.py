"""Shared fixtures: tiny deterministic listings built in code, datasets on tmp paths, the real model."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from nploy.dataset import Dataset
from nploy.index.embedding import FakeEncoder, SentenceTransformerEncoder
from nploy.records.listing import Listing
from nploy.records.table import to_table, write_table
from nploy.vocabulary.money import Salary

ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    """The shared folder beside the project (where CI puts it), or beside the repository a local clone
    came from (so `git clone . $(mktemp -d)` can run the suite too). Its files are never copied in."""
    beside = ROOT.parent / "shared"
    if beside.exists():
        return beside
    origin = subprocess.run(["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"], capture_output=True, text=True)
    source = Path(origin.stdout.strip())
    return source.parent / "shared" if origin.returncode == 0 and source.is_absolute() else beside


REAL_DATA = _shared_dir() / "data" / "real"


def _listing(
    i: int, title: str, skills: list[str], mode: str, city: str, country: str, pay: Salary | None, seniority: str
) -> Listing:
    pay = pay or Salary(None, None, None, None)
    return Listing(
        id=f"t{i}",
        title=title,
        company=f"Company {i % 4}",
        description=f"We hire a {title} working with {', '.join(skills)}.",
        skills=skills,
        city=city,
        country=country,
        work_mode=mode,
        salary_min=pay.minimum,
        salary_max=pay.maximum,
        salary_currency=pay.currency,
        salary_period=pay.period,
        salary_annual_eur=pay.annual_eur(),
        seniority=seniority,
        posted_at=date(2026, 1, 1 + i),
        url=f"https://example.com/{i}",
        source="test",
    )


def tiny_listings() -> list[Listing]:
    eur = lambda lo, hi: Salary(lo, hi, "EUR", "year")  # noqa: E731
    return [
        _listing(
            0,
            "Senior Python Developer",
            ["Python", "Django", "PostgreSQL"],
            "remote",
            "Berlin",
            "DE",
            eur(70000, 80000),
            "senior",
        ),
        _listing(
            1,
            "Backend Engineer",
            ["Python", "FastAPI", "PostgreSQL", "Docker"],
            "remote",
            "Sofia",
            "BG",
            eur(40000, 50000),
            "mid",
        ),
        _listing(2, "Django Developer", ["Python", "Django", "Redis"], "hybrid", "Sofia", "BG", None, "mid"),
        _listing(
            3, "Java Engineer", ["Java", "Spring Boot", "PostgreSQL"], "onsite", "Berlin", "DE", eur(65000, 75000), "senior"
        ),
        _listing(4, "Frontend Developer", ["JavaScript", "React", "CSS"], "remote", "Lisbon", "PT", eur(35000, 45000), "junior"),
        _listing(
            5,
            "Data Engineer",
            ["Python", "Apache Spark", "Airflow", "SQL"],
            "remote",
            "Amsterdam",
            "NL",
            Salary(5000, 6000, "EUR", "month"),
            "mid",
        ),
        _listing(
            6,
            "DevOps Engineer",
            ["Kubernetes", "Terraform", "AWS"],
            "hybrid",
            "London",
            "GB",
            Salary(70000, 90000, "GBP", "year"),
            "senior",
        ),
        _listing(
            7,
            "Go Developer",
            ["Go", "PostgreSQL", "Kubernetes"],
            "remote",
            "Warsaw",
            "PL",
            Salary(20000, 25000, "PLN", "month"),
            "senior",
        ),
        _listing(8, "Python Intern", ["Python", "SQL"], "onsite", "Sofia", "BG", Salary(1500, 2000, "BGN", "month"), "intern"),
        _listing(
            9,
            "Lead Backend Engineer",
            ["Python", "Django", "PostgreSQL", "AWS"],
            "remote",
            "New York",
            "US",
            Salary(150000, 190000, "USD", "year"),
            "lead",
        ),
        _listing(10, "QA Engineer", ["Selenium", "Java", "Test Automation"], "onsite", "Bucharest", "RO", None, "mid"),
        _listing(
            11,
            "Contract Python Developer",
            ["Python", "Flask"],
            "remote",
            "Berlin",
            "DE",
            Salary(600, 700, "EUR", "day"),
            "senior",
        ),
    ]


@pytest.fixture
def tiny_table():
    return to_table(tiny_listings())


@pytest.fixture
def fake_dataset(tmp_path, tiny_table) -> Dataset:
    dataset = Dataset(tmp_path / "ds")
    write_table(tiny_table, dataset.listings_path)
    dataset.build(FakeEncoder())
    return dataset


@pytest.fixture
def app(fake_dataset, monkeypatch):
    """The dashboard in Streamlit's AppTest on the tiny dataset with the fake encoder (a module may define its own)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NPLOY_DATA_DIR", str(fake_dataset.root))
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    return AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=60)


@pytest.fixture(scope="session")
def real_data() -> Path:
    if not REAL_DATA.exists():
        pytest.fail(f"the real job exports are missing: expected {REAL_DATA} (the shared folder beside the project)")
    return REAL_DATA


@pytest.fixture(scope="session")
def real_encoder() -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder()


DONE_WHEN_ARGS = ["match", "--skills", "python,django,postgresql", "--work-mode", "remote", "--min-salary", "60000", "--json"]


def done_when_matches(data_dir: Path, *extra: str) -> list[dict]:
    """Issue 2's done-when command through click's runner: its matches, each checked against the filters."""
    from click.testing import CliRunner

    from nploy.cli import main

    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *DONE_WHEN_ARGS, *extra])
    assert result.exit_code == 0, result.output
    matches = json.loads(result.output)["matches"]
    assert matches
    for item in matches:
        assert item["work_mode"] == "remote"
        assert item["salary_annual_eur"] is not None and item["salary_annual_eur"] >= 60000
    return matches


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (the end-to-end tier: tests/browser/)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "install Debian's chromium (apt-get install -y chromium); scripts/test does it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# The tier folders: tests/unit (no real model, browser or database), tests/model (the real all-MiniLM-L6-v2),
# tests/browser (Chromium through Playwright), tests/postgres (the PostgreSQL scripts/postgres.sh starts).
# A test is marked by its folder, so `-m model` and the folders agree; a unit test that needs a tier's
# resource is a test in the wrong folder, and collection says so.
TIERS = ("model", "browser", "postgres")


def pytest_collection_modifyitems(config, items):
    misplaced = []
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in TIERS:
            item.add_marker(getattr(pytest.mark, folder))
        elif folder == "unit" and any(item.get_closest_marker(tier) for tier in TIERS):
            misplaced.append(item.nodeid)
    if misplaced:
        raise pytest.UsageError(f"tests/unit holds tests of another tier: {misplaced}")
