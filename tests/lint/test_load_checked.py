"""Loading checked data or refusing (lint.engine.load_checked): a command refuses only for errors in what it reads,
and the refusal names the files that block it, with their diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.repository import Repository
from weibao.errors import InvalidData
from weibao.lint.engine import load_checked

register()
runner = CliRunner()
BAD_RESEARCH = """id: dy-2026-1
kind: 联合调研
theme: 样例调研（虚构）
start: 2026-04-01
report:
  document: no-such-document
"""


@pytest.fixture
def research_broken(repo: Path) -> Path:
    add_samples(repo, meetings=True, cases=True)
    p = repo / "data/research/2026/dy-2026-1.yaml"
    p.parent.mkdir(parents=True)
    p.write_text(BAD_RESEARCH, encoding="utf-8")
    return repo


@pytest.mark.parametrize("args", [
    ["render", "zhengban-2022-40", "--format", "md"],
    ["render", "2026-03-15-director", "--format", "txt"],
    ["meetings", "check", "--year", "2026", "--as-of", "2026-12-31"],
    ["meeting", "list"],
    ["decisions", "--open"],
    ["case", "list"],
    ["annual", "status", "2026", "--as-of", "2026-12-31"],
    ["who", "孩子被拐走了"],
    ["matrix"],
])
def test_an_unrelated_bad_record_does_not_stop_a_command(research_broken: Path, args: list[str]):
    r = runner.invoke(app, ["--repo", str(research_broken), *args])
    assert r.exit_code in (0, 1) and "无法" not in r.output and "WB414" not in r.output, r.output


def test_commands_that_read_it_refuse_and_name_the_file(research_broken: Path):
    for args in (["export", "--format", "json"], ["annual", "summary", "2026"], ["render", "dy-2026-1"]):
        r = runner.invoke(app, ["--repo", str(research_broken), *args])
        assert r.exit_code == 1
        assert "data/research/2026/dy-2026-1.yaml 有 1 个错误" in r.output
        assert "data/research/2026/dy-2026-1.yaml:6:13: 错误[WB414]" in r.output


def test_the_refusal_carries_the_report_as_data(research_broken: Path):
    with pytest.raises(InvalidData) as info:
        load_checked(Repository(research_broken), "无法汇总", ("research",))
    report = info.value.report
    assert report is not None and [(d.code, d.path, d.line, d.column) for d in report.sorted()] == [
        ("WB414", "data/research/2026/dy-2026-1.yaml", 6, 13)]
    assert info.value.exit_code == 1 and info.value.message.startswith("无法汇总：data/research/2026/dy-2026-1.yaml")
    data = load_checked(Repository(research_broken), "无法列出会议", ("settings", "office", "unit", "meeting"))
    assert data.report is not None and data.report.errors == 1  # the whole report travels with the data
