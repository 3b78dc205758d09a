"""data/units/<id>.yaml — one member unit of the leading group and its duties."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Int, Model, Text

UNIT_KINDS = ("党委部门", "政府部门", "人大机关", "政协机关", "审判机关", "检察机关", "群团组织", "事业单位", "其他")


class Person(Model):
    id: Id
    name: Text = Field(title="姓名")
    unit: Id | None = Field(None, title="所在成员单位")
    post: Text | None = Field(None, title="职务")
    phone: Text | None = Field(None, title="办公电话")
    since: Date | None = Field(None, title="任职日期")
    until: Date | None = Field(None, title="离任日期", description="离任后保留记录并写明日期：签发等按公文日期核对当时的任职人员")
    filed_on: Date | None = Field(None, title="函告备案日期", description="规则二：人员调整由所在单位函告备案")


class DutyItem(Model):
    id: Id
    text: Text = Field(title="职责原文", description="逐字照录，不增删改")
    role: Literal["lead", "support"] | None = Field(
        None, title="角色", description="lead=牵头（原文写明牵头、负责、督促指导、会同，或是本单位自己的职责）；support=配合（条目各分句都写明配合、协助、支持其他部门）；按 docs/roles.md 的规则由原文决定")
    role_basis: Text | None = Field(None, title="角色依据", description="原文中决定角色的词；本单位自己的职责（分句中没有角色用语）不写")
    assignment: Text | None = Field(None, title="任务分工", description="任务清单中任务后括号里的分工原文，例如 县妇儿工委牵头，县民政局、县教育局配合；角色按其中点到本单位的分句确定")
    topics: list[Id] = Field(default_factory=list, title="主题")
    note: Text | None = Field(None, title="备注")


class Unit(Model):
    id: Id
    name: Text = Field(title="简称", description="通知中的写法，例如 旗公安局")
    full_name: Text = Field(title="全称")
    order: Int = Field(ge=1, title="排序", description="在职责分工中的顺序")
    kind: Literal[UNIT_KINDS] = Field(title="单位类别")  # type: ignore[valid-type]
    heading: Text | None = Field(None, title="原文标题", description="原文中单位标题与简称不同时照录，例如 旗妇联（旗妇儿工委办公室）")
    aliases: list[Text] = Field(default_factory=list, title="其他叫法")
    numbered_in_source: Bool = Field(True, title="原文是否有序号", description="原文中单位 1、4、5、6 缺少序号")
    duties: list[DutyItem] = Field(min_length=1, title="职责任务")
    office_member: Person | None = Field(None, title="办公室成员", description="由本单位具体负责同志担任")
    liaison: Person | None = Field(None, title="联络员", description="由本单位相关科室负责同志担任")
