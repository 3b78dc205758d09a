"""The work systems and the yearly cycle on a full sample year: areas, plan and reports, research, notifications."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ROOT, add_samples, codes
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.repository import Repository
from weibao.diagnostics import DATE_CODES
from weibao.lint.engine import validate

register()
runner = CliRunner()
EX = ROOT / "examples"
AFTER = "2027-01-20"  # after the plan's report_due (2027-01-15)


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


@pytest.fixture
def year(repo: Path) -> Path:
    return add_samples(repo, year=True)


def check(repo: Path, as_of: str = AFTER, strict_dates: bool = False, dates: bool = False):
    """The findings; the date findings (overdue, not yet held: warnings unless --strict-dates) only with ``dates``
    or ``strict_dates`` — the tests of the time-based rules ask for them."""
    report, _ = validate(Repository(repo), as_of=dt.date.fromisoformat(as_of), strict_dates=strict_dates)
    return [d for d in report.sorted() if dates or strict_dates or d.code not in DATE_CODES]


def line_of(repo: Path, rel: str, text: str) -> int:
    return next(i for i, line in enumerate((repo / rel).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_sample_year_findings(year: Path):
    diags = [d for d in check(year, dates=True) if d.code not in ("WB710", "WB808")]  # overdue samples: tests/records/test_cases.py
    assert codes(diags) == [
        ("WB412", "data/annual/2026/plan.yaml", line_of(year, "data/annual/2026/plan.yaml", "year:")),
        ("WB412", "data/annual/2026/plan.yaml", line_of(year, "data/annual/2026/plan.yaml", "year:")),
        ("WB410", "data/areas/yangli-jiedao.yaml", line_of(year, "data/areas/yangli-jiedao.yaml", "name:")),
        ("WB409", "data/areas/yangli-zhen.yaml", line_of(year, "data/areas/yangli-zhen.yaml", "exists: false")),
        ("WB411", "data/areas/yangli-zhen.yaml", line_of(year, "data/areas/yangli-zhen.yaml", "villages:")),
    ]
    assert all(d.severity == "warning" for d in diags)
    msgs = [d.message for d in diags]
    assert "2026 年有 2 个苏木乡镇（场、街道）没有报送协调机制年度工作情况：样例街道、样例镇（规则 duty-4）。" in msgs
    assert msgs[1].startswith("2026 年有 26 个成员单位没有报送年度工作情况：旗委宣传部、旗委政法委、旗委网信办")
    assert "（职责 minzheng-6）" in msgs[3] and "（职责 minzheng-7）" in msgs[2] and "样例二村" in msgs[4]
    # before the due date the reports are not late; --strict-dates makes late reports errors
    assert [d.code for d in check(year, "2027-01-15")] == ["WB410", "WB409", "WB411"]
    assert [d.severity for d in check(year, strict_dates=True) if d.code == "WB412"] == ["error", "error"]
    assert cli(year, "fmt", "--check").exit_code == 0


@pytest.mark.parametrize(
    "rel,old,new,expected",
    [
        ("data/research/2026/dy-2026-1.yaml", "  submitted_on: 2026-05-06", "  document: no-such-doc\n  submitted_on: 2026-05-06", "WB414"),
        ("data/research/2026/yj-2026-1.yaml", "end: 2026-08-15", "end: 2026-06-15", "WB416"),
        ("data/annual/2026/plan.yaml", "lead: [sifa]", "lead: [sifaju]", "WB302"),
        ("data/annual/2026/units/jiaoti.yaml", "{item: t2, status: 已完成}", "{item: t9, status: 已完成}", "WB414"),
        ("data/notifications/2026/tb-2026-1.yaml", "to_areas: all", "to_areas: [no-such-area]", "WB415"),
    ],
)
def test_rules(year: Path, rel: str, old: str, new: str, expected: str):
    p = year / rel
    p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    line = line_of(year, rel, new.split("\n")[0].strip())
    found = [(d.code, d.path, d.line) for d in check(year, "2027-01-15") if d.code not in ("WB409", "WB410", "WB411")]
    assert found == [(expected, rel, line)]


def test_misplaced_unit_report(year: Path):
    src = year / "data/annual/2026/units/gongan.yaml"
    src.rename(year / "data/annual/2026/units/gongan-2026.yaml")
    found = [(d.code, d.path) for d in check(year, "2027-01-15") if d.code == "WB415"]
    assert found == [("WB415", "data/annual/2026/units/gongan-2026.yaml")]


def test_annual_status(year: Path):
    r = cli(year, "annual", "status", "2026", "--as-of", AFTER, "--format", "json")
    assert r.exit_code == 0, r.output
    st = json.loads(r.stdout)
    assert (st["units_reported"], len(st["units"]), st["areas_reported"], len(st["areas"])) == (3, 29, 1, 3)
    assert st["overdue"] is True and st["report_due"] == "2027-01-15"
    assert [(i["id"], i["state"]) for i in st["items"]] == [("t1", "推进中"), ("t2", "已完成"), ("t3", "未报告")]
    assert [a["id"] for a in st["areas"] if a["reported"]] == ["yangli-sumu"]
    text = cli(year, "annual", "status", "2026", "--as-of", AFTER).stdout
    assert "苏木乡镇（场、街道）：已报送 1/3" in text and "未报送：样例街道、样例镇" in text


def test_annual_summary(year: Path, tmp_path: Path):
    r = cli(year, "annual", "summary", "2026", "--as-of", AFTER, "--format", "txt")
    assert r.exit_code == 0, r.output
    out = r.stdout
    for line in [
        "奈曼旗未成年人保护工作领导小组2026年工作总结（草稿）",
        "2026年，29个成员单位中有3个报送了年度工作情况，3个苏木乡镇（场、街道）中有1个报送了协调机制年度工作情况。",
        "全旗3个苏木乡镇（场、街道）中，2个已建立未成年人保护工作协调机制，2个已设立未成年人保护工作站或指定专门人员；5个嘎查村（居）中4个已设立专人专岗。",
        "（一）年度工作计划执行情况。年度工作计划共3项任务，已完成1项。",
        "2.开展校园周边环境联合检查（牵头单位：旗教体局；已完成）",
        "（二）会议制度落实情况。全年召开主任办公会1次，办公室成员会议1次，专题工作会议1次，领导小组会议1次。",
        "（三）议定事项跟踪督办。全年议定事项4项，已办结1项，逾期3项。",
        "（四）督查督办。全年立案督办5件（挂牌督办1件），办结1件。",
        "（五）联合调研和专题研究。联合调研“农村留守儿童关爱服务情况”；专题研究“临时监护工作衔接机制”。",
        "（六）情况通报。全年印发情况通报0期。另有1期尚未编号印发：《关于2026年上半年未成年人保护重点工作进展情况的通报》。",
        "旗教体局：会同有关部门完成校园周边环境联合检查（样例）。",
        "样例苏木：召开协调机制会议两次，走访留守儿童家庭（样例）。",
        "五、存在的问题和下一步打算",
    ]:
        assert line in out, line
    assert out.index("三、各成员单位工作情况") < out.index("旗教体局：") < out.index("旗公安局：") < out.index("旗民政局：")
    lines = out.splitlines()
    assert lines[0] == "【草稿：由 weibao 根据数据仓库于2027年1月20日汇总，第五部分“存在的问题和下一步打算”待办公室填写；修改后按公文办理程序编号、签发、印发】"
    assert "办公室文件" not in out and "weibao" not in "".join(lines[1:]) and "请根据" not in out  # nothing the clerk did not write in the body
    docx = tmp_path / "s.docx"
    assert cli(year, "annual", "summary", "2026", "--as-of", AFTER, "--format", "docx", "--out", str(docx)).exit_code == 0
    import docx as _docx

    assert any(p.text == "一、基本情况" for p in _docx.Document(str(docx)).paragraphs)


def test_notification_renders_as_tongbao(year: Path, tmp_path: Path):
    md = cli(year, "render", "tb-2026-1", "--format", "md").stdout
    assert "# 关于2026年上半年未成年人保护重点工作进展情况的通报" in md
    assert "领导小组各成员单位，各苏木乡镇（场、街道）：" in md and "**一、协调机制建设**" in md and "2026年9月10日" in md
    out = tmp_path / "t.docx"
    assert cli(year, "render", "tb-2026-1", "--format", "docx", "--out", str(out)).exit_code == 0


def test_new_scaffolds(year: Path):
    assert cli(year, "new", "research", "--title", "困境儿童保障情况", "--date", "2026-10-01").exit_code == 0
    assert (year / "data/research/2026/dy-2026-2.yaml").exists()
    assert cli(year, "new", "study", "--date", "2026-10-02").exit_code == 0
    assert (year / "data/research/2026/yj-2026-2.yaml").exists()
    assert cli(year, "new", "notification", "--title", "关于……的通报", "--date", "2026-10-03").exit_code == 0
    assert (year / "data/notifications/2026/tb-2026-2.yaml").exists()
    assert cli(year, "new", "annual-plan", "--date", "2027-01-02").exit_code == 0
    assert (year / "data/annual/2027/plan.yaml").exists()
    r = cli(year, "new", "annual-plan", "--date", "2027-03-02")
    assert r.exit_code == 2 and "已经存在，没有覆盖" in r.output
    r = cli(year, "new", "meeting-notes")
    assert r.exit_code == 2 and "research（联合调研）" in r.output
    assert [d.code for d in check(year, "2027-01-15") if d.severity == "error"] == []


def test_export_has_the_year(year: Path):
    doc = json.loads(cli(year, "export").stdout)
    assert [r["id"] for r in doc["research"]] == ["dy-2026-1", "yj-2026-1"]
    assert [n["id"] for n in doc["notifications"]] == ["tb-2026-1"]
    assert [a["id"] for a in doc["areas"]] == ["yangli-jiedao", "yangli-sumu", "yangli-zhen"]
    assert [u["unit"] for u in doc["annual"]["unit_reports"]] == ["gongan", "jiaoti", "minzheng"]


def test_a_notification_without_a_number_prints_as_a_draft_without_the_red_head(year: Path, tmp_path: Path):
    draft = "草稿：这份通报还没有发文字号，编号后才能印发"
    txt = cli(year, "render", "tb-2026-1", "--format", "txt").stdout
    assert txt.splitlines()[0] == f"【{draft}】" and "办公室文件" not in txt
    md = cli(year, "render", "tb-2026-1", "--format", "md").stdout
    assert md.startswith(f"> {draft}\n") and "办公室文件" not in md and "\n---\n" not in md.split("# 关于")[0]
    html = cli(year, "render", "tb-2026-1", "--format", "html").stdout
    assert f'<p class="draft">{draft}</p>' in html and 'class="mark"' not in html and '<hr class="red">' not in html
    out = tmp_path / "t.docx"
    assert cli(year, "render", "tb-2026-1", "--format", "docx", "--out", str(out)).exit_code == 0
    import docx as _docx

    paras = [p.text for p in _docx.Document(str(out)).paragraphs if p.text]
    assert paras[0] == draft and paras[1].replace("\n", "") == "关于2026年上半年未成年人保护重点工作进展情况的通报"
    assert not any(p.endswith("文件") for p in paras)


def test_a_numbered_notification_has_its_head_number_and_imprint(year: Path):
    n = year / "data/notifications/2026/tb-2026-1.yaml"
    n.write_text(n.read_text(encoding="utf-8") + "number: 奈未保办发〔2026〕3号\ncc: [旗委办公室]\nprint_date: 2026-09-12\n", encoding="utf-8")
    assert [d.code for d in check(year) if d.severity == "error"] == []
    lines = cli(year, "render", "tb-2026-1", "--format", "txt").stdout.splitlines()
    assert lines[:2] == ["奈曼旗未成年人保护工作领导小组办公室文件", "奈未保办发〔2026〕3号"]
    assert lines[-2:] == ["抄送：旗委办公室。", "奈曼旗未成年人保护工作领导小组办公室　　2026年9月12日印发"]


def test_new_notification_takes_the_next_number_of_the_offices_own_prefix(year: Path):
    import re

    r = cli(year, "doc", "new", "--type", "通知", "--prefix", "奈未保办发", "--date", "2026-10-01")
    serial = int(re.search(r"奈未保办发〔2026〕(\d+)号", r.output).group(1))
    assert cli(year, "new", "notification", "--date", "2026-10-03").exit_code == 0
    text = (year / "data/notifications/2026/tb-2026-2.yaml").read_text(encoding="utf-8")
    assert f"number: 奈未保办发〔2026〕{serial + 1}号" in text and "print_date: 2026-10-03" in text
    assert [d.code for d in check(year) if d.severity == "error"] == []
    lines = cli(year, "render", "tb-2026-2", "--format", "txt").stdout.splitlines()
    assert lines[1] == f"奈未保办发〔2026〕{serial + 1}号" and lines[-1].endswith("2026年10月3日印发")


def test_new_notification_without_an_own_prefix_is_a_draft(year: Path):
    settings = year / "data/weibao.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("own: true", "own: false"), encoding="utf-8")
    assert cli(year, "new", "notification", "--date", "2026-10-03").exit_code == 0
    text = (year / "data/notifications/2026/tb-2026-2.yaml").read_text(encoding="utf-8")
    assert "\nnumber:" not in text and "# number: 发文字号" in text
    assert [d.code for d in check(year) if d.severity == "error" and "tb-2026-2" in d.path] == []
    assert cli(year, "render", "tb-2026-2", "--format", "txt").stdout.startswith("【草稿：")
