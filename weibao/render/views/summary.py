"""The draft 工作总结 of a year, assembled from the data, as a document view (md, html, txt, docx)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.core.dataset import RepoData
from weibao.domain.numbering import zh_date, zh_number
from weibao.model.document import Document
from weibao.records.annual import plan_of, status
from weibao.records.meetings import decision_rows, year_check
from weibao.render.views.document import block, document_view


def summary_view(data: RepoData, year: int, as_of: _dt.date) -> dict[str, Any]:
    """The draft 工作总结 for the year, assembled from the plan, the reports, meetings, decisions, cases, research
    and notifications — a document view for the md/html/docx pipeline, to be edited by the clerk.  It is a draft:
    what made it and what is left to write stand in the draft line above the title, not in the body."""
    st = status(data, year, as_of)
    s = data.settings
    group = s.leading_group.name if s else "领导小组"
    names = {u.id: u.name for u in data.units}
    plan = plan_of(data, year)
    body: list[tuple[str, bool]] = []  # (paragraph, is a level-1 heading without text)

    def h(t: str) -> None:
        body.append((t, True))

    def p(t: str) -> None:
        body.append((t, False))

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
    issued, drafts = [x for x in notes if x.number], [x for x in notes if not x.number]  # no 发文字号: not issued
    p(f"（{zh_number(n)}）情况通报。全年印发情况通报{len(issued)}期" + ("：" + "；".join(f"《{x.title}》" for x in issued) + "。" if issued else "。")
      + (f"另有{len(drafts)}期尚未编号印发：" + "；".join(f"《{x.title}》" for x in drafts) + "。" if drafts else ""))
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
    doc = Document(id=f"summary-{year}", type="报告", issuer=s.office.name if s else "办公室", title=f"{group}{year}年工作总结（草稿）",
                   body=["（草稿）"], date=as_of, sealed=False)
    draft = (f"草稿：由 weibao 根据数据仓库于{zh_date(as_of)}汇总，第五部分“存在的问题和下一步打算”待办公室填写；"
             "修改后按公文办理程序编号、签发、印发")
    view = document_view(doc, data, draft=draft)  # a draft: its note above the title, no red 文件 head, nothing in the body
    view["body"] = [block(t, heading=True) if is_h else block(t) for t, is_h in body]
    view["number"] = None
    return view
