"""Building a dataset's indexes: embed every listing's body and head, index them, tune the search,
build the lexical leg, save it all under one manifest; or bring a saved index up to date, embedding only
new and changed listings (``nploy build --incremental``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from nploy import settings
from nploy.errors import IndexMismatchError, NployError
from nploy.index.encoder import Encoder, ProgressCallback
from nploy.index.index import (
    VectorIndex,
    build_index,
    load_index,
    refill,
    save_index,
    tune,
    tuned_like,
)
from nploy.index.kinds import auto_index_type, exact_copy, exact_vectors
from nploy.index.lexical import LexicalIndex, listing_words
from nploy.index.manifest import read_hashes
from nploy.index.texts import listing_heads, listing_texts, text_hashes
from nploy.records.table import fingerprint


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
class Texts:
    """What is embedded of each listing, in table order (see ``nploy.index.texts``)."""

    bodies: list[str]
    heads: list[str]

    @classmethod
    def of(cls, table: pd.DataFrame) -> Texts:
        return cls(listing_texts(table), listing_heads(table))

    def hashes(self) -> np.ndarray:
        return text_hashes(self.bodies, self.heads)

    def only(self, fresh: np.ndarray) -> Texts:
        return Texts([t for t, f in zip(self.bodies, fresh) if f], [t for t, f in zip(self.heads, fresh) if f])


def embed(encoder: Encoder, texts: Texts, progress: ProgressCallback | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """(body vectors, head vectors); progress counts both. No head vectors when the setting is off."""
    with_heads = settings.enabled("head_vectors")
    total = len(texts.bodies) + (len(texts.heads) if with_heads else 0)
    bodies = encoder.encode(texts.bodies, progress=lambda done, _n: progress and progress(done, total))
    if not with_heads:
        return bodies, None
    heads = encoder.encode(texts.heads, progress=lambda done, _n: progress and progress(len(texts.bodies) + done, total))
    return bodies, heads


def resolve_index_type(setting: str, count: int, dimension: int = 384) -> str:
    """The FAISS index type to build: the setting, with `auto` chosen by the number of listings."""
    return auto_index_type(count, dimension) if setting.strip().lower() == "auto" else setting


def lexical_enabled() -> bool:
    return settings.enabled("lexical")


def build_lexical(table: pd.DataFrame) -> LexicalIndex:
    """BM25 over every listing's title and whole description, in table order."""
    texts = [listing_words(t, d) for t, d in zip(table["title"], table["description"])]
    return LexicalIndex.build(texts, table["key"].to_numpy())


def index_vectors(
    index_dir: Path,
    vectors: np.ndarray,
    table: pd.DataFrame,
    texts: Texts,
    model: str,
    index_type: str | None,
    heads: np.ndarray | None = None,
    dtype: str = "float32",
) -> VectorIndex:
    """Index these body (and head) vectors of the table's rows, tune the search, and save it (the
    benchmarks call it with vectors they made). ``dtype``: the format they were embedded in."""
    kind = resolve_index_type(index_type or settings.get("index_type"), len(table), vectors.shape[1])
    keys = table["key"].to_numpy()
    index = build_index(vectors, keys, kind)
    head = build_index(heads, keys, kind) if heads is not None else None
    exact = (exact_copy(kind, vectors), exact_copy(kind, heads))
    params = tune(index, vectors, exact=exact[0])
    if head is not None and "nprobe" in params:
        head = tuned_like(head, params)
    return save(index_dir, index, head, table, texts, model, kind, params, dtype, exact)


def save(
    index_dir: Path,
    index,
    head,
    table: pd.DataFrame,
    texts: Texts,
    model: str,
    kind: str,
    params: dict | None = None,
    dtype: str = "float32",
    exact: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
) -> VectorIndex:
    """Save indexes built for this table, with each listing's text hash (for incremental builds) and,
    for a coarse index, the float16 copies (body, head) it re-ranks from."""
    keys = table["key"].to_numpy()
    manifest = save_index(
        index,
        index_dir,
        model=model,
        fingerprint=fingerprint(table),
        index_type=kind,
        hashes=np.column_stack([keys, texts.hashes()]),
        params=params,
        lexical=build_lexical(table) if lexical_enabled() else None,
        head=head,
        embed_dtype=dtype,
        exact=exact[0],
        head_exact=exact[1],
    )
    head_exact = exact_vectors(index_dir, manifest.head_exact_file, manifest)
    head_index = None if head is None else VectorIndex(head, manifest, exact=head_exact)
    return VectorIndex(index, manifest, head=head_index, exact=exact_vectors(index_dir, manifest.exact_file, manifest))


def build(index_dir: Path, table: pd.DataFrame, encoder: Encoder, index_type: str | None, progress) -> VectorIndex:
    """Embed every listing and save the index."""
    texts = Texts.of(table)
    bodies, heads = embed(encoder, texts, progress)
    return index_vectors(index_dir, bodies, table, texts, encoder.name, index_type, heads, _dtype(encoder))


def update(index_dir: Path, table: pd.DataFrame, encoder: Encoder, progress) -> tuple[VectorIndex, IndexUpdate]:
    """Bring the saved index up to date with the table, embedding only new and changed listings and
    removing the ones that left. Falls back to a full build when there is no usable index (none yet,
    another model, no text hashes, no head vectors) or its type cannot remove vectors."""
    try:
        current = load_index(index_dir, model=encoder.name, fingerprint=None)
        known = read_hashes(index_dir, current.manifest)
    except IndexMismatchError as error:
        return build(index_dir, table, encoder, None, progress), IndexUpdate(len(table), 0, 0, f"full build: {error}")
    is_ivf = current.is_ivf
    why = (
        "the index has no text hashes"
        if known is None
        else "the index's head vectors do not match the setting"
        if (current.head is not None) != settings.enabled("head_vectors")
        else f"{current.manifest.index_type} cannot remove vectors"
        if not current.can_remove(current.manifest.index_type)
        else ""
    )
    if why:
        kind = current.manifest.index_type
        return build(index_dir, table, encoder, kind, progress), IndexUpdate(len(table), 0, 0, f"full build: {why}")
    texts = Texts.of(table)
    keys, hashes = table["key"].to_numpy(), texts.hashes()
    fresh = np.array([known.get(k) != h for k, h in zip(keys.tolist(), hashes.tolist())], dtype=bool)
    leaving = np.array(sorted(set(known) - set(keys[~fresh].tolist())), dtype="int64")
    empty = np.zeros((0, current.dimension), dtype="float32")
    bodies, heads = embed(encoder, texts.only(fresh), progress) if fresh.any() else (empty, empty)
    index, exact = _updated(current, keys, fresh, leaving, bodies, is_ivf)
    head, head_exact = _updated(current.head, keys, fresh, leaving, heads, is_ivf) if current.head is not None else (None, None)
    changed = int(sum(k in known for k in keys[fresh].tolist()))
    result = IndexUpdate(int(fresh.sum()) - changed, changed, len(leaving) - changed, "incremental")
    manifest = current.manifest
    dtype = (
        manifest.embed_dtype  # nothing embedded: the vectors are the ones there were
        if not fresh.any()
        else _dtype(encoder)  # every vector there was replaced
        if len(leaving) == len(known)
        else _mixed(manifest.embed_dtype, _dtype(encoder))
    )
    kind, params = manifest.index_type, manifest.params
    return save(index_dir, index, head, table, texts, encoder.name, kind, params, dtype, (exact, head_exact)), result


def _dtype(encoder: Encoder) -> str:
    return getattr(encoder, "dtype", "float32")


def _mixed(before: str, now: str) -> str:
    """The formats an index holds after adding vectors in ``now`` to ones in ``before``."""
    return "+".join(sorted(set(before.split("+")) | {now}))


def _updated(current: VectorIndex, keys, fresh, leaving, vectors: np.ndarray, is_ivf: bool):
    """One of the indexes with the leaving listings out and the fresh ones (re)added, and its float16
    copies where it re-ranks from them (else None)."""
    vectors = np.ascontiguousarray(vectors, dtype="float32")
    if is_ivf:  # trained lists kept, every listing re-added in table order (see index.refill)
        return refill(current, keys, fresh, vectors)
    if len(leaving):
        current.remove(leaving)
    if len(vectors):
        current.add(vectors, keys[fresh])
    return current.index, None


def embed_with_ray(table: pd.DataFrame, shards_dir: Path, **ray_options) -> tuple[np.ndarray, np.ndarray]:
    """(body vectors, head vectors) in table order, embedded by a Ray actor pool (``nploy.index.raybuild``)."""
    from nploy.index.raybuild import embed_with_ray as ray_embed

    texts, keys = Texts.of(table), table["key"].to_numpy()
    out = []
    for name, batch in (("bodies", texts.bodies), ("heads", texts.heads)):
        found_keys, vectors = ray_embed(batch, keys, shards_dir / name, **ray_options)
        order = pd.Index(found_keys).get_indexer(keys)
        if (order < 0).any() or len(found_keys) != len(table):
            raise NployError(f"the Ray build returned {len(found_keys)} embeddings for {len(table)} listings")
        out.append(vectors[order])
    return out[0], out[1]
