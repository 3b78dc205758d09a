"""weibao case new|log|move|extend|close|list|show."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import checked, repository, unit_id, write, write_csv, write_json
from weibao.cli.options import AS_OF, FORMAT, FORMAT_TABLE, TextJson, TextJsonCsv, date_option, day_or_today, deadline_option, parse_day

if TYPE_CHECKING:  # the dataset imports pydantic and the YAML reader: only when a command reads data
    from weibao.core.dataset import RepoData

CASE_KINDS = ("settings", "unit", "case")  # what the case views read


def _data(what: str) -> RepoData:
    return checked(what, CASE_KINDS)

case_app = typer.Typer(help="督查督办：立案、进展、状态变化、延期、核验办结、查询（不得写入可识别未成年人的信息）。", no_args_is_help=True)
app.add_typer(case_app, name="case")


@case_app.command(
    "new",
    help=(
        "立案：分配编号 db-年份-序号，写入 data/cases/<年>/<编号>.yaml。事由不得出现真实姓名、学校、住址、电话、证件号。\n\n"
        "示例：\n\n"
        "  weibao case new --kind 督办 --source 强制报告 --lead 公安局 --support 民政局 --support 妇联 \\\n"
        "      --deadline 15个工作日 --level 挂牌督办 --subject 某苏木一名小学生疑似遭受家庭暴力的处置"
    ),
)
def case_new_cmd(
    kind: str = typer.Option(..., "--kind", metavar="类别", help="督查（检查决策部署落实）或督办（督办事件、案件）。"),
    lead: str = typer.Option(..., "--lead", metavar="单位", autocompletion=complete.units, help="牵头单位（名称、简称或 id）。"),
    subject: str = typer.Option(..., "--subject", metavar="事由", help="事由；人用“李某”或“（化名）”。"),
    support: Optional[List[str]] = typer.Option(None, "--support", metavar="单位", autocompletion=complete.units, help="配合单位，可写多次。"),
    deadline: Optional[Any] = deadline_option("整改时限：日期 YYYY-MM-DD，或从立案日期次日起算的工作日数（例如 15个工作日，按国务院节假日安排计算）。挂牌督办必须写。", "--deadline"),
    level: str = typer.Option("一般督办", "--level", metavar="级别", help="一般督办 或 挂牌督办。"),
    source: str = typer.Option("领导小组交办", "--source", metavar="来源", help="议定事项、领导小组交办、上级交办、群众反映、强制报告、重大事件、恶性案件。"),
    source_ref: Optional[str] = typer.Option(None, "--source-ref", metavar="编号", help="来源编号：议定事项编号或交办文件的发文字号。"),
    region: Optional[str] = typer.Option(None, "--region", metavar="地区", help="涉及的苏木乡镇（场、街道）。"),
    commissioner: Optional[str] = typer.Option(None, "--commissioner", metavar="专员", help="督查专员。"),
    date: Optional[_dt.date] = date_option("立案日期 YYYY-MM-DD，默认今天。"),
) -> None:
    from weibao.scaffold.new import new_case

    rel, case_id, due = new_case(
        repository(), kind=kind, lead=unit_id(lead), support=[unit_id(s) for s in support or []],
        deadline=deadline, level=level, subject=subject, source_kind=source, source_ref=source_ref,
        region=region, commissioner=commissioner, opened=day_or_today(date),
    )
    typer.echo(f"已立案：{case_id}（{rel}）。" + (f"整改时限 {due}（{deadline}）。" if due and not isinstance(deadline, _dt.date) else ""))


@case_app.command("log", help="追加一条进展记录。\n\n示例：\n\n  weibao case log db-2026-2 \"已约谈监护人并出具告诫书\" --date 2026-03-12")
def case_log_cmd(
    case_id: str = typer.Argument(..., metavar="编号", autocompletion=complete.cases),
    text: str = typer.Argument(..., metavar="进展"),
    date: Optional[_dt.date] = date_option(),
) -> None:
    from weibao.records.cases import log_case

    rel, c = log_case(repository(), case_id, text, day_or_today(date))
    typer.echo(f"已记录：{c.id} 第 {len(c.log)} 条记录（{rel}）。")


@case_app.command(
    "move",
    help=(
        "改变状态：立案 → 督办中 → 整改中 → 待核验；待核验可退回整改中（退回重办）；未结案时可中止（须写原因）。办结用 case close。\n\n"
        "示例：\n\n  weibao case move db-2026-2 整改中 --note \"已下发整改通知\"\n\n  weibao case move db-2026-5 中止 --note \"儿童已找到\""
    ),
)
def case_move_cmd(
    case_id: str = typer.Argument(..., metavar="编号", autocompletion=complete.cases),
    state: str = typer.Argument(..., metavar="状态", help="督办中、整改中、待核验、中止。", autocompletion=complete.case_moves),
    note: Optional[str] = typer.Option(None, "--note", metavar="说明", help="说明；中止时必填。"),
    date: Optional[_dt.date] = date_option(),
) -> None:
    from weibao.records.cases import move_case

    rel, c = move_case(repository(), case_id, state, note, day_or_today(date))
    typer.echo(f"{c.id} 状态已改为“{c.state}”（{rel}）。")


@case_app.command("extend", help="延期（限时整改的新时限），须写明理由和批准人。\n\n示例：\n\n  weibao case extend db-2026-2 --to 2026-06-15 --reason \"需等待司法鉴定结果\" --approved-by director")
def case_extend_cmd(
    case_id: str = typer.Argument(..., metavar="编号", autocompletion=complete.cases),
    to: _dt.date = typer.Option(..., "--to", metavar="日期", parser=parse_day, help="新的整改时限 YYYY-MM-DD。"),
    reason: str = typer.Option(..., "--reason", metavar="理由", help="延期理由。"),
    approved_by: str = typer.Option(..., "--approved-by", metavar="批准人", help="批准人（职务或人员 id）。"),
    date: Optional[_dt.date] = date_option("批准日期，默认今天。"),
) -> None:
    from weibao.records.cases import extend_case

    rel, c = extend_case(repository(), case_id, to, reason, approved_by, day_or_today(date))
    typer.echo(f"{c.id} 整改时限延至 {c.effective_deadline()}（{rel}）。")


@case_app.command("close", help="核验办结（只有“待核验”的事项可以办结）。\n\n示例：\n\n  weibao case close db-2026-2 --verified-by 督查专员 --result \"整改到位，监护人已接受家庭教育指导\"")
def case_close_cmd(
    case_id: str = typer.Argument(..., metavar="编号", autocompletion=complete.cases),
    verified_by: str = typer.Option(..., "--verified-by", metavar="核验人", help="核验人（职务或人员 id）。"),
    result: str = typer.Option(..., "--result", metavar="办结情况", help="办结情况。"),
    date: Optional[_dt.date] = date_option("办结日期，默认今天。"),
) -> None:
    from weibao.records.cases import close_case

    rel, c = close_case(repository(), case_id, verified_by, result, day_or_today(date))
    typer.echo(f"{c.id} 已办结（{c.closure.date if c.closure else ''}，{rel}）。")


@case_app.command(
    "list",
    help=(
        "督办事项一览；逾期由整改时限（含延期）和 --as-of 计算，不写进文件。\n\n"
        "示例：\n\n  weibao case list --overdue --as-of 2026-06-30\n\n  weibao case list --unit 公安局 --level 挂牌督办 --format csv > 挂牌督办.csv"
    ),
)
def case_list_cmd(
    state: Optional[str] = typer.Option(None, "--state", metavar="状态", autocompletion=complete.case_states, help="只列出该状态的。"),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="单位", autocompletion=complete.units, help="只列出该单位牵头或配合的。"),
    level: Optional[str] = typer.Option(None, "--level", metavar="级别", help="一般督办 或 挂牌督办。"),
    overdue: bool = typer.Option(False, "--overdue", help="只列出已逾期的。"),
    due_within: Optional[int] = typer.Option(None, "--due-within", metavar="天数", min=0, help="只列出这么多天内到期的。"),
    workdays: bool = typer.Option(False, "--workdays", help="--due-within 按工作日计算（节假日和调休按国务院安排）。"),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: TextJsonCsv = FORMAT_TABLE,
) -> None:
    from weibao.records.cases import case_rows, select_cases
    from weibao.records.units import unit_names

    data = _data("无法列出督办事项")
    rows = select_cases(case_rows(data, day_or_today(as_of)), state=state, unit=unit_id(unit) if unit else None, level=level,
                        overdue=overdue, due_within=due_within, workdays=workdays)
    names = unit_names(data)
    if fmt is TextJsonCsv.json:
        write_json(rows)
        return
    if fmt is TextJsonCsv.csv:
        write_csv(["编号", "类别", "级别", "事由", "牵头单位", "配合单位", "立案日期", "整改时限", "是否延期", "状态", "是否逾期"], [
            [r["id"], r["kind"], r["level"], r["subject"], names.get(r["lead"], r["lead"]),
             "、".join(names.get(u, u) for u in r["support"]), r["opened"], r["deadline"] or "", "是" if r["extended"] else "否",
             r["state"], "是" if r["overdue"] else "否"]
            for r in rows
        ])
        return
    if not rows:
        write("没有符合条件的督办事项。\n")
        return
    for r in rows:
        late = "  【逾期】" if r["overdue"] else (f"  （还有 {r['days_left']} 天）" if r["days_left"] is not None else "")
        write(f"{r['id']}  【{r['state']}】{r['level']}  {r['subject']}\n    牵头：{names.get(r['lead'], r['lead'])}  时限：{r['deadline'] or '未定'}{late}\n")


@case_app.command("show", help="查看一件督办事项的全部记录。\n\n示例：\n\n  weibao case show db-2026-2")
def case_show_cmd(
    case_id: str = typer.Argument(..., metavar="编号", autocompletion=complete.cases),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.model.case import allowed_text
    from weibao.records.cases import find_case
    from weibao.records.units import unit_names

    data = _data("无法查看督办事项")
    rec = find_case(data, case_id)
    c = rec.model
    if fmt is TextJson.json:
        write_json(c.model_dump(mode="json"))
        return
    names = unit_names(data)
    out = [f"{c.id}【{c.state}】{c.kind} · {c.level}  {rec.rel}", f"  事由：{c.subject}",
           f"  来源：{c.source.kind}{('（' + c.source.ref + '）') if c.source.ref else ''}",
           f"  牵头：{names.get(c.lead, c.lead)}" + (f"；配合：{'、'.join(names.get(u, u) for u in c.support)}" if c.support else "")]
    if c.region:
        out.append(f"  地区：{c.region}")
    if c.commissioner:
        out.append(f"  督查专员：{c.commissioner}")
    out.append(f"  立案：{c.opened}  整改时限：{c.deadline or '未定'}" + (f" → 延至 {c.effective_deadline()}" if c.extensions else ""))
    for e in c.log:
        out.append(f"    {e.date}  {('［' + e.state + '］') if e.state else ''}{e.text}")
    for x in c.extensions:
        out.append(f"    {x.date}  延期至 {x.to}（{x.approved_by} 批准）：{x.reason}")
    if c.closure:
        out.append(f"  办结：{c.closure.date}，核验人 {c.closure.verified_by}：{c.closure.result}")
    elif c.is_open:
        out.append(f"  下一步可改为：{allowed_text(c.state)}")
    write("\n".join(out) + "\n")
