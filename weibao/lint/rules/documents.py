"""Checks of data/documents/: 发文字号, the register per prefix and year, 签发人, 主送机关, dates, body numbering."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from weibao.core.dataset import Record as RecordT
from weibao.core.dataset import RepoData
from weibao.core.people import serving
from weibao.diagnostics import Diagnostic
from weibao.domain.numbering import DocNumber, heading_level, parse_doc_number
from weibao.lint.registry import rule
from weibao.model.document import NEEDS_ADDRESSEE, PLACEHOLDER, UPWARD_TYPES


def _docs(data: RepoData) -> list[RecordT]:
    return list(data.valid("document"))


def _numbered_records(data: RepoData) -> list[RecordT]:
    """Every record that carries a 发文字号: documents, and notifications issued as 通报."""
    return _docs(data) + [r for r in data.valid("notification") if r.model.number]


@rule("WB601")
def number_format(data: RepoData) -> Iterator[Diagnostic]:
    for r in _numbered_records(data):
        n = r.model.number
        if n is None:
            continue
        parsed = parse_doc_number(n)
        if isinstance(parsed, str):
            yield r.diag("WB601", f"发文字号“{n}”格式错误：{parsed}。", ("number",), hint="例如 奈政办字〔2022〕40号。")


def _numbered(data: RepoData) -> list[tuple[RecordT, DocNumber]]:
    out = []
    for r in _numbered_records(data):
        if r.model.number:
            p = parse_doc_number(r.model.number)
            if isinstance(p, DocNumber):
                out.append((r, p))
    return out


@rule("WB602", "WB603")
def register(data: RepoData) -> Iterator[Diagnostic]:
    """Per prefix and year: each serial once; a gap is a warning (a withdrawn number keeps its record)."""
    groups: dict[tuple[str, int], list[tuple[RecordT, DocNumber]]] = defaultdict(list)
    for r, p in _numbered(data):
        groups[(p.prefix, p.year)].append((r, p))
    for (prefix, year), items in sorted(groups.items()):
        seen: dict[int, RecordT] = {}
        for r, p in sorted(items, key=lambda x: (x[1].serial, x[0].rel)):
            if p.serial in seen:
                yield r.diag("WB602", f"发文字号 {p} 与 {seen[p.serial].rel}（{seen[p.serial].id}）重复。", ("number",),
                             hint=f"用 weibao doc new --prefix {prefix} 重新分配一个号。")
            else:
                seen[p.serial] = r
        serials = sorted(seen)
        missing = [s for s in range(serials[0], serials[-1] + 1) if s not in seen] if serials else []
        if missing:
            first = seen[serials[-1]]
            shown = "、".join(str(m) for m in missing[:10]) + ("……" if len(missing) > 10 else "")
            yield first.diag("WB603", f"{prefix}〔{year}〕的序号缺少 {shown} 号。", ("number",),
                             hint="作废或未印发的号也应保留记录（在记录里说明），以便核对。")


@rule("WB604")
def signer_present(data: RepoData) -> Iterator[Diagnostic]:
    s = data.settings
    own = {p.prefix for p in s.document_prefixes if p.own} if s else set()
    own_issuers = {p.issuer for p in s.document_prefixes if p.own} if s else set()
    for r in _docs(data):
        d = r.model
        if d.signer:
            continue
        p = parse_doc_number(d.number) if d.number else None
        is_own = (isinstance(p, DocNumber) and p.prefix in own) or d.issuer in own_issuers
        if d.type in UPWARD_TYPES:
            yield r.diag("WB604", f"{d.type}是上行文，必须写明签发人（signer）。", ("type",))
        elif is_own and d.type != "纪要":
            yield r.diag("WB604", "本办自身发文须报主任签发，请写明签发人（signer）。", ("issuer",))


DEPUTIES = ("executive-deputy", "deputy")  # who may sign for the 主任 with a recorded delegation


@rule("WB613")
def signed_by_the_director(data: RepoData) -> Iterator[Diagnostic]:
    """规则七（doc-signing）：本办文件由主任签发 — the signer is the position's holder on the document's date, or a
    deputy serving then with a delegation recorded no later than the document.  Checked only where holders are
    registered (the notice names no one; a county files them as they are appointed)."""
    s, o = data.settings, data.office
    if not s or not o:
        return
    rules = {r.id: r for r in o.rules}
    positions = {p.id: p for p in o.positions}
    for prefix in (p for p in s.document_prefixes if p.own):
        rule_ = rules.get(prefix.signing_rule or "")
        if rule_ is None or rule_.approver is None:
            continue
        approver = positions.get(rule_.approver)
        if approver is None or not approver.holders:
            continue
        for r in _docs(data):
            d = r.model
            number = parse_doc_number(d.number) if d.number else None
            if not d.signer or not (isinstance(number, DocNumber) and number.prefix == prefix.prefix):
                continue
            if d.signer in {h.name for h in serving(approver.holders, d.date)}:
                continue
            deputies = {h.name for pid in DEPUTIES if pid in positions for h in serving(positions[pid].holders, d.date)}
            delegation = d.signer_delegation
            if d.signer in deputies and delegation and delegation.by == approver.id and delegation.date <= d.date:
                continue
            in_post = "、".join(h.name for h in serving(approver.holders, d.date)) or "（没有登记在任的人）"
            why = ("是副主任，但没有写明主任的委托（signer_delegation）" if d.signer in deputies and not delegation
                   else "的委托日期晚于公文日期" if d.signer in deputies else "不是当时在任的" + approver.name)
            yield r.diag("WB613", f"签发人“{d.signer}”{why}；{d.date} 在任的{approver.name}：{in_post}（规则 {rule_.id}）。",
                         ("signer",), hint="写明当时在任的主任；副主任受委托签发时加 signer_delegation: {by: director, date: 委托日期}。")


@rule("WB605", "WB610")
def addressee(data: RepoData) -> Iterator[Diagnostic]:
    for r in _docs(data):
        d = r.model
        if d.type in NEEDS_ADDRESSEE and not d.to:
            yield r.diag("WB605", f"{d.type}应写明主送机关（to）。", ("type",))
        if d.type == "请示" and len(d.to) > 1:
            yield r.diag("WB610", f"请示主送了 {len(d.to)} 个机关。", ("to", 1))


@rule("WB302", "WB606", "WB614")
def consultation(data: RepoData) -> Iterator[Diagnostic]:
    """规则七（doc-consultation）：征求意见 — who was asked, who answered; a document issued before the replies were
    due, with a unit still silent, says why."""
    units = data.unit_ids()
    have_units = bool(data.of("unit"))
    for r in _docs(data):
        c = r.model.consultation
        if c is None:
            continue
        for i, u in enumerate(c.units):
            if have_units and u not in units:
                yield r.diag("WB302", f"成员单位“{u}”不存在。", ("consultation", "units", i))
        for i, reply in enumerate(c.replies):
            if reply.unit not in c.units:
                yield r.diag("WB302", f"“{reply.unit}”回复了意见，但不在征求意见的单位（consultation.units）中。", ("consultation", "replies", i, "unit"))
            if reply.date < c.sent:
                yield r.diag("WB606", f"{reply.unit} 的回复日期 {reply.date} 早于征求意见的发出日期 {c.sent}。", ("consultation", "replies", i, "date"))
        if c.due and c.due < c.sent:
            yield r.diag("WB606", f"回复截止日期 {c.due} 早于发出日期 {c.sent}。", ("consultation", "due"))
        silent = [u for u in c.units if u not in {x.unit for x in c.replies}]
        if c.due and r.model.date < c.due and silent and not c.note:
            names = {u.id: u.name for u in data.units}
            yield r.diag("WB614", f"成文日期 {r.model.date} 早于回复截止日期 {c.due}，" + "、".join(names.get(u, u) for u in silent) + " 还没有回复。",
                         ("consultation", "due"), hint="等回复后再印发，或在 consultation.note 中写明理由。")


@rule("WB615")
def major_requests_go_to_the_leaders(data: RepoData) -> Iterator[Diagnostic]:
    """规则七（doc-major-request）：重大事项请示领导小组组长、副组长."""
    s = data.settings
    names = {x for leader in (s.leading_group.leaders if s else []) for x in (leader.name, leader.post) if x}
    for r in _docs(data):
        d = r.model
        if d.type == "请示" and d.major and not any("组长" in t or any(n in t for n in names) for t in d.to):
            yield r.diag("WB615", f"重大事项的请示主送了“{'、'.join(d.to) or '（无）'}”，应请示领导小组组长、副组长（规则 doc-major-request）。",
                         ("to",) if d.to else ("major",), hint="主送写“领导小组组长、副组长”，或登记的组长、副组长。")


@rule("WB302", "WB601", "WB606", "WB607", "WB616")
def received_documents(data: RepoData) -> Iterator[Diagnostic]:
    """规则七：成员单位向领导小组报送的公文由未保办履行程序 — the register of 收文 (data/received/)."""
    units = data.unit_ids()
    have_units = bool(data.of("unit"))
    today = data.today()
    for r in data.valid("received"):
        x = r.model
        if have_units and x.from_unit not in units:
            yield r.diag("WB302", f"成员单位“{x.from_unit}”不存在。", ("from_unit",))
        if x.number and not isinstance(parse_doc_number(x.number), DocNumber):
            yield r.diag("WB601", f"来文字号“{x.number}”不是“代字〔年份〕序号号”的格式。", ("number",), hint="照来文的版头抄写，例如 奈公发〔2026〕12号。")
        if x.deadline and x.deadline < x.received_on:
            yield r.diag("WB606", f"办理时限 {x.deadline} 早于收文日期 {x.received_on}。", ("deadline",))
        for i, step in enumerate(x.steps):
            if step.date < x.received_on:
                yield r.diag("WB606", f"{step.action}的日期 {step.date} 早于收文日期 {x.received_on}。", ("steps", i, "date"))
            if step.action == "转办" and step.to and have_units and step.to not in units and step.to.isascii():
                yield r.diag("WB302", f"成员单位“{step.to}”不存在。", ("steps", i, "to"))
        m = re.match(r"data/received/(\d{4})/", r.rel)
        if m is None or int(m.group(1)) != x.received_on.year:
            yield r.diag("WB607", f"收文日期是 {x.received_on.year} 年，记录应在 data/received/{x.received_on.year}/ 下。", ("received_on",))
        if x.deadline and x.deadline < today and x.done_on() is None:
            yield r.diag("WB616", f"收文“{x.title}”的办理时限 {x.deadline} 已过，还没有办结。", ("deadline",),
                         hint="办结后运行 weibao doc handle " + x.id + " --action 办结。", severity="error" if data.strict_dates else "warning")


@rule("WB606", "WB607")
def dates(data: RepoData) -> Iterator[Diagnostic]:
    for r in _docs(data):
        d = r.model
        if d.print_date and d.print_date < d.date:
            yield r.diag("WB606", f"印发日期 {d.print_date} 早于成文日期 {d.date}。", ("print_date",))
        p = parse_doc_number(d.number) if d.number else None
        if isinstance(p, DocNumber) and p.year != d.date.year:
            yield r.diag("WB606", f"发文字号的年份 {p.year} 与成文日期的年份 {d.date.year} 不一致。", ("number",))
        m = re.match(r"data/documents/(\d{4})/", r.rel)
        if m and int(m.group(1)) != d.date.year:
            yield r.diag("WB607", f"成文日期是 {d.date.year} 年，文件却在 {m.group(1)} 年的目录下。", ("date",),
                         hint=f"移到 data/documents/{d.date.year}/。")
        elif not m:
            yield r.diag("WB607", "公文记录应放在按年份分的目录下。", (), hint=f"移到 data/documents/{d.date.year}/。")


@rule("WB612")
def notification_imprint(data: RepoData) -> Iterator[Diagnostic]:
    """A numbered 通报 prints a 版记 with its 印发日期: without one the 版记 would end with the 印发机关 alone."""
    for r in data.valid("notification"):
        n = r.model
        if n.number and n.print_date is None:
            yield r.diag("WB612", f"通报 {n.number} 没有印发日期（print_date），版记缺少“……印发”。", ("number",),
                         hint=f"例如 print_date: {n.date.isoformat()}")


@rule("WB608")
def prefix_registered(data: RepoData) -> Iterator[Diagnostic]:
    s = data.settings
    if not s:
        return
    by_prefix = {p.prefix: p for p in s.document_prefixes}
    for r, p in _numbered(data):
        known = by_prefix.get(p.prefix)
        if known is None:
            yield r.diag("WB608", f"机关代字“{p.prefix}”没有在 data/weibao.yaml 的 document_prefixes 中登记。", ("number",),
                         hint="登记后 weibao doc new 才能为它分配序号。")
        elif getattr(r.model, "issuer", known.issuer) != known.issuer:  # a notification is issued by the office
            yield r.diag("WB608", f"代字“{p.prefix}”登记的发文机关是 {known.issuer}，本文的发文机关却是 {r.model.issuer}。", ("issuer",))


@rule("WB609")
def body_numbering(data: RepoData) -> Iterator[Diagnostic]:
    """Heading numbers 一、二、… （一）（二）… 1. 2. … （1）（2）… run in sequence within their parent."""
    for r in _docs(data):
        yield from _check_numbering(r, ("body",), r.model.body)
        for ai, a in enumerate(r.model.attachments):
            yield from _check_numbering(r, ("attachments", ai, "body"), a.body)


def _check_numbering(r: RecordT, loc: tuple, paragraphs: list[str]) -> Iterator[Diagnostic]:
    expected = [1, 1, 1, 1]
    for i, para in enumerate(paragraphs):
        h = heading_level(para)
        if h is None:
            continue
        level, n, label = h
        if n != expected[level - 1]:
            want = expected[level - 1]
            yield r.diag("WB609", f"层次序数“{label}”处应为第 {want} 个，实际是第 {n} 个。", (*loc, i))
        expected[level - 1] = n + 1
        for deeper in range(level, 4):
            expected[deeper] = 1


@rule("WB611")
def placeholders_left(data: RepoData) -> Iterator[Diagnostic]:
    for r in _docs(data):
        d = r.model
        fields: list[tuple[tuple, str | None]] = [(("title",), d.title), (("signer",), d.signer)]
        fields += [(("to", i), t) for i, t in enumerate(d.to)] + [(("body", i), t) for i, t in enumerate(d.body)]
        for loc, value in fields:
            if value and PLACEHOLDER in value:
                yield r.diag("WB611", f"{loc[0]} 还是待填写的占位内容：{value}", loc)
