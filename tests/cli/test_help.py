"""Every command's help is Chinese and carries an example."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
COMMANDS = ["validate", "export", "fmt", "codes", "who", "unit", "matrix"]


def test_root_help():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    assert "未成年人保护" in r.stdout and "示例" in r.stdout
    for c in COMMANDS:
        assert c in r.stdout


@pytest.mark.parametrize("cmd", COMMANDS)
def test_command_help(cmd):
    r = runner.invoke(app, [cmd, "--help"])
    assert r.exit_code == 0
    assert "示例" in r.stdout
    assert f"weibao {cmd}" in r.stdout
    assert re.search(r"[\u4e00-\u9fff]", r.stdout)


def test_usage_error_in_chinese():
    r = runner.invoke(app, ["validate", "--format", "xml"])
    assert r.exit_code == 2


def test_codes_listing():
    from weibao.diagnostics import CODES

    r = runner.invoke(app, ["codes"])
    assert r.exit_code == 0
    assert f"共 {len(CODES)} 个编号" in r.stdout
    r = runner.invoke(app, ["codes", "wb203"])
    assert "缺少必填字段" in r.stdout
    r = runner.invoke(app, ["codes", "WB999"])
    assert r.exit_code == 2


def test_diagnostics_doc_is_current():
    from conftest import ROOT

    from weibao.diagnostics import codes_markdown

    assert (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8") == codes_markdown(), "运行 weibao codes --markdown > docs/diagnostics.md"


def test_cli_reference_is_current():
    from conftest import ROOT

    from weibao.cli.reference import markdown

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == markdown(), "docs/cli.md 过时了：运行 python -m weibao.cli.reference > docs/cli.md"
    for cmd in ("## weibao validate", "## weibao case new", "## weibao export", "## weibao report", "## weibao import-duties"):
        assert cmd in doc
