"""Snapshots of the data at a revision (or in the working tree): (kind, id) → the record's plain data and path.

Records are keyed by id, so a moved or renamed file is the same record.  Git is read through core/git.py: one
``git ls-tree`` and one ``git cat-file --batch`` per snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from weibao.core.files import FileRefused, read_regular
from weibao.core.git import GitRepo
from weibao.core.repository import Repository, match_kind
from weibao.core.yamlread import MAX_BYTES, parse_plain

KIND_ZH = {"settings": "仓库设置", "office": "工作规则", "glossary": "术语表", "topics": "主题表", "unit": "成员单位",
           "meeting": "会议", "case": "督办事项", "document": "公文", "received": "收文", "research": "调研和专题研究", "notification": "情况通报",
           "area": "苏木乡镇（场、街道）", "questions": "问答库", "annual_plan": "年度工作计划", "unit_report": "成员单位年度报告", "area_report": "苏木乡镇年度报告"}
SINGLE = ("settings", "office", "glossary", "topics")
WORKTREE = None  # the working tree as a "revision"


WORKTREE = None  # the working tree as a "revision"


@dataclass
class Snapshot:
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (kind, id) → {"path", "data"}


def _add(snap: Snapshot, rel_in_data: str, rel: str, text: str | None) -> None:
    """One file version; ``text`` None for a file that could not be read (refused as validate refuses it)."""
    kind = match_kind(rel_in_data)
    if kind is None:
        return
    data = parse_plain(text, rel) if text is not None else None
    if not isinstance(data, dict):
        data = {"_unreadable": True, "_error": why_unreadable(text, rel)}
    # records without an id field (the yearly plan and reports) are named by their place: annual/2026/units/gongan;
    # an unreadable record keeps the id its file name gives
    if kind.name in SINGLE:
        rid = kind.name
    elif kind.name in ("annual_plan", "unit_report", "area_report"):
        rid = rel_in_data.removesuffix(".yaml")
    else:
        rid = str(data.get("id") or Path(rel).stem)
    snap.records[(kind.name, rid)] = {"path": rel, "data": data}


def why_unreadable(text: str | None, rel: str) -> str:
    """What validate would say first about a version that cannot be read: 第 2 行第 7 列 [WB101] …"""
    if text is None:
        return "文件过大或不是普通文件，没有读取"
    from weibao.core.yamlread import parse_text

    loaded = parse_text(text, rel)
    d = next((d for d in loaded.diagnostics if d.severity == "error"), None)
    if d is None:
        return "顶层不是映射（字段: 值）" if text.strip() else "文件是空的"
    where = f"第 {d.line} 行" + (f"第 {d.column} 列" if d.column else "") + " " if d.line else ""
    return f"{where}[{d.code}] {d.message}"


def add_text(snap: Snapshot, path: str, text: str | None) -> None:
    """Add one file version named by its path (as git gives it, e.g. data/units/gongan.yaml); None: unreadable."""
    in_data = path.split("data/", 1)[1] if "data/" in path else path
    if text is None or text:
        _add(snap, in_data, path, text)


class History:
    """The git history of a data repository: snapshots at revisions."""

    def __init__(self, repo: Repository):
        self.weibao = repo
        self.git = GitRepo.require(repo.root)
        self.data_prefix = self.git.rel(repo.data_dir)

    def snapshot(self, rev: str | None, paths: Iterable[str] = ()) -> Snapshot:
        snap = Snapshot()
        wanted = [p.rstrip("/") for p in paths]

        def keep(rel: str) -> bool:
            return not wanted or any(rel == w or rel.startswith(w + "/") for w in wanted)

        if rev is WORKTREE:
            for f in self.weibao.layout().files:
                if keep(f.rel):
                    try:  # as validate reads it: never a FIFO, a link out of the repository or an oversized file
                        text: str | None = read_regular(f.path, self.weibao.root, MAX_BYTES).decode("utf-8")
                    except (FileRefused, UnicodeDecodeError):
                        text = None
                    _add(snap, f.rel[len("data/"):], f.rel, text)
            return snap
        commit = self.git.resolve(rev)
        repo_rel = self.weibao.rel(self.weibao.data_dir)
        listed = [(sha, path) for sha, path in self.git.ls_tree(commit, self.data_prefix) if path.endswith(".yaml")]
        entries = [(sha, path, f"{repo_rel}/{path[len(self.data_prefix) + 1:]}") for sha, path in listed]
        entries = [e for e in entries if keep(e[2])]
        blobs = self.git.blobs({sha for sha, _p, _r in entries}, max_bytes=MAX_BYTES)
        for sha, path, rel in entries:
            raw = blobs.get(sha)
            _add(snap, path[len(self.data_prefix) + 1:], rel, None if raw is None else raw.decode("utf-8", errors="replace"))
        return snap
