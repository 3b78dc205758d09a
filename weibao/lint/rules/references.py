"""WB302/WB306: references to member units and office positions resolve."""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.core.people import LEADER_POSITIONS
from weibao.diagnostics import Diagnostic
from weibao.domain.lookup import near
from weibao.lint.registry import rule


def rule_ids(data: RepoData) -> set[str]:
    o = data.one("office")
    if not o:
        return set()
    return {item.id for g in ("positions", "duties", "meeting_types", "work_systems", "rules") for item in getattr(o.model, g)}


def person_ids(data: RepoData) -> set[str]:
    from weibao.lint.rules.identity import id_sites

    return {ident for ident, _r, _loc, what in id_sites(data) if what == "人员"}


@rule("WB303", "WB304")
def rule_and_person_refs(data: RepoData) -> Iterator[Diagnostic]:
    rules = rule_ids(data)
    people = person_ids(data)
    s = data.one("settings")
    o = data.one("office")

    def rule_ref(rec, value, loc):
        if value is not None and o and value not in rules:
            yield rec.diag("WB303", f"规则“{value}”不存在。", loc, hint=near(value, rules) or "规则 id 见 data/office.yaml。")

    def person_ref(rec, value, loc):
        if value is not None and value not in people:
            yield rec.diag("WB304", f"人员“{value}”不存在。", loc,
                           hint=near(value, people) or "人员须先登记在成员单位的办公室成员、联络员或办公室职务中。")

    if s:
        for i, p in enumerate(s.model.document_prefixes):
            yield from rule_ref(s, p.signing_rule, ("document_prefixes", i, "signing_rule"))
    if o:
        for i, p in enumerate(o.model.positions):
            yield from rule_ref(o, p.change_rule, ("positions", i, "change_rule"))
        for i, w in enumerate(o.model.work_systems):
            yield from person_ref(o, w.commissioner_person, ("work_systems", i, "commissioner_person"))
    for r in data.valid("meeting"):
        m = r.model
        yield from person_ref(r, m.chair.person, ("chair", "person"))
        for group in ("present", "absent", "attending"):
            for i, att in enumerate(getattr(m.attendance, group)):
                yield from person_ref(r, att.person, ("attendance", group, i, "person"))
        for i, a in enumerate(m.agenda):
            if a.approval:
                yield from person_ref(r, a.approval.person, ("agenda", i, "approval", "person"))


@rule("WB302", "WB306")
def references_resolve(data: RepoData) -> Iterator[Diagnostic]:
    units = data.unit_ids()
    have_units = bool(data.of("unit"))
    s = data.one("settings")
    o = data.one("office")
    positions = {p.id for p in o.model.positions} if o else set()

    def unit_ref(rec, value, loc):
        if value is not None and have_units and value not in units:
            yield rec.diag("WB302", f"成员单位“{value}”不存在。", loc, hint=near(value, units) or "成员单位 id 见 data/units/ 下的文件名。")

    def pos_ref(rec, value, loc):
        if value is not None and o and value not in positions:
            yield rec.diag("WB306", f"职务“{value}”不存在。", loc, hint=near(value, positions) or f"可用职务：{'、'.join(sorted(positions))}")

    if s:
        yield from unit_ref(s, s.model.office.host_unit, ("office", "host_unit"))
    if o:
        for i, p in enumerate(o.model.positions):
            yield from unit_ref(o, p.unit, ("positions", i, "unit"))
            for j, person in enumerate(p.holders):
                yield from unit_ref(o, person.unit, ("positions", i, "holders", j, "unit"))
        for i, m in enumerate(o.model.meeting_types):
            yield from pos_ref(o, m.chair.position, ("meeting_types", i, "chair", "position"))
            yield from pos_ref(o, m.chair.delegate, ("meeting_types", i, "chair", "delegate"))
            yield from pos_ref(o, m.topic_approval, ("meeting_types", i, "topic_approval"))
        for i, r in enumerate(o.model.rules):
            yield from pos_ref(o, r.approver, ("rules", i, "approver"))
    for r in data.valid("meeting"):
        m = r.model
        if m.type != "领导小组会议":  # chaired by the group's 组长, not an office position
            yield from pos_ref(r, m.chair.position, ("chair", "position"))
        if m.chair.delegation:
            yield from pos_ref(r, m.chair.delegation.by, ("chair", "delegation", "by"))
        for i, a in enumerate(m.agenda):
            if a.approval:
                yield from pos_ref(r, a.approval.by, ("agenda", i, "approval", "by"))
        for group in ("present", "absent", "attending"):
            for i, att in enumerate(getattr(m.attendance, group)):
                yield from unit_ref(r, att.unit, ("attendance", group, i, "unit"))
                if att.position not in LEADER_POSITIONS:
                    yield from pos_ref(r, att.position, ("attendance", group, i, "position"))
        if m.minutes:
            for i, u in enumerate(m.minutes.issued_to):
                yield from unit_ref(r, u, ("minutes", "issued_to", i))
        for i, d in enumerate(m.decisions):
            for role in ("lead", "support"):
                for j, u in enumerate(getattr(d, role)):
                    yield from unit_ref(r, u, ("decisions", i, role, j))
