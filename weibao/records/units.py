"""Member units as the other records see them: names by id, people by id, a unit's open work."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.core.dataset import RepoData, load_kind
from weibao.core.people import post_names
from weibao.core.repository import Repository


def unit_names(data: RepoData) -> dict[str, str]:
    return {u.id: u.name for u in data.units}


def people(data: RepoData) -> dict[str, str]:
    """Person id → name, for everyone registered (office positions, office members and liaisons of units)."""
    out = {}
    o = data.one("office")
    if o:
        for p in o.model.positions:
            for h in p.holders:
                out[h.id] = h.name
    for u in data.units:
        for slot in (u.office_member, u.liaison):
            if slot is not None:
                out[slot.id] = slot.name
    return out


ROSTER_HEADERS = ["序号", "成员单位", "身份", "姓名", "职务", "办公电话", "任职日期", "函告备案日期"]
SLOTS = (("office_member", "办公室成员"), ("liaison", "联络员"))  # 规则四（六）：协调联络的对象


def roster_rows(data: RepoData, unit_id: str | None = None) -> list[dict[str, Any]]:
    """The office members and liaisons of the member units (规则四（六）), in the units' order, a row for every slot —
    one not yet filed is a row with no name, so the clerk sees whom to ask.  Office phones are public (officials
    acting in office); a mobile number never reaches data/ (WB902)."""
    rows = []
    for u in data.units:
        if unit_id and u.id != unit_id:
            continue
        for slot, label in SLOTS:
            p = getattr(u, slot)
            rows.append({"order": u.order, "unit": u.id, "unit_name": u.name, "slot": slot, "role": label,
                         "name": p.name if p else None, "post": p.post if p else None, "phone": p.phone if p else None,
                         "since": p.since.isoformat() if p and p.since else None, "filed_on": p.filed_on.isoformat() if p and p.filed_on else None})
    return rows


def roster_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    return ROSTER_HEADERS, [[r["order"], r["unit_name"], r["role"], r["name"] or "（未登记）", r["post"] or "", r["phone"] or "",
                             r["since"] or "", r["filed_on"] or ""] for r in rows]


def attendee_text(data: RepoData, a: Any, day: _dt.date | None = None) -> str:
    """How a meeting's attendee is written: unit name, post (with who held it on ``day`` when no person is named),
    person's name, free text — 民政局 办公室成员 王某, 主任 李某."""
    names = unit_names(data)
    parts = [names.get(a.unit, a.unit) if a.unit else ""]
    if a.position:
        title, holders = post_names(data, a.position, a.unit, day)
        parts.append(title)
        if not a.person and not a.name:
            parts.append("、".join(holders))
    parts += [people(data).get(a.person, a.person) if a.person else "", a.name or ""]
    out: list[str] = []
    for p in parts:
        if p and p not in out:
            out.append(p)
    return " ".join(out)


def chair_text(data: RepoData, chair: Any, day: _dt.date) -> str:
    """Who chaired, in words: 副主任 乙某（受主任 2026-04-01 委托）."""
    title, holders = post_names(data, chair.position, None, day)
    name = people(data).get(chair.person, chair.person) if chair.person else (chair.name or "、".join(holders))
    out = title + (f" {name}" if name and name != title else "")
    if chair.delegation:
        out += f"（受{post_names(data, chair.delegation.by, None, None)[0]} {chair.delegation.date} 委托）"
    return out


def open_work(repo: Repository, unit_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The unit's open 议定事项 and open cases (as lead or support), read from the meeting and case files only
    (a quick read for ``weibao unit``; invalid files are skipped: validate reports them)."""
    decisions = []
    for m in sorted(load_kind(repo, "meeting"), key=lambda m: (m.date, m.id)):
        for d in m.decisions:
            if d.is_open and unit_id in d.lead + d.support:
                decisions.append({"id": d.id, "meeting": m.id, "text": d.text, "role": "lead" if unit_id in d.lead else "support",
                                  "deadline": d.deadline.isoformat() if d.deadline else None, "status": d.status})
    cases = []
    for c in load_kind(repo, "case"):
        if c.is_open and unit_id in [c.lead, *c.support]:
            due = c.effective_deadline()
            cases.append({"id": c.id, "subject": c.subject, "role": "lead" if c.lead == unit_id else "support", "level": c.level,
                          "state": c.state, "deadline": due.isoformat() if due else None})
    return decisions, sorted(cases, key=lambda x: x["id"])
