"""The package's shape (docs/architecture.md): stages that import only downward, no import
hidden in a function to dodge a cycle, and modules a reader can take in."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "xzjd"
MODULES = sorted(SRC.rglob("*.py"))

#: A comment on an import inside a function saying why it is there.
WHY = "# import here:"


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_layers_contract_is_kept() -> None:
    """import-linter's layers contract (pyproject.toml) holds: a back-import fails here."""
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_layers_cover_every_module() -> None:
    """Every module of the package lies in one of the contract's layers."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layers = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    top = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in MODULES}
    assert top - {"__init__", "__main__"} <= layers, sorted(top - layers)


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_import_inside_a_function(path: Path) -> None:
    """Imports sit at the top of a module, where the layers contract sees them."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    hidden = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                line = lines[getattr(inner, "lineno", 1) - 1]
                if isinstance(inner, ast.Import | ast.ImportFrom) and WHY not in line:
                    hidden.append(f"{_rel(path)}:{inner.lineno}: {line}")
    assert hidden == []


#: The most lines a module of the package may have: one job, read in one sitting.
MAX_LINES = 500


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_module_size(path: Path) -> None:
    """No module is longer than MAX_LINES lines."""
    count = len(path.read_text(encoding="utf-8").splitlines())
    assert count <= MAX_LINES, f"{_rel(path)} has {count} lines"
