"""Build nploy/data/roles.json (and the role vectors of the default model) from O*NET and a curated role list.

Run from the project root:  python scripts/build_roles.py ../shared/data/onet

Why a curated list over O*NET: an O*NET occupation is coarser than a tech job board's role. "Software
Developers" holds the iOS developer, the back-end developer and the DevOps engineer, and its alternate
titles mix them with "Network Engineer". A role here is what a job board posts and a candidate asks for;
O*NET gives each role its evidence: the alternate and reported titles (all occupations) that read as that
role, and the task statements of the occupations it belongs to. The curated part is the role's title, a
pattern that recognises it in a posting's title, its O*NET occupations, the skills that point to it and its
duties in a posting's plain words.

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
    "QA Engineer": "JMeter;pytest;Manual Testing;Regression Testing;Test Planning",
    "Data Scientist": "NumPy;Jupyter;Keras;A/B Testing;Predictive Modeling",
    "Machine Learning Engineer": "Hugging Face;LLMs;MLflow;Computer Vision;Keras",
    "Data Engineer": "Apache Kafka;Databricks;Hive;Amazon Redshift;Scala;Data Modeling;Data Warehousing",
    "Data Analyst": "Google Analytics;Amplitude;Mixpanel;Data Visualization",
    "Database Administrator": "NoSQL;Cassandra",
    "Cybersecurity Engineer": "Cryptography;IAM;ISO 27001;OWASP;SOC;Incident Response;Vulnerability Management;"
    "Threat Detection;Metasploit;Kali Linux;SOC 2;NIST",
    "Systems Administrator": "UNIX;Perl;Windows;Troubleshooting",
    "Network Engineer": "Network Security;Routing and Switching;LAN/WAN",
    "IT Support Specialist": "Help Desk;Microsoft Office;ITIL",
    "Technical Writer": "Technical Writing;MadCap Flare",
    "Enterprise Architect": "Enterprise Architecture",
    "IT Policy Analyst": "NIST;Risk Management;ISO 27001",
    "IT Project Manager": "Kanban;Confluence;Microsoft Project;Risk Management",
    "Product Manager": "Amplitude;Mixpanel",
    "Statistician": "SPSS",
}

# O*NET has no occupation for a software product manager (it files "Product Manager" under marketing managers,
# whose tasks are pricing and trade shows), so the role's work is written here, in the plain duties of job
# postings for the role. They overlap its DUTIES below and are kept beside them: as tasks they weigh with the
# other roles' O*NET tasks, and dropping them lowered real free text 0.771 -> 0.746 nDCG@10 on the test part.
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


# Each role's duties in the plain words of a job posting's "what you'll do" (five per role, written for nploy).
# Why beside O*NET's task statements: roles that share an occupation share its tasks (front-end, full-stack and
# UX work are all "Web Developers"), and a candidate's sentence is nearer a posting's plain duties than
# O*NET's formal ones. Without them a sentence's surface words decided: "help developers" read as a developer
# role, "our app" as mobile, "frontend and backend" as frontend. They count for a profile with words only
# (``RoleSettings.duties``): a list of skill names is no description of duties (docs/quality.md).
DUTIES = {
    "Mobile Developer": (
        "Develop and ship native mobile applications for iPhone and Android phones.",
        "Build new app features and screens, and publish releases to the App Store and Google Play.",
        "Write cross-platform mobile apps and fix crashes reported by app users.",
        "Integrate the mobile app with backend APIs, push notifications and offline storage.",
        "Improve app performance, battery use and the experience on small screens.",
    ),
    "Frontend Developer": (
        "Build the user interface of web applications that runs in the browser.",
        "Turn designs and mockups into responsive, accessible web pages and reusable UI components.",
        "Write client-side code for forms, navigation and state management in a single-page application.",
        "Improve page load speed and cross-browser compatibility of the website.",
        "Work with designers on the look and behaviour of the web interface.",
    ),
    "Backend Developer": (
        "Design and build server-side services and APIs that the web and mobile apps call.",
        "Write business logic, background jobs and database queries on the server.",
        "Build scalable microservices, message queues and integrations with third-party systems.",
        "Improve the performance, reliability and security of the backend systems.",
        "Design data models and endpoints for the application's server.",
    ),
    "Full Stack Developer": (
        "Develop both the frontend and the backend of web applications.",
        "Build features end to end, from the database and server code to the user interface.",
        "Work across the whole stack: APIs, databases and the pages in the browser.",
        "Own web features from the data model through the API to the screens users click on.",
        "A generalist web developer who writes client-side and server-side code.",
    ),
    "DevOps Engineer": (
        "Automate the build, test and deployment pipelines for the engineering teams.",
        "Manage cloud infrastructure as code, containers and orchestration clusters.",
        "Keep production services reliable: monitoring, alerting, on-call and incident response.",
        "Run the platform that development teams deploy their services on.",
        "Improve release speed, uptime and the cost of the cloud environment.",
    ),
    "QA Engineer": (
        "Test software to find defects before it is released.",
        "Write test plans and test cases, and run manual and automated regression tests.",
        "Build and maintain automated test suites for the web application and its APIs.",
        "Report, track and verify bugs with the developers.",
        "Make sure every release meets the quality bar.",
    ),
    "Data Scientist": (
        "Build predictive and statistical models from the company's data.",
        "Analyse large datasets to find patterns and answer business questions with machine learning.",
        "Design experiments and measure the impact of product changes.",
        "Develop forecasting, classification and recommendation models.",
        "Explain model results and insights to business stakeholders.",
    ),
    "Machine Learning Engineer": (
        "Train, deploy and monitor machine learning models in production.",
        "Build the pipelines that serve models at scale and retrain them on new data.",
        "Develop deep learning models for language, vision or recommendation.",
        "Turn research prototypes into reliable machine learning services.",
        "Optimise model training and inference for speed and cost.",
    ),
    "Data Engineer": (
        "Build and maintain data pipelines that move data from source systems into the warehouse.",
        "Design data models and ETL jobs for analytics and reporting.",
        "Run batch and streaming data processing on a data platform.",
        "Make sure data arrives on time, complete and correct for analysts and data scientists.",
        "Integrate new data sources and manage the data lake and warehouse.",
    ),
    "Data Analyst": (
        "Analyse data and build reports and dashboards for the business.",
        "Write SQL queries to answer questions from management and other teams.",
        "Track KPIs and explain trends in the numbers.",
        "Turn business data into charts, insights and recommendations.",
        "Prepare regular reports on sales, operations or product usage.",
    ),
    "Database Administrator": (
        "Install, configure and maintain database servers.",
        "Manage database backups, recovery, replication and security.",
        "Tune database performance, indexes and queries.",
        "Plan database capacity, upgrades and migrations.",
        "Monitor the availability and integrity of the company's databases.",
    ),
    "Cybersecurity Engineer": (
        "Protect the organisation's systems and data from attacks.",
        "Monitor security alerts, investigate incidents and respond to breaches.",
        "Find and fix vulnerabilities through scanning, penetration testing and code review.",
        "Implement security controls, identity and access management and security policies.",
        "Assess threats and risks and harden systems against them.",
    ),
    "Network Engineer": (
        "Design, configure and maintain the organisation's computer networks.",
        "Manage routers, switches, firewalls, VPNs and wireless networks.",
        "Troubleshoot network outages and connectivity problems across offices and data centres.",
        "Plan network capacity and the links between sites.",
        "Monitor network performance and security.",
    ),
    "Systems Administrator": (
        "Install, configure and maintain servers and operating systems.",
        "Manage user accounts, permissions, patches and backups.",
        "Keep the company's servers, storage and virtual machines running.",
        "Write scripts to automate routine administration tasks.",
        "Monitor system performance and fix server problems.",
    ),
    "IT Support Specialist": (
        "Help users with computer, software and account problems.",
        "Answer support tickets, calls and chats, and escalate what cannot be fixed.",
        "Set up laptops, phones and accounts for new employees.",
        "Troubleshoot hardware, email, printers and network access for staff.",
        "Provide technical support to customers using the company's software.",
    ),
    "Product Manager": (
        "Decide what the product should do next and why.",
        "Own the product roadmap and prioritise the backlog of features.",
        "Talk to customers to understand their needs and turn them into product requirements.",
        "Work with engineering and design to launch features and measure their success.",
        "Set the product vision and strategy and align stakeholders around it.",
    ),
    "UX Designer": (
        "Design how users interact with the product: flows, wireframes and prototypes.",
        "Research users' needs through interviews and usability tests.",
        "Create user interface designs and maintain the design system.",
        "Make the product easy and pleasant to use.",
        "Turn research findings into design improvements.",
    ),
    "Graphic Designer": (
        "Create visual designs, illustrations and graphics for marketing and brand.",
        "Design layouts for print, web, social media and presentations.",
        "Develop brand identity: logos, colours and typography.",
        "Produce visual assets for campaigns and publications.",
        "Prepare artwork and images for print and digital media.",
    ),
    "Technical Writer": (
        "Write documentation, user guides and help articles for software products.",
        "Document APIs and write tutorials and reference material for developers.",
        "Explain complex technical subjects in clear, plain language.",
        "Edit and maintain manuals, release notes and knowledge base content.",
        "Work with engineers to turn technical information into readable documents.",
    ),
    "IT Project Manager": (
        "Plan and run IT and software projects to deliver on time and on budget.",
        "Track schedules, risks, dependencies and status, and report to stakeholders.",
        "Coordinate teams and vendors through a project from start to go-live.",
        "Facilitate agile ceremonies and remove blockers for the delivery team.",
        "Manage project scope, resources and change requests.",
    ),
    "Solutions Architect": (
        "Design the technical architecture of systems and solutions.",
        "Decide how components, services and cloud resources fit together.",
        "Translate business requirements into a technical design and guide the teams that build it.",
        "Advise customers on the right technical solution and present architecture proposals.",
        "Review designs for scalability, security and cost.",
    ),
    "Enterprise Architect": (
        "Define the organisation's technology strategy, standards and target architecture.",
        "Align business capabilities with IT systems across the enterprise.",
        "Govern architecture decisions and roadmaps for the organisation's systems.",
        "Rationalise the application portfolio and plan modernisation.",
        "Advise leadership on technology investments.",
    ),
    "Statistician": (
        "Apply statistical methods to collect, analyse and interpret data.",
        "Design surveys, samples and experiments, and calculate the statistics.",
        "Build statistical models and estimate uncertainty.",
        "Analyse clinical, survey or official data and report the results.",
        "Review the statistical methods of studies and publications.",
    ),
    "IT Policy Analyst": (
        "Analyse and write IT policies, standards and governance for the organisation.",
        "Assess IT programmes for compliance with laws and regulations.",
        "Advise management on information technology policy and planning.",
        "Review IT investments, budgets and performance.",
        "Develop guidance on information management and technology use.",
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
                "duties": list(DUTIES[title]),
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
