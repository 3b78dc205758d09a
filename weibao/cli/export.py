"""weibao export."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .app import app
from .common import repository, write


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    sqlite = "sqlite"
    ics = "ics"


@app.command(
    "export",
    help=(
        "导出数据：json（整个仓库，其他程序读取）、xlsx（Excel/WPS：成员单位职责、会议、议定事项、督办事项、文件登记五张表）、"
        "csv（同样五张表，UTF-8 带 BOM，写入 --out 目录）、sqlite（每类记录一张表，带外键）、ics（会议和到期提醒，可导入日历）。\n\n"
        "数据有错误时不导出（退出码 1），先运行 weibao validate 修正。--public 去掉标为私密的字段。\n\n"
        "示例：\n\n"
        "  weibao export --format json > weibao.json\n\n"
        "  weibao export --format xlsx --out 未保办数据.xlsx\n\n"
        "  weibao export --format csv --out 导出/\n\n"
        "  weibao export --format sqlite --out weibao.db\n\n"
        "  weibao export --format ics --out 未保办日程.ics"
    ),
)
def export_cmd(
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="json、xlsx、csv、sqlite 或 ics。"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="文件", help="写入该文件（csv 为目录）；json 和 ics 默认输出到屏幕。"),
    public: bool = typer.Option(False, "--public", help="对外公开用：去掉督办事项的进展记录、延期理由、办结情况等标为私密的字段。"),
) -> None:
    from ..errors import UsageError
    from ..fmt import atomic_write

    repo = repository()
    if fmt is ExportFormat.json:
        from ..export import export_json

        content: str | bytes = export_json(repo, public=public)
    else:
        from ..export import valid_data
        from .. import exports

        data = valid_data(repo)
        if fmt is ExportFormat.csv:
            if out is None:
                raise UsageError("csv 导出五张表，需要 --out 目录。", hint="例如 --out 导出/")
            files = exports.write_csv_dir(data, out)
            typer.echo(f"已导出到 {out}：{'、'.join(files)}", err=True)
            return
        if fmt is ExportFormat.sqlite:
            if out is None:
                raise UsageError("sqlite 导出需要 --out 文件。", hint="例如 --out weibao.db")
            out.parent.mkdir(parents=True, exist_ok=True)
            counts = exports.write_sqlite(data, out, public=public)
            typer.echo(f"已导出到 {out}：" + "，".join(f"{k} {v} 行" for k, v in counts.items()), err=True)
            return
        if fmt is ExportFormat.xlsx:
            if out is None:
                raise UsageError("Excel 文件是二进制内容，需要 --out 文件。", hint="例如 --out 未保办数据.xlsx")
            content = exports.xlsx_bytes(data)
        else:
            content = exports.ics_bytes(data)
    if out is None:
        write(content if isinstance(content, str) else content.decode("utf-8"))
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, content)
        typer.echo(f"已导出到 {out}", err=True)
