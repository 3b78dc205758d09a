"""data/glossary.yaml — everyday words → the official terms of the duty texts."""

from __future__ import annotations

from pydantic import Field

from weibao.model.base import Id, Model, Text


class GlossaryEntry(Model):
    words: list[Text] = Field(min_length=1, title="日常说法", description="群众、领导、其他部门提问时的说法，例如 网吧、网咖")
    terms: list[Text] = Field(min_length=1, title="规范用语", description="职责原文中的说法，例如 互联网上网服务营业场所；每个都必须出现在某条职责原文中")
    note: Text | None = Field(None, title="说明")


class UrgentCase(Model):
    id: Id
    name: Text = Field(title="情形", description="例如 殴打虐待、性侵害")
    words: list[Text] = Field(min_length=1, title="说法", description="问题里出现其中任何一个（且说到孩子）就是这种情形，例如 被打、家暴、虐待；“…”代表中间隔着一到八个字，例如 被…打")
    lead: list[Id] = Field(min_length=1, title="牵头单位", description="依法负责的成员单位 id，排在答案最前面")
    support: list[Id] = Field(default_factory=list, title="配合单位")
    basis: Text = Field(title="依据", description="法律条款，例如 《中华人民共和国未成年人保护法》第十一条")
    action: Text | None = Field(None, title="先做什么", description="例如 情况紧急的，立即拨打 110 报警")
    examples: list[Text] = Field(
        default_factory=list, title="例句",
        description="这种情形的问法（虚构样例，不写真实的人和事）：weibao 从例句学会认出没用上“说法”的问题，例如 他爹拿铁锹把子打得腿都肿了",
    )


class OfficeCue(Model):
    words: list[Text] = Field(
        min_length=1, title="说法",
        description="问题里出现其中任何一个，问的就是旗未保办自己的规则，例如 联络员…备案、挂牌督办、主任办公会；“…”代表中间隔着一到八个字",
    )
    clauses: list[Id] = Field(
        min_length=1, title="规则条款",
        description="回答时引用的 data/office.yaml 条款 id（职务、职责、会议制度、工作制度、其他规则的 id），例如 personnel-filing",
    )


class Glossary(Model):
    fluff: list[Text] = Field(default_factory=list, title="问句套话", description="检索时从问题中去掉的词，例如 哪个部门、归谁管、找谁")
    asker: list[Text] = Field(
        default_factory=list,
        title="提问人自称",
        description="紧挨在单位名称前、表示提问人就在这个单位的说法，例如 我们、咱们、我是；这样点到的单位不加分，反而减分（提问人问的是别的单位）",
    )
    deflect: list[Text] = Field(
        default_factory=list,
        title="推诿说法",
        description="与单位名称同一句、表示这个单位已经推掉不管的说法，例如 推来推去、找别的部门；这样点到的单位减分",
    )
    child_words: list[Text] = Field(
        default_factory=list, title="说到孩子的词",
        description="紧急情形只在问题说到孩子时成立，例如 孩子、小孩、学生、女生、初三；留空则不要求",
    )
    urgent: list[UrgentCase] = Field(
        default_factory=list, title="紧急情形",
        description="伤害孩子的情形（殴打虐待、性侵害、拐卖走失、自伤、无人照料、童工……）：weibao who 无论怎样都先答出依法负责的单位和依据",
    )
    calm_examples: list[Text] = Field(
        default_factory=list, title="不紧急的例句",
        description="说到孩子、听着吓人但没有人受到伤害的问法（虚构样例），学习认出紧急情形时作反例，例如 孩子明天打疫苗要带啥",
    )
    office: list[OfficeCue] = Field(
        default_factory=list, title="问办公室规则的说法",
        description="问到旗未保办自身规则（职务、人员变动备案、会议制度、联合调研、情况通报、专题研究、督查督办、公文办理）的说法："
        "weibao who 先答旗未保办（写明设在哪个单位）并引用规则条款",
    )
    entries: list[GlossaryEntry] = Field(default_factory=list, title="词条")  # last: the clerk adds entries at the end of the file
