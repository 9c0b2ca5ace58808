"""The figures the synthetic demo data is calibrated on (see docs/demo-data.md).

Long module: it is data (countries, cities, roles with their stacks and duties), one entry per
line so a reviewer can compare it with the sources; there is no logic to split out.

Salary medians are for a mid-level back-end developer, annual gross, in EUR, rounded from public
reports (sources in docs/demo-data.md): role factors and seniority multipliers scale them. Work-mode
shares are the 2024 starting point per country; ``ROLES`` adjusts them per role and ``generator``
drifts them over the 24 months (fewer fully remote postings, more hybrid).
"""

from __future__ import annotations

from dataclasses import dataclass

from nploy.vocabulary.roles import TITLES


@dataclass(frozen=True)
class Country:
    code: str
    currency: str
    mid_backend_eur: float
    weight: float  # share of postings
    remote: float  # 2024 share of fully remote postings
    hybrid: float
    disclosure: float  # share of postings that state pay
    monthly_pay_share: float  # share of disclosed ranges quoted per month
    cities: tuple[tuple[str, float, float], ...]  # (city, weight, pay factor)


COUNTRIES: tuple[Country, ...] = (
    Country(
        "US",
        "USD",
        118_000,
        0.20,
        0.22,
        0.36,
        0.62,
        0.0,
        (
            ("New York", 0.25, 1.10),
            ("San Francisco", 0.2, 1.20),
            ("Seattle", 0.15, 1.10),
            ("Austin", 0.15, 0.95),
            ("Boston", 0.12, 1.0),
            ("Chicago", 0.13, 0.92),
        ),
    ),
    Country(
        "CA",
        "CAD",
        78_000,
        0.05,
        0.24,
        0.40,
        0.55,
        0.0,
        (("Toronto", 0.5, 1.0), ("Vancouver", 0.3, 1.02), ("Montreal", 0.2, 0.92)),
    ),
    Country(
        "GB",
        "GBP",
        72_000,
        0.10,
        0.16,
        0.58,
        0.72,
        0.0,
        (("London", 0.65, 1.12), ("Manchester", 0.2, 0.88), ("Edinburgh", 0.15, 0.9)),
    ),
    Country(
        "DE", "EUR", 66_000, 0.12, 0.12, 0.55, 0.38, 0.0, (("Berlin", 0.4, 1.0), ("Munich", 0.35, 1.08), ("Hamburg", 0.25, 0.98))
    ),
    Country(
        "NL",
        "EUR",
        62_000,
        0.06,
        0.10,
        0.60,
        0.48,
        0.1,
        (("Amsterdam", 0.6, 1.04), ("Rotterdam", 0.2, 0.95), ("Utrecht", 0.2, 0.96)),
    ),
    Country("IE", "EUR", 68_000, 0.03, 0.12, 0.58, 0.50, 0.0, (("Dublin", 1.0, 1.0),)),
    Country("FR", "EUR", 50_000, 0.05, 0.08, 0.52, 0.55, 0.0, (("Paris", 0.7, 1.06), ("Lyon", 0.3, 0.9))),
    Country("ES", "EUR", 40_000, 0.05, 0.20, 0.45, 0.50, 0.0, (("Madrid", 0.5, 1.03), ("Barcelona", 0.5, 1.0))),
    Country("PT", "EUR", 34_000, 0.04, 0.26, 0.44, 0.45, 0.2, (("Lisbon", 0.65, 1.03), ("Porto", 0.35, 0.95))),
    Country(
        "PL", "PLN", 42_000, 0.07, 0.28, 0.42, 0.78, 0.7, (("Warsaw", 0.45, 1.06), ("Krakow", 0.3, 0.98), ("Wroclaw", 0.25, 0.95))
    ),
    Country("CZ", "CZK", 40_000, 0.03, 0.14, 0.50, 0.55, 0.8, (("Prague", 0.7, 1.04), ("Brno", 0.3, 0.92))),
    Country(
        "RO",
        "RON",
        34_000,
        0.06,
        0.27,
        0.45,
        0.42,
        0.6,
        (("Bucharest", 0.6, 1.04), ("Cluj-Napoca", 0.25, 0.98), ("Iasi", 0.15, 0.88)),
    ),
    Country(
        "BG", "BGN", 32_000, 0.08, 0.26, 0.46, 0.46, 0.8, (("Sofia", 0.78, 1.03), ("Plovdiv", 0.14, 0.86), ("Varna", 0.08, 0.84))
    ),
    Country("SE", "SEK", 56_000, 0.03, 0.10, 0.62, 0.40, 0.8, (("Stockholm", 0.75, 1.02), ("Gothenburg", 0.25, 0.95))),
    Country("CH", "CHF", 108_000, 0.03, 0.06, 0.52, 0.45, 0.0, (("Zurich", 0.7, 1.02), ("Geneva", 0.3, 1.0))),
)


@dataclass(frozen=True)
class Role:
    family: str
    titles: tuple[str, ...]
    onet_codes: tuple[str, ...]
    stacks: tuple[tuple[str, ...], ...]  # one stack is chosen per listing: its skills are core
    extras: tuple[str, ...]  # drawn with lower probability
    pay_factor: float
    remote_factor: float
    weight: float
    duties: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        "Back-end",
        TITLES["Back-end"],
        ("15-1252.00",),
        (
            ("Python", "Django", "PostgreSQL", "REST APIs"),
            ("Python", "FastAPI", "PostgreSQL", "Docker"),
            ("Java", "Spring Boot", "Hibernate", "PostgreSQL"),
            ("Go", "PostgreSQL", "gRPC", "Kubernetes"),
            ("Node.js", "TypeScript", "Express", "MongoDB"),
            ("C#", ".NET", "Microsoft SQL Server", "Azure"),
            ("PHP", "Laravel", "MySQL", "Redis"),
            ("Ruby", "Ruby on Rails", "PostgreSQL", "Redis"),
            ("Kotlin", "Spring Boot", "Apache Kafka", "PostgreSQL"),
        ),
        (
            "Docker",
            "Kubernetes",
            "AWS",
            "Redis",
            "Apache Kafka",
            "Microservices",
            "GraphQL",
            "Git",
            "CI/CD",
            "Linux",
            "RabbitMQ",
            "Elasticsearch",
            "Terraform",
        ),
        1.0,
        1.1,
        0.20,
        (
            "design and build APIs used by millions of requests a day",
            "own services end to end, from design docs to on-call",
            "improve the performance and reliability of our data layer",
            "work with product to shape the roadmap of the platform",
            "review code and mentor other engineers",
            "break a monolith into well-defined services",
        ),
    ),
    Role(
        "Front-end",
        TITLES["Front-end"],
        ("15-1254.00", "15-1255.00"),
        (
            ("JavaScript", "TypeScript", "React", "Redux"),
            ("TypeScript", "Angular", "HTML", "CSS"),
            ("JavaScript", "Vue.js", "HTML", "CSS"),
            ("TypeScript", "React", "Next.js", "Tailwind CSS"),
            ("TypeScript", "Svelte", "CSS", "HTML"),
        ),
        ("Jest", "Cypress", "Webpack", "GraphQL", "Figma", "Git", "Design Systems", "Node.js", "Playwright", "REST APIs"),
        0.92,
        1.1,
        0.13,
        (
            "build accessible, fast interfaces",
            "turn Figma designs into polished components",
            "own our design system in code",
            "improve Core Web Vitals across the product",
            "work closely with designers and back-end engineers",
        ),
    ),
    Role(
        "Full-stack",
        TITLES["Full-stack"],
        ("15-1252.00", "15-1254.00"),
        (
            ("TypeScript", "React", "Node.js", "PostgreSQL"),
            ("Python", "Django", "React", "PostgreSQL"),
            ("Ruby", "Ruby on Rails", "React", "PostgreSQL"),
            ("PHP", "Laravel", "Vue.js", "MySQL"),
            ("C#", ".NET", "Angular", "Microsoft SQL Server"),
            ("Java", "Spring Boot", "Angular", "PostgreSQL"),
        ),
        ("Docker", "AWS", "GraphQL", "Redis", "Git", "CI/CD", "Next.js", "Jest", "Kubernetes", "REST APIs"),
        0.97,
        1.15,
        0.13,
        (
            "ship features across the stack, from database to UI",
            "own product areas end to end",
            "keep our codebase healthy and tested",
            "work in a small, autonomous squad",
        ),
    ),
    Role(
        "Mobile",
        TITLES["Mobile"],
        ("15-1252.00",),
        (
            ("Swift", "iOS", "SwiftUI"),
            ("Kotlin", "Android", "Jetpack Compose"),
            ("Flutter", "Dart"),
            ("React Native", "TypeScript", "JavaScript"),
        ),
        ("Git", "CI/CD", "REST APIs", "GraphQL", "Objective-C", "Java", "Figma", "Agile"),
        0.98,
        1.0,
        0.07,
        (
            "build apps used by hundreds of thousands of people",
            "own releases to the App Store and Google Play",
            "improve app start time and stability",
            "work with designers on a native feel",
        ),
    ),
    Role(
        "Data Engineering",
        TITLES["Data Engineering"],
        ("15-1243.00", "15-2051.00"),
        (
            ("Python", "Apache Spark", "Airflow", "SQL"),
            ("SQL", "dbt", "Snowflake", "Airflow"),
            ("Scala", "Apache Spark", "Apache Kafka", "Hadoop"),
            ("Python", "BigQuery", "dbt", "SQL"),
            ("Python", "Databricks", "Apache Spark", "Azure"),
        ),
        (
            "AWS",
            "Apache Kafka",
            "Docker",
            "Kubernetes",
            "Terraform",
            "Amazon Redshift",
            "PostgreSQL",
            "ETL",
            "Git",
            "Google Cloud",
        ),
        1.02,
        1.15,
        0.08,
        (
            "build reliable batch and streaming pipelines",
            "model data for analytics and machine learning",
            "own data quality and lineage",
            "work with analysts to make data self-serve",
        ),
    ),
    Role(
        "Data Science",
        TITLES["Data Science"],
        ("15-2051.00", "15-2051.01", "15-2041.00"),
        (
            ("Python", "pandas", "scikit-learn", "SQL"),
            ("R", "SQL", "Tableau"),
            ("SQL", "Power BI", "Excel"),
            ("Python", "SQL", "A/B Testing", "Looker"),
        ),
        ("Machine Learning", "Jupyter", "NumPy", "Apache Spark", "BigQuery", "Snowflake", "Tableau", "Git", "Deep Learning"),
        0.95,
        1.05,
        0.08,
        (
            "turn data into decisions for product and marketing",
            "design and analyse experiments",
            "build forecasting models",
            "present findings to leadership",
        ),
    ),
    Role(
        "Machine Learning",
        TITLES["Machine Learning"],
        ("15-2051.00", "15-1221.00"),
        (
            ("Python", "PyTorch", "Machine Learning", "Deep Learning"),
            ("Python", "TensorFlow", "Machine Learning", "Keras"),
            ("Python", "LLMs", "Hugging Face", "NLP"),
            ("Python", "MLOps", "Kubernetes", "MLflow"),
            ("Python", "PyTorch", "Computer Vision"),
        ),
        ("Docker", "AWS", "Google Cloud", "Apache Spark", "SQL", "scikit-learn", "NumPy", "pandas", "Kubernetes", "C++"),
        1.15,
        1.1,
        0.07,
        (
            "train and ship models to production",
            "build retrieval and ranking systems",
            "fine-tune language models on our data",
            "own the ML platform and its monitoring",
        ),
    ),
    Role(
        "DevOps/SRE",
        TITLES["DevOps/SRE"],
        ("15-1244.00", "15-1299.08", "15-1241.00"),
        (
            ("Kubernetes", "Terraform", "AWS", "Docker"),
            ("Kubernetes", "Helm", "Google Cloud", "Go"),
            ("Azure", "Terraform", "PowerShell", "CI/CD"),
            ("Linux", "Ansible", "Bash", "Python"),
            ("AWS", "Docker", "Jenkins", "Python"),
        ),
        (
            "Prometheus",
            "Grafana",
            "GitHub Actions",
            "GitLab CI",
            "CI/CD",
            "Nginx",
            "Datadog",
            "Linux",
            "Bash",
            "OpenShift",
            "Puppet",
        ),
        1.05,
        1.2,
        0.09,
        (
            "run production infrastructure with high availability",
            "automate everything as code",
            "own incident response and SLOs",
            "build an internal developer platform",
            "cut cloud costs without hurting reliability",
        ),
    ),
    Role(
        "Security",
        TITLES["Security"],
        ("15-1212.00", "15-1299.04", "15-1299.05"),
        (
            ("SIEM", "SOC", "Network Security", "Splunk"),
            ("Penetration Testing", "Burp Suite", "OWASP", "Python"),
            ("AWS", "IAM", "Terraform", "Kubernetes"),
            ("ISO 27001", "Network Security", "IAM", "Cryptography"),
        ),
        ("Linux", "Python", "Wireshark", "Nessus", "Bash", "Azure", "Docker"),
        1.05,
        0.95,
        0.05,
        (
            "protect our customers' data",
            "run threat modelling with product teams",
            "respond to security incidents",
            "harden our cloud estate",
        ),
    ),
    Role(
        "QA",
        TITLES["QA"],
        ("15-1253.00",),
        (
            ("Selenium", "Java", "Test Automation"),
            ("Cypress", "JavaScript", "Test Automation"),
            ("Playwright", "TypeScript", "Test Automation"),
            ("Python", "pytest", "Test Automation"),
            ("Postman", "JMeter", "REST APIs"),
        ),
        ("CI/CD", "Jira", "Agile", "Git", "SQL", "Jenkins", "Docker", "JUnit"),
        0.82,
        1.0,
        0.06,
        (
            "own the test strategy of a product area",
            "automate regression suites",
            "find bugs before our customers do",
            "improve release confidence",
        ),
    ),
    Role(
        "Product",
        TITLES["Product"],
        ("15-1299.09", "11-3021.00"),
        (
            ("Product Roadmapping", "Agile", "Jira"),
            ("A/B Testing", "SQL", "Amplitude"),
            ("Scrum", "Jira", "Confluence"),
            ("Product Roadmapping", "Mixpanel", "Google Analytics"),
        ),
        ("Figma", "SQL", "Agile", "Kanban", "User Research", "Confluence"),
        1.05,
        0.95,
        0.05,
        (
            "own the roadmap of a product line",
            "talk to customers every week",
            "define success metrics and track them",
            "align engineering, design and sales",
        ),
    ),
    Role(
        "Design",
        TITLES["Design"],
        ("15-1255.00", "27-1024.00"),
        (
            ("Figma", "Prototyping", "Design Systems"),
            ("Figma", "User Research", "Prototyping"),
            ("Sketch", "Adobe XD", "Prototyping"),
            ("Adobe Photoshop", "Adobe Illustrator", "Figma"),
        ),
        ("HTML", "CSS", "User Research", "A/B Testing", "Design Systems", "Agile"),
        0.85,
        1.1,
        0.05,
        ("design end-to-end experiences", "run usability tests", "shape our design system", "work with PMs on discovery"),
    ),
)

SENIORITY_SHARE = {"intern": 0.04, "junior": 0.18, "mid": 0.36, "senior": 0.30, "lead": 0.12}
SENIORITY_PAY = {"intern": 0.42, "junior": 0.68, "mid": 1.0, "senior": 1.36, "lead": 1.66}
SENIORITY_YEARS = {"intern": "0", "junior": "1+", "mid": "3+", "senior": "5+", "lead": "8+"}
SENIORITY_PREFIX = {"intern": "Intern", "junior": "Junior", "mid": "", "senior": "Senior", "lead": "Lead"}

INDUSTRIES = (
    "fintech",
    "e-commerce",
    "health tech",
    "logistics",
    "gaming",
    "SaaS",
    "travel",
    "energy",
    "insurance",
    "media",
    "cybersecurity",
    "automotive",
    "edtech",
    "telecom",
    "retail banking",
)
BENEFITS = (
    "25+ days of paid holiday",
    "a yearly learning budget",
    "private health insurance",
    "stock options",
    "flexible working hours",
    "a home-office allowance",
    "a pension plan with employer match",
    "parental leave above the legal minimum",
    "a MacBook or Linux laptop of your choice",
    "conference tickets and travel",
    "team offsites twice a year",
    "a gym membership",
    "meal vouchers",
    "a relocation package",
    "4-day work week in summer",
)

# Company names are made of two syllables and a suffix; descriptions open with an intro and say where.
SYLLABLES = (
    "nova",
    "tek",
    "lum",
    "byte",
    "flux",
    "ver",
    "sol",
    "kin",
    "data",
    "cloud",
    "quant",
    "zen",
    "orbit",
    "pix",
    "stack",
    "mint",
    "arc",
    "core",
    "hive",
    "wave",
    "grid",
    "loop",
    "node",
    "volt",
)
SUFFIXES = ("Labs", "Systems", "Technologies", "Software", "Group", "AI", "Digital", "Solutions", "", "", "")
INTROS = (
    "{company} is a {industry} company building products for customers across Europe and North America.",
    "At {company} we build {industry} software that people rely on every day.",
    "{company} ({industry}) is growing its engineering team in {city}.",
    "Join {company}, a fast-growing {industry} scale-up.",
)
WHERE = {
    "remote": (
        "This role is fully remote.",
        "Work from anywhere in our time zones; we are remote-first.",
        "Remote position, with an optional team meetup each quarter.",
    ),
    "hybrid": (
        "Hybrid: two to three days a week in our {city} office.",
        "Hybrid role based in {city}.",
        "We work hybrid from {city}, with flexible office days.",
    ),
    "onsite": (
        "This role is on-site in {city}.",
        "You will work from our {city} office.",
        "Office-based in {city}, with occasional home days.",
    ),
}
