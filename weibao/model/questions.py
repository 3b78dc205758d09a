"""data/questions/*.yaml — the 问答库: questions the office has answered, with the units that answer them."""

from __future__ import annotations

from pydantic import Field

from weibao.model.base import Id, Model, Text


class AnsweredQuestion(Model):
    id: Id | None = Field(None, title="编号", description="可选；便于在评测和讨论中指称这一问")
    q: Text = Field(title="问题", description="提问人的原话或接近原话的说法；不得含姓名、电话、证件号等个人信息")
    lead: list[Id] = Field(min_length=1, title="牵头单位", description="负责这件事的成员单位 id（data/units/ 下的文件名）；一问两件事时写两个")
    support: list[Id] = Field(default_factory=list, title="配合单位", description="也可接受的配合单位 id")
    style: Text | None = Field(None, title="提问人", description="可选，例如 居民、办事员、领导、部门、关键词")
    note: Text | None = Field(None, title="说明")


class Questions(Model):
    """问答库：已经答复过的问题和负责单位；weibao who 参考与新问题相似的已答问题。"""

    questions: list[AnsweredQuestion] = Field(default_factory=list, title="已答问题")
