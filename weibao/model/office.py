"""data/office.yaml — the office's work rules as data.

Every rule-bearing element carries an ``id`` (referred to by later checks and
records), the ``section`` of the rules it comes from, and ``source``: its
verbatim text, which must occur in that section.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Int, Model, Text
from weibao.model.unit import Person


class Section(Model):
    number: Int = Field(ge=1, title="条序号", description="一、二、三……对应 1、2、3")
    paragraphs: list[Text] = Field(min_length=1, title="条文原文（按段）", description="不含条首序号“一、”")


class Rule(Model):
    id: Id
    section: Int = Field(ge=1, title="所在条")
    title: Text = Field(title="规则名称")
    source: Text = Field(title="原文", description="通知原文，逐字照录")


class Position(Rule):
    name: Text = Field(title="职务名称")
    count: Int | None = Field(None, ge=1, title="人数", description="空表示“若干名”")
    per_unit: Bool = Field(False, title="是否每个成员单位各设")
    filled_by: Text = Field(title="由谁担任")
    unit: Id | None = Field(None, title="由哪个成员单位的同志担任")
    holders: list[Person] = Field(default_factory=list, title="现任人员", description="原文未列姓名；待任命或函告备案后填写")
    change_rule: Id | None = Field(None, title="人员调整适用的规则", description="规则 id，例如 personnel-filing")


class Chair(Model):
    position: Id = Field(title="主持人职务")
    delegate: Id | None = Field(None, title="可受委托主持的职务")


class MinutesRule(Model):
    report_to: Text | None = Field(None, title="纪要报送")
    issue_to: Text | None = Field(None, title="纪要印发")
    required: Bool = Field(True, title="是否必须报送和印发", description="专题工作会议为“视情况”")


class MeetingType(Rule):
    name: Text = Field(title="会议名称")
    chair: Chair = Field(title="主持")
    attendees: Text | None = Field(None, title="参加人员")
    purpose: list[Text] = Field(default_factory=list, title="会议内容")
    frequency: Text = Field(title="召开频次")
    min_per_year: Int | None = Field(None, ge=1, title="每年至少召开次数")
    topic_approval: Id | None = Field(None, title="重要议题须经哪个职务批准")
    minutes: MinutesRule = Field(title="会议纪要")


class WorkSystem(Rule):
    name: Text = Field(title="制度名称")
    output: Text | None = Field(None, title="成果形式")
    report_to: Text | None = Field(None, title="报送对象")
    measures: list[Text] = Field(default_factory=list, title="措施")
    commissioner: Text | None = Field(None, title="负责具体工作的专员")
    commissioner_person: Id | None = Field(None, title="现任专员", description="人员 id；原文未列姓名，明确后填写")


class Duty(Rule):
    number: Int = Field(ge=1, title="项序号", description="（一）（二）……对应 1、2……")


class GenericRule(Rule):
    kind: Literal["职责分工", "人员变更", "公文处理", "解释", "施行", "其他"] = Field("其他", title="类别")
    approver: Id | None = Field(None, title="批准或签发的职务")


class Office(Model):
    title: Text = Field(title="规则标题")
    source_document: Text | None = Field(None, title="出处（发文字号）")
    effective: Date | None = Field(None, title="施行日期")
    sections: list[Section] = Field(min_length=1, title="规则全文（按条）")
    positions: list[Position] = Field(default_factory=list, title="职务设置")
    duties: list[Duty] = Field(default_factory=list, title="办公室职责")
    meeting_types: list[MeetingType] = Field(default_factory=list, title="会议制度")
    work_systems: list[WorkSystem] = Field(default_factory=list, title="工作制度")
    rules: list[GenericRule] = Field(default_factory=list, title="其他规则")

    def clauses(self) -> list[Rule]:
        """Every rule written as data — positions, duties, meeting types, work systems, other rules — in file order."""
        return [*self.positions, *self.duties, *self.meeting_types, *self.work_systems, *self.rules]
