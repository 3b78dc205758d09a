"""The scheduled report bundle: validation, overdue and due-soon work, meeting compliance, changes, per-unit counts.

Deterministic: the same data revision and ``as_of`` give byte-identical files
(no clock, no machine paths; everything sorted).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .repo import Repository

DUE_SOON_DAYS = 14


def _revision(repo: Repository) -> str | None:
    try:
        from .history import Git

        g = Git(repo)
        return g.repo.head.commit.hexsha if g.repo.head.is_valid() else None
    except Exception:  # noqa: BLE001 - not a git repository: the report still works
        return None


def _since_rev(repo: Repository, since: str) -> str | None:
    """A revision, or a date (YYYY-MM-DD): the last commit before that day (None: no commit yet then)."""
    from .history import Git

    g = Git(repo)
    try:
        day = _dt.date.fromisoformat(since)
    except ValueError:
        return g.commit(since).hexsha
    sha = g.repo.git.rev_list("-1", f"--before={day.isoformat()} 00:00:00", "HEAD") if g.repo.head.is_valid() else ""
    return sha or None


def build_report(repo: Repository, as_of: _dt.date, since: str | None = None) -> dict[str, Any]:
    from .cases import case_rows
    from .meetings import decision_rows, unit_names, year_check
    from .rules import validate

    report, data = validate(repo, as_of=as_of)
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
        mine_d = [r for r in decisions if u.id in r["lead"] and r["status"] in ("待办", "办理中")]
        mine_c = [r for r in cases if r["lead"] == u.id and r["state"] not in ("办结", "中止")]
        units.append({
            "id": u.id, "name": u.name,
            "duties": len(u.duties), "lead_duties": sum(d.role == "lead" for d in u.duties),
            "open_decisions": len(mine_d), "open_cases": len(mine_c),
            "overdue": sum(r["overdue"] for r in mine_d) + sum(r["overdue"] for r in mine_c),
        })
    changes = None
    if since:
        from .history import WORKTREE, Git, Snapshot, diff_snapshots

        rev = _since_rev(repo, since)  # None: the repository had no commit then, so everything is new
        g = Git(repo)
        diff = diff_snapshots(g.snapshot(rev) if rev else Snapshot(), g.snapshot(WORKTREE))
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
    return {
        "as_of": as_of.isoformat(),
        "revision": _revision(repo),
        "office": data.settings.office.name if data.settings else "",
        "validation": {"files": report.files_checked, "errors": report.errors, "warnings": report.warnings,
                       "by_code": dict(sorted(by_code.items()))},
        "decisions": {"overdue": [slim_d(r) for r in decisions if r["overdue"]], "due_soon": [slim_d(r) for r in soon(decisions)]},
        "cases": {"overdue": [slim_c(r) for r in cases if r["overdue"]], "due_soon": [slim_c(r) for r in soon(cases)]},
        "meetings": year_check(data, as_of.year, as_of),
        "changes": changes,
        "units": units,
        "unit_names": names,
    }


def report_view(rep: dict[str, Any]) -> dict[str, Any]:
    """The report as a document view (for DOCX): numbered sections of short paragraphs."""
    from .numbering import zh_date

    names = rep["unit_names"]
    body: list[str] = []
    v = rep["validation"]
    body.append("一、数据校验")
    body.append(f"检查了 {v['files']} 个数据文件：错误 {v['errors']} 个，警告 {v['warnings']} 个。")
    body += [f"{code}：{n} 个" for code, n in v["by_code"].items()]
    body.append("二、逾期和即将到期")
    for label, rows, key in (("议定事项", rep["decisions"], "text"), ("督办事项", rep["cases"], "subject")):
        body.append(f"{label}逾期 {len(rows['overdue'])} 项，{DUE_SOON_DAYS} 天内到期 {len(rows['due_soon'])} 项。")
        for r in rows["overdue"]:
            leads = [r["lead"]] if isinstance(r["lead"], str) else r["lead"]
            body.append(f"逾期：{r['id']} {r[key]}（牵头：{'、'.join(names.get(x, x) for x in leads)}；时限 {r['deadline']}）")
    m = rep["meetings"]
    body.append(f"三、{m['year']}年会议制度执行情况")
    body += [f"{t['type']}：召开 {len(t['held'])} 次，{t['state']}。" for t in m["types"]]
    body.append("四、人员和职责变化")
    ch = rep["changes"]
    if ch is None:
        body.append("未指定比较起点（--since），本期不列变化。")
    else:
        body.append(f"自 {ch['since']} 以来：人员变更 {len(ch['personnel'])} 项，职责条目变化 {len(ch['duties'])} 项，其他记录变化 {len(ch['other'])} 项。")
        body += [f"{p['name']}{p['role']}：{p['before'] or '（未登记）'} → {p['after'] or '（未登记）'}" for p in ch["personnel"]]
    body.append("五、各成员单位")
    body += [f"{u['name']}：职责 {u['duties']} 条（牵头 {u['lead_duties']} 条），未办结议定事项 {u['open_decisions']} 项，"
             f"未办结督办事项 {u['open_cases']} 件，逾期 {u['overdue']} 项。" for u in rep["units"] if u["open_decisions"] or u["open_cases"]]
    from .model.document import Document
    from .render.view import block

    doc = Document(id="report", type="报告", issuer=rep["office"] or "办公室", mark=f"{rep['office']}", title=f"未成年人保护工作情况报告（截至{zh_date(rep['as_of'])}）",
                   body=["（本报告由 weibao 根据数据仓库自动生成）"], date=_dt.date.fromisoformat(rep["as_of"]), sealed=False, to=[])
    from .render.view import document_view

    view = document_view(doc, None)  # type: ignore[arg-type]  # no attachments: no data needed
    view["body"] = [block(p, heading=True) if p[:2] in ("一、", "二、", "三、", "四、", "五、") else block(p) for p in body]
    view["number"] = None
    return view


def write_report(repo: Repository, rep: dict[str, Any], fmt: str, out_dir) -> list[str]:
    """Write report.md (always), report.json, and report.html / report.docx as asked; return the file names."""
    import json

    from .fmt import atomic_write
    from .render.env import render

    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"report.md": render("report.md.j2", {"r": rep}, [repo.templates_dir]),
             "report.json": json.dumps(rep, ensure_ascii=False, indent=2, sort_keys=True) + "\n"}
    if fmt == "html":
        files["report.html"] = render("report.html.j2", {"r": rep}, [repo.templates_dir])
    if fmt == "docx":
        from .render.docx import document_docx

        files["report.docx"] = document_docx(report_view(rep))
    for name, content in files.items():
        atomic_write(out_dir / name, content)
    return sorted(files)
