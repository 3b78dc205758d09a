"""The pre-commit hooks as documented (issue 25): the documented `rev: v0.1.0` failed (no such tag).  The hooks of
this repository installed with `pre-commit try-repo`, the configuration of docs/review.md run with a commit hash,
and the local hook `weibao init` writes — each run by pre-commit itself on a data repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def pre_commit(cwd: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("pre_commit")
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def data_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "county"
    shutil.copytree(ROOT / "data", repo / "data", ignore=shutil.ignore_patterns("samples-*"))
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=样例", "-c", "user.email=s@example.invalid", "commit", "-qm", "样例"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    return repo


def this_commit() -> str:
    r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("the weibao checkout is not a git repository")
    return r.stdout.strip()


def test_try_repo_and_the_documented_configuration(tmp_path: Path):
    rev = this_commit()
    repo = data_repo(tmp_path)
    home = tmp_path / "pre-commit-home"
    r = pre_commit(repo, "try-repo", str(ROOT), "weibao-validate", "--all-files", home=home)
    assert r.returncode == 0 and re.search(r"weibao validate.*Passed", r.stdout), r.stdout + r.stderr
    documented = re.search(r"```yaml\n(repos:.*?)```", (ROOT / "docs/review.md").read_text(encoding="utf-8"), re.S)
    assert documented, "docs/review.md has no pre-commit configuration"
    config = re.sub(r"repo: \S+", f"repo: {ROOT}", documented.group(1))
    config = re.sub(r"rev: \S+", f"rev: {rev}", config)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    r = pre_commit(repo, "run", "--all-files", home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"weibao validate.*Passed", r.stdout) and re.search(r"weibao fmt.*Passed", r.stdout)
    packages = [p for p in home.glob("*/py_env-*/lib/python*/site-packages")]
    assert packages, sorted(home.rglob("py_env-*"))
    installed = {p.name.lower() for p in packages[0].iterdir()}
    assert "weibao" in installed, sorted(installed)
    assert not installed & {"numpy", "pdfminer", "scipy", "sklearn"}  # the optional extra "all"
    size = sum(f.stat().st_size for f in packages[0].parent.parent.parent.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"pre-commit hook environment: {size / 1e6:.0f} MB")  # 183 MB with numpy and pdfminer.six, 71 MB without
    unit = repo / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("order: 7", "order: seven"), encoding="utf-8")
    r = pre_commit(repo, "run", "--all-files", home=home)
    assert r.returncode == 1 and "WB204" in r.stdout  # a broken file stops the commit


def test_the_local_hook_weibao_init_writes(tmp_path: Path):
    from typer.testing import CliRunner

    from weibao.cli.app import app, register

    register()
    target = tmp_path / "某某县"
    assert CliRunner().invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    for args in (["add", "-A"], ["-c", "user.name=样例", "-c", "user.email=s@example.invalid", "commit", "-qm", "新建"]):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True)
    r = pre_commit(target, "run", "--all-files", home=tmp_path / "home")
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"weibao validate.*Passed", r.stdout) and not (tmp_path / "home").joinpath("repo").exists()
