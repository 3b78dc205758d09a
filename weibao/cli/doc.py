"""weibao render, weibao doc new, weibao doc list."""

from __future__ import annotations

import datetime as _dt
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError
from .app import app
from .common import repository, write, write_json


class RenderFormat(str, Enum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


def _as_of(value: Optional[str]) -> _dt.date:
    if value is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"日期“{value}”格式不对。", hint="写成 YYYY-MM-DD，例如 2026-12-31。") from None


@app.command(
    "render",
    help=(
        "把公文记录排成 GB/T 9704 格式的公文（Markdown、HTML、纯文本或 Word），或用模板生成报告。\n\n"
        "DOCX 必须用 --out 写入文件；其他格式默认输出到屏幕。数据仓库 templates/ 中的同名模板优先于内置模板。\n\n"
        "示例：\n\n"
        "  weibao render zhengban-2022-40 --format docx --out 40号文.docx\n\n"
        "  weibao render 奈政办字〔2022〕40号 --format md\n\n"
        "  weibao render --template register --as-of 2026-12-31     （公文登记簿）"
    ),
)
def render_cmd(
    doc_id: Optional[str] = typer.Argument(None, metavar="公文", help="公文的 id 或发文字号。"),
    fmt: RenderFormat = typer.Option(RenderFormat.md, "--format", "-f", help="输出格式：md、html、txt、docx。"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="文件", help="写入该文件（docx 必填）。"),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="模板", help="用模板生成报告，例如 register（公文登记簿）、duties（职责分工一览）。"),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="日期", help="报告的截止日期 YYYY-MM-DD，默认今天。"),
) -> None:
    from ..fmt import atomic_write
    from ..render import render_document, render_report

    if (doc_id is None) == (template is None):
        raise UsageError("请给出一个公文 id，或用 --template 指定报告模板（二选一）。", hint="例如 weibao render zhengban-2022-40 --format md")
    if template is not None:
        result: str | bytes = render_report(repository(), template, _as_of(as_of))
    else:
        result = render_document(repository(), doc_id or "", fmt.value)
    if isinstance(result, bytes) and out is None:
        raise UsageError("Word 文件是二进制内容，不能输出到屏幕。", hint="加 --out 文件名.docx")
    if out is None:
        write(result if isinstance(result, str) else result.decode())
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, result)
    typer.echo(f"已写入 {out}", err=True)


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
    date: Optional[str] = typer.Option(None, "--date", metavar="日期", help="成文日期 YYYY-MM-DD，默认今天。"),
    title: Optional[str] = typer.Option(None, "--title", metavar="标题", help="公文标题（可以以后在文件中修改）。"),
) -> None:
    from ..documents import new_document

    rel, number = new_document(repository(), doc_type, prefix, _as_of(date), title)
    typer.echo(f"已新建 {rel}，发文字号 {number}。请在文件中填写主送机关和正文，然后运行 weibao validate。")


class ListFormat(str, Enum):
    text = "text"
    json = "json"


@doc_app.command(
    "list",
    help="公文登记簿：按代字和年份列出全部公文（发文字号、成文日期、文种、标题），并指出重号和空号。\n\n示例：\n\n  weibao doc list\n\n  weibao doc list --year 2026 --format json",
)
def doc_list_cmd(
    year: Optional[int] = typer.Option(None, "--year", metavar="年份", help="只列出这一年的公文。"),
    fmt: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="text 或 json。"),
) -> None:

    from ..documents import register

    rows = register(repository(), year)
    if fmt == ListFormat.json:
        write_json(rows)
        return
    if not rows:
        write("还没有公文记录。用 weibao doc new 新建。\n")
        return
    for r in rows:
        write(f"{r['number'] or '（无文号）':<22}{r['date']}  {r['type']:<3} {r['id']:<24} {r['title']}\n")
