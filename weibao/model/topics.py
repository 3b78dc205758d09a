"""data/topics.yaml — the topics that duty items are tagged with (for `weibao matrix`)."""

from __future__ import annotations

from pydantic import Field

from weibao.model.base import Id, Model, Text


class Topic(Model):
    id: Id
    name: Text = Field(title="主题名称")
    group: Text = Field(title="分组", description="例如 六大保护、重点群体、专项工作")
    description: Text | None = Field(None, title="说明")


class Topics(Model):
    topics: list[Topic] = Field(min_length=1, title="主题")
