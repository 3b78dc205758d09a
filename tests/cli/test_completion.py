"""Tab completion of values (issue 25): unit names, case, meeting and decision ids, states and meeting types, in bash,
zsh and fish — through the same protocol the scripts `weibao --show-completion` prints use (the shell sets the
environment variables below and reads the answers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import add_samples


@pytest.fixture
def office(repo: Path) -> Path:
    return add_samples(repo)


def complete(repo: Path, shell: str, words: str) -> list[str]:
    env = dict(os.environ, _WEIBAO_COMPLETE=f"complete_{shell}", WEIBAO_REPO=str(repo), _TYPER_COMPLETE_ARGS=words,
               COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
               _TYPER_COMPLETE_FISH_ACTION="get-args")
    r = subprocess.run([sys.executable, "-m", "weibao"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return [line for line in r.stdout.splitlines() if line]


def test_bash(office: Path):
    assert complete(office, "bash", "weibao case show db-2026-") == ["db-2026-1", "db-2026-2", "db-2026-3", "db-2026-4", "db-2026-5"]
    assert complete(office, "bash", "weibao decision done 2026-03") == ["2026-03-15-director-1", "2026-03-15-director-2"]
    assert complete(office, "bash", "weibao case move db-2026-1 整") == ["整改中"]
    assert complete(office, "bash", "weibao meeting show 2026-06") == ["2026-06-20-members"]
    assert complete(office, "bash", "weibao case list --unit 民") == ["民政局"]
    assert complete(office, "bash", "weibao case list --state 待") == ["待核验"]


def test_zsh_with_descriptions(office: Path):
    assert complete(office, "zsh", "weibao case list --unit 公安") == ["_arguments '*: :((\"公安局\":\"旗公安局\"))'"]
    out = complete(office, "zsh", "weibao meeting new --type 主任")
    assert out == ["_arguments '*: :((\"主任办公会\":\"会议类型\"))'"]


def test_fish_with_descriptions(office: Path):
    assert complete(office, "fish", "weibao meeting list --type 专") == ["专题工作会议\t会议类型"]
    assert complete(office, "fish", "weibao case log db-2026-2") == ["db-2026-2\t某苏木一名小学生疑似遭受家庭暴力的处置"]
    assert complete(office, "fish", "weibao unit gongan") == ["gongan\t旗公安局"]


def test_no_repository_offers_nothing_and_does_not_fail(tmp_path: Path):
    env_repo = tmp_path / "nothing"
    env_repo.mkdir()
    assert complete(env_repo, "bash", "weibao case show db-") == []


def test_the_scripts_name_the_protocol():
    """The script each shell installs calls weibao with the variables the tests above set."""
    for shell, marker in (("bash", "COMP_WORDS"), ("zsh", "_TYPER_COMPLETE_ARGS"), ("fish", "_TYPER_COMPLETE_ARGS")):
        env = dict(os.environ, _WEIBAO_COMPLETE=f"source_{shell}")
        r = subprocess.run([sys.executable, "-m", "weibao"], env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and marker in r.stdout and "_WEIBAO_COMPLETE" in r.stdout, (shell, r.stdout[:300])
