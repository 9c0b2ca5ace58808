import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from nploy.errors import IngestError
from nploy.ingest.files import ingest_files, write_outputs
from nploy.ingest.infer import infer_seniority, infer_work_mode
from nploy.ingest.normalise import IngestOptions
from nploy.ingest.text import html_to_text, safe_url

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "data"


@pytest.fixture(scope="module")
def csv_result():
    return ingest_files([DATA / "jobs.csv"], IngestOptions())


def test_csv_summary_counts_every_row(csv_result):
    table, report = csv_result
    assert report.read == 8
    assert report.kept == 5  # a6's negative pay and a7's date are left empty: the rows are kept
    assert report.rejected == 1  # a3 has no title
    assert report.duplicate_ids == 1  # a1 reposted
    assert report.duplicate_postings == 1  # a5 is a4 under another id
    assert report.kept + report.rejected + report.deduplicated == report.read
    assert list(table["id"]) == ["a1", "a2", "a4", "a6", "a7"]


def test_rejects_carry_source_line_and_reason(csv_result):
    table, report = csv_result
    reasons = {r["line"]: r["reason"] for r in report.rejects}
    # a2's description spans two physical lines, so a3 starts on line 5.
    assert reasons == {5: "missing title"}
    warnings = {w["line"]: w for w in report.warnings}
    assert warnings[9]["field"] == "salary" and "negative" in warnings[9]["reason"] and warnings[9]["value"] == "-100"
    assert warnings[10]["field"] == "posted_at" and "unreadable date" in warnings[10]["reason"]
    rows = table.set_index("id")
    assert pd.isna(rows.loc["a6", "salary_annual_eur"]) and pd.isna(rows.loc["a7", "posted_at"])


def test_fields_are_normalised(csv_result):
    table, _ = csv_result
    row = table.set_index("id").loc["a1"]
    assert row["title"] == "Senior Python Developer"
    assert row["description"] == "We build Django APIs on PostgreSQL."  # HTML parsed, script dropped
    assert (row["city"], row["country"]) == ("Austin", "US")
    assert (row["salary_min"], row["salary_max"], row["salary_currency"], row["salary_period"]) == (120000, 150000, "USD", "year")
    assert row["salary_annual_eur"] == pytest.approx(135000 * 0.92)
    assert row["seniority"] == "senior"
    assert {"Python", "Django", "PostgreSQL"} <= set(row["skills"])
    assert row["work_mode"] == "onsite"
    go = table.set_index("id").loc["a2"]
    assert go["work_mode"] == "remote" and go["country"] == "DE"
    assert go["url"] == ""  # javascript: link dropped
    assert {"Go", "Kubernetes", "gRPC"} <= set(go["skills"])
    analyst = table.set_index("id").loc["a4"]
    assert analyst["work_mode"] == "hybrid" and analyst["salary_period"] == "hour" and analyst["country"] == "GB"


def test_jsonl_with_nested_company_and_skill_lists():
    table, report = ingest_files([DATA / "jobs.jsonl"], IngestOptions())
    assert (report.read, report.kept, report.rejected) == (4, 2, 2)
    rows = table.set_index("id")
    assert "j1" in rows.index and "j3" in rows.index
    assert rows.loc["j1", "company"] == "Acme"
    assert rows.loc["j1", "skills"] == ["React", "TypeScript", "CSS"]
    assert rows.loc["j1", "country"] == "PT" and rows.loc["j1", "work_mode"] == "remote"
    assert rows.loc["j3", "work_mode"] == "onsite"
    assert rows.loc["j3", "salary_annual_eur"] == pytest.approx(17500 * 12 * 0.232)
    assert [r["line"] for r in report.rejects] == [2, 3]  # j2 has no job_title value; line 3 is not JSON


def test_real_deidentified_postings_name_no_employer(real_data):
    # SkillSpan's postings are de-identified: "<ORGANIZATION>" is no employer (one employer of 140 postings
    # would fold their jobs together), "<LOCATION>" no place.
    table, _ = ingest_files([real_data.parent / "open" / "skillspan-tech-postings.jsonl"], IngestOptions())
    assert len(table) == 140 and (table["company"] == "").all()
    assert not table["title"].str.contains("<").any()


def test_json_parquet_and_explicit_mapping(tmp_path):
    records = [{"ref": "x1", "heading": "SRE", "text": "Kubernetes on AWS", "where": "Amsterdam, Netherlands"}]
    (tmp_path / "a.json").write_text(json.dumps({"jobs": records}))
    pd.DataFrame(records).to_parquet(tmp_path / "a.parquet")
    mapping = {"ref": "id", "heading": "title", "where": "location"}
    for name in ("a.json", "a.parquet"):
        table, report = ingest_files([tmp_path / name], IngestOptions(mapping=mapping))
        assert report.kept == 1
        row = table.iloc[0]
        assert (row["id"], row["title"], row["country"], row["city"]) == ("x1", "SRE", "NL", "Amsterdam")
        assert {"Kubernetes", "AWS"} <= set(row["skills"])


def test_file_level_errors_are_clear(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(IngestError, match="empty"):
        ingest_files([tmp_path / "empty.csv"], IngestOptions())
    (tmp_path / "notitle.csv").write_text("a,b\n1,2\n")
    with pytest.raises(IngestError, match="no title column"):
        ingest_files([tmp_path / "notitle.csv"], IngestOptions())
    (tmp_path / "bin.csv").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.raises(IngestError, match="not a text file"):
        ingest_files([tmp_path / "bin.csv"], IngestOptions())
    with pytest.raises(IngestError, match="--map target"):
        ingest_files([DATA / "jobs.csv"], IngestOptions(mapping={"Company": "employer"}))


def test_latin1_file_is_read(tmp_path):
    (tmp_path / "l1.csv").write_bytes("title,company\nDéveloppeur Python,Société\n".encode("latin-1"))
    table, _ = ingest_files([tmp_path / "l1.csv"], IngestOptions())
    assert table.iloc[0]["title"] == "Développeur Python" and table.iloc[0]["company"] == "Société"


@pytest.mark.parametrize(
    "mode, flag, telework, text, expected",
    [
        ("Remote", None, None, "", "remote"),
        ("On-site", None, None, "", "onsite"),
        (None, "true", None, "", "remote"),
        (None, None, "Y", "", "hybrid"),
        (None, None, None, "This is a hybrid role in Sofia.", "hybrid"),
        (None, None, None, "Work from home allowed, fully remote.", "remote"),
        (None, None, None, "Telework available two days a week.", "hybrid"),
        (None, None, None, "Office-based in Berlin.", "onsite"),
    ],
)
def test_work_mode_inference(mode, flag, telework, text, expected):
    assert infer_work_mode(mode, flag, telework, "Engineer", text) == expected


@pytest.mark.parametrize(
    "level, title, expected",
    [
        (None, "Sr. Data Engineer", "senior"),
        (None, "Junior QA", "junior"),
        (None, "Staff Engineer", "lead"),
        ("Entry level", "Developer", "junior"),
        (None, "Product Manager", "mid"),
        (None, "Summer Intern", "intern"),
    ],
)
def test_seniority_inference(level, title, expected):
    assert infer_seniority(level, title) == expected


def test_html_and_urls_are_made_inert():
    assert html_to_text('<img src=x onerror="alert(1)"><p>Hi&nbsp;there</p>') == "Hi there"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("https://example.com/a") == "https://example.com/a"


def test_outputs_are_written(tmp_path, csv_result):
    table, report = csv_result
    write_outputs(table, report, tmp_path / "listings.parquet", tmp_path / "rejects.csv")
    assert len(pd.read_parquet(tmp_path / "listings.parquet")) == report.kept
    rejects = list(csv.DictReader(open(tmp_path / "rejects.csv", encoding="utf-8")))
    assert [int(r["line"]) for r in rejects] == [r["line"] for r in report.rejects]


def test_real_nyc_jobs_export(real_data):
    table, report = ingest_files([real_data / "nyc-jobs.csv"], IngestOptions())  # recognised: no --default-country
    assert report.sources == {"nyc-jobs.csv": "nyc-jobs"}
    assert report.read == 3843
    assert report.kept + report.rejected + report.deduplicated == report.read
    assert report.duplicate_ids > 1000  # NYC posts each job internally and externally under one id
    assert report.kept > 1800 and report.rejected < 100
    assert (table["country"] == "US").all() and (table["salary_currency"] == "USD").all()
    # Work locations are street addresses and unit names: a third name a city (12 % before usaddress read
    # the streets), and none is a unit or an abbreviation read as a town ("All Boroughs", "S.I", "Construction").
    assert table["city"].ne("").mean() > 0.3
    assert table.loc[table["city"] != "", "city"].value_counts().index[0] == "New York City"
    assert not table["city"].isin(["All Boroughs", "S.I", "Bx", "Construction", "ATAD", "Rees"]).any()
    assert set(table["salary_period"]) == {"year", "hour", "day"}
    # hourly and daily pay is annualised: the annual medians per period are of the same order
    medians = table.groupby("salary_period")["salary_annual_eur"].median()
    assert 20_000 < medians["hour"] < 150_000 and 20_000 < medians["year"] < 150_000
    assert not table["description"].str.contains("â€").any()  # mojibake repaired
    # NYC's export is mostly non-tech public-sector work: few postings name a technology.
    assert (table["skills"].map(len) > 0).sum() >= 20
    assert all(r["reason"] and r["line"] > 1 for r in report.rejects)


def test_real_usajobs_export(real_data):
    table, report = ingest_files([real_data / "usajobs-product-manager-jobs.csv"], IngestOptions())
    assert report.sources == {"usajobs-product-manager-jobs.csv": "usajobs-historic"}
    # the export has no links: each announcement's USAJOBS page is built from its control number
    assert table["url"].str.fullmatch(r"https://www\.usajobs\.gov/job/\d+").all()
    assert report.read == 537
    assert report.kept > 450
    assert (table["country"] == "US").mean() > 0.95
    assert table["city"].ne("").mean() > 0.85
    # "Anywhere in the U.S. (remote job)" and "Location Negotiable After Selection" name no city
    assert not table["city"].str.contains("Anywhere|Negotiable", case=False).any()
    assert (table["work_mode"] == "remote").sum() >= 10
    assert table["title"].str.contains("Product", case=False).mean() > 0.5
    assert table["salary_annual_eur"].notna().mean() > 0.95
    assert table["posted_at"].notna().all()


def _bare_salary_rows(tmp_path, rows: list[dict]):
    path = tmp_path / "bare.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return ingest_files([path], IngestOptions())


def test_bare_amounts_take_the_currency_their_description_states(tmp_path):
    # A GSA TTS posting as the open set holds it: amounts without a currency, "Virtual (100% Remote)" for a
    # place; they were read as euros. Its description names dollars.
    table, report = _bare_salary_rows(
        tmp_path,
        [
            {
                "id": "tts1",
                "title": "Product Manager",
                "location": "Virtual (100% Remote)",
                "salary_min": "131,178",
                "salary_max": "176,300",
                "description": "The salary for this position is $131,178 - $176,300 per year.",
            }
        ],
    )
    row = table.iloc[0]
    assert (row["salary_min"], row["salary_max"], row["salary_currency"]) == (131_178, 176_300, "USD")
    assert not report.warnings


def test_bare_amounts_with_no_currency_anywhere_empty_the_salary_with_a_warning(tmp_path):
    table, report = _bare_salary_rows(
        tmp_path,
        [
            {"id": "n1", "title": "Data Analyst", "salary_min": "50000", "salary_max": "60000", "description": "Remote role."},
            {"id": "n2", "title": "Data Engineer", "salary_text": "50,000 - 60,000", "description": "Hybrid role."},
            {"id": "n3", "title": "Data Scientist", "salary_text": "50,000 - 60,000", "country": "US"},
        ],
    )
    rows = table.set_index("id")
    assert len(rows) == 3  # the rows are kept
    assert rows.loc[["n1", "n2"], "salary_min"].isna().all() and rows.loc[["n1", "n2"], "salary_currency"].isna().all()
    assert rows.loc["n3", "salary_currency"] == "USD"  # the country says what a bare amount is in
    warned = {w["line"]: w for w in report.warnings}
    assert set(warned) == {1, 2}
    assert all(w["field"] == "salary" and "no currency" in w["reason"] for w in warned.values())


def test_three_capitals_after_a_number_in_prose_are_no_salary(tmp_path):
    # Federal duties: "a range of tools (e.g. Tableau, R, and ESRI ArcGIS 10.4)" was a salary of 10.4 EUR.
    text = "Visualises information using a range of tools (e.g. Tableau, R, and ESRI ArcGIS 10.4 GIS) and 86 FSS plans."
    table, _ = _bare_salary_rows(tmp_path, [{"id": "g1", "title": "Data Scientist", "description": text}])
    assert table["salary_min"].isna().all()


def test_real_open_postings_have_no_invented_currency(real_data, tmp_path):
    # Every GSA TTS and USAJOBS posting is paid in dollars: none may come out in euros.
    open_postings = real_data.parent / "open" / "open-postings.jsonl"
    federal = [
        line for line in open_postings.read_text().splitlines() if '"source": "gsa_tts' in line or '"source": "usajobs' in line
    ]
    (tmp_path / "federal.jsonl").write_text("\n".join(federal) + "\n")
    table, _ = ingest_files([tmp_path / "federal.jsonl"], IngestOptions())
    paid = table.dropna(subset=["salary_currency"])
    # 245 on 2026-12-06: the 80-odd postings whose only amount is the GS system's maximum ("the maximum salary
    # available for the GS pay system is $183,500") or a pay cap read no salary since (issue 26).
    assert len(paid) > 200
    assert set(paid["salary_currency"]) <= {"USD"}


# ---- fields read wrong are worse than empty (issue 26) -------------------------------------------------------


@pytest.mark.parametrize(
    "value, title, expected",
    [
        ("", "Internal Audit Data Analytics Lead", "full-time"),  # "\bintern" made this an internship
        ("", "International Sales Engineer", "full-time"),
        ("", "Internet Security Analyst", "full-time"),
        ("", "Software Engineering Intern", "internship"),
        ("Internship", "Data Analyst", "internship"),
        ("", "Summer Interns - Data Team", "internship"),
    ],
)
def test_employment_type_reads_intern_as_a_word(value, title, expected):
    from nploy.ingest.infer import infer_employment_type

    assert infer_employment_type(value, title) == expected


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("Youâ\x80\x99ll work with us", "You'll work with us"),  # RemoteOK's UTF-8 read as Latin-1 (ftfy uncurls)
        ("GdaÅ\x84sk, Poland", "Gdańsk, Poland"),
        ("Youâ€™ll", "You'll"),  # the same read as Windows-1252
        ("Crème brûlée, São Paulo, Zürich", "Crème brûlée, São Paulo, Zürich"),  # right text is left alone
    ],
)
def test_mis_encoded_text_is_repaired(raw, fixed):
    from nploy.ingest.text import clean_text

    assert clean_text(raw) == fixed


def test_an_ats_exports_comp_text_gives_its_numbers_their_currency(tmp_path):
    """An ATS export's comp "$110K-$135K" beside a numeric comp_min was left empty as "no currency" 139 times."""
    path = tmp_path / "ats.csv"
    path.write_text(
        "title,company,location,comp,comp_min,comp_max,description\n"
        "Data Engineer,Acme,Remote,$110K-$135K,110000,135000,Pipelines in Spark.\n",  # no country to go by
        encoding="utf-8",
    )
    table, report = ingest_files([path], IngestOptions())
    row = table.iloc[0]
    assert (row["salary_min"], row["salary_max"], row["salary_currency"]) == (110_000, 135_000, "USD")
    assert not any(w["field"] == "salary" for w in report.warnings)


def test_a_bare_dollar_on_a_mexico_role_takes_the_usd_its_description_states(tmp_path):
    """Remotive's "$80k - $100k" on Mexico-based roles became MXN although the text says "USD $80,000-$100,000"."""
    record = {
        "id": 1,
        "title": "Backend Engineer",
        "company_name": "Globex",
        "candidate_required_location": "Mexico",
        "salary": "$80k - $100k",
        "description": "<p>Remote from Mexico. Compensation: USD $80,000–$100,000 a year.</p>",
        "url": "https://remotive.com/remote-jobs/1",
    }
    path = tmp_path / "remotive.json"
    path.write_text(json.dumps({"jobs": [record]}), encoding="utf-8")
    table, _ = ingest_files([path], IngestOptions(source="remotive"))
    assert table.iloc[0]["country"] == "MX" and table.iloc[0]["salary_currency"] == "USD"
    plain = dict(record, description="<p>Remote from Mexico. Great team.</p>")  # a bare $ in Mexico: pesos, as before
    path.write_text(json.dumps({"jobs": [plain]}), encoding="utf-8")
    assert ingest_files([path], IngestOptions(source="remotive"))[0].iloc[0]["salary_currency"] == "MXN"


@pytest.mark.parametrize(
    "text, places, mode, region",
    [
        ("Remote-Friendly", [], "remote", ""),  # was the city "Friendly"
        ("Remote friendly (EU)", [], "remote", ""),
        ("Europe, UK, Germany, France, European timezones", [("", "GB"), ("", "DE"), ("", "FR")], None, "Europe"),
        ("Toronto, New York, San Francisco", [("Toronto", "CA"), ("New York City", "US"), ("San Francisco", "US")], None, ""),
        ("London or Remote (UK)", [("London", "GB")], "remote", ""),  # no extra city-less place
        ("Portland, Oregon, USA", [("Portland", "US")], None, ""),  # a city, its state, its country: one place
        ("Dallas, TX +3 more", [("Dallas", "US")], None, ""),
        ("Portland OR", [("Portland", "US")], None, ""),  # a state's code without the comma: was no place
        ("London UK", [("London", "GB")], None, ""),
        ("Toronto ON", [("Toronto", "CA")], None, ""),
    ],
)
def test_board_locations_read_as_places(text, places, mode, region):
    from nploy.ingest.location import read_location

    found = read_location(text)
    assert [(p.city, p.country) for p in found.places] == places, found
    assert found.work_mode == mode and found.region.startswith(region)


@pytest.mark.parametrize(
    "country, text, expected",
    [
        ("CA", "135 W 26th Street, New York, NY 10001 +1 more", ("New York City", "US")),  # was CA
        ("GB", "Dallas, TX +3 more", ("Dallas", "US")),  # was GB
        ("CA", "Richmond, BC", ("Richmond", "CA")),
        ("DE", "Berlin", ("Berlin", "DE")),
    ],
)
def test_a_country_column_never_moves_a_city_its_text_places_in_a_state(country, text, expected):
    from nploy.ingest.place_fields import resolve

    assert resolve(None, country, text, None) == expected


def test_board_locations_are_read_right_on_the_judged_sample():
    """100 board-style locations written with their places before any run (data/eval/board_locations.tsv):
    at least 95 % read right (91 when written; lists in brackets, time zones naming a country, city-states)."""
    from nploy.quality.board_places import evaluate

    share, wrong = evaluate()
    assert share >= 0.95, wrong


def test_a_state_code_that_is_also_a_small_word_is_the_state():
    # "OR" and "IN" once fell to the function words that drop "to" between time zones: Salem went to India.
    from nploy.ingest.location import Place, read_location

    assert read_location("Salem, OR").primary == Place("Salem", "US")
    assert read_location("Fishers, IN").primary.country == "US"
