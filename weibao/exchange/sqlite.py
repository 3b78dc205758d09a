"""SQLite export: one table per record kind, with foreign keys; the file appears whole or not at all."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from weibao.core.dataset import RepoData
from weibao.core.files import remove_quietly, temp_path
from weibao.domain.privacy import redact_tree
from weibao.errors import StorageError, UsageError, storage_error

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
CREATE TABLE received (id TEXT PRIMARY KEY, from_unit TEXT NOT NULL REFERENCES units(id), number TEXT, title TEXT, received_on TEXT,
  deadline TEXT, done_on TEXT);
CREATE TABLE received_steps (received_id TEXT NOT NULL REFERENCES received(id), seq INTEGER, date TEXT, action TEXT, to_whom TEXT, note TEXT);
"""


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
        ins("INSERT INTO duties VALUES (?,?,?,?,?,?)", [(d.id, u.id, i, d.text, data.duty_role(u, d)[0], ",".join(d.topics)) for u in data.units
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
        received = [r.model for r in data.valid("received")]
        ins("INSERT INTO received VALUES (?,?,?,?,?,?,?)", [(x.id, x.from_unit, x.number, x.title, x.received_on.isoformat(), _iso(x.deadline),
                                                            _iso(x.done_on())) for x in received])
        ins("INSERT INTO received_steps VALUES (?,?,?,?,?,?)", [(x.id, i, s.date.isoformat(), s.action, s.to, None if public else s.note)
                                                               for x in received for i, s in enumerate(x.steps, start=1)])
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise sqlite3.IntegrityError(f"外键不一致：{bad[:3]}")
        con.commit()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in  # noqa: S608 - fixed names
                  ("units", "duties", "meetings", "decisions", "cases", "case_log", "documents", "received")}
    finally:
        con.close()
    return counts


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None
