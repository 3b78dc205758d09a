"""Find a member unit by any reasonable name: id, 简称, 全称, heading, alias, or a part of them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from weibao.domain.text import normalize
from weibao.who.engine import unit_keys

_SUFFIXES = ("局", "委", "部", "院", "办", "会", "联")


@dataclass
class Lookup:
    unit: dict[str, Any] | None
    candidates: list[dict[str, Any]]
    reason: str  # "exact" | "partial" | "ambiguous" | "unknown"


def _cores(index: dict[str, Any], unit: dict[str, Any]) -> list[str]:
    """Name forms to match against: the unit's keys and each key without its last character (公安局 → 公安)."""
    keys = unit_keys(index, unit)
    out = list(keys)
    for k in keys:
        if k.endswith(_SUFFIXES) and len(k) >= 3:
            out.append(k[:-1])
    return out


def find_unit(index: dict[str, Any], name: str) -> Lookup:
    q = normalize(name).strip()
    units = index["units"]
    if not q:
        return Lookup(None, [], "unknown")
    exact = [u for u in units if q == u["id"] or q in _cores(index, u)]
    if len(exact) == 1:
        return Lookup(exact[0], [], "exact")
    if len(exact) > 1:
        return Lookup(None, exact, "ambiguous")
    partial = [u for u in units if any(q in k or (len(k) >= 2 and k in q) for k in _cores(index, u))]
    if len(partial) == 1:
        return Lookup(partial[0], [], "partial")
    if len(partial) > 1:
        return Lookup(None, sorted(partial, key=lambda u: u["order"]), "ambiguous")
    scored = []
    for u in units:
        best = max(difflib.SequenceMatcher(None, q, k).ratio() for k in _cores(index, u) + [u["id"]])
        scored.append((best, u))
    scored.sort(key=lambda x: (-x[0], x[1]["order"]))
    return Lookup(None, [u for s, u in scored[:5] if s > 0.2], "unknown")
