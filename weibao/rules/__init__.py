"""Validation rules that look across records.

Each module registers its checks with :func:`rule`; a check takes the loaded
repository and yields diagnostics.  ``validate`` = load (file and schema
checks) + every registered rule.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ..diagnostics import Diagnostic, Report
from ..repo import Repository
from ..store import RepoData, load_repository

Check = Callable[[RepoData], Iterable[Diagnostic]]
RULES: list[tuple[tuple[str, ...], Check]] = []


def rule(*codes: str) -> Callable[[Check], Check]:
    """Register a check that may emit the given diagnostic codes."""

    def deco(fn: Check) -> Check:
        RULES.append((codes, fn))
        return fn

    return deco


def run_rules(data: RepoData) -> list[Diagnostic]:
    from . import annual, cases, documents, glossary_rules, identity, meetings, office_rules, privacy, questions, references, units  # noqa: F401  (registration)

    out: list[Diagnostic] = []
    for _codes, check in RULES:
        out.extend(check(data))
    return out


def validate(repo: Repository, as_of: Any = None, strict_dates: bool = False) -> tuple[Report, RepoData]:
    """Load and check the repository.  ``as_of`` (a date) is "today" for time-based rules; they only fail
    (as errors) when ``strict_dates`` is set."""
    data = load_repository(repo)
    data.as_of = as_of
    data.strict_dates = strict_dates
    report = Report(files_checked=data.files_checked)
    report.extend(data.diagnostics)
    report.extend(run_rules(data))
    return report, data
