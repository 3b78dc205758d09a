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


HIDDEN = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=样例", "-c", "user.email=sample@example.invalid", *args], cwd=repo, check=True,
                   capture_output=True)


def test_file_names_values_and_commit_messages_are_shown_not_acted_on(repo: Path):
    """What a file name, an old revision or a commit message holds reaches the terminal as visible escapes: an escape
    sequence in a name used to clear the screen or retitle the window of whoever ran validate or history (issue 21)."""
    unit = repo / "data/units/gongan.yaml"
    evil_name = repo / "data/units" / "x\x1b[2J\x1b]0;pwn\x07\u202ey.yaml"
    evil_name.write_text("id: [\n", encoding="utf-8")
    r = run(repo, "validate")
    assert r.returncode == 1 and not any(ch in r.stdout + r.stderr for ch in HIDDEN), r.stdout
    assert "data/units/x\\x1b[2J\\x1b]0;pwn\\x07\\u202ey.yaml:2:1: 错误[WB101]" in r.stdout
    r = run(repo, "validate", "--format", "json")
    assert "x\\u001b[2J" in r.stdout and not any(ch in r.stdout for ch in HIDDEN)
    evil_name.unlink()

    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("name: 旗公安局", 'name: "旗公安局\\e[2J\\u202e"', 1), encoding="utf-8")
    _git(repo, "commit", "-qam", "改名\x1b[31m\x9b2J")  # a value no current file may hold (WB013), and a coloured message
    unit.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-qam", "改回")
    for args in (("history", "gongan"), ("diff", "HEAD~2", "HEAD~1"), ("diff", "HEAD~2", "HEAD~1", "--format", "json")):
        r = run(repo, *args)
        assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
        assert not any(ch in r.stdout + r.stderr for ch in HIDDEN), (args, r.stdout)
    assert "\\x1b[2J" in run(repo, "diff", "HEAD~2", "HEAD~1").stdout


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_a_date_outside_what_data_may_hold_is_refused_on_the_command_line(repo: Path, day: str):
    """--as-of 9999-12-31 was taken and counted days to deadlines from it; data holds 1900–2199 (WB204)."""
    r = run(repo, "validate", "--as-of", day)
    assert r.returncode == 2 and f"日期“{day}”超出范围，应在 1900-01-01 到 2199-12-31 之间。" in r.stderr, r.stderr


def test_line_ends_of_csv_and_icalendar_on_standard_output_are_kept(repo: Path):
    """visible() keeps a carriage return before a line feed: `export --format ics > x.ics` must stay iCalendar."""
    import icalendar

    r = subprocess.run([sys.executable, "-m", "weibao", "export", "--format", "ics"], cwd=repo, capture_output=True, timeout=120)
    assert r.returncode == 0 and b"\\x0d" not in r.stdout and r.stdout.count(b"\r\n") > 3
    assert icalendar.Calendar.from_ical(r.stdout).get("VERSION") == "2.0"
