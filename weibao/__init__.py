"""weibao — the work of a minors-protection leading-group office (未保办) as code.

The public API (imported lazily, so ``import weibao`` stays cheap)::

    from weibao import find_repository, validate, load_checked
    repo = find_repository("path/to/repository")
    report, data = validate(repo)
    print(report.errors, [d.code for d in report.sorted()])

The layers and what each may import: docs/architecture.md.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "find_repository": "weibao.core.repository",
    "Repository": "weibao.core.repository",
    "load_repository": "weibao.core.dataset",
    "RepoData": "weibao.core.dataset",
    "validate": "weibao.lint.engine",
    "load_checked": "weibao.lint.engine",
    "transaction": "weibao.lint.gate",
    "Diagnostic": "weibao.diagnostics",
    "Report": "weibao.diagnostics",
    "CODES": "weibao.diagnostics",
    "WeibaoError": "weibao.errors",
    "InvalidData": "weibao.errors",
    "UsageError": "weibao.errors",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'weibao' has no attribute {name!r}")
