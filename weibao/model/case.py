"""data/cases/<year>/<id>.yaml — one supervision case (督查督办, rules section 六(四)).

The record never identifies a minor or a family: the subject is written as
“某苏木一名初中生”, and anything identifying lives in the private store outside
git (settings ``private_store``), referenced by the case id.  Fields marked
``private`` are left out of public outputs (``export --public``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from pydantic import Field

from weibao.model.base import Date, Id, Int, Model, Text

CaseKind = Literal["督查", "督办"]
SourceKind = Literal["议定事项", "领导小组交办", "上级交办", "群众反映", "强制报告", "重大事件", "恶性案件"]
Level = Literal["一般督办", "挂牌督办"]
CaseState = Literal["立案", "督办中", "整改中", "待核验", "办结", "中止"]
CASE_STATES = ("立案", "督办中", "整改中", "待核验", "办结", "中止")
# 立案 → 督办中 → 整改中 → 待核验 → 办结; 待核验 → 整改中 (退回重办); any open state → 中止 (with a reason)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "立案": ("督办中", "中止"),
    "督办中": ("整改中", "中止"),
    "整改中": ("待核验", "中止"),
    "待核验": ("办结", "整改中", "中止"),
    "办结": (),
    "中止": (),
}
CLOSED = ("办结", "中止")  # final states: no more progress, never overdue


def allowed_text(state: str) -> str:
    """The states a case may move to from ``state``, for messages."""
    nxt = TRANSITIONS.get(state, ())
    return "、".join(nxt) if nxt else "（无：已是最终状态）"

# a private field: public outputs leave it out.  In the JSON Schema it is said with the standard "$comment" keyword —
# strict validators (ajv) refuse any keyword outside the vocabulary, "private" and "x-private" alike
PRIVATE_NOTE = "私密字段：export --public、定期报告等对外的输出不含此项"
PRIVATE: dict[str, Any] = {"json_schema_extra": {"$comment": PRIVATE_NOTE}}


class Source(Model):
    kind: SourceKind = Field(title="来源", description="议定事项、领导小组交办、上级交办、群众反映、强制报告、重大事件、恶性案件")
    ref: Text | None = Field(None, title="来源编号", description="议定事项的编号，或交办文件的发文字号")
    note: Text | None = Field(None, title="来源说明", **PRIVATE)


class LogEntry(Model):
    date: Date = Field(title="日期")
    text: Text = Field(title="进展", **PRIVATE)
    state: CaseState | None = Field(None, title="状态变为", description="这一条记录了状态变化时填写")


class Extension(Model):
    date: Date = Field(title="批准日期")
    to: Date = Field(title="新的整改时限")
    reason: Text = Field(title="延期理由", **PRIVATE)
    approved_by: Text = Field(title="批准人", description="职务或人员 id，例如 director")


class Closure(Model):
    date: Date = Field(title="办结日期")
    verified_by: Text = Field(title="核验人", description="职务或人员 id，例如 督查专员")
    result: Text = Field(title="办结情况", **PRIVATE)


class Case(Model):
    id: Id = Field(title="编号", description="db-年份-序号，由 weibao case new 分配")
    kind: CaseKind = Field(title="类别", description="督查（检查决策部署的落实）或督办（督办具体事件、案件）")
    source: Source = Field(title="来源")
    subject: Text = Field(title="事由", description="不得出现未成年人及其家庭的姓名、学校、住址、电话、证件号；用“某苏木一名初中生”“李某”等写法")
    lead: Id = Field(title="牵头单位")
    support: list[Id] = Field(default_factory=list, title="配合单位")
    region: Text | None = Field(None, title="苏木乡镇（场、街道）")
    level: Level = Field("一般督办", title="督办级别")
    commissioner: Text | None = Field(None, title="督查专员", description="人员 id 或职务")
    opened: Date = Field(title="立案日期")
    deadline: Date | None = Field(None, title="整改时限", description="原定时限；延期记在 extensions")
    deadline_workdays: Int | None = Field(None, title="时限（工作日）",
                                       description="按工作日计的时限：从立案日期的次日数起，节假日和调休按国务院安排（chinese-calendar）；deadline 写算出的日期（命令会自动写）")
    state: CaseState = Field("立案", title="状态")
    log: list[LogEntry] = Field(default_factory=list, title="进展记录", description="按日期先后追加，不删改已有记录")
    extensions: list[Extension] = Field(default_factory=list, title="延期")
    closure: Closure | None = Field(None, title="办结核验")

    def effective_deadline(self) -> _dt.date | None:
        return self.extensions[-1].to if self.extensions else self.deadline

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED


def private_paths(model: type[Model] = Case, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Field paths (names; '*' for list items) marked private in the model, for public outputs to drop."""
    import typing

    out: list[tuple[str, ...]] = []
    for name, f in model.model_fields.items():
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        if extra.get("$comment") == PRIVATE_NOTE:
            out.append((*prefix, name))
            continue
        ann = f.annotation
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann)
            if isinstance(inner, type) and issubclass(inner, Model):
                out.extend(private_paths(inner, (*prefix, name, "*")))
            continue
        for a in typing.get_args(ann) or (ann,):  # X | None → X
            if isinstance(a, type) and issubclass(a, Model):
                out.extend(private_paths(a, (*prefix, name)))
    return out
