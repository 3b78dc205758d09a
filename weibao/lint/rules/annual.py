"""Checks of the work systems and the yearly cycle: township mechanisms and stations (民政局 duties), yearly
reports of units and areas (rules 四(四)), research and notifications (rules 六)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule


def _duty_with(data: RepoData, unit: str, phrase: str) -> str:
    for u in data.units:
        if u.id == unit:
            for d in u.duties:
                if phrase in d.text:
                    return d.id
    return unit


@rule("WB409", "WB410", "WB411")
def township_gaps(data: RepoData) -> Iterator[Diagnostic]:
    """Each 苏木乡镇（场、街道） has a coordination mechanism and a station or designated staff; each 嘎查村（居） a designated person."""
    host = data.settings.office.host_unit if data.settings else "minzheng"
    mech = _duty_with(data, "minzheng", "协调机制")
    station = _duty_with(data, "minzheng", "工作站")
    village = _duty_with(data, "minzheng", "专人专岗")
    for r in data.valid("area"):
        a = r.model
        if not a.mechanism.exists:
            yield r.diag("WB409", f"{a.name}尚未建立未成年人保护工作协调机制（职责 {mech}）。", ("mechanism", "exists"), record=a.id,
                         hint=f"由民政局推动建立；建立后写 exists: true 和 since。{'' if host == 'minzheng' else '（本办设在 ' + host + '）'}")
        if a.station is None:
            yield r.diag("WB410", f"{a.name}没有设立未成年人保护工作站，也没有指定专门人员（职责 {station}）。", ("name",), record=a.id)
        missing = [v.name for v in a.villages if not v.designated]
        if missing:
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            yield r.diag("WB411", f"{a.name}有 {len(missing)} 个嘎查村（居）没有专人专岗：{shown}（职责 {village}）。", ("villages",), key=True,
                         record=a.id)


@rule("WB302", "WB412", "WB415")
def yearly_reports(data: RepoData) -> Iterator[Diagnostic]:
    """After the year (or the plan's report_due): every member unit and every area has reported."""
    as_of = data.today()
    units = data.unit_ids()
    areas = {r.model.id: r.model.name for r in data.valid("area")}
    area_ids = data.ids("area")
    reports_u: dict[int, set[str]] = {}
    reports_a: dict[int, set[str]] = {}
    for kind, known, got in (("unit_report", units, reports_u), ("area_report", area_ids, reports_a)):
        for r in data.valid(kind):
            who = r.model.unit if kind == "unit_report" else r.model.area
            m = re.match(r"data/annual/(\d{4})/(?:units|areas)/([^/]+)\.yaml$", r.rel)
            if m and (int(m.group(1)) != r.model.year or m.group(2) != who):
                yield r.diag("WB415", f"文件 {r.rel} 应为 data/annual/{r.model.year}/{'units' if kind == 'unit_report' else 'areas'}/{who}.yaml。",
                             ("unit" if kind == "unit_report" else "area",))
            if who not in known and (kind == "area_report" or data.of("unit")):
                code = "WB302" if kind == "unit_report" else "WB415"
                yield r.diag(code, f"{'成员单位' if kind == 'unit_report' else '苏木乡镇（场、街道）'}“{who}”不存在。",
                             ("unit" if kind == "unit_report" else "area",))
            got.setdefault(r.model.year, set()).add(who)
    for r in data.valid("annual_plan"):
        year = r.model.year
        due = r.model.report_due or _dt.date(year, 12, 31)
        if as_of <= due:
            continue
        severity = "error" if data.strict_dates else "warning"
        missing_u = [u.id for u in data.units if u.id not in reports_u.get(year, set())]  # in the notice's order
        missing_a = sorted(set(areas) - reports_a.get(year, set()))
        names = {u.id: u.name for u in data.units}
        if missing_u:
            yield r.diag("WB412", f"{year} 年有 {len(missing_u)} 个成员单位没有报送年度工作情况：" + "、".join(names[u] for u in missing_u[:8])
                         + ("等" if len(missing_u) > 8 else "") + "（规则 duty-4）。", ("year",), severity=severity)
        if missing_a:
            yield r.diag("WB412", f"{year} 年有 {len(missing_a)} 个苏木乡镇（场、街道）没有报送协调机制年度工作情况："
                         + "、".join(areas[a] for a in missing_a[:8]) + ("等" if len(missing_a) > 8 else "") + "（规则 duty-4）。",
                         ("year",), severity=severity)


NOTIFICATION_WORDS = {"工作进展": "重要工作进展", "突出问题": "重点突出问题", "典型经验": "典型工作经验"}  # old word → the notice's


@rule("WB418", "WB419")
def research_reports_and_notification_words(data: RepoData) -> Iterator[Diagnostic]:
    """规则六（一）：a finished 联合调研 has its 专题报告; 六（二）：通报 categories in the notice's words."""
    as_of = data.today()
    for r in data.valid("research"):
        x = r.model
        if x.kind == "联合调研" and x.end is not None and x.end <= as_of and x.report is None:
            yield r.diag("WB419", f"联合调研“{x.theme}”已于 {x.end} 结束，还没有记录专题报告。", ("end",),
                         hint="报告上报领导小组后，加上 report: {submitted_on: 日期}（或 document: 报告的公文 id）。")
    for r in data.valid("notification"):
        new = NOTIFICATION_WORDS.get(r.model.category)
        if new:
            yield r.diag("WB418", f"通报类别“{r.model.category}”是旧说法。", ("category",), hint=f"改为“{new}”（规则六（二）的原文）。")


@rule("WB302", "WB414", "WB415", "WB416")
def research_and_plans(data: RepoData) -> Iterator[Diagnostic]:
    units = data.unit_ids()
    have_units = bool(data.of("unit"))
    docs = {r.model.id for r in data.valid("document")}
    areas = data.ids("area")

    def unit_ref(rec, value, loc):
        if have_units and value not in units:
            yield rec.diag("WB302", f"成员单位“{value}”不存在。", loc)

    for r in data.valid("research"):
        x = r.model
        if x.organiser != "office":
            yield from unit_ref(r, x.organiser, ("organiser",))
        for i, u in enumerate(x.units):
            yield from unit_ref(r, u, ("units", i))
        for i, t in enumerate(x.team):
            if t.unit:
                yield from unit_ref(r, t.unit, ("team", i, "unit"))
        if x.end and x.end < x.start:
            yield r.diag("WB416", f"{x.kind}“{x.theme}”的结束日期 {x.end} 早于开始日期 {x.start}。", ("end",))
        if x.report:
            if x.report.document and x.report.document not in docs:
                yield r.diag("WB414", f"成果报告引用的公文“{x.report.document}”不存在。", ("report", "document"),
                             hint="先用 weibao doc new 新建报告的公文记录。")
            if x.report.submitted_on and x.report.submitted_on < x.start:
                yield r.diag("WB416", f"{x.kind}“{x.theme}”的报告日期早于开始日期。", ("report", "submitted_on"))
    for r in data.valid("notification"):
        n = r.model
        if isinstance(n.to_units, list):
            for i, u in enumerate(n.to_units):
                yield from unit_ref(r, u, ("to_units", i))
        if isinstance(n.to_areas, list):
            for i, a in enumerate(n.to_areas):
                if a not in areas:
                    yield r.diag("WB415", f"苏木乡镇（场、街道）“{a}”不存在。", ("to_areas", i))
    for r in data.valid("annual_plan"):
        m = re.match(r"data/annual/(\d{4})/plan\.yaml$", r.rel)
        if m and int(m.group(1)) != r.model.year:
            yield r.diag("WB415", f"{r.rel} 中的年度是 {r.model.year}。", ("year",))
        for i, item in enumerate(r.model.items):
            for role in ("lead", "support"):
                for j, u in enumerate(getattr(item, role)):
                    yield from unit_ref(r, u, ("items", i, role, j))
    plan_items = {(r.model.year, it.id) for r in data.valid("annual_plan") for it in r.model.items}
    for r in data.valid("unit_report"):
        for i, it in enumerate(r.model.items):
            if (r.model.year, it.item) not in plan_items:
                yield r.diag("WB414", f"{r.model.year} 年的工作计划中没有任务“{it.item}”。", ("items", i, "item"))
