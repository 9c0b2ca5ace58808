"""Build nploy/data/roles.json (and the role vectors of the default model) from O*NET and a curated role list.

Run from the project root:  python scripts/build_roles.py ../shared/data/onet

Why a curated list over O*NET: an O*NET occupation is coarser than a tech job board's role. "Software
Developers" holds the iOS developer, the back-end developer and the DevOps engineer, and its alternate
titles mix them with "Network Engineer". A role here is what a job board posts and a candidate asks for;
O*NET gives each role its evidence: the alternate and reported titles (all occupations) that read as that
role, and the task statements of the occupations it belongs to. The curated part is the role's title, a
pattern that recognises it in a posting's title, its O*NET occupations and the skills that point to it.

The role vectors of all-MiniLM-L6-v2 (the default model) are saved beside it, so neither the app nor
``nploy match`` embeds some 1,500 phrases at start; another model embeds them on first use.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ATTRIBUTION = (
    "This product includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET(R) is a trademark of USDOL/ETA. nploy has modified all or some of this information "
    "(roles grouped from occupations, alternate and reported titles and task statements). USDOL/ETA "
    "has not approved, endorsed, or tested these modifications."
)
MAX_PHRASES = 40  # alternate and reported titles kept per role (the shortest first: the plainest names)
MAX_TASKS = 30

# title | pattern over a posting title (federal codes spelled out) | O*NET occupations | skills that point to it
CURATED = r"""
Mobile Developer|\bmobile\b|\bios\b|android|flutter|react native|\bapp developer|swift developer|kotlin developer|15-1252.00|Swift;Kotlin;iOS;Android;Flutter;React Native;Objective-C;Xcode;SwiftUI;Jetpack Compose
Frontend Developer|front[- ]?end|\bui (developer|engineer)|react(\.js)? (developer|engineer)|angular|\bvue|javascript (developer|engineer)|15-1254.00|React;TypeScript;JavaScript;CSS;HTML;Angular;Vue.js;Redux;Webpack;Next.js
Backend Developer|back[- ]?end|server[- ]side|\bapi (developer|engineer)|\b(java|python|golang|go|\.net|php|ruby|rails|node(\.js)?|c#|scala|rust|django|spring) (developer|engineer|programmer)|applications software development|15-1252.00|Java;Spring Boot;Go;Python;Node.js;PostgreSQL;REST APIs;Microservices;Django;Kafka;gRPC
Full Stack Developer|full[- ]?stack|15-1254.00,15-1252.00|React;Node.js;TypeScript;JavaScript;PostgreSQL;Angular
DevOps Engineer|devops|dev ops|site reliability|\bsre\b|platform engineer|cloud (engineer|operations|platform)|infrastructure engineer|release engineer|build engineer|15-1244.00,15-1299.08|Kubernetes;Terraform;Docker;AWS;CI/CD;Ansible;Jenkins;Prometheus;Helm
QA Engineer|\bqa\b|quality assurance|software quality|quality engineer|\btest(ing)? (engineer|analyst|automation|developer|dev|lead|manager)\b|\btester\b|\bsdet\b|test automation|automation test|15-1253.00|Selenium;Cypress;Test Automation;JUnit;Playwright;TestNG;Postman;Appium
Data Scientist|data scien|applied scientist|\bai (specialist|scientist|expert)|artificial intelligence|15-2051.00|Python;scikit-learn;Machine Learning;pandas;R;Statistics;TensorFlow;PyTorch
Machine Learning Engineer|machine learning|\bml\b|deep learning|\bnlp\b|\bai engineer|mlops|computer vision|15-2051.00,15-1221.00|PyTorch;TensorFlow;Deep Learning;NLP;MLOps;Kubeflow;Machine Learning
Data Engineer|data engineer|analytics engineer|\betl\b|data platform|data warehous|big data|data pipeline|data integration|15-1243.01,15-1243.00|Apache Spark;Airflow;SQL;ETL;Kafka;dbt;Snowflake;BigQuery;Hadoop
Data Analyst|data analy|business intelligence|\bbi (analyst|developer|engineer)|reporting analyst|business analyst|analytics (specialist|analyst)|15-2051.01|SQL;Tableau;Power BI;Excel;Looker
Database Administrator|database|\bdba\b|data management|15-1242.00,15-1243.00|Oracle Database;Microsoft SQL Server;PostgreSQL;MySQL;SQL
Cybersecurity Engineer|secur|cyber|penetration|infosec|\bsoc\b|threat|vulnerability|incident response|forensic|15-1212.00,15-1299.05,15-1299.04|SIEM;Splunk;Penetration Testing;Burp Suite;Nessus;Network Security;Wireshark
Network Engineer|network|telecom|\bvoip\b|\bwan\b|\blan\b|15-1241.00,15-1231.00,15-1241.01|Cisco;Routing;Switching;Firewalls;VPN;TCP/IP;Wireshark
Systems Administrator|system(s)? admin|sysadmin|linux admin|windows admin|systems engineer|server admin|operating systems|15-1244.00|Linux;Windows Server;PowerShell;Bash;Active Directory;VMware
IT Support Specialist|help ?desk|service desk|desktop support|\bit support|technical support|user support|customer support|15-1232.00,15-1231.00|ServiceNow;Windows;Active Directory;Troubleshooting
Product Manager|product (manager|owner|lead|director|management)|head of product|~11-2021.00|Product Roadmapping;User Research;Agile;Jira
UX Designer|\bux\b|ui/ux|user experience|interaction design|product design|user research|service design|15-1255.00|Figma;Prototyping;User Research;Sketch;Adobe XD;Usability Testing
Graphic Designer|graphic|visual information|illustrat|multimedia|visual design|27-1024.00|Adobe Photoshop;Adobe Illustrator;Adobe InDesign
Technical Writer|writer|content (designer|strategist)|\beditor\b|technical documentation|27-3042.00|Markdown;Documentation
IT Project Manager|\bit (project|program)|(it|technical|software|technology|digital|tech) (project|program|delivery) manager|scrum master|agile (coach|delivery)|delivery manager|project manager|15-1299.09,13-1082.00|Jira;Agile;Scrum;Project Management
Solutions Architect|solutions? architect|software architect|technical architect|cloud architect|systems architect|15-1299.08|AWS;Microservices;Cloud Architecture
Enterprise Architect|enterprise architect|15-1299.08|TOGAF
Statistician|statistic|econometric|survey methodolog|15-2041.00,15-2041.01|R;SAS;Stata;Statistics
IT Policy Analyst|\bpolicy\b|policy and planning|\bgovernance\b|capital plan|15-1211.00,11-3021.00|
"""


# More skills that point to a role, read as evidence of it (``Catalogue.skill_roles``) but left out of the role's
# embedded skills line: half the taxonomy's skills (Spring, C#, .NET, Kafka as the taxonomy spells it) pointed
# to no role, while a longer skills line measured worse on the tuning parts (mean nDCG@10 0.752 against 0.756;
# the pointers alone 0.756, bench/RESULTS.md). Only skills that say which role; C, Git or SAP say none here. Added 2026-12-07: the
# languages and stores of back ends (Ruby, Rust, Elasticsearch, ...) and product analytics (a skills-only "Rust"
# read as Technical Writer from the name's embedding alone).
ALSO_POINTS = {
    "Mobile Developer": "Dart",
    "Frontend Developer": "Bootstrap;jQuery;Svelte;Tailwind CSS;Jest;Design Systems",
    "Backend Developer": "Apache Kafka;.NET;C#;Spring;Hibernate;Flask;FastAPI;Express;NestJS;Laravel;Symfony;PHP;"
    "Ruby on Rails;Elixir;RabbitMQ;Redis;MongoDB;GraphQL;Ruby;Rust;Clojure;Haskell;Groovy;Perl;Maven;Gradle;"
    "Elasticsearch;DynamoDB;WebSockets;pytest",
    "DevOps Engineer": "Chef;Puppet;GitHub Actions;GitLab CI;Datadog;Grafana;Nginx;OpenShift;Azure;Google Cloud",
    "QA Engineer": "JMeter;pytest",
    "Data Scientist": "NumPy;Jupyter;Keras;A/B Testing",
    "Machine Learning Engineer": "Hugging Face;LLMs;MLflow;Computer Vision;Keras",
    "Data Engineer": "Apache Kafka;Databricks;Hive;Amazon Redshift;Scala",
    "Data Analyst": "Google Analytics;Amplitude;Mixpanel",
    "Database Administrator": "NoSQL;Cassandra",
    "Cybersecurity Engineer": "Cryptography;IAM;ISO 27001;OWASP;SOC",
    "Systems Administrator": "UNIX;Perl",
    "IT Project Manager": "Kanban;Confluence",
    "Product Manager": "Amplitude;Mixpanel",
    "Statistician": "SPSS",
}

# O*NET has no occupation for a software product manager (it files "Product Manager" under marketing managers,
# whose tasks are pricing and trade shows), so the role's work is written here, in the plain duties of job
# postings for the role.
CURATED_TASKS = {
    "Product Manager": (
        "Define the product vision, strategy and roadmap.",
        "Decide which features to build next and prioritise the backlog with engineering and design.",
        "Talk to customers and users to learn their needs and problems.",
        "Write user stories, requirements and acceptance criteria for the development team.",
        "Measure adoption and product metrics after each release and decide what to change.",
        "Align stakeholders, sales and leadership on product priorities and trade-offs.",
    ),
}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _clean(title: str) -> str:
    """ "Quality Assurance Engineer (QA Engineer)" -> "Quality Assurance Engineer": the spelled-out name."""
    return re.sub(r"\s*\([^)]*\)", "", title).strip()


def build(onet: Path) -> dict:
    titles: dict[str, set[str]] = defaultdict(set)
    for row in _rows(onet / "alternate_titles.tsv"):
        titles[row["O*NET-SOC Code"]].add(_clean(row["Alternate Title"]))
    for row in _rows(onet / "sample_of_reported_titles.tsv"):
        titles[row["O*NET-SOC Code"]].add(_clean(row["Reported Job Title"]))
    tasks: dict[str, list[str]] = defaultdict(list)
    for row in _rows(onet / "task_statements.tsv"):
        if row["Task Type"] != "Supplemental":  # core tasks first: they say what the work is
            tasks[row["O*NET-SOC Code"]].append(row["Task"])
    lines = CURATED.strip().splitlines()
    # Phrases come from the occupations some role belongs to (computing, data, design, writing, IT management):
    # the same words elsewhere name other work ("Mobile Mechanic", "Cow Tester", "Police Chief").
    occupations = {code.lstrip("~") for line in lines for code in line.split("|")[-2].split(",") if code}
    every_title = {t for code in occupations for t in titles[code]}
    roles = []
    for line in lines:
        title, *middle, codes, skills = line.split("|")
        pattern = "|".join(middle)
        rule = re.compile(pattern, re.I)
        # Phrases: the titles, from any of those occupations, that name this role (O*NET files iOS developers
        # under software developers, QA analysts beside UX designers: the words decide, not the occupation).
        own = {t for code in codes.split(",") if code for t in titles[code.lstrip("~")]}
        phrases = sorted({t for t in every_title | own if rule.search(t)}, key=lambda t: (len(t), t))[:MAX_PHRASES]
        # "~CODE": an occupation for the role's names only (a tech product manager's work is not the marketing
        # manager's, whose occupation O*NET files "Product Manager" under).
        role_tasks = [t for code in codes.split(",") if code and not code.startswith("~") for t in tasks[code]][:MAX_TASKS]
        role_tasks += CURATED_TASKS.get(title, ())
        roles.append(
            {
                "title": title,
                "pattern": pattern,
                "onet": [c.lstrip("~") for c in codes.split(",") if c],
                "skills": [s for s in skills.split(";") if s],
                "also_points": [s for s in ALSO_POINTS.get(title, "").split(";") if s],
                "phrases": phrases,
                "tasks": role_tasks,
            }
        )
    digest = hashlib.sha256(json.dumps(roles, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return {"attribution": ATTRIBUTION, "catalogue": digest, "roles": roles}


def main() -> None:
    onet = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/onet")
    payload = build(onet)
    out = Path(__file__).resolve().parents[1] / "nploy" / "data" / "roles.json"
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(payload['roles'])} roles -> {out}")
    from nploy.roles.model import save_default_vectors  # the default model's vectors, beside the catalogue

    print(f"role vectors -> {save_default_vectors()}")


if __name__ == "__main__":
    main()
