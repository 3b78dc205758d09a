"""The document register: 发文字号 used per prefix and year, the register's rows, finding a document.

New document records (with the next number): scaffold/new.py.
"""

from __future__ import annotations

import re
from typing import Any

from weibao.core.dataset import Record, RepoData, load_repository
from weibao.core.git import GitRepo
from weibao.core.repository import Repository
from weibao.domain.lookup import close_matches
from weibao.domain.numbering import DocNumber, parse_doc_number
from weibao.errors import WeibaoError

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
    g = GitRepo.find(repo.root)
    if g is not None:
        for folder in ("documents", "notifications"):
            patch = g.patches_ever(g.rel(repo.data_dir) + "/" + folder)
            numbers += [m.group(1).strip() for line in patch.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))
                        for m in [_NUMBER_LINE.match(line[1:])] if m]
    out = set()
    for n in numbers:
        p = parse_doc_number(n)
        if isinstance(p, DocNumber) and p.prefix == prefix and p.year == year:
            out.add(p.serial)
    return out


def register(data: RepoData, year: int | None = None) -> list[dict[str, Any]]:
    """Every valid document record as a row of the register, by prefix, year and serial."""
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


def find_document(data: RepoData, doc_id: str) -> Record:
    """A document by id or by its 发文字号."""
    docs = {r.id: r for r in data.valid("document") if r.id}
    if doc_id in docs:
        return docs[doc_id]
    by_number = [r for r in docs.values() if r.model.number == doc_id.strip()]
    if len(by_number) == 1:
        return by_number[0]
    known = close_matches(doc_id, docs, n=5, cutoff=0.4) or sorted(docs)[:10]
    hint = ("相近的公文：" + "、".join(known)) if known else "data/documents/ 中还没有公文记录；用 weibao doc new 新建。"
    raise WeibaoError(f"没有 id 或发文字号为“{doc_id}”的公文或会议。", hint=hint)
