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


def identifying(text: str) -> list[tuple[str, str]]:
    """(code, what) for identifying information in a question, also when spaces, dashes, slashes or punctuation are
    put between its characters (孩子：李明, 139 1234 56 78).  The same check for validate and for weibao learn."""
    from .privacy import find_id_numbers, find_mobiles

    joined = question_key(text)
    out: list[tuple[str, str]] = []
    if sum(ch.isdigit() for ch in text) >= 10:
        if find_id_numbers(text) or find_id_numbers(joined):
            out.append(("WB901", "居民身份证号"))
        if find_mobiles(text) or find_mobiles(joined):
            out.append(("WB902", "手机号码"))
    names = find_names(text) or (find_names(joined) if joined != text else [])
    if names:
        out.append(("WB903", names[0][1]))
    return out


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
            found = identifying(q.q)
            plain = {"WB901": bool(find_id_numbers(q.q)), "WB902": bool(find_mobiles(q.q))} if found else {}  # the line scan's
            for code, what in found:
                if code == "WB903":
                    yield r.diag("WB903", f"“{what}”像是一个人的真实姓名。", ("questions", i, "q"),
                                 hint=f"问答库只记问法：写成“{what[0]}某”，或改成“孩子”“家长”这样的泛称。")
                elif not plain[code]:
                    yield r.diag(code, f"问题中有被空格或符号隔开的{what}。", ("questions", i, "q"), hint="问答库只记问法，删去号码。")
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
