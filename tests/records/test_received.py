"""The register of 收文 (issue 23, 规则七 doc-member-submissions): documents member units submit, with their own
发文字号, what the office did with each (转办、呈批、批示、办结), deadlines and overdue, as text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml
from conftest import tree
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def test_receive_handle_and_list(repo: Path):
    r = cli(repo, "doc", "receive", "--from", "公安", "--number", "奈公发〔2026〕12号", "--title", "关于校园周边治理情况的报告（样例）",
            "--date", "2026-06-01", "--deadline", "2026-06-30")
    assert r.exit_code == 0 and "已登记收文 sw-2026-1（data/received/2026/sw-2026-1.yaml）" in r.output, r.output
    rec = yaml.safe_load((repo / "data/received/2026/sw-2026-1.yaml").read_text(encoding="utf-8"))
    assert rec == {"id": "sw-2026-1", "from_unit": "gongan", "number": "奈公发〔2026〕12号", "title": "关于校园周边治理情况的报告（样例）",
                   "received_on": __import__("datetime").date(2026, 6, 1), "deadline": __import__("datetime").date(2026, 6, 30), "steps": []}
    assert cli(repo, "doc", "receive", "--from", "教体局", "--title", "关于某项工作的请示（样例）", "--date", "2026-06-03").exit_code == 0
    assert cli(repo, "doc", "handle", "sw-2026-1", "--action", "转办", "--to", "教体局", "--date", "2026-06-02").exit_code == 0
    out = cli(repo, "doc", "inbox", "--as-of", "2026-07-05").stdout
    assert out == ("sw-2026-1  【转办】旗公安局 奈公发〔2026〕12号  关于校园周边治理情况的报告（样例）\n    收文 2026-06-01  时限 2026-06-30  【逾期】\n"
                   "sw-2026-2  【已登记】旗教体局 （无文号）  关于某项工作的请示（样例）\n    收文 2026-06-03  时限 未定\n")
    v = cli(repo, "validate", "--as-of", "2026-07-05")
    assert v.exit_code == 0 and "data/received/2026/sw-2026-1.yaml:" in v.output and "警告[WB616]" in v.output
    assert cli(repo, "doc", "handle", "sw-2026-1", "--action", "办结", "--note", "已答复（样例）", "--date", "2026-07-06").exit_code == 0
    rows = list(csv.reader(io.StringIO(cli(repo, "doc", "inbox", "--format", "csv", "--as-of", "2026-07-10").stdout.lstrip("\ufeff"))))
    assert rows[1] == ["sw-2026-1", "旗公安局", "奈公发〔2026〕12号", "关于校园周边治理情况的报告（样例）", "2026-06-01", "2026-06-30", "已办结", "2026-07-06", "否"]
    assert [x["id"] for x in json.loads(cli(repo, "doc", "inbox", "--open", "--format", "json").stdout)] == ["sw-2026-2"]
    r = cli(repo, "doc", "handle", "sw-2026-1", "--action", "转办", "--to", "民政局")
    assert r.exit_code == 2 and "已于 2026-07-06 办结" in r.output
    assert cli(repo, "validate", "--as-of", "2026-07-10").exit_code == 0 and cli(repo, "fmt", "--check").exit_code == 0
    exported = json.loads(cli(repo, "export", "--format", "json").stdout)
    assert [x["id"] for x in exported["received"]] == ["sw-2026-1", "sw-2026-2"]


def test_a_malformed_number_or_unknown_action_writes_nothing(repo: Path):
    before = tree(repo)
    r = cli(repo, "doc", "receive", "--from", "公安", "--number", "第12号", "--title", "样例", "--date", "2026-06-01")
    assert r.exit_code == 1 and "错误[WB601] 来文字号“第12号”不是“代字〔年份〕序号号”的格式。" in r.output
    assert tree(repo) == before
    assert cli(repo, "doc", "receive", "--from", "公安", "--title", "样例", "--date", "2026-06-01").exit_code == 0
    r = cli(repo, "doc", "handle", "sw-2026-1", "--action", "存档")
    assert r.exit_code == 2 and "可选：转办、呈批、批示、办结" in r.output
