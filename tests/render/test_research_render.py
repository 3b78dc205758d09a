"""render of a 联合调研 / 专题研究 record (issue 23): the draft of the report the rules ask for (六（一）专题报告,
六（三）工作报告), addressed to the leading group, with the findings as numbered paragraphs."""

from __future__ import annotations

from pathlib import Path

from conftest import add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def test_a_research_record_renders_as_the_draft_of_its_report(repo: Path, tmp_path: Path):
    add_samples(repo, year=True)
    r = runner.invoke(app, ["--repo", str(repo), "render", "yj-2026-1", "--format", "md"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("> 草稿：由专题研究记录 yj-2026-1 生成，请补充、签发后报送奈曼旗未成年人保护工作领导小组\n")
    assert "# 关于临时监护工作衔接机制的工作报告" in r.stdout and "奈曼旗未成年人保护工作领导小组：" in r.stdout
    assert "2026年7月1日至2026年8月15日，旗民政局会同旗公安局、旗人民法院围绕“临时监护工作衔接机制”开展专题研究。" in r.stdout
    assert "（一）公安、民政之间的临时监护交接流程需要细化（样例）。" in r.stdout
    out = tmp_path / "dy.docx"
    r = runner.invoke(app, ["--repo", str(repo), "render", "dy-2026-1", "--format", "docx", "--out", str(out)])
    assert r.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于农村留守儿童关爱服务情况的专题报告" in text and "调研组成员：旗民政局社会福利股负责同志（样例）" in text
