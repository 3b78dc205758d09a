"""weibao fmt."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from weibao.cli.app import app, state
from weibao.cli.common import repository


@app.command(
    "fmt",
    help=(
        "把数据文件整理成统一格式（字段顺序、缩进、长文本用块格式、文件末尾换行），保留所有注释，"
        "使审阅时的差异最小。\n\n"
        "--check 只检查不修改：列出需要整理的文件，有则退出码 1。整理在一次写入中完成：要么全部整理好，要么一个文件也不改。\n\n"
        "示例：\n\n"
        "  weibao fmt                      整理整个数据仓库\n\n"
        "  weibao fmt --check data         CI 中检查格式\n\n"
        "  weibao fmt data/units/gongan.yaml"
    ),
)
def fmt_cmd(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[路径]...", help="要整理的文件或目录；默认整个 data/。"),
    check: bool = typer.Option(False, "--check", help="只检查，不修改文件。"),
) -> None:
    from weibao.core.repository import find_repository
    from weibao.diagnostics import format_text
    from weibao.errors import UsageError

    targets: list[Path] = [Path(p) for p in paths or []]
    missing = [str(p) for p in targets if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"路径不存在：{'、'.join(missing)}")
    repo = repository() if not targets else find_repository(None, state.repo, cwd=_anchor(targets[0]))
    from weibao.records.layout import format_files

    result = format_files(repo, targets, check)
    for rel in result.changed:
        typer.echo(f"{'需要整理' if check else '已整理'}：{rel}")
    if result.problems.diagnostics:
        typer.echo(format_text(result.problems).rstrip("\n"), err=True)
    if not result.changed and not result.problems.diagnostics:
        typer.echo(f"格式检查通过：{result.files} 个文件均为统一格式。" if check else f"{result.files} 个文件均已是统一格式，无需改动。", err=True)
    raise typer.Exit(1 if (result.problems.errors or (check and result.changed)) else 0)


def _anchor(p: Path) -> Path:
    p = p.resolve()
    return p if p.is_dir() else p.parent
