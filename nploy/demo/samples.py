"""Sample profiles the app offers one click away (each opens a ready match view)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampleProfile:
    key: str
    label: str
    fields: dict  # ``make_profile`` keywords


SAMPLES: tuple[SampleProfile, ...] = (
    SampleProfile(
        "backend-python",
        "Senior Python back-end developer, remote, 60k EUR+",
        dict(
            skills=["Python", "Django", "PostgreSQL", "Docker"],
            desired_titles=["Backend Developer"],
            seniority="senior",
            work_modes=["remote"],
            salary_floor=60000.0,
        ),
    ),
    SampleProfile(
        "frontend-sofia",
        "Front-end React developer in Sofia or Plovdiv",
        dict(
            skills=["JavaScript", "TypeScript", "React", "CSS"],
            desired_titles=["Frontend Developer"],
            seniority="mid",
            work_modes=["hybrid", "onsite"],
            cities=["Sofia", "Plovdiv"],
        ),
    ),
    SampleProfile(
        "data-berlin",
        "Data engineer (Spark, Airflow) in Germany",
        dict(
            skills=["Python", "Apache Spark", "Airflow", "SQL"],
            desired_titles=["Data Engineer"],
            seniority="mid",
            countries=["DE"],
            work_modes=["remote", "hybrid"],
        ),
    ),
)
SAMPLE_BY_KEY = {sample.key: sample for sample in SAMPLES}
