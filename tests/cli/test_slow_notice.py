"""The spinner shown while a slow rebuild runs (weibao/cli/common.py slow_notice)."""

from __future__ import annotations

import io
import time

from weibao.cli import common


def test_nothing_is_shown_when_the_work_is_quick_or_not_on_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(common.sys, "stderr", err)
    with common.slow_notice("正在重建索引", delay=0.5, force=True) as n:
        pass
    assert n._status is None and err.getvalue() == ""
    with common.slow_notice("正在重建索引", delay=0.0) as n:  # StringIO is no terminal
        time.sleep(0.05)
    assert n._status is None and err.getvalue() == ""


def test_the_message_is_shown_when_the_work_takes_longer_than_the_delay(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(common.sys, "stderr", err)
    with common.slow_notice("正在重建索引", delay=0.01, force=True) as n:
        time.sleep(0.3)
    assert n._status is not None and "正在重建索引" in err.getvalue()
