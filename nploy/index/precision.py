"""The number format the model embeds in: float32, or bfloat16 where the device runs it natively.

Why: on a CPU with AMX or AVX-512 BF16 the pinned MiniLM cast to bfloat16 embeds several times faster than in
float32 (bench/embedding_throughput.py measures the ratio on the machine at hand), and its vectors stay within a
cosine of 0.998 of float32's, so rankings do not move (docs/embeddings.md has the figures). Without those
instructions bfloat16 is emulated and slower, so ``auto`` stays in float32 there. Vectors of either format are
one space: an index built in one serves queries embedded in the other, and an incremental build may mix them.
"""

from __future__ import annotations

from nploy import settings
from nploy.hardware import cpu_flags
from nploy.index.encoder import EncoderError

CHOICES = ("auto", "float32", "bfloat16")
# CPU flags under which oneDNN runs bfloat16 matrix products natively.
BF16_FLAGS = ("amx_bf16", "avx512_bf16")


def cpu_has_bf16(flags: frozenset[str] | None = None) -> bool:
    return any(flag in (cpu_flags() if flags is None else flags) for flag in BF16_FLAGS)


def embed_dtype(device: str = "cpu", choice: str | None = None) -> str:
    """The dtype name to embed in on ``device`` ("cpu" or "cuda"), from ``NPLOY_EMBED_DTYPE``."""
    choice = (choice or settings.get("embed_dtype")).strip().lower()
    if choice not in CHOICES:
        raise EncoderError(f"NPLOY_EMBED_DTYPE={choice!r}: use one of {', '.join(CHOICES)}")
    if choice != "auto":
        return choice
    if device == "cuda":
        import torch

        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return "bfloat16" if cpu_has_bf16() else "float32"


def torch_dtype(name: str):
    import torch

    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]
