"""The evaluation report the About -> Quality page shows (``nploy eval --save``), and its tables."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd

from nploy.quality.metrics import METRICS
from nploy.quality.querysets import EVAL_DIR

RESULTS_PATH = EVAL_DIR / "results.json"


def full_report(summary: dict, swipes: dict[str, list], extraction, weights: dict, dataset: str) -> dict:
    """What this run measured: retrieval per set, swipe curves per corpus, skill extraction, and the machine
    it ran on (recomputed elsewhere, near ties may swap: tests compare with a stated tolerance)."""
    from nploy.hardware import describe
    from nploy.index.index import faiss_version

    return {
        "generated_at": date.today().isoformat(),
        "dataset": dataset,
        "machine": describe(faiss=faiss_version()),
        "weights": weights,
        "retrieval": summary,
        "swipes": {
            name: {
                "checkpoints": list(runs[0].precision) if runs else [],
                "personas": [{"persona": r.persona, "precision": r.precision, "likes": r.likes} for r in runs],
            }
            for name, runs in swipes.items()
        },
        "skills": {
            "postings": extraction.postings,
            "labelled": extraction.labelled,
            "precision": round(extraction.precision, 4),
            "recall": round(extraction.recall, 4),
            "f1": round(extraction.f1, 4),
            "outside_taxonomy": extraction.outside_taxonomy,
            "errors": [asdict(e) for e in extraction.errors],
        },
    }


def merge_reports(old: dict | None, new: dict) -> dict:
    """The saved report with this run's sets and swipe curves replacing their older figures (the
    synthetic sets run on the bundled data, the real set on the open postings: two runs, one page)."""
    if not old:
        return new
    merged = dict(new)
    merged["retrieval"] = {**old.get("retrieval", {}), **new["retrieval"]}
    merged["swipes"] = {**_swipes_by_corpus(old), **new["swipes"]}
    merged["datasets"] = {**old.get("datasets", {}), **{name: new["dataset"] for name in new["retrieval"]}}
    merged["machines"] = {**old.get("machines", {}), **{name: new.get("machine") for name in new["retrieval"]}}
    return merged


def _swipes_by_corpus(report: dict) -> dict:
    swipes = report.get("swipes", {})
    return {"synthetic": swipes} if "personas" in swipes else swipes


def write_report(report: dict, path: Path | None = None) -> None:
    path = path or RESULTS_PATH
    path.write_text(json.dumps(merge_reports(read_report(path), report), indent=1) + "\n", encoding="utf-8")


def read_report(path: Path | None = None) -> dict | None:
    path = path or RESULTS_PATH
    if not path.exists():
        return None
    report = json.loads(path.read_text(encoding="utf-8"))
    report["swipes"] = _swipes_by_corpus(report)
    return report


def machine_text(report: dict) -> str:
    """ " on AMD EPYC (avx2, avx512f)": where the saved figures were computed, or nothing for an older report."""
    machine = report.get("machine")
    if not machine:
        return ""
    return f" on {machine.get('cpu') or 'a CPU'} ({', '.join(machine.get('cpu_flags', [])) or 'no wide vector units'})"


def weights_text(weights: dict | None = None) -> str:
    """Per-form weights in a line ("free text: semantic 0.40, keywords 0.60; ..."); the shipped ranking's
    when none are given."""
    if weights is None:
        from nploy.matching.ranking import load_ranking

        weights = load_ranking().weights
    if all(isinstance(v, (int, float)) for v in weights.values()):
        weights = {"all forms": weights}
    return "; ".join(
        f"{form}: " + ", ".join(f"{part} {value:.2f}" for part, value in parts.items() if value)
        for form, parts in weights.items()
    )


def role_weights_text() -> str:
    """How a profile without a title is ranked, in a sentence, with the shipped role weights."""
    from nploy.matching.ranking import load_ranking

    weights = load_ranking().roles.ranked_weights()
    parts = ", ".join(f"{part} {value:.2f}" for part, value in weights.items() if value)
    return (
        "A profile without a title is ranked by the role read from it as a soft title: at full confidence with "
        f"{parts}, less confident roles weigh in proportion."
    )


MODE_LABELS = {
    "bm25": "BM25 keyword search",
    "dense": "Embeddings only (FAISS)",
    "rrf": "BM25 + embeddings, rank fusion",
    "hybrid": "nploy hybrid ranking",
}
# In the order the Quality page shows them: the real-text sets (the tuning targets) first.
_FORM_LABELS = {
    "free": "free text only",
    "skills": "skills + free text",
    "skills-only": "skills only",
    "title": "skills + text + desired title",
}
_SET_NAMES = {"real": "Real postings", "stack": "Real postings, needs naming their stack"}


def _set_labels() -> dict[str, str]:
    """Every real-text set by form and wording ("real-free-2": "Real postings: free text only, wording 2")."""
    labels = {}
    for name, label in _SET_NAMES.items():
        for form, words in _FORM_LABELS.items():
            for wording in (None,) if form == "skills-only" else (1, 2):
                key = f"{name}-{form}" + (f"-{wording}" if wording else "")
                labels[key] = f"{label}: {words}" + (f", wording {wording}" if wording else "")
    return labels


# In the order the Quality page shows them: the real-text sets (the tuning targets) first.
SET_LABELS = {
    **_set_labels(),
    "generated": "Generated profiles (synthetic)",
    "hand": "Hand-judged profiles (synthetic)",
}


def retrieval_table(report: dict, part: str = "test") -> pd.DataFrame:
    """One row per (set, mode) of a saved report's part, metrics as columns."""
    rows = []
    for set_name, parts in report["retrieval"].items():
        for mode, values in parts.get(part, {}).items():
            rows.append(
                {
                    "set": SET_LABELS.get(set_name, set_name),
                    "mode": MODE_LABELS.get(mode, mode),
                    **{m: values.get(m) for m in METRICS},
                    "queries": values["queries"],
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    set_order = {label: i for i, label in enumerate(SET_LABELS.values())}
    mode_order = {label: i for i, label in enumerate(MODE_LABELS.values())}
    frame["_s"], frame["_m"] = frame["set"].map(set_order).fillna(99), frame["mode"].map(mode_order).fillna(99)
    return frame.sort_values(["_s", "_m"]).drop(columns=["_s", "_m"]).reset_index(drop=True)
