"""The machine a figure was measured on: CPU model and the instruction sets that change numeric kernels.

Why it is recorded: query embeddings differ in the last bits between CPU kernels (AMX, AVX-512, AVX2), so a
recomputed ranking figure can differ slightly from a saved one; the saved report says where it came from.
"""

from __future__ import annotations

import os
import platform
from functools import lru_cache
from pathlib import Path

# Flags that pick different matrix kernels in PyTorch (oneDNN) and FAISS.
KERNEL_FLAGS = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_int8", "amx_tile")


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags (Linux /proc/cpuinfo); empty where that file is not readable."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe(**versions: str) -> dict:
    """What a saved figure was computed on: platform, CPU, its kernel flags, cores, library versions (more given
    by the caller: FAISS's from ``nploy.index.index``, the one module that imports it)."""
    import numpy
    import torch

    return {
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpu_flags": [flag for flag in KERNEL_FLAGS if flag in cpu_flags()],
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        **versions,
    }
