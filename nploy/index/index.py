"""The FAISS index over listing embeddings: build, search (with filters as bitmaps), tune, refill, load.

FAISS ids are listing keys (``records.listing.listing_key``); saving and the manifest are in ``manifest``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from nploy.errors import IndexMismatchError
from nploy.index.kinds import REFINE_EXTRA, ExactVectors, exact_vectors, probe_queries, recall_at_10
from nploy.index.manifest import REBUILD_HINT, Manifest, read_manifest, sha256_of
from nploy.index.manifest import save_index as manifest_save
from nploy.records.rows import KeyLookup

# A filter that leaves at most this many listings is searched exactly over their vectors on a graph
# index (HNSW): a graph search misses when most neighbours are filtered out.
EXACT_SUBSET_MAX = 20_000
# Mean recall@10 the build-time tuning asks of an approximate index: the 0.95 plus a margin
# (tuning queries are built from listings, not from profiles).
TUNE_RECALL = 0.97
NPROBES = (4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256)
# Index types that remove vectors in place; IVF is refilled (``refill``), HNSW rebuilt (every listing embedded again).
REMOVABLE_TYPES = ("Flat", "SQfp16", "SQ8")


@dataclass
class VectorIndex:
    """The listings' vectors: each listing's body (the whole posting), and, when built with one, its head
    (title and skills) in a second index of the same keys in the same order. A listing's similarity to
    a query is the better of its two (``nploy.index.texts``)."""

    index: faiss.Index  # IndexIDMap2 over the actual index: FAISS ids are listing keys
    manifest: Manifest | None  # None for an index not yet saved
    head: VectorIndex | None = None
    exact: ExactVectors | None = None  # float16 vectors by position, where the index's codes are coarse (PQ)

    def __post_init__(self) -> None:
        # Position in the inner index -> listing key. Filters are bitmaps over positions: FAISS' bitmap
        # selector is a bit test per vector, where a selector over 63-bit keys builds a hash set per query.
        self.keys = faiss.vector_to_array(self.index.id_map).astype("int64")
        self._key_positions: list[KeyLookup] = []  # built on first use, one slot shared with the head (same keys)
        self.inner = faiss.downcast_index(self.index.index)
        if isinstance(self.inner, faiss.IndexIVF):
            # One query at a time (the app's case): spread its lists over the threads, not its queries
            # (FAISS' default parallelises over queries and leaves a single query on one core).
            self.inner.parallel_mode = 1
        if self.manifest is not None:
            apply_params(self.inner, self.manifest.params)
        if self.head is not None and not np.array_equal(self.head.keys, self.keys):
            raise IndexMismatchError(f"the head and body indexes hold different listings: {REBUILD_HINT}")
        if self.head is not None:
            self.head._key_positions = self._key_positions

    @property
    def size(self) -> int:
        """How many listings it holds."""
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    @property
    def nprobe(self) -> int | None:
        """The IVF lists a search probes (None for an index without lists)."""
        return int(self.inner.nprobe) if self.is_ivf else None

    @property
    def is_ivf(self) -> bool:
        return isinstance(self.inner, faiss.IndexIVF)

    def can_remove(self, index_type: str) -> bool:
        """Whether listings can leave it in place (flat and scalar-quantised codes) or by a refill of its trained
        lists (IVF); a graph (HNSW) cannot, and is rebuilt."""
        return self.is_ivf or index_type in REMOVABLE_TYPES

    def remove(self, keys: np.ndarray) -> None:
        self.index.remove_ids(np.ascontiguousarray(keys, dtype="int64"))

    def add(self, vectors: np.ndarray, keys: np.ndarray) -> None:
        self.index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), np.ascontiguousarray(keys, dtype="int64"))

    def positions(self, keys: np.ndarray) -> np.ndarray:
        """Inner positions of these keys (-1 for a key not in the index)."""
        if not self._key_positions:
            self._key_positions.append(KeyLookup(self.keys))
        return self._key_positions[0].positions(keys)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None, mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, keys); see ``search_positions``, which this wraps."""
        if allowed is not None:
            mask = np.zeros(len(self.keys), dtype=bool)
            found = self.positions(allowed)
            mask[found[found >= 0]] = True
        scores, positions = self.search_positions(query, k, mask)
        return scores, self.keys[positions]

    def search_positions(self, query: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, positions in ``self.keys``) for one unit query vector, restricted to the keys
        in ``allowed`` (``search``) or to the positions where the boolean ``mask`` is true; a listing's
        score is the better of its body's and its head's.

        A restricted search never returns a listing outside the restriction and returns all of them
        when fewer than k pass. IVF widens its probe as fewer pass (see _search_params); HNSW searches a
        selective filter exactly over the passing vectors.
        """
        scores, positions = self._search_one(query, k, mask)
        if self.head is None:
            order = np.lexsort((positions, -scores))  # ties go to the earlier position, whatever FAISS's order
            return scores[order], positions[order]
        head_scores, head_positions = self.head._search_one(query, k, mask)
        scores, positions = np.concatenate([scores, head_scores]), np.concatenate([positions, head_positions])
        order = np.lexsort((positions, -scores))  # ties go to the earlier position: no dependence on FAISS's order
        _, first = np.unique(positions[order], return_index=True)  # each position's best score
        best = order[np.sort(first)][:k]
        return scores[best], positions[best]

    def _search_one(self, query: np.ndarray, k: int, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        query = np.ascontiguousarray(query.reshape(1, -1), dtype="float32")
        passing = len(self.keys) if mask is None else int(mask.sum())
        if passing == 0:
            return np.zeros(0, dtype="float32"), np.zeros(0, dtype="int64")
        if passing == len(self.keys):
            mask = None
        if mask is not None and isinstance(self.inner, faiss.IndexHNSW) and passing <= max(4 * k, EXACT_SUBSET_MAX):
            return self._exact_subset(query, k, np.flatnonzero(mask))
        bits = None if mask is None else np.packbits(mask, bitorder="little")
        params = _search_params(self.inner, bits, passing / len(self.keys))
        want = min(k, passing)
        fetch = min(passing, max(2 * want, want + REFINE_EXTRA)) if self.exact is not None else want
        scores, positions = self.inner.search(query, fetch, params=params)
        found = positions[0] >= 0
        scores, positions = scores[0][found], positions[0][found]
        return (scores, positions) if self.exact is None else self._exact_subset(query, want, positions)

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        """The stored (body) vectors of these keys (an empty (0, d) array for no keys)."""
        if len(keys) == 0:
            return np.zeros((0, self.index.d), dtype="float32")
        return self.stored(self.positions(keys))

    def stored(self, positions: np.ndarray) -> np.ndarray:
        """The vectors at these inner positions, as exactly as the index keeps them."""
        if self.exact is not None:
            return self.exact.rows(positions)
        return self.inner.reconstruct_batch(np.ascontiguousarray(positions, dtype="int64"))

    def _exact_subset(self, query: np.ndarray, k: int, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The top k of these positions by their stored vectors (the float16 copies where there are some)."""
        scores = self.stored(positions) @ query[0]
        top = np.lexsort((positions, -scores))[:k]
        return scores[top], positions[top]


def _search_params(inner: faiss.Index, bits: np.ndarray | None, share: float) -> faiss.SearchParameters | None:
    """The filter as a bitmap selector, in the parameter class the index expects (IVF refuses the
    generic one). IVF probes ``nprobe / sqrt(share)`` lists (at most all), so a narrow filter still
    finds its nearest passing listings: with 6 % passing, 1M listings and nprobe 32, recall@10 was
    0.995 probing ``nprobe / share`` lists (7.3 ms) and 0.991 with the square root (3.2 ms); the
    passing neighbours sit mostly in the lists nearest the query (bench/RESULTS.md)."""
    selector = None if bits is None else faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
    if isinstance(inner, faiss.IndexIVF):
        nprobe = min(inner.nlist, int(np.ceil(inner.nprobe / np.sqrt(share))))
        params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe) if selector else faiss.SearchParametersIVF(nprobe=nprobe)
    elif selector is None:
        return None
    else:
        params = faiss.SearchParameters(sel=selector)
    params._keep = (bits, selector)  # SWIG does not own them: they must outlive the search
    return params


def apply_params(inner: faiss.Index, params: dict) -> None:
    if "nprobe" in params and isinstance(inner, faiss.IndexIVF):
        inner.nprobe = int(params["nprobe"])
    if "ef_search" in params and isinstance(inner, faiss.IndexHNSW):
        inner.hnsw.efSearch = int(params["ef_search"])


def build_index(vectors: np.ndarray, keys: np.ndarray, index_type: str = "Flat") -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype="float32")
    index = faiss.index_factory(vectors.shape[1], f"IDMap2,{index_type}", faiss.METRIC_INNER_PRODUCT)
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexIVF):
        # k-means on 64 points per list instead of FAISS' 256: a quarter of the training time at 1M
        # listings, and the tuning below holds the recall that results.
        inner.cp.max_points_per_centroid = 64
    if not index.is_trained:
        index.train(vectors)
    index.add_with_ids(vectors, np.ascontiguousarray(keys, dtype="int64"))
    if isinstance(inner, faiss.IndexIVF):
        # Reading vectors back (swipe feedback) needs IVF's id -> list map.
        inner.make_direct_map()
    return index


def refill(
    current: VectorIndex, keys: np.ndarray, fresh: np.ndarray, fresh_vectors: np.ndarray, chunk: int = 65_536
) -> tuple[faiss.Index, np.ndarray | None]:
    """A new IVF index with ``current``'s trained lists, holding ``keys`` in this order: each key's
    stored vector where ``fresh`` is false, the next of ``fresh_vectors`` where it is true; and its
    float16 copies in the same order where ``current`` re-ranks from them (else None).

    Why: an IVF index cannot drop vectors and keep its id map consistent, but its training (centroids,
    quantiser ranges) stays valid for a catalogue that changes by a few percent, and a stored 8-bit
    code decodes and re-encodes to itself. So an update re-embeds only new and changed listings, at
    the cost of re-adding the rest (seconds, not the hours of embedding a million listings again)."""
    index = faiss.clone_index(current.index)
    index.reset()  # keeps the training, drops the vectors and ids
    positions = current.positions(keys)
    exact = np.empty((len(keys), current.index.d), dtype="float16") if current.exact is not None else None
    taken = 0
    for start in range(0, len(keys), chunk):
        part = slice(start, start + chunk)
        new_here = fresh[part]
        vectors = np.empty((len(new_here), current.index.d), dtype="float32")
        vectors[~new_here] = current.stored(positions[part][~new_here])
        vectors[new_here] = fresh_vectors[taken : taken + int(new_here.sum())]
        taken += int(new_here.sum())
        index.add_with_ids(vectors, np.ascontiguousarray(keys[part], dtype="int64"))
        if exact is not None:
            exact[part] = vectors
    faiss.downcast_index(index.index).make_direct_map()
    return index, exact


def tune(index: faiss.Index, vectors: np.ndarray, queries: int = 300, seed: int = 0, exact: np.ndarray | None = None) -> dict:
    """Smallest IVF nprobe whose mean recall@10 against exact search (over the float vectors: quantisation
    error counts) reaches ``TUNE_RECALL`` on ``kinds.probe_queries``; with ``exact`` (a coarse index's
    float16 copies) each search is re-ranked as serving re-ranks it."""
    inner = faiss.downcast_index(index.index)
    if not isinstance(inner, faiss.IndexIVF):
        return {}
    probe = probe_queries(vectors, queries, seed)
    # faiss.knn scans the caller's array in place: an IndexFlatIP would copy it (1.5 GB at 1M listings).
    _, truth = faiss.knn(probe, np.ascontiguousarray(vectors, dtype="float32"), 10, metric=faiss.METRIC_INNER_PRODUCT)
    fetch = 10 + REFINE_EXTRA if exact is not None else 10
    for nprobe in [n for n in NPROBES if n < inner.nlist] + [inner.nlist]:
        _, found = inner.search(probe, fetch, params=faiss.SearchParametersIVF(nprobe=nprobe))
        recall = recall_at_10(found, truth, probe, exact)
        if recall >= TUNE_RECALL:
            break
    inner.nprobe = nprobe
    return {"nprobe": int(nprobe), "recall_at_10": round(recall, 4), "tuning_queries": queries}


def load_index(directory: Path, *, model: str, fingerprint: str | None, head: bool = True) -> VectorIndex:
    """Load and verify; refuse an index built for another model or other listings, or corrupt.
    ``fingerprint=None`` accepts any listings (an incremental build is about to bring it up to date);
    ``head=False`` leaves the head vectors on disk."""
    manifest = read_manifest(directory)
    if manifest.model != model:
        raise IndexMismatchError(f"the index was built with model {manifest.model!r}, not {model!r}: {REBUILD_HINT}")
    if fingerprint is not None and manifest.fingerprint != fingerprint:
        raise IndexMismatchError(f"the index does not match the listings table (data changed since it was built): {REBUILD_HINT}")
    path = directory / manifest.index_file
    if not path.exists() or sha256_of(path) != manifest.sha256:
        raise IndexMismatchError(f"the index file {path.name} is missing or corrupt (checksum mismatch): {REBUILD_HINT}")
    index = faiss.read_index(str(path))
    if index.ntotal != manifest.count or index.d != manifest.dimension:
        raise IndexMismatchError(
            f"the index holds {index.ntotal} vectors of dimension {index.d}, the manifest says otherwise: {REBUILD_HINT}"
        )
    head_index = None
    if manifest.head_file and head:
        head_path = directory / manifest.head_file
        if not head_path.exists() or sha256_of(head_path) != manifest.head_sha256:
            raise IndexMismatchError(f"the index file {head_path.name} is missing or corrupt (checksum mismatch): {REBUILD_HINT}")
        head_exact = exact_vectors(directory, manifest.head_exact_file, manifest)
        head_index = VectorIndex(index=faiss.read_index(str(head_path)), manifest=manifest, exact=head_exact)
    exact = exact_vectors(directory, manifest.exact_file, manifest)
    return VectorIndex(index=index, manifest=manifest, head=head_index, exact=exact)


def tuned_like(index: faiss.Index, params: dict) -> faiss.Index:
    """A freshly built index given the search parameters tuned on another (the head takes the body's nprobe)."""
    apply_params(faiss.downcast_index(index.index), params)
    return index


def save_index(index: faiss.Index, directory: Path, **manifest_fields) -> Manifest:
    """``manifest.save_index`` with this module's FAISS writer: the index files, then the manifest."""
    return manifest_save(index, directory, write=write_index, faiss_version=faiss.__version__, **manifest_fields)


def write_index(index: faiss.Index, path: Path) -> None:
    """A FAISS index written to ``path`` (the manifest module names, syncs and renames it)."""
    faiss.write_index(index, str(path))


def faiss_version() -> str:
    return faiss.__version__
