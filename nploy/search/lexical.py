"""BM25 keyword search over the same listing text the embeddings see (the evaluation's baseline).

bm25s scores every listing for a query in one sparse product, so a hard-filter mask is applied
to the full score vector: filtered keyword search is exact in the same way as the dense search.
"""

from __future__ import annotations

import bm25s
import numpy as np

# Keep "c++", "c#" and one-letter languages ("R", "C") as tokens: the default pattern drops them.
TOKEN_PATTERN = r"(?u)[\w+#]+"


def tokenize(texts: list[str]) -> list[list[str]]:
    return bm25s.tokenize(texts, token_pattern=TOKEN_PATTERN, stopwords="en", return_ids=False, show_progress=False)


class LexicalIndex:
    def __init__(self, texts: list[str], keys: np.ndarray):
        self.keys = np.asarray(keys, dtype="int64")
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokenize(texts), show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every listing, in table order."""
        tokens = tokenize([query])[0]
        if not tokens:
            return np.zeros(len(self.keys), dtype="float32")
        return self._bm25.get_scores(tokens)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, keys) of the ``k`` best listings among those ``mask`` lets through."""
        scores = self.scores(query).astype("float64")
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        k = min(k, int(np.isfinite(scores).sum()))
        top = np.argpartition(-scores, k - 1)[:k] if k else np.array([], dtype=int)
        top = top[np.argsort(-scores[top], kind="stable")]
        return scores[top], self.keys[top]
