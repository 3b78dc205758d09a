"""weibao fmt."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import app
from .common import repository


@app.command(
    "fmt",
    help=(
        "把数据文件整理成统一格式（字段顺序、缩进、长文本用块格式、文件末尾换行），保留所有注释，"
        "使审阅时的差异最小。\n\n"
        "--check 只检查不修改：列出需要整理的文件，有则退出码 1。\n\n"
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
    from ..diagnostics import Report, format_text
    from ..errors import UsageError
    from ..fmt import format_file
    from ..repo import find_repository

    targets: list[Path] = [Path(p) for p in paths or []]
    missing = [str(p) for p in targets if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"路径不存在：{'、'.join(missing)}")
    repo = repository() if not targets else find_repository(None, _state_repo(), cwd=_anchor(targets[0]))
    files = [f for f in repo.layout().files if _selected(f.path, targets)]
    from ..store import MODELS

    from ..cache import CanonicalMemo

    memo = CanonicalMemo(repo.root)
    changed, problems = [], Report(files_checked=len(files))
    for f in files:
        res = format_file(f.path, f.rel, MODELS[f.kind.name], check, repo.root, memo)
        problems.extend(res.diagnostics)
        if res.changed:
            changed.append(f.rel)
    memo.save()
    for rel in changed:
        typer.echo(f"{'需要整理' if check else '已整理'}：{rel}")
    if problems.diagnostics:
        typer.echo(format_text(problems).rstrip("\n"), err=True)
    if check and not changed and not problems.diagnostics:
        typer.echo(f"格式检查通过：{len(files)} 个文件均为统一格式。", err=True)
    elif not check and not changed and not problems.diagnostics:
        typer.echo(f"{len(files)} 个文件均已是统一格式，无需改动。", err=True)
    raise typer.Exit(1 if (problems.errors or (check and changed)) else 0)


def _state_repo() -> str | None:
    from .app import state

    return state.repo


def _anchor(p: Path) -> Path:
    p = p.resolve()
    return p if p.is_dir() else p.parent


def _selected(path: Path, targets: list[Path]) -> bool:
    if not targets:
        return True
    rp = path.absolute()
    for t in targets:
        ta = t.absolute()
        if rp == ta or ta in rp.parents:
            return True
    return False
