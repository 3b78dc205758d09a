"""import-duties from the forms duty divisions are published in (issue 22).

Every fixture is made here from the bundled duty texts, re-laid out for a fictional county (某某县; the 旗 of each
unit's name becomes 县): plain text in three encodings, Markdown, a text copied from a web page, a saved web page
(prose and table), Word (bold headings and a table), traditional characters, and — through LibreOffice, when it is
installed — a PDF with page numbers and a running header, and an old .doc.  None is a copy of a real document's
layout.  Each import must give every unit and every duty sentence in order, leave text outside the duty part
reported (never imported), and leave a repository that validates.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
ORDERS = (1, 4, 6, 7, 8, 21, 23, 25, 27)  # a sample of units: party, 人大, government, court, 团县委, 残联 …
PREAMBLE = ["某某县人民政府办公室关于印发《某某县未成年人保护工作领导小组成员单位职责分工》的通知（样例）",
            "各苏木乡镇人民政府，县直各有关单位：",
            "为深入贯彻落实《中华人民共和国未成年人保护法》，经县人民政府同意，现将各成员单位工作职责明确如下（样例）："]
CLOSING = ["某某县人民政府办公室", "2026年5月10日", "（此件公开发布）"]
NUMERALS = "一二三四五六七八九十"


def units() -> list[tuple[str, list[str]]]:
    found = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data/units").glob("*.yaml")), key=lambda u: u["order"])
    return [(u["name"].replace("旗", "县"), [d["text"] for d in u["duties"]]) for u in found if u["order"] in ORDERS]


def layout(form: str) -> list[str]:
    lines = list(PREAMBLE)
    for i, (name, duties) in enumerate(units()):
        body = "".join(duties)
        heading = {"一、": f"{NUMERALS[i]}、{name}", "（一）": f"（{NUMERALS[i]}）{name}", "1.": f"{i + 1}. {name}", "：": f"{name}：",
                   "md": f"## {name}"}.get(form)
        if form == "。":  # heading and the first duty on one line
            lines.append(f"{NUMERALS[i]}、{name}。{body}")
        else:
            lines += [heading, body] if heading else []
    return lines + CLOSING


def expected() -> list[tuple[str, list[str]]]:
    return units()


def check(tmp_path: Path, source: Path, *texts_reported: str) -> str:
    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    r = runner.invoke(app, ["--repo", str(target), "import-duties", str(source)])
    assert r.exit_code == 0, r.output
    got = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (target / "data/units").glob("*.yaml")), key=lambda u: u["order"])
    assert [u["name"] for u in got] == [n for n, _d in expected()], r.output
    for u, (name, duties) in zip(got, expected()):
        assert [d["text"] for d in u["duties"]] == duties, name
    for text in texts_reported:
        assert text in r.output, (text, r.output)
    v = runner.invoke(app, ["--repo", str(target), "validate"])
    assert v.exit_code == 0, v.output
    return r.output


@pytest.mark.parametrize("form, encoding", [("一、", "utf-8"), ("（一）", "gb18030"), ("1.", "utf-16"), ("：", "utf-8"), ("。", "utf-8-sig"),
                                            ("md", "utf-8")])
def test_text_layouts_and_encodings(tmp_path: Path, form: str, encoding: str):
    src = tmp_path / ("职责分工.md" if form == "md" else "职责分工.txt")
    src.write_bytes("\n".join(layout(form)).encode(encoding))
    out = check(tmp_path, src, "在第一个单位之前（标题、主送、前言、网页导航等）", "标题下没有职责（例如落款的发文机关）", "（此件公开发布）")
    assert ("文件是 UTF-16 编码" in out) == (encoding == "utf-16") and ("文件是 GB18030 编码" in out) == (encoding == "gb18030")


def test_several_units_under_one_heading(tmp_path: Path):
    (a, da), (b, db) = units()[:2]
    src = tmp_path / "two.txt"
    src.write_text(f"一、{a}、{b}。{''.join(da)}\n二、{units()[4][0]}\n{''.join(units()[4][1])}\n", encoding="utf-8")
    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    r = runner.invoke(app, ["--repo", str(target), "import-duties", str(src), "--dry-run", "--format", "json"])
    import json

    doc = json.loads(r.stdout)
    assert [(x["name"], [d["text"] for d in x["duties"]]) for x in doc["records"]] == [(a, da), (b, da), (units()[4][0], units()[4][1])]


def test_text_copied_from_a_web_page(tmp_path: Path):
    lines = ["首页 > 政务公开 > 通知公告", "2026-05-10 10:00 来源：县政府办公室（样例）", "字号：大 中 小", "分享：", ""]
    for name, duties in units():
        lines += [f"{name}：", "", "".join(duties), ""]
    lines += ["", "【打印本页】【关闭窗口】", "版权所有：某某县人民政府（样例） 网站标识码：0000000000", "某ICP备00000000号"]
    src = tmp_path / "网页复制.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    check(tmp_path, src, "首页 > 政务公开 > 通知公告", "版权所有")


def test_traditional_characters_are_made_simplified(tmp_path: Path):
    from opencc import OpenCC

    src = tmp_path / "繁體.txt"
    src.write_text(OpenCC("s2t").convert("\n".join(layout("一、"))), encoding="utf-8")
    out = check(tmp_path, src)
    assert "原文含繁体字，已转换为简体" in out


def page(body: str) -> str:
    """A saved government web page (invented): navigation, header, a script and a footer around the article."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某县人民政府（样例）</title>
<script>var menu = "县公安局：负责首页导航";</script><style>p {{ margin: 0 }}</style></head><body>
<div class="header"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div id="nav"><ul><li>县教育局</li><li>县民政局</li><li>办事服务</li></ul></div>
<div class="main-box"><h1>{html.escape(PREAMBLE[0])}</h1>
<div class="info">发布时间：2026-05-10　字号：<a>大</a> <a>中</a> <a>小</a>　分享：</div>
<div class="TRS_Editor">{body}</div></div>
<div class="footer">版权所有：某某县人民政府（样例）　网站标识码：0000000000　某ICP备00000000号</div>
</body></html>"""


def test_a_saved_web_page(tmp_path: Path):
    parts = [f"<p>{html.escape(x)}</p>" for x in PREAMBLE[1:]]
    for i, (name, duties) in enumerate(units()):
        parts.append(f"<p><strong>{NUMERALS[i]}、{html.escape(name)}</strong></p><p>{html.escape(''.join(duties))}</p>")
    parts += [f"<p style='text-align:right'>{html.escape(x)}</p>" for x in CLOSING]
    src = tmp_path / "page.html"
    src.write_text(page("\n".join(parts)), encoding="utf-8")
    out = check(tmp_path, src, "网页：只读取正文部分")
    assert "首页导航" not in out and "办事服务" not in out


def test_a_web_page_with_a_table(tmp_path: Path):
    rows = "".join(f"<tr><td>{i + 1}</td><td>{html.escape(n)}</td><td>{''.join(f'<p>{html.escape(d)}</p>' for d in ds)}</td></tr>"
                   for i, (n, ds) in enumerate(units()))
    src = tmp_path / "table.htm"
    src.write_text(page(f"<table><tr><th>序号</th><th>成员单位</th><th>工作职责</th></tr>{rows}</table>"), encoding="utf-8")
    check(tmp_path, src)


def word(path: Path, table: bool = False, footer: bool = False) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    for x in PREAMBLE:
        d.add_paragraph(x)
    if table:
        t = d.add_table(rows=1, cols=3)
        for c, text in zip(t.rows[0].cells, ("序号", "成员单位", "工作职责")):
            c.text = text
        for i, (name, duties) in enumerate(units()):
            row = t.add_row().cells
            row[0].text, row[1].text = str(i + 1), name
            row[2].text = duties[0]
            for x in duties[1:]:
                row[2].add_paragraph(x)
    else:
        for name, duties in units():  # headings set bold, with no number and no colon
            d.add_paragraph().add_run(name).bold = True
            d.add_paragraph("".join(duties))
    for x in CLOSING:
        d.add_paragraph(x)
    if footer:
        section = d.sections[0]
        section.header.paragraphs[0].text = "某某县人民政府办公室文件（样例）"
        p = section.footer.paragraphs[0]
        p.add_run("— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        field.append(r)
        p._p.append(field)
        p.add_run(" —")
    d.save(path)
    return path


def test_word_with_bold_headings(tmp_path: Path):
    check(tmp_path, word(tmp_path / "职责分工.docx"))


def test_word_with_a_table(tmp_path: Path):
    check(tmp_path, word(tmp_path / "职责分工表.docx", table=True))


def soffice(tmp_path: Path, src: Path, to: str) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", to, "--outdir", str(tmp_path / "out"), str(src)],
                   check=True, capture_output=True, timeout=300)
    return tmp_path / "out" / f"{src.stem}.{to}"


def test_a_pdf_with_page_numbers_and_a_running_header(tmp_path: Path):
    pdf = soffice(tmp_path, word(tmp_path / "职责分工.docx", footer=True), "pdf")
    out = check(tmp_path, pdf, "PDF：读取文字层")
    assert "某某县人民政府办公室文件（样例）" not in out.split("不属于任何单位")[0]


def test_an_old_word_file_through_libreoffice(tmp_path: Path):
    doc = soffice(tmp_path, word(tmp_path / "职责分工.docx"), "doc")
    check(tmp_path, doc, ".doc 文件已经 LibreOffice 转换为 .docx 后读取")


def test_a_bold_label_inside_a_unit_is_not_a_unit(tmp_path: Path):
    """A bold "主要职责：" under a unit heading is a label, not a unit: it and the duties after it stay with the unit,
    verbatim (a bold paragraph is taken as a heading only when it could name a unit the suffix list does not know, such
    as 县红领巾理事会)."""
    import docx

    d = docx.Document()
    d.add_paragraph().add_run("一、县民政局").bold = True
    d.add_paragraph().add_run("主要职责：").bold = True
    d.add_paragraph("负责困境儿童保障工作（样例）。")
    d.add_paragraph().add_run("县红领巾理事会").bold = True
    d.add_paragraph("负责少先队校外活动阵地建设（样例）。")
    src = tmp_path / "labels.docx"
    d.save(src)
    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    r = runner.invoke(app, ["--repo", str(target), "import-duties", str(src), "--dry-run", "--format", "json"])
    import json

    doc = json.loads(r.stdout)
    assert [(x["name"], [d["text"] for d in x["duties"]]) for x in doc["records"]] == [
        ("县民政局", ["主要职责：", "负责困境儿童保障工作（样例）。"]), ("县红领巾理事会", ["负责少先队校外活动阵地建设（样例）。"])]
