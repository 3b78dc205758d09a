"""Topics × units: who leads (牵头) and who supports (配合) each topic, from the duty items' tags.

A unit leads a topic when any of its duty items tagged with the topic leads, as domain/roles.py decides the
item's role (the same decision validate, who, report and export use); otherwise it supports.
"""

from __future__ import annotations

from typing import Any

from weibao.domain.cells import csv_text
from weibao.domain.roles import LEAD, ROLE_ZH, SUPPORT
from weibao.domain.text import md_guard

MARK = ROLE_ZH
LEGEND = ("牵头：本单位在该主题上有牵头的职责条目（原文写明牵头、负责、督促指导、会同，或是本单位自己要做的事）；"
          "配合：该主题上的职责条目都写明配合、协助或支持其他部门。规则见 docs/roles.md。")


def build(index: dict[str, Any]) -> tuple[list[dict], list[dict], dict[tuple[str, str], str]]:
    """(topics, units, cells) where cells[(topic_id, unit_id)] is lead or support."""
    cells: dict[tuple[str, str], str] = {}
    rank = {LEAD: 2, SUPPORT: 1}
    for u in index["units"]:
        for d in u["duties"]:
            role = d["role"]
            for t in d["topics"]:
                key = (t, u["id"])
                if rank[role] > rank.get(cells.get(key, ""), 0):
                    cells[key] = role
    return index["topics"], index["units"], cells


def _block(title: str, names_by_role: dict[str, list[str]]) -> str:
    parts = [f"{MARK[role]}：{'、'.join(names)}" for role, names in names_by_role.items() if names]
    return f"{title}\n    " + ("\n    ".join(parts) if parts else "（无）")


def as_text(index: dict[str, Any], by: str = "topic") -> str:
    topics, units, cells = build(index)
    roles = (LEAD, SUPPORT)
    lines = []
    if by == "unit":
        for u in units:
            lines.append(_block(u["name"], {r: [t["name"] for t in topics if cells.get((t["id"], u["id"])) == r] for r in roles}))
    else:
        group = None
        for t in topics:
            if t["group"] != group:
                group = t["group"]
                lines.append(f"【{group}】")
            lines.append(_block(t["name"], {r: [u["name"] for u in units if cells.get((t["id"], u["id"])) == r] for r in roles}))
    return "\n".join(lines) + "\n" + LEGEND + "\n"


def _grid(index: dict[str, Any], by: str) -> list[list[str]]:
    topics, units, cells = build(index)
    if by == "unit":
        rows = [["成员单位", *[t["name"] for t in topics]]]
        rows += [[u["name"], *[MARK.get(cells.get((t["id"], u["id"]), ""), "") for t in topics]] for u in units]
    else:
        rows = [["主题", "分组", *[u["name"] for u in units]]]
        rows += [[t["name"], t["group"], *[MARK.get(cells.get((t["id"], u["id"]), ""), "") for u in units]] for t in topics]
    return rows


def as_csv(index: dict[str, Any], by: str = "topic") -> str:
    return csv_text(_grid(index, by), lineterminator="\n")  # BOM, and no cell a spreadsheet runs as a formula


def as_markdown(index: dict[str, Any], by: str = "topic") -> str:
    rows = _grid(index, by)
    out = ["| " + " | ".join(md_guard(c) for c in rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    out += ["| " + " | ".join(md_guard(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(out) + "\n\n" + LEGEND + "\n"
