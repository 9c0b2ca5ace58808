"""`nploy build --engine ray`: embed listings with Ray Data, then build the index from the shards.

Why Ray and not our own workers: a corpus too large for one machine's encoder is embedded by an
actor pool (each actor loads the model once) on a local Ray started here or on an existing
cluster (``--address``); Ray schedules, retries and streams. The embeddings land as Parquet shards
(key, vector) in a directory every node can write (on a cluster, a shared filesystem), and the
index is built from the shards on this machine, so the result equals a single-process build.

Ray is optional: ``pip install -r requirements-ray.txt``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from nploy.errors import NployError


class _Embedder:
    """One actor: the sentence-transformers model, loaded once, embedding batch after batch."""

    def __init__(self, model_path: str | None, batch_size: int):
        from nploy.index.embedding import SentenceTransformerEncoder

        self.encoder = SentenceTransformerEncoder(Path(model_path) if model_path else None, batch_size=batch_size)

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        vectors = self.encoder.encode(batch["text"].tolist())
        return pd.DataFrame({"key": batch["key"].to_numpy(), "vector": list(vectors)})


def embed_with_ray(
    texts: list[str],
    keys: np.ndarray,
    shards_dir: Path,
    *,
    address: str | None = None,
    workers: int = 2,
    batch_size: int = 64,
    model_path: str | None = None,
    gpus_per_worker: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """(keys, vectors) for the texts, embedded by ``workers`` Ray actors and read back from the shards.
    With ``gpus_per_worker`` Ray gives each actor that share of a GPU, and the model runs on it (it
    picks CUDA when it sees one); without, actors see no GPU even on a GPU node."""
    try:
        import ray
    except ImportError as error:
        raise NployError("the Ray engine needs Ray: pip install -r requirements-ray.txt") from error
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage report
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            # One CPU more than the actors: reading, repartitioning and writing tasks need one too,
            # and a pool that holds every CPU waits for them forever.
            ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False)
    try:
        if shards_dir.exists():
            shutil.rmtree(shards_dir)
        frame = pd.DataFrame({"key": np.asarray(keys, dtype="int64"), "text": texts})
        blocks = max(workers * 4, len(frame) // 2000)
        gpus = {"num_gpus": gpus_per_worker} if gpus_per_worker > 0 else {}
        (
            ray.data.from_pandas(frame)
            .repartition(blocks)
            .map_batches(
                _Embedder,
                fn_constructor_kwargs={"model_path": model_path, "batch_size": batch_size},
                batch_size=batch_size * 4,
                batch_format="pandas",
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
                **gpus,
            )
            .write_parquet(str(shards_dir))
        )
    finally:
        if started_here:
            ray.shutdown()
    return read_shards(shards_dir)


def read_shards(shards_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    shards = sorted(shards_dir.glob("*.parquet"))
    if not shards:
        raise NployError(f"the Ray build wrote no embedding shards to {shards_dir}")
    frame = pd.concat([pd.read_parquet(path) for path in shards], ignore_index=True)
    return frame["key"].to_numpy(dtype="int64"), np.stack(frame["vector"].to_numpy()).astype("float32")
