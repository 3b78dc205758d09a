"""Helpers shared by the command modules: the repository, checked data, unit names as typed, writing to stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Collection

from weibao.core.repository import Repository, find_repository

if TYPE_CHECKING:  # the dataset imports pydantic and the YAML reader: only when a command reads data
    from weibao.core.dataset import RepoData


def repository(path: str | None = None) -> Repository:
    from weibao.cli.app import state

    return find_repository(path, state.repo)


def checked(what: str, kinds: Collection[str] | None = None, **kw: Any) -> RepoData:
    """The current repository's data for a command that reads ``kinds``; refused (exit 1) for errors in them."""
    from weibao.lint.engine import load_checked

    return load_checked(repository(), what, kinds, **kw)


def unit_id(name: str) -> str:
    """A unit's id from any usual name of it (公安, 公安局, gongan …), or a usage error naming the closest units."""
    from weibao.errors import UsageError
    from weibao.who.index import load_index
    from weibao.who.lookup import find_unit

    found = find_unit(load_index(repository()), name)
    if found.unit is None:
        cands = "、".join(f"{u['name']}（{u['id']}）" for u in found.candidates) or "无"
        raise UsageError(f"没有找到单位“{name}”。", hint=f"最接近的单位：{cands}")
    return str(found.unit["id"])


def write_json(obj: Any) -> None:
    """Indented UTF-8 JSON (Chinese kept readable), for every --format json."""
    import json

    write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    """A table as CSV with a UTF-8 BOM, so Excel and WPS open the Chinese text correctly."""
    import csv
    import io

    from weibao.exchange.tables import safe_text

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows([[safe_text(v) for v in row] for row in rows])
    write("\ufeff" + buf.getvalue())


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
