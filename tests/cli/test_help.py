"""Every command's help is Chinese and carries an example; usage errors are Chinese, whoever runs the command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
COMMANDS = ["validate", "export", "fmt", "codes", "who", "unit", "matrix"]


def _commands(cmd=None, path=()):
    """Every visible command, walked from the root group (not a hand-kept list)."""
    cmd = cmd or typer.main.get_command(app)
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        if not sub.hidden:
            yield " ".join((*path, name)), sub
            yield from _commands(sub, (*path, name))


ALL = [(path, c) for path, c in _commands() if not getattr(c, "commands", None)]


@pytest.mark.parametrize("path,cmd", ALL, ids=[p for p, _c in ALL])
def test_every_command_has_chinese_help_with_an_example(path: str, cmd):
    text = cmd.help or ""
    assert "示例" in text, f"weibao {path} 的帮助没有示例"
    assert f"weibao {path.split()[0]}" in text
    assert re.search(r"[\u4e00-\u9fff]", text)
    for p in cmd.params:
        if getattr(p, "help", None):
            assert re.search(r"[\u4e00-\u9fff]", p.help), f"weibao {path} {p.name} 的帮助不是中文"


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
    assert r.output == ("weibao：--format / -f 的值无效：'xml' 不是可选值之一（可选：'text', 'json', 'github', 'gitlab'）。\n"
                        "提示：用 weibao validate --help 查看用法。\n")


ERRORS = [
    (["validate", "--format", "xml"], 2, "不是可选值之一"),
    (["valdate"], 2, "没有命令“valdate”。是否想用 validate？"),
    (["validate", "--strct"], 2, "没有选项 --strct。"),
    (["who"], 2, "缺少参数 问题。"),
    (["case", "log", "db-2026-1"], 2, "缺少参数 进展。"),
    (["decisions", "--as-of", "2026-13-01"], 2, "日期“2026-13-01”格式不对"),
    (["case", "list", "--due-within", "x"], 2, "--due-within"),
    (["--repo", "/no/such/folder", "validate"], 2, "路径不存在：/no/such/folder"),
    (["codes", "WB999"], 2, "没有诊断编号 WB999。"),
    (["doc", "new", "--type", "通告", "--prefix", "无此代字"], 2, "没有在 data/weibao.yaml 的 document_prefixes 中登记"),
]


@pytest.mark.parametrize("args,code,text", ERRORS, ids=[" ".join(a) for a, _c, _t in ERRORS])
def test_one_error_boundary_for_cliRunner_and_the_installed_command(args: list[str], code: int, text: str):
    """The root group is the one place errors become messages: a test's CliRunner and the real `weibao` print the
    same Chinese text with the same exit code, and no English or traceback."""
    from conftest import ROOT

    r = runner.invoke(app, args)
    p = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (r.exit_code, p.returncode) == (code, code), (r.output, p.stderr)
    assert text in p.stderr
    assert r.output == p.stdout + p.stderr
    for english in ("Traceback", "Error:", "Usage:", "Try '", "No such", "Invalid value", "Missing"):
        assert english not in p.stderr


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
