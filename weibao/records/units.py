"""Member units as the other records see them: names by id, people by id, a unit's open work."""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import RepoData, load_kind
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


def attendee_text(data: RepoData, a: Any) -> str:
    """How a meeting's attendee is written: unit name, person's name, description."""
    names = unit_names(data)
    who = people(data)
    parts = [names.get(a.unit, a.unit) if a.unit else "", who.get(a.person, a.person) if a.person else "", a.name or ""]
    return " ".join(p for p in parts if p)


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
