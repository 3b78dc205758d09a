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
    return text
