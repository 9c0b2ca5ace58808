"""BM25 keyword search (bm25s) over each listing's title and whole description: the lexical leg.

Built at ``nploy build`` beside the FAISS index, in table order, saved as bm25s' plain arrays. bm25s
keeps, per token, the rows that contain it and their scores (a CSC matrix); a saved index reads a
query's tokens' postings from those files with ``pread`` (``nploy.index.npyfile``), so they stay in the
page cache rather than in the serving process (memory-mapped, a million listings' postings added 260 MB
to it). A query's scores over every listing are one sparse sum, a hard-filter mask applies to that score
vector (filtered keyword search is exact, like the dense search), and "which of the query's words does
this listing contain" is a binary search in the token's postings (the matched words a match explains
itself with).
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from nploy.index.npyfile import NpyFile
from nploy.vocabulary.roles import expand_title

# Keep "c++", "c#" and one-letter languages ("R", "C") as tokens: the default pattern drops them.
TOKEN_PATTERN = r"(?u)[\w+#]+"
KEYS_FILE = "keys.npy"
FENCE = 1024  # postings entries a membership test reads (4 KB of row numbers)


def tokenize(texts: list[str]) -> list[list[str]]:
    return bm25s.tokenize(texts, token_pattern=TOKEN_PATTERN, stopwords="en", return_ids=False, show_progress=False)


def listing_words(title: str, description: str) -> str:
    """What the lexical leg reads of a listing: its title, then the whole description."""
    return f"{expand_title(title)}. {description}"


class _InMemory:
    """The postings of a fresh build, as bm25s holds them."""

    def __init__(self, scores: dict):
        self._rows, self._weights = scores["indices"], scores["data"]

    def rows(self, start: int, end: int) -> np.ndarray:
        return self._rows[start:end]

    def weights(self, start: int, end: int) -> np.ndarray:
        return self._weights[start:end]

    def contains(self, start: int, end: int, row: int) -> bool:
        return _contains(self._rows[start:end], row)


class _OnDisk:
    """The postings of a saved index, read a token's slice at a time; "does this row hold the token" reads
    one block of ``FENCE`` entries, found through every ``FENCE``-th row number kept in memory (an
    explanation asks it of 20 listings a query: reading whole postings for that cost 40 ms at a million)."""

    def __init__(self, directory: Path):
        self._rows, self._weights = NpyFile(directory / "indices.csc.index.npy"), NpyFile(directory / "data.csc.index.npy")
        total, chunk = self._rows.shape[0], FENCE * 4096
        self._fence = np.concatenate(
            [self._rows.slice(at, min(total, at + chunk))[::FENCE] for at in range(0, total, chunk)] or [np.zeros(0, "int64")]
        )

    def rows(self, start: int, end: int) -> np.ndarray:
        return self._rows.slice(start, end)

    def weights(self, start: int, end: int) -> np.ndarray:
        return self._weights.slice(start, end)

    def contains(self, start: int, end: int, row: int) -> bool:
        if end <= start:
            return False
        first, last = -(-start // FENCE), (end - 1) // FENCE  # the fences inside this token's postings
        fences = self._fence[first : last + 1]
        below = int(np.searchsorted(fences, row, side="right"))  # fences at or below the row
        low = start if below == 0 else (first + below - 1) * FENCE
        high = end if below == len(fences) else min(end, (first + below) * FENCE)
        return _contains(self._rows.slice(low, high), row)


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25, keys: np.ndarray, postings: _InMemory | _OnDisk | None = None):
        self.keys = np.asarray(keys, dtype="int64")
        self._bm25 = bm25
        self._vocab: dict[str, int] = bm25.vocab_dict
        self._indptr = np.asarray(bm25.scores["indptr"])
        self._postings = postings or _InMemory(bm25.scores)

    @classmethod
    def build(cls, texts: list[str], keys: np.ndarray) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index(tokenize(texts), show_progress=False)
        return cls(bm25, keys)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), show_progress=False)
        np.save(directory / KEYS_FILE, self.keys)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        # Memory-mapped so that loading reads only the vocabulary and the token offsets; the postings are
        # then read by ``_OnDisk``, never through the map.
        bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
        return cls(bm25, np.load(directory / KEYS_FILE), _OnDisk(directory))

    def query_tokens(self, query: str) -> list[str]:
        """The query's words the index knows (others cannot score)."""
        return [t for t in dict.fromkeys(tokenize([query])[0]) if t in self._vocab]

    def telling(self, tokens: list[str], max_share: float = 0.5) -> list[str]:
        """The tokens found in at most ``max_share`` of the listings, or all of them when every one is more
        common. Why: a word in most postings ("work" is in two thirds of a million) says little about which
        one fits (its BM25 weight is a quarter of a rare word's) and is most of the lexical leg's time."""
        limit = max_share * len(self.keys)
        kept = [t for t in tokens if self._listings_with(t) <= limit]
        return kept or tokens

    def _listings_with(self, token: str) -> int:
        start, end = self._span(token)
        return end - start

    def scores(self, query: str | list[str]) -> np.ndarray:
        """BM25 score of every listing, in table order (zeros when no word of the query is known)."""
        tokens = self.query_tokens(query) if isinstance(query, str) else query
        scores = np.zeros(len(self.keys), dtype="float32")
        for token in tokens:  # bm25s' own sum (get_scores), over postings read per token
            start, end = self._span(token)
            scores[self._postings.rows(start, end)] += self._postings.weights(start, end)  # a token's rows are distinct
        return scores

    def _span(self, token: str) -> tuple[int, int]:
        at = self._vocab[token]
        return int(self._indptr[at]), int(self._indptr[at + 1])

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, keys) of the ``k`` best listings among those ``mask`` lets through."""
        scores, rows = self.top(self.scores(query), k, mask)
        return scores, self.keys[rows]

    @staticmethod
    def top(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows) of the ``k`` best rows with a positive score among those ``mask`` passes."""
        positive = np.flatnonzero(scores > 0)
        if mask is not None:
            positive = positive[mask[positive]]  # the mask read only where a word matched: no full-size copies
        k = min(k, len(positive))
        if not k:
            return np.zeros(0), np.zeros(0, dtype="int64")
        # Every row scoring at least the k-th best, then (-score, row): argpartition alone picks among rows tied
        # at the k-th score in no fixed order. Among the positive rows only: a partition of a million scores,
        # most of them zero, took 137 ms (ties slow NumPy's selection), of the positive ones a few.
        found = scores[positive].astype("float64")
        kth = np.partition(found, len(found) - k)[len(found) - k]
        tied = positive[found >= kth]
        tied_scores = scores[tied].astype("float64")
        order = np.lexsort((tied, -tied_scores))[:k]
        return tied_scores[order], tied[order]

    def words_in(self, tokens: list[str], rows) -> list[list[str]]:
        """For each row, the query tokens its listing contains (in query order)."""
        spans = {t: self._span(t) for t in tokens}
        rows = np.asarray(rows, dtype="int64").tolist()
        return [[t for t, span in spans.items() if self._postings.contains(*span, row)] for row in rows]


def _contains(sorted_rows: np.ndarray, row: int) -> bool:
    at = int(np.searchsorted(sorted_rows, row))
    return at < len(sorted_rows) and int(sorted_rows[at]) == row
