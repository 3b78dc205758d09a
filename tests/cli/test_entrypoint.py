"""The real console entry point (python -m weibao): usage errors in Chinese, no traceback."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "weibao", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_bad_choice():
    p = run("validate", "--format", "xml")
    assert p.returncode == 2
    assert "'xml' 不是可选值之一" in p.stderr
    assert "Traceback" not in p.stderr


def test_unknown_command_suggests():
    p = run("valdate")
    assert p.returncode == 2
    assert "没有命令“valdate”。是否想用 validate？" in p.stderr


def test_unknown_option_suggests():
    p = run("validate", "--strct")
    assert p.returncode == 2
    assert "没有选项 --strct。是否想用 --strict、--strict-dates？" in p.stderr


def test_outside_repository(tmp_path):
    p = subprocess.run([sys.executable, "-m", "weibao", "validate"], cwd=tmp_path, capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=60)
    assert p.returncode == 2
    assert "没有 weibao 数据仓库" in p.stderr
    assert "Traceback" not in p.stderr


def test_validate_data_exit_zero():
    p = run("validate", "data")
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith("校验通过")
