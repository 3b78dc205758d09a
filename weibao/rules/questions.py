"""WB302/WB507–WB509/WB901–WB903: the 问答库 (data/questions/) — units exist, no question recorded twice
(examples.same_key: fluff, spaces and punctuation aside), no names or numbers even when split up."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic
from ..store import RepoData
from . import rule
from .privacy import find_names
from .references import _near


def question_key(text: str) -> str:
    """The text without spaces and punctuation, full-width folded (to match a question across two file versions)."""
    from ..query.text import segments

    return "".join(segments(text))


@rule("WB302", "WB507", "WB508", "WB509", "WB901", "WB902", "WB903")
def questions_consistent(data: RepoData) -> Iterator[Diagnostic]:
    from ..query.examples import same_key, sorted_fluff
    from .privacy import find_id_numbers, find_mobiles

    units = data.unit_ids()
    have_units = bool(data.of("unit"))
    g = data.one("glossary")
    fluff = sorted_fluff({"fluff": g.model.fluff}) if g else []
    seen: dict[str, tuple] = {}  # key → (record, index, lead set)
    for r in data.valid("questions"):
        for i, q in enumerate(r.model.questions):
            for role in ("lead", "support"):
                for j, u in enumerate(getattr(q, role)):
                    if have_units and u not in units:
                        yield r.diag("WB302", f"成员单位“{u}”不存在。", ("questions", i, role, j),
                                     hint=_near(u, units) or "成员单位 id 见 data/units/ 下的文件名。")
            both = sorted(set(q.lead) & set(q.support))
            if both:
                yield r.diag("WB509", f"“{'、'.join(both)}”既是牵头单位又是配合单位。", ("questions", i, "support"),
                             hint="从 support 中删去它。")
            compact = "".join(q.q.split())  # a name split by a space (孩子 李明) is still found
            for _pos, name in find_names(q.q) or (find_names(compact) if compact != q.q else []):
                yield r.diag("WB903", f"“{name}”像是一个人的真实姓名。", ("questions", i, "q"),
                             hint=f"问答库只记问法：写成“{name[0]}某”，或改成“孩子”“家长”这样的泛称。")
            if sum(ch.isdigit() for ch in q.q) >= 10 and not (find_id_numbers(q.q) or find_mobiles(q.q)):
                joined = question_key(q.q)  # numbers split by spaces or dashes; plain ones are the line scan's (WB901/902)
                if find_id_numbers(joined):
                    yield r.diag("WB901", "问题中有被空格或符号隔开的居民身份证号。", ("questions", i, "q"), hint="问答库只记问法，删去号码。")
                if find_mobiles(joined):
                    yield r.diag("WB902", "问题中有被空格或符号隔开的手机号码。", ("questions", i, "q"), hint="问答库只记问法，删去号码。")
            key = same_key(q.q, fluff)
            if not key:
                continue
            if key in seen:
                prev, pi, plead = seen[key]
                line, _ = prev.loaded.pos(("questions", pi))
                where = f"{prev.rel}:{line}"
                if set(q.lead) != plead:
                    yield r.diag("WB508", f"同一个问题答了两个不同的牵头单位（{where} 写的是 {'、'.join(sorted(plead))}）。",
                                 ("questions", i, "lead"), hint="确定正确的单位，删去另一处。")
                else:
                    yield r.diag("WB507", f"问题重复，{where} 已有。", ("questions", i, "q"), hint="删去其中一处。")
            else:
                seen[key] = (r, i, set(q.lead))
