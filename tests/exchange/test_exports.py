"""Exports: xlsx (openpyxl), csv (BOM), sqlite (foreign keys, joins), ics (stable UIDs, reminders), --public."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT, add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
EX = ROOT / "examples"


@pytest.fixture
def full(repo: Path) -> Path:
    return add_samples(repo)


def export(repo: Path, *args: str):
    r = runner.invoke(app, ["--repo", str(repo), "export", *args])
    assert r.exit_code == 0, r.output
    return r


def test_xlsx(full: Path, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "w.xlsx"
    export(full, "--format", "xlsx", "--out", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["成员单位职责", "会议", "议定事项", "督办事项", "文件登记", "收文登记"]
    ws = wb["成员单位职责"]
    assert [c.value for c in ws[1]] == ["单位", "单位id", "排序", "职责编号", "职责原文", "角色", "主题"]
    assert ws.freeze_panes == "A2" and ws.max_row == 124
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[3] == "gongan-1")
    assert row[:4] == ("旗公安局", "gongan", 7, "gongan-1") and row[4].startswith("确定专门机构或者指定专门人员")
    assert ws.column_dimensions["E"].width == 80 and ws["E2"].alignment.wrap_text
    d = wb["议定事项"]
    first = [c.value for c in d[2]]
    assert first[0] == "2026-03-15-director-1" and first[2] == dt.datetime(2026, 3, 15) and d["C2"].number_format == "yyyy-mm-dd"
    assert [r[0] for r in wb["督办事项"].iter_rows(min_row=2, values_only=True)] == ["db-2026-5", "db-2026-3", "db-2026-2", "db-2026-1", "db-2026-4"]
    assert [r[1] for r in wb["文件登记"].iter_rows(min_row=2, values_only=True)] == ["奈政办字〔2022〕40号"]


def test_csv(full: Path, tmp_path: Path):
    export(full, "--format", "csv", "--out", str(tmp_path / "csv"))
    raw = (tmp_path / "csv" / "督办事项.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["编号", "类别", "级别", "事由", "来源", "牵头单位", "配合单位", "立案日期", "整改时限", "是否延期", "状态"]
    assert ["db-2026-2", "督办", "挂牌督办", "某苏木一名小学生疑似遭受家庭暴力的处置", "强制报告", "旗公安局", "旗民政局、旗妇联",
            "2026-03-10", "2026-06-15", "是", "待核验"] in rows
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(["成员单位职责.csv", "会议.csv", "议定事项.csv", "督办事项.csv", "文件登记.csv",
                                                                                "收文登记.csv"])


def test_sqlite(full: Path, tmp_path: Path):
    db = tmp_path / "w.db"
    export(full, "--format", "sqlite", "--out", str(db))
    con = sqlite3.connect(db)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("units", "duties", "meetings", "decisions", "cases", "case_log")}
    assert counts == {"units": 29, "duties": 123, "meetings": 4, "decisions": 4, "cases": 5, "case_log": 14}
    rows = con.execute("SELECT c.id, u.name FROM cases c JOIN units u ON u.id = c.lead_unit WHERE c.level = '挂牌督办'").fetchall()
    assert rows == [("db-2026-2", "旗公安局")]
    joined = con.execute("SELECT u.name, count(*) FROM case_units cu JOIN units u ON u.id = cu.unit_id GROUP BY u.name ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    assert joined == ("旗公安局", 4)  # lead of db-2026-2 and -5, support of -1 and -3
    assert con.execute("PRAGMA foreign_key_list(duties)").fetchall()[0][2] == "units"
    assert con.execute("SELECT count(*) FROM case_log WHERE text IS NOT NULL").fetchone()[0] == 14
    export(full, "--format", "sqlite", "--out", str(db), "--public")
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM case_log WHERE text IS NOT NULL").fetchone()[0] == 0


def test_sqlite_in_datasette_and_sqlite_utils(repo: Path, tmp_path: Path):
    """Every record kind has its table, every list of units or topics a link table with a primary key, every
    foreign-key column an index (issue 25: topics were a comma string; research, notifications, areas and annual
    reports had no table) — read with sqlite-utils and served by datasette, faceted on units."""
    import asyncio

    import sqlite_utils
    from datasette.app import Datasette

    add_samples(repo, year=True)
    db = tmp_path / "w.db"
    export(repo, "--format", "sqlite", "--out", str(db))
    d = sqlite_utils.Database(db)
    assert set(d.table_names()) >= {"topics", "duty_topics", "research", "research_units", "notifications", "areas", "annual_plans",
                                    "plan_items", "plan_item_units", "unit_reports", "area_reports"}
    for table in d.tables:
        assert table.pks != ["rowid"], f"{table.name} has no primary key"
        indexed = {i.columns[0] for i in table.indexes} | {table.pks[0]}  # a column an index (or the key) begins with
        for fk in table.foreign_keys:
            assert fk.column in indexed, f"{table.name}.{fk.column} has no index"
    assert {(fk.column, fk.other_table) for fk in d["duty_topics"].foreign_keys} == {("duty_id", "duties"), ("topic_id", "topics")}
    assert d.execute("SELECT count(*) FROM duty_topics dt JOIN topics t ON t.id = dt.topic_id").fetchone()[0] == 310
    assert d.execute("SELECT t.name FROM research_units r JOIN units t ON t.id = r.unit_id WHERE r.research_id = 'dy-2026-1' ORDER BY 1").fetchall() \
        == [("旗妇联",), ("旗教体局",), ("旗民政局",)]
    assert d.execute("SELECT chair_position, chair_title FROM meetings WHERE id = '2026-05-10-topic'").fetchone() == ("deputy", "副主任")

    async def facet() -> dict:
        response = await Datasette([str(db)]).client.get("/w/decision_units.json?_facet=unit_id&_shape=objects")
        assert response.status_code == 200
        return response.json()

    doc = asyncio.run(facet())
    facets = doc["facet_results"]
    results = (facets.get("results") or facets)["unit_id"]["results"]
    assert results[0]["value"] == "minzheng" and results[0]["label"] == "旗民政局" and results[0]["count"] == 3


def test_received_register_in_every_table(repo: Path, tmp_path: Path):
    """规则七: the 收文 register (documents member units submit) is in the xlsx, csv and sqlite exports, its steps'
    notes (批示 texts) left out of --public."""
    from openpyxl import load_workbook

    add_samples(repo, year=True)
    export(repo, "--format", "xlsx", "--out", str(tmp_path / "w.xlsx"))
    ws = load_workbook(tmp_path / "w.xlsx")["收文登记"]
    assert [c.value for c in ws[1]] == ["收文id", "报送单位", "来文字号", "标题", "收文日期", "办理时限", "办理情况", "办结日期"]
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        ("sw-2026-1", "旗教体局", "奈教体发〔2026〕8号", "关于校园周边环境联合检查情况的报告（样例）", dt.datetime(2026, 7, 3), dt.datetime(2026, 7, 31),
         "已办结", dt.datetime(2026, 7, 20))]
    export(repo, "--format", "csv", "--out", str(tmp_path / "csv"))
    rows = list(csv.reader((tmp_path / "csv" / "收文登记.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == ["sw-2026-1", "旗教体局", "奈教体发〔2026〕8号", "关于校园周边环境联合检查情况的报告（样例）", "2026-07-03", "2026-07-31", "已办结", "2026-07-20"]
    db = tmp_path / "w.db"
    export(repo, "--format", "sqlite", "--out", str(db))
    con = sqlite3.connect(db)
    assert con.execute("SELECT r.id, u.name, r.done_on FROM received r JOIN units u ON u.id = r.from_unit").fetchall() == [
        ("sw-2026-1", "旗教体局", "2026-07-20")]
    assert con.execute("SELECT seq, action, to_whom FROM received_steps ORDER BY seq").fetchall() == [(1, "呈批", "director"), (2, "批示", None), (3, "办结", None)]
    assert con.execute("SELECT count(*) FROM received_steps WHERE note IS NOT NULL").fetchone()[0] == 2
    assert con.execute("PRAGMA foreign_key_list(received_steps)").fetchall()[0][2] == "received"
    export(repo, "--format", "sqlite", "--out", str(db), "--public")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM received_steps WHERE note IS NOT NULL").fetchone()[0] == 0


def test_exports_refuse_invalid_data_and_need_out(full: Path):
    r = runner.invoke(app, ["--repo", str(full), "export", "--format", "xlsx"])
    assert r.exit_code == 2 and "--out" in r.output
    (full / "data/units/gongan.yaml").write_text("id: gongan\n", encoding="utf-8")
    r = runner.invoke(app, ["--repo", str(full), "export", "--format", "ics"])
    assert r.exit_code == 1 and "WB203" in r.output


def test_xlsx_same_bytes_when_written_again_later(full: Path, tmp_path: Path):
    """openpyxl stamps the zip entries and the document's modified time with the time of saving: both are pinned."""
    import time

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export(full, "--format", "xlsx", "--out", str(a))
    time.sleep(2.1)  # zip times are kept to two seconds
    export(full, "--format", "xlsx", "--out", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_xlsx_text_that_looks_like_a_formula_is_text_in_libreoffice(repo: Path, tmp_path: Path):
    """The data's text is shown as it is and never run: a string cell, no apostrophe (issue 25); LibreOffice Calc, the
    real reader, keeps =HYPERLINK(…) and -2+3 as text (an apostrophe used to show in every such cell)."""
    import shutil
    import subprocess

    from openpyxl import load_workbook

    for subject in ('=HYPERLINK("http://example.invalid","点此")', "-2+3", "+1 某镇样例"):
        r = runner.invoke(app, ["--repo", str(repo), "case", "new", "--kind", "督办", "--lead", "公安", "--subject", subject, "--date", "2026-06-01"])
        assert r.exit_code == 0, r.output
    out = tmp_path / "w.xlsx"
    export(repo, "--format", "xlsx", "--out", str(out))
    cells = [c for c in load_workbook(out)["督办事项"]["D"][1:]]
    assert [(c.value, c.data_type) for c in cells] == [('=HYPERLINK("http://example.invalid","点此")', "s"), ("-2+3", "s"), ("+1 某镇样例", "s")]
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", str(tmp_path / "lo-out"), str(out)],
                   check=True, capture_output=True, timeout=300)
    rows = list(csv.reader((tmp_path / "lo-out" / "w-督办事项.csv").read_text(encoding="utf-8").splitlines()))
    assert [row[3] for row in rows[1:]] == ['=HYPERLINK("http://example.invalid","点此")', "-2+3", "+1 某镇样例"]
