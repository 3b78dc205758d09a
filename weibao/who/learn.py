"""The 问答库 (data/questions/): record the right units for a question, so `weibao who` answers it and its like.

``learn`` is what the clerk runs after a wrong or missing answer.  When the same
question (domain.text.same_key: fluff, spaces and punctuation aside) is already in the
问答库, every copy of it gets the new answer; otherwise it is appended to
data/questions/learned.yaml (created with the first answer).  All files change in one
write transaction (lint/gate.py), each as a round-trip edit in ``weibao fmt`` layout
(comments kept); identifying information is refused before anything is staged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from weibao.core.modelcheck import check
from weibao.core.repository import Repository
from weibao.core.roundtrip import block_seq, edit_text, flow_list, scalar, set_key
from weibao.core.yamlread import parse_text
from weibao.domain.privacy import refuse_identifying
from weibao.domain.text import same_key, segments, sorted_fluff
from weibao.errors import UsageError
from weibao.lint.gate import transaction
from weibao.model.questions import AnsweredQuestion, Questions
from weibao.who.engine import check_question

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
    places: list[tuple[str, int]]  # (file, line) of every copy written or found
    question: str
    lead: list[str]
    support: list[str]
    before: tuple[list[str], list[str]] | None = None  # the first copy's answer before the change


def resolve_units(index: dict[str, Any], names: list[str], label: str) -> list[str]:
    """Unit ids for names as the clerk types them (公安, 检察院, gongan …); unknown or ambiguous names are refused."""
    from weibao.who.lookup import find_unit

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
    """Record ``lead`` (and ``support``; None or empty keeps a recorded question's support) as the answer to ``question``."""
    from weibao.who.index import load_index

    question = " ".join(question.split())
    if any("\ud800" <= ch <= "\udfff" or (ch < " " and ch not in "\t\n") for ch in question):
        raise UsageError("问题中有无法识别的字符（可能是终端或文件的编码不对）。", hint="重新输入问题，或把文件另存为 UTF-8。")
    if not segments(question):
        raise UsageError("问题是空的。", hint='例如：weibao learn "孩子被拐走了" --lead 公安')
    check_question(question)  # and not longer than a question (QUESTION_MAX)
    refuse_identifying("问题", question, where="问答库")
    index = load_index(repo)
    fluff = sorted_fluff(index["glossary"])
    key = same_key(question, fluff)
    if not key:
        raise UsageError("问题里只有套话（哪个部门、找谁……），没有说是什么事。", hint='例如：weibao learn "孩子被拐走了" --lead 公安')
    lead_ids = resolve_units(index, lead, "牵头单位")
    if not lead_ids:
        raise UsageError("至少要给一个牵头单位。", hint="例如 --lead 公安")
    support_ids = [u for u in resolve_units(index, support or [], "配合单位") if u not in lead_ids] if support else None
    order = list(AnsweredQuestion.model_fields)

    def support_of(q: Any) -> list[str]:  # kept unless given; a unit now leading is no longer supporting
        return [u for u in (support_ids if support_ids is not None else q.support) if u not in lead_ids]

    with transaction(repo, "记入问答库") as tx:
        copies: list[tuple[str, str, Any, list[int], Any]] = []  # (rel, text, loaded, indices of the same question, model)
        for f in repo.layout().of("questions"):
            text = tx.read(f.rel)
            loaded = parse_text(text, f.rel)
            model, _ = check(loaded, Questions)
            if model is None:
                continue
            hits = [i for i, q in enumerate(model.questions) if same_key(q.q, fluff) == key]
            if hits:
                copies.append((f.rel, text, loaded, hits, model))
        if copies:
            q0 = copies[0][4].questions[copies[0][3][0]]
            before = (list(q0.lead), list(q0.support))
            if all(set(m.questions[i].lead) == set(lead_ids) and set(m.questions[i].support) == set(support_of(m.questions[i]))
                   for _r, _t, _l, hits, m in copies for i in hits):
                places = [(rel, loaded.pos(("questions", i))[0]) for rel, _t, loaded, hits, _m in copies for i in hits]
                return Learned("same", places, q0.q, lead_ids, support_of(q0))
            places = []
            for rel, text, _loaded, hits, m in copies:
                def change(doc: Any, hits: list[int] = hits, m: Any = m) -> None:
                    for i in hits:
                        item = doc["questions"][i]
                        _replace_list(item, "lead", lead_ids, order)
                        _replace_list(item, "support", support_of(m.questions[i]), order)

                new, _model = edit_text(text, Questions, rel, change, canonical=True)
                tx.write(rel, new)
                after = parse_text(new, rel)
                places += [(rel, after.pos(("questions", i))[0]) for i in hits]
            tx.commit()
            return Learned("changed", places, q0.q, lead_ids, support_of(q0), before)

        def append(doc: Any) -> None:
            if not hasattr(doc, "get") or "questions" not in doc:
                raise UsageError(f"{LEARNED} 不是问答库文件（缺少 questions:）。", hint="修正或移走这个文件后再试。")
            from ruamel.yaml.comments import CommentedMap

            item = CommentedMap()
            item["q"] = scalar(question)
            item["lead"] = flow_list(lead_ids)
            item["support"] = flow_list(support_ids or [])
            block_seq(doc, "questions", list(Questions.model_fields)).append(item)

        exists = tx.exists(LEARNED)
        new, checked = edit_text(tx.read(LEARNED) if exists else HEADER, Questions, LEARNED, append, canonical=True)
        if exists:
            tx.write(LEARNED, new)
        else:
            tx.create(LEARNED, new)
        tx.commit()
    line, _ = parse_text(new, LEARNED).pos(("questions", len(checked.questions) - 1))
    return Learned("added", [(LEARNED, line)], question, lead_ids, support_ids or [])


def _replace_list(item: Any, key: str, values: list[str], order: list[str]) -> None:
    """Set a list of unit ids.  A list already there is changed in place: ids that stay keep their place and their
    comments, ids that go are removed with theirs, new ids are appended."""
    seq = item.get(key)
    if seq is None or not hasattr(seq, "append"):
        set_key(item, key, flow_list(values), order)
        return
    for i in reversed(range(len(seq))):
        if seq[i] not in values:
            del seq[i]
    for v in values:
        if v not in seq:
            seq.append(v)
