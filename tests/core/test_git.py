"""core/git.py: the one way to git (a subprocess), with one translation of its errors into Chinese."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from weibao.core.git import GitError, GitRepo
from weibao.errors import UsageError


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


def test_outside_git_there_is_no_repository_and_history_says_so(tmp_path: Path):
    assert GitRepo.find(tmp_path) is None
    with pytest.raises(GitError, match="不在 git 仓库中"):
        GitRepo.require(tmp_path)


def test_reading_history(tmp_path: Path):
    GitRepo.init(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "甲.yaml").write_text("id: a\n", encoding="utf-8")
    g = GitRepo.find(tmp_path / "data")
    assert g is not None and g.top == tmp_path.resolve() and g.head() is None and g.names_ever("data") == []
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "一")
    first = g.head()
    (tmp_path / "data" / "甲.yaml").unlink()
    (tmp_path / "data" / "乙.yaml").write_text("id: b\nnumber: 某政办字〔2026〕1号\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "二")
    assert first and g.resolve("HEAD~1") == first and g.rel(tmp_path / "data" / "乙.yaml") == "data/乙.yaml"
    assert sorted(g.names_ever("data")) == ["data/乙.yaml", "data/甲.yaml", "data/甲.yaml"]  # a deleted file keeps its name
    tree = dict((path, sha) for sha, path in g.ls_tree("HEAD", "data"))
    assert list(tree) == ["data/乙.yaml"]
    assert g.blobs({tree["data/乙.yaml"]}) == {tree["data/乙.yaml"]: "id: b\nnumber: 某政办字〔2026〕1号\n".encode()}
    assert "+number: 某政办字〔2026〕1号" in g.patches_ever("data")
    assert g.tracked("data") == ["data/乙.yaml"] and not g.ignored("data/乙.yaml")


@pytest.mark.parametrize("rev", ["no-such-branch", "--output=/tmp/x", "HEAD~99"])
def test_a_bad_revision_is_a_chinese_usage_error(tmp_path: Path, rev: str):
    GitRepo.init(tmp_path)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "一")
    with pytest.raises(UsageError, match=f"git 中没有“{rev}”这个版本"):
        GitRepo(tmp_path.resolve()).resolve(rev)


def test_without_git_installed(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the PATH
    assert GitRepo.find(tmp_path) is None  # callers fall back to the files on disk
    with pytest.raises(GitError, match="没有找到 git 程序"):
        GitRepo.require(tmp_path)
