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


@app.command(
    "export",
    help=(
        "把整个数据仓库导出为一个 JSON 文档（设置、工作规则、成员单位及职责、会议、督办、公文）。\n\n"
        "数据有错误时不导出（退出码 1），先运行 weibao validate 修正。\n\n"
        "示例：\n\n"
        "  weibao export --format json > weibao.json\n\n"
        "  weibao export --format json --out 导出/weibao.json"
    ),
)
def export_cmd(
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="导出格式（目前为 json）。"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="文件", help="写入该文件（默认输出到屏幕/标准输出）。"),
    public: bool = typer.Option(False, "--public", help="对外公开用：去掉督办事项的进展记录、延期理由、办结情况等标为私密的字段。"),
) -> None:
    from ..export import export_json
    from ..fmt import atomic_write

    text = export_json(repository(), public=public)
    if out is None:
        write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, text)
        typer.echo(f"已导出到 {out}", err=True)
