"""data/glossary.yaml — everyday words → the official terms of the duty texts."""

from __future__ import annotations

from pydantic import Field

from weibao.model.base import Model, Text


class GlossaryEntry(Model):
    words: list[Text] = Field(min_length=1, title="日常说法", description="群众、领导、其他部门提问时的说法，例如 网吧、网咖")
    terms: list[Text] = Field(min_length=1, title="规范用语", description="职责原文中的说法，例如 互联网上网服务营业场所；每个都必须出现在某条职责原文中")
    note: Text | None = Field(None, title="说明")


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
    entries: list[GlossaryEntry] = Field(default_factory=list, title="词条")
