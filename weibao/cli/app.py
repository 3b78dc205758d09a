"""Root Typer app: global options, Chinese help, and the one place errors become messages and exit codes.

:class:`WeibaoGroup` runs every command inside :func:`handle_errors`, so the installed ``weibao`` and a test's
``CliRunner`` print the same Chinese text and end with the same exit code: library errors (WeibaoError and its
kinds), usage errors of the bundled click (translated by cli/zh.py), OS errors (disk full, read-only folder),
Ctrl-C, and — as exit 3 with a request to report it — anything unforeseen.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

import typer
from typer.core import TyperGroup, TyperOption

from weibao import __version__
from weibao.cli import zh
from weibao.diagnostics import is_control, visible
from weibao.errors import InvalidData, WeibaoError, storage_error

zh.install()


COMPLETION_HELP = {
    "install_completion": "为当前 shell 安装命令补全（bash、zsh、fish、PowerShell），装好后重开终端，按 Tab 补全命令和选项。",
    "show_completion": "显示当前 shell 的补全脚本，可复制或自行安装。",
}


def _err(message: str, hint: str | None = None) -> None:
    sys.stderr.write(visible(f"weibao：{message}") + "\n")  # messages quote paths and values from data
    if hint:
        sys.stderr.write(visible(f"提示：{hint}") + "\n")


@contextmanager
def handle_errors() -> Iterator[None]:
    """The error boundary: everything a command raises ends here as a Chinese message and an exit code."""
    ce = zh.click_exceptions()
    no_args_help = getattr(ce, "NoArgsIsHelpError", None)
    try:
        yield
    except InvalidData as exc:
        _err(exc.message)
        if exc.report is not None:
            from weibao.diagnostics import format_text

            sys.stderr.write(format_text(exc.report))
        if exc.hint:
            sys.stderr.write(visible(f"提示：{exc.hint}") + "\n")
        sys.exit(exc.exit_code)
    except WeibaoError as exc:
        _err(exc.message, exc.hint)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:  # raised outside a command (e.g. --version)
        sys.exit(exc.exit_code)
    except ce.UsageError as exc:
        if no_args_help is not None and isinstance(exc, no_args_help):
            sys.exit(2)  # the help has been shown already
        cmd = exc.ctx.command_path if exc.ctx is not None else "weibao"
        try:
            message = zh.usage_error_message(exc)
        except Exception:  # noqa: BLE001 - never let the translation hide the error
            message = str(exc)
        _err(message, f"用 {cmd} --help 查看用法。")
        sys.exit(2)
    except ce.ClickException as exc:
        _err(exc.format_message())
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _err("已中断。")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (weibao … | head): not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush does not fail again
        except OSError:
            pass
        sys.exit(0)
    except OSError as exc:  # a path that cannot be written or read: the user's to fix, not a defect
        e = storage_error(exc)
        _err(e.message, e.hint)
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("WEIBAO_DEBUG"):
            raise
        _err(f"内部错误：{type(exc).__name__}: {exc}", "这是 weibao 的缺陷，请把命令和数据仓库状态报告给维护者（设置 WEIBAO_DEBUG=1 可看到详细信息）。")
        sys.exit(3)


def _control(ch: str) -> bool:
    return is_control(ch) or 0xD800 <= ord(ch) <= 0xDFFF


def refuse_control_characters(argv: Sequence[str]) -> None:
    """Text typed on the command line goes into data files, documents and the terminal: a control character (an
    escape sequence pasted from a coloured terminal, DEL, C1, bytes that are not UTF-8) is refused here, for every
    command at once, with its argument and position — it used to reach YAML and come back as an internal error."""
    from weibao.errors import UsageError

    for i, arg in enumerate(argv, start=1):
        at = next((j for j, ch in enumerate(arg) if _control(ch)), None)
        if at is None:
            continue
        o = ord(arg[at])
        what = "无法识别的字节（终端或文件名的编码不是 UTF-8？）" if 0xD800 <= o <= 0xDFFF else f"控制字符 U+{o:04X}"
        before = f"（前面是“{arg[max(0, at - 10):at]}”）" if at else ""  # no control character before the first one
        raise UsageError(f"第 {i} 个参数的第 {at + 1} 个字符是{what}，不能使用{before}。",
                         hint="重新输入这段文字；不要粘贴带颜色或格式的终端文本。")


class WeibaoGroup(TyperGroup):
    """The root group: runs every command inside the error boundary."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if not argv or any(x in ("-h", "--help") for x in argv):
            zh.install_rich()
        with handle_errors():
            refuse_control_characters(argv)
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv

    def get_params(self, ctx: Any) -> Any:
        """Typer's completion options, in Chinese."""
        params = super().get_params(ctx)
        for p in params:
            if p.name in COMPLETION_HELP and isinstance(p, TyperOption):
                p.help = COMPLETION_HELP[p.name]
        return params


app = typer.Typer(
    cls=WeibaoGroup,
    name="weibao",
    help=(
        "weibao：未成年人保护工作领导小组办公室（未保办）的数据仓库工具。\n\n"
        "成员单位职责、会议、督办、公文以 YAML 文件保存在 git 中；本工具负责校验、查询、导出和格式化。\n\n"
        "示例：\n\n"
        "  weibao validate                 校验当前数据仓库\n\n"
        "  weibao --repo ../奈曼旗 export --format json > 全部数据.json"
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    repo: Optional[str] = None


state = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"weibao {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    repo: Optional[str] = typer.Option(None, "--repo", metavar="路径", help="数据仓库的根目录（或其 data/ 目录）；默认取环境变量 WEIBAO_REPO，再从当前目录向上查找。"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号后退出。"),
) -> None:
    """weibao 根命令。"""
    state.repo = repo


# command → the module that adds it to ``app``: ``weibao who …`` imports and builds only cli/who.py (about 20 ms of a
# 200 ms run); help, completion and an unknown name import them all.  tests/cli/test_lazy_commands.py checks that this
# table is what the modules register.
COMMAND_MODULES = {
    "annual": "annual", "case": "case", "codes": "codes", "doc": "doc", "export": "export", "fmt": "fmt",
    "diff": "history", "history": "history", "git-diff": "history", "textconv": "history",
    "decisions": "meeting", "meeting": "meeting", "meetings": "meeting", "decision": "meeting",
    "new": "new", "init": "onboard", "import-duties": "onboard", "privacy": "privacy", "render": "render",
    "report": "report", "schema": "schema", "validate": "validate",
    "who": "who", "learn": "who", "unit": "who", "matrix": "who", "roster": "who", "agenda": "agenda",
    "site": "site",
}


def register(argv: Sequence[str] | None = None) -> None:
    """Import the command modules, which add their commands to ``app`` (the list is explicit, in one place): all of
    them, or — given the command line — only the one that adds the command it names."""
    import importlib

    name = _command_name(argv) if argv is not None else None
    if name in COMMAND_MODULES and not any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        importlib.import_module(f"weibao.cli.{COMMAND_MODULES[name]}")
        return
    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"weibao.cli.{module}")


def _command_name(argv: Sequence[str]) -> str | None:
    """The command a command line names (after the root's own options), or None (help, version, nothing)."""
    args = iter(argv)
    for a in args:
        if a == "--repo":
            next(args, None)
        elif not a.startswith("-"):
            return a
        elif a in ("-h", "--help", "--version") or not a.startswith("--repo="):
            return None
    return None


class TerminalProgress:
    """core/progress.py's reporter on a terminal: a spinner with the step's name and the time taken, on standard error;
    it appears after half a second (quick commands show nothing) and leaves nothing behind."""

    def __init__(self, console: Any = None, delay: float = 0.5) -> None:
        import threading

        from rich.console import Console

        self.console = console or Console(stderr=True, highlight=False)
        self.delay = delay
        self.lock = threading.Lock()
        self.bar: Any = None
        self.task: Any = None
        self.timer: Any = None
        self.label = ""

    def show(self, label: str) -> None:
        import threading

        with self.lock:
            self.label = label
            if self.bar is not None:
                self.bar.update(self.task, description=f"{label}……")
            elif self.timer is None:
                self.timer = threading.Timer(self.delay, self._appear)
                self.timer.daemon = True
                self.timer.start()

    def _appear(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self.lock:
            if self.timer is None:
                return
            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=self.console, transient=True)
            self.task = self.bar.add_task(f"{self.label}……", total=None)
            self.bar.start()

    def done(self) -> None:
        with self.lock:
            timer, self.timer = self.timer, None
            bar, self.bar = self.bar, None
        if timer is not None:
            timer.cancel()
        if bar is not None:
            bar.stop()


def terminal_progress() -> None:
    """Install the terminal reporter when standard error is a terminal (not when piped, in CI or under tests)."""
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return
    from weibao.core import progress

    progress.set_reporter(TerminalProgress())


def main() -> None:
    """Entry point (``weibao``, ``python -m weibao``)."""
    register(sys.argv[1:])
    terminal_progress()
    app(prog_name="weibao")
