"""A fast-starting encoder for queries: the same MiniLM weights, run with NumPy.

Why: importing sentence-transformers takes 6-9 s on two cores (it pulls in transformers, scikit-learn
and SciPy), which would dominate every app start, while a query is one short text. This module reads
the model's own files (``tokenizer.json`` with the ``tokenizers`` library, ``model.safetensors`` with
``safetensors``) and runs the BERT forward pass in NumPy: about 0.3 s to load and a few ms per query.
It serves only BERT models with mean pooling (all-MiniLM-L6-v2 is one); ``load`` returns None for
anything else and the app falls back to sentence-transformers. Listings are always embedded by
sentence-transformers; ``tests/test_model.py`` holds the two to a cosine of at least 0.9999.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nploy.embedding import ProgressCallback, _normalise


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (max error 1.5e-7): NumPy has no erf and SciPy is slow to import."""
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _is_dense(name: str) -> bool:
    return name.endswith((".dense.weight", ".query.weight", ".key.weight", ".value.weight"))


class NumpyBertEncoder:
    def __init__(self, model_dir: Path, name: str, max_seq_length: int):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.name = name
        self.dimension = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        raw = {k.removeprefix("bert."): v.astype("float32") for k, v in load_file(model_dir / "model.safetensors").items()}
        # Dense weights stored transposed and contiguous once: x @ W.T on a view costs 4x more per query.
        self.weights = {k: np.ascontiguousarray(v.T) if _is_dense(k) else v for k, v in raw.items()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.tokenizer.no_padding()

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        vectors = np.stack([self._embed(text) for text in texts]) if texts else np.zeros((0, self.dimension), "float32")
        if progress:
            progress(len(texts), len(texts))
        return _normalise(vectors)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def _embed(self, text: str) -> np.ndarray:
        w = self.weights
        ids = np.array(self.tokenizer.encode(text).ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        head = self.dimension // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"
            q, k, v = (
                self._dense(x, f"{p}.attention.self.{n}").reshape(len(ids), self.heads, head).transpose(1, 0, 2)
                for n in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(head)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            context = (scores / scores.sum(axis=-1, keepdims=True)) @ v
            attended = self._dense(context.transpose(1, 0, 2).reshape(len(ids), self.dimension), f"{p}.attention.output.dense")
            x = _layer_norm(
                attended + x, w[f"{p}.attention.output.LayerNorm.weight"], w[f"{p}.attention.output.LayerNorm.bias"], self.eps
            )
            hidden = _gelu(self._dense(x, f"{p}.intermediate.dense"))
            x = _layer_norm(
                self._dense(hidden, f"{p}.output.dense") + x,
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
                self.eps,
            )
        return x.mean(axis=0)  # one unpadded text: mean pooling over all its tokens


def load(model_dir: Path, name: str, max_seq_length: int) -> NumpyBertEncoder | None:
    """The NumPy encoder when the model is a BERT with mean pooling, else None."""
    try:
        config = json.loads((model_dir / "config.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return None
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
    )
    if config.get("model_type") != "bert" or not mean_only or not (model_dir / "model.safetensors").exists():
        return None
    return NumpyBertEncoder(model_dir, name, max_seq_length)
