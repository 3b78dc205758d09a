"""The 问答库 (data/questions/): record the right units for a question, so `weibao who` answers it and its like.

``learn`` is what the clerk runs after a wrong or missing answer.  When the same
question (examples.same_key: fluff, spaces and punctuation aside) is already in the
问答库, every copy of it gets the new answer; otherwise it is appended to
data/questions/learned.yaml (created with the first answer).  Each write is a
round-trip edit in ``weibao fmt`` layout (comments kept), checked and atomic;
identifying information is refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    places: list[tuple[str, int]]  # (file, line) of every copy written or found
    question: str
    lead: list[str]
    support: list[str]
    before: tuple[list[str], list[str]] | None = None  # the first copy's answer before the change


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


def refuse_identifying(question: str) -> None:
    """ID numbers, mobile numbers or names, also when spaces, dashes or punctuation are put between their characters
    (the same check as validate's WB901–WB903 for the 问答库)."""
    from .rules.questions import identifying

    for code, what in identifying(question):
        if code == "WB903":
            raise UsageError(f"问题中的“{what}”像是真实姓名，不能写入问答库。", hint="问答库只记问法：写成“孩子”“家长”这样的泛称。")
        raise UsageError(f"问题中有{what}，不能写入问答库。", hint="问答库只记问法，删去号码。")


def learn(repo: Repository, question: str, lead: list[str], support: list[str] | None = None) -> Learned:
    """Record ``lead`` (and ``support``; None or empty keeps a recorded question's support) as the answer to ``question``."""
    from .edit import block_seq, edit_file, scalar
    from .load import parse_text
    from .model.questions import AnsweredQuestion, Questions
    from .query.examples import same_key, sorted_fluff
    from .query.index import load_index
    from .schema import check

    question = " ".join(question.split())
    if any("\ud800" <= ch <= "\udfff" or (ch < " " and ch not in "\t\n") for ch in question):
        raise UsageError("问题中有无法识别的字符（可能是终端或文件的编码不对）。", hint="重新输入问题，或把文件另存为 UTF-8。")
    from .query.text import segments

    if not segments(question):
        raise UsageError("问题是空的。", hint='例如：weibao learn "孩子被拐走了" --lead 公安')
    refuse_identifying(question)
    index = load_index(repo)
    key = same_key(question, sorted_fluff(index["glossary"]))
    if not key:
        raise UsageError("问题里只有套话（哪个部门、找谁……），没有说是什么事。", hint='例如：weibao learn "孩子被拐走了" --lead 公安')
    lead_ids = resolve_units(index, lead, "牵头单位")
    if not lead_ids:
        raise UsageError("至少要给一个牵头单位。", hint="例如 --lead 公安")
    support_ids = [u for u in resolve_units(index, support or [], "配合单位") if u not in lead_ids] if support else None
    fluff = sorted_fluff(index["glossary"])
    copies: list[tuple[Any, Any, list[int], Any]] = []  # (data file, loaded, indices of the same question, model)
    for f in repo.layout().of("questions"):
        loaded = parse_text(f.path.read_bytes().decode("utf-8-sig"), f.rel)
        model, _ = check(loaded, Questions)
        if model is None:
            continue
        hits = [i for i, q in enumerate(model.questions) if same_key(q.q, fluff) == key]
        if hits:
            copies.append((f, loaded, hits, model))
    order = list(AnsweredQuestion.model_fields)
    if copies:
        _f0, _l0, first_hits, first_model = copies[0]
        q0 = first_model.questions[first_hits[0]]
        before = (list(q0.lead), list(q0.support))

        def support_of(q: Any) -> list[str]:  # kept unless given; a unit now leading is no longer supporting
            return [u for u in (support_ids if support_ids is not None else q.support) if u not in lead_ids]

        if all(set(m.questions[i].lead) == set(lead_ids) and set(m.questions[i].support) == set(support_of(m.questions[i]))
               for _f, _l, hits, m in copies for i in hits):
            places = [(f.rel, loaded.pos(("questions", i))[0]) for f, loaded, hits, _m in copies for i in hits]
            return Learned("same", places, q0.q, lead_ids, support_of(q0))
        places = []
        for f, _loaded, hits, m in copies:  # every file checked before any is written (edit_file checks, then writes)
            def change(doc: Any, hits: list[int] = hits, m: Any = m) -> None:
                for i in hits:
                    item = doc["questions"][i]
                    _replace_list(item, "lead", lead_ids, order)
                    _replace_list(item, "support", support_of(m.questions[i]), order)

            edit_file(f.path, f.rel, Questions, change, canonical=True)
            after = parse_text(f.path.read_text(encoding="utf-8"), f.rel)
            places += [(f.rel, after.pos(("questions", i))[0]) for i in hits]
        return Learned("changed", places, q0.q, lead_ids, support_of(q0), before)

    def append(doc: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        if not hasattr(doc, "get") or "questions" not in doc:
            raise UsageError(f"{LEARNED} 不是问答库文件（缺少 questions:）。", hint="修正或移走这个文件后再试。")
        item = CommentedMap()
        item["q"] = scalar(question)
        item["lead"] = _flow(lead_ids)
        item["support"] = _flow(support_ids or [])
        block_seq(doc, "questions", list(Questions.model_fields)).append(item)

    path = repo.root / LEARNED
    path.parent.mkdir(parents=True, exist_ok=True)
    checked = edit_file(path, LEARNED, Questions, append, create=HEADER, canonical=True)
    line, _ = parse_text(path.read_text(encoding="utf-8"), LEARNED).pos(("questions", len(checked.questions) - 1))
    return Learned("added", [(LEARNED, line)], question, lead_ids, support_ids or [])


def _replace_list(item: Any, key: str, values: list[str], order: list[str]) -> None:
    """Set a list of unit ids.  A list already there is changed in place: ids that stay keep their place and their
    comments, ids that go are removed with theirs, new ids are appended."""
    from .edit import set_key

    seq = item.get(key)
    if seq is None or not hasattr(seq, "append"):
        set_key(item, key, _flow(values), order)
        return
    for i in reversed(range(len(seq))):
        if seq[i] not in values:
            del seq[i]
    for v in values:
        if v not in seq:
            seq.append(v)


def _flow(items: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
