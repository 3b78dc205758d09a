"""Checks of data/glossary.yaml and data/topics.yaml against the duty texts."""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule


@rule("WB501", "WB502", "WB503")
def glossary_consistent(data: RepoData) -> Iterator[Diagnostic]:
    g = data.one("glossary")
    if not g:
        return
    corpus = "\n".join(d.text for r in data.valid("unit") for d in r.model.duties)
    check_terms = data.all_valid("unit") and bool(corpus)
    seen: dict[str, int] = {}
    for i, entry in enumerate(g.model.entries):
        for j, word in enumerate(entry.words):
            if word in seen:
                line, _ = g.loaded.pos(("entries", seen[word]))
                yield g.diag("WB502", f"日常说法“{word}”重复（第 {line} 行的词条已有）。", ("entries", i, "words", j),
                             hint="把两个词条合并，或删去其中一处。")
            else:
                seen[word] = i
        if check_terms:
            for j, term in enumerate(entry.terms):
                if term not in corpus:
                    yield g.diag("WB501", f"规范用语“{term}”没有出现在任何职责原文中。", ("entries", i, "terms", j),
                                 hint="规范用语要照抄职责原文中的说法（可用 weibao who --explain 查看匹配情况）。")
    yield from _cycles(g, seen)


def _cycles(g, first_entry: dict[str, int]) -> Iterator[Diagnostic]:
    entries = g.model.entries
    graph = {i: {first_entry[t] for t in e.terms if t in first_entry and first_entry[t] != i} for i, e in enumerate(entries)}
    state: dict[int, int] = {}  # 1 = on stack, 2 = done
    reported: set[frozenset[int]] = set()

    def visit(node: int, path: list[int]) -> Iterator[Diagnostic]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    names = " → ".join(entries[k].words[0] for k in cycle + [nxt])
                    yield g.diag("WB503", f"术语表中有循环：{names}。", ("entries", nxt), hint="规范用语应是职责原文中的说法，不要再指回日常说法。")
            elif nxt not in state:
                yield from visit(nxt, path)
        path.pop()
        state[node] = 2

    for i in range(len(entries)):
        if i not in state:
            yield from visit(i, [])


@rule("WB504", "WB505", "WB506")
def duty_topics(data: RepoData) -> Iterator[Diagnostic]:
    t = data.one("topics")
    if not t:
        return
    ids = {topic.id for topic in t.model.topics}
    used: set[str] = set()
    for r in data.valid("unit"):
        for i, d in enumerate(r.model.duties):
            if not d.topics:
                yield r.diag("WB505", f"职责条目 {d.id} 没有标注主题。", ("duties", i), hint=f"例如 topics: [{sorted(ids)[0]}]")
            for j, topic in enumerate(d.topics):
                used.add(topic)
                if topic not in ids:
                    import difflib

                    close = difflib.get_close_matches(topic, sorted(ids), n=1, cutoff=0.6)
                    yield r.diag("WB504", f"主题“{topic}”不存在。", ("duties", i, "topics", j),
                                 hint=f"是否想写“{close[0]}”？" if close else "主题 id 见 data/topics.yaml。")
    if data.all_valid("unit"):
        for i, topic in enumerate(t.model.topics):
            if topic.id not in used:
                yield t.diag("WB506", f"主题“{topic.name}”（{topic.id}）没有任何职责条目。", ("topics", i, "id"))


@rule("WB511")
def office_cues_name_clauses(data: RepoData) -> Iterator[Diagnostic]:
    """Every clause an office cue of the glossary quotes is a rule of data/office.yaml."""
    g = data.one("glossary")
    if g is None or not g.model.office:
        return
    office = data.office
    if office is None:
        return  # no office.yaml (who answers no rule question then) or a broken one, reported on its own
    ids = {c.id for c in office.clauses()}
    for i, cue in enumerate(g.model.office):
        for j, clause in enumerate(cue.clauses):
            if clause not in ids:
                import difflib

                close = difflib.get_close_matches(clause, sorted(ids), n=1)
                yield g.diag("WB511", f"办公室规则条款“{clause}”不存在。", ("office", i, "clauses", j),
                             hint=f"是否想写“{close[0]}”？" if close else "条款 id 见 data/office.yaml")


@rule("WB510")
def urgent_units_exist(data: RepoData) -> Iterator[Diagnostic]:
    """Every unit an urgent case names is a member unit, and none both leads and supports it."""
    g = data.one("glossary")
    if g is None or not g.model.urgent or not data.units or not data.all_valid("unit"):
        return  # no units yet (weibao init: import-duties keeps the cases whose units it creates); a broken unit file is reported on its own
    ids = {u.id for u in data.units}
    for i, case in enumerate(g.model.urgent):
        for field in ("lead", "support"):
            for j, unit in enumerate(getattr(case, field)):
                if unit not in ids:
                    yield g.diag("WB510", f"紧急情形“{case.name}”的{'牵头' if field == 'lead' else '配合'}单位“{unit}”不存在。",
                                 ("urgent", i, field, j), hint="写 data/units/ 中某个单位的 id")
        for j, unit in enumerate(case.support):
            if unit in case.lead:
                yield g.diag("WB510", f"紧急情形“{case.name}”中“{unit}”既牵头又配合。", ("urgent", i, "support", j))
