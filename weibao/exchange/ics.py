"""iCalendar export (icalendar): meetings, open decision deadlines and open case deadlines, with reminders."""

from __future__ import annotations

import datetime as _dt

from weibao.core.dataset import RepoData
from weibao.domain.privacy import redact


def ics_bytes(data: RepoData) -> bytes:
    """Meetings, open 议定事项 deadlines and open case deadlines as all-day events with a 3-day reminder; stable UIDs."""
    from icalendar import Alarm, Calendar, Event

    data = data.redacted()  # what identifies a child never reaches a calendar
    s = data.settings
    cal = Calendar()
    cal.add("prodid", "-//weibao//未保办日程//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{s.office.short_name or s.office.name if s else '未保办'}日程")
    stamp = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)  # fixed: the same data gives the same file
    allowed = data.privacy_allowed()

    def event(uid: str, day: _dt.date, summary: str, description: str | None = None, remind: bool = False) -> Event:
        e = Event()
        summary = redact(summary, allowed)  # what identifies a child never reaches a calendar
        description = redact(description, allowed) if description else description
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
            if d.deadline and d.is_open:
                cal.add_component(event(f"decision-{d.id}", d.deadline, f"议定事项到期：{d.text}",
                                        "牵头：" + "、".join(names.get(u, u) for u in d.lead), remind=True))
    for r in sorted(data.valid("case"), key=lambda r: r.model.id):
        c = r.model
        due = c.effective_deadline()
        if due and c.is_open:
            cal.add_component(event(f"case-{c.id}", due, f"督办到期（{c.level}）：{c.subject}", f"牵头：{names.get(c.lead, c.lead)}", remind=True))
    return cal.to_ical()
