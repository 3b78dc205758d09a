"""A full disk and a read-only folder, for real (a small tmpfs): every command says so in Chinese, exits 2, and leaves
the repository as it was — never an internal error, never a false success.  Needs permission to mount (skipped
otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import COPY_IGNORE, tree
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def _mount(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    try:
        return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.fixture
def disk(tmp_path: Path, small_template: Path):
    where = Path("/tmp") / f"weibao-disk-{uuid.uuid4().hex[:8]}"  # outside pytest's tmp_path: unmounted before its cleanup
    if not _mount(where, "4m"):
        where.rmdir()
        pytest.skip("不能挂载 tmpfs（需要 root 权限）")
    try:
        repo = where / "repo"
        shutil.copytree(small_template, repo, ignore=COPY_IGNORE)
        yield where, repo
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)
        shutil.rmtree(where, ignore_errors=True)


def fill(where: Path) -> None:
    """Fill the file system to the last byte."""
    fd = os.open(where / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for chunk in (65536, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(fd)


COMMANDS = [
    ["case", "log", "db-2026-1", "样例进展", "--date", "2026-06-01"],
    ["case", "new", "--kind", "督办", "--lead", "gongan", "--subject", "样例事由", "--date", "2026-06-01"],
    ["decision", "progress", "2026-03-15-director-1", "样例进展", "--date", "2026-06-01"],
    ["meeting", "new", "--type", "主任办公会", "--date", "2026-06-01"],
    ["doc", "new", "--type", "通知", "--prefix", "某未保办发", "--date", "2026-06-01"],
    ["new", "research", "--date", "2026-06-01"],
    ["learn", "样例问题：学校门口有人卖烟给孩子", "--lead", "gongan"],
]


def test_full_disk(disk):
    where, repo = disk
    out = where / "out"
    out.mkdir()
    before = tree(repo)
    fill(where)
    for args in COMMANDS:
        r = runner.invoke(app, ["--repo", str(repo), *args])
        assert r.exit_code == 2 and "磁盘空间已满" in r.output and "内部错误" not in r.output, (args, r.output)
    for args, target in ((["export", "--format", "sqlite", "--out", str(out / "w.db")], out / "w.db"),
                         (["export", "--format", "json", "--out", str(out / "w.json")], out / "w.json"),
                         (["schema", "--out", str(out / "schemas")], out / "schemas" / "case.schema.json"),
                         (["render", "--template", "register", "--out", str(out / "r.md")], out / "r.md")):
        r = runner.invoke(app, ["--repo", str(repo), *args])
        assert r.exit_code == 2 and "磁盘空间已满" in r.output and "已写入" not in r.output and "内部错误" not in r.output, (args, r.output)
        assert not target.exists()
    (where / "filler").unlink()
    assert tree(repo) == before
    assert not [p for p in where.rglob("*") if p.name.endswith(".tmp")]


def test_read_only(disk):
    where, repo = disk
    before = tree(repo)
    assert subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True).returncode == 0
    for args in COMMANDS + [["fmt"], ["export", "--format", "sqlite", "--out", str(where / "w.db")]]:
        r = runner.invoke(app, ["--repo", str(repo), *args])
        assert r.exit_code == 2 and "只读" in r.output and "内部错误" not in r.output, (args, r.output)
    r = runner.invoke(app, ["--repo", str(repo), "validate"])
    assert r.exit_code == 0  # read-only commands work: the caches are simply not written
    assert tree(repo) == before
    os.sync()
