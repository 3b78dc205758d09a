"""weibao privacy scan."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository, write, write_json
from weibao.cli.options import FORMAT, TextJson

privacy_app = typer.Typer(help="个人信息检查：当前文件或全部 git 历史中是否有可识别未成年人的信息。", no_args_is_help=True)
app.add_typer(privacy_app, name="privacy")


@privacy_app.command(
    "scan",
    help=(
        "检查文件中有没有可识别未成年人的信息（姓名、学校和班级、住址、身份证号、手机号、QQ/微信/邮箱、学号），"
        "与 weibao validate 用同一套规则；--history 检查 git 历史中每个文件的每个版本（所有分支、标签），"
        "列出文件、行号和带来它的提交，并说明如何从历史中清除、向谁报告。\n\n"
        "发现时退出码为 1，没有发现为 0。输出中只显示首尾字，不显示原文。\n\n"
        "示例：\n\n"
        "  weibao privacy scan\n\n"
        "  weibao privacy scan --history\n\n"
        "  weibao privacy scan --history data/cases"
    ),
)
def privacy_scan_cmd(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[路径…]", help="只检查这些文件或目录（相对仓库根目录）；默认整个仓库。"),
    history: bool = typer.Option(False, "--history", help="检查全部 git 历史，而不只是当前文件。"),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.core.git import GitRepo
    from weibao.exchange.history.privacy import purge_steps, scan_history, scan_worktree

    root = repository().root
    prefixes = [_rel(p, root) for p in paths or []]
    if history:
        g = GitRepo.require(root)
        prefixes = [_rel(str(root / p), g.top) for p in prefixes]
        result = scan_history(g, prefixes)
    else:
        result = scan_worktree(root, prefixes)
    if fmt is TextJson.json:
        doc = result.as_dict()
        if result.hits and history:
            doc["steps"] = purge_steps(result)
        write_json(doc)
        raise typer.Exit(1 if result.hits else 0)
    where = f"{result.files} 个文件版本、{result.commits} 个提交" if history else f"{result.files} 个文件"
    marked = f"；{result.excused} 行标为非个人信息" if result.excused else ""
    if not result.hits:
        write(f"没有发现可识别未成年人的信息（检查了{where}{marked}）。\n")
        raise typer.Exit(0)
    lines = [f"发现 {len(result.hits)} 处可识别未成年人的信息，在 {len(result.paths)} 个文件中（检查了{where}{marked}）：", ""]
    for h in result.hits:
        at = f"{h.path}:{h.line}:{h.column}"
        brought = ""
        if h.commits:
            first = h.commits[0]
            more = f" 等 {len(h.commits)} 个提交" if len(h.commits) > 1 else ""
            brought = f"  提交 {first[0][:10]}（{first[1]}）{more}"
        lines.append(f"  {at}: {h.code} {h.what}（{h.masked}）{brought}")
    lines.append("")
    if history:
        lines.append("怎么办：")
        lines += [f"  {i}. {s}" for i, s in enumerate(purge_steps(result), 1)]
    else:
        lines.append("改写或删去这些信息后再提交；已经提交过的，运行 weibao privacy scan --history 查出历史中的每一处并清除。")
    write("\n".join(lines) + "\n")
    raise typer.Exit(1)


def _rel(p: str, root: Path) -> str:
    path = Path(p)
    for candidate in (path if path.is_absolute() else Path.cwd() / path, root / p):
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return p.strip("/")
