"""weibao new research|study|notification|annual-plan."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository
from weibao.cli.options import date_option, day_or_today


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
    date: Optional[_dt.date] = date_option("日期（决定年份），默认今天。"),
) -> None:
    from weibao.scaffold.new import new_record

    rel = new_record(repository(), what, day_or_today(date), title)
    typer.echo(f"已新建 {rel}。填写后运行 weibao validate。")
