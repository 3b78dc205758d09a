"""The yearly cycle: who has reported, the assembled draft summary (工作总结); notifications as 通报; scaffolds."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from .errors import UsageError, WeibaoError
from .numbering import zh_date, zh_number
from .repo import Repository
from .store import RepoData, Record


def _plan(data: RepoData, year: int) -> Record | None:
    return next((r for r in data.valid("annual_plan") if r.model.year == year), None)


def status(data: RepoData, year: int, as_of: _dt.date) -> dict[str, Any]:
    """Which member units and areas have reported for the year; the plan's items and their reported state."""
    plan = _plan(data, year)
    due = (plan.model.report_due if plan and plan.model.report_due else _dt.date(year, 12, 31))
    ureps = {r.model.unit: r.model for r in data.valid("unit_report") if r.model.year == year}
    areps = {r.model.area: r.model for r in data.valid("area_report") if r.model.year == year}
    units = [{"id": u.id, "name": u.name, "reported": u.id in ureps,
              "submitted_on": ureps[u.id].submitted_on.isoformat() if u.id in ureps else None} for u in data.units]
    areas = [{"id": r.model.id, "name": r.model.name, "reported": r.model.id in areps,
              "submitted_on": areps[r.model.id].submitted_on.isoformat() if r.model.id in areps else None}
             for r in sorted(data.valid("area"), key=lambda r: r.model.id)]
    items = []
    for it in (plan.model.items if plan else []):
        states = [ir.status for rep in ureps.values() for ir in rep.items if ir.item == it.id]
        state = "已完成" if "已完成" in states else "推进中" if "推进中" in states else "未报告" if not states else "未开展"
        items.append({"id": it.id, "text": it.text, "lead": list(it.lead), "target": it.target.isoformat() if it.target else None, "state": state})
    return {
        "year": year, "as_of": as_of.isoformat(), "plan": plan is not None, "report_due": due.isoformat(), "overdue": as_of > due,
        "units": units, "areas": areas, "items": items,
        "units_reported": sum(u["reported"] for u in units), "areas_reported": sum(a["reported"] for a in areas),
    }


def summary_view(data: RepoData, year: int, as_of: _dt.date) -> dict[str, Any]:
    """The draft 工作总结 for the year, assembled from the plan, the reports, meetings, decisions, cases, research
    and notifications — a document view for the md/html/docx pipeline, to be edited by the clerk."""
    from .meetings import decision_rows, year_check
    from .model.document import Document
    from .render.view import block, document_view

    st = status(data, year, as_of)
    s = data.settings
    group = s.leading_group.name if s else "领导小组"
    names = {u.id: u.name for u in data.units}
    plan = _plan(data, year)
    body: list[tuple[str, bool]] = []  # (paragraph, is a level-1 heading without text)

    def h(t: str) -> None:
        body.append((t, True))

    def p(t: str) -> None:
        body.append((t, False))

    p(f"（本稿由 weibao 根据数据仓库于 {zh_date(as_of)} 汇总生成，是供修改的草稿。）")
    h("一、基本情况")
    p(f"{year}年，{len(st['units'])}个成员单位中有{st['units_reported']}个报送了年度工作情况，"
      f"{len(st['areas'])}个苏木乡镇（场、街道）中有{st['areas_reported']}个报送了协调机制年度工作情况。")
    areas = [r.model for r in sorted(data.valid("area"), key=lambda r: r.model.id)]
    if areas:
        mech = sum(a.mechanism.exists for a in areas)
        stat = sum(a.station is not None for a in areas)
        villages = sum(len(a.villages) for a in areas)
        staffed = sum(1 for a in areas for v in a.villages if v.designated)
        p(f"全{s.region.level if s else '旗'}{len(areas)}个苏木乡镇（场、街道）中，{mech}个已建立未成年人保护工作协调机制，"
          f"{stat}个已设立未成年人保护工作站或指定专门人员；{villages}个嘎查村（居）中{staffed}个已设立专人专岗。")
    h("二、主要工作")
    n = 0
    if plan:
        n += 1
        done = sum(i["state"] == "已完成" for i in st["items"])
        p(f"（{zh_number(n)}）年度工作计划执行情况。年度工作计划共{len(st['items'])}项任务，已完成{done}项。")
        for i, it in enumerate(st["items"], start=1):
            p(f"{i}.{it['text']}（牵头单位：{'、'.join(names.get(u, u) for u in it['lead'])}；{it['state']}）")
    yc = year_check(data, year, as_of)
    n += 1
    held = "，".join(f"{t['type']}{len(t['held'])}次" for t in yc["types"] if t["held"]) or "无会议记录"
    p(f"（{zh_number(n)}）会议制度落实情况。全年召开{held}。")
    rows = [r for r in decision_rows(data, as_of) if r["meeting_date"].startswith(str(year))]
    n += 1
    p(f"（{zh_number(n)}）议定事项跟踪督办。全年议定事项{len(rows)}项，已办结{sum(r['status'] == '已办结' for r in rows)}项，"
      f"逾期{sum(bool(r.get('overdue')) for r in rows)}项。")
    cases = [r.model for r in data.valid("case") if r.model.opened.year == year]
    n += 1
    p(f"（{zh_number(n)}）督查督办。全年立案督办{len(cases)}件（挂牌督办{sum(c.level == '挂牌督办' for c in cases)}件），"
      f"办结{sum(c.state == '办结' for c in cases)}件。")
    research = sorted((r.model for r in data.valid("research") if r.model.start.year == year), key=lambda x: x.start)
    n += 1
    if research:
        p(f"（{zh_number(n)}）联合调研和专题研究。" + "；".join(f"{x.kind}“{x.theme}”" for x in research) + "。")
    else:
        p(f"（{zh_number(n)}）联合调研和专题研究。本年度没有记录。")
    notes = sorted((r.model for r in data.valid("notification") if r.model.date.year == year), key=lambda x: x.date)
    n += 1
    p(f"（{zh_number(n)}）情况通报。全年印发情况通报{len(notes)}期" + ("：" + "；".join(f"《{x.title}》" for x in notes) + "。" if notes else "。"))
    h("三、各成员单位工作情况")
    for r in sorted((r for r in data.valid("unit_report") if r.model.year == year), key=lambda r: next(u.order for u in data.units if u.id == r.model.unit) if r.model.unit in names else 99):
        p(f"{names.get(r.model.unit, r.model.unit)}：" + "".join(r.model.summary))
    missing = [u["name"] for u in st["units"] if not u["reported"]]
    if missing:
        p("未报送：" + "、".join(missing) + "。")
    h("四、苏木乡镇（场、街道）工作情况")
    anames = {a.id: a.name for a in areas}
    for r in sorted((r for r in data.valid("area_report") if r.model.year == year), key=lambda r: r.model.area):
        p(f"{anames.get(r.model.area, r.model.area)}：" + "".join(r.model.summary))
    h("五、存在的问题和下一步打算")
    p("（请根据以上情况填写。）")
    doc = Document(id=f"summary-{year}", type="报告", issuer=s.office.name if s else "办公室", title=f"{group}{year}年工作总结（草稿）",
                   body=["（草稿）"], date=as_of, sealed=False)
    view = document_view(doc, data)
    view["body"] = [block(t, heading=True) if is_h else block(t) for t, is_h in body]
    view["number"] = None
    return view


def notification_view(data: RepoData, rec: Record) -> dict[str, Any]:
    """A 情况通报 rendered as a 通报 document to the member units and areas."""
    from .model.document import Document
    from .render.view import document_view

    n = rec.model
    s = data.settings
    to = []
    if n.to_units == "all":
        to.append("领导小组各成员单位")
    else:
        names = {u.id: u.name for u in data.units}
        to += [names.get(u, u) for u in n.to_units]
    if n.to_areas == "all":
        to.append("各苏木乡镇（场、街道）")
    elif isinstance(n.to_areas, list):
        anames = {r.model.id: r.model.name for r in data.valid("area")}
        to += [anames.get(a, a) for a in n.to_areas]
    doc = Document(id=n.id, type="通报", issuer=s.office.name if s else "办公室", number=n.number, title=n.title, to=to, body=list(n.body),
                   date=n.date, sealed=True)
    return document_view(doc, data)


# -- scaffolds -----------------------------------------------------------------------------------------

KINDS = ("research", "study", "notification", "annual-plan")


def scaffold(repo: Repository, what: str, date: _dt.date, title: str | None) -> str:
    """Write a commented template for a new record; never overwrite."""
    from .fmt import atomic_write

    if what not in KINDS:
        raise UsageError(f"不能新建“{what}”。", hint="可选：research（联合调研）、study（专题研究）、notification（情况通报）、annual-plan（年度工作计划）")
    q = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    y = date.year
    if what == "annual-plan":
        path = repo.data_dir / "annual" / str(y) / "plan.yaml"
        text = "\n".join([
            f"# {y} 年度工作计划和工作要点（规则四（四））。由 weibao new annual-plan 新建。",
            f"year: {y}",
            "key_points: []  # 工作要点，逐条书写",
            "items: []  # 工作任务：- {id: t1, text: 任务, lead: [单位id], support: [], target: 完成日期}",
            f"report_due: {y + 1}-01-15  # 成员单位和苏木乡镇报送年度工作情况的截止日期",
            "",
        ])
    else:
        folder = "notifications" if what == "notification" else "research"
        prefix = {"research": "dy", "study": "yj", "notification": "tb"}[what]
        existing = {p.stem for p in (repo.data_dir / folder).rglob("*.yaml")} if (repo.data_dir / folder).is_dir() else set()
        n = 1
        while f"{prefix}-{y}-{n}" in existing:
            n += 1
        rid = f"{prefix}-{y}-{n}"
        path = repo.data_dir / folder / str(y) / f"{rid}.yaml"
        if what == "notification":
            text = "\n".join([
                "# 情况通报（规则六（二））。由 weibao new notification 新建；用 weibao render " + rid + " 排成通报。",
                f"id: {rid}", f"date: {date.isoformat()}", "category: 工作进展  # 重大工作部署、工作进展、突出问题、典型经验",
                f"title: {q(title or '关于……情况的通报')}", "body:", f"  - {q('（请填写正文）')}",
                "to_units: all  # all 或成员单位 id 列表", "to_areas: all  # all、none 或地区 id 列表", "",
            ])
        else:
            kind = "联合调研" if what == "research" else "专题研究"
            text = "\n".join([
                f"# {kind}（规则六（{'一' if what == 'research' else '三'}））。由 weibao new {what} 新建。不得写入可识别未成年人的信息。",
                f"id: {rid}", f"kind: {kind}", f"theme: {q(title or '（请填写主题）')}", "organiser: office  # office（旗未保办）或成员单位 id",
                "units: []  # 参加单位 id", "team: []  # 调研组成员：- {unit: 单位id, name: 职务或姓名}", f"start: {date.isoformat()}",
                "findings: []  # 发现的问题和建议", "# report: {document: 公文id, submitted_on: 日期}  # 专题报告/工作报告报领导小组", "",
            ])
    if path.exists():
        raise WeibaoError(f"{repo.rel(path)} 已经存在，没有覆盖。")
    from .fmt import format_text
    from .store import MODELS

    kind = {"annual-plan": "annual_plan", "notification": "notification"}.get(what, "research")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, format_text(text, MODELS[kind], repo.rel(path)))
    return repo.rel(path)
