"""A 联合调研 or 专题研究 record (rules 六(一)、六(三)) as the draft of the report it leads to."""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import Record, RepoData
from weibao.domain.numbering import zh_date, zh_number
from weibao.model.annual import Research
from weibao.model.document import Document
from weibao.render.views.document import document_view

REPORT_NAME = {"联合调研": "专题报告", "专题研究": "工作报告"}  # 六（一）形成专题报告；六（三）形成工作报告


def research_view(data: RepoData, rec: Record) -> dict[str, Any]:
    """The record laid out as a 报告 to the leading group: who studied what, when, with whom, and the findings as
    numbered paragraphs.  Always a draft (no 发文字号, no 版头): the office completes and signs the report; when the
    record points at the issued report (report.document), render that document instead."""
    x: Research = rec.model
    s = data.settings
    names = {u.id: u.name for u in data.units}
    office = s.office.name if s else "办公室"
    organiser = office if x.organiser == "office" else names.get(x.organiser, x.organiser)
    period = f"{zh_date(x.start)}至{zh_date(x.end)}" if x.end else f"{zh_date(x.start)}起"
    with_units = "、".join(names.get(u, u) for u in x.units)
    body = [f"{period}，{organiser}" + (f"会同{with_units}" if with_units else "") + f"围绕“{x.theme}”开展{x.kind}。现将有关情况报告如下。"]
    team = [f"{names.get(t.unit, t.unit) if t.unit else ''}{t.name or ''}" for t in x.team]
    if team:
        body.append("调研组成员：" + "；".join(t for t in team if t) + "。")
    body.append("一、发现的问题和建议")
    body += [f"（{zh_number(i)}）{f}" for i, f in enumerate(x.findings, start=1)] or ["（请填写）"]
    leading = s.leading_group.name if s else "领导小组"
    doc = Document(id=x.id, type="报告", issuer=office, title=f"关于{x.theme}的{REPORT_NAME[x.kind]}", to=[leading], body=body,
                   date=(x.report.submitted_on if x.report and x.report.submitted_on else x.end or x.start), sealed=True)
    return document_view(doc, data, draft=f"草稿：由{x.kind}记录 {x.id} 生成，请补充、签发后报送{leading}")
