"""weibao doc new, doc list; the register of 收文: doc receive, doc handle, doc inbox."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import repository, write, write_json
from weibao.cli.options import AS_OF, FORMAT, FORMAT_TABLE, TextJson, TextJsonCsv, date_option, day_or_today, deadline_option

doc_app = typer.Typer(help="公文登记：新建公文记录（自动分配发文字号）、查看公文登记簿。", no_args_is_help=True)
app.add_typer(doc_app, name="doc")


@doc_app.command(
    "new",
    help=(
        "新建一份公文记录，并为该代字、该年份分配下一个发文字号（不重号、不回收已用的号）。\n\n"
        "示例：\n\n"
        "  weibao doc new --type 通知 --prefix 奈未保办发 --title 关于开展未成年人保护联合调研的通知\n\n"
        "  weibao doc new --type 纪要 --prefix 奈未保办发 --date 2026-12-01"
    ),
)
def doc_new_cmd(
    doc_type: str = typer.Option(..., "--type", metavar="文种", help="通知、通报、报告、请示、函、纪要、意见……"),
    prefix: str = typer.Option(..., "--prefix", metavar="代字", help="发文机关代字（data/weibao.yaml 的 document_prefixes 中登记的 prefix 或 id）。"),
    date: Optional[_dt.date] = date_option("成文日期 YYYY-MM-DD，默认今天。"),
    title: Optional[str] = typer.Option(None, "--title", metavar="标题", help="公文标题（可以以后在文件中修改）。"),
) -> None:
    from weibao.scaffold.new import new_document

    rel, number = new_document(repository(), doc_type, prefix, day_or_today(date), title)
    typer.echo(f"已新建 {rel}，发文字号 {number}。请在文件中填写主送机关和正文，然后运行 weibao validate。")


@doc_app.command(
    "list",
    help="公文登记簿：按代字和年份列出全部公文（发文字号、成文日期、文种、标题），并指出重号和空号。\n\n示例：\n\n  weibao doc list\n\n  weibao doc list --year 2026 --format json",
)
def doc_list_cmd(
    year: Optional[int] = typer.Option(None, "--year", metavar="年份", help="只列出这一年的公文。"),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.core.dataset import load_repository
    from weibao.records.documents import register

    rows = register(load_repository(repository()), year)  # what is there; validate reports duplicate and missing numbers
    if fmt is TextJson.json:
        write_json(rows)
        return
    if not rows:
        write("还没有公文记录。用 weibao doc new 新建。\n")
        return
    for r in rows:
        write(f"{r['number'] or '（无文号）':<22}{r['date']}  {r['type']:<3} {r['id']:<24} {r['title']}\n")


@doc_app.command(
    "receive",
    help=(
        "登记收文：成员单位向领导小组报送的公文，由未保办履行程序（规则七）。记下报送单位、它的发文字号（用它自己的代字）、"
        "标题、收文日期和办理时限；以后每办一步用 weibao doc handle 记下。\n\n"
        "示例：\n\n  weibao doc receive --from 公安 --number 奈公发〔2026〕12号 --title 关于某项工作的报告 --deadline 2026-06-30"
    ),
)
def doc_receive_cmd(
    from_unit: str = typer.Option(..., "--from", metavar="单位", autocompletion=complete.units, help="报送单位（名称、简称或 id）。"),
    title: str = typer.Option(..., "--title", metavar="标题", help="来文标题。"),
    number: Optional[str] = typer.Option(None, "--number", metavar="来文字号", help="报送单位的发文字号，例如 奈公发〔2026〕12号。"),
    date: Optional[_dt.date] = date_option("收文日期 YYYY-MM-DD，默认今天。"),
    deadline: Optional[Any] = deadline_option("办理时限：日期 YYYY-MM-DD，或从收文日期次日起算的工作日数（例如 10个工作日）；可不写。", "--deadline"),
) -> None:
    from weibao.cli.common import unit_id
    from weibao.records.documents import receive

    rel, rid, due = receive(repository(), unit_id(from_unit), title, day_or_today(date), number, deadline)
    when = f"办理时限 {due}（{deadline}）。" if due and not isinstance(deadline, _dt.date) else ""
    typer.echo(f"已登记收文 {rid}（{rel}）。{when}办理时用 weibao doc handle {rid} --action 转办|呈批|批示|办结 记下每一步。")


@doc_app.command(
    "handle",
    help="给一件收文记一步办理：转办（--to 成员单位）、呈批（--to 职务，例如 director）、批示、办结。\n\n"
         "示例：\n\n  weibao doc handle sw-2026-1 --action 转办 --to 教体局\n\n  weibao doc handle sw-2026-1 --action 办结 --note 已答复（样例）",
)
def doc_handle_cmd(
    received_id: str = typer.Argument(..., metavar="收文编号", autocompletion=complete.received),
    action: str = typer.Option(..., "--action", metavar="办理", help="转办、呈批、批示 或 办结。"),
    to: Optional[str] = typer.Option(None, "--to", metavar="对象", help="转办的成员单位（名称或 id），或呈批的职务 id。"),
    note: Optional[str] = typer.Option(None, "--note", metavar="说明", help="简要说明（不得写入未成年人的信息）。"),
    date: Optional[_dt.date] = date_option("办理日期 YYYY-MM-DD，默认今天。"),
) -> None:
    from weibao.cli.common import unit_id
    from weibao.records.documents import handle

    target = unit_id(to) if to and action == "转办" else to
    rel, model = handle(repository(), received_id, action, day_or_today(date), target, note)
    typer.echo(f"已记录：{received_id} {action}（{rel}）。" + (f"已于 {model.done_on()} 办结。" if model.done_on() else ""))


@doc_app.command(
    "inbox",
    help="收文登记簿：每件收文的报送单位、来文字号、标题、收文日期、办理时限和当前办理状态；逾期未办结的标出。\n\n"
         "示例：\n\n  weibao doc inbox\n\n  weibao doc inbox --open --format csv > 收文.csv",
)
def doc_inbox_cmd(
    open_only: bool = typer.Option(False, "--open", help="只列出还没有办结的。"),
    overdue: bool = typer.Option(False, "--overdue", help="只列出逾期未办结的。"),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: TextJsonCsv = FORMAT_TABLE,
) -> None:
    from weibao.cli.common import checked, write_csv
    from weibao.records.documents import inbox_rows

    rows = inbox_rows(checked("无法列出收文", ("unit", "received")), day_or_today(as_of))
    rows = [r for r in rows if (not open_only or r["done_on"] is None) and (not overdue or r["overdue"])]
    if fmt is TextJsonCsv.json:
        write_json(rows)
        return
    if fmt is TextJsonCsv.csv:
        write_csv(["收文编号", "报送单位", "来文字号", "标题", "收文日期", "办理时限", "状态", "办结日期", "是否逾期"],
                  [[r["id"], r["from_name"], r["number"] or "", r["title"], r["received_on"], r["deadline"] or "", r["state"],
                    r["done_on"] or "", "是" if r["overdue"] else "否"] for r in rows])
        return
    if not rows:
        write("没有符合条件的收文。用 weibao doc receive 登记。\n")
        return
    for r in rows:
        late = "  【逾期】" if r["overdue"] else ""
        write(f"{r['id']}  【{r['state']}】{r['from_name']} {r['number'] or '（无文号）'}  {r['title']}\n"
              f"    收文 {r['received_on']}  时限 {r['deadline'] or '未定'}{late}\n")

