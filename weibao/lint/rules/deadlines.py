"""Deadlines written in working days (限15个工作日内): the date next to the count must be the one China's official
holiday schedule gives (domain/workdays.py); a year the schedule does not cover yet is named, not guessed silently."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterator

from weibao.core.dataset import Record, RepoData
from weibao.diagnostics import Diagnostic
from weibao.domain.workdays import MAX_WORKDAYS, add_workdays
from weibao.lint.registry import rule


def workday_deadlines(data: RepoData) -> Iterator[tuple[Record, Any, _dt.date, tuple[Any, ...], str]]:
    """Every record part with a deadline that may be written in working days: (record, part, start, location, what)."""
    for r in data.valid("meeting"):
        for i, d in enumerate(r.model.decisions):
            yield r, d, r.model.date, ("decisions", i), f"议定事项 {d.id}"
    for r in data.valid("case"):
        yield r, r.model, r.model.opened, (), f"督办事项 {r.model.id}"
    for r in data.valid("received"):
        yield r, r.model, r.model.received_on, (), f"收文 {r.model.id}"


@rule("WB212", "WB213")
def deadlines_in_working_days(data: RepoData) -> Iterator[Diagnostic]:
    for r, part, start, loc, what in workday_deadlines(data):
        n = part.deadline_workdays
        if n is None:
            continue
        if not 1 <= n <= MAX_WORKDAYS:
            yield r.diag("WB212", f"{what}：工作日时限是 {n} 个工作日，应在 1 到 {MAX_WORKDAYS} 之间。", (*loc, "deadline_workdays"),
                         hint="更长的时限直接写日期（deadline）。")
            continue
        counted = add_workdays(start, n)
        due = counted.value
        rule_text = f"从 {start} 的次日数起 {n} 个工作日"
        if part.deadline is None:
            yield r.diag("WB212", f"{what}：时限写了 {n} 个工作日，没有写算出的日期。", (*loc, "deadline_workdays"),
                         hint=f"加 deadline: {due}（{rule_text}）。")
        elif part.deadline != due:
            yield r.diag("WB212", f"{what}：时限 {part.deadline} 与 {n} 个工作日不符：{rule_text}是 {due}。", (*loc, "deadline"),
                         hint=f"改为 deadline: {due}；时限不按工作日计算时，删去 deadline_workdays。")
        for year in sorted(counted.guessed_years):
            yield r.diag("WB213", f"{what}：工作日时限跨入 {year} 年，chinese-calendar 还没有这一年的节假日安排，按周一至周五计算为 {due}。",
                         (*loc, "deadline_workdays"), hint=f"国务院公布 {year} 年节假日安排后，升级 chinese-calendar 并复核这个日期。")
