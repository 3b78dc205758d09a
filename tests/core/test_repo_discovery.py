"""Finding the data repository: PATH, --repo, WEIBAO_REPO, upward search; exit 2 outside."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.repository import find_repository
from weibao.errors import RepositoryNotFound

register()
runner = CliRunner()


def test_upward_from_subfolder(repo: Path, monkeypatch):
    monkeypatch.delenv("WEIBAO_REPO", raising=False)
    assert find_repository(cwd=repo / "data" / "units").root == repo.resolve()


def test_path_may_name_data_folder(repo: Path):
    assert find_repository(str(repo / "data")).root == repo.resolve()


def test_env_variable(repo: Path, monkeypatch, tmp_path):
    monkeypatch.setenv("WEIBAO_REPO", str(repo))
    assert find_repository(cwd=tmp_path).root == repo.resolve()


def test_repo_option_beats_env(repo: Path, monkeypatch, tmp_path):
    monkeypatch.setenv("WEIBAO_REPO", str(tmp_path))
    assert find_repository(None, str(repo)).root == repo.resolve()


def test_outside_any_repository(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("WEIBAO_REPO", raising=False)
    with pytest.raises(RepositoryNotFound):
        find_repository(cwd=tmp_path)
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["validate"])
    assert r.exit_code == 2
    assert "没有 weibao 数据仓库" in r.stderr
    assert "Traceback" not in r.output


def test_not_a_repository_path(tmp_path: Path):
    r = runner.invoke(app, ["validate", str(tmp_path)])
    assert r.exit_code == 2
    assert "不是 weibao 数据仓库" in r.stderr


def test_missing_path(tmp_path: Path):
    r = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert r.exit_code == 2
    assert "路径不存在" in r.stderr


def test_cli_repo_option(repo: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["--repo", str(repo), "validate"])
    assert r.exit_code == 0, r.output
