"""weibao schema."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import output_path, repository


@app.command(
    "schema",
    help=(
        "生成每类记录的 JSON Schema（draft 2020-12，中文标题和说明），写入数据仓库的 schemas/。"
        "weibao fmt 让每个数据文件的第一行指向它，VS Code 的 YAML 扩展据此在录入时补全和检查字段。\n\n"
        "示例：\n\n  weibao schema\n\n  weibao schema --out /tmp/schemas --check"
    ),
)
def schema_cmd(
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="目录", help="写入该目录（默认为数据仓库的 schemas/）。"),
    check: bool = typer.Option(False, "--check", help="只检查目录中的 schema 是否与模型一致，不一致时退出码 1。"),
) -> None:
    from weibao.core.files import atomic_write_all
    from weibao.core.schemagen import FOLDER, all_schemas

    folder = output_path(out) if out is not None else repository().root / FOLDER
    stale = {}
    for name, text in all_schemas().items():
        path = folder / name
        current = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        if current != text:
            stale[name] = text
    if stale and not check:
        atomic_write_all({folder / name: text for name, text in stale.items()})  # all or none: never half a set
    if check:
        if stale:
            typer.echo("需要重新生成：" + "、".join(stale) + "（运行 weibao schema）", err=True)
            raise typer.Exit(1)
        typer.echo(f"{folder} 中的 schema 都是最新的。")
    else:
        typer.echo(f"已写入 {folder}：更新 {len(stale)} 个文件。" if stale else f"{folder} 中的 schema 都是最新的。")
