"""Exports for the clerk's tools: CSV (UTF-8 with BOM), XLSX (openpyxl), SQLite (foreign keys), iCalendar.

The same five tables feed CSV and XLSX: 成员单位职责, 会议, 议定事项, 督办事项, 文件登记.
``public`` leaves out what the models mark private (a case's progress texts …);
the tables themselves carry no private field, the SQLite case_log table does.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any

from .store import RepoData

ROLE_ZH = {"lead": "牵头", "support": "配合", None: ""}


def _d(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


def tables(data: RepoData) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Table name → (Chinese headers, rows); dates as datetime.date."""
    from .cases import case_rows
    from .meetings import decision_rows, meetings_sorted

    names = {u.id: u.name for u in data.units}
    topics = {t.id: t.name for t in data.one("topics").model.topics} if data.one("topics") else {}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    out["成员单位职责"] = (["单位", "单位id", "排序", "职责编号", "职责原文", "角色", "主题"], [
        [u.name, u.id, u.order, d.id, d.text, ROLE_ZH[d.role], "、".join(topics.get(t, t) for t in d.topics)]
        for u in data.units for d in u.duties])
    out["会议"] = (["会议id", "类型", "日期", "名称", "主持人职务", "纪要报送日期", "纪要印发日期", "议定事项数"], [
        [m.id, m.type, m.date, m.title, m.chair.position, m.minutes.reported_on if m.minutes else None,
         m.minutes.issued_on if m.minutes else None, len(m.decisions)]
        for m in (r.model for r in meetings_sorted(data))])
    out["议定事项"] = (["编号", "会议id", "会议日期", "议定事项", "牵头单位", "配合单位", "完成时限", "状态", "办结日期"], [
        [r["id"], r["meeting"], _d(r["meeting_date"]), r["text"], "、".join(names.get(u, u) for u in r["lead"]),
         "、".join(names.get(u, u) for u in r["support"]), _d(r["deadline"]), r["status"], _d(r["done_on"])]
        for r in decision_rows(data)])
    out["督办事项"] = (["编号", "类别", "级别", "事由", "来源", "牵头单位", "配合单位", "立案日期", "整改时限", "是否延期", "状态"], [
        [r["id"], r["kind"], r["level"], r["subject"], r["source"], names.get(r["lead"], r["lead"]), "、".join(names.get(u, u) for u in r["support"]),
         _d(r["opened"]), _d(r["deadline"]), "是" if r["extended"] else "否", r["state"]]
        for r in case_rows(data, _dt.date(1970, 1, 1))])
    docs = sorted(data.valid("document"), key=lambda r: (r.model.date, r.model.id))
    out["文件登记"] = (["公文id", "发文字号", "成文日期", "文种", "标题", "发文机关", "公开方式"], [
        [d.id, d.number or "", d.date, d.type, d.title, d.issuer, d.disclosure or ""] for d in (r.model for r in docs)])
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(v: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=HYPERLINK(…)) gets a leading apostrophe."""
    return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v


def _cell(v: Any) -> Any:
    return v.isoformat() if isinstance(v, _dt.date) else ("" if v is None else safe_text(v))


def write_csv_dir(data: RepoData, folder: Path) -> list[str]:
    import csv

    from .fmt import atomic_write

    if folder.exists() and not folder.is_dir():
        from .errors import UsageError

        raise UsageError(f"{folder} 是一个文件；csv 导出五张表，--out 应是目录。", hint="例如 --out 导出/")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (headers, rows) in tables(data).items():
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(headers)
        w.writerows([[_cell(v) for v in row] for row in rows])
        atomic_write(folder / f"{name}.csv", "\ufeff" + buf.getvalue())
        written.append(f"{name}.csv")
    return written


WIDTH = {"职责原文": 80, "议定事项": 50, "事由": 40, "标题": 50, "名称": 30}


def xlsx_bytes(data: RepoData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True, name="宋体")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for name, (headers, rows) in tables(data).items():
        ws = wb.create_sheet(name)
        ws.append(headers)
        for row in rows:
            ws.append([safe_text(v) for v in row])
        for c in ws[1]:
            c.font, c.fill = head_font, fill
            c.alignment = Alignment(vertical="center", horizontal="center")
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"  # printed: the header on every page, landscape, as wide as the paper
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        for i, h in enumerate(headers, start=1):
            letter = get_column_letter(i)
            values = [h] + [row[i - 1] for row in rows]
            if any(isinstance(v, _dt.date) for v in values):
                width = 12
                for cell in ws[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
            else:
                longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values if v is not None), default=8)
                width = min(WIDTH.get(h, 40), max(8, longest + 2))
            ws.column_dimensions[letter].width = width
            if width >= 30:
                for cell in ws[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.creator = "weibao"
    wb.properties.created = wb.properties.modified = _dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SCHEMA_SQL = """
CREATE TABLE units (id TEXT PRIMARY KEY, name TEXT NOT NULL, full_name TEXT, ord INTEGER, kind TEXT);
CREATE TABLE duties (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), position INTEGER, text TEXT NOT NULL, role TEXT, topics TEXT);
CREATE TABLE meetings (id TEXT PRIMARY KEY, type TEXT, date TEXT, title TEXT, chair_position TEXT, reported_on TEXT, issued_on TEXT);
CREATE TABLE decisions (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id), text TEXT, deadline TEXT, status TEXT, done_on TEXT);
CREATE TABLE decision_units (decision_id TEXT NOT NULL REFERENCES decisions(id), unit_id TEXT NOT NULL REFERENCES units(id), role TEXT);
CREATE TABLE cases (id TEXT PRIMARY KEY, kind TEXT, level TEXT, subject TEXT, source TEXT, lead_unit TEXT NOT NULL REFERENCES units(id),
                    opened TEXT, deadline TEXT, state TEXT);
CREATE TABLE case_units (case_id TEXT NOT NULL REFERENCES cases(id), unit_id TEXT NOT NULL REFERENCES units(id), role TEXT);
CREATE TABLE case_log (case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER, date TEXT, state TEXT, text TEXT);
CREATE TABLE documents (id TEXT PRIMARY KEY, number TEXT, date TEXT, type TEXT, title TEXT, issuer TEXT, disclosure TEXT);
"""


def write_sqlite(data: RepoData, path: Path, public: bool = False) -> dict[str, int]:
    """One table per record kind, with foreign keys; written to a temporary file and renamed."""
    import os
    import sqlite3
    import tempfile

    if path.is_dir():
        from .errors import UsageError

        raise UsageError(f"{path} 是一个目录，不能写成数据库文件。", hint="例如 --out weibao.db")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    con = sqlite3.connect(tmp)
    ok = False
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(SCHEMA_SQL)
        ins = con.executemany
        ins("INSERT INTO units VALUES (?,?,?,?,?)", [(u.id, u.name, u.full_name, u.order, u.kind) for u in data.units])
        ins("INSERT INTO duties VALUES (?,?,?,?,?,?)", [(d.id, u.id, i, d.text, d.role, ",".join(d.topics)) for u in data.units
                                                        for i, d in enumerate(u.duties, start=1)])
        meetings = [r.model for r in data.valid("meeting")]
        ins("INSERT INTO meetings VALUES (?,?,?,?,?,?,?)", [
            (m.id, m.type, m.date.isoformat(), m.title, m.chair.position, _iso(m.minutes.reported_on if m.minutes else None),
             _iso(m.minutes.issued_on if m.minutes else None)) for m in meetings])
        ins("INSERT INTO decisions VALUES (?,?,?,?,?,?)", [(d.id, m.id, d.text, _iso(d.deadline), d.status, _iso(d.done_on))
                                                         for m in meetings for d in m.decisions])
        ins("INSERT INTO decision_units VALUES (?,?,?)", [(d.id, u, role) for m in meetings for d in m.decisions
                                                         for role, us in (("lead", d.lead), ("support", d.support)) for u in us])
        cases = [r.model for r in data.valid("case")]
        ins("INSERT INTO cases VALUES (?,?,?,?,?,?,?,?,?)", [
            (c.id, c.kind, c.level, c.subject, c.source.kind, c.lead, c.opened.isoformat(), _iso(c.effective_deadline()), c.state) for c in cases])
        ins("INSERT INTO case_units VALUES (?,?,?)", [(c.id, u, "support") for c in cases for u in c.support] + [(c.id, c.lead, "lead") for c in cases])
        ins("INSERT INTO case_log VALUES (?,?,?,?,?)", [(c.id, i, e.date.isoformat(), e.state, None if public else e.text)
                                                      for c in cases for i, e in enumerate(c.log, start=1)])
        ins("INSERT INTO documents VALUES (?,?,?,?,?,?,?)", [(d.id, d.number, d.date.isoformat(), d.type, d.title, d.issuer, d.disclosure)
                                                            for d in (r.model for r in data.valid("document"))])
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise ValueError(f"外键不一致：{bad[:3]}")
        con.commit()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in  # noqa: S608 - fixed names
                  ("units", "duties", "meetings", "decisions", "cases", "case_log", "documents")}
        ok = True
    finally:
        con.close()
        if not ok and os.path.exists(tmp):  # never leave a half-written database (with private texts) behind
            os.unlink(tmp)
    os.replace(tmp, path)
    return counts


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def ics_bytes(data: RepoData) -> bytes:
    """Meetings, open 议定事项 deadlines and open case deadlines as all-day events with a 3-day reminder; stable UIDs."""
    from icalendar import Alarm, Calendar, Event

    s = data.settings
    cal = Calendar()
    cal.add("prodid", "-//weibao//未保办日程//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{s.office.short_name or s.office.name if s else '未保办'}日程")
    stamp = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)  # fixed: the same data gives the same file

    def event(uid: str, day: _dt.date, summary: str, description: str | None = None, remind: bool = False) -> Event:
        e = Event()
        e.add("uid", f"{uid}@weibao")
        e.add("dtstamp", stamp)
        e.add("dtstart", day)
        e.add("dtend", day + _dt.timedelta(days=1))
        e.add("summary", summary)
        if description:
            e.add("description", description)
        if remind:
            a = Alarm()
            a.add("action", "DISPLAY")
            a.add("description", summary)
            a.add("trigger", _dt.timedelta(days=-3))
            e.add_component(a)
        return e

    names = {u.id: u.name for u in data.units}
    for r in sorted(data.valid("meeting"), key=lambda r: (r.model.date, r.model.id)):
        m = r.model
        cal.add_component(event(f"meeting-{m.id}", m.date, f"{m.type}：{m.title}"))
        for d in m.decisions:
            if d.deadline and d.status in ("待办", "办理中"):
                cal.add_component(event(f"decision-{d.id}", d.deadline, f"议定事项到期：{d.text}",
                                        "牵头：" + "、".join(names.get(u, u) for u in d.lead), remind=True))
    for r in sorted(data.valid("case"), key=lambda r: r.model.id):
        c = r.model
        due = c.effective_deadline()
        if due and c.state not in ("办结", "中止"):
            cal.add_component(event(f"case-{c.id}", due, f"督办到期（{c.level}）：{c.subject}", f"牵头：{names.get(c.lead, c.lead)}", remind=True))
    return cal.to_ical()
