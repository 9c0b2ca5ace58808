"""Which index type a build makes, and the float16 copies a coarse (product-quantised) type re-ranks from.

No FAISS here (``nploy.index.index`` holds it): these are the choices and files around it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nploy.errors import IndexMismatchError
from nploy.index.manifest import REBUILD_HINT, Manifest
from nploy.index.npyfile import NpyFile

# `auto` (the default index type): exact search up to this many listings; above, IVF with product
# quantisation (48 bytes a vector, an eighth of 8-bit scalars) whose candidates are re-ranked exactly
# from float16 copies on disk (``ExactVectors``). Why 50,000: FAISS' flat search of one query took
# 18 ms at 100,000 listings here, IVF256,SQ8 1.2 ms at recall 0.99 (bench/RESULTS.md). Why PQ with a
# re-rank: at a million listings the two 8-bit indexes (body and head) held 770 MB of the process's
# 1.5 GB budget; the re-rank reads a few hundred rows a query through the page cache (docs/scale.md).
AUTO_EXACT_MAX = 50_000
# A coarse (PQ) index hands the re-rank this many candidates beyond the k asked for, and at least 2k.
REFINE_EXTRA = 100


def auto_index_type(count: int, dimension: int = 384) -> str:
    """`auto`: exact up to ``AUTO_EXACT_MAX`` listings, else IVF with about sqrt(n) lists (at most
    1,024: k-means training time grows with the list count) and product quantisation of one byte per
    8 dimensions, re-ranked exactly (``refines``); 8-bit scalars where the dimension does not split."""
    if count <= AUTO_EXACT_MAX:
        return "Flat"
    lists = min(1024, 2 ** int(round(np.log2(np.sqrt(count)))))
    return f"IVF{lists},PQ{dimension // 8}" if dimension % 8 == 0 else f"IVF{lists},SQ8"


class ExactVectors:
    """An index's vectors in float16, by inner position, in an ``.npy`` file read row by row
    (``nploy.index.npyfile``: through the page cache, not into the serving process, which a million
    listings' 768 MB would not fit beside the rest)."""

    def __init__(self, path: Path, count: int, dimension: int):
        try:
            self.file = NpyFile(path)
        except (OSError, ValueError) as error:
            problem = f"the float16 vectors {path.name} are missing or unreadable ({error})"
            raise IndexMismatchError(f"{problem}: {REBUILD_HINT}") from error
        if self.file.shape != (count, dimension) or self.file.dtype != np.float16:
            raise IndexMismatchError(f"the float16 vectors {path.name} do not match the index: {REBUILD_HINT}")

    def rows(self, positions: np.ndarray) -> np.ndarray:
        """float32 vectors at these positions, in their order."""
        return self.file.rows(positions).astype("float32")


def refines(index_type: str) -> bool:
    """Whether an index of this type is re-ranked from float16 copies: product-quantised codes
    (a few bytes a vector) order near neighbours too coarsely on their own."""
    return ",PQ" in index_type.replace(" ", "")


def exact_copy(index_type: str, vectors: np.ndarray | None) -> np.ndarray | None:
    """The float16 copies an index of this type is saved with (None: it needs none)."""
    if vectors is None or not refines(index_type):
        return None
    return np.ascontiguousarray(vectors, dtype="float16")


def probe_queries(vectors: np.ndarray, queries: int, seed: int) -> np.ndarray:
    """Tuning queries: midpoints of two random listings' vectors, normalised (like a profile: near listings
    but none of them, and harder than a listing's own vector, whose first neighbour is itself)."""
    pairs = np.random.default_rng(seed).integers(0, len(vectors), size=(queries, 2))
    probe = vectors[pairs[:, 0]] + vectors[pairs[:, 1]]
    return np.ascontiguousarray(probe / np.linalg.norm(probe, axis=1, keepdims=True), dtype="float32")


def recall_at_10(found: np.ndarray, truth: np.ndarray, probe: np.ndarray, exact: np.ndarray | None) -> float:
    """Mean share of each query's true top 10 among the positions found (-1: none), the found ones first
    re-ranked from the float16 ``exact`` copies where the index re-ranks from them."""
    if exact is not None:
        found = [_reranked(row[row >= 0], exact, query) for row, query in zip(found, probe)]
    return float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))


def _reranked(positions: np.ndarray, exact: np.ndarray, query: np.ndarray, k: int = 10) -> np.ndarray:
    scores = exact[positions].astype("float32") @ query
    return positions[np.lexsort((positions, -scores))[:k]]


def exact_vectors(directory: Path, name: str, manifest: Manifest) -> ExactVectors | None:
    """The float16 copies the manifest names (size-checked, not hashed: hashing 768 MB would add
    seconds to every start), or None where the index keeps its vectors itself."""
    if not name:
        if refines(manifest.index_type):
            raise IndexMismatchError(f"the {manifest.index_type} index has no float16 vectors to re-rank with: {REBUILD_HINT}")
        return None
    return ExactVectors(directory / name, manifest.count, manifest.dimension)
