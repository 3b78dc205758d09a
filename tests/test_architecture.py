"""The layers (docs/architecture.md) hold: the import-linter contract in pyproject.toml is the one source; this test
runs it, and shows it would catch an upward import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("importlinter")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(root), "PATH": ""})


def test_the_layers_are_kept():
    p = lint_imports(ROOT)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 kept, 0 broken" in p.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path):
    copy = tmp_path / "w"
    shutil.copytree(ROOT / "weibao", copy / "weibao", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    roles = copy / "weibao" / "domain" / "roles.py"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n\ndef _upward() -> None:\n    from weibao.lint.engine import validate  # noqa\n",
                     encoding="utf-8")
    p = lint_imports(copy)
    assert p.returncode == 1 and "weibao.domain.roles -> weibao.lint.engine" in p.stdout, p.stdout
