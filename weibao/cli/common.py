"""Helpers shared by the command modules."""

from __future__ import annotations

import sys
from enum import Enum

from ..repo import Repository, find_repository


def repository(path: str | None = None) -> Repository:
    from .app import state

    return find_repository(path, state.repo)


def write_json(obj) -> None:
    """Indented UTF-8 JSON (Chinese kept readable), for every --format json."""
    import json

    write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_csv(header: list[str], rows: list[list]) -> None:
    """A table as CSV with a UTF-8 BOM, so Excel and WPS open the Chinese text correctly."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    from ..exports import safe_text

    w.writerow(header)
    w.writerows([[safe_text(v) for v in row] for row in rows])
    write("\ufeff" + buf.getvalue())


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


class DiagFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
