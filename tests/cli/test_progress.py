"""Progress on slow work (issue 24): a spinner on a terminal only — the first `who` after a clone builds the index
for seconds and used to print nothing until done; piped output and CI logs get nothing extra."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from weibao.core import progress

LABEL = "正在建立“谁负责”的索引"


def on_a_terminal(cwd: Path, *args: str) -> tuple[str, str, int]:
    """(what reached the terminal on standard error, standard output, exit code) of weibao run with a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="100")
    p = subprocess.Popen([sys.executable, "-m", "weibao", *args], stdin=slave, stdout=subprocess.PIPE, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    seen, deadline = b"", time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
        elif p.poll() is not None:
            break
    out = p.stdout.read().decode("utf-8") if p.stdout else ""
    os.close(master)
    return seen.decode("utf-8", "replace"), out, p.wait()


def test_first_who_shows_progress_on_a_terminal_and_nothing_when_piped(tmp_path: Path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    terminal, out, code = on_a_terminal(tmp_path, "who", "孩子被打了")
    assert code == 0 and LABEL in terminal and "旗公安局牵头" in out
    assert LABEL not in out  # the answer itself stays clean
    shutil.rmtree(tmp_path / ".weibao")
    r = subprocess.run([sys.executable, "-m", "weibao", "who", "孩子被打了"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == "" and LABEL not in r.stdout


def test_steps_nest_and_report_the_innermost():
    events: list[str] = []

    class Recorder:
        def show(self, label: str) -> None:
            events.append(label)

        def done(self) -> None:
            events.append("done")

    progress.set_reporter(Recorder())
    try:
        with progress.step("外层"):
            with progress.step("内层"):
                pass
    finally:
        progress.set_reporter(None)
    assert events == ["外层", "内层", "外层", "done"]
    with progress.step("没有报告者"):  # no reporter: nothing happens
        pass
