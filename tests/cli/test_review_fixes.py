"""Regression tests for problems found in review: each failed before its fix."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, add_samples, run_validate
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
EX = ROOT / "examples"
MOBILE = "138" + "0" * 8


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


@pytest.fixture
def full(repo: Path) -> Path:
    return add_samples(repo)


def test_decision_texts_are_checked_for_identifying_information(full: Path):
    p = full / "data/meetings/2026/2026-05-10-topic.yaml"
    before = p.read_bytes()
    r = cli(full, "decision", "progress", "2026-05-10-topic-1", f"联系家长{MOBILE}", "--date", "2026-06-10")
    assert r.exit_code == 2 and "手机号码" in r.output
    r = cli(full, "decision", "done", "2026-05-10-topic-1", "--date", "2026-06-10", "--note", "学生王小明已返校")
    assert r.exit_code == 2 and "说明中有姓名（王…，第 3 个字起）" in r.output and "王小明" not in r.output
    r = cli(full, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", "某事（样例）", "--region", f"电话{MOBILE}")
    assert r.exit_code == 2 and "地区中有手机号码" in r.output
    assert p.read_bytes() == before


def test_full_width_and_spaced_numbers_are_found(full: Path):
    p = full / "data/cases/2026/db-2026-4.yaml"
    wide = "".join(chr(ord(c) + 0xFEE0) for c in MOBILE)  # full-width digits, as a Chinese IME types them
    p.write_text(p.read_text(encoding="utf-8") + f"# 家长 {wide}\n# 家长 138　0000　0000\n", encoding="utf-8")
    assert [d.code for d in run_validate(full)] == ["WB902", "WB902"]


def test_spreadsheet_formulas_are_neutralised(full: Path, tmp_path: Path):
    from openpyxl import load_workbook

    r = cli(full, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", '=HYPERLINK("http://example.invalid","点此")', "--date", "2026-06-01")
    assert r.exit_code == 0, r.output
    out = tmp_path / "x.xlsx"
    assert cli(full, "export", "--format", "xlsx", "--out", str(out)).exit_code == 0
    cell = next(c for c in load_workbook(out)["督办事项"]["D"] if str(c.value).endswith('"点此")'))
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://example.invalid","点此")'  # a string cell, no apostrophe shown
    import zipfile

    sheet = next(n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/worksheets/sheet4"))
    assert b"<f>" not in zipfile.ZipFile(out).read(sheet)  # no formula element anywhere in the sheet
    assert cli(full, "export", "--format", "csv", "--out", str(tmp_path / "csv")).exit_code == 0
    assert "'=HYPERLINK" in (tmp_path / "csv" / "督办事项.csv").read_text(encoding="utf-8-sig")


def test_import_reads_docx_tables_keeps_bracket_punctuation_and_date_led_duties(tmp_path: Path):
    import docx

    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    d = docx.Document()
    d.add_paragraph("职责如下：")
    d.add_paragraph("一、县教育局")
    d.add_paragraph("2023年6月1日前完成校园安全排查。负责学校安全工作。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "县公安局"
    t.cell(0, 1).text = "打击侵害未成年人的违法犯罪。"
    d.add_paragraph("1. 加强留守儿童关爱保护（县妇联牵头，县团委配合）。")
    src = tmp_path / "x.docx"
    d.save(str(src))
    r = runner.invoke(app, ["--repo", str(target), "import-duties", str(src), "--format", "json", "--dry-run"])
    doc = json.loads(r.stdout)
    got = {rec["name"]: [x["text"] for x in rec["duties"]] for rec in doc["records"]}
    assert got == {
        "县教育局": ["2023年6月1日前完成校园安全排查。", "负责学校安全工作。"],
        "县公安局": ["打击侵害未成年人的违法犯罪。"],
        "县妇联": ["加强留守儿童关爱保护。"],
        "县团委": ["加强留守儿童关爱保护。"],
    }
    assert doc["skipped"] == [] and doc["source_chars"] == doc["imported_chars"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _commit(repo: Path, msg: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", msg)


def test_diff_survives_malformed_lists_and_tags(full: Path):
    _git(full, "init", "-q")
    _commit(full, "start")
    p = full / "data/cases/2026/db-2026-4.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "extensions: [x]\nregion: !!binary aGVsbG8=\n", encoding="utf-8")
    r = cli(full, "diff", "--format", "json")
    assert r.exit_code == 1 and "内部错误" not in r.output
    (entry,) = json.loads(r.stdout)["changes"]
    assert entry["id"] == "db-2026-4"


def test_history_of_a_unit_is_not_its_annual_report(full: Path):
    _git(full, "init", "-q")
    _commit(full, "start")
    annual = full / "data/annual/2026/units"
    annual.mkdir(parents=True)
    (annual / "gongan.yaml").write_text("unit: gongan\nyear: 2026\nsubmitted_on: 2027-01-05\nsummary: [样例]\n", encoding="utf-8")
    _commit(full, "annual report")
    commits = json.loads(cli(full, "history", "gongan", "--format", "json").stdout)["commits"]
    assert [(c["message"], c["path"]) for c in commits] == [("start", "data/units/gongan.yaml")]


def test_edits_of_crlf_files_and_yaml11_words(full: Path):
    p = full / "data/cases/2026/db-2026-1.yaml"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))
    r = cli(full, "case", "log", "db-2026-1", "yes", "--date", "2026-05-10")
    assert r.exit_code == 0, r.output
    raw = p.read_bytes()
    assert b"\r" not in raw and b'text: "yes"' in raw
    assert run_validate(full) == []


def test_control_characters_in_data_are_refused_before_any_document(full: Path, tmp_path: Path):
    """A "\\v" escape in a 纪要 paragraph used to be dropped silently in the DOCX; since issue 21 data text with a
    control character is an error (WB013) with file, line and code point, and nothing is rendered."""
    p = full / "data/meetings/2026/2026-03-15-director.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    - |-\n      会议传达", '    - "第一段\\v第二段"\n    - |-\n      会议传达'), encoding="utf-8")
    r = cli(full, "render", "2026-03-15-director", "--format", "docx", "--out", str(tmp_path / "m.docx"))
    assert r.exit_code == 1 and "WB013" in r.output and "U+000B" in r.output and "前面是“第一段”" in r.output
    assert not (tmp_path / "m.docx").exists()


def test_self_including_template_and_output_paths(full: Path, tmp_path: Path):
    (full / "templates").mkdir()
    (full / "templates" / "loop.md.j2").write_text('{% include "loop.md.j2" %}\n', encoding="utf-8")
    r = cli(full, "render", "--template", "loop")
    assert r.exit_code == 1 and "无限递归" in r.output
    d = tmp_path / "adir"
    d.mkdir()
    for args in (["export", "--format", "sqlite", "--out", str(d)], ["export", "--format", "xlsx", "--out", str(d)],
                 ["render", "--template", "register", "--out", str(d)]):
        r = cli(full, *args)
        assert r.exit_code == 2 and "是一个目录" in r.output, args
    f = tmp_path / "afile.xlsx"
    f.write_text("x", encoding="utf-8")
    r = cli(full, "export", "--format", "csv", "--out", str(f))
    assert r.exit_code == 2 and "应是目录" in r.output
    assert [x.name for x in tmp_path.iterdir() if x.name.startswith(".")] == []


def test_notification_numbers_share_the_register(full: Path):
    shutil.copytree(EX / "year" / "data", full / "data", dirs_exist_ok=True)
    n = full / "data/notifications/2026/tb-2026-1.yaml"
    n.write_text(n.read_text(encoding="utf-8") + "number: 奈未保办发〔2026〕1号\n", encoding="utf-8")
    r = cli(full, "doc", "new", "--type", "通知", "--prefix", "奈未保办发", "--date", "2026-10-01")
    assert "奈未保办发〔2026〕2号" in r.output
    n.write_text(n.read_text(encoding="utf-8").replace("〔2026〕1号", "[2026]1号"), encoding="utf-8")
    assert "WB601" in {d.code for d in run_validate(full)}


def test_init_host_ids_and_a_fully_pruned_glossary(tmp_path: Path):
    target = tmp_path / "k"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县", "--office-host", "县妇联"]).exit_code == 0
    src = tmp_path / "d.txt"
    src.write_text("一、县妇联\n负责妇女儿童权益保护工作。\n二、县民政局\n负责未成年人保护工作协调机制建设。\n", encoding="utf-8")
    assert runner.invoke(app, ["--repo", str(target), "import-duties", str(src)]).exit_code == 0
    assert run_validate(target) == []  # host_unit fulian exists; the emptied glossary still parses
    for region, host in (("a: b县", None), ("某某县", "!!"), ("某某县", " ")):
        args = ["init", str(tmp_path / "x"), "--region", region] + (["--office-host", host] if host else [])
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and "内部错误" not in r.output, args


def test_odd_input_gives_chinese_messages(full: Path, tmp_path: Path):
    r = cli(full, "case", "new", "--kind", "督办", "--lead", "公安", "--subject", " ")
    assert r.exit_code == 2 and "事由不能为空" in r.output
    r = cli(full, "annual", "status", "0")
    assert r.exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = cli(full, "render", "zhengban-2022-40", "--format", "md", "--out", str(blocker / "x.md"))
    assert r.exit_code == 2 and "无法写入" in r.output and "内部错误" not in r.output
    rep = tmp_path / "rep"
    rep.mkdir()
    (rep / "report.json").write_text("[]", encoding="utf-8")
    assert cli(full, "report", "--as-of", "2026-06-30", "--out", str(rep)).exit_code == 0
    r = cli(full, "textconv", str(tmp_path))
    assert r.exit_code == 2 and "这里应是一个文件，实际上是一个目录" in r.output


def test_scaffolds_pass_fmt_check(full: Path):
    for what in ("research", "study", "notification", "annual-plan"):
        assert cli(full, "new", what, "--date", "2026-04-01").exit_code == 0
    assert cli(full, "fmt", "--check").exit_code == 0
