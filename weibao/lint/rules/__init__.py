"""The validation rules, listed explicitly (one module per family; each check declares its codes).

Add a rule: write a function ``check(data) -> Iterator[Diagnostic]`` decorated with ``@rule("WBxxx", …)`` in the
family's module (or a new module listed below), declare a new code in diagnostics.CODES, and add a bad fixture
for it under tests/fixtures/bad/ (tests/lint/test_every_code.py fails until there is one).
"""

from __future__ import annotations

from weibao.lint.registry import Rule, collect
from weibao.lint.rules import (
    annual,
    cases,
    deadlines,
    documents,
    glossary,
    identity,
    meetings,
    office,
    privacy,
    questions,
    references,
    units,
)

ALL: tuple[Rule, ...] = collect(annual, cases, deadlines, documents, glossary, identity, meetings, office, privacy, questions, references, units)
