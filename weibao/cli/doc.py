"""weibao doc new, weibao doc list."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository, write, write_json
from weibao.cli.options import FORMAT, TextJson, date_option, day_or_today

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
