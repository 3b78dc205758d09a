"""Tab completion of values (bash, zsh, fish, PowerShell): unit names, case, meeting, decision and 收文 ids, states,
meeting types.  Each completer reads the files it needs quickly (file names, a few lines of text), never validates,
and never fails: completion runs on every Tab press, on data that may be half written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _root(ctx: Any) -> Path | None:
    """The data repository the command line names (--repo) or the current folder is in; None when there is none."""
    from weibao.core.repository import find_repository

    try:
        repo = ctx.find_root().params.get("repo") if ctx is not None else None
        return find_repository(None, repo).root
    except Exception:  # no repository here: nothing to offer
        return None


def _files(ctx: Any, folder: str) -> list[Path]:
    root = _root(ctx)
    return sorted((root / "data" / folder).rglob("*.yaml")) if root and (root / "data" / folder).is_dir() else []


def _head(path: Path, limit: int = 64_000) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return f.read(limit)
    except OSError:
        return ""


def _field(text: str, name: str) -> str:
    m = re.search(rf"^{name}:\s*(.+?)\s*$", text, re.M)
    return m.group(1).strip("'\"") if m else ""


def _matching(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(value, help_) for value, help_ in items if value.startswith(incomplete) or (incomplete and incomplete in help_)]


def units(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Unit names as a clerk types them (公安局, 民政局 …), and their ids; the full name as the description."""
    items: list[tuple[str, str]] = []
    for p in _files(ctx, "units"):
        text = _head(p, 4000)
        name, uid = _field(text, "name"), _field(text, "id") or p.stem
        short = re.sub(r"^[旗县区市]", "", name) if name else ""
        for value in dict.fromkeys(v for v in (short, uid) if v):
            items.append((value, name or uid))
    return _matching(items, incomplete)


def cases(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _matching([(p.stem, _field(_head(p, 4000), "subject")) for p in _files(ctx, "cases")], incomplete)


def meetings(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _matching([(p.stem, _field(_head(p, 4000), "title")) for p in _files(ctx, "meetings")], incomplete)


def records(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Anything render takes: documents, meetings (their 纪要), notifications, research."""
    items = [(p.stem, _field(_head(p, 4000), "title") or _field(_head(p, 4000), "theme"))
             for folder in ("documents", "meetings", "notifications", "research") for p in _files(ctx, folder)]
    return _matching(items, incomplete)


def decisions(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    items = []
    for p in _files(ctx, "meetings"):
        text = _head(p)
        part = text.split("\ndecisions:", 1)[1] if "\ndecisions:" in text else ""
        for m in re.finditer(r"^\s*-\s+id:\s*(\S+)\s*\n(?:\s+text:\s*(.+))?", part, re.M):
            items.append((m.group(1), (m.group(2) or "").strip()))
    return _matching(items, incomplete)


def received(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _matching([(p.stem, _field(_head(p, 4000), "title")) for p in _files(ctx, "received")], incomplete)


def _choices(values: tuple[str, ...], what: str, incomplete: str) -> list[tuple[str, str]]:
    return [(v, what) for v in values if v.startswith(incomplete)]


def case_states(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    from weibao.model.case import CASE_STATES  # imported on Tab only: a help screen loads no model

    return _choices(tuple(CASE_STATES), "督办状态", incomplete)


def case_moves(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _choices(("督办中", "整改中", "待核验", "中止"), "改为这个状态", incomplete)


def meeting_types(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    from weibao.model.meeting import MEETING_TYPES

    return _choices(MEETING_TYPES, "会议类型", incomplete)
