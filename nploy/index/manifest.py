"""Saving and loading an index with its self-describing manifest.

Layout of an index directory::

    index/
      manifest.json        model, dimension, count, data fingerprint, FAISS version, build time,
                           index type, the index file's name and its SHA-256
      <build-id>.faiss     the index; FAISS ids are listing keys (``records.listing.listing_key``)

Saving is atomic: the index file gets a fresh name, then the manifest is replaced in one
``os.replace``. A crash at any point leaves the previous manifest pointing at its own intact file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from nploy import __version__
from nploy.errors import IndexMismatchError
from nploy.index.lexical import LexicalIndex

MANIFEST = "manifest.json"
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
    # Search parameters chosen at build time (IVF: nprobe) and the recall@10 they reached.
    params: dict = field(default_factory=dict)
    # The lexical leg (BM25) built with this index, in table order; "" when built without one.
    lexical_dir: str = ""
    # The head vectors (title and skills) of the same listings in the same order; "" when built without.
    head_file: str = ""
    head_sha256: str = ""
    # The number format the vectors were embedded in ("float32", "bfloat16"; "bfloat16+float32" after an
    # incremental build in the other). Either serves queries of either: the vectors are one space.
    embed_dtype: str = "float32"
    # float16 copies of the body (and head) vectors by position, where the index's codes are coarse
    # (product quantisation) and its candidates are re-ranked from them; "" where the index needs none.
    exact_file: str = ""
    head_exact_file: str = ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_index(
    index,
    directory: Path,
    *,
    model: str,
    fingerprint: str,
    index_type: str,
    hashes: np.ndarray | None = None,
    params: dict | None = None,
    lexical: LexicalIndex | None = None,
    head=None,
    write=None,
    faiss_version: str = "",
    embed_dtype: str = "float32",
    exact: np.ndarray | None = None,
    head_exact: np.ndarray | None = None,
) -> Manifest:
    """Write the index (and the (key, text hash) pairs when given) under fresh names, then the manifest.
    ``write(index, path)`` writes one FAISS index (``nploy.index.index.write_index``: FAISS stays there)."""
    directory.mkdir(parents=True, exist_ok=True)
    index_file = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.faiss"
    _write_index(write, index, directory, index_file)
    head_file = ""
    if head is not None:
        head_file = index_file + ".head"  # named after the build, so stale ones go with their build
        _write_index(write, head, directory, head_file)
    hashes_file = _save_array(hashes, directory, index_file + ".hashes.npy", "int64")
    exact_file = _save_array(exact, directory, index_file + ".f16.npy", "float16")
    head_exact_file = _save_array(head_exact, directory, index_file + ".head.f16.npy", "float16")
    manifest = Manifest(
        model=model,
        dimension=index.d,
        count=index.ntotal,
        fingerprint=fingerprint,
        index_type=index_type,
        index_file=index_file,
        sha256=sha256_of(directory / index_file),
        faiss_version=faiss_version,
        nploy_version=__version__,
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        hashes_file=hashes_file,
        lexical_dir=_save_lexical(lexical, directory, index_file),
        head_file=head_file,
        head_sha256=sha256_of(directory / head_file) if head_file else "",
        params=params or {},
        embed_dtype=embed_dtype,
        exact_file=exact_file,
        head_exact_file=head_exact_file,
    )
    manifest_tmp = directory / (MANIFEST + ".tmp")
    manifest_tmp.write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    manifest_tmp.replace(directory / MANIFEST)
    _remove_stale(directory, keep=index_file)
    return manifest


def _save_array(array: np.ndarray | None, directory: Path, name: str, dtype: str) -> str:
    """An array saved as ``name`` (written under a temporary name, synced, renamed); "" for none."""
    if array is None:
        return ""
    with open(directory / (name + ".tmp"), "wb") as handle:
        np.save(handle, np.ascontiguousarray(array, dtype=dtype))
        handle.flush()
        os.fsync(handle.fileno())
    (directory / (name + ".tmp")).replace(directory / name)
    return name


def _write_index(write, index, directory: Path, name: str) -> None:
    """A FAISS index written under a temporary name, synced, then renamed: complete or absent."""
    tmp = directory / (name + ".tmp")
    write(index, tmp)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    tmp.replace(directory / name)


def _save_lexical(lexical: LexicalIndex | None, directory: Path, index_file: str) -> str:
    """The lexical index beside the vector index, under the build's name, complete before the manifest names it."""
    if lexical is None:
        return ""
    name = index_file + ".lexical"
    lexical.save(directory / (name + ".tmp"))
    (directory / (name + ".tmp")).replace(directory / name)
    return name


def _remove_stale(directory: Path, keep: str) -> None:
    for path in directory.glob("*.faiss*"):
        if not path.name.startswith(keep) or path.name.endswith(".tmp"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
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
