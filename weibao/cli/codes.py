"""weibao codes."""

from __future__ import annotations

from typing import Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import write
from weibao.errors import UsageError


@app.command(
    "codes",
    help=(
        "列出所有诊断编号及其含义；给出编号时只显示该编号的说明。\n\n"
        "示例：\n\n"
        "  weibao codes\n\n"
        "  weibao codes WB203\n\n"
        "  weibao codes --markdown > docs/diagnostics.md"
    ),
)
def codes_cmd(
    code: Optional[str] = typer.Argument(None, metavar="[编号]", help="诊断编号，例如 WB203。"),
    markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown 表格（docs/diagnostics.md 由此生成）。"),
) -> None:
    from weibao.diagnostics import CODES, SEVERITY_ZH, codes_markdown

    if markdown:
        write(codes_markdown())
        return

    if code is not None:
        info = CODES.get(code.upper())
        if info is None:
            raise UsageError(f"没有诊断编号 {code}。", hint="运行 weibao codes 查看全部编号。")
        write(f"{info.code}（{SEVERITY_ZH[info.severity]}）{info.title}\n{info.explanation}\n")
        return
    lines = [f"{c.code}  {SEVERITY_ZH[c.severity]}  {c.title}" for c in CODES.values()]
    write("\n".join(lines) + f"\n共 {len(CODES)} 个编号。\n")
