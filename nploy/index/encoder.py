"""The encoder interface: text -> unit-length float32 vectors.

Implementations: ``nploy.index.embedding`` (sentence-transformers for listings, the fake hash
encoder for fast tests) and ``nploy.index.query_encoder`` (the same model in torch, fast to start).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from nploy.errors import NployError

ProgressCallback = Callable[[int, int], None]  # (texts done, texts total)


class EncoderError(NployError):
    """The encoder cannot be loaded; the message says what to install or set."""


class Encoder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in input order."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype="float32")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
