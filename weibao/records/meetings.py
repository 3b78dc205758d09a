"""Meetings and 议定事项: list and select them, check a year against the meeting rules, follow decisions up.

Edits (``add_progress``, ``mark_done``) are round-trip edits of the meeting file (every comment and the layout of
the rest of the file kept) made in one write transaction: the repository is validated as the edit would leave
it, and the file is written only if it passes (lint/gate.py).  New meeting records: scaffold/new.py.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.core.dataset import Record, RepoData, load_repository
from weibao.core.repository import Repository
from weibao.core.roundtrip import block_seq, edit_text, mapping, set_key
from weibao.domain.lookup import find_by_id
from weibao.domain.privacy import refuse_identifying
from weibao.domain.workdays import due_in, workdays_left
from weibao.errors import UsageError
from weibao.lint.gate import transaction
from weibao.model.meeting import DECISION_OPEN, STATUS_NEXT, TYPE_RULE, Decision, Meeting

# -- reading ---------------------------------------------------------------------------


def meetings_sorted(data: RepoData) -> list[Record]:
    return sorted(data.valid("meeting"), key=lambda r: (r.model.date, r.model.id))


def decision_rows(data: RepoData, as_of: _dt.date | None = None) -> list[dict[str, Any]]:
    """Every 议定事项 as a flat row (meeting, owners, deadline, state); with ``as_of``, also overdue and days left."""
    rows = []
    for r in meetings_sorted(data):
        m = r.model
        for d in m.decisions:
            row = {
                "id": d.id, "meeting": m.id, "meeting_date": m.date.isoformat(), "meeting_type": m.type, "text": d.text,
                "lead": list(d.lead), "support": list(d.support), "deadline": d.deadline.isoformat() if d.deadline else None,
                "status": d.status, "done_on": d.done_on.isoformat() if d.done_on else None,
                "last_progress": d.progress[-1].model_dump(mode="json") if d.progress else None, "path": r.rel,
            }
            if as_of is not None:
                is_open = d.is_open
                row["overdue"] = bool(is_open and d.deadline and d.deadline < as_of)
                row["days_left"] = (d.deadline - as_of).days if is_open and d.deadline else None
                row["workdays_left"] = workdays_left(as_of, d.deadline) if is_open and d.deadline else None
            rows.append(row)
    return rows


def select_decisions(rows: list[dict[str, Any]], *, open_only: bool = False, unit: str | None = None,
                     overdue: bool = False, due_within: int | None = None, workdays: bool = False) -> list[dict[str, Any]]:
    """``due_within``: due from today up to that many days ahead (working days with ``workdays``)."""
    out = []
    for row in rows:
        if open_only and row["status"] not in DECISION_OPEN:
            continue
        if unit and unit not in row["lead"] + row["support"]:
            continue
        if overdue and not row.get("overdue"):
            continue
        if due_within is not None and not due_in(row, due_within, workdays):
            continue
        out.append(row)
    return out


def find_meeting(data: RepoData, meeting_id: str) -> Record:
    recs = {r.id: r for r in data.valid("meeting") if r.id}
    listed = "已有会议：" + "、".join(sorted(recs)[-5:]) if recs else ""
    return find_by_id(recs, meeting_id, "id 为“{key}”的会议", near_label="相近的会议", list_hint=listed,
                      empty_hint="还没有会议记录；用 weibao meeting new 新建。")


def find_decision(data: RepoData, decision_id: str) -> tuple[Record, int]:
    found = {d.id: (r, i) for r in data.valid("meeting") for i, d in enumerate(r.model.decisions)}
    return find_by_id(found, decision_id, "编号为“{key}”的议定事项", list_hint="用 weibao decisions 查看全部议定事项。",
                      empty_hint="还没有议定事项；议定事项记在会议记录的 decisions 下。")


def year_check(data: RepoData, year: int, as_of: _dt.date) -> dict[str, Any]:
    """The compliance view of a year: per meeting type, what the rules expect and what was held; open issues."""
    o = data.one("office")
    held = [r.model for r in meetings_sorted(data) if r.model.date.year == year]
    types = []
    for mt in (o.model.meeting_types if o else []):
        these = [m for m in held if TYPE_RULE.get(m.type) == mt.id]
        expected = mt.min_per_year
        finished = year < as_of.year
        if expected is None:
            state = "按需召开"
        elif len(these) >= expected:
            state = "已达到"
        elif finished:
            state = "未达到"
        else:
            state = f"尚未召开（{year}年内还应召开 {expected - len(these)} 次）"
        types.append({"rule": mt.id, "type": mt.name, "frequency": mt.frequency, "expected_per_year": expected,
                      "held": [{"id": m.id, "date": m.date.isoformat(), "title": m.title} for m in these], "state": state})
    group = [m for m in held if m.type == "领导小组会议"]
    if group:
        types.append({"rule": None, "type": "领导小组会议", "frequency": "—", "expected_per_year": None,
                      "held": [{"id": m.id, "date": m.date.isoformat(), "title": m.title} for m in group], "state": "—"})
    undistributed = []
    for m in held:
        mt = next((t for t in (o.model.meeting_types if o else []) if t.id == TYPE_RULE.get(m.type)), None)
        if mt and mt.minutes.required and (m.minutes is None or m.minutes.reported_on is None or m.minutes.issued_on is None):
            undistributed.append({"id": m.id, "date": m.date.isoformat(), "title": m.title})
    rows = [row for row in decision_rows(data, as_of) if row["meeting_date"].startswith(str(year))]
    return {
        "year": year, "as_of": as_of.isoformat(), "types": types, "minutes_not_distributed": undistributed,
        "decisions": {"total": len(rows), "open": sum(r["status"] in DECISION_OPEN for r in rows),
                      "done": sum(r["status"] == "已办结" for r in rows), "overdue": [r for r in rows if r.get("overdue")]},
    }


# -- following decisions up -----------------------------------------------------------------------------

DECISION_KEYS = list(Decision.model_fields)


def _check_open(decision: Decision, target: str) -> None:
    if target not in STATUS_NEXT[decision.status] and not (target == "办理中" and decision.status == "办理中"):
        allowed = "、".join(STATUS_NEXT[decision.status]) or "（无：已是最终状态）"
        raise UsageError(f"议定事项 {decision.id} 的状态是“{decision.status}”，不能改为“{target}”。", hint=f"从“{decision.status}”只能改为：{allowed}。")


def _not_before_progress(decision: Decision, date: _dt.date, message: str) -> None:
    """Progress is appended in date order; ``message`` names the problem ({last}: the last entry's date).  A date before
    the meeting itself is refused by validation (WB708) when the change is checked."""
    last = decision.progress[-1].date if decision.progress else None
    if last and date < last:
        raise UsageError(message.format(last=last))


def _edit_decision(repo: Repository, decision_id: str, label: str, change: Any) -> tuple[str, Decision]:
    """Apply ``change(entry, decision)`` to the decision's mapping in its meeting file, in one write transaction."""
    with transaction(repo, label) as tx:
        rec, index = find_decision(load_repository(repo), decision_id)
        decision = rec.model.decisions[index]
        text, model = edit_text(tx.read(rec.rel), Meeting, rec.rel, lambda doc: change(doc["decisions"][index], decision))
        tx.write(rec.rel, text)
        tx.commit()
    return rec.rel, model.decisions[index]


def add_progress(repo: Repository, decision_id: str, text: str, date: _dt.date) -> tuple[str, Decision]:
    """Append a progress entry (the decision becomes 办理中)."""
    if not text.strip():
        raise UsageError("进展内容不能为空。")
    refuse_identifying("进展", text)

    def change(entry: Any, decision: Decision) -> None:
        _check_open(decision, "办理中")
        _not_before_progress(decision, date, f"进展日期 {date} 早于上一条进展（{{last}}）；进展按日期先后追加。")
        block_seq(entry, "progress", DECISION_KEYS).append(mapping({"date": date, "text": text.strip()}))
        set_key(entry, "status", "办理中", DECISION_KEYS)

    return _edit_decision(repo, decision_id, "记录进展", change)


def mark_done(repo: Repository, decision_id: str, date: _dt.date, note: str | None = None) -> tuple[str, Decision]:
    refuse_identifying("说明", note)

    def change(entry: Any, decision: Decision) -> None:
        _check_open(decision, "已办结")
        _not_before_progress(decision, date, f"办结日期 {date} 早于最后一条进展（{{last}}）。")
        set_key(entry, "status", "已办结", DECISION_KEYS)
        set_key(entry, "done_on", date, DECISION_KEYS)
        if note:
            set_key(entry, "note", note.strip(), DECISION_KEYS)

    return _edit_decision(repo, decision_id, "办结议定事项", change)
