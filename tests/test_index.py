import json

import faiss
import numpy as np
import pytest

from nploy.embedding import FakeEncoder
from nploy.errors import IndexMismatchError
from nploy.index import MANIFEST, Manifest, VectorIndex, build_index, load_index, read_manifest, save_index
from nploy.listing import fingerprint


def _unit(rows: int, dim: int, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(rows, dim)).astype("float32")
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _numpy_top_k(vectors, keys, query, k, allowed=None):
    scores = vectors @ query
    order = [i for i in np.argsort(-scores, kind="stable") if allowed is None or keys[i] in set(allowed)]
    return keys[np.array(order[:k], dtype=int)]


@pytest.mark.parametrize("index_type", ["Flat", "HNSW32"])
def test_faiss_top_k_equals_numpy_exact_ranking(tmp_path, index_type):
    vectors, keys = _unit(500, 32), np.arange(500, dtype="int64") * 7919 + 3
    index = VectorIndex(build_index(vectors, keys, index_type), manifest=None)
    index.manifest = save_index(index.index, tmp_path, model="m", fingerprint="f", index_type=index_type)
    for q in range(10):
        query = vectors[q * 37]
        _, found = index.search(query, 10)
        if index_type == "Flat":
            assert list(found) == list(_numpy_top_k(vectors, keys, query, 10))
        else:  # approximate: recall against exact
            assert len(set(found) & set(_numpy_top_k(vectors, keys, query, 10))) >= 9


@pytest.mark.parametrize("index_type", ["Flat", "HNSW32"])
def test_restricted_search_is_exact_and_complete(tmp_path, index_type):
    vectors, keys = _unit(400, 16, seed=1), np.arange(400, dtype="int64") + 10**12
    index = VectorIndex(build_index(vectors, keys, index_type), manifest=None)
    index.manifest = save_index(index.index, tmp_path, model="m", fingerprint="f", index_type=index_type)
    allowed = keys[::9]  # 45 keys
    _, found = index.search(vectors[0], 10, allowed)
    assert set(found) <= set(allowed)
    assert list(found) == list(_numpy_top_k(vectors, keys, vectors[0], 10, allowed))
    _, everything = index.search(vectors[0], 100, allowed)
    assert sorted(everything) == sorted(allowed)  # fewer pass than k: all of them come back
    _, none = index.search(vectors[0], 10, np.array([], dtype="int64"))
    assert len(none) == 0


def test_manifest_describes_the_index(tmp_path):
    vectors, keys = _unit(20, 8), np.arange(20, dtype="int64")
    save_index(build_index(vectors, keys), tmp_path, model="all-MiniLM-L6-v2", fingerprint="abc", index_type="Flat")
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    for key in ("model", "dimension", "count", "fingerprint", "faiss_version", "built_at", "index_type", "sha256"):
        assert manifest[key]
    assert (manifest["count"], manifest["dimension"]) == (20, 8)
    loaded = load_index(tmp_path, model="all-MiniLM-L6-v2", fingerprint="abc")
    assert loaded.index.ntotal == 20


def test_mismatched_or_corrupt_index_is_refused_with_a_rebuild_hint(tmp_path):
    vectors, keys = _unit(50, 8), np.arange(50, dtype="int64")
    manifest = save_index(build_index(vectors, keys), tmp_path, model="m", fingerprint="abc", index_type="Flat")
    with pytest.raises(IndexMismatchError, match="model .*nploy build"):
        load_index(tmp_path, model="other", fingerprint="abc")
    with pytest.raises(IndexMismatchError, match="does not match the listings.*nploy build"):
        load_index(tmp_path, model="m", fingerprint="changed")
    path = tmp_path / manifest.index_file
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    path.write_bytes(bytes(data))
    with pytest.raises(IndexMismatchError, match="corrupt.*nploy build"):
        load_index(tmp_path, model="m", fingerprint="abc")
    path.write_bytes(bytes(data[:100]))  # truncated
    with pytest.raises(IndexMismatchError, match="corrupt"):
        load_index(tmp_path, model="m", fingerprint="abc")
    (tmp_path / MANIFEST).write_text("{not json")
    with pytest.raises(IndexMismatchError, match="unreadable"):
        read_manifest(tmp_path)
    with pytest.raises(IndexMismatchError, match="no index"):
        read_manifest(tmp_path / "missing")


def test_resave_replaces_the_old_file_atomically(tmp_path):
    vectors, keys = _unit(10, 8), np.arange(10, dtype="int64")
    first = save_index(build_index(vectors, keys), tmp_path, model="m", fingerprint="a", index_type="Flat")
    second = save_index(build_index(vectors, keys), tmp_path, model="m", fingerprint="b", index_type="Flat")
    assert first.index_file != second.index_file
    assert [p.name for p in tmp_path.glob("*.faiss")] == [second.index_file]
    assert not list(tmp_path.glob("*.tmp"))


def test_dataset_fingerprint_tracks_content(tiny_table):
    changed = tiny_table.copy()
    changed["title"] = changed["title"].astype("string")  # categorical in the table
    changed.loc[0, "title"] = "Something else"
    assert fingerprint(tiny_table) == fingerprint(tiny_table.copy())
    assert fingerprint(tiny_table) != fingerprint(changed)


def test_dataset_refuses_stale_index(fake_dataset, tiny_table):
    from nploy.listing import write_table

    fake_dataset.matcher(FakeEncoder())  # loads fine
    write_table(tiny_table.iloc[:5], fake_dataset.listings_path)
    with pytest.raises(IndexMismatchError, match="nploy build"):
        fake_dataset.matcher(FakeEncoder())
    assert "stale" in fake_dataset.index_status()


@pytest.mark.parametrize("kind", ["IVF4,SQ8", "HNSW8"])
@pytest.mark.parametrize("exact_up_to", [20_000, 10])  # the exact path, and the index's own filtered search
def test_approximate_indexes_search_with_filters(kind, exact_up_to, monkeypatch):
    from nploy import index as index_module

    monkeypatch.setattr(index_module, "EXACT_SUBSET_MAX", exact_up_to)
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(300, 16)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keys = np.arange(1000, 1300, dtype="int64")
    index = build_index(vectors, keys, kind)
    manifest = Manifest("m", 16, 300, "", kind, "", "", faiss.__version__, "", "")
    searched = VectorIndex(index=index, manifest=manifest)
    allowed = keys[::10]
    _, found = searched.search(vectors[5], 5, allowed)
    assert set(found) <= set(allowed) and len(found) == 5
    assert np.allclose(searched.vectors(keys[:3]), vectors[:3], atol=0.05)  # SQ8 is lossy, by design
