"""Checks of data/cases/: the files describe a legal history of the supervision state machine (rules 六(四))."""

from __future__ import annotations

import re
from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import Diagnostic
from weibao.lint.registry import rule
from weibao.model.case import TRANSITIONS, allowed_text


@rule("WB801", "WB802", "WB803", "WB804")
def legal_history(data: RepoData) -> Iterator[Diagnostic]:
    """Replay the log from 立案: each state change must be allowed, dates must not go back, the end must match ``state``."""
    for r in data.valid("case"):
        c = r.model
        state, last = "立案", c.opened
        for i, e in enumerate(c.log):
            if e.date < last:
                what = "立案日期" if last == c.opened and i == 0 else "上一条记录"
                yield r.diag("WB802", f"督办事项 {c.id} 的记录日期 {e.date} 早于{what} {last}。", ("log", i, "date"))
            last = max(last, e.date)
            if e.state is not None:
                if e.state not in TRANSITIONS[state]:
                    yield r.diag("WB801", f"督办事项 {c.id} 不能从“{state}”变为“{e.state}”；从“{state}”只能变为：{allowed_text(state)}。",
                                 ("log", i, "state"))
                state = e.state
        if c.state != state:
            yield r.diag("WB801", f"督办事项 {c.id} 的状态写的是“{c.state}”，按进展记录应为“{state}”。", ("state",),
                         hint="状态变化要记在 log 中（weibao case move 会同时写 log 和 state）。")
        if c.state == "办结" and c.closure is None:
            yield r.diag("WB803", f"督办事项 {c.id} 已办结，却没有核验记录 closure（日期、核验人、办结情况）。", ("state",))
        if c.closure is not None and c.state != "办结":
            yield r.diag("WB803", f"督办事项 {c.id} 有核验记录，状态却是“{c.state}”。", ("closure",), key=True)
        if c.closure is not None and c.closure.date < last:
            yield r.diag("WB802", f"督办事项 {c.id} 的办结日期 {c.closure.date} 早于最后一条记录 {last}。", ("closure", "date"))
        if c.state == "中止":
            stops = [e for e in c.log if e.state == "中止"]
            if stops and len(stops[-1].text.strip()) < 2:
                yield r.diag("WB804", f"督办事项 {c.id} 中止，记录中没有写明原因。", ("log", c.log.index(stops[-1]), "text"))
        if c.deadline is not None and c.deadline < c.opened:
            yield r.diag("WB802", f"督办事项 {c.id} 的整改时限 {c.deadline} 早于立案日期 {c.opened}。", ("deadline",))


@rule("WB805")
def extensions_valid(data: RepoData) -> Iterator[Diagnostic]:
    """Each extension moves the deadline later and is approved no earlier than the case was opened."""
    for r in data.valid("case"):
        c = r.model
        current = c.deadline
        for i, x in enumerate(c.extensions):
            if current is None:
                yield r.diag("WB805", f"督办事项 {c.id} 没有原定整改时限，不能延期。", ("extensions", i))
            elif x.to <= current:
                yield r.diag("WB805", f"督办事项 {c.id} 延期后的时限 {x.to} 不晚于原时限 {current}。", ("extensions", i, "to"))
            if x.date < c.opened:
                yield r.diag("WB805", f"督办事项 {c.id} 的延期批准日期 {x.date} 早于立案日期。", ("extensions", i, "date"))
            current = x.to


@rule("WB806")
def source_resolves(data: RepoData) -> Iterator[Diagnostic]:
    decisions = {d.id for m in data.valid("meeting") for d in m.model.decisions}
    for r in data.valid("case"):
        s = r.model.source
        if s.kind == "议定事项":
            if not s.ref:
                yield r.diag("WB806", f"督办事项 {r.model.id} 来源于议定事项，应在 source.ref 写明议定事项编号。", ("source", "kind"))
            elif s.ref not in decisions:
                yield r.diag("WB806", f"来源议定事项“{s.ref}”不存在。", ("source", "ref"), hint="议定事项编号见 weibao decisions。")


@rule("WB807")
def case_file_place(data: RepoData) -> Iterator[Diagnostic]:
    for r in data.valid("case"):
        c = r.model
        m = re.match(r"data/cases/(\d{4})/([^/]+)\.yaml$", r.rel)
        if not m or int(m.group(1)) != c.opened.year:
            yield r.diag("WB807", f"立案日期是 {c.opened}，文件应在 data/cases/{c.opened.year}/ 下。", ("opened",))
        elif m.group(2) != c.id:
            yield r.diag("WB807", f"文件名 {m.group(2)}.yaml 与编号“{c.id}”不一致。", ("id",), hint=f"把文件改名为 {c.id}.yaml。")


@rule("WB808", "WB809")
def deadlines_kept(data: RepoData) -> Iterator[Diagnostic]:
    """规则六（四）：挂牌督办、限时整改 — a 挂牌督办 case has its deadline; an open case past it is overdue (a warning
    that never fails validate unless --strict-dates)."""
    as_of = data.today()
    severity = "error" if data.strict_dates else "warning"
    for r in data.valid("case"):
        c = r.model
        due = c.effective_deadline()
        if c.level == "挂牌督办" and c.deadline is None and c.deadline_workdays is None:  # a count without its date is WB212
            yield r.diag("WB809", f"督办事项 {c.id} 是挂牌督办，没有写整改时限。", ("level",),
                         hint="加 deadline: 日期，或 deadline_workdays: 工作日数（再写上算出的日期）；立案时可用 weibao case new --deadline 15个工作日。")
        if c.is_open and due is not None and due < as_of:
            yield r.diag("WB808", f"督办事项 {c.id} 已逾期：整改时限 {due}，截至 {as_of} 仍“{c.state}”。", ("deadline",), severity=severity)


@rule("WB302")
def case_units(data: RepoData) -> Iterator[Diagnostic]:
    units = data.unit_ids()
    if not data.of("unit"):
        return
    for r in data.valid("case"):
        c = r.model
        for loc, u in [(("lead",), c.lead)] + [(("support", i), u) for i, u in enumerate(c.support)]:
            if u not in units:
                yield r.diag("WB302", f"成员单位“{u}”不存在。", loc, hint="成员单位 id 见 data/units/ 下的文件名。")
