"""A 情况通报 (rules 六(二)) as a 通报 document view."""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import Record, RepoData
from weibao.model.annual import Notification
from weibao.model.document import Document
from weibao.render.views.document import document_view


def notification_view(data: RepoData, rec: Record) -> dict[str, Any]:
    """A 情况通报 rendered as a 通报 document to the member units and areas, with its 版记 (抄送, 印发机关 — the office
    unless the record says otherwise — and 印发日期); without a 发文字号 it is a draft: no red 文件 header, and the
    first line says so."""
    n: Notification = rec.model
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
    issuer = s.office.name if s else "办公室"
    doc = Document(id=n.id, type="通报", issuer=issuer, number=n.number, title=n.title, to=to, body=list(n.body),
                   date=n.date, sealed=True, cc=list(n.cc), printer=n.printer or issuer, print_date=n.print_date)
    draft = None if n.number else "草稿：这份通报还没有发文字号，编号后才能印发"
    return document_view(doc, data, draft=draft)
