"""Every command that writes goes through the write transaction: driven into a change that would not validate,
it exits 1 with the coded diagnostics and changes no byte of the repository (compared file by file).

Where a command's result cannot fail validation (a new yearly plan from its template, ``fmt``, which never changes
a value, ``init``), the test drives it into the other refusal the transaction has — the file already exists, the
disk is full — and checks the same: a Chinese message, exit 2, no byte changed."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import SMALL_DUTIES, fail_nth_write, tree
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()

EXTENSION_EARLIER = """extensions:
  - date: 2026-04-05
    to: 2026-06-01
    reason: 样例（延期反而提前）
    approved_by: director
"""


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def add(repo: Path, rel: str, text: str) -> None:
    p = repo / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def append(repo: Path, rel: str, text: str) -> None:
    p = repo / rel
    p.write_text(p.read_text(encoding="utf-8") + text, encoding="utf-8")


def meeting_with_id(mid: str) -> str:
    return f"# 样例（虚构）\nid: {mid}\ntype: 领导小组会议\ndate: 2026-02-01\ntitle: 样例会议\nchair:\n  position: leader\n"


CASE = "data/cases/2026/db-2026-1.yaml"

# (command, setup, expected code in the refusal)
REFUSALS = {
    "case new": (["case", "new", "--kind", "督办", "--lead", "公安", "--subject", "样例事由", "--source", "议定事项", "--source-ref", "nope-1",
                  "--date", "2026-06-01"], None, "WB806"),
    "case log": (["case", "log", "db-2026-1", "样例进展", "--date", "2026-06-01"], lambda r: append(r, CASE, EXTENSION_EARLIER), "WB805"),
    "case move": (["case", "move", "db-2026-1", "整改中", "--date", "2026-06-01"], lambda r: append(r, CASE, EXTENSION_EARLIER), "WB805"),
    "case extend": (["case", "extend", "db-2026-1", "--to", "2026-08-31", "--reason", "样例", "--approved-by", "director", "--date", "2026-03-01"],
                    None, "WB805"),
    "case close": (["case", "close", "db-2026-1", "--verified-by", "督查专员", "--result", "样例", "--date", "2026-06-01"],
                   lambda r: append(r, CASE, EXTENSION_EARLIER), "WB805"),
    "decision progress": (["decision", "progress", "2026-03-15-director-1", "样例进展", "--date", "2026-03-01"], None, "WB708"),
    "decision done": (["decision", "done", "2026-03-15-director-2", "--date", "2026-03-01"], None, "WB708"),
    # the new record's id is already used by another record: WB301 (ids are unique in the whole repository)
    "meeting new": (["meeting", "new", "--type", "主任办公会", "--date", "2026-06-01"],
                    lambda r: add(r, "data/documents/2026/x.yaml", "id: 2026-06-01-director\ntype: 纪要\nissuer: 样例机关\ntitle: 样例\ndate: 2026-06-01\n"),
                    "WB301"),
    "doc new": (["doc", "new", "--type", "通知", "--prefix", "某未保办发", "--date", "2026-06-01"],
                lambda r: add(r, "data/meetings/2026/prefix-2-2026-1.yaml", meeting_with_id("prefix-2-2026-1")), "WB301"),
    "new research": (["new", "research", "--date", "2026-06-01"], lambda r: add(r, "data/meetings/2026/dy-2026-1.yaml", meeting_with_id("dy-2026-1")), "WB301"),
    "new study": (["new", "study", "--date", "2026-06-01"], lambda r: add(r, "data/meetings/2026/yj-2026-1.yaml", meeting_with_id("yj-2026-1")), "WB301"),
    "new notification": (["new", "notification", "--date", "2026-06-01"],
                         lambda r: add(r, "data/meetings/2026/tb-2026-1.yaml", meeting_with_id("tb-2026-1")), "WB301"),
    "learn": (["learn", "孩子在学校附近被人欺负", "--lead", "公安"],
              lambda r: add(r, "data/questions/learned.yaml", "questions:\n  - q: 样例问题\n    lead: [no-such-unit]\n"), "WB302"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_a_change_that_would_not_validate_is_refused_and_nothing_written(small_repo: Path, name: str):
    args, setup, code = REFUSALS[name]
    if setup is not None:
        setup(small_repo)
    before = tree(small_repo)
    r = cli(small_repo, *args)
    assert r.exit_code == 1, r.output
    assert "修改后的数据无法通过校验，没有写入任何文件" in r.output and f"[{code}]" in r.output
    assert "Traceback" not in r.output
    assert tree(small_repo) == before


def test_import_duties_that_would_leave_an_invalid_repository_writes_nothing(tmp_path: Path):
    target = tmp_path / "county"
    r = runner.invoke(app, ["init", str(target), "--region", "某某县", "--office-host", "妇儿工委", "--prefix", "某政办字"])
    assert r.exit_code == 0, r.output
    src = tmp_path / "duties.txt"
    src.write_text(SMALL_DUTIES, encoding="utf-8")  # the office sits in 妇儿工委, which this division does not list
    before = tree(target)
    r = cli(target, "import-duties", str(src))
    assert r.exit_code == 2 and "承办单位（未保办设在的单位）是“fuergongwei”" in r.output, r.output
    assert f"例如：weibao import-duties {src} --office-host 县民政局" in r.output.replace("\n", "")
    assert tree(target) == before
    r = cli(target, "import-duties", str(src), "--office-host", "县民政局")  # the command the message gives
    assert r.exit_code == 0 and "承办单位：未保办设在 县民政局（minzheng）" in r.output, r.output
    assert cli(target, "validate").exit_code == 0


def test_import_duties_with_unplaced_lines_writes_nothing(small_repo: Path, tmp_path: Path):
    """A line inside a task list that no bracket assigns would be lost: the import stops and writes nothing."""
    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    src = tmp_path / "odd.txt"
    src.write_text("1. 做好困境儿童保障。（县民政局负责）\n这一段话不属于任何任务。\n2. 做好控辍保学。（县教育局负责）\n", encoding="utf-8")
    before = tree(target)
    r = cli(target, "import-duties", str(src))
    assert r.exit_code == 1 and "没有写入任何文件" in r.output and "第 2 行没有归入任何单位：这一段话不属于任何任务。" in r.output, r.output
    assert tree(target) == before


def test_new_annual_plan_refuses_to_overwrite(small_repo: Path):
    assert cli(small_repo, "new", "annual-plan", "--date", "2027-01-01").exit_code == 0
    before = tree(small_repo)
    r = cli(small_repo, "new", "annual-plan", "--date", "2027-03-01")
    assert r.exit_code == 2 and "已经存在，没有覆盖" in r.output
    assert tree(small_repo) == before


def test_fmt_is_all_or_none_on_a_full_disk(small_repo: Path, monkeypatch):
    for rel in ("data/units/gongan.yaml", "data/units/jiaoyu.yaml"):  # two files out of canonical layout
        p = small_repo / rel
        p.write_text(p.read_text(encoding="utf-8").replace("\nduties:", "\n\nduties:"), encoding="utf-8")
    before = tree(small_repo)
    monkeypatch.setenv("WEIBAO_CACHE", "0")  # count the data files' writes only (no cache files)
    fail_nth_write(monkeypatch, 2, errno.ENOSPC)
    r = cli(small_repo, "fmt")
    monkeypatch.undo()
    assert r.exit_code == 2 and "磁盘空间已满" in r.output and "没有写入任何文件" in r.output, r.output
    assert tree(small_repo) == before
    assert cli(small_repo, "fmt").exit_code == 0 and cli(small_repo, "fmt", "--check").exit_code == 0


def test_init_is_all_or_none(tmp_path: Path):
    target = tmp_path / "county"
    target.mkdir()
    (target / "data").write_text("一个挡路的文件\n", encoding="utf-8")  # data/ cannot be created
    before = tree(target)
    r = runner.invoke(app, ["init", str(target), "--region", "某某县", "--force"])
    assert r.exit_code == 2 and "内部错误" not in r.output, r.output
    assert tree(target) == before


@pytest.mark.parametrize("args, out", [(["schema", "--out"], "schemas"), (["export", "--format", "csv", "--out"], "csv")])
def test_multi_file_outputs_are_all_or_none_on_a_full_disk(small_repo: Path, tmp_path: Path, monkeypatch, args, out):
    """schema writes 15 files and a csv export five: a full disk at the third file left two new files and said
    "没有写入任何文件" (issue 21).  Now every file is written aside first, and the message names the file."""
    target = tmp_path / out
    monkeypatch.setenv("WEIBAO_CACHE", "0")
    fail_nth_write(monkeypatch, 3, errno.ENOSPC)
    r = cli(small_repo, *args, str(target))
    monkeypatch.undo()
    assert r.exit_code == 2 and "磁盘空间已满" in r.output and "没有写入任何文件" in r.output, r.output
    assert f"无法写入 {target}" in r.output.replace("\n", "")
    assert not target.exists() or list(target.iterdir()) == []
    assert cli(small_repo, *args, str(target)).exit_code == 0 and len(list(target.iterdir())) >= 5
