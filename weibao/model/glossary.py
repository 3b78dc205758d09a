"""data/glossary.yaml — everyday words → the official terms of the duty texts."""

from __future__ import annotations

from pydantic import Field

from .base import Model, Text


class GlossaryEntry(Model):
    words: list[Text] = Field(min_length=1, title="日常说法", description="群众、领导、其他部门提问时的说法，例如 网吧、网咖")
    terms: list[Text] = Field(min_length=1, title="规范用语", description="职责原文中的说法，例如 互联网上网服务营业场所；每个都必须出现在某条职责原文中")
    note: Text | None = Field(None, title="说明")


class Glossary(Model):
    fluff: list[Text] = Field(default_factory=list, title="问句套话", description="检索时从问题中去掉的词，例如 哪个部门、归谁管、找谁")
    entries: list[GlossaryEntry] = Field(default_factory=list, title="词条")
