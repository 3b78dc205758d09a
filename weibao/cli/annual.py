"""weibao annual status|summary, weibao new research|study|notification|annual-plan."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .app import app
from .common import repository, write, write_json
from .doc import _as_of
from .meeting import OutFormat, _data

annual_app = typer.Typer(help="年度工作：成员单位和苏木乡镇的年度报告报送情况、汇总年度工作总结草稿。", no_args_is_help=True)
app.add_typer(annual_app, name="annual")


@annual_app.command(
    "status",
    help="某年度的报送情况：哪些成员单位、苏木乡镇（场、街道）已报送年度工作情况，年度计划各项任务的进展。\n\n示例：\n\n  weibao annual status 2026 --as-of 2027-01-20",
)
def annual_status_cmd(
    year: int = typer.Argument(..., metavar="年度", min=2000, max=2100),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="日期", help="把哪一天当作今天（YYYY-MM-DD），默认今天。"),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text 或 json。"),
) -> None:
    from ..annual import status

    st = status(_data(), year, _as_of(as_of))
    if fmt is OutFormat.json:
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


class SummaryFormat(str, Enum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


@annual_app.command(
    "summary",
    help=(
        "汇总年度工作总结草稿：年度计划执行、会议、议定事项、督查督办、调研研究、情况通报，加上各成员单位和苏木乡镇报送的情况；"
        "按公文格式排版，供修改。\n\n示例：\n\n  weibao annual summary 2026 --format docx --out 2026年工作总结（草稿）.docx"
    ),
)
def annual_summary_cmd(
    year: int = typer.Argument(..., metavar="年度", min=2000, max=2100),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="日期", help="汇总日期（YYYY-MM-DD），默认今天。"),
    fmt: SummaryFormat = typer.Option(SummaryFormat.md, "--format", "-f", help="md、html、txt 或 docx。"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="文件", help="写入该文件（docx 必填）。"),
) -> None:
    from ..annual import summary_view
    from ..errors import UsageError
    from ..fmt import atomic_write
    from ..render.env import render

    data = _data()
    view = summary_view(data, year, _as_of(as_of))
    if fmt is SummaryFormat.docx:
        if out is None:
            raise UsageError("Word 文件需要 --out。")
        from ..render.docx import document_docx

        content: str | bytes = document_docx(view)
    else:
        content = render(f"document.{fmt.value}.j2", {"doc": view}, [repository().templates_dir])
    if out is None:
        write(content if isinstance(content, str) else "")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, content)
        typer.echo(f"已写入 {out}", err=True)


@app.command(
    "new",
    help=(
        "按带注释的模板新建记录，不覆盖已有文件：research（联合调研）、study（专题研究）、notification（情况通报）、annual-plan（年度工作计划）。\n\n"
        "示例：\n\n  weibao new research --title 农村留守儿童关爱服务情况 --date 2026-04-01\n\n  weibao new annual-plan --date 2027-01-01"
    ),
)
def new_cmd(
    what: str = typer.Argument(..., metavar="类型", help="research、study、notification 或 annual-plan。"),
    title: Optional[str] = typer.Option(None, "--title", metavar="标题", help="主题或标题。"),
    date: Optional[str] = typer.Option(None, "--date", metavar="日期", help="日期（决定年份），默认今天。"),
) -> None:
    from ..annual import scaffold

    rel = scaffold(repository(), what, _as_of(date), title)
    typer.echo(f"已新建 {rel}。填写后运行 weibao validate。")
