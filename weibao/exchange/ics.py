"""iCalendar feed (icalendar, RFC 5545): meetings as events, deadlines of 议定事项, 督办事项 and 收文 as to-dos.

- UIDs carry the county (``meeting-2026-03-15-director@naimanqi.weibao``), so two counties' feeds never collide in one
  calendar.
- SEQUENCE counts the commits (HEAD's first-parent history) that changed what the entry shows — a deadline, a state,
  a meeting's date or place — plus one when the working tree changed it again; DTSTAMP is the time of the last such
  commit.  Both come from git, so the same repository gives the same file.
- Finished items stay, as COMPLETED or CANCELLED; open ones remind three working days before they are due, at 9:00
  office time (China's holiday schedule, domain/workdays.py); a meeting has its LOCATION.
- ``as_events``: deadlines as all-day events instead, for calendar apps that show no to-dos (an event cannot be
  COMPLETED: a finished one says so in its summary; a cancelled one is CANCELLED).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

from weibao.core.dataset import RepoData
from weibao.domain.privacy import redact
from weibao.domain.workdays import workdays_before

REMIND_WORKDAYS = 3
REMIND_AT = _dt.time(9, 0)
EPOCH = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)  # DTSTAMP of what git has never seen
CASE_DONE, CASE_STOPPED = "办结", "中止"

Entry = tuple[Any, ...]  # what an entry shows that a revision is counted on


def county_slug(data: RepoData) -> str:
    """The county in a UID: the region's name in pinyin (奈曼旗 → naimanqi), ASCII letters and digits only."""
    from pypinyin import lazy_pinyin

    name = data.settings.region.name if data.settings else ""
    slug = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(name)).lower())
    return slug or "county"


def entries_of(kind: str, doc: Any) -> Iterator[tuple[str, Entry]]:
    """(key, what it shows) for each calendar entry a record holds — from a model or a plain dict of an old version."""
    def get(obj: Any, name: str) -> Any:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        return value.isoformat() if isinstance(value, _dt.date) else value

    if kind == "meeting":
        yield f"meeting-{get(doc, 'id')}", (get(doc, "date"), get(doc, "place"), get(doc, "title"))
        for d in get(doc, "decisions") or []:
            yield f"decision-{get(d, 'id')}", (get(d, "deadline"), get(d, "status"))
    elif kind == "case":
        ext = get(doc, "extensions") or []
        due = get(ext[-1], "to") if ext else get(doc, "deadline")
        yield f"case-{get(doc, 'id')}", (due, get(doc, "state"), get(doc, "level"))
    elif kind == "received":
        steps = get(doc, "steps") or []
        yield f"received-{get(doc, 'id')}", (get(doc, "deadline"), any(get(s, "action") == "办结" for s in steps))


FOLDERS = {"meetings": "meeting", "cases": "case", "received": "received"}
# top-level blocks no entry shows: left out before an old version is parsed (a case's log grows with every commit)
UNSHOWN = ("log", "closure", "minutes", "agenda", "attendance", "chair")
_UNSHOWN_BLOCK = re.compile(rf"^(?:{'|'.join(UNSHOWN)}):.*\n(?:(?:[ \t#-].*|[ \t]*)\n)*", re.M)  # indented, blank, comment lines


def slim(text: str) -> str:
    """An old version without the blocks no calendar entry shows (parsing a long progress log dominated the feed)."""
    return _UNSHOWN_BLOCK.sub("", text)


def revisions(data: RepoData) -> dict[str, tuple[int, _dt.datetime]]:
    """Entry key → (SEQUENCE, DTSTAMP) from git: how many times what the entry shows changed after it first appeared
    (the working tree counts once more if it differs from HEAD), and when it last changed in a commit."""
    from weibao.core.git import GitRepo
    from weibao.core.yamlread import parse_plain

    current = {k: v for kind in FOLDERS.values() for r in data.valid(kind) for k, v in entries_of(kind, r.model)}
    out = {k: (0, EPOCH) for k in current}
    g = GitRepo.find(data.repo.root)
    if g is None:
        return out
    prefix = g.rel(data.repo.data_dir)
    versions = g.head_versions([f"{prefix}/{folder}" for folder in FOLDERS])
    blobs = g.blobs({b for _, _, b in versions}, max_bytes=5_000_000)
    seen: dict[str, tuple[Entry, int, int]] = {}  # key → (last shown, changes, time of last change)
    for when, path, blob in versions:
        folder = path[len(prefix) + 1:].split("/", 1)[0]
        kind = FOLDERS.get(folder)
        doc = parse_plain(slim(blobs[blob].decode("utf-8", "replace")), path) if kind and blob in blobs else None
        if not isinstance(doc, dict):
            continue
        for key, shown in entries_of(kind or "", doc):
            prev = seen.get(key)
            if prev is None:
                seen[key] = (shown, 0, when)
            elif prev[0] != shown:
                seen[key] = (shown, prev[1] + 1, when)
    for key, shown in current.items():
        if key in seen:
            last, changes, when = seen[key]
            out[key] = (changes + (last != shown), _dt.datetime.fromtimestamp(when, _dt.UTC))
    return out


def ics_bytes(data: RepoData, as_events: bool = False) -> bytes:
    from icalendar import Alarm, Calendar, Event, Todo

    from weibao.core.clock import zone

    revs = revisions(data)
    data = data.redacted()  # what identifies a child never reaches a calendar
    s = data.settings
    tz = zone(s.timezone if s else None)
    slug = county_slug(data)
    allowed = data.privacy_allowed()
    cal = Calendar()
    cal.add("prodid", "-//weibao//未保办日程//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{s.office.short_name or s.office.name if s else '未保办'}日程")
    cal.add("x-wr-timezone", (s.timezone if s else None) or "Asia/Shanghai")

    def base(component: Any, key: str, summary: str, description: str | None) -> Any:
        seq, stamp = revs.get(key, (0, EPOCH))
        component.add("uid", f"{key}@{slug}.weibao")
        component.add("dtstamp", stamp)
        component.add("sequence", seq)
        component.add("summary", redact(summary, allowed))  # what identifies a child never reaches a calendar
        if description:
            component.add("description", redact(description, allowed))
        return component

    def alarm(component: Any, due: _dt.date, summary: str) -> None:
        day = workdays_before(due, REMIND_WORKDAYS).value
        a = Alarm()
        a.add("action", "DISPLAY")
        a.add("description", redact(f"{REMIND_WORKDAYS} 个工作日后到期：{summary}", allowed))
        a.add("trigger", _dt.datetime.combine(day, REMIND_AT, tz).astimezone(_dt.UTC), parameters={"VALUE": "DATE-TIME"})
        component.add_component(a)

    def deadline(key: str, due: _dt.date, summary: str, description: str, state: str, done_on: _dt.date | None,
                 category: str, priority: int | None = None) -> None:
        if as_events:
            e = base(Event(), key, summary if state != "COMPLETED" else f"（已办结）{summary}", description)
            e.add("dtstart", due)
            e.add("dtend", due + _dt.timedelta(days=1))
            e.add("transp", "TRANSPARENT")
            e.add("status", "CANCELLED" if state == "CANCELLED" else "CONFIRMED")
        else:
            e = base(Todo(), key, summary, description)
            e.add("due", due)
            e.add("status", state)
            if state == "COMPLETED":
                e.add("percent-complete", 100)
                if done_on:
                    e.add("completed", _dt.datetime.combine(done_on, _dt.time(0), tz).astimezone(_dt.UTC))
        e.add("categories", [category])
        if priority:
            e.add("priority", priority)
        if state in ("NEEDS-ACTION", "IN-PROCESS"):
            alarm(e, due, summary)
        cal.add_component(e)

    names = {u.id: u.name for u in data.units}
    for r in sorted(data.valid("meeting"), key=lambda r: (r.model.date, r.model.id)):
        m = r.model
        e = base(Event(), f"meeting-{m.id}", f"{m.type}：{m.title}", None)
        e.add("dtstart", m.date)
        e.add("dtend", m.date + _dt.timedelta(days=1))
        e.add("status", "CONFIRMED")
        e.add("categories", ["会议"])
        if m.place:
            e.add("location", redact(m.place, allowed))
        cal.add_component(e)
        for d in m.decisions:
            if d.deadline:
                state = {"待办": "NEEDS-ACTION", "办理中": "IN-PROCESS", "已办结": "COMPLETED", "已撤销": "CANCELLED"}[d.status]
                deadline(f"decision-{d.id}", d.deadline, f"议定事项到期：{d.text}", "牵头：" + "、".join(names.get(u, u) for u in d.lead),
                         state, d.done_on, "议定事项")
    for r in sorted(data.valid("case"), key=lambda r: r.model.id):
        c = r.model
        due = c.effective_deadline()
        if due:
            state = ("COMPLETED" if c.state == CASE_DONE else "CANCELLED" if c.state == CASE_STOPPED
                     else "NEEDS-ACTION" if c.state == "立案" else "IN-PROCESS")
            done = c.closure.date if c.closure else None
            deadline(f"case-{c.id}", due, f"督办到期（{c.level}）：{c.subject}", f"牵头：{names.get(c.lead, c.lead)}", state, done,
                     "督办事项", 1 if c.level == "挂牌督办" else None)
    for r in sorted(data.valid("received"), key=lambda r: r.model.id):
        x = r.model
        if x.deadline:
            done = x.done_on()
            state = "COMPLETED" if done else "IN-PROCESS" if x.steps else "NEEDS-ACTION"
            deadline(f"received-{x.id}", x.deadline, f"收文办理到期：{x.title}", f"报送单位：{names.get(x.from_unit, x.from_unit)}",
                     state, done, "收文")
    return cal.to_ical()
