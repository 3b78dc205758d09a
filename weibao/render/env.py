"""The one Jinja environment factory: sandboxed, StrictUndefined, Chinese filters, Chinese errors.

Templates are data: a data repository may put a template of the same name in
its own ``templates/`` folder to override the built-in one (weibao/templates/).
Reviewers may not read every line of a template, so templates run in Jinja's
sandbox and cannot reach Python internals.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from weibao.domain.numbering import doc_number, zh_date, zh_number
from weibao.errors import TemplateFailure

BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def _md_escape(text: str) -> str:
    """Keep Markdown from reading a line as a list, heading or emphasis (1. → 1\\., # → \\#, * → \\*)."""
    text = re.sub(r"([*_`\\<>\[\]])", r"\\\1", str(text))
    return re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", re.sub(r"^(\s*)([#>+-])", r"\1\\\2", text, flags=re.M), flags=re.M)


def make_env(template_dirs: list[Path] | None = None, html: bool = False):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    dirs = [d for d in (template_dirs or []) if d.is_dir()] + [BUILTIN]
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
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

    env = make_env(template_dirs, html=name.endswith(".html.j2") if html is None else html)
    try:
        tpl = env.get_template(name)
    except TemplateNotFound as exc:
        known = "、".join(template_names(template_dirs)) or "（无）"
        raise TemplateFailure(f"找不到模板 {exc.name}。", hint=f"可用的模板：{known}") from None
    except TemplateSyntaxError as exc:
        raise TemplateFailure(f"{_where(exc.filename, exc.lineno)}模板语法错误：{_zh_syntax(exc.message or '')}") from None
    try:
        return tpl.render(**context)
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
