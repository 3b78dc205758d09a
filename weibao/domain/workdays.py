"""Working days as China's government counts them: weekends and statutory holidays are off, and the weekend days
the State Council moves into the week (调休) are on — from the official schedule the ``chinese-calendar`` package
carries, one year at a time, as published each autumn.

A year the package does not know yet is counted Monday to Friday less the holidays fixed by solar date (元旦 1月1日,
劳动节 5月1日–2日, 国庆节 10月1日–3日, per 《全国年节及纪念日放假办法》 as amended in 2024); every answer says which
years were guessed, so a caller can warn (WB213) instead of being silently wrong around 春节 and 国庆 (the lunar
holidays and the 调休 are only known once the State Council publishes the year's schedule).

"限15个工作日内整改" counts from the day after the start: the deadline is the 15th working day after it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from weibao.domain.numbering import parse_zh_number

FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))  # (month, day) off every year
MAX_WORKDAYS = 250  # about a year of working days: a longer 时限 is written as a date
_TEXT = re.compile(r"^\s*(?:限\s*)?([0-9０-９]+|[〇零一二两三四五六七八九十百]+)\s*个?\s*工作日\s*(?:内)?\s*$")


@dataclass
class Counted:
    """A date and the years it relied on that the official schedule does not cover yet."""

    value: _dt.date
    guessed_years: set[int] = field(default_factory=set)


@dataclass
class Count:
    """A number of working days and the years it relied on that the official schedule does not cover yet."""

    value: int
    guessed_years: set[int] = field(default_factory=set)


@functools.lru_cache(maxsize=1)
def known_years() -> tuple[int, int]:
    """The first and last year of the official schedule in the installed chinese-calendar."""
    from chinese_calendar.constants import holidays

    years = [d.year for d in holidays]
    return min(years), max(years)


def is_workday(day: _dt.date) -> tuple[bool, bool]:
    """(whether ``day`` is a working day, whether the official schedule knows its year)."""
    first, last = known_years()
    if first <= day.year <= last:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day)), True
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS, False


def add_workdays(start: _dt.date, count: int) -> Counted:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    if not 1 <= count <= MAX_WORKDAYS:
        raise ValueError(f"工作日数应在 1 到 {MAX_WORKDAYS} 之间，写的是 {count}。")
    day, left, guessed = start, count, set()
    while left:
        day += _dt.timedelta(days=1)
        on, known = is_workday(day)
        if not known:
            guessed.add(day.year)
        left -= on
    return Counted(day, guessed)


def workdays_between(today: _dt.date, due: _dt.date) -> Count:
    """Working days after ``today`` up to and including ``due`` (0 when ``due`` is today or past)."""
    n, guessed, day = 0, set(), today
    if (due - today).days > 800:  # beyond any deadline weibao computes: a rough count is enough
        return Count(round((due - today).days * 5 / 7))
    while day < due:
        day += _dt.timedelta(days=1)
        on, known = is_workday(day)
        if not known:
            guessed.add(day.year)
        n += on
    return Count(n, guessed)


def parse_workdays(text: str) -> int | None:
    """“15个工作日”、“十五个工作日”、“限15个工作日内” → 15; None when the text is not a working-day count (a date,
    say).  The count is not range-checked here (see ``add_workdays``)."""
    m = _TEXT.match(text or "")
    if not m:
        return None
    digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return int(digits)
    return parse_zh_number(digits.replace("两", "二").replace("〇", "零"))


@dataclass(frozen=True)
class Workdays:
    """A deadline given as a number of working days (``--deadline 15个工作日``), resolved against its record's start."""

    count: int

    def __str__(self) -> str:
        return f"{self.count}个工作日"


def resolve_deadline(value: _dt.date | Workdays | None, start: _dt.date) -> tuple[_dt.date | None, int | None, set[int]]:
    """(the deadline's date, its working-day count if it was given as one, the years guessed Monday to Friday)."""
    if value is None or isinstance(value, _dt.date):
        return value, None, set()
    counted = add_workdays(start, value.count)
    return counted.value, value.count, counted.guessed_years


def workdays_left(today: _dt.date, due: _dt.date) -> int:
    """Working days after ``today`` up to ``due`` (0 when due today or past); a guessed year counts Monday to Friday."""
    return workdays_between(today, due).value


def due_in(row: dict[str, Any], within: int, workdays: bool = False) -> bool:
    """Whether a listed row (``days_left``, ``workdays_left``) is due from today up to ``within`` (working) days ahead."""
    if row.get("days_left") is None or row["days_left"] < 0:
        return False
    return bool((row["workdays_left"] if workdays else row["days_left"]) <= within)


def workdays_before(due: _dt.date, count: int) -> Counted:
    """The ``count``-th working day before ``due`` (``due`` itself not counted): when to remind of it."""
    day, left, guessed = due, count, set()
    while left:
        day -= _dt.timedelta(days=1)
        on, known = is_workday(day)
        if not known:
            guessed.add(day.year)
        left -= on
    return Counted(day, guessed)
