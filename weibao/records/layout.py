"""``weibao fmt`` as a library: every data file in the canonical layout (core/canonical.py), written in one write
transaction — all files reformatted, or none."""

from __future__ import annotations

from pathlib import Path

from weibao.core.canonical import FmtRun, format_repository
from weibao.core.repository import Repository
from weibao.lint.gate import transaction


def format_files(repo: Repository, targets: list[Path], check: bool) -> FmtRun:
    """The files under ``targets`` (all of data/ when empty) not in canonical layout; unless ``check``, rewritten.
    The write refuses only errors the change adds (formatting never changes a value, so normally none)."""
    run = format_repository(repo, targets)
    if not check and run.changed:
        with transaction(repo, "整理格式", relative=True) as tx:
            for rel, text in run.changed.items():
                tx.read(rel)
                tx.write(rel, text)
            tx.commit()
    return run
