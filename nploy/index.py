"""The FAISS index over listing embeddings, saved with a self-describing manifest.

Layout of an index directory::

    index/
      manifest.json        model, dimension, count, data fingerprint, FAISS version, build time,
                           index type, the index file's name and its SHA-256
      <build-id>.faiss     the index; FAISS ids are listing keys (``listing.listing_key``)

Saving is atomic: the index file gets a fresh name, then the manifest is replaced in one
``os.replace``. A crash at any point leaves the previous manifest pointing at its own intact file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from nploy import __version__
from nploy.errors import IndexMismatchError

MANIFEST = "manifest.json"
# A filter that leaves at most this many listings is searched exactly over their vectors on an
# approximate index: graph and cluster searches miss when most neighbours are filtered out.
EXACT_SUBSET_MAX = 20_000
REBUILD_HINT = "rebuild it with `nploy build` (or delete the index directory and start the app again)"


@dataclass(frozen=True)
class Manifest:
    model: str
    dimension: int
    count: int
    fingerprint: str
    index_type: str
    index_file: str
    sha256: str
    faiss_version: str
    nploy_version: str
    built_at: str
    metric: str = "inner_product"
    # Beside the index: each key's text hash, so `nploy build --incremental` can tell new and
    # changed listings from unchanged ones. Empty in indexes built before it existed.
    hashes_file: str = ""


@dataclass
class VectorIndex:
    index: faiss.Index
    manifest: Manifest

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, keys) for one unit query vector; ``allowed`` restricts to those keys.

        A restricted search never returns a key outside ``allowed`` and returns all of them when
        fewer than k exist. On approximate indexes a selective filter is searched exactly over the
        allowed vectors, since graph and cluster searches can miss when most neighbours are filtered.
        """
        query = np.ascontiguousarray(query.reshape(1, -1), dtype="float32")
        if allowed is not None and len(allowed) == 0:
            return np.zeros(0, dtype="float32"), np.zeros(0, dtype="int64")
        if allowed is not None and not self.is_exact and len(allowed) <= max(4 * k, EXACT_SUBSET_MAX):
            return self._exact_subset(query, k, allowed)
        params = None
        if allowed is not None:
            params = _filter_params(self.index, faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype="int64")))
        scores, keys = self.index.search(query, min(k, self.index.ntotal), params=params)
        found = keys[0] >= 0
        return scores[0][found], keys[0][found]

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        """The stored vectors of these keys (an empty (0, d) array for no keys)."""
        if len(keys) == 0:
            return np.zeros((0, self.index.d), dtype="float32")
        return self.index.reconstruct_batch(np.ascontiguousarray(keys, dtype="int64"))

    @property
    def is_exact(self) -> bool:
        return self.manifest.index_type == "Flat"

    def _exact_subset(self, query: np.ndarray, k: int, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scores = self.vectors(allowed) @ query[0]
        top = np.argsort(-scores, kind="stable")[:k]
        return scores[top], np.asarray(allowed)[top]


def _filter_params(index: faiss.Index, selector: faiss.IDSelector) -> faiss.SearchParameters:
    """Search parameters carrying the filter, of the class the inner index expects (IVF refuses the
    generic one), with the index's own search breadth."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    if isinstance(inner, faiss.IndexIVF):
        return faiss.SearchParametersIVF(sel=selector, nprobe=inner.nprobe)
    return faiss.SearchParameters(sel=selector)


def build_index(vectors: np.ndarray, keys: np.ndarray, index_type: str = "Flat") -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype="float32")
    index = faiss.index_factory(vectors.shape[1], f"IDMap2,{index_type}", faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained:
        index.train(vectors)
    index.add_with_ids(vectors, np.ascontiguousarray(keys, dtype="int64"))
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexIVF):
        # Reading vectors back (filtered exact search, swipe feedback) needs IVF's id -> list map.
        inner.make_direct_map()
    return index


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_index(
    index: faiss.Index,
    directory: Path,
    *,
    model: str,
    fingerprint: str,
    index_type: str,
    hashes: np.ndarray | None = None,
) -> Manifest:
    """Write the index (and the (key, text hash) pairs when given) under fresh names, then the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    index_file = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.faiss"
    tmp = directory / (index_file + ".tmp")
    faiss.write_index(index, str(tmp))
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    tmp.replace(directory / index_file)
    hashes_file = ""
    if hashes is not None:
        hashes_file = index_file + ".hashes.npy"
        with open(directory / (hashes_file + ".tmp"), "wb") as handle:
            np.save(handle, np.ascontiguousarray(hashes, dtype="int64"))
            handle.flush()
            os.fsync(handle.fileno())
        (directory / (hashes_file + ".tmp")).replace(directory / hashes_file)
    manifest = Manifest(
        model=model,
        dimension=index.d,
        count=index.ntotal,
        fingerprint=fingerprint,
        index_type=index_type,
        index_file=index_file,
        sha256=_sha256(directory / index_file),
        faiss_version=faiss.__version__,
        nploy_version=__version__,
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        hashes_file=hashes_file,
    )
    manifest_tmp = directory / (MANIFEST + ".tmp")
    manifest_tmp.write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    manifest_tmp.replace(directory / MANIFEST)
    _remove_stale(directory, keep=index_file)
    return manifest


def _remove_stale(directory: Path, keep: str) -> None:
    for path in directory.glob("*.faiss*"):
        if not path.name.startswith(keep) or path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)


def read_hashes(directory: Path, manifest: Manifest) -> dict[int, int] | None:
    """key -> text hash of the listings in this index, or None when the index has no readable record."""
    if not manifest.hashes_file:
        return None
    try:
        pairs = np.load(directory / manifest.hashes_file)
    except (OSError, ValueError):
        return None
    if pairs.ndim != 2 or len(pairs) != manifest.count:
        return None
    return dict(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist()))


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.exists():
        raise IndexMismatchError(f"no index in {directory}: build it with `nploy build`")
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise IndexMismatchError(f"the index manifest {path} is unreadable ({error}): {REBUILD_HINT}") from error


def load_index(directory: Path, *, model: str, fingerprint: str | None) -> VectorIndex:
    """Load and verify; refuse an index built for another model or other listings, or corrupt.
    ``fingerprint=None`` accepts any listings (an incremental build is about to bring it up to date)."""
    manifest = read_manifest(directory)
    if manifest.model != model:
        raise IndexMismatchError(f"the index was built with model {manifest.model!r}, not {model!r}: {REBUILD_HINT}")
    if fingerprint is not None and manifest.fingerprint != fingerprint:
        raise IndexMismatchError(f"the index does not match the listings table (data changed since it was built): {REBUILD_HINT}")
    path = directory / manifest.index_file
    if not path.exists() or _sha256(path) != manifest.sha256:
        raise IndexMismatchError(f"the index file {path.name} is missing or corrupt (checksum mismatch): {REBUILD_HINT}")
    index = faiss.read_index(str(path))
    if index.ntotal != manifest.count or index.d != manifest.dimension:
        raise IndexMismatchError(
            f"the index holds {index.ntotal} vectors of dimension {index.d}, the manifest says otherwise: {REBUILD_HINT}"
        )
    return VectorIndex(index=index, manifest=manifest)
