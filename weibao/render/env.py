"""The one Jinja environment factory: sandboxed, StrictUndefined, Chinese filters, Chinese errors.

Templates are data: a data repository may put a template of the same name in
its own ``templates/`` folder to override the built-in one (weibao/templates/).
Reviewers may not read every line of a template, so templates run in Jinja's
sandbox and cannot reach Python internals.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from weibao.domain.numbering import doc_number, zh_date, zh_number
from weibao.domain.text import md_guard
from weibao.errors import TemplateFailure

BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def _md_escape(text: str) -> str:
    """Keep Markdown from reading a line as a list, heading or emphasis (1. → 1\\., # → \\#, * → \\*)."""
    text = re.sub(r"([*_`\\<>\[\]|])", r"\\\1", str(text))
    return re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", re.sub(r"^(\s*)([#>+-])", r"\1\\\2", text, flags=re.M), flags=re.M)


TEMPLATE_MAX_BYTES = 1024 * 1024  # a template is a page of text, not a data dump
RENDER_SECONDS = 20.0  # a repository template that loops longer is stopped …
RENDER_MAX_CHARS = 50 * 1024 * 1024  # … and one that writes more


class _TooSlow(BaseException):
    """Raised by the alarm inside a template's loop (a BaseException, so no template-level handler swallows it)."""


def _loader(folder: Path, root: Path):
    """Templates of ``folder`` read as every supplied file is read (core/files.read_regular): regular files inside
    ``root`` once symlinks are resolved — a ``templates/`` folder, a template or an ``{% include %}`` that links out of
    the repository is refused — and at most TEMPLATE_MAX_BYTES long."""
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from weibao.core.files import FileRefused, read_regular

    class RepositoryLoader(BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            path = folder.joinpath(*split_template_path(template))  # no “..” out of the folder
            if not os.path.lexists(path):
                raise TemplateNotFound(template)
            try:
                raw = read_regular(path, root, TEMPLATE_MAX_BYTES)
            except FileRefused as exc:
                raise TemplateFailure(f"{_display(str(path))}：{exc.code} {exc.message}", hint=exc.hint) from None
            try:
                source = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateFailure(f"{_display(str(path))}：模板不是 UTF-8 编码。", hint="请用编辑器另存为 UTF-8。") from None
            return source, str(path), lambda: True

        def list_templates(self) -> list[str]:
            return sorted(p.name for p in folder.iterdir() if p.name.endswith(".j2")) if folder.is_dir() else []

    return RepositoryLoader()


def _md_finalize(value: Any) -> Any:
    """Every ``{{ … }}`` of a Markdown template passes here: text that no filter escaped still cannot open raw HTML
    (``<script>`` in a unit name reached report.md), a link or a table cell (domain/text.md_guard)."""
    return md_guard(value) if isinstance(value, str) else value


def make_env(template_dirs: list[Path] | None = None, html: bool = False, markdown: bool = False):
    from jinja2 import ChoiceLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # a repository's templates/ (its root is the folder above) first, then the built-in ones
    dirs = [(d, d.parent) for d in (template_dirs or []) if os.path.lexists(d)] + [(BUILTIN, BUILTIN)]
    env = SandboxedEnvironment(
        loader=ChoiceLoader([_loader(d, root) for d, root in dirs]),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **({"finalize": _md_finalize} if markdown else {}),
    )
    env.filters.update(zh_number=zh_number, zh_date=zh_date, doc_number=lambda parts: doc_number(*parts), md=_md_escape)
    env.globals.update(zh_number=zh_number, zh_date=zh_date, doc_number=doc_number)
    return env


def template_names(template_dirs: list[Path] | None = None) -> list[str]:
    names: set[str] = set()
    for d in [*(template_dirs or []), BUILTIN]:
        if d.is_dir():
            names.update(p.name for p in d.iterdir() if p.name.endswith(".j2") and not p.name.startswith("_"))
    return sorted(names)


def render(name: str, context: dict[str, Any], template_dirs: list[Path] | None = None, html: bool | None = None) -> str:
    """Render a template by name, turning every Jinja failure into a Chinese TemplateFailure with file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    env = make_env(template_dirs, html=name.endswith(".html.j2") if html is None else html, markdown=name.endswith(".md.j2"))
    try:
        tpl = env.get_template(name)
    except TemplateNotFound as exc:
        known = "、".join(template_names(template_dirs)) or "（无）"
        raise TemplateFailure(f"找不到模板 {exc.name}。", hint=f"可用的模板：{known}") from None
    except TemplateSyntaxError as exc:
        raise TemplateFailure(f"{_where(exc.filename, exc.lineno)}模板语法错误：{_zh_syntax(exc.message or '')}") from None
    try:
        with _time_limit(RENDER_SECONDS):
            out: list[str] = []
            size = 0
            for chunk in tpl.generate(**context):
                size += len(chunk)
                if size > RENDER_MAX_CHARS:
                    raise TemplateFailure(f"{_where(*_template_frame(tpl))}模板写出的内容超过 {RENDER_MAX_CHARS // 1024 // 1024} MB 字符，已停止。",
                                          hint="检查模板中的循环是否写出了过多内容。")
                out.append(chunk)
            return "".join(out)
    except _TooSlow:
        raise TemplateFailure(f"{_where(*_running_line(tpl))}模板运行超过 {RENDER_SECONDS:.0f} 秒，已停止（例如循环套循环）。",
                              hint="检查模板中的循环；模板只应排版数据，不做大量计算。") from None
    except TemplateFailure:
        raise
    except UndefinedError as exc:
        raise TemplateFailure(f"{_where(*_template_frame(tpl))}模板用到了不存在的字段：{_zh_undefined(exc.message or '')}",
                              hint="检查字段名的拼写；StrictUndefined 不允许缺失的字段悄悄变成空白。") from None
    except SecurityError as exc:
        raise TemplateFailure(f"{_where(*_template_frame(tpl))}模板试图访问不允许的内部属性（{exc}），已拒绝。",
                              hint="模板只能使用记录中的字段和 weibao 提供的过滤器。") from None
    except TemplateError as exc:
        raise TemplateFailure(f"{_where(*_template_frame(tpl))}模板出错：{exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateFailure(f"{_where(*_template_frame(tpl))}模板计算出错：{exc}") from None
    except RecursionError:
        raise TemplateFailure(f"{_where(tpl.filename, None)}模板无限递归（例如 include 了自己）。") from None


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _TooSlow in the rendering code after ``seconds`` (a POSIX interval timer; where there is none, or off
    the main thread, no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _TooSlow()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _display(filename: str) -> str:
    path = Path(filename)
    try:
        return "weibao/templates/" + path.resolve().relative_to(BUILTIN).as_posix() + "（内置模板）"
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return filename


def _where(filename: str | None, line: int | None) -> str:
    if not filename:
        return ""
    filename = _display(filename)
    return f"{filename}:{line}: " if line else f"{filename}: "


def _template_frame(tpl: Any) -> tuple[str | None, int | None]:
    """The innermost template file and line of the exception being handled (Jinja rewrites tracebacks so frames carry them)."""
    tb = sys.exc_info()[2]
    found: tuple[str | None, int | None] = (tpl.filename, None)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".j2") or code.co_filename == tpl.filename:
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _running_line(tpl: Any) -> tuple[str | None, int | None]:
    """The template file and line the interrupted code was running (Jinja maps a compiled line back to its template
    line only for exceptions it handles; the alarm goes past it)."""
    tb = sys.exc_info()[2]
    found: tuple[str | None, int | None] = (tpl.filename, None)
    while tb is not None:
        t = tb.tb_frame.f_globals.get("__jinja_template__")
        if t is not None and getattr(t, "filename", None):
            found = (t.filename, t.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return found


def _owner(name: str) -> str:
    return "这一项" if name in ("dict object", "list object", "str object") else f"“{name}”"


# Jinja's English messages → Chinese, by pattern (an unknown message is shown as is)
_UNDEFINED = (
    (r"'(.+?)' is undefined", lambda m: f"“{m[1]}”未定义"),
    (r"'(.+?)' has no attribute '(.+?)'", lambda m: f"{_owner(m[1])}没有字段“{m[2]}”"),
    (r"(.+?) has no element (.+)", lambda m: f"{_owner(m[1])}中没有 {m[2]}"),
)
_SYNTAX = (
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\.", lambda m: f"模板意外结束，缺少结束标签 {m[1]}"),
    (r"Encountered unknown tag '(.+?)'", lambda m: f"未知的标签“{m[1]}”"),
    (r"unexpected '(.+?)'", lambda m: f"意外的“{m[1]}”"),
    (r"expected token '(.+?)', got '(.+?)'", lambda m: f"此处应为“{m[1]}”，却是“{m[2]}”"),
)


def _translate(message: str, table: tuple) -> str:
    for pattern, fmt in table:
        m = re.match(pattern, message)
        if m:
            return fmt(m)
    return message


def _zh_undefined(message: str) -> str:
    return _translate(message, _UNDEFINED)


def _zh_syntax(message: str) -> str:
    return _translate(message, _SYNTAX)
