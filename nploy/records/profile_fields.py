"""The one declaration of a profile's fields: name, label, help, kind and bounds.

Validation (``nploy.records.profile.make_profile``), the ``nploy match`` options, the Profile form,
the profile summary and the "empty profile" check all read ``FIELDS``, so adding a field is one
entry here plus its rule in ``make_profile``.
"""

from __future__ import annotations

from dataclasses import dataclass

from nploy.records.listing import SENIORITIES, WORK_MODES
from nploy.vocabulary.money import EUR_PER_UNIT

MAX_SALARY = 5_000_000


@dataclass(frozen=True)
class ProfileField:
    """One input field of a profile.

    ``kind`` says how it is entered: skills (taxonomy names), list (free entries), choice (one of
    ``choices``), number (``low``..``high``), flag, text (up to ``limit`` characters). For lists
    ``limit`` is the most entries; ``widget_limit`` is what the form lets a person pick (lower for
    must-haves: each one narrows the listings). ``cli`` is the ``nploy match`` option, ``summary``
    the label in a one-line profile summary (None: not shown).
    """

    name: str
    short: str  # the form's widget key is "p_<short>"
    label: str
    help: str
    kind: str
    cli: str | None = None
    default: object = None
    choices: tuple[str, ...] = ()
    limit: int | None = None
    widget_limit: int | None = None
    low: float | None = None
    high: float | None = None
    step: float | None = None  # numbers: the form's step
    open_ended: bool = False  # lists: entries outside the offered options are allowed
    options_from: str | None = None  # lists: offered options are the listings' values of this column
    summary: str | None = None
    query: bool = False  # the field says what to look for (an empty profile has none of these)


FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "skills",
        "skills",
        "Skills",
        "Your skills, comma separated; aliases such as k8s or postgres are understood.",
        "skills",
        "--skills",
        limit=50,
        open_ended=True,
        summary="skills",
        query=True,
    ),
    ProfileField(
        "must_have_skills",
        "must",
        "Must-have skills (listings must ask for all)",
        "Skills a listing must ask for.",
        "skills",
        "--must-have",
        limit=50,
        widget_limit=10,
        summary="must-have",
        query=True,
    ),
    ProfileField(
        "desired_titles",
        "titles",
        "Desired titles (comma separated)",
        "Desired job titles.",
        "list",
        "--title",
        limit=10,
        widget_limit=300,
        summary="",
        query=True,
    ),
    ProfileField(
        "seniority",
        "seniority",
        "Seniority",
        "The level you apply for.",
        "choice",
        "--seniority",
        choices=SENIORITIES,
        summary="",
    ),
    ProfileField(
        "years_experience",
        "years",
        "Years of experience",
        "Years of experience (sets the level when none is given).",
        "number",
        low=0,
        high=60,
    ),
    ProfileField(
        "work_modes",
        "modes",
        "Work modes",
        "remote, hybrid, on-site (any when omitted).",
        "list",
        "--work-mode",
        choices=WORK_MODES,
        limit=3,
        summary="work mode",
    ),
    ProfileField(
        "countries",
        "countries",
        "Countries",
        "Countries: names or ISO codes, for example DE,BG.",
        "list",
        "--country",
        limit=50,
        options_from="country",
        summary="location",
    ),
    ProfileField(
        "cities",
        "cities",
        "Cities",
        "Cities, for example Sofia,Berlin.",
        "list",
        "--city",
        limit=50,
        widget_limit=50,
        open_ended=True,
        options_from="city",
    ),
    ProfileField(
        "salary_floor",
        "floor",
        "Salary floor per year (0 = none)",
        "Annual salary floor.",
        "number",
        "--min-salary",
        low=0,
        high=MAX_SALARY,
        step=5000,
        summary="salary floor",
    ),
    ProfileField(
        "salary_currency",
        "currency",
        "Currency of the floor",
        "Currency of the salary floor.",
        "choice",
        "--currency",
        default="EUR",
        choices=tuple(EUR_PER_UNIT),
    ),
    ProfileField(
        "include_undisclosed_salary",
        "undisclosed",
        "Show listings that do not state a salary",
        "Let listings without a salary pass the floor.",
        "flag",
        "--include-undisclosed",
    ),
    ProfileField(
        "no_inferred_role",
        "noinfer",
        "Do not rank by a role read from my words",
        "Without a desired title, matches are ranked by the role your words, skills and CV point to; tick to rank "
        "by your words alone.",
        "flag",
        "--no-inferred-role",
    ),
    ProfileField(
        "free_text",
        "text",
        "What are you looking for, in your words?",
        "What you are looking for, in your words.",
        "text",
        "--text",
        limit=2000,
        summary="in your words",
        query=True,
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
