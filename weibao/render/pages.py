"""Where the pages of a printed document end, worked out from its paragraphs (GB/T 9704: the 版记 goes at the foot
of the last page, and the last page is an even one).

No Word file knows its own page count, and neither Word nor LibreOffice can make "a blank page if this one is odd"
out of a DOCX they both read.  But a document in the layout of GB/T 9704 is set on a grid — 22 lines of 28.95 pt
in the 225 mm 版心, 28 characters of 15.75 pt a line, Chinese characters one character wide and ASCII half — so its
pages can be counted from its paragraphs the way a word processor fills them: lines broken at 28 characters (a
closing mark never starts a line, an opening one never ends one), paragraphs split across pages unless kept
together, a paragraph kept with the next moved with it, a page break before each attachment.  ``paginate`` does
that; benchmarks/layout_check.py compares its count with LibreOffice's and Chromium's on every sample document.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_PT = 225 / 25.4 * 72  # the 版心's height
WIDTH_PT = 156 / 25.4 * 72  # and width
NO_START = set("，。、；：？！）》」』”’〕】…—·%")  # a line never starts with these (避头)
NO_END = set("（《「『“‘〔【")  # nor ends with these (避尾)


@dataclass(frozen=True)
class Para:
    """One paragraph as the page sees it: its text (a line break is "\\n"), font size and fixed line height (pt),
    the width of a Chinese character (pt), its indents (pt), the space above it (pt), and how it may break."""

    text: str
    size: float
    line: float
    char: float
    first_indent: float = 0
    left: float = 0
    right: float = 0
    before: float = 0
    after: float = 0  # a border under it (the red line) and its space
    keep_next: bool = False
    keep_together: bool = False
    page_break: bool = False
    widows: bool = False  # at least two lines on each side of a break


@dataclass(frozen=True)
class Plan:
    pages: int  # how many pages the paragraphs fill
    free: float  # the height left at the foot of the last page (pt)


def line_count(p: Para) -> int:
    """How many lines the paragraph takes: each "\\n"-separated part broken into lines of the available width."""
    count = 0
    for part in p.text.split("\n"):
        count += _lines(part, p)
    return max(count, 1)


def _lines(text: str, p: Para) -> int:
    if not text:
        return 1
    width = WIDTH_PT - p.left - p.right
    if "\t" in text:  # a tab-aligned line (署名, 发文字号 with 签发人) is one line
        return 1
    lines, used, limit = 1, 0.0, width - p.first_indent
    chars = list(text)
    i = 0
    while i < len(chars):
        ch = chars[i]
        w = p.char / 2 if ord(ch) < 0x2E80 else p.char
        if used + w > limit + 0.01 and used > 0:
            lines += 1
            if ch in NO_START and i > 0:  # the character before goes down with it
                i -= 1
                w = p.char / 2 if ord(chars[i]) < 0x2E80 else p.char
            elif i > 0 and chars[i - 1] in NO_END:
                i -= 1
                w = p.char / 2 if ord(chars[i]) < 0x2E80 else p.char
            used, limit = 0.0, width
        used += w
        i += 1
    return lines


def paginate(paras: list[Para]) -> Plan:
    """Fill pages with the paragraphs as a word processor does and say how many there are and what is left free."""
    heights = [(line_count(p), p.line) for p in paras]
    page, y = 1, 0.0

    def need(i: int) -> float:
        """Height that must fit from paragraph i on: all of it if kept with the next (plus what that needs), else
        its first line (two with widow control)."""
        n, h = heights[i]
        p = paras[i]
        if p.keep_next and i + 1 < len(paras) and not paras[i + 1].page_break:
            return p.before + n * h + need(i + 1)
        if p.keep_together:
            return p.before + n * h
        return p.before + min(n, 2 if p.widows else 1) * h

    for i, p in enumerate(paras):
        n, h = heights[i]
        if p.page_break and y > 0:
            page, y = page + 1, 0.0
        if y > 0 and y + need(i) > PAGE_PT + 0.5 and need(i) <= PAGE_PT:
            page, y = page + 1, 0.0
        before = p.before if y > 0 or p.page_break or i == 0 else 0.0  # space before is dropped at the top of a page
        y += before
        fit = int((PAGE_PT + 0.5 - y) // h)
        if n <= fit:
            y += n * h + p.after
            continue
        if p.keep_together or p.keep_next:  # not split: onto the next page whole
            page, y = page + 1, n * h
            continue
        rest = n
        if p.widows and fit < 2:
            fit = 0
        if p.widows and n - fit < 2:
            fit = max(0, n - 2)
        while rest > 0:
            take = min(rest, fit)
            rest -= take
            y += take * h
            if rest > 0:
                page, y = page + 1, 0.0
                fit = int((PAGE_PT + 0.5) // h)
    return Plan(pages=page, free=max(0.0, PAGE_PT - y))
