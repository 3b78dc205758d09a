"""The rule registry: every check declares the diagnostic codes it may emit, and is held to them.

A rule is a function ``check(data: RepoData) -> Iterable[Diagnostic]`` decorated with :func:`rule` and the codes it
emits; the decorator only marks the function (no registration by import).  ``lint/rules/__init__.py`` lists the
rule modules explicitly and :func:`collect` gathers their rules in that order.  The engine checks every
diagnostic a rule yields against the rule's codes: an undeclared code is a defect — with
``WEIBAO_STRICT_RULE_CODES=1`` (the test suite) it fails, otherwise the finding still reaches the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, Iterable, Iterator

from weibao.core.dataset import RepoData
from weibao.diagnostics import CODES, Diagnostic

CheckFn = Callable[[RepoData], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    name: str  # module.function, for messages
    codes: frozenset[str]
    check: CheckFn
    doc: str


def rule(*codes: str) -> Callable[[CheckFn], CheckFn]:
    """Mark a check with the codes it may emit (each must be declared in diagnostics.CODES)."""
    unknown = set(codes) - CODES.keys()
    if unknown or not codes:
        raise ValueError(f"rule declares unknown or no codes: {sorted(unknown)}")

    def mark(fn: CheckFn) -> CheckFn:
        fn.weibao_codes = frozenset(codes)  # type: ignore[attr-defined]
        return fn

    return mark


def collect(*modules: ModuleType) -> tuple[Rule, ...]:
    """The marked checks of the given modules, module by module in the order given, each in source order."""
    out = []
    for m in modules:
        fns = [v for v in vars(m).values() if callable(v) and getattr(v, "__module__", None) == m.__name__ and hasattr(v, "weibao_codes")]
        fns.sort(key=lambda f: f.__code__.co_firstlineno)
        short = m.__name__.rsplit(".", 1)[-1]
        out += [Rule(f"{short}.{f.__name__}", f.weibao_codes, f, (f.__doc__ or "").strip()) for f in fns]
    return tuple(out)


class UndeclaredCode(AssertionError):
    pass


def strict() -> bool:
    return os.environ.get("WEIBAO_STRICT_RULE_CODES", "") == "1"


def held_to(declared: frozenset[str], who: str, diags: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """Pass the diagnostics through, checking each code is one ``who`` declared."""
    for d in diags:
        if d.code not in declared and strict():
            raise UndeclaredCode(f"{who} emitted {d.code}, declares only {sorted(declared)}")
        yield d


def run(rules: Iterable[Rule], data: RepoData) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for r in rules:
        out.extend(held_to(r.codes, r.name, r.check(data)))
    return out
