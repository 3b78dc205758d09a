"""data/weibao.yaml — the repository's settings (region, bodies, document prefixes)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from weibao.model.base import Bool, Date, Id, Model, Text

PREFIX_PATTERN = r"^[\u4e00-\u9fff]+$"

# the table of domain/roles.py: “A会同B” makes A the one in charge (lead); 支持 states a supporting role only when
# what is supported is another body (支持民政等有关部门……); a clause without any of these words is the unit's own duty
DEFAULT_LEAD_WORDS = ["牵头", "督促指导", "负责", "会同"]
DEFAULT_SUPPORT_WORDS = ["配合", "协助", "支持民政", "支持有关", "支持相关"]
DEFAULT_ROLE_EXCLUDE = ["负责人", "负责同志"]


class Region(Model):
    name: Text = Field(title="地区名称", description="例如 奈曼旗")
    level: Text = Field(title="行政区划层级称谓", description="旗、县、区、县级市……")
    short: Text | None = Field(None, title="文件中的简称前缀", description="例如 旗（旗公安局、旗未保办）")
    parent: Text | None = Field(None, title="上级地区", description="例如 通辽市")
    province: Text | None = Field(None, title="省级地区")


class Body(Model):
    name: Text = Field(title="全称")
    short_name: Text | None = Field(None, title="简称")


class Leader(Model):
    role: Literal["组长", "副组长"] = Field(title="职务")
    name: Text | None = Field(None, title="姓名", description="原文未列姓名；任命后填写，切勿编造")
    post: Text | None = Field(None, title="本职", description="例如 旗政府分管副旗长")


class LeadingGroup(Body):
    leaders: list[Leader] = Field(default_factory=list, title="组长、副组长", description="重大事项请示组长、副组长（规则七）")


class OfficeSettings(Body):
    host_unit: Id = Field(title="设在哪个成员单位", description="成员单位 id，例如 minzheng（民政局）")
    host_division: Text | None = Field(None, title="承办日常工作的内设机构", description="例如 社会福利股")


class DocumentPrefix(Model):
    id: Id
    prefix: Text = Field(title="发文机关代字", description="例如 奈政办字；只由汉字组成")
    issuer: Text = Field(title="发文机关")
    own: Bool = Field(False, title="是否本办自身发文", description="本办自身发文须由主任签发")
    signing_rule: Id | None = Field(None, title="签发适用的规则", description="规则 id，例如 doc-signing")
    note: Text | None = Field(None, title="说明")


class SourceDocument(Model):
    number: Text = Field(title="发文字号")
    title: Text = Field(title="标题")
    issuer: Text = Field(title="发文机关")
    date: Date = Field(title="成文日期")
    disclosure: Text | None = Field(None, title="公开方式")


class RoleWords(Model):
    lead: list[Text] = Field(default_factory=lambda: list(DEFAULT_LEAD_WORDS), title="牵头用语",
                             description="分句中最先出现的角色用语是这些词之一时，该分句为牵头；没有任何角色用语的分句是本单位自己的职责，也算牵头")
    support: list[Text] = Field(default_factory=lambda: list(DEFAULT_SUPPORT_WORDS), title="配合用语",
                                description="分句中最先出现的角色用语是这些词之一时，该分句为配合；条目中所有分句都是配合时，条目为配合")
    exclude: list[Text] = Field(default_factory=lambda: list(DEFAULT_ROLE_EXCLUDE), title="不算角色用语的词",
                                description="例如“负责人”中的“负责”不表示牵头")


class Settings(Model):
    schema_version: Literal[1] = Field(1, title="数据格式版本")
    region: Region = Field(title="地区")
    government: Text = Field(title="本级人民政府")
    government_office: Text | None = Field(None, title="本级人民政府办公室")
    leading_group: LeadingGroup = Field(title="未成年人保护工作领导小组")
    office: OfficeSettings = Field(title="领导小组办公室（未保办）")
    document_prefixes: list[DocumentPrefix] = Field(default_factory=list, title="发文字号代字")
    founding_document: SourceDocument | None = Field(None, title="设立依据文件")
    private_store: Text = Field(
        "private", title="私密资料目录",
        description="存放可识别未成年人及其家庭的资料（姓名、证件、住址、照片……）的目录，相对于仓库根目录；必须在 .gitignore 中，不得纳入 git",
    )
    role_words: RoleWords = Field(default_factory=RoleWords, title="职责角色用语")
    timezone: Text | None = Field(None, title="时区", description="办公室所在时区的 IANA 名称，默认 Asia/Shanghai；“今天”、逾期和到期都按这个时区的日期计算")
