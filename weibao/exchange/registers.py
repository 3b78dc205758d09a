"""Registers as files to print or pass on: the roster of office members and liaisons (规则四（六）) as an Excel or a
Word table."""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import RepoData
from weibao.exchange.docx_table import docx_table
from weibao.exchange.xlsx import xlsx_tables

ROSTER_SHEET = "办公室成员和联络员"
ROSTER_WIDTHS = {"序号": 0.5, "成员单位": 1.8, "身份": 1.0, "姓名": 1.0, "职务": 1.4, "办公电话": 1.3, "任职日期": 1.1, "函告备案日期": 1.2}


def roster_title(data: RepoData) -> str:
    group = data.settings.leading_group.name if data.settings else "未成年人保护工作领导小组"
    return f"{group}成员单位办公室成员和联络员名册"


def roster_note(rows: list[dict[str, Any]]) -> str:
    units = len({r["unit"] for r in rows})
    filled = sum(1 for r in rows if r["name"])
    return (f"共 {units} 个成员单位，已登记 {filled} 人，未登记 {len(rows) - filled} 个（由所在单位函告备案后填写）；"
            "办公电话为公务联系方式")


def roster_file(data: RepoData, rows: list[dict[str, Any]], headers: list[str], table: list[list[Any]], kind: str) -> bytes:
    """The roster as ``.xlsx`` or ``.docx`` bytes (the same bytes for the same data)."""
    if kind == ".docx":
        return docx_table(roster_title(data), headers, table, note=roster_note(rows), widths=ROSTER_WIDTHS)
    return xlsx_tables({ROSTER_SHEET: (headers, table)})
