"""data/meetings/<year>/<date>-<type>.yaml — one meeting, its 纪要 and its 议定事项 (rules, section 五)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Int, Model, Text

MEETING_TYPES = ("主任办公会", "办公室成员会议", "专题工作会议", "领导小组会议")
MeetingKind = Literal["主任办公会", "办公室成员会议", "专题工作会议", "领导小组会议"]
# the id of each type's rule in data/office.yaml (领导小组会议 is the group's own meeting: no office rule)
TYPE_RULE = {"主任办公会": "director-meeting", "办公室成员会议": "members-meeting", "专题工作会议": "topic-meeting"}
TYPE_SLUG = {"主任办公会": "director", "办公室成员会议": "members", "专题工作会议": "topic", "领导小组会议": "group"}

# 议定事项的状态：待办 → 办理中 → 已办结；待办或办理中 → 已撤销
DecisionStatus = Literal["待办", "办理中", "已办结", "已撤销"]
STATUS_NEXT = {"待办": ("办理中", "已办结", "已撤销"), "办理中": ("已办结", "已撤销"), "已办结": (), "已撤销": ()}
DECISION_OPEN = ("待办", "办理中")  # not yet finished: counted as open, can become overdue
DECISION_CLOSED = ("已办结", "已撤销")


class Delegation(Model):
    by: Id = Field(title="委托人职务", description="职务 id，例如 director（主任）")
    date: Date = Field(title="委托日期")
    note: Text | None = Field(None, title="说明")


class Chair(Model):
    position: Id = Field(title="主持人职务", description="director（主任）、executive-deputy（常务副主任）、deputy（副主任）；领导小组会议可写 leader（组长）")
    person: Id | None = Field(None, title="主持人", description="人员 id（在 data/office.yaml 或成员单位中登记）")
    name: Text | None = Field(None, title="主持人姓名", description="未登记人员时可直接写姓名")
    delegation: Delegation | None = Field(None, title="委托", description="由副主任主持时，记录主任的委托")


class Attendee(Model):
    unit: Id | None = Field(None, title="成员单位")
    position: Id | None = Field(None, title="职务", description="data/office.yaml 中的职务 id，例如 director（主任）；"
                                "办公室成员、联络员（office-member、liaison）同时写 unit；领导小组组长、副组长写 leader、deputy-leader")
    person: Id | None = Field(None, title="人员 id")
    name: Text | None = Field(None, title="姓名或身份", description="未登记的人员才直接写文字（校验给出提醒）；不得写未成年人的信息")


class Attendance(Model):
    present: list[Attendee] = Field(default_factory=list, title="出席")
    absent: list[Attendee] = Field(default_factory=list, title="请假")
    attending: list[Attendee] = Field(default_factory=list, title="列席")


class Approval(Model):
    by: Id = Field(title="批准人职务", description="按规则应为 director（主任）")
    person: Id | None = Field(None, title="批准人")
    date: Date = Field(title="批准日期")


class AgendaItem(Model):
    title: Text = Field(title="议题")
    important: Bool = Field(False, title="是否重要问题", description="专题工作会议涉及重要问题的，按程序报主任批准")
    approval: Approval | None = Field(None, title="批准")


class Minutes(Model):
    summary: Text | None = Field(None, title="纪要摘要")
    body: list[Text] = Field(default_factory=list, title="纪要正文", description="逐段书写")
    reported_on: Date | None = Field(None, title="报领导小组组长、副组长的日期")
    issued_on: Date | None = Field(None, title="印发成员单位的日期")
    issued_to: list[Id] = Field(default_factory=list, title="印发的成员单位", description="空表示印发领导小组各成员单位")
    document: Id | None = Field(None, title="对应的公文记录 id")


class Progress(Model):
    date: Date = Field(title="日期")
    text: Text = Field(title="进展")


class Decision(Model):
    id: Id = Field(title="议定事项编号", description="全仓库唯一，例如 2026-03-15-director-1")
    text: Text = Field(title="议定事项")
    lead: list[Id] = Field(min_length=1, title="牵头单位")
    support: list[Id] = Field(default_factory=list, title="配合单位")
    deadline: Date | None = Field(None, title="完成时限")
    deadline_workdays: Int | None = Field(None, title="时限（工作日）",
                                       description="按工作日计的时限：从会议日期的次日数起，节假日和调休按国务院安排（chinese-calendar）；deadline 写算出的日期（命令会自动写）")
    status: DecisionStatus = Field("待办", title="状态", description="待办、办理中、已办结、已撤销")
    progress: list[Progress] = Field(default_factory=list, title="进展", description="按日期先后追加，不删改已有记录")
    done_on: Date | None = Field(None, title="办结日期")
    note: Text | None = Field(None, title="办结或撤销说明")

    @property
    def is_open(self) -> bool:
        return self.status in DECISION_OPEN


class Meeting(Model):
    id: Id
    type: MeetingKind = Field(title="会议类型", description="主任办公会、办公室成员会议、专题工作会议、领导小组会议")
    date: Date = Field(title="会议日期")
    title: Text = Field(title="会议名称")
    place: Text | None = Field(None, title="地点")
    chair: Chair = Field(title="主持")
    attendance: Attendance = Field(default_factory=Attendance, title="出席情况")
    agenda: list[AgendaItem] = Field(default_factory=list, title="议题")
    minutes: Minutes | None = Field(None, title="会议纪要")
    decisions: list[Decision] = Field(default_factory=list, title="议定事项")
