"""Process-wide resources, shared by every session: the serving catalog, the matcher, the state store
and the encoders.

Two data resources: the catalog (keyed on the listings file's version) and the matcher (keyed on that
version and the index manifest's build id), so a rebuilt index or rewritten listings file is picked
up on the next page run without a restart. Both are ``cache_resource``: ``cache_data`` would hand
every caller a fresh copy of the table (100 ms each time at 20,000 rows, one copy per session).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from nploy import settings
from nploy.dataset import Dataset, open_dataset
from nploy.dataset.catalog import Catalog
from nploy.dataset.shelf import pick
from nploy.errors import NployError
from nploy.index.embedding import encoder_name, load_encoder, load_query_encoder
from nploy.index.manifest import read_manifest
from nploy.matching.matcher import Matcher
from nploy.matching.reverse import CandidatePool
from nploy.state.store import Store, database_url, open_store


def dataset() -> Dataset:
    """The dataset this page shows: the link's ``?dataset=`` when the shelf lists it, else the data directory."""
    picked = pick(st.query_params.get("dataset"))
    return Dataset(picked) if picked is not None else open_dataset(settings.get("data_dir"))


@st.cache_resource(show_spinner="Loading the embedding model...")
def encoder(name: str):
    """The listing encoder (sentence-transformers): needed only to build an index."""
    return load_encoder(name)


def listing_encoder():
    """The configured listing encoder (``NPLOY_ENCODER``), loaded once per process."""
    return encoder(settings.get("encoder"))


@st.cache_resource(show_spinner="Loading the query encoder...")
def query_encoder(name: str):
    """The query encoder: the same model, fast to start (see nploy.index.query_encoder)."""
    return load_query_encoder(name)


@st.cache_resource(show_spinner="Loading listings...", max_entries=4)
def _catalog(root: str, version: str) -> Catalog:
    return Dataset(Path(root)).catalog()


def catalog() -> Catalog:
    """The serving catalog of the dataset's current listings file, shared by all sessions (read-only)."""
    ds = dataset()
    if not ds.listings_path.exists():
        raise NployError(f"no listings in {ds.root}: run `nploy demo-data` (or `nploy ingest FILE`) and `nploy build`")
    return _catalog(str(ds.root), ds.version())


@st.cache_resource(show_spinner="Loading the index...")
def _matcher(root: str, version: str, index_file: str, encoder_choice: str) -> Matcher:
    return Dataset(Path(root)).matcher(query_encoder(encoder_choice), catalog=_catalog(root, version))


def matcher() -> Matcher:
    """The process-wide matcher; builds the index first (with a progress bar) when it is missing or stale."""
    ds = dataset()
    catalog()  # raises the friendly error when there is no data
    choice = settings.get("encoder")
    if not ds.is_index_current(encoder_name(choice)):
        bar = st.progress(0.0, text="Building the search index for these listings (first start only)...")
        ds.build(
            encoder(choice),
            progress=lambda done, total: bar.progress(done / total, text=f"Embedding listings: {done:,} of {total:,}"),
        )
        bar.empty()
    manifest = read_manifest(ds.index_dir)
    return _matcher(str(ds.root), ds.version(), manifest.index_file, choice)


@st.cache_resource(show_spinner=False)
def _store(root: str, url: str) -> Store:
    return open_store(Path(root))


def store() -> Store:
    """Profiles and swipes live with the configured data directory, whichever dataset a page shows: switching
    datasets keeps one's profile."""
    root = open_dataset(settings.get("data_dir")).root
    return _store(str(root), database_url(root))


@st.cache_resource(show_spinner=False)
def _candidate_pool(root: str, encoder_choice: str) -> CandidatePool:
    return CandidatePool(query_encoder(encoder_choice))


def candidate_pool() -> CandidatePool:
    """The discoverable candidates, shared by the process, brought up to date with the store on every call: only
    new and changed profiles are embedded, and an opt-out leaves the pool here."""
    root = open_dataset(settings.get("data_dir")).root
    pool = _candidate_pool(str(root), settings.get("encoder"))
    pool.refresh(store().discoverable_candidates())
    return pool


def encoder_choice() -> str:
    """The configured encoder (``NPLOY_ENCODER``): what the cached pools are keyed on."""
    return settings.get("encoder")
