"""The tables the clerk's tools get: 成员单位职责, 会议, 议定事项, 督办事项, 文件登记, 收文登记 (CSV and XLSX share them).

``public`` outputs leave out what the models mark private (a case's progress texts …); the tables themselves
carry no private field.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.core.dataset import RepoData
from weibao.core.people import post_names
from weibao.domain.cells import safe_text
from weibao.domain.privacy import redact_tree
from weibao.domain.roles import ROLE_ZH
from weibao.records.cases import case_rows
from weibao.records.documents import inbox_rows
from weibao.records.meetings import decision_rows, meetings_sorted


def _d(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


def tables(data: RepoData) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Table name → (Chinese headers, rows); dates as datetime.date.  What identifies a child is replaced
    (domain/privacy.py), even if validate was skipped."""
    data = data.redacted()
    names = {u.id: u.name for u in data.units}
    topics_rec = data.one("topics")
    topics = {t.id: t.name for t in topics_rec.model.topics} if topics_rec else {}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    out["成员单位职责"] = (["单位", "单位id", "排序", "职责编号", "职责原文", "角色", "主题"], [
        [u.name, u.id, u.order, d.id, d.text, ROLE_ZH[data.duty_role(u, d)[0]], "、".join(topics.get(t, t) for t in d.topics)]
        for u in data.units for d in u.duties])
    out["会议"] = (["会议id", "类型", "日期", "名称", "主持人职务", "纪要报送日期", "纪要印发日期", "议定事项数"], [
        [m.id, m.type, m.date, m.title, post_names(data, m.chair.position, None, None)[0], m.minutes.reported_on if m.minutes else None,
         m.minutes.issued_on if m.minutes else None, len(m.decisions)]
        for m in (r.model for r in meetings_sorted(data))])
    out["议定事项"] = (["编号", "会议id", "会议日期", "议定事项", "牵头单位", "配合单位", "完成时限", "状态", "办结日期"], [
        [r["id"], r["meeting"], _d(r["meeting_date"]), r["text"], "、".join(names.get(u, u) for u in r["lead"]),
         "、".join(names.get(u, u) for u in r["support"]), _d(r["deadline"]), r["status"], _d(r["done_on"])]
        for r in decision_rows(data)])
    out["督办事项"] = (["编号", "类别", "级别", "事由", "来源", "牵头单位", "配合单位", "立案日期", "整改时限", "是否延期", "状态"], [
        [r["id"], r["kind"], r["level"], r["subject"], r["source"], names.get(r["lead"], r["lead"]), "、".join(names.get(u, u) for u in r["support"]),
         _d(r["opened"]), _d(r["deadline"]), "是" if r["extended"] else "否", r["state"]]
        for r in case_rows(data, _dt.date(1970, 1, 1))])
    docs = sorted(data.valid("document"), key=lambda r: (r.model.date, r.model.id))
    out["文件登记"] = (["公文id", "发文字号", "成文日期", "文种", "标题", "发文机关", "公开方式"], [
        [d.id, d.number or "", d.date, d.type, d.title, d.issuer, d.disclosure or ""] for d in (r.model for r in docs)])
    out["收文登记"] = (["收文id", "报送单位", "来文字号", "标题", "收文日期", "办理时限", "办理情况", "办结日期"], [
        [r["id"], r["from_name"], r["number"] or "", r["title"], _d(r["received_on"]), _d(r["deadline"]), r["state"], _d(r["done_on"])]
        for r in inbox_rows(data, _dt.date(1970, 1, 1))])
    redacted: dict[str, tuple[list[str], list[list[Any]]]] = redact_tree(out, data.privacy_allowed())
    return redacted


def cell(v: Any) -> Any:
    return v.isoformat() if isinstance(v, _dt.date) else ("" if v is None else safe_text(v))
