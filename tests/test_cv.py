import io
import zipfile

import pytest

from nploy.ingest.cv import CvError, read_cv, summarise
from tests.cvfiles import docx_bytes, pdf_bytes

CV_LINES = [
    "Maria Petrova",
    "Senior Backend Developer",
    "7 years of experience building APIs with Python, Django and PostgreSQL.",
    "Deployed services on AWS with Docker and Kubernetes (k8s).",
]


@pytest.mark.parametrize(
    "make", [lambda: pdf_bytes(CV_LINES), lambda: docx_bytes(CV_LINES), lambda: "\n".join(CV_LINES).encode()]
)
def test_cv_in_each_format_prefills_the_profile(make):
    summary = read_cv(make())
    assert {"Python", "Django", "PostgreSQL", "AWS", "Docker", "Kubernetes"} <= set(summary.skills)
    assert summary.titles == ["Backend Developer"] or "Senior Backend Developer" in summary.titles
    assert summary.seniority == "senior"
    assert summary.years == 7


def test_type_is_taken_from_content_not_name():
    assert read_cv(pdf_bytes(CV_LINES)).kind == "pdf"
    assert read_cv(docx_bytes(CV_LINES)).kind == "docx"
    with pytest.raises(CvError, match="unsupported"):
        read_cv(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)


def test_hostile_or_broken_files_give_clear_errors():
    with pytest.raises(CvError, match="encrypted"):
        read_cv(pdf_bytes(CV_LINES, encrypt=True))
    with pytest.raises(CvError, match="pages"):
        read_cv(pdf_bytes(CV_LINES, pages=60))
    with pytest.raises(CvError, match="damaged"):
        read_cv(b"%PDF-1.4\n garbage garbage")
    with pytest.raises(CvError, match="empty"):
        read_cv(b"   ")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(CvError, match="zip bomb"):
        read_cv(bomb.getvalue())
    with pytest.raises(CvError, match="larger than"):
        read_cv(b"a" * (11 * 1024 * 1024))


def test_seniority_from_years_when_no_level_word():
    assert summarise("Data Engineer\n3 years with Apache Spark and Airflow").seniority == "mid"
    assert summarise("Data Engineer\nSpark").seniority is None


def test_a_pdf_with_thousands_of_pages_is_refused_quickly():
    import time

    data = pdf_bytes(CV_LINES, pages=3000)
    start = time.perf_counter()
    with pytest.raises(CvError, match="3000 pages"):
        read_cv(data)
    assert time.perf_counter() - start < 5


def test_a_cv_with_dated_roles_fills_titles_and_years():
    """The issue's case: a DOCX CV with three dated, titled roles pre-fills titles and years, not only skills."""
    lines = [
        "Jordan Smith",
        "Experience",
        "Senior Backend Engineer, Northwind Payments, Berlin",
        "2019 - 2026",
        "Payment APIs in Python and Go on PostgreSQL and Kubernetes.",
        "Software Developer at Initech (2015-2019)",
        "Java, Spring Boot and Oracle; REST APIs.",
        "Junior Developer | Globex | 2013 – 2015",
        "PHP and MySQL.",
        "Education: BSc Computer Science, 2009-2013",
    ]
    summary = read_cv(docx_bytes(lines))
    assert summary.titles == ["Senior Backend Engineer", "Software Developer", "Junior Developer"]
    assert summary.years == 13  # 2013 to 2026: the roles, not the degree
    assert summary.seniority == "senior"
    assert {"Python", "Go", "PostgreSQL", "Kubernetes", "Java", "Spring Boot"} <= set(summary.skills)
