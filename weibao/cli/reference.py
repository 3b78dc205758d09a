"""The CLI reference (docs/cli.md), generated from the commands themselves; a test keeps the file current."""

from __future__ import annotations

import enum
from typing import Any


def _opts(cmd: Any) -> list[str]:
    out = []
    for p in cmd.params:
        kind = getattr(p, "param_type_name", "option")  # duck-typed: typer vendors a trimmed click
        if kind == "option" and getattr(p, "hidden", False):
            continue
        if kind == "argument":
            out.append(f"- 参数 `{p.metavar or p.name.upper()}`" + (f"：{p.help}" if getattr(p, "help", None) else ""))
        else:
            names = "、".join(f"`{o}`" for o in p.opts + p.secondary_opts)
            meta = f" {p.metavar}" if p.metavar and not p.is_flag else ""
            ann = getattr(getattr(p, "type_descriptor", None), "annotation", None)
            options = [m.value for m in ann] if isinstance(ann, type) and issubclass(ann, enum.Enum) else None
            choices = f"（{'、'.join(str(c) for c in options)}）" if options else ""
            out.append(f"- {names}{meta}{choices}" + (f"：{p.help}" if p.help else ""))
    return out


def _walk(cmd: Any, path: list[str], out: list[str]) -> None:
    if getattr(cmd, "hidden", False):
        return
    if path:
        out += [f"## weibao {' '.join(path)}", "", (cmd.help or "").strip(), ""]
        opts = _opts(cmd)
        if opts:
            out += opts + [""]
    if hasattr(cmd, "commands"):
        for name in sorted(cmd.commands):
            _walk(cmd.commands[name], path + [name], out)


def markdown() -> str:
    import typer
    from typer.core import TyperOption

    from weibao.cli.app import app, register

    register()
    root = typer.main.get_command(app)
    out = ["# 命令参考", "", "本文件由 `python -m weibao.cli.reference > docs/cli.md` 从命令本身生成；测试会在它过时时失败。", ""]
    from weibao.cli.app import COMPLETION_HELP

    for p in root.params:
        if p.name in COMPLETION_HELP and isinstance(p, TyperOption):
            p.help = COMPLETION_HELP[p.name]
    out += ["## weibao（全局选项）", "", (root.help or "").strip(), ""] + _opts(root) + [""]
    _walk(root, [], out)
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())
