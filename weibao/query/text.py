"""Text helpers for Chinese questions and duty texts."""

from __future__ import annotations

import re
import unicodedata

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
