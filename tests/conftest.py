"""Shared fixtures: a copy of the bundled data repository in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# a rule that emits a code it does not declare fails the suite (lint/registry.py)
os.environ["WEIBAO_STRICT_RULE_CODES"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_173f939a4df922fd.txt"


@pytest.fixture
def repo(tmp_path: Path, request) -> Path:
    """A fresh copy of the bundled repository (data/ only) to mutate.

    The sample 问答库 (data/questions/samples-*.yaml, about 2,800 questions) is copied only for test modules that
    set ``WITH_QUESTION_SAMPLES = True`` (who, learn): it adds about 0.2 s to every validation, and the other
    modules test meetings, cases, documents … that never read it."""
    dest = tmp_path / "repo"
    full = getattr(request.module, "WITH_QUESTION_SAMPLES", False)
    shutil.copytree(ROOT / "data", dest / "data", ignore=None if full else _no_samples)
    return dest


def _no_samples(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith("samples-") and Path(folder).name == "questions"]


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"种子文件不在 {SEED}（本测试需要 ../shared/seeds/ 中的原始通知）")
    return SEED.read_text(encoding="utf-8")


def run_validate(root: Path):
    """Validate ``root`` and return the sorted diagnostics."""
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    report, _ = validate(Repository(root))
    return report.sorted()


def codes(diags) -> list[tuple[str, str, int | None]]:
    return [(d.code, d.path, d.line) for d in diags]


def race_on_load(monkeypatch, module, attr: str, path: Path, note: str) -> None:
    """Make the round-trip YAML factory ``module.attr`` change ``path`` right after reading it (a concurrent edit)."""
    real = getattr(module, attr)

    def racing():
        y = real()
        load = y.load

        def load_and_race(text):
            path.write_text(path.read_text(encoding="utf-8") + note, encoding="utf-8")
            return load(text)

        y.load = load_and_race
        return y

    monkeypatch.setattr(module, attr, racing)


def add_samples(repo: Path, *, meetings: bool = True, cases: bool = True, year: bool = False) -> Path:
    """Copy the invented sample records of examples/ into a repository copy."""
    ex = ROOT / "examples"
    if meetings:
        shutil.copytree(ex / "meetings" / "good" / "2026", repo / "data" / "meetings" / "2026")
    if cases:
        shutil.copytree(ex / "cases" / "good" / "2026", repo / "data" / "cases" / "2026")
    if year:
        shutil.copytree(ex / "year" / "data", repo / "data", dirs_exist_ok=True)
    return repo
