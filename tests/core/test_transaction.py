"""The write transaction (core/transaction.py): check before writing, all files or none, stale refusal, exclusive
create, the lock, recovery of a killed writer's journal and temporary files, storage errors in Chinese."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import fail_nth_write

from weibao.core.repository import Repository
from weibao.core.transaction import JOURNAL, Transaction, recover
from weibao.errors import Conflict, InvalidData, StorageError, UsageError


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root except the state folder .weibao/ (caches, the lock), as bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".weibao" not in p.relative_to(root).parts}


def make(tmp_path: Path) -> Repository:
    root = tmp_path / "r"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_text("甲\n", encoding="utf-8")
    (root / "data" / "b.txt").write_text("乙\n", encoding="utf-8")
    return Repository(root)


def ok(_overlay: dict) -> None:
    return None


def change_both(repo: Repository) -> None:
    with Transaction(repo, ok, "测试") as tx:
        tx.write("data/a.txt", "改甲\n")
        tx.write("data/b.txt", "改乙\n")
        tx.commit()


def test_all_files_written_after_the_check(tmp_path: Path):
    repo = make(tmp_path)
    seen = {}

    def check(overlay: dict) -> None:
        seen.update(overlay)

    with Transaction(repo, check, "测试") as tx:
        assert tx.read("data/a.txt") == "甲\n"
        tx.write("data/a.txt", "甲2\n")
        tx.create("data/new/c.txt", "丙\n")
        assert tx.commit() == ["data/a.txt", "data/new/c.txt"]
    assert seen == {"data/a.txt": "甲2\n", "data/new/c.txt": "丙\n"}
    assert tree(repo.root) == {"data/a.txt": "甲2\n".encode(), "data/b.txt": "乙\n".encode(), "data/new/c.txt": "丙\n".encode()}
    assert not (repo.root / ".weibao" / JOURNAL).exists()


def test_a_refused_check_writes_nothing(tmp_path: Path):
    repo = make(tmp_path)
    before = tree(repo.root)

    def refuse(_overlay: dict) -> None:
        raise InvalidData("不通过（测试）")

    with pytest.raises(InvalidData):
        with Transaction(repo, refuse, "测试") as tx:
            tx.write("data/a.txt", "改\n")
            tx.create("data/new/c.txt", "丙\n")
            tx.commit()
    assert tree(repo.root) == before
    assert not (repo.root / "data" / "new").exists()


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path):
    repo = make(tmp_path)
    with pytest.raises(Conflict, match="在读取后被改动过"):
        with Transaction(repo, ok, "测试") as tx:
            tx.read("data/a.txt")
            tx.write("data/a.txt", "我的\n")
            tx.write("data/b.txt", "我的\n")
            (repo.root / "data" / "a.txt").write_text("别人的\n", encoding="utf-8")
            tx.commit()
    assert (repo.root / "data" / "a.txt").read_text(encoding="utf-8") == "别人的\n"
    assert (repo.root / "data" / "b.txt").read_text(encoding="utf-8") == "乙\n"  # all or none


def test_create_is_exclusive(tmp_path: Path):
    repo = make(tmp_path)
    with pytest.raises(Conflict, match="已经存在"):
        with Transaction(repo, ok, "测试") as tx:
            tx.create("data/c.txt", "我的\n")
            (repo.root / "data" / "c.txt").write_text("别人的\n", encoding="utf-8")  # created meanwhile
            tx.commit()
    assert (repo.root / "data" / "c.txt").read_text(encoding="utf-8") == "别人的\n"
    with Transaction(repo, ok, "测试") as tx:
        with pytest.raises(Conflict):
            tx.create("data/a.txt", "x\n")


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_storage_errors_leave_everything_and_say_so_in_chinese(tmp_path: Path, monkeypatch, err: int):
    repo = make(tmp_path)
    before = tree(repo.root)
    fail_nth_write(monkeypatch, 2, err)  # the second file: the first temporary file is already complete
    with pytest.raises(StorageError) as info:
        change_both(repo)
    monkeypatch.undo()
    assert tree(repo.root) == before
    assert not [p for p in (repo.root / "data").iterdir() if p.name.startswith(".")]
    assert info.value.exit_code == 2
    assert {errno.ENOSPC: "磁盘空间已满", errno.EROFS: "只读", errno.EACCES: "没有权限"}[err] in info.value.message


def test_a_failed_rename_puts_back_what_was_renamed(tmp_path: Path, monkeypatch):
    import weibao.core.transaction as transaction

    repo = make(tmp_path)
    before = tree(repo.root)
    real = transaction.os.replace
    calls = []

    def replace(src: object, dst: object) -> None:
        if str(dst).endswith("b.txt"):
            calls.append(1)
            if len(calls) == 1:
                raise OSError(errno.EIO, "I/O error")
        real(src, dst)

    monkeypatch.setattr(transaction.os, "replace", replace)
    with pytest.raises(StorageError):
        change_both(repo)
    monkeypatch.undo()
    assert tree(repo.root) == before


def _journal(repo: Repository, entries: list[tuple[str, str, bool]]) -> None:
    folder = repo.root / ".weibao"
    folder.mkdir(exist_ok=True)
    (folder / JOURNAL).write_text(json.dumps({"entries": [{"target": t, "temp": tmp, "create": c} for t, tmp, c in entries]}), encoding="utf-8")


def test_recovery_completes_a_journal_killed_halfway(tmp_path: Path):
    repo = make(tmp_path)
    # a writer renamed a.txt already (its temporary file is gone) and was killed before b.txt and the new c.txt
    (repo.root / "data" / "a.txt").write_text("新甲\n", encoding="utf-8")
    (repo.root / "data" / ".b.txt.1234abcd.weibao.tmp").write_text("新乙\n", encoding="utf-8")
    (repo.root / "data" / ".c.txt.1234abcd.weibao.tmp").write_text("新丙\n", encoding="utf-8")
    _journal(repo, [("data/a.txt", "data/.a.txt.1234abcd.weibao.tmp", False), ("data/b.txt", "data/.b.txt.1234abcd.weibao.tmp", False),
                    ("data/c.txt", "data/.c.txt.1234abcd.weibao.tmp", True)])
    recover(repo.root)
    assert tree(repo.root) == {"data/a.txt": "新甲\n".encode(), "data/b.txt": "新乙\n".encode(), "data/c.txt": "新丙\n".encode()}
    assert not (repo.root / ".weibao" / JOURNAL).exists()


def test_recovery_drops_a_journal_whose_renames_had_not_begun(tmp_path: Path):
    repo = make(tmp_path)
    before = tree(repo.root)
    (repo.root / "data" / ".a.txt.1234abcd.weibao.tmp").write_text("新甲\n", encoding="utf-8")
    _journal(repo, [("data/a.txt", "data/.a.txt.1234abcd.weibao.tmp", False)])
    recover(repo.root)  # the command was killed before it changed anything: the change never happened
    assert tree(repo.root) == before


@pytest.mark.parametrize("target, temp", [
    ("../outside.txt", "../.outside.txt.1234abcd.weibao.tmp"),        # a target above the repository
    ("{tmp}/absolute.txt", "{tmp}/.absolute.txt.1234abcd.weibao.tmp"),  # an absolute target
    ("data/a.txt", "data/b.txt"),                                     # a "temporary file" that is a data file
    ("data/a.txt", "data/.b.txt.1234abcd.weibao.tmp"),                # another file's temporary file
    ("data/a.txt", "other/.a.txt.1234abcd.weibao.tmp"),               # not beside its target
])
def test_a_planted_journal_moves_nothing(tmp_path: Path, target: str, temp: str):
    """A journal arrives with a pull request as easily as data: one that weibao could not have written is dropped
    whole, and no file is moved or replaced (issue 21)."""
    repo = make(tmp_path)
    (repo.root / "data" / ".b.txt.1234abcd.weibao.tmp").write_text("乙的新内容\n", encoding="utf-8")
    (repo.root / "other").mkdir()
    (repo.root / "other" / ".a.txt.1234abcd.weibao.tmp").write_text("别处\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("仓库之外\n", encoding="utf-8")
    (tmp_path / ".outside.txt.1234abcd.weibao.tmp").write_text("被替换\n", encoding="utf-8")
    (tmp_path / ".absolute.txt.1234abcd.weibao.tmp").write_text("被替换\n", encoding="utf-8")
    target, temp = target.replace("{tmp}", str(tmp_path)), temp.replace("{tmp}", str(tmp_path))
    before = {k: v for k, v in tree(repo.root).items() if not k.startswith("data/.")}
    _journal(repo, [("data/a.txt", "data/.a.txt.gone0000.weibao.tmp", False), (target, temp, False)])  # "begun"
    recover(repo.root)
    assert {k: v for k, v in tree(repo.root).items() if not k.startswith("data/.")} == before
    assert outside.read_text(encoding="utf-8") == "仓库之外\n" and not (tmp_path / "absolute.txt").exists()
    assert not (repo.root / ".weibao" / JOURNAL).exists()


def test_a_journal_that_is_a_fifo_is_not_waited_on(tmp_path: Path):
    repo = make(tmp_path)
    (repo.root / ".weibao").mkdir(exist_ok=True)
    os.mkfifo(repo.root / ".weibao" / JOURNAL)
    recover(repo.root)  # returns (reading a FIFO would wait for a writer forever)
    assert not os.path.lexists(repo.root / ".weibao" / JOURNAL)


def test_a_state_folder_that_links_elsewhere_is_refused_by_writers(tmp_path: Path):
    repo = make(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(repo.root / ".weibao", ignore_errors=True)
    (repo.root / ".weibao").symlink_to(elsewhere)
    before = tree(repo.root)
    with pytest.raises(UsageError) as info:
        change_both(repo)
    assert "不是普通目录（符号链接）" in info.value.message
    assert list(elsewhere.iterdir()) == [] and tree(repo.root) == before


def test_the_next_transaction_removes_leftover_temporary_files(tmp_path: Path):
    repo = make(tmp_path)
    left = [repo.root / "data" / ".a.txt.0badc0de.weibao.tmp", repo.root / "data" / ".a.txt.k3j2h1g0.tmp",
            repo.root / ".weibao" / "cache" / ".parsed.json.4242.tmp"]
    for p in left:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    keep = repo.root / "data" / ".gitkeep"
    keep.write_text("", encoding="utf-8")
    with Transaction(repo, ok, "测试") as tx:
        tx.commit()
    assert not any(p.exists() for p in left)
    assert keep.exists()


def test_a_second_writer_waits_for_the_lock_and_gives_up_in_chinese(tmp_path: Path, monkeypatch):
    from filelock import FileLock

    repo = make(tmp_path)
    (repo.root / ".weibao").mkdir()
    held = FileLock(str(repo.root / ".weibao" / "write.lock"))
    held.acquire()
    try:
        monkeypatch.setenv("WEIBAO_LOCK_TIMEOUT", "0.2")
        with pytest.raises(Conflict, match="另一个 weibao 命令正在修改"):
            with Transaction(repo, ok, "测试"):
                pass
    finally:
        held.release()


def test_a_read_only_repository_is_a_chinese_storage_error(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    repo = make(tmp_path)
    repo.root.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="无法写入数据仓库"):
            with Transaction(repo, ok, "测试"):
                pass
    finally:
        repo.root.chmod(0o755)
