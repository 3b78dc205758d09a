"""Command-line text with control characters (issue 21): refused at once with a Chinese message naming the argument,
the position and the character — no internal error, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "weibao", *args], cwd=repo, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"}, errors="replace")


@pytest.mark.parametrize("bad", ["\x7f", "\x85", "\x9b", "\x1b[31m", "\x07", "\x1f"])
def test_case_subject_with_a_control_character(repo: Path, bad: str):
    before = sorted(p.relative_to(repo) for p in repo.rglob("*") if ".weibao" not in p.parts)
    r = run(repo, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", f"某镇学校周边{bad}整治（样例）")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert f"第 8 个参数的第 7 个字符是控制字符 U+{ord(bad[0]):04X}，不能使用（前面是“某镇学校周边”）。" in r.stderr
    assert sorted(p.relative_to(repo) for p in repo.rglob("*") if ".weibao" not in p.parts) == before


def test_a_question_with_an_escape_sequence(repo: Path):
    r = run(repo, "who", "孩子\x1b]0;owned\x07被打了")
    assert r.returncode == 2 and "U+001B" in r.stderr and "\x1b" not in r.stderr


def test_tabs_and_newlines_are_text(repo: Path):
    r = run(repo, "who", "孩子\t被打了\n怎么办")
    assert r.returncode in (0, 1) and "控制字符" not in r.stderr


def test_bytes_that_are_not_utf8(repo: Path):
    r = subprocess.run([sys.executable, "-m", "weibao", "who", "孩子".encode() + b"\xff\xfe"], cwd=repo, capture_output=True,
                       timeout=120, env={**os.environ, "NO_COLOR": "1"})
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 2 and "无法识别的字节" in err and "Traceback" not in err
