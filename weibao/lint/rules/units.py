"""Checks of the duty division: order, roles, item boundaries, personnel slots."""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.domain.roles import ROLE_ZH
from weibao.lint.registry import rule

ITEM_ENDINGS = ("。", "；", "！", "？", "”", "）")


@rule("WB305")
def unit_order(data: RepoData) -> Iterator[Diagnostic]:
    recs = sorted(data.valid("unit"), key=lambda r: (r.model.order, r.rel))
    seen: dict[int, str] = {}
    for r in recs:
        if r.model.order in seen:
            yield r.diag("WB305", f"序号 {r.model.order} 与 {seen[r.model.order]} 重复。", ("order",))
        seen.setdefault(r.model.order, r.rel)
    if not data.all_valid("unit"):
        return  # a unit that failed its schema would show up as a gap
    for missing in sorted(set(range(1, max(seen, default=0) + 1)) - set(seen)):
        after = next(r for r in recs if r.model.order > missing)
        yield after.diag("WB305", f"序号不连续：缺少序号 {missing}。", ("order",), hint="成员单位应从 1 开始连续编号。")


@rule("WB401", "WB402", "WB407", "WB417")
def duty_items(data: RepoData) -> Iterator[Diagnostic]:
    """Each item's role as domain/roles.py decides it from the text (and the task assignment): stored, and stored right."""
    for r in data.valid("unit"):
        for i, d in enumerate(r.model.duties):
            if d.role_basis is not None and d.role_basis not in d.text and d.role_basis not in (d.assignment or ""):
                yield r.diag("WB401", f"角色依据“{d.role_basis}”没有出现在职责条目 {d.id} 的原文中。", ("duties", i, "role_basis"))
            role, basis = data.duty_role(r.model, d)
            want = f"role: {role}" + (f" 和 role_basis: {basis}" if basis else "（不写 role_basis：本单位自己的职责）")
            if d.role is None:
                yield r.diag("WB407", f"职责条目 {d.id} 没有标注角色（按原文应为{ROLE_ZH[role]}）。", ("duties", i),
                             hint=f"补上 {want}；规则见 docs/roles.md。")
            elif (d.role, d.role_basis) != (role, basis):
                found = ROLE_ZH[d.role] + (f"（依据“{d.role_basis}”）" if d.role_basis else "")
                yield r.diag("WB417", f"职责条目 {d.id} 标注为{found}，按原文应为{ROLE_ZH[role]}" + (f"（依据“{basis}”）" if basis else "（本单位自己的职责）") + "。",
                             ("duties", i, "role"), hint=f"改为 {want}；规则见 docs/roles.md，用语表在 data/weibao.yaml 的 role_words。")
            if not d.text.rstrip().endswith(ITEM_ENDINGS):
                yield r.diag("WB402", f"职责条目 {d.id} 没有以句号或分号结尾。", ("duties", i, "text"),
                             hint="逐条照录原文，在“。”或“；”处断开。")


@rule("WB404", "WB405")
def personnel_slots(data: RepoData) -> Iterator[Diagnostic]:
    for r in data.valid("unit"):
        for slot, label in (("office_member", "办公室成员"), ("liaison", "联络员")):
            p = getattr(r.model, slot)
            if p is None:
                continue
            if p.unit is not None and p.unit != r.model.id:
                yield r.diag("WB404", f"{label} {p.name} 的所在单位写成了“{p.unit}”，应为“{r.model.id}”。", (slot, "unit"))
            if p.filed_on is None:
                yield r.diag("WB405", f"{r.model.name}的{label} {p.name} 没有注明函告备案日期 filed_on。", (slot,),
                             hint="人员调整由所在单位函告旗未保办备案；请填写备案函的日期。")
