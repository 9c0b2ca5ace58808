"""Embedding in bfloat16 (``NPLOY_EMBED_DTYPE``), the real model: the vectors are float32's within a cosine of
0.998, and rankings on real postings do not move. bfloat16 is forced here, so the test runs on any CPU (emulated
where the CPU lacks AMX and AVX-512 BF16: slower, the same numbers)."""

from __future__ import annotations

import json
import shutil
import statistics
from collections import defaultdict

import numpy as np
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.index.embedding import SentenceTransformerEncoder
from tests.unit.test_realset import REAL_MODEL, postings, real_slice  # noqa: F401


def test_bfloat16_vectors_are_float32_ones_on_real_postings(postings):  # noqa: F811
    texts = [f"{p['title']}. {p.get('description') or ''}" for p in postings[:48]]
    full = SentenceTransformerEncoder(dtype="float32").encode(texts)
    half = SentenceTransformerEncoder(dtype="bfloat16")
    assert half.dtype == "bfloat16"
    cosines = np.sum(full * half.encode(texts), axis=1)
    assert cosines.min() >= 0.998, cosines.min()


def _ndcg_by_set(data, dtype: str, out) -> dict[str, float]:
    """Rebuild the slice's index in ``dtype`` and evaluate nploy's ranking on both real sets, every form."""
    env = {**REAL_MODEL, "NPLOY_EMBED_DTYPE": dtype}
    build = CliRunner().invoke(main, ["--data-dir", str(data), "build"], env=env)
    assert build.exit_code == 0 and f"in {dtype}" in build.output, build.output
    args = ["--data-dir", str(data), "eval", "--set", "real", "--set", "stack", "--part", "all", "--json", str(out)]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    scores = defaultdict(list)
    for row in json.loads(out.read_text()):
        if row["mode"] == "hybrid":
            scores[row["set"]].append(row["ndcg@10"])
    return {name: statistics.mean(values) for name, values in scores.items()}


@pytest.mark.slow
def test_rankings_on_real_postings_do_not_move_in_bfloat16(real_slice, tmp_path):  # noqa: F811
    """Both real sets, every form and wording, on the slice of the open postings: nDCG@10 of nploy's ranking
    moves by at most 0.01 per set (0.005 on the real set's whole test part: docs/embeddings.md)."""
    data = tmp_path / "ds"
    shutil.copytree(real_slice, data)
    full = _ndcg_by_set(data, "float32", tmp_path / "float32.json")
    half = _ndcg_by_set(data, "bfloat16", tmp_path / "bfloat16.json")
    assert set(full) == set(half) and len(full) >= 14
    moved = {name: round(abs(full[name] - half[name]), 4) for name in full}
    assert max(moved.values()) <= 0.01, moved
