"""The office's work systems and yearly cycle (rules sections 四(四), 六): research and studies, notifications,
the county's 苏木乡镇（场、街道）, the yearly plan and the unit and area reports."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Int, Model, Text

OFFICE = "office"  # organiser / owner: the office itself rather than a member unit


class TeamMember(Model):
    unit: Id | None = Field(None, title="所在单位")
    name: Text | None = Field(None, title="姓名或身份")


class ResearchReport(Model):
    document: Id | None = Field(None, title="报告的公文记录 id", description="联合调研的专题报告、专题研究的工作报告")
    submitted_on: Date | None = Field(None, title="报送领导小组的日期")


class Research(Model):
    """联合调研 (rules 六(一)) or 专题研究 (六(三))."""

    id: Id
    kind: Literal["联合调研", "专题研究"] = Field(title="类别")
    theme: Text = Field(title="主题")
    organiser: Id = Field(OFFICE, title="组织单位", description="office（旗未保办）或成员单位 id")
    units: list[Id] = Field(default_factory=list, title="参加单位")
    team: list[TeamMember] = Field(default_factory=list, title="调研组成员")
    start: Date = Field(title="开始日期")
    end: Date | None = Field(None, title="结束日期")
    findings: list[Text] = Field(default_factory=list, title="发现的问题和建议", description="不得写入可识别未成年人的信息")
    report: ResearchReport | None = Field(None, title="成果", description="联合调研形成专题报告，专题研究形成工作报告，报领导小组")


class Notification(Model):
    """情况通报 (rules 六(二)): 重大工作部署、重要工作进展、重点突出问题、典型工作经验."""

    id: Id
    date: Date = Field(title="通报日期")
    category: Literal["重大工作部署", "重要工作进展", "重点突出问题", "典型工作经验", "工作进展", "突出问题", "典型经验"] = Field(
        title="通报内容", description="按通知原文：重大工作部署、重要工作进展、重点突出问题、典型工作经验（旧说法 工作进展、突出问题、典型经验 仍可读，WB418 提示改正）")
    title: Text = Field(title="标题")
    body: list[Text] = Field(min_length=1, title="正文", description="逐段书写")
    to_units: Literal["all"] | list[Id] = Field("all", title="通报的成员单位", description="all 或成员单位 id 列表")
    to_areas: Literal["all", "none"] | list[Id] = Field("all", title="通报的苏木乡镇（场、街道）", description="all、none 或地区 id 列表")
    number: Text | None = Field(None, title="发文字号", description="本办代字〔年份〕序号号，weibao new notification 分配；没有字号的通报只能排成草稿")
    cc: list[Text] = Field(default_factory=list, title="抄送机关", description="版记中的抄送，例如 旗委办公室、旗政府办公室")
    printer: Text | None = Field(None, title="印发机关", description="版记中的印发机关，缺省为发文机关（旗未保办）")
    print_date: Date | None = Field(None, title="印发日期", description="版记中的印发日期（送印的日期），新建时与通报日期相同")


class Mechanism(Model):
    exists: Bool = Field(title="是否已建立未成年人保护工作协调机制")
    since: Date | None = Field(None, title="建立日期")


class Station(Model):
    kind: Literal["工作站", "专人"] = Field(title="形式", description="未成年人保护工作站，或指定专门人员")
    since: Date | None = Field(None, title="设立日期")
    staff: Text | None = Field(None, title="负责人员（职务或姓名）")


class Village(Model):
    name: Text = Field(title="嘎查村（居）名称")
    designated: Text | None = Field(None, title="专人专岗", description="负责未成年人保护工作的专人（职务或姓名）；未指定时留空")


class Area(Model):
    """One 苏木乡镇（场、街道）: its coordination mechanism, station or staff, and villages (民政局职责六至八)."""

    id: Id
    name: Text = Field(title="名称")
    kind: Literal["苏木", "乡", "镇", "场", "街道"] = Field(title="类别")
    mechanism: Mechanism = Field(title="协调机制")
    station: Station | None = Field(None, title="未成年人保护工作站或专门人员")
    villages: list[Village] = Field(default_factory=list, title="嘎查村（居）")


class PlanItem(Model):
    id: Id
    text: Text = Field(title="工作任务")
    lead: list[Id] = Field(min_length=1, title="牵头单位")
    support: list[Id] = Field(default_factory=list, title="配合单位")
    target: Date | None = Field(None, title="完成时间")


class AnnualPlan(Model):
    """data/annual/<year>/plan.yaml — 年度工作计划和工作要点 (rules 四(四))."""

    year: Int = Field(ge=2000, le=2100, title="年度")
    key_points: list[Text] = Field(default_factory=list, title="工作要点")
    items: list[PlanItem] = Field(default_factory=list, title="工作任务")
    report_due: Date | None = Field(None, title="年度报告报送截止日期", description="成员单位和苏木乡镇报送本年度工作情况的截止日期")


class ItemReport(Model):
    item: Id = Field(title="计划任务 id")
    status: Literal["已完成", "推进中", "未开展"] = Field(title="完成情况")
    note: Text | None = Field(None, title="说明")


class UnitReport(Model):
    """data/annual/<year>/units/<unit-id>.yaml — a member unit's report for the year."""

    unit: Id = Field(title="成员单位")
    year: Int = Field(ge=2000, le=2100, title="年度")
    submitted_on: Date = Field(title="报送日期")
    summary: list[Text] = Field(min_length=1, title="工作情况", description="逐段书写；不得写入可识别未成年人的信息")
    items: list[ItemReport] = Field(default_factory=list, title="计划任务完成情况")


class AreaReport(Model):
    """data/annual/<year>/areas/<area-id>.yaml — a 苏木乡镇（场、街道）'s coordination-mechanism report for the year."""

    area: Id = Field(title="苏木乡镇（场、街道）")
    year: Int = Field(ge=2000, le=2100, title="年度")
    submitted_on: Date = Field(title="报送日期")
    summary: list[Text] = Field(min_length=1, title="工作情况")
