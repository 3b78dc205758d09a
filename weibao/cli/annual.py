"""weibao annual status|summary."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import checked, repository, write, write_json
from weibao.cli.options import AS_OF, FORMAT, DocFormat, TextJson, as_of_option, day_or_today, emit, format_option, out_option

# what the yearly views read (the summary draws on meetings, cases, research and notifications too)
STATUS_KINDS = ("settings", "unit", "area", "annual_plan", "unit_report", "area_report")
SUMMARY_KINDS = STATUS_KINDS + ("office", "meeting", "case", "research", "notification")

annual_app = typer.Typer(help="年度工作：成员单位和苏木乡镇的年度报告报送情况、汇总年度工作总结草稿。", no_args_is_help=True)
app.add_typer(annual_app, name="annual")


@annual_app.command(
    "status",
    help="某年度的报送情况：哪些成员单位、苏木乡镇（场、街道）已报送年度工作情况，年度计划各项任务的进展。\n\n示例：\n\n  weibao annual status 2026 --as-of 2027-01-20",
)
def annual_status_cmd(
    year: int = typer.Argument(..., metavar="年度", min=2000, max=2100),
    as_of: Optional[_dt.date] = AS_OF,
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.records.annual import status

    st = status(checked("无法查看年度报送情况", STATUS_KINDS), year, day_or_today(as_of))
    if fmt is TextJson.json:
        write_json(st)
        return
    out = [f"{year} 年度工作情况报送（截至 {st['as_of']}，报送截止 {st['report_due']}{'，已过截止日' if st['overdue'] else ''}）",
           f"  成员单位：已报送 {st['units_reported']}/{len(st['units'])}"]
    missing = [u["name"] for u in st["units"] if not u["reported"]]
    if missing:
        out.append("    未报送：" + "、".join(missing))
    out.append(f"  苏木乡镇（场、街道）：已报送 {st['areas_reported']}/{len(st['areas'])}")
    missing = [a["name"] for a in st["areas"] if not a["reported"]]
    if missing:
        out.append("    未报送：" + "、".join(missing))
    if not st["plan"]:
        out.append(f"  没有 {year} 年的工作计划（data/annual/{year}/plan.yaml）；用 weibao new annual-plan 新建。")
    for it in st["items"]:
        out.append(f"  任务 {it['id']}【{it['state']}】{it['text']}")
    write("\n".join(out) + "\n")


@annual_app.command(
    "summary",
    help=(
        "汇总年度工作总结草稿：年度计划执行、会议、议定事项、督查督办、调研研究、情况通报，加上各成员单位和苏木乡镇报送的情况；"
        "按公文格式排版，供修改。\n\n示例：\n\n  weibao annual summary 2026 --format docx --out 2026年工作总结（草稿）.docx"
    ),
)
def annual_summary_cmd(
    year: int = typer.Argument(..., metavar="年度", min=2000, max=2100),
    as_of: Optional[_dt.date] = as_of_option("汇总日期（YYYY-MM-DD），默认今天。"),
    fmt: DocFormat = format_option(DocFormat.md, "md、html、txt 或 docx。"),
    out: Optional[Path] = out_option("写入该文件（docx 必填）。"),
) -> None:
    from weibao.render import render_view
    from weibao.render.views.summary import summary_view

    data = checked("无法汇总年度工作总结", SUMMARY_KINDS)
    view = summary_view(data.redacted(), year, day_or_today(as_of))
    emit(render_view(view, fmt.value, repository(), data.privacy_allowed()), out, binary_hint="Word 文件需要 --out 文件名.docx")


