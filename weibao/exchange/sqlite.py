"""SQLite export: a table per record kind and a link table per list of units or topics, with primary keys, foreign
keys and an index on every foreign-key column (datasette and sqlite-utils show the links and facet on them); the file
appears whole or not at all."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from weibao.core.dataset import RepoData
from weibao.core.files import remove_quietly, temp_path
from weibao.core.people import post_names
from weibao.domain.privacy import redact_tree
from weibao.errors import StorageError, UsageError, storage_error

SCHEMA_SQL = """
CREATE TABLE units (id TEXT PRIMARY KEY, name TEXT NOT NULL, full_name TEXT, ord INTEGER, kind TEXT);
CREATE TABLE topics (id TEXT PRIMARY KEY, name TEXT NOT NULL, grp TEXT, description TEXT);
CREATE TABLE duties (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), position INTEGER, text TEXT NOT NULL, role TEXT);
CREATE TABLE duty_topics (duty_id TEXT NOT NULL REFERENCES duties(id), topic_id TEXT NOT NULL REFERENCES topics(id),
  PRIMARY KEY (duty_id, topic_id));
CREATE TABLE meetings (id TEXT PRIMARY KEY, type TEXT, date TEXT, title TEXT, place TEXT, chair_position TEXT, chair_title TEXT,
  reported_on TEXT, issued_on TEXT);
CREATE TABLE decisions (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id), text TEXT, deadline TEXT,
  deadline_workdays INTEGER, status TEXT, done_on TEXT);
CREATE TABLE decision_units (decision_id TEXT NOT NULL REFERENCES decisions(id), unit_id TEXT NOT NULL REFERENCES units(id),
  role TEXT NOT NULL, PRIMARY KEY (decision_id, unit_id, role));
CREATE TABLE cases (id TEXT PRIMARY KEY, kind TEXT, level TEXT, subject TEXT, source TEXT, lead_unit TEXT NOT NULL REFERENCES units(id),
  opened TEXT, deadline TEXT, state TEXT);
CREATE TABLE case_units (case_id TEXT NOT NULL REFERENCES cases(id), unit_id TEXT NOT NULL REFERENCES units(id), role TEXT NOT NULL,
  PRIMARY KEY (case_id, unit_id, role));
CREATE TABLE case_log (case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, date TEXT, state TEXT, text TEXT,
  PRIMARY KEY (case_id, seq));
CREATE TABLE documents (id TEXT PRIMARY KEY, number TEXT, date TEXT, type TEXT, title TEXT, issuer TEXT, disclosure TEXT);
CREATE TABLE received (id TEXT PRIMARY KEY, from_unit TEXT NOT NULL REFERENCES units(id), number TEXT, title TEXT, received_on TEXT,
  deadline TEXT, done_on TEXT);
CREATE TABLE received_steps (received_id TEXT NOT NULL REFERENCES received(id), seq INTEGER NOT NULL, date TEXT, action TEXT,
  to_whom TEXT, note TEXT, PRIMARY KEY (received_id, seq));
CREATE TABLE research (id TEXT PRIMARY KEY, kind TEXT, theme TEXT, organiser TEXT, start TEXT, "end" TEXT,
  report_document TEXT REFERENCES documents(id), report_submitted_on TEXT);
CREATE TABLE research_units (research_id TEXT NOT NULL REFERENCES research(id), unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (research_id, unit_id));
CREATE TABLE notifications (id TEXT PRIMARY KEY, date TEXT, category TEXT, title TEXT, number TEXT, print_date TEXT);
CREATE TABLE areas (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, mechanism INTEGER, mechanism_since TEXT, station_kind TEXT,
  station_since TEXT, villages INTEGER, villages_designated INTEGER);
CREATE TABLE annual_plans (year INTEGER PRIMARY KEY, report_due TEXT);
CREATE TABLE plan_items (key TEXT PRIMARY KEY, year INTEGER NOT NULL REFERENCES annual_plans(year), id TEXT NOT NULL, text TEXT,
  target TEXT);
CREATE TABLE plan_item_units (item_key TEXT NOT NULL REFERENCES plan_items(key), unit_id TEXT NOT NULL REFERENCES units(id),
  role TEXT NOT NULL, PRIMARY KEY (item_key, unit_id, role));
CREATE TABLE unit_reports (unit_id TEXT NOT NULL REFERENCES units(id), year INTEGER NOT NULL, submitted_on TEXT,
  PRIMARY KEY (unit_id, year));
CREATE TABLE area_reports (area_id TEXT NOT NULL REFERENCES areas(id), year INTEGER NOT NULL, submitted_on TEXT,
  PRIMARY KEY (area_id, year));
CREATE INDEX duties_unit ON duties(unit_id);
CREATE INDEX duty_topics_topic ON duty_topics(topic_id);
CREATE INDEX decisions_meeting ON decisions(meeting_id);
CREATE INDEX decision_units_unit ON decision_units(unit_id);
CREATE INDEX cases_lead ON cases(lead_unit);
CREATE INDEX case_units_unit ON case_units(unit_id);
CREATE INDEX received_unit ON received(from_unit);
CREATE INDEX research_document ON research(report_document);
CREATE INDEX research_units_unit ON research_units(unit_id);
CREATE INDEX plan_items_year ON plan_items(year);
CREATE INDEX plan_item_units_unit ON plan_item_units(unit_id);
CREATE INDEX area_reports_area ON area_reports(area_id);
"""
TABLES = ("units", "topics", "duties", "duty_topics", "meetings", "decisions", "decision_units", "cases", "case_units", "case_log",
          "documents", "received", "received_steps", "research", "research_units", "notifications", "areas", "annual_plans",
          "plan_items", "plan_item_units", "unit_reports", "area_reports")


def write_sqlite(data: RepoData, path: Path, public: bool = False) -> dict[str, int]:
    """One table per record kind, with foreign keys; built in a temporary file beside ``path``, then renamed over it.
    A full disk or a folder that cannot be written is a Chinese StorageError; no partial database is left behind."""
    if path.is_dir():
        raise UsageError(f"{path} 是一个目录，不能写成数据库文件。", hint="例如 --out weibao.db")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, "写入") from None
    tmp = temp_path(path)
    try:  # created here first, so that a full disk or a read-only folder is named as such (sqlite only says "unable to open")
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    except OSError as exc:
        raise storage_error(exc, "写入") from None
    try:
        counts = _fill(tmp, data, public)
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        remove_quietly(tmp)  # never leave a half-written database (with private texts) behind
        raise StorageError(f"无法写入 {path}：{_sqlite_reason(exc)}。", hint="检查磁盘空间和写入权限；没有写入任何文件。") from None
    except OSError as exc:
        remove_quietly(tmp)
        raise storage_error(exc, "写入") from None
    except BaseException:
        remove_quietly(tmp)
        raise
    return counts


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "磁盘空间已满"
    if "readonly" in text or "read-only" in text:
        return "文件系统是只读的"
    if "unable to open" in text:
        return "无法创建文件（检查目录是否存在、是否有权限）"
    return f"数据库出错（{exc}）"


def _fill(tmp: Path, data: RepoData, public: bool) -> dict[str, int]:
    data = data.redacted()  # what identifies a child never reaches the file
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(SCHEMA_SQL)
        allowed = data.privacy_allowed()

        def ins(sql: str, rows: list[tuple[Any, ...]]) -> None:  # what identifies a child never reaches the file
            con.executemany(sql, [redact_tree(row, allowed) for row in rows])

        ins("INSERT INTO units VALUES (?,?,?,?,?)", [(u.id, u.name, u.full_name, u.order, u.kind) for u in data.units])
        topics_rec = data.one("topics")
        topics = list(topics_rec.model.topics) if topics_rec else []
        ins("INSERT INTO topics VALUES (?,?,?,?)", [(t.id, t.name, t.group, t.description) for t in topics])
        ins("INSERT INTO duties VALUES (?,?,?,?,?)", [(d.id, u.id, i, d.text, data.duty_role(u, d)[0]) for u in data.units
                                                      for i, d in enumerate(u.duties, start=1)])
        known_topics = {t.id for t in topics}
        ins("INSERT INTO duty_topics VALUES (?,?)", [(d.id, t) for u in data.units for d in u.duties for t in dict.fromkeys(d.topics)
                                                     if t in known_topics])
        meetings = [r.model for r in data.valid("meeting")]
        ins("INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?)", [
            (m.id, m.type, m.date.isoformat(), m.title, m.place, m.chair.position, post_names(data, m.chair.position, None, None)[0],
             _iso(m.minutes.reported_on if m.minutes else None), _iso(m.minutes.issued_on if m.minutes else None)) for m in meetings])
        ins("INSERT INTO decisions VALUES (?,?,?,?,?,?,?)", [(d.id, m.id, d.text, _iso(d.deadline), d.deadline_workdays, d.status, _iso(d.done_on))
                                                           for m in meetings for d in m.decisions])
        ins("INSERT INTO decision_units VALUES (?,?,?)", list(dict.fromkeys(
            (d.id, u, role) for m in meetings for d in m.decisions for role, us in (("lead", d.lead), ("support", d.support)) for u in us)))
        cases = [r.model for r in data.valid("case")]
        ins("INSERT INTO cases VALUES (?,?,?,?,?,?,?,?,?)", [
            (c.id, c.kind, c.level, c.subject, c.source.kind, c.lead, c.opened.isoformat(), _iso(c.effective_deadline()), c.state) for c in cases])
        ins("INSERT INTO case_units VALUES (?,?,?)", list(dict.fromkeys(
            [(c.id, u, "support") for c in cases for u in c.support] + [(c.id, c.lead, "lead") for c in cases])))
        ins("INSERT INTO case_log VALUES (?,?,?,?,?)", [(c.id, i, e.date.isoformat(), e.state, None if public else e.text)
                                                      for c in cases for i, e in enumerate(c.log, start=1)])
        ins("INSERT INTO documents VALUES (?,?,?,?,?,?,?)", [(d.id, d.number, d.date.isoformat(), d.type, d.title, d.issuer, d.disclosure)
                                                            for d in (r.model for r in data.valid("document"))])
        received = [r.model for r in data.valid("received")]
        ins("INSERT INTO received VALUES (?,?,?,?,?,?,?)", [(x.id, x.from_unit, x.number, x.title, x.received_on.isoformat(), _iso(x.deadline),
                                                            _iso(x.done_on())) for x in received])
        ins("INSERT INTO received_steps VALUES (?,?,?,?,?,?)", [(x.id, i, s.date.isoformat(), s.action, s.to, None if public else s.note)
                                                               for x in received for i, s in enumerate(x.steps, start=1)])
        documents = {r.model.id for r in data.valid("document")}
        studies = [r.model for r in data.valid("research")]
        ins("INSERT INTO research VALUES (?,?,?,?,?,?,?,?)", [
            (x.id, x.kind, x.theme, x.organiser, x.start.isoformat(), _iso(x.end),
             x.report.document if x.report and x.report.document in documents else None, _iso(x.report.submitted_on if x.report else None))
            for x in studies])
        ins("INSERT INTO research_units VALUES (?,?)", list(dict.fromkeys((x.id, u) for x in studies for u in x.units)))
        ins("INSERT INTO notifications VALUES (?,?,?,?,?,?)", [(n.id, n.date.isoformat(), n.category, n.title, n.number, _iso(n.print_date))
                                                              for n in (r.model for r in data.valid("notification"))])
        areas = [r.model for r in data.valid("area")]
        ins("INSERT INTO areas VALUES (?,?,?,?,?,?,?,?,?)", [
            (a.id, a.name, a.kind, int(a.mechanism.exists), _iso(a.mechanism.since), a.station.kind if a.station else None,
             _iso(a.station.since if a.station else None), len(a.villages), sum(1 for v in a.villages if v.designated)) for a in areas])
        plans = [r.model for r in data.valid("annual_plan")]
        ins("INSERT INTO annual_plans VALUES (?,?)", [(p.year, _iso(p.report_due)) for p in plans])
        ins("INSERT INTO plan_items VALUES (?,?,?,?,?)", [(f"{p.year}-{it.id}", p.year, it.id, it.text, _iso(it.target))
                                                          for p in plans for it in p.items])
        ins("INSERT INTO plan_item_units VALUES (?,?,?)", list(dict.fromkeys(
            (f"{p.year}-{it.id}", u, role) for p in plans for it in p.items for role, us in (("lead", it.lead), ("support", it.support))
            for u in us)))
        ins("INSERT INTO unit_reports VALUES (?,?,?)", [(x.unit, x.year, x.submitted_on.isoformat()) for x in (r.model for r in data.valid("unit_report"))])
        ins("INSERT INTO area_reports VALUES (?,?,?)", [(x.area, x.year, x.submitted_on.isoformat()) for x in (r.model for r in data.valid("area_report"))])
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise sqlite3.IntegrityError(f"外键不一致：{bad[:3]}")
        con.commit()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608 - fixed names
    finally:
        con.close()
    return counts


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None
