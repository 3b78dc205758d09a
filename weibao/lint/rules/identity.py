"""WB301 ids unique across the repository; WB011 a unit's file is named after its id."""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import Record, RepoData
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule


def id_sites(data: RepoData) -> Iterator[tuple[str, Record, tuple, str]]:
    """Every id defined in the repository: (id, record, loc, what)."""
    s = data.one("settings")
    if s:
        for i, p in enumerate(s.model.document_prefixes):
            yield p.id, s, ("document_prefixes", i, "id"), "文号代字"
    o = data.one("office")
    if o:
        for group in ("positions", "duties", "meeting_types", "work_systems", "rules"):
            for i, item in enumerate(getattr(o.model, group)):
                yield item.id, o, (group, i, "id"), "规则"
        for i, pos in enumerate(o.model.positions):
            for j, person in enumerate(pos.holders):
                yield person.id, o, ("positions", i, "holders", j, "id"), "人员"
    t = data.one("topics")
    if t:
        for i, topic in enumerate(t.model.topics):
            yield topic.id, t, ("topics", i, "id"), "主题"
    for r in data.valid("unit"):
        u = r.model
        yield u.id, r, ("id",), "成员单位"
        for i, d in enumerate(u.duties):
            yield d.id, r, ("duties", i, "id"), "职责条目"
        for slot in ("office_member", "liaison"):
            person = getattr(u, slot)
            if person is not None:
                yield person.id, r, (slot, "id"), "人员"
    for kind in ("meeting", "case", "document", "research", "notification", "area"):
        for r in data.valid(kind):
            yield r.model.id, r, ("id",), "记录"
    for r in data.valid("meeting"):
        for i, d in enumerate(r.model.decisions):
            yield d.id, r, ("decisions", i, "id"), "议定事项"
    for r in data.valid("annual_plan"):
        for i, item in enumerate(r.model.items):
            yield f"{r.model.year}:{item.id}", r, ("items", i, "id"), "计划任务"


@rule("WB301")
def unique_ids(data: RepoData) -> Iterator[Diagnostic]:
    first: dict[str, tuple[Record, tuple]] = {}
    for ident, rec, loc, what in id_sites(data):
        if ident in first:
            prev, ploc = first[ident]
            line, _ = prev.loaded.pos(ploc)
            yield rec.diag("WB301", f"{what} id“{ident}”重复，已在 {prev.rel}:{line} 使用。", loc,
                           hint="每个 id 在整个仓库中只能用一次；请换一个新的 id。")
        else:
            first[ident] = (rec, loc)


@rule("WB011")
def unit_file_named_by_id(data: RepoData) -> Iterator[Diagnostic]:
    for r in data.valid("unit"):
        stem = r.file.path.name.removesuffix(".yaml")
        if stem != r.model.id:
            yield r.diag("WB011", f"文件名 {r.file.path.name} 与成员单位 id“{r.model.id}”不一致。", ("id",),
                         hint=f"把文件改名为 {r.model.id}.yaml（id 是稳定标识，文件名随 id）。")
