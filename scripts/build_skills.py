"""Build nploy/data/skills.json from O*NET Technology Skills plus a curated tech-market list.

Run from the project root:  python scripts/build_skills.py ../shared/data/onet

Why a build step: O*NET names technologies the way a procurement catalogue does ("Oracle Java",
"Structured query language SQL", "IBM Terraform"); job ads say "Java", "SQL", "Terraform". The
curated table below maps the O*NET names we keep to the names the tech market uses, adds the
aliases people write (k8s, postgres, golang) and a category. O*NET contributes which technologies
exist, which are "Hot Technology", and which occupations use them (the demo generator draws
skills per role from those links).

Alias syntax: a leading "=" marks an alias matched case-sensitively and only as a standalone
token (Go, R, C, Swift), because in lower case it is an English word or a letter.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ATTRIBUTION = (
    "This product includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET(R) is a trademark of USDOL/ETA. nploy has modified all or some of this information "
    "(canonical names, aliases, categories). USDOL/ETA has not approved, endorsed, or tested these "
    "modifications."
)

# canonical | category | aliases (comma separated) | O*NET "Example" names (semicolon separated)
CURATED = """
Python|Language|python3,py|Python
Java|Language|java8,java 11,java 17,=J2EE|Oracle Java;Oracle Java 2 Platform Enterprise Edition J2EE
JavaScript|Language|=JS,ecmascript,es6|JavaScript
TypeScript|Language||TypeScript
Go|Language|golang,=Go|Go
Rust|Language|=Rust,rustlang|
C|Language|=C|C
C++|Language|cpp,c plus plus|C++
C#|Language|csharp,c sharp,=C#.NET|C#;Microsoft Visual C# .NET
PHP|Language|php7,php8|PHP
Ruby|Language|=Ruby|Ruby
Kotlin|Language||
Swift|Language|=Swift|Swift
Objective-C|Language|objective c,objc|Objective C
Scala|Language||Scala
R|Language|=R|R
Perl|Language|=Perl|Perl
Bash|Language|shell scripting,shell script,=Shell|Bash;Shell script;UNIX Shell
PowerShell|Language||Microsoft PowerShell
SQL|Language|=T-SQL,transact-sql,pl/sql,plsql|Structured query language SQL;Transact-SQL;Oracle PL/SQL
Dart|Language|=Dart|
Elixir|Language||
Haskell|Language||
Clojure|Language||
Groovy|Language|=Groovy|Apache Groovy
MATLAB|Language|=Matlab|The MathWorks MATLAB
Solidity|Language||
HTML|Web|html5|Hypertext markup language HTML
CSS|Web|css3,scss,sass|Cascading style sheets CSS
React|Framework|react.js,reactjs,=React|React
React Native|Framework|react-native|
Angular|Framework|angularjs,angular.js|Google Angular
Vue.js|Framework|vue,vuejs|Vue.js
Svelte|Framework|sveltekit|
Next.js|Framework|nextjs|
Node.js|Framework|node,nodejs|Node.js
Express|Framework|express.js,expressjs|
NestJS|Framework|nest.js|
Django|Framework||Django
Flask|Framework|=Flask|
FastAPI|Framework|fast api|
Spring Boot|Framework|springboot|Spring Boot
Spring|Framework|=Spring,spring framework|Spring Framework
Hibernate|Framework||Hibernate ORM
.NET|Framework|dotnet,.net core,.net framework,asp.net,asp.net core|Microsoft .NET Framework;Microsoft ASP.NET;Microsoft ASP.NET Core MVC
Ruby on Rails|Framework|rails,=RoR|Ruby on Rails
Laravel|Framework||
Symfony|Framework||
jQuery|Framework||jQuery
Bootstrap|Framework||Bootstrap
Tailwind CSS|Framework|tailwind,tailwindcss|
Redux|Framework||
GraphQL|API|graphql api|GraphQL
REST APIs|API|rest,restful,rest api,restful api,restful apis|RESTful API
gRPC|API||
Microservices|Architecture|microservice,microservices architecture|Microservices Architecture
Flutter|Mobile||
iOS|Mobile|=iOS|Apple iOS
Android|Mobile|=Android|Google Android
SwiftUI|Mobile||
Jetpack Compose|Mobile||
PostgreSQL|Database|postgres,psql,postgresql db|PostgreSQL
MySQL|Database|mariadb|MySQL
Microsoft SQL Server|Database|mssql,sql server,ms sql|Microsoft SQL Server
Oracle Database|Database|oracle db,=Oracle|Oracle Database
MongoDB|Database|mongo|MongoDB
Redis|Database||Redis
Cassandra|Database|apache cassandra|Apache Cassandra
DynamoDB|Database|amazon dynamodb|Amazon DynamoDB
Elasticsearch|Database|elastic search,opensearch,=ELK|Elasticsearch
NoSQL|Database||NoSQL
SQLite|Database||
Snowflake|Data|=Snowflake|
BigQuery|Data|google bigquery|
Amazon Redshift|Data|redshift|Amazon Redshift
Apache Kafka|Data|kafka|Apache Kafka
Apache Spark|Data|spark,pyspark|Apache Spark
Hadoop|Data|apache hadoop,hdfs|Apache Hadoop
Hive|Data|apache hive|Apache Hive
Airflow|Data|apache airflow|
dbt|Data|=dbt,data build tool|
Databricks|Data||
Tableau|Data||Tableau
Power BI|Data|powerbi|Microsoft Power BI
Looker|Data|=Looker|
pandas|Data|=pandas,=Pandas|
NumPy|Data|numpy|
Jupyter|Data|jupyter notebook,jupyterlab|Jupyter Notebook
ETL|Data|=ETL,elt|
Excel|Data|=Excel,ms excel|Microsoft Excel
SAS|Data|=SAS|SAS
SPSS|Data|ibm spss|IBM SPSS Statistics
TensorFlow|ML|tensor flow,tf2|TensorFlow
PyTorch|ML|torch|
scikit-learn|ML|sklearn,scikit learn|
Keras|ML||
Machine Learning|ML|=ML,machine-learning|
Deep Learning|ML|deep-learning|
NLP|ML|natural language processing|
Computer Vision|ML|=CV models,opencv|
LLMs|ML|=LLM,large language models,large language model,generative ai,genai|OpenAI ChatGPT
MLOps|ML|ml ops|
Hugging Face|ML|huggingface,transformers library|
MLflow|ML||
AWS|Cloud|amazon web services,=EC2,=S3,=Lambda,aws lambda|Amazon Web Services AWS software;Amazon Elastic Compute Cloud EC2;Amazon Simple Storage Service S3
Azure|Cloud|microsoft azure,=Azure|Microsoft Azure software
Google Cloud|Cloud|=GCP,google cloud platform|Google Cloud software
Docker|DevOps||Docker
Kubernetes|DevOps|k8s,=EKS,=GKE,=AKS|
OpenShift|DevOps|red hat openshift|Red Hat OpenShift
Terraform|DevOps|hashicorp terraform|IBM Terraform
Ansible|DevOps||Ansible software;Red Hat Ansible Engine
Puppet|DevOps|=Puppet|Puppet
Chef|DevOps|=Chef|Chef
Jenkins|DevOps|jenkins ci|Jenkins CI
GitHub Actions|DevOps|gh actions|
GitLab CI|DevOps|gitlab ci/cd,gitlab-ci|
CI/CD|DevOps|=CI,continuous integration,continuous delivery,continuous deployment,ci cd|
Helm|DevOps|=Helm|
Prometheus|DevOps||
Grafana|DevOps||
Datadog|DevOps||
Splunk|DevOps||Splunk Enterprise
Nginx|DevOps||
Linux|OS|gnu/linux,ubuntu,debian,centos,rhel,red hat enterprise linux|Linux;Ubuntu;Red Hat Enterprise Linux
UNIX|OS|=Unix|UNIX
Windows Server|OS|windows servers|Microsoft Windows Server
Git|Tool|=git|Git
GitHub|Tool||GitHub
GitLab|Tool||GitLab
Bitbucket|Tool||Atlassian Bitbucket
Jira|Tool|atlassian jira|Atlassian JIRA
Confluence|Tool|atlassian confluence|Atlassian Confluence
Maven|Tool|apache maven|Apache Maven
Gradle|Tool||
Webpack|Tool||
Selenium|Testing||Selenium
Cypress|Testing|=Cypress|
Playwright|Testing||
JUnit|Testing||JUnit
pytest|Testing|py.test|
Jest|Testing|=Jest|
Postman|Testing||
Test Automation|Testing|automated testing,automation testing|
JMeter|Testing|apache jmeter,loadrunner|Hewlett Packard LoadRunner
Figma|Design||Figma
Sketch|Design|=Sketch|
Adobe XD|Design||
Adobe Photoshop|Design|photoshop|Adobe Photoshop
Adobe Illustrator|Design|illustrator|Adobe Illustrator
User Research|Design|ux research,usability testing|
Prototyping|Design|wireframing,wireframes|
Design Systems|Design|design system|
Agile|Practice|=Agile,agile methodologies|
Scrum|Practice|=Scrum|
Kanban|Practice|=Kanban|
Product Roadmapping|Product|roadmap,roadmaps,product roadmap|
A/B Testing|Product|ab testing,a/b tests,experimentation|
Google Analytics|Product||Google Analytics
Amplitude|Product|=Amplitude|
Mixpanel|Product||
SIEM|Security|splunk es,qradar|IBM QRadar SIEM
Penetration Testing|Security|pentesting,pen testing,pentest|
Wireshark|Security||Wireshark
Burp Suite|Security|burp|
Nessus|Security|tenable nessus|Tenable Nessus
OWASP|Security||
IAM|Security|=IAM,identity and access management|Access management software
Network Security|Security|firewalls,firewall|Firewall software
Cryptography|Security|encryption|Encryption software
ISO 27001|Security|iso27001|
SOC|Security|=SOC,security operations center|
Salesforce|Business|=Salesforce|Salesforce software
SAP|Business|=SAP|SAP software
ServiceNow|Business||ServiceNow
SharePoint|Business|microsoft sharepoint|Microsoft SharePoint
Unity|Games|=Unity|
Unreal Engine|Games|unreal|
Embedded C|Embedded|embedded systems,firmware|
Verilog|Embedded|=Verilog,vhdl|Verilog
RabbitMQ|Data|rabbit mq|
WebSockets|Web|websocket|
Statistics|Data|statistical analysis,statistical modeling,statistical modelling,statistical methods,biostatistics|
Stata|Data|=Stata|StataCorp Stata
Data Visualization|Data|data visualisation,data viz,data visualizations,data visualisations|
Data Modeling|Data|data modelling,dimensional modeling,dimensional modelling,star schema,data models|
Data Warehousing|Data|data warehouse,data warehouses,=DWH|
Predictive Modeling|ML|predictive modelling,predictive models,predictive analytics|
Kubeflow|ML||Kubeflow
Xcode|Mobile||Xcode
TestNG|Testing||TestNG
Appium|Testing||
Manual Testing|Testing|exploratory testing,manual tests|
Regression Testing|Testing|regression tests,regression suite,regression suites|
Test Planning|Testing|test plans,test plan,test cases,test case,test strategy|
Adobe InDesign|Design|indesign|Adobe InDesign
Cisco|Network|=Cisco,cisco ios,=CCNA,=CCNP,=CCIE|Cisco IOS
Routing and Switching|Network|=BGP,=OSPF,=EIGRP,=MPLS,=VLAN,=VLANs,routing protocols,network switches,routers and switches,switches and routers|
TCP/IP|Network|tcp/ip networking,=DNS,=DHCP|
VPN|Network|=VPN,=VPNs,=IPsec,=IPSec|
LAN/WAN|Network|=LAN,=WAN,=SD-WAN,wan/lan,local area network,wide area network|
Active Directory|OS|azure ad,azure active directory,=Entra ID,group policy,=LDAP|Microsoft Active Directory
VMware|OS|vsphere,esxi,vcenter,hyper-v,virtualization,virtualisation|VMware;Microsoft Hyper-V Server
Windows|OS|=Windows,windows 10,windows 11,microsoft windows|Microsoft Windows
Microsoft Office|Business|office 365,microsoft 365,=M365,=O365,ms office|Microsoft Office software
Troubleshooting|Practice|troubleshoot|
Help Desk|Practice|helpdesk,service desk,desktop support,ticketing system,ticketing systems|Help desk software
ITIL|Practice|=ITIL|
Project Management|Practice|=PMP,=PRINCE2,project planning|
Microsoft Project|Tool|ms project,=MS Project|Microsoft Project
Markdown|Tool|=Markdown|
Technical Writing|Writing|technical documentation,user documentation,user guides,api documentation,docs-as-code,docs as code,=DITA|
MadCap Flare|Writing|madcap|MadCap Software MadCap Flare
Cloud Architecture|Architecture|solution architecture,solutions architecture|
Enterprise Architecture|Architecture|=TOGAF,=ArchiMate|
Incident Response|Security|incident handling,=DFIR,digital forensics|
Vulnerability Management|Security|vulnerability scanning,vulnerability assessment,vulnerability assessments|
Threat Detection|Security|threat hunting,threat intelligence|
Metasploit|Security||Metasploit
Kali Linux|Security|=Kali|Kali Linux
SOC 2|Security|=SOC 2,soc2,soc 2 type ii|
NIST|Security|=NIST,nist csf,nist 800-53,=FISMA,fedramp|
Risk Management|Practice|risk assessment,risk assessments,=GRC|
"""


# The skills added for role evidence on 2026-12-07 (the work of network, support, testing, security, statistics,
# writing and architecture roles, and their tools: the role catalogue named Cisco, Statistics or Troubleshooting
# while the taxonomy could not find them). Read in postings and profiles like any skill, and shown and counted,
# but left out of a listing's embedded skills line (``nploy.index.texts``, ``Taxonomy.embedded_names``): named there
# they moved free text down on five of seven sets (0.001 to 0.004 nDCG@10, a few needs each, none up) for
# +0.001 to +0.010 on the title form; read in profiles alone they lifted skills only on six of seven sets
# (docs/quality.md, "Skills that say a role"). A later re-test could embed them with the weights re-tuned.
NOT_EMBEDDED = set(
    "Statistics;Stata;Data Visualization;Data Modeling;Data Warehousing;Predictive Modeling;Kubeflow;"
    "Xcode;TestNG;Appium;Manual Testing;Regression Testing;Test Planning;Adobe InDesign;Cisco;"
    "Routing and Switching;TCP/IP;VPN;LAN/WAN;Active Directory;VMware;Windows;Microsoft Office;"
    "Troubleshooting;Help Desk;ITIL;Project Management;Microsoft Project;Markdown;Technical Writing;"
    "MadCap Flare;Cloud Architecture;Enterprise Architecture;Incident Response;Vulnerability Management;"
    "Threat Detection;Metasploit;Kali Linux;SOC 2;NIST;Risk Management".split(";")
)


def parse_curated() -> list[dict]:
    rows = []
    for line in CURATED.strip().splitlines():
        name, category, aliases, onet = (part.strip() for part in line.split("|"))
        rows.append(
            {
                "name": name,
                "category": category,
                "aliases": [a.strip() for a in aliases.split(",") if a.strip()],
                "onet_examples": [o.strip() for o in onet.split(";") if o.strip()],
            }
        )
    return rows


def read_onet(onet_dir: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """Return {example: {"hot": bool, "occupations": [codes]}} and {code: title}."""
    examples: dict[str, dict] = defaultdict(lambda: {"hot": False, "occupations": set()})
    with open(onet_dir / "technology_skills.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            entry = examples[row["Example"]]
            entry["hot"] |= row["Hot Technology"] == "Y"
            entry["occupations"].add(row["O*NET-SOC Code"])
    titles = {}
    with open(onet_dir / "occupation_data.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            titles[row["O*NET-SOC Code"]] = row["Title"]
    return examples, titles


def build(onet_dir: Path) -> dict:
    examples, titles = read_onet(onet_dir)
    skills = []
    used_codes: set[str] = set()
    for row in parse_curated():
        missing = [name for name in row["onet_examples"] if name not in examples]
        if missing:
            raise SystemExit(f"O*NET has no technology named {missing} (skill {row['name']})")
        occupations = sorted(set().union(*(examples[n]["occupations"] for n in row["onet_examples"])))
        used_codes.update(occupations)
        skills.append(
            {
                **row,
                "source": "O*NET + curated" if row["onet_examples"] else "curated",
                "hot_technology": any(examples[n]["hot"] for n in row["onet_examples"]),
                "onet_occupations": occupations,
                "embedded": row["name"] not in NOT_EMBEDDED,
            }
        )
    if NOT_EMBEDDED - {row["name"] for row in skills}:
        raise SystemExit(f"NOT_EMBEDDED names unknown skills: {sorted(NOT_EMBEDDED - {row['name'] for row in skills})}")
    return {
        "attribution": ATTRIBUTION,
        "source": "O*NET 29.2 Technology Skills (technology_skills.tsv), occupation titles from occupation_data.tsv",
        "alias_syntax": "a leading '=' marks a case-sensitive alias matched only as a standalone token",
        "occupations": {code: titles.get(code, "") for code in sorted(used_codes)},
        "skills": skills,
    }


def main() -> None:
    onet_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/onet")
    out = Path(__file__).resolve().parent.parent / "nploy" / "data" / "skills.json"
    payload = build(onet_dir)
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(payload['skills'])} skills to {out}")


if __name__ == "__main__":
    main()
