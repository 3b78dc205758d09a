"""weibao meeting new|list|show, weibao meetings check, weibao decisions, weibao decision progress|done."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import checked, repository, unit_id, write, write_csv, write_json
from weibao.cli.options import AS_OF, FORMAT, FORMAT_TABLE, TextJson, TextJsonCsv, date_option, day_or_today

if TYPE_CHECKING:  # the dataset imports pydantic and the YAML reader: only when a command reads data
    from weibao.core.dataset import RepoData

MEETING_KINDS = ("settings", "office", "unit", "meeting")  # what the meeting commands read


def _data(what: str) -> RepoData:
    return checked(what, MEETING_KINDS)


meeting_app = typer.Typer(help="会议记录：新建、列出、查看（主任办公会、办公室成员会议、专题工作会议、领导小组会议）。", no_args_is_help=True)
app.add_typer(meeting_app, name="meeting")


@meeting_app.command(
    "new",
    help=(
        "按模板新建一次会议的记录（data/meetings/<年>/<日期>-<类型>.yaml），不覆盖已有文件。\n\n"
        "示例：\n\n"
        "  weibao meeting new --type 主任办公会 --date 2026-03-15\n\n"
        "  weibao meeting new --type 专题工作会议 --date 2026-04-02 --title 留守儿童关爱服务专题工作会议"
    ),
)
def meeting_new_cmd(
    kind: str = typer.Option(..., "--type", metavar="类型", autocompletion=complete.meeting_types, help="主任办公会、办公室成员会议、专题工作会议、领导小组会议。"),
    date: Optional[_dt.date] = date_option("会议日期 YYYY-MM-DD，默认今天。"),
    title: Optional[str] = typer.Option(None, "--title", metavar="名称", help="会议名称。"),
) -> None:
    from weibao.scaffold.new import new_meeting

    rel = new_meeting(repository(), kind, day_or_today(date), title)
    typer.echo(f"已新建 {rel}。请填写主持人、出席情况、议题、纪要和议定事项，然后运行 weibao validate。")


@meeting_app.command("list", help="列出会议记录。\n\n示例：\n\n  weibao meeting list --year 2026\n\n  weibao meeting list --type 办公室成员会议 --format json")
def meeting_list_cmd(
    year: Optional[int] = typer.Option(None, "--year", metavar="年份", help="只列出这一年的会议。"),
    kind: Optional[str] = typer.Option(None, "--type", metavar="类型", autocompletion=complete.meeting_types, help="只列出这一类会议。"),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.records.meetings import meetings_sorted

    rows = []
    for r in meetings_sorted(_data("无法列出会议")):
        m = r.model
        if (year and m.date.year != year) or (kind and m.type != kind):
            continue
        rows.append({"id": m.id, "date": m.date.isoformat(), "type": m.type, "title": m.title,
                     "decisions": len(m.decisions), "open": sum(d.is_open for d in m.decisions), "path": r.rel})
    if fmt is TextJson.json:
        write_json(rows)
    elif not rows:
        write("没有符合条件的会议记录。\n")
    else:
        for x in rows:
            write(f"{x['date']}  {x['type']:<7} {x['id']:<28} {x['title']}  （议定事项 {x['decisions']} 项，未办结 {x['open']} 项）\n")


@meeting_app.command("show", help="查看一次会议：主持、出席、议题、纪要报送印发、议定事项及进展。\n\n示例：\n\n  weibao meeting show 2026-03-15-director")
def meeting_show_cmd(
    meeting_id: str = typer.Argument(..., metavar="会议", help="会议 id。", autocompletion=complete.meetings),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.core.people import post_names
    from weibao.records.meetings import find_meeting
    from weibao.records.units import attendee_text, chair_text, unit_names

    data = _data("无法查看会议")
    rec = find_meeting(data, meeting_id)
    m = rec.model
    if fmt is TextJson.json:
        write_json(m.model_dump(mode="json"))
        return
    names = unit_names(data)
    out = [f"{m.title}（{m.type}，{m.date}{'，' + m.place if m.place else ''}）  {rec.rel}"]
    out.append(f"  主持：{chair_text(data, m.chair, m.date)}")
    for label, group in (("出席", m.attendance.present), ("请假", m.attendance.absent), ("列席", m.attendance.attending)):
        if group:
            out.append(f"  {label}：" + "、".join(attendee_text(data, a, m.date) for a in group))
    rule = data.meeting_rule(m.type)
    approver = rule.topic_approval if rule else None  # only where the rule asks for approval (专题工作会议)
    for a in m.agenda:
        approval = (f"，{post_names(data, a.approval.by, None, None)[0]} {a.approval.date} 批准" if a.approval else "，未记录批准" if approver else "")
        flag = f"（重要问题{approval}）" if a.important else ""
        out.append(f"  议题：{a.title}{flag}")
    if m.minutes:
        out.append(f"  纪要：报送 {m.minutes.reported_on or '未记录'}，印发 {m.minutes.issued_on or '未记录'}")
    for d in m.decisions:
        owners = "、".join(names.get(u, u) for u in d.lead) + ("；配合：" + "、".join(names.get(u, u) for u in d.support) if d.support else "")
        out.append(f"  议定事项 {d.id}【{d.status}】{d.text}（牵头：{owners}；时限 {d.deadline or '未定'}）")
        for p in d.progress:
            out.append(f"      {p.date}  {p.text}")
        if d.done_on:
            out.append(f"      {d.done_on}  办结{('：' + d.note) if d.note else ''}")
    write("\n".join(out) + "\n")


meetings_app = typer.Typer(help="会议制度的年度检查。", no_args_is_help=True)
app.add_typer(meetings_app, name="meetings")


@meetings_app.command(
    "check",
    help=(
        "年度检查：规则要求召开哪些会议、实际召开了哪些、还缺什么；纪要是否报送印发；议定事项办理和逾期情况。\n\n"
        "只报告，不让 validate 失败；--as-of 指定“今天”，结果可重现。\n\n"
        "示例：\n\n"
        "  weibao meetings check --year 2026 --as-of 2026-12-31"
    ),
)
def meetings_check_cmd(
    year: Optional[int] = typer.Option(None, "--year", metavar="年份", help="检查的年度，默认为 --as-of 所在的年度。"),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.records.meetings import year_check

    today = day_or_today(as_of)
    result = year_check(_data("无法检查会议制度"), year or today.year, today)
    if fmt is TextJson.json:
        write_json(result)
        raise typer.Exit(1 if _gaps(result) else 0)
    out = [f"{result['year']} 年会议制度执行情况（截至 {result['as_of']}）"]
    for t in result["types"]:
        held = "、".join(f"{h['date']}" for h in t["held"]) or "无"
        out.append(f"  {t['type']}（{t['frequency']}）：召开 {len(t['held'])} 次（{held}）——{t['state']}")
    if result["minutes_not_distributed"]:
        out.append("  纪要未记录报送或印发：" + "、".join(f"{m['id']}" for m in result["minutes_not_distributed"]))
    d = result["decisions"]
    out.append(f"  议定事项：共 {d['total']} 项，已办结 {d['done']} 项，未办结 {d['open']} 项，逾期 {len(d['overdue'])} 项")
    for row in d["overdue"]:
        out.append(f"    逾期：{row['id']}（时限 {row['deadline']}，{row['status']}）{row['text']}")
    write("\n".join(out) + "\n")
    raise typer.Exit(1 if _gaps(result) else 0)


def _gaps(result: dict[str, Any]) -> bool:
    return any(t["state"] == "未达到" for t in result["types"]) or bool(result["decisions"]["overdue"]) or bool(result["minutes_not_distributed"])


@app.command(
    "decisions",
    help=(
        "议定事项一览：按牵头或配合单位、是否办结、是否逾期、临近时限筛选。\n\n"
        "示例：\n\n"
        "  weibao decisions --open\n\n"
        "  weibao decisions --unit 教体局 --overdue --as-of 2026-12-31\n\n"
        "  weibao decisions --due-within 14 --format csv > 两周内到期.csv"
    ),
)
def decisions_cmd(
    open_only: bool = typer.Option(False, "--open", help="只列出未办结的（待办、办理中）。"),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="单位", autocompletion=complete.units, help="只列出该单位牵头或配合的（名称、简称或 id）。"),
    overdue: bool = typer.Option(False, "--overdue", help="只列出已逾期的。"),
    due_within: Optional[int] = typer.Option(None, "--due-within", metavar="天数", min=0, help="只列出这么多天内到期的。"),
    workdays: bool = typer.Option(False, "--workdays", help="--due-within 按工作日计算（节假日和调休按国务院安排）。"),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: TextJsonCsv = FORMAT_TABLE,
) -> None:
    from weibao.records.meetings import decision_rows, select_decisions
    from weibao.records.units import unit_names

    data = _data("无法列出议定事项")
    uid = unit_id(unit) if unit else None
    rows = select_decisions(decision_rows(data, day_or_today(as_of)), open_only=open_only, unit=uid, overdue=overdue, due_within=due_within, workdays=workdays)
    names = unit_names(data)
    if fmt is TextJsonCsv.json:
        write_json(rows)
        return
    if fmt is TextJsonCsv.csv:
        write_csv(["编号", "会议", "会议日期", "议定事项", "牵头单位", "配合单位", "完成时限", "状态", "办结日期", "是否逾期"], [
            [r["id"], r["meeting"], r["meeting_date"], r["text"], "、".join(names.get(u, u) for u in r["lead"]),
             "、".join(names.get(u, u) for u in r["support"]), r["deadline"] or "", r["status"], r["done_on"] or "",
             "是" if r["overdue"] else "否"]
            for r in rows
        ])
        return
    if not rows:
        write("没有符合条件的议定事项。\n")
        return
    for r in rows:
        late = "  【逾期】" if r["overdue"] else (f"  （还有 {r['days_left']} 天）" if r["days_left"] is not None else "")
        owners = "、".join(names.get(u, u) for u in r["lead"])
        write(f"{r['id']}  【{r['status']}】 {r['text']}\n    牵头：{owners}  时限：{r['deadline'] or '未定'}{late}\n")


decision_app = typer.Typer(help="议定事项的跟踪督办：记录进展、办结（直接写回会议文件，保留注释）。", no_args_is_help=True)
app.add_typer(decision_app, name="decision")


@decision_app.command(
    "progress",
    help="给议定事项追加一条进展（状态随之变为“办理中”）。\n\n示例：\n\n  weibao decision progress 2026-03-15-director-1 \"已制定工作方案，报主任审定\" --date 2026-03-20",
)
def decision_progress_cmd(
    decision_id: str = typer.Argument(..., metavar="编号", help="议定事项编号。", autocompletion=complete.decisions),
    text: str = typer.Argument(..., metavar="进展", help="进展情况。"),
    date: Optional[_dt.date] = date_option("进展日期 YYYY-MM-DD，默认今天。"),
) -> None:
    from weibao.records.meetings import add_progress

    rel, d = add_progress(repository(), decision_id, text, day_or_today(date))
    typer.echo(f"已记录：{d.id} 第 {len(d.progress)} 条进展，状态“{d.status}”（{rel}）。")


@decision_app.command(
    "done",
    help="把议定事项标为已办结。\n\n示例：\n\n  weibao decision done 2026-03-15-director-1 --date 2026-06-20 --note \"方案已印发\"",
)
def decision_done_cmd(
    decision_id: str = typer.Argument(..., metavar="编号", help="议定事项编号。", autocompletion=complete.decisions),
    date: Optional[_dt.date] = date_option("办结日期 YYYY-MM-DD，默认今天。"),
    note: Optional[str] = typer.Option(None, "--note", metavar="说明", help="办结情况说明。"),
) -> None:
    from weibao.records.meetings import mark_done

    rel, d = mark_done(repository(), decision_id, day_or_today(date), note)
    typer.echo(f"已办结：{d.id}（{d.done_on}，{rel}）。")
