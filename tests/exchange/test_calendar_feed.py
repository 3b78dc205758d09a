"""The calendar feed (issue 24): county UIDs, SEQUENCE and DTSTAMP from git, finished items kept as COMPLETED or
CANCELLED, reminders three working days before (China's holiday schedule), LOCATION — read back with the icalendar
parser and checked against the rules of RFC 5545 it must follow."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from conftest import add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
UTC = dt.UTC


def _git(repo: Path, *args: str, when: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-c", "user.name=样例", "-c", "user.email=sample@example.invalid", *args], cwd=repo, check=True,
                   capture_output=True, env=env)


def feed(repo: Path, *extra: str) -> bytes:
    out = repo.parent / "feed.ics"  # the file's own bytes (CRLF), as a calendar reads them
    r = runner.invoke(app, ["--repo", str(repo), "export", "--format", "ics", "--out", str(out), *extra])
    assert r.exit_code == 0, r.output
    return out.read_bytes()


@pytest.fixture
def history(repo: Path) -> Path:
    """The samples committed on 2026-03-01; then the deadlines of one case and one decision moved (2026-09-01);
    then, not committed, the case moved on to 整改中."""
    add_samples(repo)
    _git(repo, "init", "-q", when="2026-03-01T10:00:00+08:00")
    _git(repo, "add", "-A", when="2026-03-01T10:00:00+08:00")
    _git(repo, "commit", "-qm", "样例", when="2026-03-01T10:00:00+08:00")
    case = repo / "data/cases/2026/db-2026-4.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("deadline: 2026-08-31", "deadline: 2026-09-30"), encoding="utf-8")
    topic = repo / "data/meetings/2026/2026-05-10-topic.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("deadline: 2026-07-31", "deadline: 2026-10-09"), encoding="utf-8")
    _git(repo, "commit", "-qam", "时限调整", when="2026-09-01T09:30:00+08:00")
    r = runner.invoke(app, ["--repo", str(repo), "case", "move", "db-2026-4", "整改中", "--note", "样例", "--date", "2026-09-02"])
    assert r.exit_code == 0, r.output
    return repo


def components(raw: bytes) -> dict[str, object]:
    from icalendar import Calendar

    cal = Calendar.from_ical(raw)
    return {str(c["uid"]): c for c in cal.walk() if c.name in ("VEVENT", "VTODO")}


def test_revisions_state_and_reminders(history: Path):
    raw = feed(history)
    items = components(raw)
    assert all(uid.endswith("@naimanqi.weibao") for uid in items)  # the county is in every UID
    case = items["case-db-2026-4@naimanqi.weibao"]
    assert case.name == "VTODO" and case.decoded("due") == dt.date(2026, 9, 30)
    assert case["sequence"] == 2  # the deadline moved in a commit, the state in the working tree
    assert case.decoded("dtstamp") == dt.datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # when it last changed in a commit
    assert str(case["status"]) == "IN-PROCESS"
    untouched = items["case-db-2026-1@naimanqi.weibao"]
    assert untouched["sequence"] == 0 and untouched.decoded("dtstamp") == dt.datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    decision = items["decision-2026-05-10-topic-1@naimanqi.weibao"]
    assert decision["sequence"] == 1 and str(decision["status"]) == "IN-PROCESS"
    # reminded three working days before 2026-10-09 at 9:00 Beijing time: 10-08, then 09-30 and 09-29 (国庆 in between)
    (alarm,) = decision.walk("VALARM")
    assert alarm.decoded("trigger") == dt.datetime(2026, 9, 29, 1, 0, tzinfo=UTC)
    # finished items stay: COMPLETED (with when), CANCELLED; no reminder for them
    done = items["decision-2026-03-15-director-1@naimanqi.weibao"]
    assert str(done["status"]) == "COMPLETED" and done.decoded("completed") == dt.datetime(2026, 4, 9, 16, 0, tzinfo=UTC)
    assert not list(done.walk("VALARM"))
    assert str(items["case-db-2026-3@naimanqi.weibao"]["status"]) == "COMPLETED"
    assert str(items["case-db-2026-5@naimanqi.weibao"]["status"]) == "CANCELLED"
    listed = items["case-db-2026-2@naimanqi.weibao"]
    assert listed["priority"] == 1 and listed.decoded("due") == dt.date(2026, 6, 15)  # 挂牌督办, deadline as extended
    meeting = items["meeting-2026-03-15-director@naimanqi.weibao"]
    assert meeting.name == "VEVENT" and str(meeting["location"]) == "旗民政局会议室"
    assert feed(history) == raw  # the same repository gives the same bytes


def test_rfc5545_rules(history: Path):
    """What RFC 5545 asks of these components, checked on the bytes and on the parsed feed."""
    from icalendar import Calendar

    for raw in (feed(history), feed(history, "--deadlines-as-events")):
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line breaks (3.1)
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets (3.1)
        cal = Calendar.from_ical(raw)
        assert str(cal["version"]) == "2.0" and cal.get("prodid")  # 3.6: VERSION and PRODID required
        for c in cal.walk():
            if c.name in ("VEVENT", "VTODO"):
                names = [k for k, _v in c.property_items(recursive=False)]
                assert names.count("UID") == 1 and names.count("DTSTAMP") == 1  # 3.6.1, 3.6.2: exactly once each
                assert all(names.count(p) <= 1 for p in ("DUE", "DTSTART", "DTEND", "STATUS", "SEQUENCE", "SUMMARY", "LOCATION"))
                assert c.decoded("dtstamp").tzinfo is not None and c.decoded("dtstamp").utcoffset() == dt.timedelta(0)
                allowed = {"VEVENT": {"TENTATIVE", "CONFIRMED", "CANCELLED"},
                           "VTODO": {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"}}[c.name]
                assert str(c["status"]) in allowed  # 3.8.1.11
                if c.name == "VTODO":
                    assert "dtend" not in c and ("due" in c)  # 3.6.2: DUE, never with DURATION
                if c.name == "VEVENT":
                    assert c.decoded("dtend") > c.decoded("dtstart")
            if c.name == "VALARM":  # 3.6.6: a DISPLAY alarm has ACTION, TRIGGER and DESCRIPTION
                assert str(c["action"]) == "DISPLAY" and c.get("description")
                assert c["trigger"].params.get("VALUE") == "DATE-TIME"  # an absolute trigger says so, in UTC
                assert c.decoded("trigger").utcoffset() == dt.timedelta(0)


def test_deadlines_as_events_for_calendars_without_to_dos(history: Path):
    items = components(feed(history, "--deadlines-as-events"))
    assert {c.name for c in items.values()} == {"VEVENT"}
    done = items["decision-2026-03-15-director-1@naimanqi.weibao"]
    assert str(done["summary"]).startswith("（已办结）") and str(done["status"]) == "CONFIRMED"
    assert str(items["case-db-2026-5@naimanqi.weibao"]["status"]) == "CANCELLED"
    assert items["case-db-2026-4@naimanqi.weibao"].decoded("dtstart") == dt.date(2026, 9, 30)


def test_a_feed_without_git_is_still_reproducible(repo: Path):
    add_samples(repo)
    items = components(feed(repo))
    case = items["case-db-2026-4@naimanqi.weibao"]
    assert case["sequence"] == 0 and case.decoded("dtstamp") == dt.datetime(2000, 1, 1, tzinfo=UTC)


def test_old_versions_are_read_without_what_no_entry_shows():
    from weibao.exchange.ics import entries_of, slim

    text = ("id: db-2026-9\nlevel: 挂牌督办\ndeadline: 2026-05-31\nlog:\n  - date: 2026-03-02\n    text: |-\n      第一行\n\n      第二行\n"
            "# 一条注释\n  - date: 2026-03-05\n    text: 样例\nstate: 督办中\nextensions:\n  - {date: 2026-04-01, to: 2026-06-30}\nclosure:\n  date: x\n")
    import yaml

    assert slim(text) == "id: db-2026-9\nlevel: 挂牌督办\ndeadline: 2026-05-31\nstate: 督办中\nextensions:\n  - {date: 2026-04-01, to: 2026-06-30}\n"
    doc = yaml.safe_load(slim(text))
    assert dict(entries_of("case", doc)) == {"case-db-2026-9": ("2026-06-30", "督办中", "挂牌督办")}  # the extended deadline
