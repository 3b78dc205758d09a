"""weibao render: documents in the GB/T 9704 layout, and reports from templates."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import repository
from weibao.cli.options import DocFormat, as_of_option, day_or_today, emit, format_option, out_option


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
    doc_id: Optional[str] = typer.Argument(None, metavar="公文", help="公文的 id 或发文字号。", autocompletion=complete.records),
    fmt: DocFormat = format_option(DocFormat.md, "输出格式：md、html、txt、docx。"),
    out: Optional[Path] = out_option("写入该文件（docx 必填）。"),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="模板", help="用模板生成报告，例如 register（公文登记簿）、duties（职责分工一览）。"),
    as_of: Optional[_dt.date] = as_of_option("报告的截止日期 YYYY-MM-DD，默认今天。"),
) -> None:
    from weibao.errors import UsageError
    from weibao.render import render_document, render_template_report

    if (doc_id is None) == (template is None):
        raise UsageError("请给出一个公文 id，或用 --template 指定报告模板（二选一）。", hint="例如 weibao render zhengban-2022-40 --format md")
    if template is not None:
        result: str | bytes = render_template_report(repository(), template, day_or_today(as_of))
    else:
        result = render_document(repository(), doc_id or "", fmt.value)
    emit(result, out, binary_hint="加 --out 文件名.docx")
