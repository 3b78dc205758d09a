"""The scheduled report: validation, overdue and due-soon work, meeting compliance, changes, per-unit counts.

Deterministic: the same data revision and ``as_of`` give the same report (no clock, no machine paths; everything
sorted).  render.report_files lays it out as report.md, report.json, report.html, report.docx.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from weibao.core.git import GitRepo
from weibao.core.progress import step
from weibao.core.repository import Repository
from weibao.domain.privacy import redact_tree
from weibao.domain.roles import LEAD
from weibao.model.case import CLOSED
from weibao.model.meeting import DECISION_OPEN
from weibao.records.cases import case_rows
from weibao.records.meetings import decision_rows, year_check
from weibao.records.units import unit_names

DUE_SOON_DAYS = 14


def revision(repo: Repository) -> str | None:
    """The commit the data is at (None outside git or before the first commit): the report says which data it read."""
    g = GitRepo.find(repo.root)
    return g.head() if g is not None else None


def previous_revision(out_dir: Path) -> str | None:
    """The data revision the report in ``out_dir`` was made from (its report.json), if there is one: the next report
    without --since lists the changes since then."""
    from weibao.core.files import FileRefused, read_regular

    try:  # a regular file of reasonable size only: a FIFO or a link to /dev/zero planted there is not waited on
        previous = json.loads(read_regular(out_dir / "report.json", None, 16 * 1024 * 1024))
    except (FileRefused, ValueError):
        return None
    rev = previous.get("revision") if isinstance(previous, dict) else None
    return rev if isinstance(rev, str) and rev else None


def _since_rev(repo: Repository, since: str) -> str | None:
    """A revision, or a date (YYYY-MM-DD): the last commit before that day (None: no commit yet then)."""
    g = GitRepo.require(repo.root)
    try:
        day = _dt.date.fromisoformat(since)
    except ValueError:
        return g.resolve(since)
    return g.last_before(day)


@step("正在生成定期报告")
def build_report(repo: Repository, as_of: _dt.date, since: str | None = None) -> dict[str, Any]:
    from weibao.lint.engine import validate

    report, data = validate(repo, as_of=as_of)
    data = data.redacted()
    by_code: dict[str, int] = {}
    for d in report.diagnostics:
        by_code[d.code] = by_code.get(d.code, 0) + 1
    names = unit_names(data)
    decisions = decision_rows(data, as_of)
    cases = case_rows(data, as_of)

    def soon(rows: list[dict]) -> list[dict]:
        return [r for r in rows if r.get("days_left") is not None and 0 <= r["days_left"] <= DUE_SOON_DAYS]

    def slim_d(r: dict) -> dict:
        return {k: r[k] for k in ("id", "text", "lead", "deadline", "status", "days_left")}

    def slim_c(r: dict) -> dict:
        return {k: r[k] for k in ("id", "subject", "lead", "level", "deadline", "state", "days_left")}

    units = []
    for u in data.units:
        mine_d = [r for r in decisions if u.id in r["lead"] and r["status"] in DECISION_OPEN]
        mine_c = [r for r in cases if r["lead"] == u.id and r["state"] not in CLOSED]
        units.append({
            "id": u.id, "name": u.name,
            "duties": len(u.duties), "lead_duties": sum(data.duty_role(u, d)[0] == LEAD for d in u.duties),
            "open_decisions": len(mine_d), "open_cases": len(mine_c),
            "overdue": sum(r["overdue"] for r in mine_d) + sum(r["overdue"] for r in mine_c),
        })
    changes = None
    if since:
        from weibao.exchange.history.diff import diff_snapshots
        from weibao.exchange.history.snapshot import WORKTREE, History, Snapshot

        rev = _since_rev(repo, since)  # None: the repository had no commit then, so everything is new
        h = History(repo)
        diff = diff_snapshots(h.snapshot(rev) if rev else Snapshot(), h.snapshot(WORKTREE))
        personnel, duties, other = [], [], []
        for e in diff:
            for ch in e["changes"]:
                if ch.get("personnel"):
                    personnel.append({"unit": e["id"], "name": names.get(e["id"], e["id"]), "role": ch["label"],
                                      "before": (ch["before"] or {}).get("name") if isinstance(ch["before"], dict) else None,
                                      "after": (ch["after"] or {}).get("name") if isinstance(ch["after"], dict) else None})
                elif "duty" in ch:
                    duties.append({"unit": e["id"], "name": names.get(e["id"], e["id"]), "duty": ch["duty"], "action": ch["action"]})
            if not any(ch.get("personnel") or "duty" in ch for ch in e["changes"]):
                other.append({"kind": e["kind"], "id": e["id"], "action": e["action"]})
        changes = {"since": since, "from": rev, "personnel": personnel, "duties": duties, "other": other}
    rep: dict[str, Any] = redact_tree({
        "as_of": as_of.isoformat(),
        "due_soon_days": DUE_SOON_DAYS,
        "revision": revision(repo),
        "office": data.settings.office.name if data.settings else "",
        "validation": {"files": report.files_checked, "errors": report.errors, "warnings": report.warnings, "notes": report.notes,
                       "by_code": dict(sorted(by_code.items()))},
        "decisions": {"overdue": [slim_d(r) for r in decisions if r["overdue"]], "due_soon": [slim_d(r) for r in soon(decisions)]},
        "cases": {"overdue": [slim_c(r) for r in cases if r["overdue"]], "due_soon": [slim_c(r) for r in soon(cases)]},
        "meetings": year_check(data, as_of.year, as_of),
        "changes": changes,
        "units": units,
        "unit_names": names,
    }, data.privacy_allowed())  # what identifies a child never reaches a report, even from a file with errors
    return rep
