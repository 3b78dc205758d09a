"""weibao export."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import output_path, repository
from weibao.cli.options import ExportFormat, emit, format_option, out_option


@app.command(
    "export",
    help=(
        "导出数据：json（整个仓库，其他程序读取）、xlsx（Excel/WPS：成员单位职责、会议、议定事项、督办事项、文件登记、收文登记六张表）、"
        "csv（同样六张表，UTF-8 带 BOM，写入 --out 目录）、sqlite（每类记录一张表，带外键）、ics（会议为日程，议定事项、督办事项、收文的时限为待办：已办结的标为完成，提前 3 个工作日提醒；可订阅或导入日历）。\n\n"
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
    fmt: ExportFormat = format_option(ExportFormat.json, "json、xlsx、csv、sqlite 或 ics。"),
    out: Optional[Path] = out_option("写入该文件（csv 为目录）；json 和 ics 默认输出到屏幕。"),
    public: bool = typer.Option(False, "--public", help="对外公开用：去掉督办事项的进展记录、延期理由、办结情况等标为私密的字段。"),
    as_events: bool = typer.Option(False, "--deadlines-as-events", help="ics：到期事项写成全天日程而不是待办（给不显示待办的日历应用）。"),
) -> None:
    from weibao.errors import UsageError
    from weibao.exchange.export_json import export_json, valid_data

    repo = repository()
    if fmt is ExportFormat.json:
        emit(export_json(repo, public=public), out)
        return
    if fmt in (ExportFormat.csv, ExportFormat.sqlite) and out is None:
        what = "csv 导出六张表，需要 --out 目录。" if fmt is ExportFormat.csv else "sqlite 导出需要 --out 文件。"
        raise UsageError(what, hint="例如 --out 导出/" if fmt is ExportFormat.csv else "例如 --out weibao.db")
    if fmt is ExportFormat.xlsx and out is None:
        raise UsageError("Excel 文件是二进制内容，需要 --out 文件。", hint="例如 --out 未保办数据.xlsx")
    if out is not None:
        output_path(out)
    data = valid_data(repo)
    if fmt is ExportFormat.csv:
        from weibao.exchange.csvfiles import write_csv_dir

        assert out is not None
        files = write_csv_dir(data, out)
        typer.echo(f"已导出到 {out}：{'、'.join(files)}", err=True)
    elif fmt is ExportFormat.sqlite:
        from weibao.exchange.sqlite import write_sqlite

        assert out is not None
        counts = write_sqlite(data, out, public=public)
        typer.echo(f"已导出到 {out}：" + "，".join(f"{k} {v} 行" for k, v in counts.items()), err=True)
    elif fmt is ExportFormat.xlsx:
        from weibao.exchange.xlsx import xlsx_bytes

        emit(xlsx_bytes(data), out)
    else:
        from weibao.exchange.ics import ics_bytes

        feed = ics_bytes(data, as_events=as_events)
        emit(feed.decode("utf-8") if out is None else feed, out)
