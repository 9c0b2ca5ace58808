"""A dataset directory: the listings table, its rejects, and its index.

    <data_dir>/listings.parquet   the normalised listings table
    <data_dir>/rejects.csv        rows ingest did not take, with source line and reason
    <data_dir>/index/             FAISS index + manifest (see ``nploy.search.index``)

Several datasets can live side by side; every command and the app take the directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import faiss
import numpy as np
import pandas as pd
import pyarrow as pa

from nploy import settings
from nploy.dataset.catalog import Catalog
from nploy.errors import IndexMismatchError, NployError
from nploy.records.listing import COLUMNS
from nploy.records.skill_index import SkillIndex
from nploy.records.table import SERVING_COLUMNS, fingerprint, read_list_column, read_skills, read_table, stored_fingerprint
from nploy.search.embedding import FakeEncoder, load_query_encoder
from nploy.search.encoder import Encoder, ProgressCallback
from nploy.search.filters import PlaceIndex, TableFilters
from nploy.search.index import VectorIndex, auto_index_type, build_index, load_index, refill, tune
from nploy.search.lexical import LexicalIndex, listing_words
from nploy.search.manifest import read_hashes, read_manifest, save_index
from nploy.search.matcher import Matcher
from nploy.search.ranking import RankingSettings
from nploy.search.texts import listing_texts, text_hashes

# Index types whose vectors can be removed in place. IVF indexes are refilled from their stored codes
# instead (``index.refill``); HNSW cannot remove, so it is rebuilt (and every listing embedded again).
REMOVABLE_TYPES = ("Flat", "SQfp16", "SQ8")


@dataclass(frozen=True)
class IndexUpdate:
    added: int
    changed: int
    removed: int
    how: str  # "incremental", or "full build: <why>"

    def summary(self) -> str:
        if self.how != "incremental":
            return f"{self.how}; embedded all {self.added} listings"
        return f"incremental: {self.added} added, {self.changed} changed, {self.removed} removed (only those embedded)"


@dataclass(frozen=True)
class Dataset:
    root: Path

    @property
    def listings_path(self) -> Path:
        return self.root / "listings.parquet"

    @property
    def rejects_path(self) -> Path:
        return self.root / "rejects.csv"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    def table(self, serving: bool = False) -> pd.DataFrame:
        """The listings table; ``serving`` leaves out descriptions and skills (what the app and matcher
        use; skills come from ``skill_index``)."""
        self._require_listings()
        return read_table(self.listings_path, SERVING_COLUMNS if serving else COLUMNS)

    def _require_listings(self) -> None:
        if not self.listings_path.exists():
            raise NployError(
                f"no listings in {self.root}: run `nploy demo-data` or `nploy ingest FILE` first "
                f"(or point --data-dir / NPLOY_DATA_DIR at a dataset)"
            )

    def skill_index(self) -> SkillIndex:
        self._require_listings()
        index = SkillIndex.from_arrow(read_skills(self.listings_path))
        pa.default_memory_pool().release_unused()  # the Arrow column is garbage now; give its pages back
        return index

    def filters(self, table: pd.DataFrame | None = None) -> TableFilters:
        """The hard-filter arrays and skill index of the serving table (``table``, when already read)."""
        table = self.table(serving=True) if table is None else table
        places = PlaceIndex(read_list_column(self.listings_path, "other_places"), len(table))
        return TableFilters(table, self.skill_index(), places)

    def catalog(self) -> Catalog:
        """The serving catalog of the current listings file (see ``nploy.dataset.catalog``)."""
        table = self.table(serving=True)
        return Catalog(table, self.filters(table), self.version())

    def version(self) -> str:
        """Changes whenever the listings file is rewritten (cache key for what is built from it)."""
        self._require_listings()
        stat = self.listings_path.stat()
        return f"{stat.st_mtime_ns}-{stat.st_size}"

    def fingerprint(self) -> str:
        """The listings' fingerprint: stored in the file when it was written, else worked out (once per
        file version: the app asks on every page run, and older files have none stored)."""
        self._require_listings()
        stat = self.listings_path.stat()
        return _file_fingerprint(str(self.listings_path), stat.st_mtime_ns, stat.st_size)

    def build(self, encoder: Encoder, index_type: str | None = None, progress: ProgressCallback | None = None) -> VectorIndex:
        """Embed every listing and save the index; returns it loaded."""
        table = self.table()
        if table.empty:
            raise NployError(f"{self.listings_path} has no listings to index")
        texts = listing_texts(table)
        vectors = encoder.encode(texts, progress=progress)
        return self.index_vectors(vectors, table, texts, encoder.name, index_type)

    def index_vectors(
        self, vectors: np.ndarray, table: pd.DataFrame, texts: list[str], model: str, index_type: str | None
    ) -> VectorIndex:
        """Index these vectors (of the table's rows, in order), tune its search, and save it (the
        benchmarks call it with vectors they made)."""
        kind = resolve_index_type(index_type or settings.get("index_type"), len(table))
        index = build_index(vectors, table["key"].to_numpy(), kind)
        return self._save(index, table, texts, model, kind, tune(index, vectors))

    def _save(
        self, index, table: pd.DataFrame, texts: list[str], model: str, kind: str, params: dict | None = None
    ) -> VectorIndex:
        """Save an index built for this table, with each listing's text hash (for incremental builds)."""
        keys = table["key"].to_numpy()
        manifest = save_index(
            index,
            self.index_dir,
            model=model,
            fingerprint=fingerprint(table),
            index_type=kind,
            hashes=np.column_stack([keys, text_hashes(texts)]),
            params=params,
            lexical=build_lexical(table) if lexical_enabled() else None,
        )
        return VectorIndex(index=index, manifest=manifest)

    def lexical(self) -> LexicalIndex | None:
        """The lexical leg saved with the current index (None when it was built without one, or the
        setting switches it off)."""
        manifest = read_manifest(self.index_dir)
        if not manifest.lexical_dir or not lexical_enabled():
            return None
        return LexicalIndex.load(self.index_dir / manifest.lexical_dir)

    def build_with_ray(
        self,
        model_name: str,
        index_type: str | None = None,
        *,
        address: str | None = None,
        workers: int = 2,
        shards_dir: Path | None = None,
        gpus_per_worker: float = 0.0,
    ) -> VectorIndex:
        """Like ``build``, with the embedding done by a Ray actor pool (see ``nploy.search.raybuild``)."""
        from nploy.search.raybuild import embed_with_ray

        table = self.table()
        if table.empty:
            raise NployError(f"{self.listings_path} has no listings to index")
        texts = listing_texts(table)
        keys, vectors = embed_with_ray(
            texts,
            table["key"].to_numpy(),
            shards_dir or self.root / "shards",
            address=address,
            workers=workers,
            batch_size=int(settings.get("batch_size")),
            model_path=settings.get("model_path") or None,
            gpus_per_worker=gpus_per_worker,
        )
        order = pd.Index(keys).get_indexer(table["key"].to_numpy())
        if (order < 0).any() or len(keys) != len(table):
            raise NployError(f"the Ray build returned {len(keys)} embeddings for {len(table)} listings")
        return self.index_vectors(vectors[order], table, texts, model_name, index_type)

    def update(self, encoder: Encoder, progress: ProgressCallback | None = None) -> tuple[VectorIndex, IndexUpdate]:
        """Bring the saved index up to date with the table, embedding only new and changed listings
        and removing the ones that left. Falls back to a full build when there is no usable index
        (none yet, another model, no text hashes) or its type cannot remove vectors."""
        table = self.table()
        if table.empty:
            raise NployError(f"{self.listings_path} has no listings to index")
        try:
            current = load_index(self.index_dir, model=encoder.name, fingerprint=None)
            known = read_hashes(self.index_dir, current.manifest)
        except IndexMismatchError as error:
            return self.build(encoder, progress=progress), IndexUpdate(len(table), 0, 0, f"full build: {error}")
        is_ivf = isinstance(current.inner, faiss.IndexIVF)
        if known is None or not (current.manifest.index_type in REMOVABLE_TYPES or is_ivf):
            why = "the index has no text hashes" if known is None else f"{current.manifest.index_type} cannot remove vectors"
            kind = current.manifest.index_type
            return self.build(encoder, kind, progress), IndexUpdate(len(table), 0, 0, f"full build: {why}")
        texts = listing_texts(table)
        keys, hashes = table["key"].to_numpy(), text_hashes(texts)
        fresh = np.array([known.get(k) != h for k, h in zip(keys.tolist(), hashes.tolist())], dtype=bool)
        leaving = np.array(sorted(set(known) - set(keys[~fresh].tolist())), dtype="int64")
        vectors = encoder.encode([t for t, f in zip(texts, fresh) if f], progress=progress) if fresh.any() else None
        if is_ivf:  # trained lists kept, every listing re-added in table order (see index.refill)
            empty = np.zeros((0, current.index.d), dtype="float32")
            index = refill(current, keys, fresh, empty if vectors is None else np.asarray(vectors, dtype="float32"))
        else:
            index = current.index
            if len(leaving):
                index.remove_ids(leaving)
            if vectors is not None:
                index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), np.ascontiguousarray(keys[fresh]))
        changed = int(sum(k in known for k in keys[fresh].tolist()))
        update = IndexUpdate(int(fresh.sum()) - changed, changed, len(leaving) - changed, "incremental")
        manifest = current.manifest
        return self._save(index, table, texts, encoder.name, manifest.index_type, manifest.params), update

    def index(self, encoder_name: str) -> VectorIndex:
        return load_index(self.index_dir, model=encoder_name, fingerprint=self.fingerprint())

    def is_index_current(self, encoder_name: str) -> bool:
        try:
            manifest = read_manifest(self.index_dir)
        except IndexMismatchError:
            return False
        return manifest.model == encoder_name and manifest.fingerprint == self.fingerprint()

    def index_status(self) -> str:
        try:
            manifest = read_manifest(self.index_dir)
        except IndexMismatchError:
            return "missing (run `nploy build`)"
        if manifest.fingerprint != self.fingerprint():
            return "stale: the listings changed since it was built (run `nploy build`)"
        return f"current ({manifest.count:,} listings, {manifest.index_type}, {manifest.model}, built {manifest.built_at})"

    def encoder_for_index(self) -> Encoder:
        """The encoder the saved index was built with (the test encoder stays with test indexes)."""
        model = read_manifest(self.index_dir).model  # fails fast, before a model is loaded, when there is no index
        return FakeEncoder() if model == FakeEncoder.name else load_query_encoder(settings.get("encoder"))

    def matcher(self, encoder: Encoder | None = None, serving: bool = True, ranking: RankingSettings | None = None) -> Matcher:
        """A matcher over this dataset; ``serving=False`` keeps the descriptions (the evaluation's BM25)."""
        table = self.table(serving=serving)
        encoder = encoder or self.encoder_for_index()
        return Matcher(table, self.index(encoder.name), encoder, self.filters(table), ranking)


def lexical_enabled() -> bool:
    return settings.get("lexical").strip().lower() not in ("off", "0", "false", "no")


def build_lexical(table: pd.DataFrame) -> LexicalIndex:
    """BM25 over every listing's title and whole description, in table order."""
    return LexicalIndex.build(
        [listing_words(t, d) for t, d in zip(table["title"], table["description"])], table["key"].to_numpy()
    )


@lru_cache(maxsize=16)
def _file_fingerprint(path: str, mtime_ns: int, size: int) -> str:
    return stored_fingerprint(Path(path)) or fingerprint(read_table(Path(path)))


def resolve_index_type(setting: str, count: int) -> str:
    """The FAISS index type to build: the setting, with `auto` chosen by the number of listings."""
    return auto_index_type(count) if setting.strip().lower() == "auto" else setting


def open_dataset(data_dir: str | Path | None = None) -> Dataset:
    return Dataset(settings.data_dir(data_dir))
