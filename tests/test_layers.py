"""Layers import downward only: ingest/parser < merge/store < figures < app/export < cli. A module may
import its own layer and the layers below it, never one above (that is how cycles start)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"
# Layer rank of each part of the package; shared definitions (schema, config, filters, article, reader_version)
# sit at the bottom.
LAYERS = {"schema": 0, "config": 0, "filters": 0, "article": 0, "tsv": 0, "reader_version": 0, "ingest": 1, "parser": 1,
          "pipeline": 2, "ingest_dask": 2, "merge": 2, "store": 2, "figures": 3, "app": 4, "export": 4,
          "cli": 5, "__main__": 5}


def part_of(module: str) -> str:
    """'dashboard.app.views' -> 'app'; 'dashboard.cli' -> 'cli'."""
    return module.split(".")[1]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every dashboard module `path` imports, wherever the import statement stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "dashboard" else [f"dashboard.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("dashboard.")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("dashboard.")]
    return found


def upward_imports(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        module = ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)
        if module == "dashboard":
            continue
        own = LAYERS[part_of(module)]
        for line, imported in imports_of(path):
            if LAYERS[part_of(imported)] > own:
                problems.append(f"{path.relative_to(root.parent)}:{line} imports {imported}")
    return problems


def test_every_part_of_the_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert parts <= set(LAYERS), f"give these a layer in LAYERS: {sorted(parts - set(LAYERS))}"


def test_no_module_imports_a_higher_layer():
    assert upward_imports(PACKAGE) == []


def test_the_check_catches_an_upward_import(tmp_path):
    fake = tmp_path / "dashboard"
    (fake / "figures").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "figures" / "__init__.py").write_text("")
    (fake / "figures" / "hover.py").write_text("def f():\n    from dashboard.app.views import render_views\n")
    assert upward_imports(fake) == ["dashboard/figures/hover.py:2 imports dashboard.app.views"]


def test_ruff_passes():
    """The lint rules of ruff.toml (CI runs them through this test)."""
    pytest.importorskip("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(PACKAGE.parent)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
