"""data/documents/<year>/<id>.yaml — one official document (公文) per file, with the elements of GB/T 9704-2012."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Int, Model, Text
from weibao.model.meeting import Delegation

# 《党政机关公文处理工作条例》第八条：15 种公文
DOC_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")
DocType = Literal["决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要"]
# 上行文：发文字号居左、签发人同行居右（GB/T 9704 §7.2.4）
UPWARD_TYPES = ("请示", "报告")
# 应有主送机关的种类（公告、通告、纪要、决议、公报面向社会或存档，可以没有）
NEEDS_ADDRESSEE = ("通知", "通报", "报告", "请示", "批复", "函", "意见", "议案")

Disclosure = Literal["此件公开发布", "依申请公开", "不予公开"]
Secret = Literal["秘密", "机密", "绝密"]
Urgency = Literal["特急", "加急", "特提", "平急"]
Generated = Literal["office_rules", "duty_division"]
PLACEHOLDER = "（请填写"  # marks a value `doc new` leaves for the clerk; validate warns until it is replaced (WB611)


class Reply(Model):
    unit: Id = Field(title="回复的成员单位")
    date: Date = Field(title="回复日期")
    gist: Text | None = Field(None, title="意见要点", description="无意见时可不写，并设 no_objection: true")
    no_objection: Bool = Field(False, title="无意见")


class Consultation(Model):
    """规则七：本办文件在制定过程中根据需要征求相关成员单位意见."""

    units: list[Id] = Field(min_length=1, title="征求意见的成员单位")
    sent: Date = Field(title="发出日期")
    due: Date | None = Field(None, title="回复截止日期")
    replies: list[Reply] = Field(default_factory=list, title="回复")
    note: Text | None = Field(None, title="说明", description="未等全部回复即印发的理由，例如 逾期未回复视为无意见")


class Attachment(Model):
    title: Text = Field(title="附件标题", description="例如 奈曼旗未成年人保护工作领导小组办公室工作规则")
    generate: Generated | None = Field(
        None, title="由数据生成", description="office_rules：由 data/office.yaml 生成工作规则；duty_division：由 data/units/ 生成成员单位职责任务分工"
    )
    intro: list[Text] = Field(default_factory=list, title="导语段落", description="生成内容之前的段落（例如职责分工的开头一段）")
    body: list[Text] = Field(default_factory=list, title="正文段落", description="不由数据生成的附件，逐段写在这里")


class AttendanceLines(Model):
    """The attendance lines of a 纪要 (GB/T 9704 §10.3): 出席、请假、列席."""

    present: list[Text] = Field(default_factory=list, title="出席")
    absent: list[Text] = Field(default_factory=list, title="请假")
    attending: list[Text] = Field(default_factory=list, title="列席")


class Document(Model):
    id: Id
    type: DocType = Field(title="文种", description="《党政机关公文处理工作条例》第八条的 15 种公文之一，例如 通知、通报、报告、请示、函、纪要")
    issuer: Text = Field(title="发文机关", description="例如 奈曼旗人民政府办公室")
    mark: Text | None = Field(None, title="发文机关标志", description="版头红字，缺省为“发文机关＋文件”；纪要为“××纪要”")
    number: Text | None = Field(None, title="发文字号", description="机关代字〔年份〕序号号，例如 奈政办字〔2022〕40号；由 weibao doc new 分配")
    signer: Text | None = Field(None, title="签发人", description="上行文（请示、报告）和本办自身发文必须写明")
    major: Bool = Field(False, title="重大事项", description="请示的是重大事项时为 true：须请示领导小组组长、副组长（规则七）")
    consultation: Consultation | None = Field(None, title="征求意见", description="征求了哪些成员单位的意见、何时发出、各单位何时回复了什么")
    signer_delegation: Delegation | None = Field(
        None, title="签发委托", description="副主任受主任委托签发时写明：by（委托人职务，例如 director）和委托日期")
    title: Text = Field(title="标题")
    to: list[Text] = Field(default_factory=list, title="主送机关")
    body: list[Text] = Field(default_factory=list, title="正文", description="逐段书写；层次序数依次用 一、 （一） 1. （1）")
    attachments: list[Attachment] = Field(default_factory=list, title="附件")
    attachment_note: Bool = Field(True, title="是否列出附件说明", description="印发规章制度的通知在正文中已写明所印发文件时可设为 false")
    signature: Text | None = Field(None, title="发文机关署名", description="缺省为发文机关")
    date: Date = Field(title="成文日期")
    sealed: Bool = Field(True, title="是否加盖印章")
    disclosure: Disclosure | None = Field(None, title="公开方式", description="此件公开发布、依申请公开、不予公开")
    note: Text | None = Field(None, title="附注", description="公开方式以外的附注，例如联系人和电话（不得含未成年人信息）")
    cc: list[Text] = Field(default_factory=list, title="抄送机关")
    printer: Text | None = Field(None, title="印发机关")
    print_date: Date | None = Field(None, title="印发日期")
    copy_no: Text | None = Field(None, title="份号", description="涉密公文应标注份号，6 位阿拉伯数字")
    secret: Secret | None = Field(None, title="密级")
    secret_term: Text | None = Field(None, title="保密期限", description="例如 1年")
    urgency: Urgency | None = Field(None, title="紧急程度")
    minutes: AttendanceLines | None = Field(None, title="纪要出席情况", description="纪要正文之后的出席、请假、列席名单")
    meeting: Id | None = Field(None, title="对应的会议记录 id")


RECEIVED_ACTIONS = ("转办", "呈批", "批示", "办结")


class Handling(Model):
    date: Date = Field(title="日期")
    action: Literal["转办", "呈批", "批示", "办结"] = Field(title="办理", description="转办（交成员单位办理）、呈批（报主任或组长批示）、批示、办结")
    to: Text | None = Field(None, title="转给或呈报", description="转办的成员单位 id，或呈批的职务（例如 director）")
    note: Text | None = Field(None, title="说明", description="不得写入可识别未成年人的信息")


class Received(Model):
    """收文：成员单位向领导小组报送的公文，由未保办履行程序（规则七 doc-member-submissions）."""

    id: Id
    from_unit: Id = Field(title="报送单位", description="成员单位 id")
    number: Text | None = Field(None, title="来文字号", description="报送单位自己的发文字号（它的代字〔年份〕序号号）")
    title: Text = Field(title="标题")
    received_on: Date = Field(title="收文日期")
    deadline: Date | None = Field(None, title="办理时限")
    deadline_workdays: Int | None = Field(None, title="时限（工作日）",
                                       description="按工作日计的时限：从收文日期的次日数起，节假日和调休按国务院安排（chinese-calendar）；deadline 写算出的日期（命令会自动写）")
    steps: list[Handling] = Field(default_factory=list, title="办理过程")

    def done_on(self) -> Any:
        return next((s.date for s in reversed(self.steps) if s.action == "办结"), None)

