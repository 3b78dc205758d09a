"""The document register: allocate 发文字号 and create new document records; list the register."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

from .errors import UsageError, WeibaoError
from .model.document import DOC_TYPES, NEEDS_ADDRESSEE, UPWARD_TYPES
from .numbering import DocNumber, parse_doc_number
from .repo import Repository
from .store import load_repository

TODO = "（请填写"  # marks a value `doc new` leaves for the clerk; validate warns until it is replaced (WB611)


_NUMBER_LINE = re.compile(r"^number:\s*[\"']?([^\"'\n#]+?)[\"']?\s*(?:#.*)?$", re.M)


def used_serials(repo: Repository, prefix: str, year: int) -> set[int]:
    """Serials taken for prefix and year: in every document file on disk (valid or not) and, in a git
    repository, in every version of a document file ever committed (a deleted record does not free its number)."""
    numbers: list[str] = []
    data = load_repository(repo)
    for r in data.of("document") + data.of("notification"):
        raw = r.loaded.data
        if isinstance(raw, dict) and isinstance(raw.get("number"), str):
            numbers.append(raw["number"])
    numbers += _committed_numbers(repo, "documents") + _committed_numbers(repo, "notifications")
    out = set()
    for n in numbers:
        p = parse_doc_number(n)
        if isinstance(p, DocNumber) and p.prefix == prefix and p.year == year:
            out.add(p.serial)
    return out


def _committed_numbers(repo: Repository, folder: str = "documents") -> list[str]:
    """发文字号 found in any committed version of data/<folder>/ (empty outside git)."""
    try:
        import git
    except ImportError:  # pragma: no cover - gitpython is a dependency
        return []
    try:
        g = git.Repo(repo.root, search_parent_directories=True)
        rel = (repo.data_dir / folder).resolve().relative_to(Path(g.working_tree_dir).resolve()).as_posix()
        if not g.head.is_valid():
            return []
        out = g.git.log("--all", "-p", "--format=", "--no-color", "--", rel)
    except (git.GitError, ValueError, OSError):
        return []
    return [m.group(1).strip() for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))
            for m in [_NUMBER_LINE.match(line[1:])] if m]


def new_document(repo: Repository, doc_type: str, prefix: str, date: _dt.date, title: str | None = None) -> tuple[str, str]:
    """Create data/documents/<year>/<id>.yaml with the next serial for the prefix and year; return (path, number)."""
    from .fmt import atomic_write

    if doc_type not in DOC_TYPES:
        raise UsageError(f"没有“{doc_type}”这个文种。", hint="可选：" + "、".join(DOC_TYPES))
    data = load_repository(repo)
    settings = data.settings
    if settings is None:
        raise WeibaoError("data/weibao.yaml 不存在或有错误，无法确定发文机关代字。", hint="先运行 weibao validate。")
    found = [p for p in settings.document_prefixes if prefix in (p.prefix, p.id)]
    if not found:
        known = "、".join(f"{p.prefix}（{p.id}）" for p in settings.document_prefixes) or "（无）"
        raise UsageError(f"代字“{prefix}”没有在 data/weibao.yaml 的 document_prefixes 中登记。", hint=f"已登记的代字：{known}")
    p = found[0]
    serial = max(used_serials(repo, p.prefix, date.year), default=0) + 1
    number = str(DocNumber(p.prefix, date.year, serial))
    doc_id = f"{p.id}-{date.year}-{serial}"
    folder = repo.data_dir / "documents" / str(date.year)
    path = folder / f"{doc_id}.yaml"
    if path.exists():
        raise WeibaoError(f"{repo.rel(path)} 已经存在，没有覆盖。", hint="检查该文件的发文字号是否填写正确。")
    folder.mkdir(parents=True, exist_ok=True)
    from .fmt import format_text
    from .model.document import Document

    atomic_write(path, format_text(_record_text(doc_id, doc_type, p.issuer, number, date, title, own=p.own), Document, repo.rel(path)))
    return repo.rel(path), number


def _q(value: str) -> str:
    """A YAML scalar for text (JSON strings are valid YAML and keep any character safe)."""
    return json.dumps(value, ensure_ascii=False)


def _record_text(doc_id: str, doc_type: str, issuer: str, number: str, date: _dt.date, title: str | None, own: bool) -> str:
    lines = [
        f"# 由 weibao doc new 于 {date.isoformat()} 新建。把“{TODO}……）”换成实际内容后运行 weibao validate。",
        "# 正文逐段写在 body 下；层次序数依次用 一、 （一） 1. （1）。不得写入未成年人的姓名、学校、住址等身份信息。",
        f"id: {doc_id}",
        f"type: {doc_type}",
        f"issuer: {_q(issuer)}",
        f"number: {_q(number)}",
    ]
    if own or doc_type in UPWARD_TYPES:
        lines.append(f"signer: {_q(TODO + '签发人）')}")
    lines.append(f"title: {_q(title or f'{TODO}标题，例如 关于……的{doc_type}）')}")
    if doc_type in NEEDS_ADDRESSEE:
        lines.append(f"to: [{_q(TODO + '主送机关）')}]")
    lines += ["body:", f"  - {_q(TODO + '正文）')}", f"date: {date.isoformat()}", ""]
    return "\n".join(lines)


def register(repo: Repository, year: int | None = None) -> list[dict[str, Any]]:
    """Every valid document record as a row of the register, by prefix, year and serial."""
    data = load_repository(repo)
    rows = []
    for r in data.valid("document"):
        d = r.model
        p = parse_doc_number(d.number) if d.number else None
        p = p if isinstance(p, DocNumber) else None
        if year is not None and d.date.year != year:
            continue
        rows.append({
            "id": d.id, "number": d.number, "prefix": p.prefix if p else None, "year": p.year if p else d.date.year,
            "serial": p.serial if p else None, "date": d.date.isoformat(), "type": d.type, "title": d.title,
            "issuer": d.issuer, "path": r.rel,
        })
    rows.sort(key=lambda x: (x["prefix"] or "", x["year"], x["serial"] or 0, x["date"], x["id"]))
    return rows
