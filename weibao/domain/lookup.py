"""Finding a record by id, and “did you mean …” for names that are almost right: one function for every kind."""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping, TypeVar

from weibao.errors import WeibaoError

T = TypeVar("T")


def close_matches(name: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    return difflib.get_close_matches(name, sorted(set(candidates)), n=n, cutoff=cutoff)


def near(name: str, candidates: Iterable[str]) -> str | None:
    """A hint “是否想写“x”？” when one candidate is close to ``name``."""
    close = close_matches(name, candidates)
    return f"是否想写“{close[0]}”？" if close else None


def find_by_id(items: Mapping[str, T], key: str, what: str, *, empty_hint: str, list_hint: str, near_label: str = "相近的编号") -> T:
    """``items[key]`` (spaces around the key and its case ignored), or a Chinese error naming the closest ids.

    ``what``: how the message names the kind (“编号为“x”的督办事项”); ``empty_hint`` when there are none at all;
    ``list_hint`` how to list them all."""
    k = key.strip()
    for candidate in (k, k.lower()):
        if candidate in items:
            return items[candidate]
    close = close_matches(k.lower(), items, n=5, cutoff=0.4)
    if close:
        hint = f"{near_label}：" + "、".join(close)
    elif items:
        hint = list_hint
    else:
        hint = empty_hint
    raise WeibaoError(f"没有{what.format(key=key)}。", hint=hint)
