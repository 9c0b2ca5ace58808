"""A dataset directory: the listings table, its rejects, and its index.

    <data_dir>/listings.parquet   the normalised listings table
    <data_dir>/rejects.csv        rows ingest did not take, with source line and reason
    <data_dir>/index/             FAISS index + manifest (see ``nploy.index.index``)

Several datasets can live side by side; every command and the app take the directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from nploy import settings
from nploy.dataset import build
from nploy.dataset.catalog import Catalog
from nploy.errors import IndexMismatchError, NployError
from nploy.index.embedding import FakeEncoder, load_query_encoder
from nploy.index.encoder import Encoder, ProgressCallback
from nploy.index.index import VectorIndex, load_index
from nploy.index.lexical import LexicalIndex
from nploy.index.manifest import read_manifest
from nploy.matching.filters import PlaceIndex, TableFilters
from nploy.matching.matcher import Matcher
from nploy.matching.ranking import RankingSettings
from nploy.records.listing import COLUMNS
from nploy.records.skill_index import SkillIndex
from nploy.records.table import SERVING_COLUMNS, fingerprint, read_list_column, read_skills, read_table, stored_fingerprint


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
        """Embed every listing (its body and its head) and save the index; returns it loaded."""
        return build.build(self.index_dir, self._listings(), encoder, index_type, progress)

    def index_vectors(
        self,
        vectors: np.ndarray,
        table: pd.DataFrame,
        texts: build.Texts,
        model: str,
        index_type: str | None,
        heads: np.ndarray | None = None,
    ) -> VectorIndex:
        """Index vectors made elsewhere (the benchmarks') for this table; see ``build.index_vectors``."""
        return build.index_vectors(self.index_dir, vectors, table, texts, model, index_type, heads)

    def update(self, encoder: Encoder, progress: ProgressCallback | None = None) -> tuple[VectorIndex, build.IndexUpdate]:
        """Bring the saved index up to date with the table (``nploy build --incremental``)."""
        return build.update(self.index_dir, self._listings(), encoder, progress)

    def build_with_ray(
        self, model_name: str, index_type: str | None = None, *, shards_dir: Path | None = None, **ray
    ) -> VectorIndex:
        """Like ``build``, with the embedding done by a Ray actor pool (see ``nploy.index.raybuild``)."""
        table = self._listings()
        ray |= {"batch_size": int(settings.get("batch_size")), "model_path": settings.get("model_path") or None}
        bodies, heads = build.embed_with_ray(table, shards_dir or self.root / "shards", **ray)
        # Each actor resolves NPLOY_EMBED_DTYPE on its own node: "auto" may be either format there.
        choice = settings.get("embed_dtype")
        dtype = choice if choice != "auto" else "auto (per Ray worker)"
        texts = build.Texts.of(table)
        return build.index_vectors(self.index_dir, bodies, table, texts, model_name, index_type, heads, dtype)

    def _listings(self) -> pd.DataFrame:
        table = self.table()
        if table.empty:
            raise NployError(f"{self.listings_path} has no listings to index")
        return table

    def lexical(self) -> LexicalIndex | None:
        """The lexical leg saved with the current index (None when it was built without one, or the
        setting switches it off)."""
        manifest = read_manifest(self.index_dir)
        if not manifest.lexical_dir or not build.lexical_enabled():
            return None
        return LexicalIndex.load(self.index_dir / manifest.lexical_dir)

    def index(self, encoder_name: str) -> VectorIndex:
        return load_index(
            self.index_dir, model=encoder_name, fingerprint=self.fingerprint(), head=settings.enabled("head_vectors")
        )

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
        return (
            f"current ({manifest.count:,} listings, {manifest.index_type}, {manifest.model} in {manifest.embed_dtype}, "
            f"built {manifest.built_at})"
        )

    def encoder_for_index(self) -> Encoder:
        """The encoder the saved index was built with (the test encoder stays with test indexes)."""
        model = read_manifest(self.index_dir).model  # fails fast, before a model is loaded, when there is no index
        return FakeEncoder() if model == FakeEncoder.name else load_query_encoder(settings.get("encoder"))

    def matcher(
        self,
        encoder: Encoder | None = None,
        serving: bool = True,
        ranking: RankingSettings | None = None,
        catalog: Catalog | None = None,
    ) -> Matcher:
        """The one place a matcher is built: over this dataset, with its lexical leg when built; ``serving=False``
        keeps the descriptions (the evaluation reads them); a ``catalog`` already loaded lends its table and
        filters (the app shares one across sessions)."""
        table = catalog.table if catalog is not None else self.table(serving=serving)
        filters = catalog.filters if catalog is not None else self.filters(table)
        encoder = encoder or self.encoder_for_index()
        return Matcher(table, self.index(encoder.name), encoder, filters, ranking, self.lexical())


@lru_cache(maxsize=16)
def _file_fingerprint(path: str, mtime_ns: int, size: int) -> str:
    return stored_fingerprint(Path(path)) or fingerprint(read_table(Path(path)))


def open_dataset(data_dir: str | Path | None = None) -> Dataset:
    return Dataset(settings.data_dir(data_dir))
