from pathlib import Path

from nploy import settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in README, setting.env


def test_environment_overrides_the_default(monkeypatch):
    monkeypatch.setenv("NPLOY_INDEX_TYPE", "HNSW32")
    assert settings.get("index_type") == "HNSW32"
    monkeypatch.delenv("NPLOY_INDEX_TYPE")
    assert settings.get("index_type") == "auto"


def test_readme_has_the_two_quick_start_commands():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "bash scripts/test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "bash scripts/test" in ci
