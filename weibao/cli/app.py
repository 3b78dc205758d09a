"""Root Typer app: global options, Chinese help, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import WeibaoError
from . import zh

zh.install()


COMPLETION_HELP = {
    "install_completion": "为当前 shell 安装命令补全（bash、zsh、fish、PowerShell），装好后重开终端，按 Tab 补全命令和选项。",
    "show_completion": "显示当前 shell 的补全脚本，可复制或自行安装。",
}


def os_error_message(exc: OSError) -> str:
    what = {FileExistsError: "已存在（或路径中有同名文件）", IsADirectoryError: "是一个目录", NotADirectoryError: "路径中有一段不是目录",
            PermissionError: "没有权限", FileNotFoundError: "不存在"}.get(type(exc), exc.strerror or "无法读写")
    return f"无法读写 {exc.filename or ''}：{what}。"


class WeibaoGroup(TyperGroup):
    """The root group: turns library errors into a Chinese message and an exit code.

    Handling them here (not only in :func:`main`) makes ``CliRunner`` tests see
    exactly what a user sees.
    """

    def main(self, args=None, *a, **kw):  # type: ignore[no-untyped-def]
        argv = list(sys.argv[1:] if args is None else args)
        if not argv or any(x in ("-h", "--help") for x in argv):
            zh.install_rich()
        return super().main(args, *a, **kw)

    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        """Typer's completion options, in Chinese."""
        params = super().get_params(ctx)
        for p in params:
            if p.name in COMPLETION_HELP:
                p.help = COMPLETION_HELP[p.name]
        return params

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except WeibaoError as exc:
            _err(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except (FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError, FileNotFoundError) as exc:
            _err(os_error_message(exc), "检查路径是否正确、是否有权限写入。")
            raise typer.Exit(2) from None


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


def register() -> None:
    from . import annual, case, codes, onboard, schema, doc, export, fmt, history, meeting, report, validate, who  # noqa: F401  (commands register themselves)


def main() -> None:
    """Entry point: run the app; turn every error into a Chinese message and an exit code."""
    register()
    try:
        rv = app(standalone_mode=False, prog_name="weibao")
    except WeibaoError as exc:
        _err(exc.message, exc.hint)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("已取消。")
        sys.exit(130)
    except KeyboardInterrupt:
        _err("已中断。")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # a path that cannot be written or read: the user's to fix, not a defect
        _err(os_error_message(exc), "检查路径是否正确、是否有权限写入。")
        sys.exit(2)
    except Exception as exc:  # click usage errors and anything unforeseen
        from typer._click import exceptions as ce

        if isinstance(exc, ce.NoArgsIsHelpError):
            sys.exit(2)  # the help has been shown already
        if isinstance(exc, ce.UsageError):
            cmd = exc.ctx.command_path if exc.ctx is not None else "weibao"
            try:
                message = zh.usage_error_message(exc)
            except Exception:  # never let the translation hide the error
                message = str(exc)
            _err(message, f"用 {cmd} --help 查看用法。")
            sys.exit(2)
        if isinstance(exc, ce.ClickException):
            _err(exc.format_message())
            sys.exit(exc.exit_code)
        if os.environ.get("WEIBAO_DEBUG"):
            raise
        _err(f"内部错误：{type(exc).__name__}: {exc}", "这是 weibao 的缺陷，请把命令和数据仓库状态报告给维护者（设置 WEIBAO_DEBUG=1 可看到详细信息）。")
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)


def _err(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"weibao：{message}\n")
    if hint:
        sys.stderr.write(f"提示：{hint}\n")
