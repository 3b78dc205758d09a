"""weibao privacy scan [--history]: a secret committed once and deleted later is still found in the history, with
the commit that brought it, masked; the steps to purge it and to report it are printed; exit 1 when found.

The phone number and the name are invented samples."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
PHONE = "139 0000 5678"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=样例作者", "-c", "user.email=sample@example.org", "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD").strip()


def scan(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), "privacy", "scan", *args])


def test_a_secret_deleted_from_the_files_is_still_found_in_the_history(small_repo: Path):
    git(small_repo, "init", "-q")
    commit(small_repo, "初始")
    note = small_repo / "data" / "cases" / "记录.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(f"# 走访记录（样例）\n\n家长电话{PHONE}，学生王芳芳被打。\n", encoding="utf-8")
    brought = commit(small_repo, "加了一条记录")
    note.unlink()
    commit(small_repo, "删掉记录")

    now = scan(small_repo)
    assert now.exit_code == 0 and now.stdout.startswith("没有发现可识别未成年人的信息（检查了"), now.stdout

    r = scan(small_repo, "--history")
    assert r.exit_code == 1
    lines = r.stdout.split("\n")
    assert lines[0].startswith("发现 2 处可识别未成年人的信息，在 1 个文件中（检查了")
    assert f"  data/cases/记录.md:3:5: WB902 手机号码（139…78）  提交 {brought[:10]}（" in r.stdout
    assert f"  data/cases/记录.md:3:21: WB903 姓名（王…）  提交 {brought[:10]}（" in r.stdout
    assert "git filter-repo --invert-paths --path 'data/cases/记录.md'" in r.stdout
    assert "git push --force --all" in r.stdout and "个人信息保护法" in r.stdout
    assert PHONE not in r.stdout and PHONE.replace(" ", "") not in r.stdout and "王芳芳" not in r.stdout

    doc = json.loads(scan(small_repo, "--history", "--format", "json").stdout)
    assert doc["found"] == 2 and doc["paths"] == ["data/cases/记录.md"] and doc["history"] is True
    assert [(h["code"], h["line"], h["column"], h["masked"], h["commits"][0]["commit"]) for h in doc["hits"]] == [
        ("WB902", 3, 5, "139…78", brought), ("WB903", 3, 21, "王…", brought)]
    assert doc["steps"][-1].startswith("报告：")

    # only the folders asked for
    assert scan(small_repo, "--history", "data/units").exit_code == 0


def test_marked_lines_are_counted_not_reported(small_repo: Path):
    git(small_repo, "init", "-q")
    (small_repo / "data" / "说明.md").write_text("学生张三丰的武侠小说  # weibao: 非个人信息（小说人物）\n", encoding="utf-8")
    commit(small_repo, "说明")
    r = scan(small_repo, "--history")
    assert r.exit_code == 0 and "1 行标为非个人信息" in r.stdout


def test_history_outside_git_is_a_clear_error(small_repo: Path):
    r = scan(small_repo, "--history")
    assert r.exit_code == 2 and "不在 git 仓库中" in r.stderr


def test_diff_never_repeats_what_it_would_flag(small_repo: Path):
    git(small_repo, "init", "-q")
    commit(small_repo, "初始")
    p = small_repo / "data" / "units" / "gongan.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("full_name:", "note: 学生王芳芳的家长来电（样例）\nfull_name:", 1), encoding="utf-8")
    for fmt in ("text", "md", "json"):
        r = runner.invoke(app, ["--repo", str(small_repo), "diff", "--format", fmt])
        assert r.exit_code == 1 and "王芳芳" not in r.stdout, (fmt, r.stdout)
        assert "学生某某的家长来电（样例）" in r.stdout, (fmt, r.stdout)
