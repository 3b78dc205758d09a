"""Supervision cases (督查督办): find, list and select them; record progress, state changes, extensions, closure.

Every edit is a round-trip edit of the case file in one write transaction (lint/gate.py): the repository is
validated as the edit would leave it, and nothing is written unless it passes.  Text typed by the clerk is
refused before anything is staged when it identifies someone (domain/privacy.py).  New cases: scaffold/new.py
(numbers from :func:`used_numbers`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from weibao.core.dataset import Record, RepoData, load_repository
from weibao.core.git import GitRepo
from weibao.core.repository import Repository
from weibao.core.roundtrip import block_seq, edit_text, mapping, set_key
from weibao.domain.lookup import find_by_id
from weibao.domain.privacy import refuse_identifying
from weibao.domain.workdays import due_in, workdays_left
from weibao.errors import UsageError
from weibao.lint.gate import transaction
from weibao.model.case import TRANSITIONS, Case, allowed_text

CASE_KEYS = list(Case.model_fields)


def find_case(data: RepoData, case_id: str) -> Record:
    return find_by_id({r.id: r for r in data.valid("case") if r.id}, case_id, "编号为“{key}”的督办事项",
                      list_hint="用 weibao case list 查看全部督办事项。", empty_hint="还没有督办事项；用 weibao case new 立案。")


def used_numbers(repo: Repository, year: int) -> set[int]:
    """Serials of db-<year>-N on disk and in every committed file name (a deleted case keeps its number)."""
    rx = re.compile(rf"db-{year}-([1-9]\d*)\.yaml$")
    folder = repo.data_dir / "cases"
    names = [p.name for p in folder.rglob("*.yaml")] if folder.is_dir() else []
    g = GitRepo.find(repo.root)
    if g is not None:
        names += g.names_ever(g.rel(folder) if folder.exists() else g.rel(repo.data_dir) + "/cases")
    return {int(m.group(1)) for n in names for m in [rx.search(n)] if m}


def _edit(repo: Repository, case_id: str, label: str, change: Any) -> tuple[str, Case]:
    with transaction(repo, label) as tx:
        rec = find_case(load_repository(repo), case_id)
        text, model = edit_text(tx.read(rec.rel), Case, rec.rel, lambda doc: change(doc, rec.model))
        tx.write(rec.rel, text)
        tx.commit()
    return rec.rel, model


def _append(doc: Any, key: str, item: dict[str, Any]) -> None:
    block_seq(doc, key, CASE_KEYS).append(mapping(item))


def _not_before_last(c: Case, date: _dt.date) -> None:
    last = max([c.opened] + [e.date for e in c.log])
    if date < last:
        raise UsageError(f"日期 {date} 早于立案或最后一条记录（{last}）；记录按日期先后追加。")


def log_case(repo: Repository, case_id: str, text: str, date: _dt.date) -> tuple[str, Case]:
    if not text.strip():
        raise UsageError("进展内容不能为空。")
    refuse_identifying("进展", text)

    def change(doc: Any, c: Case) -> None:
        if not c.is_open:
            raise UsageError(f"督办事项 {c.id} 已“{c.state}”，不能再记录进展。")
        _not_before_last(c, date)
        _append(doc, "log", {"date": date, "text": text.strip()})

    return _edit(repo, case_id, "记录督办进展", change)


def move_case(repo: Repository, case_id: str, target: str, note: str | None, date: _dt.date) -> tuple[str, Case]:
    refuse_identifying("说明", note)

    def change(doc: Any, c: Case) -> None:
        if target == "办结" and "办结" in TRANSITIONS[c.state]:
            raise UsageError("办结要经过核验。", hint=f"用 weibao case close {c.id} --verified-by 核验人 --result 办结情况")
        if target not in TRANSITIONS[c.state]:
            raise UsageError(f"督办事项 {c.id} 的状态是“{c.state}”，不能改为“{target}”。", hint=f"从“{c.state}”只能改为：{allowed_text(c.state)}。")
        if target == "中止" and not (note and note.strip()):
            raise UsageError("中止督办要写明原因。", hint="加 --note 原因")
        _not_before_last(c, date)
        text = note.strip() if note else ("退回重办" if (c.state, target) == ("待核验", "整改中") else f"状态变为{target}")
        _append(doc, "log", {"date": date, "text": text, "state": target})
        doc["state"] = target

    return _edit(repo, case_id, "改变督办状态", change)


def extend_case(repo: Repository, case_id: str, to: _dt.date, reason: str, approved_by: str, date: _dt.date) -> tuple[str, Case]:
    refuse_identifying("延期理由", reason)
    if not reason.strip() or not approved_by.strip():
        raise UsageError("延期要写明理由和批准人。")

    def change(doc: Any, c: Case) -> None:
        if not c.is_open:
            raise UsageError(f"督办事项 {c.id} 已“{c.state}”，不能延期。")
        current = c.effective_deadline()
        if current is None:
            raise UsageError(f"督办事项 {c.id} 没有整改时限，不能延期。")
        if to <= current:
            raise UsageError(f"新时限 {to} 不晚于现在的时限 {current}。")
        _append(doc, "extensions", {"date": date, "to": to, "reason": reason.strip(), "approved_by": approved_by.strip()})

    return _edit(repo, case_id, "延期", change)


def close_case(repo: Repository, case_id: str, verified_by: str, result: str, date: _dt.date) -> tuple[str, Case]:
    refuse_identifying("办结情况", result)
    if not verified_by.strip() or not result.strip():
        raise UsageError("办结要写明核验人和办结情况。")

    def change(doc: Any, c: Case) -> None:
        if c.state != "待核验":
            raise UsageError(f"督办事项 {c.id} 的状态是“{c.state}”，只有“待核验”的事项才能核验办结。",
                             hint=f"从“{c.state}”可以改为：{allowed_text(c.state)}。")
        _not_before_last(c, date)
        _append(doc, "log", {"date": date, "text": "核验办结", "state": "办结"})
        doc["state"] = "办结"
        closure = mapping({"date": date, "verified_by": verified_by.strip(), "result": result.strip()})
        set_key(doc, "closure", closure, CASE_KEYS)

    return _edit(repo, case_id, "核验办结", change)


def case_rows(data: RepoData, as_of: _dt.date) -> list[dict[str, Any]]:
    rows = []
    for r in sorted(data.valid("case"), key=lambda r: (r.model.opened, r.model.id)):
        c = r.model
        due = c.effective_deadline()
        is_open = c.is_open
        rows.append({
            "id": c.id, "kind": c.kind, "level": c.level, "subject": c.subject, "lead": c.lead, "support": list(c.support),
            "region": c.region, "opened": c.opened.isoformat(), "deadline": due.isoformat() if due else None,
            "extended": bool(c.extensions), "state": c.state, "source": c.source.kind,
            "overdue": bool(is_open and due and due < as_of), "days_left": (due - as_of).days if is_open and due else None,
            "workdays_left": workdays_left(as_of, due) if is_open and due else None,
            "path": r.rel,
        })
    return rows


def select_cases(rows: list[dict[str, Any]], *, state: str | None = None, unit: str | None = None, level: str | None = None,
                 overdue: bool = False, due_within: int | None = None, workdays: bool = False) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if state and row["state"] != state:
            continue
        if unit and unit not in [row["lead"], *row["support"]]:
            continue
        if level and row["level"] != level:
            continue
        if overdue and not row["overdue"]:
            continue
        if due_within is not None and not due_in(row, due_within, workdays):
            continue
        out.append(row)
    return out
