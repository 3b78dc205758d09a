"""Progress on work that can take more than a second (building the who index, reading a large repository,
converting an imported file, writing a report, scanning git history) — shown only on a terminal.

The library marks its slow steps with ``step("…")`` (a context manager or a decorator); nothing is shown unless the
command line installed a reporter (cli/app.py does so when standard error is a terminal), so piped output, CI logs
and tests see nothing.  Steps nest: the reporter is told the innermost label, and when the outermost one ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Reporter(Protocol):
    def show(self, label: str) -> None:
        """The step now running (the first call begins the display)."""

    def done(self) -> None:
        """The outermost step has ended."""


_reporter: Reporter | None = None
_stack: list[str] = []


def set_reporter(reporter: Reporter | None) -> None:
    global _reporter
    _reporter = reporter
    _stack.clear()


@contextmanager
def step(label: str) -> Iterator[None]:
    """``with step("正在建立索引"):`` or ``@step("…")``: shown while the block runs."""
    reporter = _reporter
    if reporter is None:
        yield
        return
    _stack.append(label)
    reporter.show(label)
    try:
        yield
    finally:
        _stack.pop()
        if _stack:
            reporter.show(_stack[-1])
        else:
            reporter.done()
