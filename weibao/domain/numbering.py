"""Chinese numerals, dates and document numbers (发文字号) as official documents write them."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一 (not 一十一), 20 → 二十, 29 → 二十九, 105 → 一百零五."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n >= 10000:
        raise ValueError(f"不能写成中文数字：{n!r}（只支持 0 到 9999 的整数）")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out = ""
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero = False
    for value, name in units:
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + name
            zero = False
        elif out:
            zero = True
    return out


def parse_zh_number(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十九 → 29; None if the text is not a Chinese numeral."""
    if not text or any(c not in DIGITS + "十百千" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c in DIGITS:
            current = DIGITS.index(c)
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (current or 1) * unit
            current = 0
    return total + current


def zh_date(value: _dt.date | str) -> str:
    """2022-05-30 → 2022年5月30日 (Arabic numerals, full year, no zero padding: GB/T 9704 §7.3.5.3)."""
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


NUMBER_PATTERN = r"^[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号$"
_NUMBER = re.compile(NUMBER_PATTERN)


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def doc_number(prefix: str, year: int, serial: int) -> str:
    return str(DocNumber(prefix, int(year), int(serial)))


def parse_doc_number(text: str) -> DocNumber | str:
    """The parts of a 发文字号, or (as text) what is wrong with it."""
    t = text.strip()
    if _NUMBER.match(t):
        m = re.match(r"^(.+)〔(\d{4})〕(\d+)号$", t)
        assert m
        return DocNumber(m.group(1), int(m.group(2)), int(m.group(3)))
    if re.search(r"[\[\]【】()（）{}〖〗]", t) and "〔" not in t:
        return "年份应使用六角括号〔〕，不用方括号、圆括号等其他括号"
    if "第" in t:
        return "序号前不加“第”"
    if not t.endswith("号"):
        return "应以“号”结尾"
    m = re.match(r"^(.*)〔(.*)〕(.*)号$", t)
    if not m:
        return "应为 机关代字〔年份〕序号号"
    prefix, year, serial = m.groups()
    if not prefix or not re.fullmatch(r"[\u4e00-\u9fff]+", prefix):
        return "机关代字只能由汉字组成"
    if not re.fullmatch(r"\d{4}", year):
        return "年份应写全四位阿拉伯数字"
    if re.fullmatch(r"0\d*", serial):
        return "序号不编虚位（不写 01、001）" if serial != "0" and serial.strip("0") else "序号从 1 开始"
    if not re.fullmatch(r"\d+", serial):
        return "序号应为阿拉伯数字"
    return "应为 机关代字〔年份〕序号号"


# heading numbers of the four levels (GB/T 9704 §7.3.3): 一、 （一） 1. （1）
_HEADINGS = (
    (1, re.compile(r"^([一二三四五六七八九十百零]+)、")),
    (2, re.compile(r"^（([一二三四五六七八九十百零]+)）")),
    (3, re.compile(r"^(\d+)[.．](?!\d)")),
    (4, re.compile(r"^（(\d+)）")),
)


def heading_level(paragraph: str) -> tuple[int, int, str] | None:
    """(level, number, label) when the paragraph starts with a heading number, else None."""
    for level, rx in _HEADINGS:
        m = rx.match(paragraph)
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else parse_zh_number(raw)
            if n:
                return level, n, m.group(0)
    return None


def heading_split(paragraph: str) -> tuple[str, str]:
    """The heading sentence of a numbered paragraph and the rest (一、总体要求。正文… → 一、总体要求。 | 正文…)."""
    depth = 0
    for i, ch in enumerate(paragraph):  # the first 。 or ： outside brackets ends the heading sentence
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        elif ch in "。：:" and depth == 0 and i < len(paragraph) - 1:
            return paragraph[: i + 1], paragraph[i + 1 :]
    return paragraph, ""
