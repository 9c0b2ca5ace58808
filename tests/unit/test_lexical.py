"""The lexical leg (BM25): a saved index reads its postings from disk and scores exactly as bm25s does."""

from __future__ import annotations

import re
from pathlib import Path

import bm25s
import numpy as np
import pytest

from nploy.index.lexical import LexicalIndex, tokenize

TEXTS = [
    "Senior Python developer. Django, PostgreSQL and AWS; remote in Germany.",
    "Data engineer: Spark, Airflow, Python and SQL pipelines.",
    "iOS engineer with Swift and SwiftUI, some Kotlin welcome.",
    "Frontend developer, React and TypeScript, C# a plus.",
    "Site reliability engineer: Kubernetes, Terraform, Go, on-call.",
    "Machine learning engineer, PyTorch, Python, R for statistics.",
] * 7  # repeated rows: ties, and postings longer than one row
QUERIES = ["python developer", "swift kotlin ios", "c# react typescript", "kubernetes go python sql", "nothing matches zebra"]


def _mapped_rss_kb(name: str) -> int:
    """Resident kB of this process's memory maps of files called ``name`` (Linux /proc)."""
    total, current = 0, ""
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            current = line.split()[-1]
        elif line.startswith("Rss:") and current.endswith(name):
            total += int(line.split()[1])
    return total


def test_a_saved_index_scores_exactly_as_bm25s_and_as_before_saving(tmp_path):
    keys = np.arange(len(TEXTS), dtype="int64") * 7 + 3
    fresh = LexicalIndex.build(TEXTS, keys)
    fresh.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    reference = bm25s.BM25()
    reference.index(tokenize(TEXTS), show_progress=False)
    for query in QUERIES:
        tokens = loaded.query_tokens(query)
        expected = reference.get_scores(tokens) if tokens else np.zeros(len(TEXTS), dtype="float32")
        assert np.array_equal(loaded.scores(query), expected) and np.array_equal(fresh.scores(query), expected)
        scores, found = loaded.search(query, 5)
        assert np.array_equal(found, fresh.search(query, 5)[1]) and np.all(np.diff(scores) <= 0)
        assert loaded.words_in(tokens, [0, 2, 5]) == fresh.words_in(tokens, [0, 2, 5])
    assert loaded.words_in(["swift", "kotlin"], [2, 3]) == [["swift", "kotlin"], []]


def test_a_saved_index_reads_its_postings_without_mapping_them_into_the_process(tmp_path):
    keys = np.arange(len(TEXTS), dtype="int64")
    LexicalIndex.build(TEXTS * 300, np.arange(len(TEXTS) * 300, dtype="int64")).save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    for query in QUERIES:
        loaded.search(query, 10)
        loaded.words_in(loaded.query_tokens(query), keys[:20])
    # What a memory map of the postings touches counts in the process (260 MB at a million listings).
    assert _mapped_rss_kb("data.csc.index.npy") == 0 and _mapped_rss_kb("indices.csc.index.npy") == 0


@pytest.mark.parametrize("fence", [1, 7, 1024])
def test_which_words_a_listing_holds_reads_the_same_from_disk_at_any_fence(tmp_path, monkeypatch, fence):
    from nploy.index import lexical

    monkeypatch.setattr(lexical, "FENCE", fence)
    rng = np.random.default_rng(2)
    texts = [" ".join(rng.choice(["python", "go", "swift", "sql", "react", "rust", "kotlin"], size=3)) for _ in range(3000)]
    fresh = LexicalIndex.build(texts, np.arange(3000, dtype="int64"))
    fresh.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    tokens = loaded.query_tokens("python go swift sql react rust kotlin java")
    rows = list(range(0, 3000, 37)) + [0, 2999]
    assert loaded.words_in(tokens, rows) == fresh.words_in(tokens, rows)
    assert loaded.words_in(tokens, rows) == [[t for t in tokens if t in texts[r].split()] for r in rows]


def test_the_keyword_leg_leaves_out_words_in_most_listings_unless_all_are(tmp_path):
    """ "python" is in half the listings and "engineer" in four of six: the leg keeps the rarer words, and
    every word when none is rare enough (a query of common words still finds listings)."""
    keys = np.arange(len(TEXTS), dtype="int64")
    for index in (LexicalIndex.build(TEXTS, keys), _saved(tmp_path, keys)):
        assert index.telling(["engineer", "kotlin", "python"]) == ["kotlin", "python"]
        assert index.telling(["engineer", "kotlin", "python"], max_share=0.2) == ["kotlin"]
        assert index.telling(["engineer"]) == ["engineer"]


def _saved(tmp_path: Path, keys: np.ndarray) -> LexicalIndex:
    LexicalIndex.build(TEXTS, keys).save(tmp_path / "lexical")
    return LexicalIndex.load(tmp_path / "lexical")
