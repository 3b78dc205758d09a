"""weibao validate."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository
from weibao.cli.options import DiagFormat, as_of_option, format_option


@app.command(
    "validate",
    help=(
        "校验数据仓库：YAML 语法、字段、日期、id 唯一、引用、工作规则。\n\n"
        "每个问题都有编号（如 WB203）、文件、行号和列号。"
        "退出码：0 无问题；1 有问题；2 用法错误或仓库无法读取。\n\n"
        "示例：\n\n"
        "  weibao validate\n\n"
        "  weibao validate data/units/gongan.yaml    （只看这个文件的问题，仍按整个仓库校验）\n\n"
        "  weibao validate data --format github      （在 GitHub Actions 中标注到代码行）\n\n"
        "  weibao validate --strict                  （警告也视为失败）"
    ),
)
def validate_cmd(
    path: Optional[str] = typer.Argument(None, metavar="[仓库或文件]", help="数据仓库根目录或其 data/ 目录；也可以是仓库中的一个数据文件（只显示该文件的问题）。默认为当前仓库。"),
    fmt: DiagFormat = format_option(DiagFormat.text, "输出格式：text（文本）、json、github（GitHub 工作流标注）、gitlab（GitLab 代码质量报告）。"),
    strict: bool = typer.Option(False, "--strict", help="把警告也当作失败（退出码 1）。"),
    strict_dates: bool = typer.Option(False, "--strict-dates", help="与日期有关的检查（某年没开办公室成员会议、议定事项逾期）按错误处理。"),
    as_of: Optional[_dt.date] = as_of_option("与日期有关的检查把哪一天当作今天（YYYY-MM-DD 或 today），默认今天。"),
) -> None:
    from weibao.diagnostics import FORMATTERS
    from weibao.lint.engine import validate, validate_file

    day = as_of  # None: the office's today (core/clock.py), not the machine's
    if path is not None and Path(path).is_file():
        report = validate_file(Path(path), as_of=day, strict_dates=strict_dates)
    else:
        report, _data = validate(repository(path), as_of=day, strict_dates=strict_dates)
    if fmt in (DiagFormat.github, DiagFormat.gitlab):
        report.path_prefix = _git_prefix(path)
    out = FORMATTERS[fmt.value](report)
    if fmt is DiagFormat.text and sys.stdout.isatty():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        for line in out.rstrip("\n").split("\n"):
            t = Text(line)
            t.highlight_words(["错误["], "bold red")
            t.highlight_words(["警告["], "bold yellow")
            if line.startswith("    提示："):
                t.stylize("dim")
            console.print(t)
    else:
        sys.stdout.write(out)
    raise typer.Exit(1 if report.failed(strict) else 0)


def _git_prefix(path: str | None) -> str:
    """The data repository's folder inside its git repository ("county/"; "" at the git root or outside git)."""
    from weibao.core.git import GitRepo
    from weibao.errors import WeibaoError

    try:
        root = repository(str(Path(path).parent) if path is not None and Path(path).is_file() else path).root
    except WeibaoError:
        return ""
    g = GitRepo.find(root)
    rel = g.rel(root) if g is not None else ""
    return "" if rel in ("", ".") else rel.rstrip("/") + "/"
