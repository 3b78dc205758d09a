"""Checks of data/meetings/: the meeting rules of section 五 and the follow-up of 议定事项 (section 四(五)).

Each finding names the rule id of data/office.yaml it enforces.  Findings that
depend on today's date (a year without an 办公室成员会议, an overdue decision)
are warnings, or absent, unless ``validate --strict-dates`` asks for them as
errors: the passing of time alone never fails a pull request.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from weibao.core.dataset import Record, RepoData
from weibao.core.people import LEADER_POSITIONS, is_serving, post, registered_people, serving
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule
from weibao.model.meeting import STATUS_NEXT, TYPE_RULE

DEPUTIES = ("deputy", "executive-deputy")  # 常务副主任 is a 副主任 too


def _meeting_type(data: RepoData, kind: str):
    return data.meeting_rule(kind)


def _meetings(data: RepoData) -> list[Record]:
    return list(data.valid("meeting"))


@rule("WB701", "WB702")
def chair_rule(data: RepoData) -> Iterator[Diagnostic]:
    """主持：主任，或受主任委托的副主任（规则五）."""
    for r in _meetings(data):
        m = r.model
        mt = _meeting_type(data, m.type)
        if mt is None:
            continue
        c = m.chair
        allowed_delegates = (mt.chair.delegate,) + (DEPUTIES if mt.chair.delegate in DEPUTIES else ())
        if c.position == mt.chair.position:
            continue
        if c.position not in allowed_delegates:
            yield r.diag("WB701", f"{m.type}应由主任或受其委托的副主任主持，记录的主持人职务是“{c.position}”（规则 {mt.id}）。",
                         ("chair", "position"), hint="position 写 director（主任），或写 deputy（副主任）并记录 delegation（委托）。")
        elif c.delegation is None:
            yield r.diag("WB702", f"{m.type}由副主任主持，但没有记录主任的委托（规则 {mt.id}）。", ("chair", "position"),
                         hint="在 chair 下加 delegation: {by: director, date: 委托日期}。")
        elif c.delegation.by != mt.chair.position:
            yield r.diag("WB702", f"委托人应为主任（{mt.chair.position}），记录的是“{c.delegation.by}”（规则 {mt.id}）。",
                         ("chair", "delegation", "by"))
        elif c.delegation.date > m.date:
            yield r.diag("WB702", f"委托日期 {c.delegation.date} 晚于会议日期 {m.date}（规则 {mt.id}）。", ("chair", "delegation", "date"))


@rule("WB703")
def important_topics_approved(data: RepoData) -> Iterator[Diagnostic]:
    """专题工作会议：涉及重要问题的按程序报主任批准，批准不晚于会议."""
    for r in _meetings(data):
        m = r.model
        mt = _meeting_type(data, m.type)
        approver = mt.topic_approval if mt else None
        if approver is None:
            continue
        for i, a in enumerate(m.agenda):
            if not a.important:
                continue
            if a.approval is None:
                yield r.diag("WB703", f"议题“{a.title}”涉及重要问题，没有记录主任批准（规则 {mt.id}）。", ("agenda", i, "important"),
                             hint=f"加 approval: {{by: {approver}, date: 批准日期}}。")
            elif a.approval.by != approver:
                yield r.diag("WB703", f"议题“{a.title}”应报主任（{approver}）批准，记录的批准人职务是“{a.approval.by}”（规则 {mt.id}）。",
                             ("agenda", i, "approval", "by"))
            elif a.approval.date > m.date:
                yield r.diag("WB703", f"议题“{a.title}”的批准日期 {a.approval.date} 晚于会议日期 {m.date}（规则 {mt.id}）。",
                             ("agenda", i, "approval", "date"))


@rule("WB704", "WB708")
def minutes_distributed(data: RepoData) -> Iterator[Diagnostic]:
    """纪要报组长、副组长，印发各成员单位（各有日期，不早于会议）."""
    for r in _meetings(data):
        m = r.model
        mt = _meeting_type(data, m.type)
        mins = m.minutes
        if mt is not None and mt.minutes.required:
            if mins is None or mins.reported_on is None:
                loc = ("minutes",) if mins is not None else ("type",)
                yield r.diag("WB704", f"{m.type}的纪要应报{mt.minutes.report_to}，没有记录报送日期（规则 {mt.id}）。", loc,
                             key=True, hint="在 minutes 下写 reported_on: 日期。")
            if mins is None or mins.issued_on is None:
                loc = ("minutes",) if mins is not None else ("type",)
                yield r.diag("WB704", f"{m.type}的纪要应印发{mt.minutes.issue_to}，没有记录印发日期（规则 {mt.id}）。", loc,
                             key=True, hint="在 minutes 下写 issued_on: 日期。")
        if mins is not None:
            for field in ("reported_on", "issued_on"):
                d = getattr(mins, field)
                if d is not None and d < m.date:
                    yield r.diag("WB708", f"纪要的{'报送' if field == 'reported_on' else '印发'}日期 {d} 早于会议日期 {m.date}。", ("minutes", field))


@rule("WB705")
def members_meeting_every_year(data: RepoData) -> Iterator[Diagnostic]:
    """办公室成员会议原则上每年召开一次：从有会议记录的第一年起，每个已结束的年度都应至少有一次."""
    o = data.one("office")
    meetings = _meetings(data)
    if not o or not meetings:
        return
    as_of = data.today()
    held = Counter(r.model.date.year for r in meetings if r.model.type == "办公室成员会议")
    for mt in o.model.meeting_types:
        if not mt.min_per_year or mt.id != TYPE_RULE["办公室成员会议"]:
            continue
        first = min(r.model.date.year for r in meetings)
        for year in range(first, as_of.year):
            if held[year] < mt.min_per_year:
                severity = "error" if data.strict_dates else "warning"
                yield o.diag("WB705", f"{year} 年没有召开{mt.name}（规则 {mt.id}：{mt.frequency}）。", ("meeting_types", o.model.meeting_types.index(mt), "min_per_year"),
                             severity=severity, record=mt.id)


@rule("WB706", "WB707", "WB708", "WB710")
def decisions_followed(data: RepoData) -> Iterator[Diagnostic]:
    """议定事项：完成时限不早于会议；状态与进展、办结记录一致；进展按日期先后；逾期是警告（--strict-dates 时为错误）."""
    as_of = data.today()
    for r in _meetings(data):
        m = r.model
        for i, d in enumerate(m.decisions):
            loc = ("decisions", i)
            if d.deadline is not None and d.deadline < m.date:
                yield r.diag("WB706", f"议定事项 {d.id} 的完成时限 {d.deadline} 早于会议日期 {m.date}。", (*loc, "deadline"), record=d.id)
            # the recorded state must be reachable: 待办 has no progress and no 办结; 已办结 has its date; 已撤销 its reason
            if d.status == "待办" and d.progress:
                yield r.diag("WB707", f"议定事项 {d.id} 已有进展记录，状态却是“待办”。", (*loc, "status"), record=d.id,
                             hint="有进展后状态为“办理中”（weibao decision progress 会自动改）。")
            if d.status == "已办结" and d.done_on is None:
                yield r.diag("WB707", f"议定事项 {d.id} 状态为“已办结”，却没有办结日期 done_on。", (*loc, "status"), record=d.id)
            if d.is_open and d.done_on is not None:
                yield r.diag("WB707", f"议定事项 {d.id} 有办结日期，状态却是“{d.status}”。", (*loc, "done_on"), record=d.id,
                             hint=f"允许的状态变化：{_transitions()}")
            if d.status == "已撤销" and not d.note:
                yield r.diag("WB707", f"议定事项 {d.id} 已撤销，应在 note 中写明撤销原因。", (*loc, "status"), record=d.id)
            prev = m.date
            for j, p in enumerate(d.progress):
                if p.date < prev:
                    what = "会议日期" if j == 0 else "上一条进展"
                    yield r.diag("WB708", f"议定事项 {d.id} 的进展日期 {p.date} 早于{what} {prev}。", (*loc, "progress", j, "date"), record=d.id)
                prev = max(prev, p.date)
            if d.done_on is not None and d.done_on < prev:
                yield r.diag("WB708", f"议定事项 {d.id} 的办结日期 {d.done_on} 早于会议或最后一条进展（{prev}）。", (*loc, "done_on"), record=d.id)
            if d.is_open and d.deadline is not None and d.deadline < as_of:
                yield r.diag("WB710", f"议定事项 {d.id} 已逾期：完成时限 {d.deadline}，截至 {as_of} 仍“{d.status}”。", (*loc, "deadline"),
                             record=d.id, severity="error" if data.strict_dates else "warning")


def _transitions() -> str:
    return "；".join(f"{a} → {'、'.join(b)}" for a, b in STATUS_NEXT.items() if b)


@rule("WB709")
def meeting_file_place(data: RepoData) -> Iterator[Diagnostic]:
    for r in _meetings(data):
        m = r.model
        mm = re.match(r"data/meetings/(\d{4})/([^/]+)\.yaml$", r.rel)
        if not mm or int(mm.group(1)) != m.date.year:
            yield r.diag("WB709", f"会议日期是 {m.date}，文件应在 data/meetings/{m.date.year}/ 下。", ("date",))
        elif mm.group(2) != m.id:
            yield r.diag("WB709", f"文件名 {mm.group(2)}.yaml 与会议 id“{m.id}”不一致。", ("id",), hint=f"把文件改名为 {m.id}.yaml。")


GROUPS = (("present", "出席"), ("absent", "请假"), ("attending", "列席"))


@rule("WB711", "WB712", "WB713")
def attendance_refers_to_the_data(data: RepoData) -> Iterator[Diagnostic]:
    """出席、请假、列席 name people, posts or units of the data, so the list agrees with appointments and signing;
    free text is kept with a reminder.  A post held by no one on the meeting date is flagged only where the data
    registers holders (the notice names no one)."""
    known = registered_people(data)
    for r in _meetings(data):
        m = r.model
        for group, label in GROUPS:
            for i, a in enumerate(getattr(m.attendance, group)):
                loc = ("attendance", group, i)
                what = f"{label}第 {i + 1} 项"
                if not (a.unit or a.position or a.person or a.name):
                    yield r.diag("WB711", f"{what}没有写明是谁。", loc, hint="写 unit（成员单位 id）、position（职务 id）或 person（人员 id）。")
                    continue
                if not (a.unit or a.position or a.person):
                    yield r.diag("WB712", f"{what}只写了文字“{a.name}”，没有引用登记的人员、职务或成员单位。", (*loc, "name"),
                                 hint="改写为 person（人员 id）、position（职务 id，例如 director、deputy-leader）或 unit；未登记的人员可保留文字。")
                p = post(data, a.position, a.unit) if a.position else None
                if p is not None and p.known and p.per_unit and not a.unit:
                    yield r.diag("WB711", f"{what}的职务“{p.title}”每个成员单位各设一名，应同时写 unit（成员单位 id）。", (*loc, "position"))
                    continue
                person = known.get(a.person) if a.person else None
                if person is not None and p is not None and p.known and p.registered and a.position not in LEADER_POSITIONS \
                        and all(h.id != person.id for h in p.holders):
                    yield r.diag("WB711", f"{what}：人员“{person.name}”没有登记为{p.title}。", (*loc, "person"),
                                 hint="核对 person 与 position；只写其一也可以。")
                    continue
                if person is not None and not is_serving(person, m.date):
                    yield r.diag("WB713", f"{what}：{person.name}在会议日期 {m.date} 不在任（任职 {person.since or '—'} 至 {person.until or '—'}）。",
                                 (*loc, "person"), hint="核对会议日期和人员的 since、until；人员变动后应登记新任人员。")
                elif person is None and p is not None and p.known and p.registered and a.position not in LEADER_POSITIONS \
                        and not serving(p.holders, m.date):
                    yield r.diag("WB713", f"{what}：会议日期 {m.date} 没有在任的{p.title}。", (*loc, "position"),
                                 hint="登记当时在任的人员（since、until），或改写 person。")
