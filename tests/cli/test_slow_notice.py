"""The spinner shown while slow work runs on a terminal (cli/app.py TerminalProgress, fed by core/progress.py)."""

from __future__ import annotations

import io
import time

from rich.console import Console

from weibao.cli.app import TerminalProgress
from weibao.core import progress


def reporter(delay: float) -> tuple[TerminalProgress, io.StringIO]:
    err = io.StringIO()
    return TerminalProgress(Console(file=err, force_terminal=True, width=100), delay=delay), err


def test_nothing_is_shown_when_the_work_is_quick():
    shown, err = reporter(0.5)
    progress.set_reporter(shown)
    try:
        with progress.step("正在重建索引"):
            pass
    finally:
        progress.set_reporter(None)
    assert shown.bar is None and err.getvalue() == ""


def test_the_innermost_step_is_shown_when_the_work_takes_longer_than_the_delay():
    shown, err = reporter(0.01)
    progress.set_reporter(shown)
    try:
        with progress.step("正在重建索引"):
            time.sleep(0.3)
            with progress.step("正在学习问答库"):
                time.sleep(0.3)
    finally:
        progress.set_reporter(None)
    assert "正在重建索引……" in err.getvalue() and "正在学习问答库……" in err.getvalue() and shown.bar is None
