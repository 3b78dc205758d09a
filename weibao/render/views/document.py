"""A document record turned into the blocks of the printed page (GB/T 9704-2012).

The view is plain data (dicts, lists, text): the Jinja templates (Markdown, text,
HTML) and the DOCX writer all lay out the same view, so the formats never
disagree about what a document says.
"""

from __future__ import annotations

from typing import Any

from weibao.core.dataset import RepoData
from weibao.domain.numbering import heading_level, heading_split, zh_date, zh_number
from weibao.domain.titles import title_lines
from weibao.errors import WeibaoError
from weibao.model.document import UPWARD_TYPES, Document

MARK_PT = 42  # largest 发文机关标志 (the standard fixes no size)
TEXT_WIDTH_PT = 156 / 25.4 * 72
LINE_MM = 28.95 / 72 * 25.4  # one line: 22 fill the 225 mm 版心
HEADING_MAX = 30  # characters; a longer "heading sentence" is a numbered paragraph of body text


def width_chars(text: str) -> float:
    """Printed width in characters of the body: one for a Chinese character or full-width sign, half for ASCII."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def signature_layout(signature: str, date: str, sealed: bool) -> dict[str, float]:
    """Where the 署名 and 成文日期 sit, as their right indents in characters (GB/T 9704 7.3.5), and the blank lines
    above the 署名.  Sealed: the date 右空四字 and the 署名 centred over it — when the 署名 is so long that it
    would then come nearer the edge than 右空二字, the 署名 stays 右空二字 and the date is centred under it.
    Unsealed: the 署名 右空二字 and the date's first character two characters right of the 署名's — when the date is
    the longer, the date 右空二字 and the 署名 moved right to keep the two-character step."""
    sw, dw = width_chars(signature), width_chars(date)
    if sealed:
        date_right = 4.0
        sig_right = date_right + (dw - sw) / 2
        if sig_right < 2:
            sig_right, date_right = 2.0, 2 + (sw - dw) / 2
        return {"signature_right": sig_right, "date_right": date_right, "before": 2}
    sig_right, date_right = 2.0, sw - dw
    if date_right < 2:
        date_right, sig_right = 2.0, 4 + dw - sw
    return {"signature_right": sig_right, "date_right": date_right, "before": 1}


def block(text: str, *, heading: bool | None = None) -> dict[str, Any]:
    """One paragraph: its heading level (0 = body text), the heading part and the rest.

    ``heading=True`` makes a whole paragraph a level-1 heading (a unit's name in
    the duty division); otherwise the level comes from the number it starts with.
    """
    if heading:
        return {"level": 1, "head": text, "rest": "", "text": text}
    h = heading_level(text)
    if h is None:
        return {"level": 0, "head": "", "rest": text, "text": text}
    head, rest = heading_split(text)
    if len(head) > HEADING_MAX or head[-1] in "；;，,":  # a numbered list item or a long sentence, not a heading
        return {"level": 0, "head": "", "rest": text, "text": text}
    return {"level": h[0], "head": head, "rest": rest, "text": text}


def _title_words(data: RepoData | None, doc: Document) -> list[str]:
    """The office's own words a title may hold (for breaking it between words): the issuer, unit names and aliases,
    the region, the glossary's words and terms."""
    out = [doc.issuer, *(doc.to or [])]
    if data is None:
        return out
    for u in data.units:
        out += [u.name, u.full_name or "", *u.aliases]
    s = data.settings
    if s is not None:
        out += [s.office.name, s.office.short_name or "", s.region.name]
    g = data.one("glossary")
    if g is not None:
        for e in g.model.entries:
            out += [*e.words, *e.terms]
    return [w for w in out if w]


def siblings_agree(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A list's last item printed like the others: after numbered items that are body text (they end in ；), a short
    item of the same numbering that is a whole sentence (（七）承办领导小组交办的其他事项。) is body text too, not a
    楷体 heading."""
    out = []
    list_level = None  # the numbering level of the list being printed, if the last paragraph was one of its items
    for b in blocks:
        h = heading_level(b["text"])
        level = h[0] if h else None
        if b["level"] == 0 and level is not None:
            list_level = level
        elif b["level"] and level == list_level and not b["rest"]:
            b = {"level": 0, "head": "", "rest": b["text"], "text": b["text"]}
        else:
            list_level = None
        out.append(b)
    return out


def office_rules_blocks(data: RepoData) -> list[dict[str, Any]]:
    """The office rules, section by section, numbered 一、二、… as the notice prints them."""
    o = data.one("office")
    if o is None:
        raise WeibaoError("附件要由 data/office.yaml 生成，但该文件不存在或有错误。", hint="先运行 weibao validate。")
    out = []
    for s in o.model.sections:
        for i, p in enumerate(s.paragraphs):
            text = f"{zh_number(s.number)}、{p}" if i == 0 else p
            b = block(text)
            if i == 0:  # a section number starts the article; the article is body text with its number in 黑体
                b = {"level": 1, "head": f"{zh_number(s.number)}、", "rest": p, "text": text}
            out.append(b)
    return out


def duty_division_blocks(data: RepoData) -> list[dict[str, Any]]:
    """Each member unit in order: 一、旗委宣传部 then its duty paragraph (the duty items joined as printed)."""
    units = sorted(data.valid("unit"), key=lambda r: r.model.order)
    if not units:
        raise WeibaoError("附件要由 data/units/ 生成，但没有可用的成员单位记录。", hint="先运行 weibao validate。")
    out = []
    for n, r in enumerate(units, start=1):
        u = r.model
        out.append(block(f"{zh_number(n)}、{u.heading or u.name}", heading=True))
        out.append(block("".join(d.text for d in u.duties)))
    return out


GENERATORS = {"office_rules": office_rules_blocks, "duty_division": duty_division_blocks}


def document_view(doc: Document, data: RepoData | None, draft: str | None = None) -> dict[str, Any]:
    """The view every document template reads.  ``draft``: why the document is not ready to issue; it is then
    printed as a draft — that sentence in its first line, outside the body, and no 版头 (no red 发文机关标志, no
    发文字号, no red line): a draft never looks like an issued 文件."""
    upward = doc.type in UPWARD_TYPES
    words = _title_words(data, doc)  # once for the title and every attachment's title
    attachments = []
    for i, a in enumerate(doc.attachments, start=1):
        blocks = [block(p) for p in a.intro]
        if a.generate:
            if data is None:
                raise WeibaoError(f"附件“{a.title}”要由数据生成，但没有提供数据。")
            blocks += GENERATORS[a.generate](data)
        blocks += [block(p) for p in a.body]
        blocks = siblings_agree(blocks)
        # GB/T 9704 7.3.7: every attachment page starts with 附件 (and its number) at the top left, whether or not the
        # body lists the attachments in a 附件说明
        label = "附件" if len(doc.attachments) == 1 else f"附件{i}"
        attachments.append({"label": label, "title": a.title, "title_lines": title_lines(a.title, words), "blocks": blocks})
    note_lines: list[str] = []
    if doc.attachment_note and doc.attachments:
        if len(doc.attachments) == 1:
            note_lines = [f"附件：{doc.attachments[0].title}"]
        else:
            note_lines = [("附件：" if i == 1 else "　　　") + f"{i}．{a.title}" for i, a in enumerate(doc.attachments, start=1)]
    annotations = []
    if doc.disclosure:
        annotations.append(f"（{doc.disclosure}）")
    if doc.note:
        annotations.append(f"（{doc.note}）")
    secret = None
    if doc.secret:
        secret = doc.secret + (f"★{doc.secret_term}" if doc.secret_term else "")
    imprint = None
    if doc.cc or doc.printer or doc.print_date:
        imprint = {
            "lines": ["抄送：" + "，".join(doc.cc) + "。"] if doc.cc else [],  # 抄送 (a 纪要 has 报：… 发：… here)
            "printer": doc.printer or doc.issuer,
            "print_date": (zh_date(doc.print_date) + "印发") if doc.print_date else "",
        }
    minutes = None
    if doc.minutes:
        minutes = [(label, "、".join(names)) for label, names in (("出席", doc.minutes.present), ("请假", doc.minutes.absent), ("列席", doc.minutes.attending)) if names]
    mark = doc.mark or (f"{doc.issuer}纪要" if doc.type == "纪要" else f"{doc.issuer}文件")
    head_lines = sum(1 for x in (doc.copy_no, secret, doc.urgency) if x)
    return {
        "id": doc.id,
        "type": doc.type,
        "draft": draft,
        "upward": upward,
        "minutes_layout": doc.type == "纪要",
        "copy_no": doc.copy_no,
        "secret": secret,
        "urgency": doc.urgency,
        "mark": mark,
        # 发文机关标志: one line at most as wide as the 版心 (156 mm ≈ 442 pt), its top 35 mm (上行文 80 mm) under the 版心's top
        "mark_pt": min(MARK_PT, int(TEXT_WIDTH_PT / (len(mark) * 1.08))),
        "mark_top_mm": max(0.0, (80 if upward else 35) - head_lines * LINE_MM),
        "number": doc.number,
        "signer": doc.signer,
        "title": doc.title,
        "title_lines": title_lines(doc.title, words),
        "to": ("，".join(doc.to) + "：") if doc.to else None,
        "body": siblings_agree([block(p) for p in doc.body]),
        "attachment_note": note_lines,
        "signature": doc.signature or doc.issuer,
        "date": zh_date(doc.date),
        "sealed": doc.sealed,
        "signature_layout": signature_layout(doc.signature or doc.issuer, zh_date(doc.date), doc.sealed),
        "annotations": annotations,
        "attachments": attachments,
        "imprint": imprint,
        "minutes": minutes,
    }
