"""规则七 doc-signing: 本办文件由主任签发 (WB613, issue 23).  The signer is checked against the holders data/office.yaml
registers, as of the document's date; nothing is checked where no holder is registered (the notice names no one).
All names are invented samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from weibao.core.repository import Repository
from weibao.lint.engine import validate

DOC = """id: weibaoban-2026-1
type: 通知
issuer: 奈曼旗未成年人保护工作领导小组办公室
number: 奈未保办发〔2026〕1号
signer: {signer}
{delegation}title: 关于开展样例工作的通知
to: [各成员单位]
body: [现将有关事项通知如下（样例）。]
date: {date}
"""
HOLDERS = {
    "director": "    holders:\n      - {id: director-a, name: 甲主任（样例）, unit: minzheng, until: 2026-03-31}\n"
                "      - {id: director-b, name: 乙主任（样例）, unit: minzheng, since: 2026-04-01}\n",
    "executive-deputy": "    holders:\n      - {id: deputy-c, name: 丙副主任（样例）, unit: minzheng, since: 2025-01-01}\n",
}


def prepare(repo: Path, signer: str, date: str, delegation: str = "", holders: bool = True) -> list[tuple[str, int | None]]:
    office = repo / "data/office.yaml"
    text = office.read_text(encoding="utf-8")
    if holders:
        for pid, block in HOLDERS.items():
            at = text.index(f"  - id: {pid}\n")
            hold = text.index("    holders: []\n", at)
            text = text[:hold] + block + text[hold + len("    holders: []\n"):]
    office.write_text(text, encoding="utf-8")
    doc = repo / "data/documents/2026/weibaoban-2026-1.yaml"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(DOC.format(signer=signer, date=date, delegation=delegation), encoding="utf-8")
    report, _ = validate(Repository(repo), as_of=dt.date(2026, 12, 4))
    return [(d.code, d.line) for d in report.diagnostics if d.code in ("WB613", "WB606", "WB614") or d.severity == "error"]


@pytest.mark.parametrize("signer, date, delegation", [
    ("甲主任（样例）", "2026-03-20", ""),                                                   # the director then
    ("乙主任（样例）", "2026-06-01", ""),                                                   # the director now
    ("丙副主任（样例）", "2026-06-01", "signer_delegation: {by: director, date: 2026-05-30}\n"),  # a deputy, delegated
])
def test_a_signer_serving_on_the_date_passes(repo: Path, signer: str, date: str, delegation: str):
    assert prepare(repo, signer, date, delegation) == []


@pytest.mark.parametrize("signer, date, delegation, says", [
    ("甲主任（样例）", "2026-06-01", "", "不是当时在任的主任"),  # left on 2026-03-31
    ("丙副主任（样例）", "2026-06-01", "", "没有写明主任的委托"),
    ("丙副主任（样例）", "2026-06-01", "signer_delegation: {by: director, date: 2026-06-05}\n", "委托日期晚于公文日期"),
    ("某某人（样例）", "2026-06-01", "", "不是当时在任的主任"),
])
def test_a_signer_not_serving_is_wb613(repo: Path, signer: str, date: str, delegation: str, says: str):
    found = prepare(repo, signer, date, delegation)
    assert found == [("WB613", 5)]
    report, _ = validate(Repository(repo), as_of=dt.date(2026, 12, 4))
    message = next(d.message for d in report.diagnostics if d.code == "WB613")
    assert says in message and "2026-06-01 在任的主任：乙主任（样例）" in message


def test_nothing_is_checked_without_registered_holders(repo: Path):
    assert prepare(repo, "某某人（样例）", "2026-06-01", holders=False) == []


CONSULTED = """consultation:
  units: [jiaoti, gongan]
  sent: 2026-06-01
  due: 2026-06-10
  replies:
    - {{unit: jiaoti, date: 2026-06-03, gist: 建议补充校园周边检查的时间安排（样例）}}
{more}"""


@pytest.mark.parametrize("more, date, expected", [
    ("", "2026-06-05", [("WB614", 9)]),                                                     # issued early, 公安 silent
    ("  note: 逾期未回复视为无意见（样例）\n", "2026-06-05", []),                             # … with the reason written
    ("", "2026-06-12", []),                                                                 # issued after the replies were due
    ("    - {unit: gongan, date: 2026-06-04, no_objection: true}\n", "2026-06-05", []),     # everyone answered
    ("    - {unit: fayuan, date: 2026-06-04, no_objection: true}\n", "2026-06-12", [("WB302", 12)]),  # not asked
    ("    - {unit: gongan, date: 2026-05-30, no_objection: true}\n", "2026-06-12", [("WB606", 12)]),  # before it was sent
])
def test_consultation_of_member_units(repo: Path, more: str, date: str, expected: list):
    """规则七：征求相关成员单位意见 — recorded with who answered what and when (WB614, issue 23)."""
    found = prepare(repo, "某主任（样例）", date, CONSULTED.format(more=more), holders=False)
    assert [(c, ln) for c, ln in found if c != "WB613"] == expected


@pytest.mark.parametrize("to, leaders, expected", [
    ("[旗民政局]", "", ["WB615"]),
    ("[领导小组组长、副组长]", "", []),
    ("[某旗长（样例）]", "  leaders:\n    - {role: 组长, name: 某旗长（样例）}\n", []),
    ("[某旗长（样例）]", "", ["WB615"]),
])
def test_a_major_request_goes_to_the_leaders(repo: Path, to: str, leaders: str, expected: list):
    """规则七：重大事项请示领导小组组长、副组长 (WB615, issue 23); the leaders may be registered in settings."""
    settings = repo / "data/weibao.yaml"
    text = settings.read_text(encoding="utf-8")
    at = text.index("leading_group:\n")
    end = text.index("\n", text.index("  name:", at)) + 1
    settings.write_text(text[:end] + leaders + text[end:], encoding="utf-8")
    doc = repo / "data/documents/2026/weibaoban-2026-1.yaml"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(DOC.format(signer="某主任（样例）", date="2026-06-05", delegation="major: true\n").replace("type: 通知", "type: 请示")
                   .replace("to: [各成员单位]", f"to: {to}"), encoding="utf-8")
    report, _ = validate(Repository(repo), as_of=dt.date(2026, 12, 4))
    assert [d.code for d in report.diagnostics if d.severity == "error"] == expected

