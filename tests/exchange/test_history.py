"""weibao diff / history / report on small git repositories built in tmp_path; the CI and pre-commit recipes."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
EX = ROOT / "examples"


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=样例作者", "-c", "user.email=sample@example.org", "commit", "-qm", message)


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    p = repo / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def history_repo(repo: Path) -> Path:
    """A git repository with a sequence of commits: start, rename a unit, change a duty sentence,
    file a liaison, move a case, move the case file to its year folder."""
    shutil.copytree(EX / "meetings" / "good" / "2026", repo / "data" / "meetings" / "2026")
    (repo / "data" / "cases").mkdir(exist_ok=True)
    shutil.copy(EX / "cases" / "good" / "2026" / "db-2026-1.yaml", repo / "data" / "cases" / "db-2026-1.yaml")
    git(repo, "init", "-q")
    commit(repo, "起始数据")
    edit(repo, "data/units/gongan.yaml", "name: 旗公安局", "name: 旗公安分局")
    commit(repo, "公安局改名")
    edit(repo, "data/units/gongan.yaml", "依法打击利用未成年人", "依法严厉打击利用未成年人")
    commit(repo, "修改公安职责第二条")
    edit(repo, "data/units/jiaoti.yaml", "liaison: null", "liaison:\n  id: jiaoti-liaison\n  name: 样例联络员\n  unit: jiaoti\n  filed_on: 2026-03-02")
    commit(repo, "教体局联络员备案")
    edit(repo, "data/cases/db-2026-1.yaml", "state: 整改中", "state: 待核验")
    edit(repo, "data/cases/db-2026-1.yaml", "    text: 牵头单位报送整改方案（样例）\n    state: 整改中\n",
         "    text: 牵头单位报送整改方案（样例）\n    state: 整改中\n  - date: 2026-05-20\n    text: 报请核验（样例）\n    state: 待核验\n")
    commit(repo, "督办事项报请核验")
    (repo / "data/cases/2026").mkdir()
    git(repo, "mv", "data/cases/db-2026-1.yaml", "data/cases/2026/db-2026-1.yaml")
    commit(repo, "督办文件移入年份目录")
    return repo


def diff_json(repo: Path, *revs: str) -> list[dict]:
    r = cli(repo, "diff", "--format", "json", *revs)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)["changes"]


def test_diff_unit_rename(history_repo: Path):
    assert diff_json(history_repo, "HEAD~5", "HEAD~4") == [{
        "kind": "unit", "id": "gongan", "action": "renamed", "path": "data/units/gongan.yaml", "name": "旗公安分局", "before_name": "旗公安局",
        "changes": [{"field": "name", "before": "旗公安局", "after": "旗公安分局"}],
    }]


def test_diff_duty_sentence_char_level(history_repo: Path):
    (entry,) = diff_json(history_repo, "HEAD~4", "HEAD~3")
    (ch,) = entry["changes"]
    assert (entry["id"], entry["action"], ch["duty"], ch["action"]) == ("gongan", "changed", "gongan-2", "text")
    assert ch["diff"]["ops"] == [["=", "依法"], ["+", "严厉"], ["=", "打击利用未成年人…"]]
    r = cli(history_repo, "diff", "HEAD~4", "HEAD~3")
    assert r.exit_code == 1
    assert r.stdout == "成员单位 gongan（旗公安分局）：修改\n  职责 gongan-2：原文修改：依法{+严厉+}打击利用未成年人…\n"


def test_diff_liaison_is_a_personnel_filing(history_repo: Path):
    (entry,) = diff_json(history_repo, "HEAD~3", "HEAD~2")
    assert entry["changes"] == [{
        "field": "liaison", "label": "联络员", "personnel": True, "before": None,
        "after": {"id": "jiaoti-liaison", "name": "样例联络员", "unit": "jiaoti", "filed_on": "2026-03-02"}, "changes": [],
    }]
    md = cli(history_repo, "diff", "HEAD~3", "HEAD~2", "--format", "md").stdout
    assert "联络员：（未登记） → 样例联络员（人员变更须函告备案，规则 personnel-filing），备案日期 2026-03-02" in md


def test_diff_case_state_transition(history_repo: Path):
    (entry,) = diff_json(history_repo, "HEAD~2", "HEAD~1")
    assert (entry["kind"], entry["id"], entry["action"]) == ("case", "db-2026-1", "changed")
    assert entry["changes"] == [
        {"action": "state", "before": "整改中", "after": "待核验"},
        {"action": "log", "entry": {"date": "2026-05-20", "text": "报请核验（样例）", "state": "待核验"}},
    ]
    assert "  状态：整改中 → 待核验" in cli(history_repo, "diff", "HEAD~2", "HEAD~1").stdout


def test_diff_moved_file_is_the_same_record(history_repo: Path):
    assert diff_json(history_repo, "HEAD~1", "HEAD") == [{
        "kind": "case", "id": "db-2026-1", "action": "changed", "path": "data/cases/2026/db-2026-1.yaml", "name": "校园周边环境联合检查的落实情况",
        "changes": [], "before_path": "data/cases/db-2026-1.yaml",
    }]


def test_diff_worktree_paths_and_exit_codes(history_repo: Path):
    assert cli(history_repo, "diff").exit_code == 0 and cli(history_repo, "diff").stdout == "没有变化。\n"
    edit(history_repo, "data/units/minzheng.yaml", "name: 旗民政局", "name: 旗民政事务局")
    edit(history_repo, "data/cases/2026/db-2026-1.yaml", "level: 一般督办", "level: 挂牌督办")
    assert [e["id"] for e in diff_json(history_repo)] == ["minzheng", "db-2026-1"]
    assert [e["id"] for e in diff_json(history_repo, "HEAD", "--", "data/units")] == ["minzheng"]
    assert [e["id"] for e in diff_json(history_repo, "--", "data/cases/2026/db-2026-1.yaml")] == ["db-2026-1"]


def test_diff_unit_id_change_is_not_remove_and_add(history_repo: Path):
    git(history_repo, "mv", "data/units/kexie.yaml", "data/units/kexie2.yaml")
    edit(history_repo, "data/units/kexie2.yaml", "id: kexie", "id: kexie2")
    (entry,) = diff_json(history_repo)
    assert (entry["action"], entry["id"], entry["before_id"]) == ("renamed_id", "kexie2", "kexie")


def test_diff_errors(history_repo: Path, tmp_path: Path):
    r = cli(history_repo, "diff", "no-such-rev")
    assert r.exit_code == 2 and "git 中没有“no-such-rev”这个版本" in r.output
    plain = tmp_path / "plain"
    shutil.copytree(ROOT / "data", plain / "data")
    r = cli(plain, "diff")
    assert r.exit_code == 2 and "不在 git 仓库中" in r.output


def test_history_follows_the_file_rename(history_repo: Path):
    r = cli(history_repo, "history", "db-2026-1", "--format", "json")
    assert r.exit_code == 0, r.output
    commits = json.loads(r.stdout)["commits"]
    assert [(c["message"], c["action"], c["path"], c.get("renamed_from")) for c in commits] == [
        ("督办文件移入年份目录", "changed", "data/cases/2026/db-2026-1.yaml", "data/cases/db-2026-1.yaml"),
        ("督办事项报请核验", "changed", "data/cases/db-2026-1.yaml", None),
        ("起始数据", "added", "data/cases/db-2026-1.yaml", None),
    ]
    assert commits[1]["changes"][0] == {"action": "state", "before": "整改中", "after": "待核验"}
    assert commits[0]["author"] == "样例作者"
    text = cli(history_repo, "history", "gongan").stdout
    assert "公安局改名" in text and "职责 gongan-2：原文修改：依法{+严厉+}打击" in text
    r = cli(history_repo, "history", "nothing-here")
    assert r.exit_code == 2 and "找不到记录" in r.output


def test_git_diff_driver_and_textconv(history_repo: Path):
    exe = f"{shlex.quote(sys.executable)} -m weibao"
    (history_repo / ".gitattributes").write_text("data/**/*.yaml diff=weibao\n", encoding="utf-8")
    git(history_repo, "config", "diff.weibao.command", f"{exe} git-diff")
    edit(history_repo, "data/units/gongan.yaml", "name: 旗公安分局", "name: 旗公安局")
    out = git(history_repo, "diff", "--", "data/units/gongan.yaml")
    assert "成员单位 gongan（旗公安局）：改名：旗公安分局 → 旗公安局" in out
    git(history_repo, "config", "--unset", "diff.weibao.command")
    git(history_repo, "config", "diff.weibao.textconv", f"{exe} textconv")
    out = git(history_repo, "log", "-p", "-1", "HEAD~3", "--", "data/units/gongan.yaml")
    # git hands over temporary copies of the old versions: the schema line tells their kind, the fields are named in Chinese
    assert "-职责任务·第 2 项·职责原文: 依法打击利用未成年人" in out and "+职责任务·第 2 项·职责原文: 依法严厉打击利用未成年人" in out
    assert "duties[" not in out


# -- report ---------------------------------------------------------------------------------------


def test_report_known_answer_and_byte_identical(history_repo: Path, tmp_path: Path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out1, out2 = tmp_path / "r1", tmp_path / "r2"
    for out in (out1, out2):
        r = cli(history_repo, "report", "--as-of", "2026-06-25", "--out", str(out), "--since", "HEAD~5", "--format", "docx")
        assert r.exit_code == 0, r.output
    for name in ("report.md", "report.json", "report.docx"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
    rep = json.loads((out1 / "report.json").read_text(encoding="utf-8"))
    assert rep["as_of"] == "2026-06-25" and rep["validation"] == {"files": 39, "errors": 0, "warnings": 0, "notes": 0, "by_code": {}}
    assert [d["id"] for d in rep["decisions"]["overdue"]] == []
    assert [(d["id"], d["days_left"]) for d in rep["decisions"]["due_soon"]] == [("2026-03-15-director-2", 5)]
    assert rep["cases"] == {"overdue": [], "due_soon": [{"id": "db-2026-1", "subject": "校园周边环境联合检查的落实情况", "lead": "jiaoti",
                                                         "level": "一般督办", "deadline": "2026-06-30", "state": "待核验", "days_left": 5}]}
    assert {t["type"]: t["state"] for t in rep["meetings"]["types"]} == {"主任办公会": "按需召开", "办公室成员会议": "已达到",
                                                                        "专题工作会议": "按需召开", "领导小组会议": "—"}
    assert rep["changes"]["personnel"] == [{"unit": "jiaoti", "name": "旗教体局", "role": "联络员", "before": None, "after": "样例联络员"}]
    assert rep["changes"]["duties"] == [{"unit": "gongan", "name": "旗公安分局", "duty": "gongan-2", "action": "text"}]
    assert [(o["kind"], o["id"]) for o in rep["changes"]["other"]] == [("case", "db-2026-1")]
    gongan = next(u for u in rep["units"] if u["id"] == "gongan")
    assert gongan == {"id": "gongan", "name": "旗公安分局", "duties": 2, "lead_duties": 2, "open_decisions": 0, "open_cases": 0, "overdue": 0}
    md = (out1 / "report.md").read_text(encoding="utf-8")
    assert "| 2026-03-15-director-2 | 开展校园周边环境联合检查 | 旗教体局 | 2026-06-30 | 待办 | 5 |" in md
    assert "- 旗教体局联络员：（未登记） → 样例联络员（须函告备案）" in md
    assert summary.read_text(encoding="utf-8") == md + md  # appended on each run
    # the next run without --since starts from the previous report's revision: nothing has changed since
    r = cli(history_repo, "report", "--as-of", "2026-06-25", "--out", str(out1))
    assert json.loads((out1 / "report.json").read_text(encoding="utf-8"))["changes"]["personnel"] == []


def test_report_fail_on(history_repo: Path):
    assert cli(history_repo, "report", "--as-of", "2026-06-25", "--fail-on", "overdue").exit_code == 0
    assert cli(history_repo, "report", "--as-of", "2026-07-25", "--fail-on", "overdue").exit_code == 1
    assert cli(history_repo, "report", "--as-of", "2026-07-25", "--fail-on", "findings").exit_code == 0
    r = cli(history_repo, "report", "--format", "docx")
    assert r.exit_code == 2 and "--out" in r.output


# -- recipes -----------------------------------------------------------------------------------------


def _weibao_commands(text: str) -> list[list[str]]:
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        if line.startswith("run:"):
            line = line[4:].strip()
        if not line.startswith("weibao "):
            continue
        line = re.sub(r"\$\(date[^)]*\)", "2026-06-01", line)
        line = line.replace("origin/${{ github.base_ref }}", "HEAD~1")
        line = re.split(r"\s(?:>>|>|\|\|)\s", line)[0]  # the command, without its redirection
        out.append(shlex.split(line)[1:])
    return out


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_recipes_parse_and_call_real_commands(history_repo: Path, name: str, tmp_path: Path, monkeypatch):
    text = (EX / "ci" / name).read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    cmds = _weibao_commands(text)
    assert {c[0] for c in cmds} >= {"validate", "fmt", "report", "site"}
    monkeypatch.chdir(tmp_path)
    for c in cmds:
        r = cli(history_repo, *c)
        assert r.exit_code in (0, 1), (c, r.output)  # 2 would be a usage error: an option that does not exist
    assert (tmp_path / "report" / "report.md").is_file()
    assert (tmp_path / "public" / "index.html").is_file()


def test_pre_commit_hooks(history_repo: Path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["weibao-validate", "weibao-fmt"]
    for h in hooks:
        args = shlex.split(h["entry"])[1:] + ([] if h.get("pass_filenames") is False else [str(history_repo / "data/units/gongan.yaml")])
        r = cli(history_repo, *args)
        assert r.exit_code == 0, (h["id"], r.output)


def test_report_docx_reads_as_words_for_a_clerk(history_repo: Path, tmp_path: Path):
    import re

    import docx as _docx

    out = tmp_path / "r"
    cli(history_repo, "report", "--as-of", "2026-06-25", "--out", str(out), "--since", "HEAD~5", "--format", "docx")
    paras = [p.text for p in _docx.Document(str(out / "report.docx")).paragraphs if p.text]
    assert paras[0].startswith("工作情况报告：由 weibao 根据数据仓库汇总（截至2026年6月25日），供办公室审阅，不是正式公文")
    assert paras[1].split("\n") == ["未成年人保护工作情况报告", "（截至2026年6月25日）"]  # broken between words
    body = "\n".join(paras[2:])
    assert not re.search(r"WB\d{3}|--|\d{4}-\d{2}-\d{2}|HEAD|db-2026|文件$", body), body
    assert "领导小组会议：召开1次。" in body and "自比较的起点以来：人员变更1项" in body
    assert "旗教体局联络员：（未登记）→样例联络员" in body


def _rebuild(ops: list) -> tuple[str, str]:
    before = "".join(t for k, t in ops if k in "=-")
    after = "".join(t for k, t in ops if k in "=+")
    return before, after


def test_text_diff_of_long_texts_is_exact_where_it_can_be_and_whole_where_it_cannot():
    """A 200,000-character text with 200 edits is diffed sentence by sentence, then character by character inside
    the changed sentences; two unrelated long texts of repeated short sentences are one replacement (the character
    diff of them cost minutes: issue 21)."""
    import random

    from weibao.exchange.history import diff as history_diff

    rng = random.Random(7)
    chars = [chr(0x4E00 + rng.randrange(2000)) for _ in range(200_000)]
    for i in range(0, len(chars), 40):
        chars[i] = "。"
    a = "".join(chars)
    edited = list(chars)
    spots = sorted(rng.sample(range(1, len(chars), 40), 200))
    for i in spots:
        edited[i + 5] = "变"
    b = "".join(edited)
    ops = history_diff.text_diff(a, b, context=10**9)["ops"]
    assert _rebuild(ops) == (a, b)
    assert sum(1 for k, t in ops if k == "+" and t == "变") == 200  # each edit is one character, not a sentence

    x = "".join(rng.choice("甲乙。") for _ in range(200_000))
    y = "".join(rng.choice("甲乙。") for _ in range(200_000))
    ops = history_diff.text_diff(x, y, context=10**9)["ops"]
    assert _rebuild(ops) == (x, y)
    assert len(ops) <= 4  # common head and tail, then one deletion and one insertion


def test_a_version_that_cannot_be_read_is_one_line_not_a_rename_or_a_hang(history_repo: Path):
    """A unit file with a YAML error showed as "改名：旗公安分局 → None"; an oversized one was loaded whole from git; a
    FIFO in the working tree hung diff (issue 21).  Each is now the one line "文件无法读取", with the unit's last name."""
    repo = history_repo
    edit(repo, "data/units/gongan.yaml", "name: 旗公安分局", "name: [旗公安分局")
    commit(repo, "写错了")
    p = repo / "data/units/jiaoti.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "# " + "甲" * 2_000_000 + "\n", encoding="utf-8")  # 6 MB > 5 MB
    commit(repo, "误放大文件")
    os.mkfifo(repo / "data/units/fifo.yaml")
    r = cli(repo, "diff", "HEAD~2", "HEAD")
    assert r.exit_code == 1, r.output
    # the error itself, as validate words it (issue 25: the git diff driver showed "改名：旗妇联 → None")
    said = next(x for x in cli(repo, "validate").stdout.splitlines() if x.startswith("data/units/gongan.yaml:"))  # …:8:10: 错误[WB101] …
    line, col = said.split(":")[1:3]
    assert said.endswith("错误[WB101] YAML 语法错误：方括号列表没有正确闭合")
    assert f"成员单位 gongan（旗公安分局）：修改\n  文件无法读取：第 {line} 行第 {col} 列 [WB101] YAML 语法错误：方括号列表没有正确闭合\n" in r.stdout
    assert "成员单位 jiaoti（旗教体局）：修改\n  文件无法读取：文件过大或不是普通文件，没有读取\n" in r.stdout and "→ None" not in r.stdout
    assert "成员单位 fifo：新增\n  文件无法读取" in cli(repo, "diff").stdout
    h = cli(repo, "history", "jiaoti").stdout
    assert "误放大文件  （修改）\n    文件无法读取：文件过大或不是普通文件，没有读取\n" in h, h
