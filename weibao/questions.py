"""The 问答库 (data/questions/): record the right units for a question, so `weibao who` answers it and its like.

``learn`` is what the clerk runs after a wrong or missing answer: the question and
its units go into data/questions/learned.yaml (created on first use), or, when the
same question is already in the 问答库, its answer there is changed in place.  The
write is a round-trip edit (comments kept), checked and atomic; identifying
information is refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .repo import Repository

LEARNED = "data/questions/learned.yaml"
HEADER = """\
# yaml-language-server: $schema=../../schemas/questions.schema.json
# 问答库·本办记录：weibao learn 记下的问题和负责单位（lead 牵头，support 配合）。
# weibao who 回答新问题时参考问答库中相似问题的答案。只记问法，不记姓名、电话、证件号、学校或住址。
questions: []
"""


@dataclass
class Learned:
    action: str  # "added" | "changed" | "same"
    path: str
    line: int
    question: str
    lead: list[str]
    support: list[str]
    before: tuple[list[str], list[str]] | None = None


def resolve_units(index: dict[str, Any], names: list[str], label: str) -> list[str]:
    """Unit ids for names as the clerk types them (公安, 检察院, gongan …); unknown or ambiguous names are refused."""
    from .query.lookup import find_unit

    out: list[str] = []
    for name in names:
        found = find_unit(index, name)
        if found.unit is None:
            cands = "、".join(u["name"] for u in found.candidates[:5])
            why = "有歧义" if found.reason == "ambiguous" else "找不到"
            raise UsageError(f"{label}“{name}”{why}。" + (f"可能是：{cands}。" if cands else ""), hint="用单位简称或 id，例如 公安、检察院、gongan。")
        if found.unit["id"] not in out:
            out.append(found.unit["id"])
    return out


def learn(repo: Repository, question: str, lead: list[str], support: list[str] | None = None) -> Learned:
    from .cases import _privacy_check
    from .edit import block_seq, edit_file, scalar
    from .fmt import atomic_write
    from .load import parse_text
    from .model.questions import Questions
    from .query.index import load_index
    from .rules.questions import question_key
    from .schema import check

    question = " ".join(question.split())
    if not question_key(question):
        raise UsageError("问题是空的。", hint='例如：weibao learn "孩子被拐走了" --lead 公安')
    _privacy_check("问题", question)
    index = load_index(repo)
    lead_ids = resolve_units(index, lead, "牵头单位")
    support_ids = [u for u in resolve_units(index, support or [], "配合单位") if u not in lead_ids]
    if not lead_ids:
        raise UsageError("至少要给一个牵头单位。", hint="例如 --lead 公安")
    key = question_key(question)
    for f in repo.layout().of("questions"):
        loaded = parse_text(f.path.read_text(encoding="utf-8-sig"), f.rel)
        model, _ = check(loaded, Questions)
        if model is None:
            continue
        for i, q in enumerate(model.questions):
            if question_key(q.q) != key:
                continue
            line, _ = loaded.pos(("questions", i))
            if q.lead == lead_ids and q.support == support_ids:
                return Learned("same", f.rel, line, q.q, lead_ids, support_ids)
            before = (list(q.lead), list(q.support))

            def change(doc: Any, i: int = i) -> None:
                item = doc["questions"][i]
                item["lead"] = _flow(lead_ids)
                item["support"] = _flow(support_ids)

            edit_file(f.path, f.rel, Questions, change)
            return Learned("changed", f.rel, line, q.q, lead_ids, support_ids, before)
    path = repo.root / LEARNED
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, HEADER)

    def append(doc: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        if doc is None or "questions" not in doc:
            raise UsageError(f"{LEARNED} 不是问答库文件（缺少 questions:）。", hint="修正或移走这个文件后再试。")
        item = CommentedMap()
        item["q"] = scalar(question)
        item["lead"] = _flow(lead_ids)
        item["support"] = _flow(support_ids)
        block_seq(doc, "questions", list(Questions.model_fields)).append(item)

    checked = edit_file(path, LEARNED, Questions, append)
    loaded = parse_text(path.read_text(encoding="utf-8"), LEARNED)
    line, _ = loaded.pos(("questions", len(checked.questions) - 1))
    return Learned("added", LEARNED, line, question, lead_ids, support_ids)


def _flow(items: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
