"""weibao roster (issue 23, 规则四（六））: the office members and liaisons of every unit, a row for every slot."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()

PEOPLE = """office_member:
  id: gongan-member
  name: 样例成员
  unit: gongan
  post: 副局长
  phone: "0475-0000001"
  since: 2026-01-05
  filed_on: 2026-01-06
liaison:
  id: gongan-liaison
  name: 样例联络员
  unit: gongan
  post: 办公室主任
  phone: "0475-0000002"
  since: 2026-03-01
  filed_on: 2026-03-02
"""


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def with_people(repo: Path, phone: str = '"0475-0000001"') -> Path:
    unit = repo / "data/units/gongan.yaml"
    text = unit.read_text(encoding="utf-8").replace("office_member: null\nliaison: null\n", PEOPLE.replace('"0475-0000001"', phone))
    unit.write_text(text, encoding="utf-8")
    return repo


def test_roster_lists_every_slot_and_who_fills_it(repo: Path):
    with_people(repo)
    r = cli(repo, "roster")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "办公室成员和联络员（2 人已登记，56 个未登记）："
    assert "  旗公安局 办公室成员：样例成员，副局长，办公电话 0475-0000001，2026-01-05 起" in lines
    assert "  旗公安局 联络员：样例联络员，办公室主任，办公电话 0475-0000002，2026-03-01 起" in lines
    assert "  旗委宣传部 联络员：（未登记；由本单位函告备案后填写）" in lines
    rows = list(csv.reader(io.StringIO(cli(repo, "roster", "--unit", "公安", "--format", "csv").stdout.lstrip("\ufeff"))))
    assert rows == [["序号", "成员单位", "身份", "姓名", "职务", "办公电话", "任职日期", "函告备案日期"],
                    ["7", "旗公安局", "办公室成员", "样例成员", "副局长", "0475-0000001", "2026-01-05", "2026-01-06"],
                    ["7", "旗公安局", "联络员", "样例联络员", "办公室主任", "0475-0000002", "2026-03-01", "2026-03-02"]]
    doc = json.loads(cli(repo, "roster", "--unit", "教体局", "--format", "json").stdout)
    assert [(x["unit"], x["role"], x["name"]) for x in doc] == [("jiaoti", "办公室成员", None), ("jiaoti", "联络员", None)]


def test_roster_as_a_printable_workbook(repo: Path, tmp_path: Path):
    from openpyxl import load_workbook

    with_people(repo)
    out = tmp_path / "名册.xlsx"
    assert cli(repo, "roster", "--out", str(out)).exit_code == 0
    ws = load_workbook(out).active
    assert ws.title == "办公室成员和联络员" and ws.print_title_rows == "$1:$1"
    assert [c.value for c in ws[1]][:4] == ["序号", "成员单位", "身份", "姓名"] and ws.max_row == 59
    first = out.read_bytes()
    time.sleep(2.1)  # zip entries carry a time to two seconds: written again later, still the same bytes
    assert cli(repo, "roster", "--out", str(out)).exit_code == 0 and out.read_bytes() == first  # the same bytes each time


def test_a_mobile_number_is_refused_not_listed(repo: Path):
    with_people(repo, phone='"13900001234"')
    r = cli(repo, "roster")
    assert r.exit_code == 1 and "WB902" in r.output and "13900001234" not in r.output


def test_roster_as_a_word_table_to_print(repo: Path, tmp_path: Path):
    """The roster as a Word table: landscape A4, title, a note of what it holds, the header row repeated on every
    page, rows that never split, 第 X 页 共 Y 页; the same bytes each time; read back by python-docx and printed by
    LibreOffice (its PDF text carries the rows and the page count)."""
    import shutil
    import subprocess

    import pytest
    from docx import Document
    from docx.oxml.ns import qn
    from pdfminer.high_level import extract_text

    with_people(repo)
    out = tmp_path / "名册.docx"
    r = cli(repo, "roster", "--out", str(out))
    assert r.exit_code == 0, r.output
    doc = Document(str(out))
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height  # landscape
    assert doc.paragraphs[0].text == "奈曼旗未成年人保护工作领导小组成员单位办公室成员和联络员名册"
    assert doc.paragraphs[1].text.startswith("共 29 个成员单位，已登记 2 人，未登记 56 个")
    table = doc.tables[0]
    assert len(table.rows) == 59
    assert [c.text for c in table.rows[0].cells] == ["序号", "成员单位", "身份", "姓名", "职务", "办公电话", "任职日期", "函告备案日期"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    police = [[c.text for c in row.cells] for row in table.rows if row.cells[1].text == "旗公安局"]
    assert police == [["7", "旗公安局", "办公室成员", "样例成员", "副局长", "0475-0000001", "2026-01-05", "2026-01-06"],
                      ["7", "旗公安局", "联络员", "样例联络员", "办公室主任", "0475-0000002", "2026-03-01", "2026-03-02"]]
    first = out.read_bytes()
    assert cli(repo, "roster", "--out", str(out)).exit_code == 0 and out.read_bytes() == first
    one = tmp_path / "一个单位.docx"
    assert cli(repo, "roster", "--unit", "公安", "--out", str(one)).exit_code == 0 and len(Document(str(one)).tables[0].rows) == 3
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    text = "".join(extract_text(str(tmp_path / "名册.pdf")).split())  # pdfminer breaks lines between glyph runs
    assert "样例联络员" in text and "第1页共2页" in text and "第2页共2页" in text
    assert text.count("函告备案日期") == 2  # the header row on each page


def test_roster_refuses_another_file_kind(repo: Path, tmp_path: Path):
    out = tmp_path / "名册.txt"
    r = cli(repo, "roster", "--out", str(out))
    assert r.exit_code == 2 and "名册只能写成 .xlsx（Excel）或 .docx（Word）文件" in r.output and not out.exists()
