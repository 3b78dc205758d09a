"""Text helpers for Chinese questions and duty texts: normalising, segments, bigrams, question fluff and keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPLIT = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters → ASCII), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def segments(text: str) -> list[str]:
    """Runs of Chinese characters, digits and letters (punctuation and spaces split)."""
    return [s for s in _SPLIT.split(normalize(text)) if s]


def bigrams(segment: str) -> list[str]:
    if len(segment) == 1:
        return [segment]
    return [segment[i : i + 2] for i in range(len(segment) - 1)]


def text_bigrams(text: str) -> list[str]:
    out: list[str] = []
    for seg in segments(text):
        out.extend(bigrams(seg))
    return out


def mask(text: str, phrases: list[str]) -> str:
    """Replace every occurrence of the phrases (longest first) with a separator."""
    for p in sorted(set(phrases), key=len, reverse=True):
        if p:
            text = text.replace(normalize(p), " ")
    return text


def spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of all occurrences of the needles in text."""
    hits: list[tuple[int, int]] = []
    for n in set(needles):
        if not n:
            continue
        start = text.find(n)
        while start >= 0:
            hits.append((start, start + len(n)))
            start = text.find(n, start + 1)
    hits.sort()
    merged: list[tuple[int, int]] = []
    for s, e in hits:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def question_key(text: str) -> str:
    """The text without spaces and punctuation, full-width folded (to match a question across two file versions)."""
    return "".join(segments(text))


# -- question fluff (请问, 哪个部门, 找谁 …): the glossary's list ----------------------------------------------


def sorted_fluff(glossary: dict[str, Any]) -> list[str]:
    """The glossary's fluff phrases, normalised, longest first (stable)."""
    return sorted({normalize(x) for x in glossary.get("fluff") or []}, key=lambda x: (-len(x), x))


def strip_fluff(text: str, fluff: list[str]) -> str:
    """The normalised text with fluff phrases (longest first, each everywhere before the next) replaced by spaces."""
    return _strip(text, tuple(fluff))


@lru_cache(maxsize=16384)
def _strip(text: str, fluff: tuple[str, ...]) -> str:
    t = normalize(text)
    for f in fluff:
        if f in t:
            t = t.replace(f, " ")
    return t


ASKING = ("谁", "哪", "什么", "怎", "如何", "咋", "请问", "找")


def same_key(text: str, fluff: list[str]) -> str:
    """Two questions are the same question when this is equal: the asking phrases among the fluff (请问, 哪个部门,
    找谁, 怎么办 …), spaces and punctuation aside.  Fluff that names something (学生, 单位, 举报) stays: 学生宿舍着火了
    and 单位宿舍着火了 are different questions.

    ``weibao who`` puts the recorded answer of the same question first, ``weibao learn`` changes every copy of it,
    and ``weibao validate`` reports copies (WB507) and copies answered differently (WB508)."""
    return "".join(segments(strip_fluff(text, _asking(tuple(fluff)))))


@lru_cache(maxsize=8)
def _asking(fluff: tuple[str, ...]) -> list[str]:
    return [f for f in fluff if any(m in f for m in ASKING)]


# "<" opens raw HTML or an autolink, "[" a link (javascript: included) and "|" a new table cell: in a Markdown
# output, each is escaped unless a backslash already escapes it, so guarding text twice changes nothing.
_MD_GUARD = re.compile(r"(?<!\\)((?:\\\\)*)([<\[|])")


def md_guard(text: str) -> str:
    """Text from data made inert in Markdown (no HTML, link or table cell of its own); idempotent."""
    return _MD_GUARD.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def comment_line(text: str) -> str:
    """``text`` fit for one YAML comment line: line breaks of any kind (a file name may hold them) become spaces,
    and control characters are written as escapes — a line break in a comment starts a line of data."""
    from weibao.diagnostics import visible

    return visible(" ".join(str(text).splitlines()))

