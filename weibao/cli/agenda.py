"""weibao agenda: what is overdue and due this week, this month and next month, by unit (records/agenda.py)."""

from __future__ import annotations

import datetime as _dt
from enum import Enum
from typing import Any, Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import checked, unit_id, write, write_json
from weibao.cli.options import AS_OF, day_or_today, format_option

KINDS = ("unit", "meeting", "case", "received", "annual_plan", "unit_report", "area_report", "area", "office", "settings")


class AgendaFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    chat = "chat"


@app.command(
    "agenda",
    help=(
        "待办提醒：已逾期、本周、本月、下月到期的议定事项、督办事项（挂牌督办在前）、收文、年度计划任务、规则要求本年度召开的会议、"
        "成员单位和苏木乡镇的年度报告——按单位分组，写明编号、时限、还有几个工作日（按国务院节假日安排）。"
        "“今天”按办公室所在时区（默认北京时间）。\n\n"
        "--format chat 给出可以直接贴到工作群的简短文字；--unit 只列一个单位牵头或配合的（发给它的联络员）。\n\n"
        "示例：\n\n  weibao agenda\n\n  weibao agenda --unit 公安 --format chat\n\n  weibao agenda --format md > 待办.md"
    ),
)
def agenda_cmd(
    unit: Optional[str] = typer.Option(None, "--unit", metavar="单位", autocompletion=complete.units, help="只列出这个单位牵头或配合的（名称、简称或 id）。"),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: AgendaFormat = format_option(AgendaFormat.text, "输出格式：text、md、json 或 chat（贴到工作群）。"),
) -> None:
    from weibao.records.agenda import agenda

    data = checked("无法列出待办", KINDS).redacted()  # chat text is pasted into groups: nothing identifies a child
    today = day_or_today(as_of)
    uid = unit_id(unit) if unit else None
    items = agenda(data, today, uid)
    names = _names(data)
    if fmt is AgendaFormat.json:
        write_json(_json(data, items, today, uid, names))
    elif fmt is AgendaFormat.chat:
        write(_chat(data, items, today, uid, names))
    else:
        write(_grouped(data, items, today, uid, names, md=fmt is AgendaFormat.md))


def _names(data: Any) -> dict[str, str]:
    from weibao.records.agenda import OFFICE

    s = data.settings
    names = {u.id: u.name for u in data.units}
    names.update({f"area:{r.model.id}": r.model.name for r in data.valid("area")})
    names[OFFICE] = (s.office.short_name or s.office.name) if s else "办公室"
    return names


def _counts(items: list[Any]) -> dict[str, int]:
    from weibao.records.agenda import BUCKETS

    return {b: sum(1 for i in items if i.bucket == b) for b in BUCKETS}


def _when(i: Any) -> str:
    if i.days_left < 0:
        return f"逾期 {-i.days_left} 天"
    if i.days_left == 0:
        return "今天到期"
    guess = "，其中 " + "、".join(str(y) for y in i.guessed_years) + " 年按周一至周五估算" if i.guessed_years else ""
    return f"还有 {i.days_left} 天，{i.workdays_left} 个工作日{guess}"


def _headline(data: Any, items: list[Any], today: _dt.date, uid: str | None, names: dict[str, str]) -> str:
    from weibao.domain.numbering import zh_date

    c = _counts(items)
    who = f"{names.get(uid, uid)}的" if uid else ""
    parts = "，".join(f"{'逾期' if b == '逾期' else b + '到期'} {n} 项" for b, n in c.items())
    return f"{who}待办提醒（截至 {zh_date(today)}）：{parts}。"


def _grouped(data: Any, items: list[Any], today: _dt.date, uid: str | None, names: dict[str, str], md: bool) -> str:
    from weibao.domain.text import md_guard
    from weibao.records.agenda import by_unit

    head = _headline(data, items, today, uid, names)
    if not items:
        return (f"# {head}\n" if md else head + "\n") + "\n没有逾期或两个月内到期的事项。\n"
    order = {u.id: u.order for u in data.units}
    out = [f"# {md_guard(head)}", ""] if md else [head]
    for unit, rows in by_unit(items, order):
        if uid and unit != uid:
            continue  # one unit's list: its own items (the others named on them are on their own lists)
        if md:
            out += [f"## {md_guard(names.get(unit, unit))}", "", "| 时限 | 情况 | 类别 | 编号 | 事项 | 角色 | 状态 |", "| --- | --- | --- | --- | --- | --- | --- |"]
        else:
            out.append(names.get(unit, unit))
        for i, role in rows:
            kind = f"{i.kind}【{i.level}】" if i.level == "挂牌督办" else i.kind
            if md:
                out.append(f"| {i.due} | {_when(i)} | {kind} | {i.id} | {md_guard(i.title)} | {role} | {md_guard(i.state or '')} |")
            else:
                out.append(f"  {i.bucket}  {kind} {i.id}  {i.title}")
                out.append(f"        时限 {i.due}（{_when(i)}）  {role}" + (f"  {i.state}" if i.state else ""))
        if md:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


CHAT_PER_BUCKET = 8
CHAT_TITLE = 22


def _chat(data: Any, items: list[Any], today: _dt.date, uid: str | None, names: dict[str, str]) -> str:
    """Short enough for a work-group chat: a headline, up to eight items per bucket, annual reports as one line."""
    from weibao.domain.numbering import zh_date

    s = data.settings
    office = (s.office.short_name or s.office.name) if s else "办公室"
    who = names.get(uid, uid) if uid else ""
    out = [f"【{office}待办提醒{'·' + who if who else ''}】{zh_date(today)}"]
    for bucket in ("逾期", "本周", "本月", "下月"):
        these = [i for i in items if i.bucket == bucket]
        if not these:
            continue
        reports = [i for i in these if i.kind == "年度报告"]
        others = [i for i in these if i.kind != "年度报告"]
        out.append(f"{'逾期' if bucket == '逾期' else bucket + '到期'} {len(these)} 项：")
        for n, i in enumerate(others[:CHAT_PER_BUCKET], start=1):
            title = i.title if len(i.title) <= CHAT_TITLE else i.title[:CHAT_TITLE] + "…"
            lead = "、".join(names.get(u, u) for u in i.lead)
            lead = ("本单位牵头" if uid in i.lead else f"配合（牵头：{lead}）") if uid else lead
            flag = "挂牌督办 " if i.level == "挂牌督办" else ""
            day = f"{i.due[5:7].lstrip('0')}月{i.due[8:].lstrip('0')}日"
            late = f"，逾期{-i.days_left}天" if i.days_left < 0 else ""
            out.append(f"{n}. {flag}{i.kind} {i.id} {title}｜{lead}｜{day}到期{late}")
        if len(others) > CHAT_PER_BUCKET:
            out.append(f"……另有 {len(others) - CHAT_PER_BUCKET} 项")
        if reports:
            units = sum(1 for i in reports if not i.lead[0].startswith("area:"))
            areas = len(reports) - units
            what = "、".join(x for x in (f"{units} 个成员单位" if units else "", f"{areas} 个苏木乡镇（场、街道）" if areas else "") if x)
            due = reports[0].due
            out.append(f"年度工作情况未报送：{what}（{due[5:7].lstrip('0')}月{due[8:].lstrip('0')}日截止）")
    if len(out) == 1:
        out.append("没有逾期或两个月内到期的事项。")
    out.append("详情：weibao agenda" + (f" --unit {uid}" if uid else ""))
    return "\n".join(out) + "\n"


def _json(data: Any, items: list[Any], today: _dt.date, uid: str | None, names: dict[str, str]) -> dict[str, Any]:
    from weibao.records.agenda import by_unit

    order = {u.id: u.order for u in data.units}
    return {
        "as_of": today.isoformat(), "unit": uid, "counts": _counts(items),
        "items": [i.to_dict() | {"lead_names": [names.get(u, u) for u in i.lead], "support_names": [names.get(u, u) for u in i.support]}
                  for i in items],
        "by_unit": [{"unit": u, "name": names.get(u, u), "items": [{"id": i.id, "kind": i.kind, "role": role} for i, role in rows]}
                    for u, rows in by_unit(items, order) if not uid or u == uid],
    }
