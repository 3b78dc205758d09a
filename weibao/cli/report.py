"""weibao report: the scheduled report bundle."""

from __future__ import annotations

import datetime as _dt
import os
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import output_path, repository, write
from weibao.cli.options import ReportFormat, as_of_option, day_or_today, format_option, out_option


class FailOn(str, Enum):
    overdue = "overdue"
    findings = "findings"


@app.command(
    "report",
    help=(
        "定期报告：数据校验摘要；逾期和 14 天内到期的议定事项、督办事项；本年度会议制度执行情况；"
        "自 --since 以来的人员和职责变化；各成员单位的统计。同一数据版本和 --as-of 下输出逐字节相同。\n\n"
        "--out 目录：写入 report.md、report.json（和 report.html / report.docx）；下次不给 --since 时，从上次报告的数据版本算起。"
        "设置了 $GITHUB_STEP_SUMMARY 时，同时把 Markdown 摘要追加到那里。\n\n"
        "示例：\n\n"
        "  weibao report --as-of 2026-12-31\n\n"
        "  weibao report --as-of 2026-12-31 --out report/ --format docx --since 2026-01-01\n\n"
        "  weibao report --out report/ --fail-on overdue        （CI：有逾期事项时失败）"
    ),
)
def report_cmd(
    as_of: Optional[_dt.date] = as_of_option("报告截止日期 YYYY-MM-DD，默认今天；写 today 也表示今天。"),
    out: Optional[Path] = out_option("写入该目录；不给时把 Markdown 输出到屏幕。", metavar="目录"),
    fmt: ReportFormat = format_option(ReportFormat.md, "md、html 或 docx（docx 需要 --out）。"),
    since: Optional[str] = typer.Option(None, "--since", metavar="版本或日期", help="列出自该 git 版本或日期（YYYY-MM-DD）以来的人员和职责变化。"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="overdue：有逾期事项时退出码 1；findings：数据有错误时退出码 1。"),
) -> None:
    from weibao.core.files import atomic_write
    from weibao.errors import UsageError
    from weibao.exchange.report import build_report, previous_revision
    from weibao.render import report_files

    repo = repository()
    day = day_or_today(as_of)
    if fmt is ReportFormat.docx and out is None:
        raise UsageError("Word 报告需要 --out 目录。")
    if out is not None:
        output_path(out)
    if since is None and out is not None:
        since = previous_revision(out)
    rep = build_report(repo, day, since)
    files = report_files(repo, rep, fmt.value)
    md = str(files["report.md"])
    if out is not None:
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out} 是一个文件；报告写入 --out 目录。", hint="例如 --out report/")
        for name, content in files.items():
            atomic_write(out / name, content)
        typer.echo(f"已写入 {out}：{'、'.join(sorted(files))}", err=True)
    elif fmt is ReportFormat.html:
        write(str(files["report.html"]))
    else:
        write(md)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(md)
    if fail_on is FailOn.overdue and (rep["decisions"]["overdue"] or rep["cases"]["overdue"]):
        raise typer.Exit(1)
    if fail_on is FailOn.findings and rep["validation"]["errors"]:
        raise typer.Exit(1)
