"""Deadlines in working days (issue 24): `--deadline 15个工作日` on the command line and `deadline_workdays` in YAML."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import add_samples, run_validate
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


CASE = ["case", "new", "--kind", "督办", "--lead", "公安", "--subject", "某镇一名初中生的样例事项", "--date", "2026-09-25"]


def test_case_new_counts_working_days_and_stores_both(repo: Path):
    r = cli(repo, *CASE, "--level", "挂牌督办", "--deadline", "15个工作日")
    assert r.exit_code == 0, r.output
    assert "整改时限 2026-10-22（15个工作日）" in r.output  # 中秋, 国庆 and the Saturday worked on 10 October
    text = (repo / "data/cases/2026/db-2026-1.yaml").read_text(encoding="utf-8")
    assert "deadline: 2026-10-22\ndeadline_workdays: 15  # 从立案日期次日起算的工作日数\n" in text
    assert run_validate(repo) == []


def test_bad_deadlines_write_nothing(repo: Path):
    for value, text in (("0个工作日", "工作日数应在 1 到 250 之间，写的是 0"), ("251个工作日", "写的是 251"),
                        ("下周五", "时限“下周五”格式不对"), ("2026-09-01", "整改时限 2026-09-01 早于立案日期 2026-09-25")):
        r = cli(repo, *CASE, "--deadline", value)
        assert r.exit_code == 2 and text in r.output, (value, r.output)
    r = cli(repo, *CASE, "--level", "挂牌督办")
    assert r.exit_code == 2 and "挂牌督办必须写整改时限" in r.output
    assert not (repo / "data/cases").exists() or not list((repo / "data/cases").rglob("*.yaml"))


def test_receive_with_working_days(repo: Path):
    r = cli(repo, "doc", "receive", "--from", "教体", "--title", "关于有关工作的报告（样例）", "--date", "2026-09-30", "--deadline", "十个工作日")
    assert r.exit_code == 0, r.output
    assert "办理时限 2026-10-20（10个工作日）" in r.output  # 8, 9, 10 (a Saturday worked), 12–16, 19, 20 October
    text = (repo / "data/received/2026/sw-2026-1.yaml").read_text(encoding="utf-8")
    assert "deadline: 2026-10-20\ndeadline_workdays: 10\n" in text


def test_yaml_workdays_checked_against_the_schedule(repo: Path):
    add_samples(repo, cases=False)
    p = repo / "data/meetings/2026/2026-09-01-group.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("deadline: 2026-12-20", "deadline: 2026-12-20\n    deadline_workdays: 10"), encoding="utf-8")
    (d,) = run_validate(repo)  # meeting 2026-09-01 + 10 working days is 2026-09-15
    assert d.code == "WB212" and d.message == "议定事项 2026-09-01-group-1：时限 2026-12-20 与 10 个工作日不符：从 2026-09-01 的次日数起 10 个工作日是 2026-09-15。"
    assert d.hint == "改为 deadline: 2026-09-15；时限不按工作日计算时，删去 deadline_workdays。"
    p.write_text(text.replace("deadline: 2026-12-20", "deadline: 十个工作日"), encoding="utf-8")
    (d,) = run_validate(repo)
    assert d.code == "WB206" and "改为 deadline_workdays: 10" in (d.hint or "")


def test_due_within_working_days(repo: Path):
    add_samples(repo, cases=False)
    rows = json.loads(cli(repo, "decisions", "--due-within", "10", "--workdays", "--as-of", "2026-12-05", "--format", "json").stdout)
    assert [(r["id"], r["days_left"], r["workdays_left"]) for r in rows] == [("2026-09-01-group-1", 15, 10)]
    rows = json.loads(cli(repo, "decisions", "--due-within", "10", "--as-of", "2026-12-05", "--format", "json").stdout)
    assert rows == []  # 15 calendar days


def test_received_deadline_before_it_was_received(repo: Path):
    folder = repo / "data/received/2026"
    folder.mkdir(parents=True)
    (folder / "sw-2026-1.yaml").write_text("id: sw-2026-1\nfrom_unit: jiaoti\ntitle: 关于有关工作的报告（样例）\nreceived_on: 2026-07-03\n"
                                           "deadline: 2026-07-01\nsteps: []\n", encoding="utf-8")
    assert [(d.code, d.line, d.message) for d in run_validate(repo)] == [("WB606", 5, "办理时限 2026-07-01 早于收文日期 2026-07-03。")]
