"""The real-model tests of test_boards.py (the model tier): its fixtures and helpers are imported from there."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from nploy.cli import main
from tests.unit.test_boards import _fetch, _serve, boards  # noqa: F401


@pytest.mark.model
def test_fetched_listings_are_matched_with_the_real_model(boards, tmp_path, monkeypatch):
    monkeypatch.delenv("NPLOY_ENCODER", raising=False)
    data = tmp_path / "ds"
    _serve(boards, [1, 2, 3, 4, 5, 6])
    cli = CliRunner()
    assert _fetch(cli, data).exit_code == 0
    boards.reset()
    _serve(boards, [1, 2, 3, 5, 7])
    assert _fetch(cli, data).exit_code == 0
    result = cli.invoke(
        main, ["--data-dir", str(data), "match", "--text", "Rust systems programming on Linux", "--top", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    top = json.loads(result.output)["matches"][0]
    assert top["id"] == "greenhouse:acme:4007"  # the listing that opened between the fetches, found by meaning
