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


def inbox_rows(data: RepoData, as_of: Any) -> list[dict[str, Any]]:
    """The register of 收文 (documents member units submit), oldest first, with their state on ``as_of``."""
    names = {u.id: u.name for u in data.units}
    rows = []
    for r in sorted(data.valid("received"), key=lambda r: (r.model.received_on, r.model.id)):
        x = r.model
        done = x.done_on()
        last = x.steps[-1] if x.steps else None
        rows.append({"id": x.id, "from_unit": x.from_unit, "from_name": names.get(x.from_unit, x.from_unit), "number": x.number,
                     "title": x.title, "received_on": x.received_on.isoformat(), "deadline": x.deadline.isoformat() if x.deadline else None,
                     "state": "已办结" if done else (last.action if last else "已登记"), "done_on": done.isoformat() if done else None,
                     "overdue": bool(x.deadline and x.deadline < as_of and done is None), "path": r.rel})
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


# -- the register of 收文 -----------------------------------------------------------------------------------


def receive(repo: Repository, from_unit: str, title: str, received_on: Any, number: str | None = None,
            deadline: Any = None) -> tuple[str, str, Any]:
    """Register a document a member unit submits: data/received/<year>/sw-<year>-<n>.yaml (the next number of that
    year); return (path, id, deadline).  ``deadline`` is a date or ``Workdays`` (counted from the day after
    ``received_on``; the date is stored next to the count).  Written through the transaction: a record validate
    would reject is never written."""
    import json

    from weibao.core.canonical import format_text
    from weibao.domain.privacy import refuse_identifying
    from weibao.domain.workdays import resolve_deadline
    from weibao.errors import UsageError
    from weibao.lint.gate import transaction
    from weibao.model.document import Received

    refuse_identifying("标题", title)
    if not title.strip():
        raise UsageError("收文标题不能为空。")
    due, workdays, _guessed = resolve_deadline(deadline, received_on)
    if due is not None and due < received_on:
        raise UsageError(f"办理时限 {due} 早于收文日期 {received_on}。")
    with transaction(repo, "登记收文") as tx:
        year = received_on.year
        taken = {r.id for r in load_repository(repo).of("received") if r.id}
        serial = 1 + max((int(t.rsplit("-", 1)[1]) for t in taken if re.fullmatch(rf"sw-{year}-\d+", t)), default=0)
        rid = f"sw-{year}-{serial}"
        rel = f"data/received/{year}/{rid}.yaml"
        fields = {"id": rid, "from_unit": from_unit, "number": number, "title": title.strip(), "received_on": received_on.isoformat(),
                  "deadline": due.isoformat() if due else None, "deadline_workdays": workdays}
        text = (f"# 收文（规则七：成员单位向领导小组报送的公文由未保办履行程序）。由 weibao doc receive 于 {received_on.isoformat()} 登记；"
                f"办理一步记一步：weibao doc handle {rid} --action 转办|呈批|批示|办结。\n"
                + "".join(f"{k}: {v if k in ('received_on', 'deadline', 'deadline_workdays') else json.dumps(v, ensure_ascii=False)}\n"
                          for k, v in fields.items() if v is not None) + "steps: []\n")
        tx.create(rel, format_text(text, Received, rel))
        tx.commit()
    return rel, rid, due


def handle(repo: Repository, received_id: str, action: str, date: Any, to: str | None = None, note: str | None = None) -> tuple[str, Any]:
    """Append a step to a 收文's handling (转办 to a unit, 呈批 to a position, 批示, 办结); in one write transaction."""
    from weibao.core.roundtrip import block_seq, edit_text, mapping
    from weibao.domain.privacy import refuse_identifying
    from weibao.errors import UsageError
    from weibao.lint.gate import transaction
    from weibao.model.document import RECEIVED_ACTIONS, Received

    if action not in RECEIVED_ACTIONS:
        raise UsageError(f"没有“{action}”这种办理。", hint="可选：" + "、".join(RECEIVED_ACTIONS))
    refuse_identifying("说明", note)
    keys = list(Received.model_fields)
    with transaction(repo, "办理收文") as tx:
        found = {r.id: r for r in load_repository(repo).valid("received") if r.id}
        rec = found.get(received_id)
        if rec is None:
            near = close_matches(received_id, list(found))
            raise UsageError(f"没有编号为“{received_id}”的收文。", hint=("相近的：" + "、".join(near)) if near else "用 weibao doc inbox 查看收文。")
        if rec.model.done_on() is not None:
            raise UsageError(f"{received_id} 已于 {rec.model.done_on()} 办结。")
        text, model = edit_text(tx.read(rec.rel), Received, rec.rel,
                                lambda doc: block_seq(doc, "steps", keys).append(mapping({"date": date, "action": action, "to": to, "note": note})))
        tx.write(rec.rel, text)
        tx.commit()
    return rec.rel, model

