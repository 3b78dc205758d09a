"""Meetings and 议定事项: create records, list and check them, follow decisions up, build the 纪要.

Writes (``new_meeting``, ``add_progress``, ``mark_done``) go through ruamel.yaml
round-trip editing: every comment and the layout of the rest of the file stay
as they were, the file is replaced atomically, and a file that changed on disk
since it was read is not overwritten.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .errors import UsageError, WeibaoError
from .model.meeting import MEETING_TYPES, STATUS_NEXT, TYPE_RULE, TYPE_SLUG, Decision, Meeting
from .numbering import zh_date, zh_number
from .repo import Repository
from .store import Record, RepoData, load_repository

OPEN = ("待办", "办理中")


# -- reading ---------------------------------------------------------------------------


def meetings_sorted(data: RepoData) -> list[Record]:
    return sorted(data.valid("meeting"), key=lambda r: (r.model.date, r.model.id))


def unit_names(data: RepoData) -> dict[str, str]:
    return {u.id: u.name for u in data.units}


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
                is_open = d.status in OPEN
                row["overdue"] = bool(is_open and d.deadline and d.deadline < as_of)
                row["days_left"] = (d.deadline - as_of).days if is_open and d.deadline else None
            rows.append(row)
    return rows


def select_decisions(rows: list[dict[str, Any]], *, open_only: bool = False, unit: str | None = None,
                     overdue: bool = False, due_within: int | None = None) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if open_only and row["status"] not in OPEN:
            continue
        if unit and unit not in row["lead"] + row["support"]:
            continue
        if overdue and not row.get("overdue"):
            continue
        if due_within is not None and (row.get("days_left") is None or not 0 <= row["days_left"] <= due_within):
            continue
        out.append(row)
    return out


def find_meeting(data: RepoData, meeting_id: str) -> Record:
    recs = {r.id: r for r in data.valid("meeting")}
    if meeting_id in recs:
        return recs[meeting_id]
    import difflib

    close = difflib.get_close_matches(meeting_id, list(recs), n=5, cutoff=0.4)
    hint = ("相近的会议：" + "、".join(close)) if close else ("已有会议：" + "、".join(sorted(recs)[-5:]) if recs else "还没有会议记录；用 weibao meeting new 新建。")
    raise WeibaoError(f"没有 id 为“{meeting_id}”的会议。", hint=hint)


def find_decision(data: RepoData, decision_id: str) -> tuple[Record, int]:
    found = {}
    for r in data.valid("meeting"):
        for i, d in enumerate(r.model.decisions):
            found[d.id] = (r, i)
    if decision_id in found:
        return found[decision_id]
    import difflib

    close = difflib.get_close_matches(decision_id, list(found), n=5, cutoff=0.4)
    raise WeibaoError(f"没有编号为“{decision_id}”的议定事项。", hint=("相近的编号：" + "、".join(close)) if close else "用 weibao decisions 查看全部议定事项。")


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
        "decisions": {"total": len(rows), "open": sum(r["status"] in OPEN for r in rows),
                      "done": sum(r["status"] == "已办结" for r in rows), "overdue": [r for r in rows if r.get("overdue")]},
    }


# -- writing ---------------------------------------------------------------------------


def _rt_yaml():
    from .edit import rt_yaml

    return rt_yaml()


def new_meeting(repo: Repository, kind: str, date: _dt.date, title: str | None = None) -> str:
    """Write data/meetings/<year>/<date>-<type>[-n].yaml from a commented template; return its path."""
    from .fmt import atomic_write

    if kind not in MEETING_TYPES:
        raise UsageError(f"没有“{kind}”这种会议。", hint="可选：" + "、".join(MEETING_TYPES))
    folder = repo.data_dir / "meetings" / str(date.year)
    data = load_repository(repo)
    taken = {r.id for r in data.of("meeting")}
    if folder.is_dir():
        taken |= {p.stem for p in folder.glob("*.yaml")}
    base = f"{date.isoformat()}-{TYPE_SLUG[kind]}"
    mid, n = base, 1
    while mid in taken:
        n += 1
        mid = f"{base}-{n}"
    path = folder / f"{mid}.yaml"
    if path.exists():  # pragma: no cover - taken covers it; never overwrite
        raise WeibaoError(f"{repo.rel(path)} 已经存在，没有覆盖。")
    folder.mkdir(parents=True, exist_ok=True)
    title = title or f"{date.year}年{date.month}月{date.day}日{kind}"
    from .fmt import format_text

    atomic_write(path, format_text(_template(mid, kind, date, title), Meeting, repo.rel(path)))
    return repo.rel(path)


def _template(mid: str, kind: str, date: _dt.date, title: str) -> str:
    import json

    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731  (JSON strings are valid YAML scalars)
    chair = "leader  # 领导小组组长" if kind == "领导小组会议" else "director  # 主任；由副主任主持时写 deputy，并填写下面的 delegation"
    lines = [
        f"# {kind}记录，由 weibao meeting new 新建。填写后运行 weibao validate。",
        "# 不得写入未成年人的姓名、学校、住址等身份信息；涉及个案时写“某某小学一名学生”一类的说法。",
        f"id: {mid}",
        f"type: {kind}",
        f"date: {date.isoformat()}",
        f"title: {q(title)}",
        "chair:",
        f"  position: {chair}",
        "  # delegation: {by: director, date: 委托日期}  # 副主任受主任委托主持时填写",
        "attendance:",
        "  present: []  # 出席：- {unit: 单位id, name: 姓名或身份}",
        "  absent: []  # 请假",
        "  attending: []  # 列席",
        "agenda: []  # 议题：- {title: 议题, important: false}；专题工作会议的重要问题另加 approval: {by: director, date: 日期}",
        "minutes:",
        "  body: []  # 纪要正文，逐段书写",
        "  # reported_on: 报领导小组组长、副组长的日期",
        "  # issued_on: 印发各成员单位的日期",
        "decisions: []  # 议定事项：- {id: " + mid + "-1, text: 事项, lead: [单位id], support: [], deadline: 日期}",
        "",
    ]
    return "\n".join(lines)


def _edit_decision(repo: Repository, decision_id: str, change) -> tuple[str, Decision]:
    """Apply ``change(entry, decision)`` to the decision's mapping in its meeting file (see weibao.edit)."""
    from .edit import edit_file

    rec, index = find_decision(load_repository(repo), decision_id)
    decision = rec.model.decisions[index]
    model = edit_file(rec.file.path, rec.rel, Meeting, lambda doc: change(doc["decisions"][index], decision), yaml_factory=_rt_yaml)
    return rec.rel, model.decisions[index]


DECISION_KEYS = list(Decision.model_fields)


def _set(entry: Any, key: str, value: Any) -> None:
    from .edit import set_key

    set_key(entry, key, value, DECISION_KEYS)


def _check_open(decision: Decision, target: str) -> None:
    if target not in STATUS_NEXT[decision.status] and not (target == "办理中" and decision.status == "办理中"):
        allowed = "、".join(STATUS_NEXT[decision.status]) or "（无：已是最终状态）"
        raise UsageError(f"议定事项 {decision.id} 的状态是“{decision.status}”，不能改为“{target}”。", hint=f"从“{decision.status}”只能改为：{allowed}。")


def add_progress(repo: Repository, decision_id: str, text: str, date: _dt.date) -> tuple[str, Decision]:
    from ruamel.yaml.comments import CommentedMap

    from .edit import block_seq

    if not text.strip():
        raise UsageError("进展内容不能为空。")
    from .cases import _privacy_check

    _privacy_check("进展", text)

    def change(entry: Any, decision: Decision) -> None:
        _check_open(decision, "办理中")
        last = decision.progress[-1].date if decision.progress else None
        if last and date < last:
            raise UsageError(f"进展日期 {date} 早于上一条进展（{last}）；进展按日期先后追加。")
        from .edit import scalar

        item = CommentedMap()
        item["date"] = date
        item["text"] = scalar(text.strip())
        block_seq(entry, "progress", DECISION_KEYS).append(item)
        _set(entry, "status", "办理中")

    return _edit_decision(repo, decision_id, change)


def mark_done(repo: Repository, decision_id: str, date: _dt.date, note: str | None = None) -> tuple[str, Decision]:
    from .cases import _privacy_check

    _privacy_check("说明", note)
    def change(entry: Any, decision: Decision) -> None:
        _check_open(decision, "已办结")
        last = decision.progress[-1].date if decision.progress else None
        if last and date < last:
            raise UsageError(f"办结日期 {date} 早于最后一条进展（{last}）。")
        _set(entry, "status", "已办结")
        _set(entry, "done_on", date)
        if note:
            _set(entry, "note", note.strip())

    return _edit_decision(repo, decision_id, change)


# -- 纪要 ---------------------------------------------------------------------------------


def attendee_text(data: RepoData, a: Any) -> str:
    names = unit_names(data)
    people = _people(data)
    parts = [names.get(a.unit, a.unit) if a.unit else "", people.get(a.person, a.person) if a.person else "", a.name or ""]
    return " ".join(p for p in parts if p)


def _people(data: RepoData) -> dict[str, str]:
    out = {}
    o = data.one("office")
    if o:
        for p in o.model.positions:
            for h in p.holders:
                out[h.id] = h.name
    for u in data.units:
        for slot in (u.office_member, u.liaison):
            if slot is not None:
                out[slot.id] = slot.name
    return out


def minutes_view(data: RepoData, rec: Record) -> dict[str, Any]:
    """The meeting's 纪要 as a document view (GB/T 9704 §10.3): mark “…纪要”, the issue line, body, decisions,
    出席/请假/列席, and the 版记 with 报 and 发."""
    from .model.document import Document
    from .model.document import Minutes as Attendance
    from .render.view import document_view

    m: Meeting = rec.model
    s = data.settings
    o = data.one("office")
    office = s.office.short_name or s.office.name if s else "办公室"
    issuer = s.office.name if s else "办公室"
    same = [r.model for r in meetings_sorted(data) if r.model.type == m.type and r.model.date.year == m.date.year]
    seq = next(i for i, x in enumerate(same, start=1) if x.id == m.id)
    names = unit_names(data)
    body = list(m.minutes.body) if m.minutes and m.minutes.body else ([m.minutes.summary] if m.minutes and m.minutes.summary else [])
    if m.decisions:
        body.append("会议议定：")
        for i, d in enumerate(m.decisions, start=1):
            owners = "牵头单位：" + "、".join(names.get(u, u) for u in d.lead)
            if d.support:
                owners += "；配合单位：" + "、".join(names.get(u, u) for u in d.support)
            if d.deadline:
                owners += f"；完成时限：{zh_date(d.deadline)}"
            body.append(f"{zh_number(i)}、{d.text}（{owners}）")
    doc = Document(
        id=m.id, type="纪要", issuer=issuer, mark=f"{office}{m.type}纪要", number=f"{m.date.year}年第{seq}期",
        title=m.title, body=body or ["（纪要正文待填写）"], date=m.minutes.issued_on if m.minutes and m.minutes.issued_on else m.date,
        minutes=Attendance(present=[attendee_text(data, a) for a in m.attendance.present],
                           absent=[attendee_text(data, a) for a in m.attendance.absent],
                           attending=[attendee_text(data, a) for a in m.attendance.attending]),
    )
    view = document_view(doc, data)
    mt = next((t for t in (o.model.meeting_types if o else []) if t.id == TYPE_RULE.get(m.type)), None)
    lines = []
    if mt and mt.minutes.report_to:
        lines.append(f"报：{mt.minutes.report_to}。")
    if m.minutes and m.minutes.issued_to:
        lines.append("发：" + "，".join(names.get(u, u) for u in m.minutes.issued_to) + "。")
    elif mt and mt.minutes.issue_to:
        lines.append(f"发：{mt.minutes.issue_to}。")
    issued = m.minutes.issued_on if m.minutes else None
    view["imprint"] = {"lines": lines, "printer": issuer, "print_date": (zh_date(issued) + "印发") if issued else ""}
    view["meeting"] = {"date": zh_date(m.date), "place": m.place}
    return view


def load_meetings(repo: Repository) -> list[Meeting]:
    """Only the meeting files, parsed and checked (invalid ones are skipped: validate reports them)."""
    from .store import load_kind

    return sorted(load_kind(repo, "meeting"), key=lambda m: (m.date, m.id))


def open_decisions_of(repo: Repository, unit_id: str) -> list[dict[str, Any]]:
    """The unit's open 议定事项 (as lead or support), oldest meeting first."""
    out = []
    for m in load_meetings(repo):
        for d in m.decisions:
            if d.status in OPEN and unit_id in d.lead + d.support:
                out.append({"id": d.id, "meeting": m.id, "text": d.text, "role": "lead" if unit_id in d.lead else "support",
                            "deadline": d.deadline.isoformat() if d.deadline else None, "status": d.status})
    return out
