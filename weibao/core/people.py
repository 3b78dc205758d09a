"""Who holds an office post on a given day — the one answer that signing (WB613), attendance (WB711–WB713), the
纪要's attendance lines and ``meeting show`` share.

Posts are the positions of data/office.yaml (主任、常务副主任、副主任 with their ``holders``; 办公室成员 and 联络员,
which every member unit has, in the unit files) and the leading group's 组长、副组长 (settings
``leading_group.leaders``).  People carry ``since``/``until``; a person with neither is taken as serving.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from weibao.core.dataset import RepoData

LEADER_POSITIONS = {"leader": ("组长", "领导小组组长"), "deputy-leader": ("副组长", "领导小组副组长")}


def leader_title(position_id: str | None) -> str | None:
    """领导小组组长/副组长 for the leader pseudo-positions, else None."""
    return LEADER_POSITIONS[position_id][1] if position_id in LEADER_POSITIONS else None


def serving(holders: list[Any], day: _dt.date) -> list[Any]:
    """The holders in post on ``day`` (no dates: always)."""
    return [h for h in holders if (h.since is None or h.since <= day) and (h.until is None or day <= h.until)]


def is_serving(person: Any, day: _dt.date) -> bool:
    return bool(serving([person], day))


def registered_people(data: RepoData) -> dict[str, Any]:
    """Person id → the registered person (office position holders, units' office members and liaisons)."""
    out: dict[str, Any] = {}
    o = data.office
    if o:
        for p in o.positions:
            for h in p.holders:
                out.setdefault(h.id, h)
    for u in data.units:
        for slot in (u.office_member, u.liaison):
            if slot is not None:
                out.setdefault(slot.id, slot)
    return out


@dataclass
class Post:
    """One post as the data knows it: its title, whether it exists, and everyone ever registered in it."""

    known: bool
    title: str = ""
    per_unit: bool = False
    holders: list[Any] = field(default_factory=list)  # registered people (with dates), or names for leaders
    registered: bool = False  # whether the data registers anyone for it at all (the notice names no one)


def post(data: RepoData, position_id: str, unit_id: str | None = None) -> Post:
    """The post ``position_id`` (of ``unit_id`` for a per-unit post such as office-member or liaison)."""
    if position_id in LEADER_POSITIONS:
        role, title = LEADER_POSITIONS[position_id]
        s = data.settings
        leaders = [x for x in (s.leading_group.leaders if s else []) if x.role == role]
        return Post(True, title, holders=[x for x in leaders if x.name], registered=any(x.name for x in leaders))
    o = data.office
    pos = next((p for p in (o.positions if o else []) if p.id == position_id), None)
    if pos is None:
        return Post(False)
    if not pos.per_unit:
        return Post(True, pos.name, holders=list(pos.holders), registered=bool(pos.holders))
    unit = next((u for u in data.units if u.id == unit_id), None) if unit_id else None
    slot = getattr(unit, position_id.replace("-", "_"), None) if unit is not None else None
    people = [slot] if slot is not None else [h for h in pos.holders if unit_id and h.unit == unit_id]
    return Post(True, pos.name, per_unit=True, holders=people, registered=bool(people))


def post_names(data: RepoData, position_id: str, unit_id: str | None, day: _dt.date | None) -> tuple[str, list[str]]:
    """The post's title and the names of who held it on ``day`` (everyone registered when ``day`` is None)."""
    p = post(data, position_id, unit_id)
    if not p.known:
        return position_id, []
    if position_id in LEADER_POSITIONS or day is None:
        return p.title, [h.name for h in p.holders]
    return p.title, [h.name for h in serving(p.holders, day)]
