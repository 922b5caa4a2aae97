"""The house rules of the package layout (ARCHITECTURE.md, "Folders and what each may import").

- the import-linter contracts in pyproject.toml are kept (``bash run.sh test`` also runs
  ``lint-imports`` before pytest; this test makes a broken contract a failing test too);
- the module import graph has no cycle (import-linter's layers forbid upward imports between
  layers, this also catches a circle inside one layer);
- no module in ``model/`` imports another ``model`` module inside a function, the usual way of
  hiding a cycle;
- every module in ``model/`` has its line in ARCHITECTURE.md, so the document names no file that
  does not exist and misses none that does.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "model"


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail(f"lint-imports not installed next to {sys.executable}")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def _strongly_connected(adjacency: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the components with more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in adjacency:
        if root in index:
            continue
        work = [(root, iter(sorted(adjacency[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adjacency[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_tarjan_finds_a_known_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _strongly_connected(graph) == [["a", "b", "c"]]
    assert _strongly_connected({"a": {"b"}, "b": set()}) == []


def test_import_graph_has_no_cycle():
    graph = grimp.build_graph("model", "ui")
    modules = {m for m in graph.modules if m.split(".")[0] in ("model", "ui")}
    adjacency = {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules}
                 for m in modules}
    assert _strongly_connected(adjacency) == []


def _function_level_model_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").split(".")[0] == "model":
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno} from {inner.module}")
                elif isinstance(inner, ast.Import) and any(a.name.split(".")[0] == "model" for a in inner.names):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno} import model…")
    return found


def test_no_function_level_imports_of_model_modules():
    found = [hit for path in sorted(MODEL.rglob("*.py")) for hit in _function_level_model_imports(path)]
    assert found == []


def documented_paths(text: str) -> set[str]:
    """Paths named in ARCHITECTURE.md's rows. A row may name siblings after a full path
    (`model/cli/region.py`, `reconcile.py`): those resolve against the last full path's folder."""
    named = set()
    for line in text.splitlines():
        folder = None
        for token in re.findall(r"`([^`]+)`", line):
            if "/" in token:
                named.add(token)
                folder = token.rsplit("/", 1)[0]
            elif folder and token.endswith(".py"):
                named.add(f"{folder}/{token}")
    return named


def test_sibling_names_resolve_against_the_row():
    row = "| `model/cli/region.py`, `reconcile.py` | x | `ui/a.py`, `b.py` |"
    assert documented_paths(row) == {"model/cli/region.py", "model/cli/reconcile.py", "ui/a.py", "ui/b.py"}


def test_every_model_module_has_a_line_in_architecture():
    named = documented_paths((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    missing = [p.relative_to(ROOT).as_posix() for p in sorted(MODEL.rglob("*.py"))
               if p.relative_to(ROOT).as_posix() not in named]
    assert missing == []
