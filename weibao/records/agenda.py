"""The clerk's agenda: everything with a date that is overdue or due this week, this month or next month, in one list
— 议定事项, 督办事项 (挂牌督办 first), 收文, the tasks of the year's plan, the meetings the rules require this year
and the annual reports due from member units and 苏木乡镇 — each with the unit that answers for it, its record id
and how many (working) days are left.

One function builds the items (``agenda``); ``by_unit`` groups them; the CLI only formats.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import Any

from weibao.core.dataset import RepoData
from weibao.domain.workdays import workdays_between
from weibao.records.annual import plan_of, status
from weibao.records.cases import case_rows
from weibao.records.documents import inbox_rows
from weibao.records.meetings import decision_rows, year_check

BUCKETS = ("逾期", "本周", "本月", "下月")  # overdue; due by Sunday; by the end of this month; by the end of next month
OFFICE = "office"  # the office's own items (meetings the rules require): listed under the office's name


@dataclass
class Item:
    kind: str  # 议定事项、督办事项、收文、年度任务、会议、年度报告
    id: str
    title: str
    due: str  # YYYY-MM-DD
    bucket: str
    lead: list[str]
    support: list[str] = field(default_factory=list)
    days_left: int = 0  # negative when overdue
    workdays_left: int = 0  # working days after today up to the due date (0 when due today or past)
    level: str | None = None  # 挂牌督办 / 一般督办 for cases
    state: str | None = None
    path: str | None = None
    guessed_years: list[int] = field(default_factory=list)  # working days counted Monday to Friday for these years

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bucket_of(due: _dt.date, today: _dt.date) -> str | None:
    if due < today:
        return "逾期"
    if due <= today + _dt.timedelta(days=6 - today.weekday()):
        return "本周"
    month_end = (today.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
    if due <= month_end:
        return "本月"
    next_end = (month_end + _dt.timedelta(days=32)).replace(day=1) - _dt.timedelta(days=1)
    if due <= next_end:
        return "下月"
    return None


def agenda(data: RepoData, today: _dt.date, unit: str | None = None) -> list[Item]:
    """What is overdue or due by the end of next month, most urgent first (overdue, then 挂牌督办, then by date)."""
    items: list[Item] = []

    def add(kind: str, id_: str, title: str, due_text: str | None, lead: list[str], support: list[str] | None = None, **kw: Any) -> None:
        if not due_text:
            return
        due = _dt.date.fromisoformat(due_text)
        b = bucket_of(due, today)
        if b is None:
            return
        counted = workdays_between(today, due)
        items.append(Item(kind, id_, title, due_text, b, lead, support or [], (due - today).days, counted.value,
                          guessed_years=sorted(counted.guessed_years), **kw))

    for r in decision_rows(data, today):
        if r["status"] in ("待办", "办理中"):
            add("议定事项", r["id"], r["text"], r["deadline"], r["lead"], r["support"], state=r["status"], path=r["path"])
    for r in case_rows(data, today):
        if r["days_left"] is not None:  # open, with a deadline
            add("督办事项", r["id"], r["subject"], r["deadline"], [r["lead"]], r["support"], level=r["level"], state=r["state"], path=r["path"])
    for r in inbox_rows(data, today):
        if r["done_on"] is None:
            add("收文", r["id"], r["title"], r["deadline"], [r["from_unit"]], state=r["state"], path=r["path"])
    for year in (today.year - 1, today.year):
        plan = plan_of(data, year)
        if plan is None and year != today.year:
            continue  # last year's reports are asked only where last year's work was planned here
        st = status(data, year, today)
        for it in st["items"]:
            if it["state"] != "已完成":
                add("年度任务", f"{year}-{it['id']}", it["text"], it["target"], it["lead"], state=it["state"], path=plan.rel if plan else None)
        if plan is not None or data.of("unit_report") or data.of("area_report"):
            for u in st["units"]:
                if not u["reported"]:
                    add("年度报告", f"{year}-{u['id']}", f"{year}年度未成年人保护工作情况", st["report_due"], [u["id"]])
            for a in st["areas"]:
                if not a["reported"]:
                    add("年度报告", f"{year}-{a['id']}", f"{a['name']}{year}年度协调机制工作情况", st["report_due"], [f"area:{a['id']}"])
    check = year_check(data, today.year, today)
    for t in check["types"]:
        expected, held = t["expected_per_year"], len(t["held"])
        if expected and held < expected:
            add("会议", f"{today.year}-{t['rule']}", f"{t['type']}（{t['frequency']}；本年度已开 {held} 次）", f"{today.year}-12-31", [OFFICE])
    if unit:
        items = [i for i in items if unit in i.lead or unit in i.support]
    urgency = {b: n for n, b in enumerate(BUCKETS)}
    items.sort(key=lambda i: (urgency[i.bucket], i.level != "挂牌督办", i.due, i.kind, i.id))
    return items


def by_unit(items: list[Item], unit_order: dict[str, int]) -> list[tuple[str, list[tuple[Item, str]]]]:
    """(unit id, [(item, 牵头 or 配合)]) — a unit's list holds what it leads and what it supports; units in their order,
    the office first, 苏木乡镇 last."""
    groups: dict[str, list[tuple[Item, str]]] = {}
    for i in items:
        for u in i.lead:
            groups.setdefault(u, []).append((i, "牵头"))
        for u in i.support:
            groups.setdefault(u, []).append((i, "配合"))
    order = sorted(groups, key=lambda u: (0 if u == OFFICE else 2 if u.startswith("area:") else 1, unit_order.get(u, 999), u))
    return [(u, groups[u]) for u in order]
