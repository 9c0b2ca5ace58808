"""`nploy build --engine ray` on a local Ray with 2 workers equals the single-process build (real model)."""

import numpy as np
import pytest
from click.testing import CliRunner

from nploy.cli import main
from nploy.dataset import Dataset
from nploy.demo.generator import generate
from nploy.index.manifest import read_manifest
from nploy.records.table import write_table

pytestmark = [pytest.mark.model, pytest.mark.slow]  # a local Ray cluster and the real model


def test_ray_build_equals_the_single_process_build(tmp_path, real_encoder):
    table = generate(60, seed=12)
    single, distributed = Dataset(tmp_path / "single"), Dataset(tmp_path / "ray")
    for dataset in (single, distributed):
        write_table(table, dataset.listings_path)
    expected = single.build(real_encoder)
    built = distributed.build_with_ray(real_encoder.name, workers=2)
    keys = table["key"].to_numpy()
    assert built.index.ntotal == expected.index.ntotal == len(keys)
    assert np.allclose(built.vectors(keys), expected.vectors(keys), atol=1e-4)
    assert list((tmp_path / "ray" / "shards").rglob("*.parquet")), "the embeddings went through Parquet shards"
    assert np.allclose(built.head.vectors(keys), expected.head.vectors(keys), atol=1e-4)  # the head vectors too
    manifest = read_manifest(distributed.index_dir)
    assert manifest.model == real_encoder.name and manifest.fingerprint == read_manifest(single.index_dir).fingerprint
    distributed.index(real_encoder.name)  # raises if the saved index did not match its listings


@pytest.mark.parametrize("flags", [["--incremental"], []])
def test_ray_engine_refuses_what_it_cannot_do(tmp_path, monkeypatch, flags):
    monkeypatch.setenv("NPLOY_ENCODER", "fake")
    data = str(tmp_path / "ds")
    runner = CliRunner()
    assert runner.invoke(main, ["--data-dir", data, "demo-data", "--n", "20"]).exit_code == 0
    result = runner.invoke(main, ["--data-dir", data, "build", "--engine", "ray", *flags])
    assert result.exit_code == 1 and "--engine ray does a full build" in result.output
