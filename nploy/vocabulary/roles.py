"""Role families from job titles, so market charts and skill gaps can group any listings.

Ordered rules: the first family whose pattern matches the title wins ("Data Engineer" is data
engineering before the generic "engineer" makes it back-end).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

ROLE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("Design", r"design|\bux\b|\bui/ux\b|user research"),
    ("Product", r"product (manager|owner|lead|director)|\bproduct management|technical product"),
    ("Security", r"secur|penetration|\bsoc\b|cyber"),
    ("QA", r"\bqa\b|quality assurance|\btest(er|ing)?\b|\bsdet\b"),
    ("Machine Learning", r"machine learning|\bml\b|\bai\b|applied scientist|mlops|deep learning|\bnlp\b"),
    ("Data Engineering", r"data engineer|analytics engineer|big data|data platform|\betl\b|data warehouse"),
    ("DevOps/SRE", r"devops|site reliability|\bsre\b|platform engineer|cloud engineer|infrastructure|systems? admin"),
    ("Data Science", r"data scien|data analy|\bbi\b|business intelligence|product analyst|analytics|statistic"),
    # Networks and IT support are most of public-sector IT (USAJOBS' NETWORK and CUSTSPT specialties, the NYC
    # export's network engineers and help desks): without families of their own they read as back-end or other.
    ("Network", r"network|telecom|\bvoip\b"),
    ("IT Support", r"help ?desk|service desk|desktop support|\bit support|technical support|user support|custspt"),
    ("Mobile", r"\bios\b|android|mobile|flutter|react native"),
    ("Front-end", r"front[- ]?end|\bui engineer|react developer|javascript developer|angular|vue"),
    ("Full-stack", r"full[- ]?stack|web developer"),
    ("Back-end", r"back[- ]?end|server[- ]side|\bapi\b"),
)
# Titles that name no family ("Software Engineer", "Developer") are counted as back-end, the
# commonest generic developer role, but they say nothing specific about what the person wants.
GENERIC = ("Back-end", re.compile(r"software|developer|programmer|engineer", re.I))
# ... but an engineer of another discipline is not a developer: public-sector exports are full of them
# (NYC's jobs export: "Assistant Civil Engineer", "Stationary Engineer (Electric)", "Engineering
# Technician I" made up most of its "Back-end" salaries).
OTHER_ENGINEERING = re.compile(
    r"\b(?:civil|mechanical|electrical|environmental|stationary|structural|chemical|biomedical|industrial|"
    r"manufacturing|maintenance|sanitation|traffic|highway|geotechnical|plant|hvac|building|construction|"
    r"petroleum|nuclear|aerospace|materials|mining|marine|agricultural|resident|sound|broadcast|fire|"
    r"mechanic(?:al)?|power|utility|transportation|water(?:shed)?|energy|facilities)\s+engineer|"
    r"\bengineering\s+(?:technician|aide|intern)\b|\b(?:civil|mechanical|electrical|environmental)\s+engineering",
    re.I,
)
_SOFTWARE = re.compile(r"software|developer|programmer|\bit\b|computer|web|application", re.I)
OTHER = "Other"
_COMPILED = tuple((family, re.compile(pattern, re.I)) for family, pattern in ROLE_FAMILIES)
FAMILIES: tuple[str, ...] = tuple(family for family, _ in ROLE_FAMILIES) + (OTHER,)

# Common titles of each family, longest first when matched in text (a CV names its roles this way).
TITLES: dict[str, tuple[str, ...]] = {
    "Back-end": ("Backend Developer", "Back-End Engineer", "Software Engineer, Backend", "Server-Side Developer", "API Engineer"),
    "Front-end": ("Frontend Developer", "Front-End Engineer", "UI Engineer", "React Developer", "JavaScript Developer"),
    "Full-stack": ("Full Stack Developer", "Full-Stack Engineer", "Software Engineer (Full Stack)", "Web Developer"),
    "Mobile": ("iOS Developer", "Android Developer", "Mobile Engineer", "Flutter Developer", "React Native Developer"),
    "Data Engineering": ("Data Engineer", "Analytics Engineer", "Big Data Engineer", "Data Platform Engineer"),
    "Data Science": ("Data Scientist", "Data Analyst", "Product Analyst", "BI Analyst"),
    "Machine Learning": ("Machine Learning Engineer", "ML Engineer", "AI Engineer", "Applied Scientist", "MLOps Engineer"),
    "DevOps/SRE": (
        "DevOps Engineer",
        "Site Reliability Engineer",
        "Platform Engineer",
        "Cloud Engineer",
        "Infrastructure Engineer",
    ),
    "Security": (
        "Security Engineer",
        "Information Security Analyst",
        "Penetration Tester",
        "Cloud Security Engineer",
        "SOC Analyst",
    ),
    "QA": ("QA Engineer", "Test Automation Engineer", "SDET", "Quality Assurance Analyst"),
    "Product": ("Product Manager", "Product Owner", "Technical Product Manager", "Group Product Manager"),
    "Design": ("Product Designer", "UX Designer", "UI/UX Designer", "UX Researcher"),
}


# The US federal IT Specialist (series 2210) titles name their specialty by an OPM code in parentheses
# ("IT Specialist (INFOSEC/NETWORK)"); a federal job seeker reads the code, a model and BM25 do not.
FEDERAL_SPECIALTIES = {
    "INFOSEC": "information security",
    "NETWORK": "network services",
    "SYSADMIN": "systems administration",
    "OS": "operating systems",
    "APPSW": "applications software development",
    "CUSTSPT": "customer support",
    "SYSANALYSIS": "systems analysis",
    "ENTARCH": "enterprise architecture",
    "DATAMGT": "data management",
    "PLCYPLN": "IT policy and planning",
    "INET": "internet services",
}
_SPECIALTY = re.compile(r"\(([A-Z]+(?:\s*/\s*[A-Z]+)*)\)")


def expand_title(title: str) -> str:
    """A title with the federal specialty codes it names spelled out: "IT Specialist (INFOSEC)" ->
    "IT Specialist (INFOSEC: information security)". Other titles are returned as they are."""

    def spelled(match: re.Match) -> str:
        codes = [c.strip() for c in match.group(1).split("/")]
        words = [FEDERAL_SPECIALTIES[c] for c in codes if c in FEDERAL_SPECIALTIES]
        return f"({match.group(1)}: {', '.join(words)})" if words else match.group(0)

    return _SPECIALTY.sub(spelled, title) if "(" in title else title


@lru_cache(maxsize=65536)
def specific_family(title: str) -> str | None:
    """The family a title names, or None when it names none ("Developer", "tech lead")."""
    title = expand_title(title or "")
    for family, pattern in _COMPILED:
        if pattern.search(title):
            return family
    return None


# The level words a title or a CV line carries, as words (the patterns below also read "Sr." and "II"): they say how
# senior, never which role. Shared by the generic title words here and the words role evidence leaves uncounted
# (``nploy.roles.lexical``).
LEVEL_WORDS = frozenset("senior junior lead principal staff".split())
# Words any developer title may carry; a title made of these alone ("software developer", "web app
# developer") names no role, however long it is.
GENERIC_WORDS = LEVEL_WORDS | frozenset(
    "software developer developers dev devs programmer engineer engineering web app apps application "
    "applications service services i ii iii".split()
)


# A level a desired title carries: a modifier before the role ("Senior", "Sr.", "Lead", "Principal"), a grade after
# it ("II") or an internship. The level is the seniority's to weigh (the preference part); left in the title, it
# was embedded as the role: "Senior Backend Engineer" ranked "Senior Data Scientist" above "Backend Developer", and
# a title with "Senior " in front lost 0.06 to 0.09 nDCG@10 on every set, "Lead " 0.10 to 0.14 (bench/RESULTS.md).
# "QA Lead" and "Tech Lead" keep their "Lead": there it is the role.
_LEVEL = re.compile(
    r"\b(?:senior|sr|junior|jr|mid[- ]level|mid[- ]senior|entry[- ]level|principal|staff|lead)\b\.?(?=\)?\s+\w)"
    r"|\b(?-i:I{1,3}|IV)$|\b(?:intern|internship|trainee)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def without_level(title: str) -> str:
    """The desired title without its level ("Senior Data Engineer" -> "Data Engineer"); "" when only a level."""
    bare = re.sub(r"\(\s*\)", " ", _LEVEL.sub(" ", title))
    return re.sub(r"\s+", " ", bare).strip(" -,/|")


def names_a_role(title: str) -> bool:
    """Whether a title says which role, not only that it is one ("Network Engineer", "Statistician":
    yes; "Software Developer", "web services developer": no)."""
    words = re.findall(r"[a-z0-9+#]+", (title or "").lower())
    return any(word not in GENERIC_WORDS for word in words)


def role_family(title: str) -> str:
    family = specific_family(title)
    if family:
        return family
    title = title or ""
    if OTHER_ENGINEERING.search(title) and not _SOFTWARE.search(title):
        return OTHER
    return GENERIC[0] if GENERIC[1].search(title) else OTHER


def role_families(titles: pd.Series) -> pd.Series:
    """Vectorised over a column; titles repeat a lot, so each distinct title is classified once."""
    unique = pd.Series(titles.unique())
    mapping = dict(zip(unique, unique.map(role_family)))
    return titles.map(mapping).astype("category")  # a dozen families: one small code per row
