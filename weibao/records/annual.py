"""The yearly cycle: which member units and areas have reported, and how the plan's tasks stand.

The draft 工作总结 and the 通报 view are render/views/summary.py and notification.py; new plans, research,
studies and notifications are made by scaffold/new.py.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.core.dataset import Record, RepoData


def plan_of(data: RepoData, year: int) -> Record | None:
    return next((r for r in data.valid("annual_plan") if r.model.year == year), None)


def status(data: RepoData, year: int, as_of: _dt.date) -> dict[str, Any]:
    """Which member units and areas have reported for the year; the plan's items and their reported state."""
    plan = plan_of(data, year)
    due = (plan.model.report_due if plan and plan.model.report_due else _dt.date(year, 12, 31))
    ureps = {r.model.unit: r.model for r in data.valid("unit_report") if r.model.year == year}
    areps = {r.model.area: r.model for r in data.valid("area_report") if r.model.year == year}
    units = [{"id": u.id, "name": u.name, "reported": u.id in ureps,
              "submitted_on": ureps[u.id].submitted_on.isoformat() if u.id in ureps else None} for u in data.units]
    areas = [{"id": r.model.id, "name": r.model.name, "reported": r.model.id in areps,
              "submitted_on": areps[r.model.id].submitted_on.isoformat() if r.model.id in areps else None}
             for r in sorted(data.valid("area"), key=lambda r: r.model.id)]
    items = []
    for it in (plan.model.items if plan else []):
        states = [ir.status for rep in ureps.values() for ir in rep.items if ir.item == it.id]
        state = "已完成" if "已完成" in states else "推进中" if "推进中" in states else "未报告" if not states else "未开展"
        items.append({"id": it.id, "text": it.text, "lead": list(it.lead), "target": it.target.isoformat() if it.target else None, "state": state})
    return {
        "year": year, "as_of": as_of.isoformat(), "plan": plan is not None, "report_due": due.isoformat(), "overdue": as_of > due,
        "units": units, "areas": areas, "items": items,
        "units_reported": sum(u["reported"] for u in units), "areas_reported": sum(a["reported"] for a in areas),
    }
