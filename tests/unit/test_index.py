import json

import faiss
import numpy as np
import pytest

from nploy.errors import IndexMismatchError
from nploy.index.embedding import FakeEncoder
from nploy.index.index import VectorIndex, build_index, load_index, save_index
from nploy.index.manifest import MANIFEST, Manifest, read_manifest
from nploy.records.profile import make_profile
from nploy.records.table import fingerprint, write_table


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
    from nploy.records.table import write_table

    fake_dataset.matcher(FakeEncoder())  # loads fine
    write_table(tiny_table.iloc[:5], fake_dataset.listings_path)
    with pytest.raises(IndexMismatchError, match="nploy build"):
        fake_dataset.matcher(FakeEncoder())
    assert "stale" in fake_dataset.index_status()


@pytest.mark.parametrize("kind", ["IVF4,SQ8", "HNSW8"])
@pytest.mark.parametrize("exact_up_to", [20_000, 10])  # the exact path, and the index's own filtered search
def test_approximate_indexes_search_with_filters(kind, exact_up_to, monkeypatch):
    from nploy.index import index as index_module

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


def _clustered(rows: int, dim: int, seed: int = 3) -> np.ndarray:
    """Unit vectors around 40 centres: the shape real embeddings have, which IVF relies on."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, dim))
    vectors = centres[rng.integers(0, 40, rows)] + 0.4 * rng.normal(size=(rows, dim))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype("float32")


@pytest.mark.slow
def test_ivf_filtered_search_is_exact_in_what_it_returns_and_keeps_recall(tmp_path):
    from nploy.index.index import tune

    vectors, keys = _clustered(6000, 24), np.arange(6000, dtype="int64") * 31 + 5
    built = build_index(vectors, keys, "IVF64,SQ8")
    params = tune(built, vectors)
    assert params["recall_at_10"] >= 0.97 and 1 <= params["nprobe"] <= 64
    manifest = save_index(built, tmp_path, model="m", fingerprint="f", index_type="IVF64,SQ8", params=params)
    index = load_index(tmp_path, model="m", fingerprint="f")
    assert manifest.params == params and faiss.downcast_index(index.index.index).nprobe == params["nprobe"]
    rng = np.random.default_rng(4)
    for share in (0.3, 0.03):
        mask = rng.uniform(size=6000) < share
        hits = []
        for q in range(20):
            query = vectors[q * 101]
            _, found = index.search(query, 10, mask=mask)
            assert set(found) <= set(keys[mask])  # never a listing outside the filter
            expected = _numpy_top_k(vectors, keys, query, 10, keys[mask])
            hits.append(len(set(found) & set(expected)) / 10)
        assert np.mean(hits) >= 0.95  # the probe widens as the filter narrows
    few = np.zeros(6000, dtype=bool)
    few[[7, 900, 4321]] = True
    _, found = index.search(vectors[0], 10, mask=few)
    assert sorted(found) == sorted(keys[few])  # fewer than k pass: all of them


def test_auto_index_type_is_exact_for_small_collections_and_ivf_for_large():
    from nploy.index.kinds import AUTO_EXACT_MAX, auto_index_type

    assert auto_index_type(20_000) == auto_index_type(AUTO_EXACT_MAX) == "Flat"
    assert auto_index_type(AUTO_EXACT_MAX + 1) == "IVF256,PQ48"  # one byte per 8 of 384 dimensions
    assert auto_index_type(1_000_000) == "IVF1024,PQ48"
    assert auto_index_type(1_000_000, dimension=100) == "IVF1024,SQ8"  # 100 does not split into 8s


@pytest.mark.slow
def test_a_product_quantised_index_re_ranks_from_float16_copies_on_disk(tmp_path):
    """The default above 50,000 listings: PQ codes find candidates, float16 copies read from a file order them."""
    from nploy.index.index import tune
    from nploy.index.kinds import ExactVectors, exact_copy

    vectors, keys = _clustered(6000, 32), np.arange(6000, dtype="int64") * 31 + 5
    built = build_index(vectors, keys, "IVF64,PQ16x4")
    exact = exact_copy("IVF64,PQ16x4", vectors)
    assert exact.dtype == np.float16 and exact_copy("IVF64,SQ8", vectors) is None
    coarse = tune(build_index(vectors, keys, "IVF64,PQ16x4"), vectors)  # the codes alone
    params = tune(built, vectors, exact=exact)
    assert params["recall_at_10"] >= 0.97 and coarse["recall_at_10"] < 0.9  # the re-rank is what holds the recall
    manifest = save_index(built, tmp_path, model="m", fingerprint="f", index_type="IVF64,PQ16x4", params=params, exact=exact)
    assert manifest.exact_file and not manifest.head_exact_file
    index = load_index(tmp_path, model="m", fingerprint="f")
    assert isinstance(index.exact, ExactVectors)
    assert np.allclose(index.vectors(keys[[3, 2000, 5999]]), vectors[[3, 2000, 5999]], atol=1e-3)  # float16, not the codes
    rng = np.random.default_rng(4)
    for share in (1.0, 0.3, 0.03):
        mask = rng.uniform(size=6000) < share
        hits = []
        for q in range(20):
            query = vectors[q * 101]
            scores, found = index.search(query, 10, mask=mask)
            assert set(found) <= set(keys[mask]) and np.all(np.diff(scores) <= 0)
            assert np.allclose(scores, vectors[np.searchsorted(keys, found)] @ query, atol=1e-2)  # exact scores
            passing = np.flatnonzero(mask)
            expected = keys[passing[np.argsort(-(vectors[passing] @ query), kind="stable")[:10]]]
            hits.append(len(set(found) & set(expected)) / 10)
        assert np.mean(hits) >= 0.95


def test_a_coarse_index_refuses_to_load_without_its_float16_copies(tmp_path):
    vectors, keys = _clustered(3000, 16), np.arange(3000, dtype="int64")
    from nploy.index.kinds import exact_copy

    built = build_index(vectors, keys, "IVF8,PQ2")
    exact = exact_copy("IVF8,PQ2", vectors)
    manifest = save_index(built, tmp_path, model="m", fingerprint="f", index_type="IVF8,PQ2", exact=exact)
    path = tmp_path / manifest.exact_file
    path.write_bytes(path.read_bytes()[:-32])  # a torn copy
    with pytest.raises(IndexMismatchError, match="float16 vectors .* unreadable .*torn write"):
        load_index(tmp_path, model="m", fingerprint="f")
    path.unlink()
    with pytest.raises(IndexMismatchError, match="missing or unreadable"):
        load_index(tmp_path, model="m", fingerprint="f")
    record = json.loads((tmp_path / MANIFEST).read_text())
    (tmp_path / MANIFEST).write_text(json.dumps({**record, "exact_file": ""}))
    with pytest.raises(IndexMismatchError, match="no float16 vectors"):
        load_index(tmp_path, model="m", fingerprint="f")


def test_build_records_the_chosen_type_and_tuned_search(fake_dataset, monkeypatch):
    from nploy.index.embedding import FakeEncoder

    monkeypatch.setenv("NPLOY_INDEX_TYPE", "auto")
    assert fake_dataset.build(FakeEncoder()).manifest.index_type == "Flat"
    manifest = fake_dataset.build(FakeEncoder(), "IVF2,SQ8").manifest
    assert manifest.index_type == "IVF2,SQ8" and manifest.params["nprobe"] in (1, 2)
    assert read_manifest(fake_dataset.index_dir).params == manifest.params
    matcher = fake_dataset.matcher(FakeEncoder())
    assert len(matcher.match(make_profile(skills=["Python"], work_modes=["remote"]), n=5)) > 0


def test_matcher_filters_when_index_order_differs_from_table_order(tmp_path, fake_dataset):
    """After an incremental build the index's positions are not the table's rows."""
    from nploy.index.embedding import FakeEncoder
    from nploy.index.texts import listing_texts
    from nploy.matching.matcher import Matcher

    table = fake_dataset.table()
    vectors = FakeEncoder().encode(listing_texts(table))
    order = np.arange(len(table))[::-1]
    reversed_index = VectorIndex(build_index(vectors[order], table["key"].to_numpy()[order]), manifest=None)
    serving = fake_dataset.table(serving=True)
    matcher = Matcher(serving, reversed_index, FakeEncoder(), fake_dataset.filters(serving))
    profile = make_profile(skills=["Python"], work_modes=["remote"])
    got = [m.listing.id for m in matcher.match(profile, n=50)]
    expected = set(table.loc[table["work_mode"] == "remote", "id"])
    assert got and set(got) == expected


def test_the_embedding_dtype_follows_the_setting_and_the_cpu(monkeypatch):
    from nploy.index import precision
    from nploy.index.encoder import EncoderError

    assert precision.cpu_has_bf16(frozenset({"avx2", "avx512_bf16"})) and precision.cpu_has_bf16(frozenset({"amx_bf16"}))
    assert not precision.cpu_has_bf16(frozenset({"avx2", "avx512f"}))
    monkeypatch.setattr(precision, "cpu_has_bf16", lambda flags=None: True)
    assert precision.embed_dtype("cpu", "auto") == "bfloat16"
    assert precision.embed_dtype("cpu", "float32") == "float32"  # an explicit choice wins over the CPU
    monkeypatch.setattr(precision, "cpu_has_bf16", lambda flags=None: False)
    assert precision.embed_dtype("cpu", "auto") == "float32"  # emulated bfloat16 is slower: stay in float32
    assert precision.embed_dtype("cpu", "bfloat16") == "bfloat16"
    monkeypatch.setenv("NPLOY_EMBED_DTYPE", "int8")
    with pytest.raises(EncoderError, match="NPLOY_EMBED_DTYPE='int8': use one of auto, float32, bfloat16"):
        precision.embed_dtype("cpu")


def test_the_manifest_records_the_embedding_dtype_and_a_mix_after_an_incremental_build(fake_dataset):
    from nploy.index.embedding import FakeEncoder

    class Bf16Encoder(FakeEncoder):
        dtype = "bfloat16"

    assert fake_dataset.build(FakeEncoder()).manifest.embed_dtype == "float32"
    assert fake_dataset.update(Bf16Encoder())[0].manifest.embed_dtype == "float32"  # nothing new: nothing re-embedded
    table = fake_dataset.table()
    table.loc[0, "description"] = "A changed posting, embedded again in the other format."
    write_table(table, fake_dataset.listings_path)
    assert fake_dataset.update(Bf16Encoder())[0].manifest.embed_dtype == "bfloat16+float32"
