"""Supervision cases: the state machine (every transition), commands, write safety, privacy rules and public outputs."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, add_samples, codes, race_on_load
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.repository import Repository
from weibao.diagnostics import DATE_CODES
from weibao.lint.engine import validate
from weibao.model.case import CASE_STATES, TRANSITIONS

register()
runner = CliRunner()
EX = ROOT / "examples"
BAD = sorted((EX / "cases" / "bad").glob("*.yaml"))
AS_OF = "2026-06-30"
# sample numbers that cannot belong to anyone: area code 999999, born in 2099; a placeholder mobile number
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_BASE = "99999920990101001"
FAKE_ID = _BASE + "10X98765432"[sum(int(d) * w for d, w in zip(_BASE, _W)) % 11]
FAKE_MOBILE = "138" + "0" * 8


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


@pytest.fixture
def cases(repo: Path) -> Path:
    """The bundled data plus the sample meetings and the five sample cases."""
    return add_samples(repo)


def check(repo: Path, as_of: str = AS_OF, strict_dates: bool = False, dates: bool = False):
    """The findings; the date findings (overdue, not yet held: warnings unless --strict-dates) only with ``dates``
    or ``strict_dates`` — the tests of the time-based rules ask for them."""
    report, _ = validate(Repository(repo), as_of=dt.date.fromisoformat(as_of), strict_dates=strict_dates)
    return [d for d in report.sorted() if dates or strict_dates or d.code not in DATE_CODES]


def case_file(repo: Path, cid: str) -> Path:
    return repo / "data" / "cases" / cid.split("-")[1] / f"{cid}.yaml"


def test_good_samples_validate(cases: Path):
    assert check(cases) == []
    assert cli(cases, "fmt", "--check").exit_code == 0  # the samples are in the canonical layout


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_sample(cases: Path, path: Path):
    text = path.read_text(encoding="utf-8")
    cid = re.search(r"^id: (\S+)", text, re.M).group(1)
    shutil.copy(path, case_file(cases, cid))
    expected = [(m.group(1), f"data/cases/2026/{cid}.yaml", i)
                for i, line in enumerate(text.splitlines(), start=1) for m in [re.search(r"# 预期 (WB\d+)", line)] if m]
    assert len(expected) == 1
    assert codes(check(cases)) == expected


def test_wb808_overdue_only_with_strict_dates(cases: Path):
    assert [(d.code, d.record) for d in check(cases, strict_dates=True)] == [("WB808", "db-2026-2")]


# -- privacy rules -------------------------------------------------------------------------


def test_wb901_id_number_anywhere_with_line_and_column(cases: Path):
    p = case_file(cases, "db-2026-4")
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("印发专项检查方案（样例）", f"印发方案，联系人证件 {FAKE_ID}"), encoding="utf-8")
    d = check(cases)
    line = next(i for i, l in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if FAKE_ID in l)
    col = next(l for l in p.read_text(encoding="utf-8").splitlines() if FAKE_ID in l).index(FAKE_ID) + 1
    assert [(x.code, x.path, x.line, x.column) for x in d] == [("WB901", "data/cases/2026/db-2026-4.yaml", line, col)]
    assert FAKE_ID not in d[0].message  # the finding does not repeat the number
    # a wrong check digit is not an ID number; nor are longer digit runs
    wrong = FAKE_ID[:-1] + ("0" if FAKE_ID[-1] != "0" else "1")
    p.write_text(text.replace("印发专项检查方案（样例）", f"编号 {wrong}，流水 {FAKE_ID}9"), encoding="utf-8")
    assert check(cases) == []


def test_wb902_mobile_in_any_file_and_comment(cases: Path):
    unit = cases / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + f"# 联络员手机 {FAKE_MOBILE}\n", encoding="utf-8")
    d = check(cases)
    n = len(unit.read_text(encoding="utf-8").splitlines())
    assert [(x.code, x.path, x.line, x.column) for x in d] == [("WB902", "data/units/gongan.yaml", n, 9)]


@pytest.mark.parametrize(
    "subject,flagged",
    [
        ("学生王小明被同学殴打的处置", "王小明"),
        ("受害人李娜，女，12岁", "李娜"),
        ("女孩张婷婷在校外被人骚扰", "张婷婷"),
        ("学生王某某被同学殴打的处置", None),
        ("小明（化名）被同学殴打", None),
        ("孩子周末在家无人看护", None),
        ("孩子高烧不退无人送医", None),
        ("某苏木一名初中生辍学", None),
    ],
)
def test_wb903_names_in_subject(cases: Path, subject: str, flagged: str | None):
    p = case_file(cases, "db-2026-4")
    p.write_text(p.read_text(encoding="utf-8").replace("subject: 学校食堂食品安全专项检查", f"subject: {subject}"), encoding="utf-8")
    d = check(cases)
    if flagged is None:
        assert d == []
    else:
        column = len("subject: ") + subject.index(flagged) + 1  # the name itself, shown by its first character only
        assert [(x.code, x.line, x.column, x.message) for x in d] == [("WB903", 8, column, f"出现了姓名（{flagged[0]}…）。")]
        assert flagged not in d[0].message and flagged not in (d[0].hint or "")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_wb904_private_store_tracked_and_wb905_not_ignored(cases: Path):
    _git(cases, "init", "-q")
    private = cases / "private" / "db-2026-2"
    private.mkdir(parents=True)
    (private / "身份资料.txt").write_text("（测试用占位）\n", encoding="utf-8")
    line = next(i for i, l in enumerate((cases / "data/weibao.yaml").read_text(encoding="utf-8").splitlines(), 1) if "private_store" in l) \
        if "private_store" in (cases / "data/weibao.yaml").read_text(encoding="utf-8") else None
    assert [d.code for d in check(cases)] == ["WB905"]
    _git(cases, "add", "-f", "private")
    assert [d.code for d in check(cases)] == ["WB904", "WB905"]
    _git(cases, "rm", "-q", "-r", "--cached", "private")
    (cases / ".gitignore").write_text("/private/\n", encoding="utf-8")
    assert check(cases) == []
    assert line is None or line > 0


# -- the state machine: every pair of states ---------------------------------------------------

STATE_SAMPLE = {"督办中": "db-2026-4", "整改中": "db-2026-1", "待核验": "db-2026-2", "办结": "db-2026-3", "中止": "db-2026-5"}


@pytest.mark.parametrize("source", CASE_STATES)
@pytest.mark.parametrize("target", CASE_STATES)
def test_every_transition(cases: Path, source: str, target: str):
    if source == "立案":
        r = cli(cases, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", "某镇一名初中生辍学后的劝返", "--date", "2026-06-01",
                "--deadline", "2026-07-31")
        assert r.exit_code == 0, r.output
        cid = "db-2026-6"
    else:
        cid = STATE_SAMPLE[source]
    path = case_file(cases, cid)
    before = path.read_bytes()
    r = cli(cases, "case", "move", cid, target, "--note", "说明（样例）", "--date", "2026-06-20")
    legal = target in TRANSITIONS[source] and target != "办结"
    if legal:
        assert r.exit_code == 0, r.output
        assert f"状态已改为“{target}”" in r.output
        assert check(cases) == []
    else:
        assert r.exit_code == 2, r.output
        assert path.read_bytes() == before
        if target == "办结" and source == "待核验":
            assert "weibao case close" in r.output
        else:
            allowed = "、".join(TRANSITIONS[source]) or "（无：已是最终状态）"
            assert f"不能改为“{target}”" in r.output and allowed in r.output


def test_full_cycle_with_return_and_close(cases: Path):
    r = cli(cases, "case", "new", "--kind", "督办", "--source", "群众反映", "--lead", "文旅局", "--support", "市场监管局", "--support", "公安",
            "--subject", "某镇一家网吧违规接纳未成年人", "--deadline", "2026-07-31", "--level", "挂牌督办", "--date", "2026-06-01")
    assert r.exit_code == 0 and "db-2026-6" in r.output
    steps = [
        ("move", "db-2026-6", "督办中", "--date", "2026-06-02"),
        ("log", "db-2026-6", "已约谈经营者（样例）", "--date", "2026-06-03"),
        ("move", "db-2026-6", "整改中", "--date", "2026-06-05"),
        ("extend", "db-2026-6", "--to", "2026-08-15", "--reason", "需要补办手续（样例）", "--approved-by", "director", "--date", "2026-06-06"),
        ("move", "db-2026-6", "待核验", "--date", "2026-06-10"),
        ("move", "db-2026-6", "整改中", "--note", "复查仍有问题，退回重办（样例）", "--date", "2026-06-12"),
        ("move", "db-2026-6", "待核验", "--date", "2026-06-18"),
        ("close", "db-2026-6", "--verified-by", "督查专员", "--result", "复查合格（样例）", "--date", "2026-06-20"),
    ]
    for step in steps:
        r = cli(cases, "case", *step)
        assert r.exit_code == 0, (step, r.output)
    c = json.loads(cli(cases, "case", "show", "db-2026-6", "--format", "json").stdout)
    assert c["state"] == "办结" and c["closure"] == {"date": "2026-06-20", "verified_by": "督查专员", "result": "复查合格（样例）"}
    assert [e.get("state") for e in c["log"]] == ["督办中", None, "整改中", "待核验", "整改中", "待核验", "办结"]
    assert c["lead"] == "wenlv" and c["support"] == ["shichang", "gongan"] and c["extensions"][0]["to"] == "2026-08-15"
    assert check(cases) == [] and cli(cases, "fmt", "--check").exit_code == 0


def test_commands_refuse_bad_input(cases: Path):
    r = cli(cases, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", "学生王小明被同学殴打")
    assert r.exit_code == 2 and "事由中有姓名（王…，第 3 个字起）" in r.output and "王小明" not in r.output
    r = cli(cases, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", f"家长电话{FAKE_MOBILE}")
    assert r.exit_code == 2 and "手机号码" in r.output
    r = cli(cases, "case", "new", "--kind", "检查", "--lead", "公安", "--subject", "某事")
    assert r.exit_code == 2 and "督查、督办" in r.output
    r = cli(cases, "case", "new", "--kind", "督办", "--lead", "不存在局", "--subject", "某事")
    assert r.exit_code == 2 and "没有找到单位" in r.output
    r = cli(cases, "case", "log", "db-2026-1", f"证件 {FAKE_ID}")
    assert r.exit_code == 2 and "身份证号" in r.output
    r = cli(cases, "case", "log", "db-2026-1", "补记", "--date", "2026-04-01")
    assert r.exit_code == 2 and "记录按日期先后追加" in r.output
    r = cli(cases, "case", "extend", "db-2026-1", "--to", "2026-06-01", "--reason", "x", "--approved-by", "director")
    assert r.exit_code == 2 and "不晚于现在的时限 2026-06-30" in r.output
    r = cli(cases, "case", "move", "db-2026-4", "中止")
    assert r.exit_code == 2 and "中止督办要写明原因" in r.output
    r = cli(cases, "case", "close", "db-2026-1", "--verified-by", "x", "--result", "y")
    assert r.exit_code == 2 and "只有“待核验”的事项才能核验办结" in r.output
    r = cli(cases, "case", "show", "DB-2026-9")
    assert r.exit_code == 2 and "db-2026-1" in r.output
    assert not case_file(cases, "db-2026-6").exists()


def test_new_never_reuses_a_committed_number(cases: Path):
    _git(cases, "init", "-q")
    _git(cases, "add", "-A")
    _git(cases, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "t")
    case_file(cases, "db-2026-5").unlink()
    r = cli(cases, "case", "new", "--kind", "督查", "--lead", "教体局", "--subject", "某事项（样例）", "--date", "2026-07-01")
    assert "db-2026-6" in r.output


# -- list, show, unit ----------------------------------------------------------------------------


def test_list_overdue_known_answer(cases: Path):
    r = cli(cases, "case", "list", "--overdue", "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert [(x["id"], x["deadline"], x["state"], x["days_left"]) for x in rows] == [("db-2026-2", "2026-06-15", "待核验", -15)]


def test_list_filters(cases: Path):
    def ids(*args: str) -> list[str]:
        r = cli(cases, "case", "list", "--as-of", AS_OF, "--format", "json", *args)
        assert r.exit_code == 0, r.output
        return [x["id"] for x in json.loads(r.stdout)]

    assert ids() == ["db-2026-5", "db-2026-3", "db-2026-2", "db-2026-1", "db-2026-4"]
    assert ids("--state", "整改中") == ["db-2026-1"]
    assert ids("--unit", "妇联") == ["db-2026-2"]
    assert ids("--unit", "公安") == ["db-2026-5", "db-2026-3", "db-2026-2", "db-2026-1"]
    assert ids("--level", "挂牌督办") == ["db-2026-2"]
    assert ids("--due-within", "5") == ["db-2026-1"]
    r = cli(cases, "case", "list", "--as-of", AS_OF, "--format", "csv", "--overdue")
    assert r.stdout.startswith("\ufeff编号,类别,级别,事由,牵头单位")
    assert "db-2026-2,督办,挂牌督办,某苏木一名小学生疑似遭受家庭暴力的处置,旗公安局,旗民政局、旗妇联,2026-03-10,2026-06-15,是,待核验,是" in r.stdout


def test_show_and_unit(cases: Path):
    out = cli(cases, "case", "show", "db-2026-2").stdout
    assert "2026-05-05  ［整改中］核验发现后续帮扶未落实，退回重办（样例）" in out
    assert "立案：2026-03-10  整改时限：2026-04-30 → 延至 2026-06-15" in out and "下一步可改为：办结、整改中、中止" in out
    u = json.loads(cli(cases, "unit", "公安", "--format", "json").stdout)
    assert [(c["id"], c["role"]) for c in u["open_cases"]] == [("db-2026-1", "support"), ("db-2026-2", "lead")]
    assert "未办结的督办事项（2 件）" in cli(cases, "unit", "公安").stdout


# -- write safety ------------------------------------------------------------------------------------


def test_log_changes_only_its_lines(cases: Path):
    p = case_file(cases, "db-2026-1")
    before = p.read_text(encoding="utf-8")
    assert cli(cases, "case", "log", "db-2026-1", "已完成第一轮检查（样例）", "--date", "2026-05-10").exit_code == 0
    after = p.read_text(encoding="utf-8")
    diff = [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    assert diff == ["+  - date: 2026-05-10", "+    text: 已完成第一轮检查（样例）"]
    assert after.split("\n")[1].startswith("# 样例（虚构）：督查主任办公会议定事项的落实")


@pytest.mark.parametrize("fail_at", ["os.replace", "os.fsync", "os.chmod"])
def test_failure_at_any_point_leaves_the_original(cases: Path, monkeypatch, fail_at: str):
    import weibao.core.files as fmt

    p = case_file(cases, "db-2026-1")
    before = p.read_bytes()

    def boom(*a, **k):
        raise OSError("磁盘已满（测试注入）")

    monkeypatch.setattr(fmt.os, fail_at.split(".")[1], boom)
    r = cli(cases, "case", "log", "db-2026-1", "新进展", "--date", "2026-05-10")
    assert r.exit_code != 0
    assert p.read_bytes() == before
    assert [x.name for x in p.parent.iterdir() if x.name.startswith(".")] == []  # no temporary file left behind


def test_killed_writer_leaves_the_original(cases: Path):
    p = case_file(cases, "db-2026-1")
    before = p.read_bytes()
    env = {**os.environ, "WEIBAO_TEST_PAUSE_BEFORE_RENAME": "30", "WEIBAO_REPO": str(cases)}
    proc = subprocess.Popen([sys.executable, "-m", "weibao", "case", "log", "db-2026-1", "新进展", "--date", "2026-05-10"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any(x.name.endswith(".tmp") for x in p.parent.iterdir()):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # mid-way: the new text is written to the temporary file, not yet renamed
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert p.read_bytes() == before
    assert check(cases) == []  # a leftover hidden temporary file is not a data file


def test_refuses_when_file_changed_meanwhile(cases: Path, monkeypatch):
    import weibao.core.roundtrip as edit

    p = case_file(cases, "db-2026-1")
    race_on_load(monkeypatch, edit, "rt_yaml", p, "# 别人同时改了\n")
    r = cli(cases, "case", "log", "db-2026-1", "新进展", "--date", "2026-05-10")
    assert r.exit_code == 2 and "在读取后被改动过，没有覆盖" in r.output
    assert p.read_text(encoding="utf-8").endswith("# 别人同时改了\n")


# -- public outputs --------------------------------------------------------------------------------


def test_public_outputs_carry_no_private_content(cases: Path, tmp_path: Path):
    secrets = [f"SECRET-{i}-机密" for i in range(5)]
    p = case_file(cases, "db-2026-2")
    text = p.read_text(encoding="utf-8")
    text = text.replace("学校依法履行强制报告义务（样例）", secrets[0])  # source.note
    text = text.replace("已出具告诫书，启动家庭教育指导（样例）", secrets[1])  # log text
    text = text.replace("需等待有关评估结果（样例）", secrets[2])  # extension reason
    p.write_text(text, encoding="utf-8")
    q = case_file(cases, "db-2026-3")
    q.write_text(q.read_text(encoding="utf-8").replace("经暗访复查，未再发现接纳未成年人（样例）", secrets[3]), encoding="utf-8")  # closure result
    store = cases / "private" / "db-2026-2"
    store.mkdir(parents=True)
    (store / "资料.txt").write_text(secrets[4], encoding="utf-8")
    assert check(cases) == []
    full = cli(cases, "export").stdout
    assert all(s in full for s in secrets[:4])  # the internal export has them: the test can fail
    outputs = [cli(cases, "export", "--public").stdout]
    outputs += [cli(cases, "render", "zhengban-2022-40", "--format", f).stdout for f in ("md", "txt", "html")]
    outputs += [cli(cases, "render", "2026-03-15-director", "--format", f).stdout for f in ("md", "txt", "html")]
    outputs += [cli(cases, "render", "--template", t, "--as-of", AS_OF).stdout for t in ("register", "duties")]
    out = tmp_path / "m.docx"
    cli(cases, "render", "2026-03-15-director", "--format", "docx", "--out", str(out))
    import zipfile

    outputs.append(zipfile.ZipFile(out).read("word/document.xml").decode("utf-8"))
    assert all(o for o in outputs)
    leaked = [(i, s) for i, o in enumerate(outputs) for s in secrets if s in o]
    assert leaked == []
    pub = json.loads(outputs[0])
    assert pub["public"] is True and [c["id"] for c in pub["cases"]] == ["db-2026-1", "db-2026-2", "db-2026-3", "db-2026-4", "db-2026-5"]
    assert "text" not in pub["cases"][1]["log"][0] and "note" not in pub["cases"][1]["source"]
