"""A fast-starting encoder for queries: the same MiniLM weights, run by a BERT forward pass written
directly in torch.

Why: importing sentence-transformers takes 6-9 s on two cores (it pulls in transformers, scikit-learn
and SciPy), which would dominate every app start, while a query is one short text. This module reads
the model's own files (``tokenizer.json`` with the ``tokenizers`` library, ``model.safetensors`` with
``safetensors``) and runs the encoder with torch alone: about 3 s to import and load, and about 18 ms
per profile on two cores (the same pass in NumPy took 53 ms: OpenBLAS is slow on these small
matrices). It serves only BERT models with mean pooling (all-MiniLM-L6-v2 is one); ``load`` returns
None for anything else and the app falls back to sentence-transformers. Listings are always embedded
by sentence-transformers; ``tests/model/test_model.py`` holds the two to a cosine of at least 0.9999.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nploy.index.encoder import ProgressCallback, normalise
from nploy.index.precision import torch_dtype


class TorchBertEncoder:
    def __init__(self, model_dir: Path, name: str, max_seq_length: int, dtype: str = "float32"):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.name = name
        self.dtype = dtype
        self.dimension = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        raw = load_file(model_dir / "model.safetensors")
        # Dense weights stored transposed and contiguous once, for x @ W without a strided view; one
        # tensor at a time, so loading never holds two copies of the model (90 MB each).
        self.weights = {}
        to = torch_dtype(dtype)
        for key in list(raw):
            value = raw.pop(key).to(to)
            self.weights[key.removeprefix("bert.")] = value.t().contiguous() if _is_dense(key) else value
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.tokenizer.no_padding()
        self._torch = torch

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        with self._torch.inference_mode():
            rows = [self._embed(text) for text in texts]
        vectors = np.stack(rows) if rows else np.zeros((0, self.dimension), "float32")
        if progress:
            progress(len(texts), len(texts))
        return normalise(vectors)

    def _dense(self, x, name: str):
        return self._torch.addmm(self.weights[f"{name}.bias"], x, self.weights[f"{name}.weight"])

    def _norm(self, x, name: str):
        w = self.weights
        return self._torch.nn.functional.layer_norm(x, (self.dimension,), w[f"{name}.weight"], w[f"{name}.bias"], self.eps)

    def _embed(self, text: str) -> np.ndarray:
        torch, w = self._torch, self.weights
        functional = torch.nn.functional
        ids = torch.tensor(self.tokenizer.encode(text).ids)
        n, head = len(ids), self.dimension // self.heads
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = self._norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"
            q, k, v = (
                self._dense(x, f"{p}.attention.self.{part}").view(n, self.heads, head).transpose(0, 1)
                for part in ("query", "key", "value")
            )
            context = functional.scaled_dot_product_attention(q, k, v).transpose(0, 1).reshape(n, self.dimension)
            x = self._norm(self._dense(context, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
            hidden = functional.gelu(self._dense(x, f"{p}.intermediate.dense"))
            x = self._norm(self._dense(hidden, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        return x.mean(dim=0).float().numpy()  # one unpadded text: mean pooling over all its tokens


def _is_dense(name: str) -> bool:
    return name.endswith((".dense.weight", ".query.weight", ".key.weight", ".value.weight"))


def load(model_dir: Path, name: str, max_seq_length: int, dtype: str = "float32") -> TorchBertEncoder | None:
    """The torch encoder when the model is a BERT with mean pooling, else None."""
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
    return TorchBertEncoder(model_dir, name, max_seq_length, dtype)
