"""A meeting's 纪要 as a document view (GB/T 9704 §10.3)."""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import Record, RepoData
from weibao.core.people import leader_title
from weibao.domain.numbering import zh_date, zh_number
from weibao.model.document import AttendanceLines, Document
from weibao.model.meeting import TYPE_RULE, Meeting
from weibao.records.meetings import meetings_sorted
from weibao.records.units import attendee_text, people, unit_names
from weibao.render.views.document import document_view


def _opening(data: RepoData, m: Meeting, office: str) -> str:
    """The 纪要's opening: when, where, who chaired, the agenda (2026年3月15日，旗未保办主任在……主持召开主任办公会。
    会议议题：……。) — the facts of the meeting record, nothing more."""
    o = data.one("office")
    positions = {p.id: p.name for p in (o.model.positions if o else [])}
    chair = m.chair
    title = leader_title(chair.position) or office + positions.get(chair.position, chair.position)
    name = people(data).get(chair.person, "") if chair.person else (chair.name or "")
    by = ""
    if chair.delegation is not None:
        by = f"受{leader_title(chair.delegation.by) or positions.get(chair.delegation.by, chair.delegation.by)}委托，"
    where = f"在{m.place}" if m.place else ""
    topics = "；".join(a.title.rstrip("。；") for a in m.agenda)
    who = name if name and title in name else title + name  # a registered name may already say the post
    return f"{zh_date(m.date)}，{by}{who}{where}主持召开{m.type}。" + (f"会议议题：{topics}。" if topics else "")


def minutes_view(data: RepoData, rec: Record) -> dict[str, Any]:
    """The meeting's 纪要 as a document view (GB/T 9704 §10.3): mark “…纪要”, the issue line, body, decisions,
    出席/请假/列席, and the 版记 with 报 and 发."""
    m: Meeting = rec.model
    s = data.settings
    o = data.one("office")
    office = s.office.short_name or s.office.name if s else "办公室"
    issuer = s.office.name if s else "办公室"
    same = [r.model for r in meetings_sorted(data) if r.model.type == m.type and r.model.date.year == m.date.year]
    seq = next(i for i, x in enumerate(same, start=1) if x.id == m.id)
    names = unit_names(data)
    body = list(m.minutes.body) if m.minutes and m.minutes.body else ([m.minutes.summary] if m.minutes and m.minutes.summary else [])
    if not (body and body[0].startswith(zh_date(m.date))):  # the clerk's own opening already says when
        body.insert(0, _opening(data, m, office))
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
        minutes=AttendanceLines(present=[attendee_text(data, a, m.date) for a in m.attendance.present],
                           absent=[attendee_text(data, a, m.date) for a in m.attendance.absent],
                           attending=[attendee_text(data, a, m.date) for a in m.attendance.attending]),
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
