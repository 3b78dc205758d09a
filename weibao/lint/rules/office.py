"""Checks of data/office.yaml and data/weibao.yaml against themselves."""

from __future__ import annotations

import re
from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule
from weibao.model.settings import PREFIX_PATTERN


@rule("WB406")
def rule_sources_verbatim(data: RepoData) -> Iterator[Diagnostic]:
    """Each rule's ``source`` must stand verbatim in the section it cites."""
    o = data.one("office")
    if not o:
        return
    sections = {s.number: "".join(s.paragraphs) for s in o.model.sections}
    for group in ("positions", "duties", "meeting_types", "work_systems", "rules"):
        for i, item in enumerate(getattr(o.model, group)):
            text = sections.get(item.section)
            if text is None:
                yield o.diag("WB406", f"规则 {item.id} 引用的第 {item.section} 条不存在。", (group, i, "section"), record=item.id)
            elif item.source not in text:
                yield o.diag("WB406", f"规则 {item.id} 的原文 source 没有逐字出现在第 {item.section} 条中。", (group, i, "source"),
                             record=item.id, hint="source 应从 sections 中该条原文逐字复制，不增删改。")


@rule("WB403")
def position_counts(data: RepoData) -> Iterator[Diagnostic]:
    o = data.one("office")
    if not o:
        return
    today = data.today()
    for i, p in enumerate(o.model.positions):
        current = [h for h in p.holders if h.until is None or h.until >= today]  # a holder who has left stays on record
        if p.count is not None and len(current) > p.count:
            yield o.diag("WB403", f"{p.name}按规则设 {p.count} 名，现任登记了 {len(current)} 名。", ("positions", i, "holders"), record=p.id,
                         hint="离任的人员保留记录，并写明离任日期 until。")


HOST_POSITIONS = ("director", "executive-deputy")  # 规则二：由承办单位的负责同志担任


@rule("WB420")
def host_positions_in_host_unit(data: RepoData) -> Iterator[Diagnostic]:
    """规则二：the 主任 and the 常务副主任 come from the unit the office sits in — the position and every holder."""
    o, s = data.one("office"), data.settings
    if not o or not s:
        return
    host = s.office.host_unit
    known = data.unit_ids()  # a unit id that does not exist is WB302's to report, once
    for i, p in enumerate(o.model.positions):
        if p.id not in HOST_POSITIONS:
            continue
        if p.unit and p.unit != host and p.unit in known:
            yield o.diag("WB420", f"{p.name}由承办单位的同志担任（规则二），这里写的单位是“{p.unit}”，承办单位是“{host}”。",
                         ("positions", i, "unit"), record=p.id, hint=f"改为 unit: {host}。")
        for j, h in enumerate(p.holders):
            if h.unit and h.unit != host and h.unit in known:
                yield o.diag("WB420", f"{p.name} {h.name} 的所在单位是“{h.unit}”，不是承办单位“{host}”（规则二）。",
                             ("positions", i, "holders", j, "unit"), record=p.id)


@rule("WB408")
def prefixes_well_formed(data: RepoData) -> Iterator[Diagnostic]:
    s = data.one("settings")
    if not s:
        return
    for i, p in enumerate(s.model.document_prefixes):
        if not re.fullmatch(PREFIX_PATTERN, p.prefix):
            yield s.diag("WB408", f"文号代字“{p.prefix}”只能由汉字组成。", ("document_prefixes", i, "prefix"),
                         hint="例如 奈政办字；年份〔2022〕和序号由系统生成，不写在代字里。")


@rule("WB421")
def office_time_zone(data: RepoData) -> Iterator[Diagnostic]:
    """“今天” is the office's: the time zone of data/weibao.yaml must be one the time-zone database knows."""
    from weibao.core.clock import zone

    s = data.one("settings")
    if not s or s.model.timezone is None:
        return
    try:
        zone(s.model.timezone)
    except ValueError as e:
        yield s.diag("WB421", str(e), ("timezone",), hint="删去 timezone 即按 Asia/Shanghai（北京时间）计算。")
