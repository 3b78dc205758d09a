"""Options declared once and shared by the commands: dates, output formats, --out; and the one way to emit output."""

from __future__ import annotations

import datetime as _dt
from enum import Enum
from pathlib import Path
from typing import Any

import typer


def parse_day(value: Any) -> _dt.date:
    """YYYY-MM-DD or ``today``; anything else is a Chinese usage error (exit 2)."""
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    if text == "today":
        return office_day()
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"日期“{value}”格式不对，写成 YYYY-MM-DD，例如 2026-12-31。") from None
    from weibao.model.base import DATE_MAX, DATE_MIN

    if not DATE_MIN <= day <= DATE_MAX:  # the range data may hold (WB204): every output format and date sum can carry it
        raise typer.BadParameter(f"日期“{value}”超出范围，应在 {DATE_MIN} 到 {DATE_MAX} 之间。")
    return day


def office_day() -> _dt.date:
    """Today in the office's time zone (data/weibao.yaml ``timezone``, default Asia/Shanghai), not the machine's."""
    from weibao.core.clock import office_today, settings_timezone
    from weibao.errors import WeibaoError

    try:
        from weibao.cli.common import repository

        root = repository().root
    except WeibaoError:
        root = None
    return office_today(settings_timezone(root))


def day_or_today(value: _dt.date | None) -> _dt.date:
    return value if value is not None else office_day()


def parse_deadline(value: Any) -> Any:
    """A deadline: YYYY-MM-DD, or a number of working days (15个工作日、十五个工作日) counted from the record's date."""
    from weibao.domain.workdays import MAX_WORKDAYS, Workdays, parse_workdays

    if isinstance(value, (_dt.date, Workdays)):
        return value
    n = parse_workdays(str(value))
    if n is None:
        try:
            _dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise typer.BadParameter(f"时限“{value}”格式不对：写成日期 YYYY-MM-DD（例如 2026-12-31），或工作日数（例如 15个工作日）。") from None
        return parse_day(value)  # a date: its range is checked there
    if not 1 <= n <= MAX_WORKDAYS:
        raise typer.BadParameter(f"工作日数应在 1 到 {MAX_WORKDAYS} 之间，写的是 {n}；更长的时限直接写日期。")
    return Workdays(n)


def deadline_option(help: str, *names: str) -> Any:
    return typer.Option(None, *(names or ("--deadline",)), metavar="时限", parser=parse_deadline, help=help)


def as_of_option(help: str = "把哪一天当作今天（YYYY-MM-DD 或 today），默认今天。") -> Any:
    return typer.Option(None, "--as-of", metavar="日期", parser=parse_day, help=help)


def date_option(help: str = "日期 YYYY-MM-DD，默认今天。", *names: str) -> Any:
    return typer.Option(None, *(names or ("--date",)), metavar="日期", parser=parse_day, help=help)


AS_OF = as_of_option()


class TextJson(str, Enum):
    text = "text"
    json = "json"


class TextJsonCsv(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class DiagFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class DocFormat(str, Enum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


class ReportFormat(str, Enum):
    md = "md"
    html = "html"
    docx = "docx"


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class MatrixFormat(str, Enum):
    text = "text"
    csv = "csv"
    md = "md"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    sqlite = "sqlite"
    ics = "ics"


def format_option(default: Enum, help: str) -> Any:
    return typer.Option(default, "--format", "-f", help=help)


FORMAT = format_option(TextJson.text, "输出格式：text 或 json。")
FORMAT_TABLE = format_option(TextJsonCsv.text, "输出格式：text、json 或 csv（Excel/WPS 可打开）。")


def out_option(help: str = "写入该文件；不给时输出到屏幕。", metavar: str = "文件") -> Any:
    return typer.Option(None, "--out", "-o", metavar=metavar, help=help)


def emit(content: str | bytes, out: Path | None, *, binary_hint: str = "加 --out 文件名") -> None:
    """Text to the screen, or ``content`` written atomically to ``out`` with one confirmation line (on stderr)."""
    from weibao.cli.common import output_path, write
    from weibao.core.files import atomic_write
    from weibao.errors import UsageError

    if out is None:
        if isinstance(content, bytes):
            raise UsageError("这是二进制内容（Word、Excel 等），不能输出到屏幕。", hint=binary_hint)
        write(content)
        return
    atomic_write(output_path(out), content)
    typer.echo(f"已写入 {out}", err=True)
