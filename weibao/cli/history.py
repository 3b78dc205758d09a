"""weibao diff, weibao history, and the git drivers (weibao git-diff, weibao textconv)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository, write, write_json
from weibao.cli.options import DiffFormat, format_option


def _split_revs_and_paths(args: list[str], root: Path) -> tuple[list[str], list[str]]:
    """Revisions first, then paths (after --, click hands them over as plain arguments): an argument that names
    an existing file or folder, or starts with data/, is a path."""
    revs: list[str] = []
    paths: list[str] = []
    for a in args:
        p = Path(a)
        candidates = [p if p.is_absolute() else Path.cwd() / p, root / a]
        existing = next((c for c in candidates if c.exists()), None)
        if paths or existing is not None or a.startswith("data/") or a == "data":
            target = (existing or root / a).resolve()
            try:
                paths.append(target.relative_to(root.resolve()).as_posix())
            except ValueError:
                paths.append(a)
        else:
            revs.append(a)
    return revs, paths


@app.command(
    "diff",
    help=(
        "按记录比较两个版本的数据：成员单位、职责条目（逐字对比）、人员、会议和议定事项、督办状态、公文。\n\n"
        "默认比较 HEAD 和工作区；有变化时退出码为 1（与 diff 相同）。--format md 可直接贴到合并请求的评论中。\n\n"
        "示例：\n\n"
        "  weibao diff                          （未提交的改动）\n\n"
        "  weibao diff HEAD~1 HEAD --format md\n\n"
        "  weibao diff main -- data/units        （只看成员单位）"
    ),
)
def diff_cmd(
    args: Optional[List[str]] = typer.Argument(None, metavar="[版本A] [版本B] [-- 路径…]", help="版本默认为 HEAD 和工作区。"),
    fmt: DiffFormat = format_option(DiffFormat.text, "text、md 或 json。"),
) -> None:
    from weibao.errors import UsageError
    from weibao.exchange.history.diff import semantic_diff
    from weibao.exchange.history.snapshot import WORKTREE
    from weibao.exchange.history.text import format_diff_md, format_diff_text

    repo = repository()
    revs, paths = _split_revs_and_paths(list(args or []), repo.root)
    if len(revs) > 2:
        raise UsageError(f"最多比较两个版本，给出了 {len(revs)} 个：{'、'.join(revs)}。", hint="路径请放在 -- 之后，例如 weibao diff HEAD~1 -- data/units")
    rev_a = revs[0] if revs else "HEAD"
    rev_b = revs[1] if len(revs) > 1 else WORKTREE
    changes = semantic_diff(repo, rev_a, rev_b, paths)
    if fmt is DiffFormat.json:
        write_json({"from": rev_a, "to": rev_b or "工作区", "paths": paths, "changes": changes})
    elif fmt is DiffFormat.md:
        write(format_diff_md(changes, f"数据变化（{rev_a} → {rev_b or '工作区'}）"))
    else:
        write(format_diff_text(changes))
    raise typer.Exit(1 if changes else 0)


@app.command(
    "history",
    help="一条记录的历史：每次改动它的提交（日期、作者、说明）和这次改了什么；文件改名也跟得上。\n\n示例：\n\n  weibao history gongan\n\n  weibao history db-2026-7 --format json",
)
def history_cmd(
    record_id: str = typer.Argument(..., metavar="记录", help="记录 id（成员单位、会议、督办事项、公文的 id，即文件名）。"),
    fmt: DiffFormat = format_option(DiffFormat.text, "text 或 json。"),
) -> None:
    from weibao.exchange.history.diff import record_history
    from weibao.exchange.history.text import format_history_text

    entries = record_history(repository(), record_id)
    if fmt is DiffFormat.json:
        write_json({"record": record_id, "commits": entries})
    else:
        write(format_history_text(record_id, entries))


@app.command(
    "git-diff",
    hidden=True,
    help="git 外部比较程序（diff.weibao.command）：git 传入 7 个参数，输出这个文件的按记录比较。见 docs/review.md。",
)
def git_diff_cmd(
    args: List[str] = typer.Argument(..., metavar="路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限"),
) -> None:
    from weibao.errors import UsageError
    from weibao.exchange.history.diff import diff_files
    from weibao.exchange.history.text import format_diff_text

    if len(args) < 7:
        raise UsageError("git-diff 需要 git 传入的 7 个参数。", hint="在 .git/config 中设置 [diff \"weibao\"] command = weibao git-diff")
    write(f"weibao diff {args[0]}\n" + format_diff_text(diff_files(args[0], args[1], args[4])))


@app.command(
    "textconv",
    hidden=True,
    help="git textconv（diff.weibao.textconv）：把数据文件展开成“字段: 值”的行（字段用中文名，如“职责任务·第 2 项·职责原文”），git log -p 也能按字段看改动。",
)
def textconv_cmd(path: str = typer.Argument(..., metavar="文件")) -> None:
    from weibao.core.files import DATA_MAX_BYTES, FileRefused, read_regular
    from weibao.errors import UsageError
    from weibao.exchange.history.text import textconv

    try:  # git hands over a temporary copy of a blob (outside the repository): a regular file, within the data limit
        raw = read_regular(Path(path), None, DATA_MAX_BYTES)
    except FileRefused as exc:
        raise UsageError(f"{path}：{exc.message}", hint=exc.hint) from None
    write(textconv(raw.decode("utf-8", errors="replace"), path))
