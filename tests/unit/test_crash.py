"""Index crash safety: SIGKILL at several moments of `nploy build` leaves the previous index loadable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nploy.dataset import Dataset
from nploy.demo.generator import generate
from nploy.index.embedding import FakeEncoder
from nploy.index.index import load_index
from nploy.index.manifest import read_manifest
from nploy.records.table import fingerprint, write_table

pytestmark = pytest.mark.slow  # builds killed at several moments


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Dataset:
    dataset = Dataset(tmp_path_factory.mktemp("crash") / "ds")
    write_table(generate(6000, seed=9), dataset.listings_path)
    dataset.build(FakeEncoder())
    return dataset


def _consistent(dataset: Dataset) -> None:
    manifest = read_manifest(dataset.index_dir)
    table = dataset.table()
    index = load_index(dataset.index_dir, model=manifest.model, fingerprint=fingerprint(table))
    assert index.index.ntotal == manifest.count == len(table)


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5, 4.0])
def test_sigkill_during_build_keeps_an_index(built, delay):
    env = {**os.environ, "NPLOY_ENCODER": "fake"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nploy.cli", "--data-dir", str(built.root), "build"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _consistent(built)
    leftovers = [p.name for p in Path(built.index_dir).glob("*.faiss")]
    assert read_manifest(built.index_dir).index_file in leftovers
