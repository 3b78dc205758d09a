"""The write gate: a write transaction (core/transaction.py) whose check is ``weibao validate``.

Every command that writes opens ``with transaction(repo, "立案") as tx:``, stages its change and calls
``tx.commit()``.  The commit validates the repository as it would be after the change; it refuses (InvalidData,
exit 1, no byte changed) when

* a file the change writes would have an error, or
* the change adds an error anywhere else (a cross-record rule: a decision id a case cites, a 发文字号 reused …).

Errors the repository already had in files the change does not touch do not block (a clerk can record progress
while an unrelated file waits for a fix).  ``relative=True`` (``weibao fmt``) blocks only on errors the change
adds, even in the files it rewrites: reformatting a file must not be refused for an error it already had.
"""

from __future__ import annotations

import re

from weibao.core.repository import Overlay, Repository
from weibao.core.transaction import Transaction
from weibao.diagnostics import ERROR, Diagnostic, Report
from weibao.errors import InvalidData
from weibao.lint.engine import validate


def transaction(repo: Repository, label: str, *, relative: bool = False) -> Transaction:
    """A write transaction on ``repo``; ``label`` names the change in messages (立案, 记录进展 …)."""
    return Transaction(repo, lambda overlay: check_change(repo, overlay, label, relative=relative), label)


def _errors(report: Report) -> list[Diagnostic]:
    return [d for d in report.sorted() if d.severity == ERROR]


_LINE_REF = re.compile(r"(\.yaml):\d+")


def _same(d: Diagnostic, with_place: bool) -> tuple[object, ...]:
    """What makes a finding the same one before and after a change (a message citing a line of a rewritten file,
    “已在 data/….yaml:12 使用”, cites it wherever it moved)."""
    message = _LINE_REF.sub(r"\1", d.message)
    return (d.code, d.path, d.line, d.column, message) if with_place else (d.code, d.path, d.record, d.field, message)


def check_change(repo: Repository, overlay: Overlay, label: str, *, relative: bool = False) -> None:
    after, _ = validate(repo, overlay=overlay)
    errors = _errors(after)
    if not errors:
        return
    if relative:
        before = {_same(d, False) for d in _errors(validate(repo)[0])}
        blocking = [d for d in errors if _same(d, False) not in before]
    else:
        blocking = [d for d in errors if d.path in overlay]
        others = [d for d in errors if d.path not in overlay]
        if others:
            before_at = {_same(d, True) for d in _errors(validate(repo)[0])}
            blocking += [d for d in others if _same(d, True) not in before_at]
    if blocking:
        raise InvalidData(f"{label}：修改后的数据无法通过校验，没有写入任何文件。", Report(blocking, after.files_checked),
                          hint="按上面的编号和提示修正命令的参数（或先修正数据）后重试。")
