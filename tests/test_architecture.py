"""The layout keeps its promises: stages import only earlier stages, no circles, no Streamlit in the
core, modules small unless they say why, and no ranking state a module could rebind."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "nploy"
# Stages in data-flow order; a package may import its own stage or an earlier one, never a later one.
LAYERS = {
    "__init__": 0,
    "errors": 0,
    "settings": 0,
    "hardware": 0,
    "vocabulary": 1,
    "records": 2,
    "export": 2,
    "ingest": 3,
    "demo": 3,
    "state": 3,
    "boards": 3,
    "index": 4,
    "roles": 4,
    "matching": 5,
    "market": 6,
    "quality": 6,
    "dataset": 7,
    "cli": 8,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in CORE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every nploy module a file imports, at any depth (function-level imports count too). Imports under
    ``if TYPE_CHECKING:`` are left out: they name a type for the reader and the type checker and never run,
    so they are no dependency (the matcher's helpers name the Matcher they are handed that way)."""
    names = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nploy"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("nploy"))
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _stage(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def test_every_package_has_a_stage():
    packages = {_stage(name) for name in _modules()}
    assert packages <= set(LAYERS), f"place these in LAYERS: {packages - set(LAYERS)}"


def test_no_import_from_a_later_stage():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if LAYERS[_stage(target)] > LAYERS[_stage(module)]
    ]
    assert not wrong, wrong


def test_no_import_circle():
    graph = _graph()
    # A package importing its own submodules is the package's re-export, not a circle.
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in edges[node]:
            if state.get(target) == 1:
                raise AssertionError(" -> ".join(path[path.index(target) :] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in edges:
        if node not in state:
            visit(node)


def test_the_core_never_imports_streamlit():
    users = [name for name, path in _modules().items() if "streamlit" in path.read_text(encoding="utf-8").split("import", 1)[-1]]
    assert not [u for u in users if any(line.startswith(("import streamlit", "from streamlit")) for line in _source_lines(u))]


def _source_lines(module: str) -> list[str]:
    return [line.strip() for line in _modules()[module].read_text(encoding="utf-8").splitlines()]


def test_long_modules_say_why():
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 300:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            assert "long" in docstring.lower() or "over 300 lines" in docstring.lower(), (
                f"{name}: over 300 lines, and no reason at its top"
            )


def test_ui_modules_are_small_and_pages_only_wire():
    for path in (ROOT / "ui").glob("*.py"):
        assert path.read_text(encoding="utf-8").count("\n") < 250, path.name
    for path in (ROOT / "pages").rglob("*.py"):
        imports = _imports(path)
        assert not any(m.startswith(("nploy.index.index", "faiss")) for m in imports), path
        assert "import faiss" not in path.read_text(encoding="utf-8") and "import pandas" not in path.read_text(
            encoding="utf-8"
        ), path


def test_no_module_level_ranking_weights():
    """Ranking settings are a value passed in: nothing assigns a weights table at module level."""
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                assert not (isinstance(target, ast.Name) and "WEIGHT" in target.id), f"{name} binds {target.id}"


def test_faiss_stays_in_the_index_module():
    """A library behind one narrow interface: only nploy/index/index.py imports FAISS."""
    importers = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            imported += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            if any(m == "faiss" or m.startswith("faiss.") for m in imported):
                importers.append(name)
    assert sorted(set(importers)) == ["nploy.index.index"], importers


def test_the_matcher_is_small():
    """Matcher searches and ranks; the rows' bookkeeping, the query vectors, the pool and the explanation are
    modules of their own (issue 27: it was a 244-line hub)."""
    source = (CORE / "matching" / "matcher.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    [matcher] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Matcher"]
    assert matcher.end_lineno - matcher.lineno < 120 and source.count("\n") < 150
