"""weibao fmt: canonical form, comments kept, --check read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.canonical import format_text
from weibao.core.yamlread import parse_text
from weibao.model import Unit

register()
runner = CliRunner()

MESSY = """\
# 头部注释：样例文件（测试用）
name: "旗样例局"   # 行尾注释
id: yangli
duties:
- text: '第一条职责，配合有关部门做好工作。'
  id: yangli-1   # 条目注释
  role: support
  role_basis: "配合"
# 两条之间的注释
- id: yangli-2
  text: "这是一条比较长的职责文本，长度超过了三十个字符，因此应当以块格式书写，便于审阅差异。"
order: 1
kind: 政府部门
full_name: 奈曼旗样例局
office_member: ~
"""


def test_canonical_order_and_comments_kept():
    out = format_text(MESSY, Unit)
    for comment in ("# 头部注释：样例文件（测试用）", "# 行尾注释", "# 条目注释", "# 两条之间的注释"):
        assert comment in out
    assert parse_text(out).data == parse_text(MESSY).data
    keys = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert keys == ["id", "name", "full_name", "order", "kind", "duties", "office_member"]
    assert "  - id: yangli-1 # 条目注释\n    text: 第一条职责，配合有关部门做好工作。\n" in out
    assert "    text: |-\n      这是一条比较长的职责文本" in out
    assert "office_member: null\n" in out
    assert format_text(out, Unit) == out  # idempotent


def test_bundled_data_is_canonical():
    from conftest import ROOT

    r = runner.invoke(app, ["--repo", str(ROOT), "fmt", "--check", str(ROOT / "data")])
    assert r.exit_code == 0, r.output


def test_check_lists_and_does_not_write(repo: Path):
    target = repo / "data/units/gongan.yaml"
    text = target.read_text(encoding="utf-8").replace("order: 7\n", "").replace("id: gongan\n", "id: gongan\norder: 7\n")
    messy = text.replace("name: 旗公安局", 'name: "旗公安局"')
    target.write_text(messy, encoding="utf-8")
    r = runner.invoke(app, ["--repo", str(repo), "fmt", "--check"])
    assert r.exit_code == 1
    assert "需要整理：data/units/gongan.yaml" in r.stdout
    assert target.read_text(encoding="utf-8") == messy
    r = runner.invoke(app, ["--repo", str(repo), "fmt", str(target)])
    assert r.exit_code == 0, r.output
    assert "已整理：data/units/gongan.yaml" in r.stdout
    fixed = target.read_text(encoding="utf-8")
    assert 'name: 旗公安局\nfull_name: 奈曼旗公安局\norder: 7\n' in fixed
    assert fixed.split("\n", 1)[1].startswith("# 成员单位：旗公安局\n")  # after the schema modeline
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    r = runner.invoke(app, ["--repo", str(repo), "fmt", "--check"])
    assert r.exit_code == 0


def test_fmt_refuses_broken_yaml(repo: Path):
    target = repo / "data/units/gongan.yaml"
    target.write_text("id: gongan\nname: [未闭合\n", encoding="utf-8")
    r = runner.invoke(app, ["--repo", str(repo), "fmt"])
    assert r.exit_code == 1
    assert "data/units/gongan.yaml:3:1: 错误[WB101]" in r.stderr
    assert target.read_text(encoding="utf-8") == "id: gongan\nname: [未闭合\n"


def test_fmt_unknown_path_is_usage_error(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "fmt", str(repo / "nope.yaml")])
    assert r.exit_code == 2
    assert "路径不存在" in r.stderr


def test_fmt_output_passes_the_shipped_yamllint_configuration(tmp_path: Path):
    """Issue 25: with the examples copied in, three lines of a plan file broke yamllint.  The repository ships
    .yamllint.yaml; fmt lays out a written {…} too long for one line as a block, and its output passes yamllint."""
    import shutil
    import subprocess
    import sys

    pytest.importorskip("yamllint")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data", ignore=shutil.ignore_patterns("samples-*"))
    shutil.copytree(ROOT / "examples" / "year" / "data", repo / "data", dirs_exist_ok=True)
    plan = repo / "data/annual/2026/plan.yaml"
    long_item = ("  - {id: t9, text: 开展样例工作, lead: [minzheng, jiaoti, gongan, fulian, sifa, weijian], support: [wenlv, shichang], "
                 "target: 2026-12-31}\n")
    plan.write_text(plan.read_text(encoding="utf-8").replace("report_due:", long_item.rstrip("\n") + "\nreport_due:"), encoding="utf-8")
    lint = [sys.executable, "-m", "yamllint", "-s", "-c", str(ROOT / ".yamllint.yaml"), str(repo / "data")]
    before = subprocess.run(lint, capture_output=True, text=True)
    assert before.returncode != 0 and "line too long" in before.stdout
    r = runner.invoke(app, ["--repo", str(repo), "fmt"])
    assert r.exit_code == 0, r.output
    text = plan.read_text(encoding="utf-8")
    assert "  - id: t9\n    text: 开展样例工作\n    lead: [minzheng, jiaoti, gongan, fulian, sifa, weijian]\n" in text
    assert "  - {id: t1, text: 推动各苏木乡镇（场、街道）建立未成年人保护工作协调机制, lead: [minzheng], target: 2026-06-30}\n" in text  # short: kept
    after = subprocess.run(lint, capture_output=True, text=True)
    assert after.returncode == 0, after.stdout
