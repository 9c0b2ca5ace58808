"""Settings: declared once in nploy/settings.py, documented in docs/settings.md, the README's two commands."""

import re
from pathlib import Path

from nploy import settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS_PAGE = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


def _documented() -> dict[str, str]:
    """The settings table of docs/settings.md: variable -> default as written."""
    rows = re.findall(r"^\| `(NPLOY_[A-Z0-9_]+)` \| ([^|]+) \|", SETTINGS_PAGE, flags=re.M)
    return {name: default.strip() for name, default in rows}


def test_the_settings_page_tables_every_setting_with_its_default():
    documented = _documented()
    declared = {s.env: s.default for s in settings.SETTINGS}
    assert set(documented) == set(declared), (set(declared) - set(documented), set(documented) - set(declared))
    for env, default in declared.items():
        assert documented[env] == (f"`{default}`" if default else "(empty)"), env


def test_environment_overrides_the_default(monkeypatch):
    monkeypatch.setenv("NPLOY_INDEX_TYPE", "HNSW32")
    assert settings.get("index_type") == "HNSW32"
    monkeypatch.delenv("NPLOY_INDEX_TYPE")
    assert settings.get("index_type") == "auto"


def test_readme_has_the_two_commands_in_its_first_screen():
    first_screen = "\n".join(README.splitlines()[:40])
    assert "pip install -r requirements.txt && streamlit run app.py" in first_screen
    assert "bash scripts/test" in first_screen
    assert len(README.encode("utf-8")) < 10_000
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/test" in ci
