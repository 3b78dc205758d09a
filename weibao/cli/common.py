"""Helpers shared by the command modules: the repository, checked data, unit names as typed, writing to stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection

from weibao.core.repository import Repository, find_repository

if TYPE_CHECKING:  # the dataset imports pydantic and the YAML reader: only when a command reads data
    from weibao.core.dataset import RepoData


def repository(path: str | None = None) -> Repository:
    from weibao.cli.app import state

    return find_repository(path, state.repo)


def output_path(out: Path) -> Path:
    """``--out`` checked before anything is written: inside the repository it must not lead out through a symlink."""
    from weibao.core.files import check_output
    from weibao.errors import WeibaoError

    try:
        root = repository().root
    except WeibaoError:
        return out  # no repository (e.g. schema --out elsewhere): nothing to stay inside
    check_output(out, root)
    return out


def checked(what: str, kinds: Collection[str] | None = None, **kw: Any) -> RepoData:
    """The current repository's data for a command that reads ``kinds``; refused (exit 1) for errors in them."""
    from weibao.lint.engine import load_checked

    return load_checked(repository(), what, kinds, **kw)


def unit_id(name: str) -> str:
    """A unit's id from any usual name of it (公安, 公安局, gongan …), or a usage error naming the closest units."""
    from weibao.errors import UsageError
    from weibao.who.index import load_index
    from weibao.who.lookup import find_unit

    found = find_unit(load_index(repository()), name)  # a rebuild shows its progress on a terminal (core/progress.py)
    if found.unit is None:
        cands = "、".join(f"{u['name']}（{u['id']}）" for u in found.candidates) or "无"
        raise UsageError(f"没有找到单位“{name}”。", hint=f"最接近的单位：{cands}")
    return str(found.unit["id"])


def write_json(obj: Any) -> None:
    """Indented UTF-8 JSON (Chinese kept readable), for every --format json."""
    import json

    from weibao.diagnostics import json_visible

    write(json_visible(json.dumps(obj, ensure_ascii=False, indent=2)) + "\n")


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    """A table as CSV with a UTF-8 BOM, so Excel and WPS open the Chinese text correctly."""
    from weibao.domain.cells import csv_text

    write(csv_text([header, *rows]))


def write(text: str) -> None:
    """Standard output for every command: what data or git holds is shown, never acted on by the terminal."""
    from weibao.diagnostics import visible

    sys.stdout.write(visible(text))
    sys.stdout.flush()

