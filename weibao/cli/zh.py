"""Chinese for the few words Typer and its bundled click print themselves.

Our own help texts are Chinese already; this covers the frame around them
(panel titles, the help option, the usage prefix) and usage errors.
"""

from __future__ import annotations

import re
from typing import Any

_installed = False


def install() -> None:
    """Patch the bundled click (cheap, always) — help option text and usage prefix."""
    global _installed
    if _installed:
        return
    _installed = True
    _patch_click()


_rich_installed = False


def install_rich() -> None:
    """Chinese panel titles for Typer's rich help; imported only when help is shown (it costs ~50 ms)."""
    global _rich_installed
    if _rich_installed:
        return
    _rich_installed = True
    import typer.rich_utils as ru

    ru.ARGUMENTS_PANEL_TITLE = "参数"
    ru.OPTIONS_PANEL_TITLE = "选项"
    ru.COMMANDS_PANEL_TITLE = "命令"
    ru.ERRORS_PANEL_TITLE = "错误"
    ru.DEFAULT_STRING = "[默认：{}]"
    ru.ENVVAR_STRING = "[环境变量：{}]"
    ru.REQUIRED_LONG_STRING = "[必填]"
    ru.ABORTED_TEXT = "已取消。"
    ru.RICH_HELP = "用 [blue]'{command_path} {help_option}'[/] 查看帮助。"
    _patch_value_types()


TYPE_ZH = {"int": "整数", "str": "文字", "float": "数字", "Path": "路径", "path": "路径", "file": "文件", "dir": "目录",
           "datetime": "日期", "date": "日期"}


def _patch_value_types() -> None:
    """The value type Typer prints beside an option (<bool>, <int>, <list[str]>) in Chinese; none beside a flag,
    which takes no value."""
    import typer.core as tc

    original = tc._TyperParameter.display_type

    def display_type(self: Any, ctx: Any) -> Any:
        if getattr(self, "is_flag", False):
            return None
        label = original(self, ctx)
        inner = label[1:-1] if isinstance(label, str) and label.startswith("<") and label.endswith(">") else None
        if inner is None:
            return label
        m = re.fullmatch(r"(\w+) range", inner)  # an option with min= or max=: the range is said in the help
        if m:
            return f"<{TYPE_ZH.get(m.group(1), m.group(1))}>"
        m = re.fullmatch(r"list\[(\w+)\]", inner)
        if m:
            return f"<{TYPE_ZH.get(m.group(1), m.group(1))}…>"
        return f"<{TYPE_ZH.get(inner, inner)}>"

    tc._TyperParameter.display_type = display_type  # type: ignore[method-assign]


def _patch_click() -> None:
    try:
        from typer._click import decorators, formatting
    except ImportError:  # pragma: no cover - older typer with external click
        return
    original_help_option = decorators.help_option
    original_option = decorators.option

    def help_option(param_decls: list[str]) -> Any:
        def option(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("help") == "Show this message and exit.":
                kwargs["help"] = "显示本帮助并退出。"
            return original_option(*args, **kwargs)

        decorators.option = option
        try:
            return original_help_option(param_decls)
        finally:
            decorators.option = original_option

    decorators.help_option = help_option
    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...").replace("[ARGS]", "[参数]")
        return original_write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]  # a patch of click's method, on purpose


def click_exceptions() -> Any:
    """The exceptions module of the click typer uses (typer ≥ 0.26 bundles its own as ``typer._click``)."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - a typer that uses the external click
        from click import exceptions  # type: ignore[no-redef]
    return exceptions


def usage_error_message(exc: Exception) -> str:
    """A Chinese sentence for a click usage error."""
    ce = click_exceptions()

    if isinstance(exc, ce.NoSuchOption):
        msg = f"没有选项 {exc.option_name}。"
        if exc.possibilities:
            msg += f"是否想用 {'、'.join(sorted(exc.possibilities))}？"
        return msg
    if isinstance(exc, ce.MissingParameter):
        param = exc.param
        is_arg = (exc.param_type or getattr(param, "param_type_name", "")) == "argument"
        name = ""
        if param is not None:
            opts = getattr(param, "opts", None) or []
            name = (getattr(param, "metavar", None) if is_arg else None) or " / ".join(opts) or str(param.name or "")
        kind = "参数" if is_arg else "选项"
        return f"缺少{kind} {name}。"
    if isinstance(exc, ce.BadParameter):
        name = exc.param_hint or ""
        if not name and exc.param is not None:
            name = " / ".join(getattr(exc.param, "opts", []) or [str(exc.param.name)])
        return f"{name} 的值无效：{_zh_detail(exc.message)}"
    if isinstance(exc, ce.UsageError):
        text = exc.message
        m = re.match(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", text)
        if m:
            return f"没有命令“{m.group(1)}”。" + (f"是否想用 {m.group(2)}？" if m.group(2) else "")
        m = re.match(r"Got unexpected extra argument\S* \((.*)\)$", text)
        if m:
            return f"多余的参数：{m.group(1)}。"
        if text == "Missing command.":
            return "缺少命令。"
        m = re.match(r"Option '(.+?)' requires an? (?:argument|\d+ arguments)\.?$", text)
        if m:
            return f"选项 {m.group(1)} 后面要写一个值。"
        return _zh_detail(text)
    return str(exc)


def _zh_detail(text: str) -> str:
    text = text.removeprefix("Value error, ")
    if " is not one of " in text:
        value, allowed = text.split(" is not one of ", 1)
        return f"{value} 不是可选值之一（可选：{allowed.rstrip('.')}）。"
    if "is not a valid integer" in text:
        return text.replace(" is not a valid integer", " 不是整数") + "。"
    for pattern, zh in PYDANTIC_ZH:  # typer checks values with pydantic: its English messages, in Chinese
        m = re.match(pattern, text)
        if m:
            return zh.format(*m.groups())
    return text


PYDANTIC_ZH = (
    (r"Input should be a valid integer", "应为整数。"),
    (r"Input should be a valid number", "应为数字。"),
    (r"Input should be a valid boolean", "应为是或否（true/false）。"),
    (r"Input should be greater than or equal to (\S+)", "应不小于 {0}。"),
    (r"Input should be greater than (\S+)", "应大于 {0}。"),
    (r"Input should be less than or equal to (\S+)", "应不大于 {0}。"),
    (r"Input should be less than (\S+)", "应小于 {0}。"),
    (r"Input should be a valid date", "应为日期 YYYY-MM-DD。"),
    (r"Input should be a valid string", "应为文字。"),
    (r"Input should be (.+)", "取值不对（应为 {0}）。"),
    (r"Path '(.+)' does not exist\.?", "路径“{0}”不存在。"),
    (r"File '(.+)' does not exist\.?", "文件“{0}”不存在。"),
    (r"Directory '(.+)' does not exist\.?", "目录“{0}”不存在。"),
)
