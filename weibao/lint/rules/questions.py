"""WB302/WB507–WB509: the 问答库 (data/questions/) — units exist, no question recorded twice (domain.text.same_key:
fluff, spaces and punctuation aside).  Names and numbers in questions: lint/rules/privacy.py, as in every file."""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.domain.lookup import near
from weibao.domain.text import same_key, sorted_fluff
from weibao.lint.registry import rule


@rule("WB302", "WB507", "WB508", "WB509")
def questions_consistent(data: RepoData) -> Iterator[Diagnostic]:
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
                                     hint=near(u, units) or "成员单位 id 见 data/units/ 下的文件名。")
            both = sorted(set(q.lead) & set(q.support))
            if both:
                yield r.diag("WB509", f"“{'、'.join(both)}”既是牵头单位又是配合单位。", ("questions", i, "support"),
                             hint="从 support 中删去它。")
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
