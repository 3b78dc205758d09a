"""Document records: validate rules, doc new / doc list, render to md, txt, html and docx, template errors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import codes, run_validate
from docx.enum.text import WD_TAB_ALIGNMENT
from test_seed_verbatim import seed_units, sentences
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.domain.numbering import heading_level, parse_doc_number, zh_date, zh_number

register()
runner = CliRunner()
FOUNDING = "zhengban-2022-40"


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def write_doc(repo: Path, name: str, text: str, year: str = "2026") -> Path:
    folder = repo / "data" / "documents" / year
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


MINIMAL = """id: {id}
type: {type}
issuer: 奈曼旗未成年人保护工作领导小组办公室
number: {number}
signer: 某某
title: 关于开展联合调研的通知
to: [各成员单位]
body:
  - 现将有关事项通知如下。
date: {date}
"""


def doc(repo: Path, id: str, number: str, type: str = "通知", date: str = "2026-03-01", **extra: str) -> Path:
    text = MINIMAL.format(id=id, type=type, number=number, date=date)
    for k, v in extra.items():
        text = re.sub(rf"^{k}:.*\n", "", text, flags=re.M) + f"{k}: {v}\n"
    return write_doc(repo, f"{id}.yaml", text, date[:4])


# -- numbers, numerals, dates ----------------------------------------------------


@pytest.mark.parametrize("n,zh", [(1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (29, "二十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_zh_number(n, zh):
    assert zh_number(n) == zh
    assert heading_level(f"{zh}、标题")[:2] == (1, n)


def test_zh_date():
    assert zh_date("2022-05-30") == "2022年5月30日"


@pytest.mark.parametrize(
    "text,problem",
    [
        ("奈政办字[2022]40号", "六角括号"),
        ("奈政办字（2022）40号", "六角括号"),
        ("奈政办字〔2022〕第40号", "第"),
        ("奈政办字〔2022〕040号", "虚位"),
        ("奈政办字〔22〕40号", "四位"),
        ("奈政办字〔2022〕40", "号"),
    ],
)
def test_bad_numbers_explained(text, problem):
    got = parse_doc_number(text)
    assert isinstance(got, str) and problem in got


# -- validate ---------------------------------------------------------------------


def test_bundled_founding_notice_validates(repo: Path):
    assert run_validate(repo) == []


def test_wb601_number_format(repo: Path):
    p = doc(repo, "weibaoban-2026-1", "奈未保办发[2026]1号")
    diags = run_validate(repo)
    assert codes(diags) == [("WB601", "data/documents/2026/weibaoban-2026-1.yaml", 4)]
    assert "六角括号" in diags[0].message and p.exists()


def test_wb602_duplicate_and_wb603_gap(repo: Path):
    doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号")
    doc(repo, "weibaoban-2026-1b", "奈未保办发〔2026〕1号")
    doc(repo, "weibaoban-2026-4", "奈未保办发〔2026〕4号")
    diags = run_validate(repo)
    assert codes(diags) == [
        ("WB602", "data/documents/2026/weibaoban-2026-1b.yaml", 4),
        ("WB603", "data/documents/2026/weibaoban-2026-4.yaml", 4),
    ]
    assert "缺少 2、3 号" in diags[1].message


def test_wb604_signer_for_own_and_upward(repo: Path):
    p = doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号")
    p.write_text(p.read_text(encoding="utf-8").replace("signer: 某某\n", ""), encoding="utf-8")
    diags = run_validate(repo)
    assert codes(diags) == [("WB604", "data/documents/2026/weibaoban-2026-1.yaml", 3)]
    assert "主任签发" in diags[0].message


def test_wb605_addressee_and_wb610_one_addressee_for_qingshi(repo: Path):
    p = doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号")
    p.write_text(p.read_text(encoding="utf-8").replace("to: [各成员单位]\n", ""), encoding="utf-8")
    doc(repo, "weibaoban-2026-2", "奈未保办发〔2026〕2号", type="请示", to="[领导小组, 旗政府]")
    assert codes(run_validate(repo)) == [
        ("WB605", "data/documents/2026/weibaoban-2026-1.yaml", 2),
        ("WB610", "data/documents/2026/weibaoban-2026-2.yaml", 10),
    ]


def test_wb606_dates_and_wb607_folder(repo: Path):
    doc(repo, "weibaoban-2026-1", "奈未保办发〔2025〕1号", print_date="2026-02-01")
    text = MINIMAL.format(id="weibaoban-2026-2", type="通知", number="奈未保办发〔2026〕2号", date="2026-03-01")
    write_doc(repo, "weibaoban-2026-2.yaml", text, year="2025")
    assert codes(run_validate(repo)) == [
        ("WB607", "data/documents/2025/weibaoban-2026-2.yaml", 10),
        ("WB606", "data/documents/2026/weibaoban-2026-1.yaml", 4),
        ("WB606", "data/documents/2026/weibaoban-2026-1.yaml", 11),
    ]


def test_wb608_unregistered_prefix(repo: Path):
    doc(repo, "jiaoyu-2026-1", "奈教发〔2026〕1号")
    diags = run_validate(repo)
    assert codes(diags) == [("WB608", "data/documents/2026/jiaoyu-2026-1.yaml", 4)]


def test_wb609_heading_numbers(repo: Path):
    p = doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号")
    text = p.read_text(encoding="utf-8").replace(
        "  - 现将有关事项通知如下。\n",
        "  - 一、总体要求\n  - （一）工作目标。正文。\n  - （三）工作步骤。正文。\n  - 三、保障措施\n",
    )
    p.write_text(text, encoding="utf-8")
    diags = run_validate(repo)
    assert codes(diags) == [("WB609", "data/documents/2026/weibaoban-2026-1.yaml", 11), ("WB609", "data/documents/2026/weibaoban-2026-1.yaml", 12)]
    assert "（三）" in diags[0].message and "三、" in diags[1].message


def test_schema_rejects_unknown_type_and_disclosure(repo: Path):
    doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号", type="公函", disclosure="公开")
    assert [c for c, _, _ in codes(run_validate(repo))] == ["WB205", "WB205"]


# -- doc new / doc list -----------------------------------------------------------


def test_doc_new_allocates_next_numbers(repo: Path):
    r = cli(repo, "doc", "new", "--type", "通知", "--prefix", "奈未保办发", "--date", "2026-12-01", "--title", "关于开展联合调研的通知")
    assert r.exit_code == 0, r.output
    assert "奈未保办发〔2026〕1号" in r.output
    r = cli(repo, "doc", "new", "--type", "函", "--prefix", "weibaoban", "--date", "2026-12-02")
    assert "奈未保办发〔2026〕2号" in r.output
    new = repo / "data" / "documents" / "2026" / "weibaoban-2026-2.yaml"
    assert "number: 奈未保办发〔2026〕2号" in new.read_text(encoding="utf-8")
    # placeholders are warnings until filled; the files are already in canonical format
    diags = run_validate(repo)
    assert {d.code for d in diags} == {"WB611"} and all(d.severity == "warning" for d in diags)
    assert cli(repo, "fmt", "--check").exit_code == 0
    rows = json.loads(cli(repo, "doc", "list", "--year", "2026", "--format", "json").stdout)
    assert [x["number"] for x in rows] == ["奈未保办发〔2026〕1号", "奈未保办发〔2026〕2号"]


def test_doc_new_never_reuses_a_committed_number(repo: Path):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    cli(repo, "doc", "new", "--type", "通知", "--prefix", "weibaoban", "--date", "2026-12-01")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "t"], check=True)
    (repo / "data" / "documents" / "2026" / "weibaoban-2026-1.yaml").unlink()
    r = cli(repo, "doc", "new", "--type", "通知", "--prefix", "weibaoban", "--date", "2026-12-02")
    assert "奈未保办发〔2026〕2号" in r.output


def test_doc_new_bad_input(repo: Path):
    r = cli(repo, "doc", "new", "--type", "公函", "--prefix", "weibaoban")
    assert r.exit_code == 2 and "没有“公函”这个文种" in r.output
    r = cli(repo, "doc", "new", "--type", "通知", "--prefix", "奈教发")
    assert r.exit_code == 2 and "奈政办字（zhengban）" in r.output
    assert not (repo / "data" / "documents" / "2026").exists()


# -- render -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_render_founding_notice_has_every_seed_sentence_in_order(repo: Path, seed_text: str, fmt: str):
    r = cli(repo, "render", FOUNDING, "--format", fmt)
    assert r.exit_code == 0, r.output
    out = r.stdout.replace("\\", "").replace("*", "")  # Markdown escapes and emphasis
    pos = 0
    units = seed_units(seed_text)
    assert len(units) == 29
    for n, (heading, paragraph) in enumerate(units, start=1):
        label = f"{zh_number(n)}、{heading}"
        i = out.find(label, pos)
        assert i >= 0, label
        pos = i + len(label)
        for s in sentences(paragraph):
            i = out.find(s, pos)
            assert i >= 0, (heading, s)
            pos = i + len(s)
    # the office rules: every paragraph of sections 一 to 九, in order
    rules = seed_text.split("办公室工作规则", 2)[2].split("奈曼旗未成年人保护工作领导小组\n\n成员单位职责任务分工")[0]
    pos = 0
    for line in (x.strip() for x in rules.splitlines()):
        if line:
            i = out.find(line, pos)
            assert i >= 0, line
            pos = i + len(line)
    for s in ("奈政办字〔2022〕40号", "2022年5月30日", "（此件公开发布）", "各苏木乡镇人民政府，六号农场管委会，大沁他拉街道办事处，旗直各有关部门："):
        assert s in out


def test_render_html_is_escaped_and_complete(repo: Path):
    r = cli(repo, "render", FOUNDING, "--format", "html")
    assert r.exit_code == 0
    assert r.stdout.startswith("<!DOCTYPE html>")
    assert "size: A4" in r.stdout and "二十九、旗关工委" in r.stdout
    assert "&lt;" not in r.stdout  # nothing to escape in the notice …
    doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号", title="'<script>alert(1)</script>'")
    out = cli(repo, "render", "weibaoban-2026-1", "--format", "html").stdout
    assert "<script>" not in out and "&lt;script&gt;" in out  # … but record text is escaped


def test_render_by_number_and_unknown_id(repo: Path):
    assert cli(repo, "render", "奈政办字〔2022〕40号", "--format", "txt").exit_code == 0
    r = cli(repo, "render", "zhengban-2022-4", "--format", "txt")
    assert r.exit_code == 2 and "zhengban-2022-40" in r.output


def test_docx_needs_out_and_refuses_invalid_data(repo: Path):
    r = cli(repo, "render", FOUNDING, "--format", "docx")
    assert r.exit_code == 2 and "--out" in r.output
    doc(repo, "weibaoban-2026-1", "奈未保办发[2026]1号")
    r = cli(repo, "render", FOUNDING, "--format", "md")
    assert r.exit_code == 1 and "WB601" in r.output


def _docx(repo: Path, tmp_path: Path, doc_id: str = FOUNDING):
    import docx

    out = tmp_path / "out.docx"
    r = cli(repo, "render", doc_id, "--format", "docx", "--out", str(out))
    assert r.exit_code == 0, r.output
    return docx.Document(str(out)), out


def test_docx_page_fonts_and_number_line(repo: Path, tmp_path: Path):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d, _ = _docx(repo, tmp_path)
    sec = d.sections[0]
    mm = [round(x.mm, 1) for x in (sec.page_width, sec.page_height, sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]
    paras = d.paragraphs
    mark = paras[0]
    assert mark.text == "奈曼旗人民政府办公室文件"
    assert mark.runs[0].font.color.rgb is not None and str(mark.runs[0].font.color.rgb) == "E60000"
    number = next(p for p in paras if p.text == "奈政办字〔2022〕40号")
    assert number.alignment == 1  # centred
    border = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "E60000"  # the red separator line under the number
    title = next(p for p in paras if p.text.startswith("奈曼旗人民政府办公室关于印发"))
    tr = title.runs[0]
    assert tr.font.size == Pt(22)
    assert tr._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in paras if p.text.startswith("为加强对未成年人保护工作"))
    br = body.runs[0]
    assert br.font.size == Pt(16)
    assert br._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)
    h1 = next(p for p in paras if p.text == "一、旗委宣传部")
    assert h1.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    h2 = next(p for p in paras if p.text.startswith("（一）主任办公会。"))
    assert h2.runs[0].text == "（一）主任办公会。"
    assert h2.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    # every run carries its East Asian font
    assert all(r._element.rPr is not None and r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in paras for r in p.runs)
    # "— N —" page numbers, odd pages right and even pages left
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = sec.footer.paragraphs[0], sec.even_page_footer.paragraphs[0]
    for f, align in ((odd, 2), (even, 0)):
        xml = f._p.xml
        assert 'w:instr="PAGE"' in xml and f.alignment == align
        assert f.text.startswith("— ") and f.text.endswith(" —")


def test_docx_imprint_and_upward_layout(repo: Path, tmp_path: Path):
    from docx.oxml.ns import qn

    from weibao.render.docx import imprint_table

    doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号", type="报告", to="[旗未成年人保护工作领导小组]",
        cc="[旗委办公室, 旗政府办公室]", printer="奈曼旗未成年人保护工作领导小组办公室", print_date="2026-03-02")
    d, _ = _docx(repo, tmp_path, "weibaoban-2026-1")
    texts = [p.text for p in d.paragraphs]
    assert "奈未保办发〔2026〕1号\t签发人：某某" in texts  # upward: number left, 签发人 on the same line
    assert not d.tables  # 版记: a one-column table in a text box whose bottom is the foot of the 版心
    table = imprint_table(d)
    assert [c.text for c in table.column_cells(0)] == ["抄送：旗委办公室，旗政府办公室。", "奈曼旗未成年人保护工作领导小组办公室\t2026年3月2日印发"]
    anchor = d.element.body.findall(".//" + qn("wp:anchor"))[0]
    assert anchor.find(qn("wp:positionV")).get("relativeFrom") == "margin"
    assert anchor.find(qn("wp:positionV")).find(qn("wp:align")).text == "bottom"
    assert d.paragraphs[-1]._p.find(".//" + qn("wp:anchor")) is anchor  # anchored to the document's last paragraph
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert [borders.find(qn(f"w:{s}")).get(qn("w:sz")) for s in ("top", "insideH", "bottom")] == ["8", "6", "8"]


@pytest.mark.skipif(subprocess.run(["which", "libreoffice"], capture_output=True).returncode != 0, reason="LibreOffice 未安装")
def test_docx_converts_to_a4_pdf(repo: Path, tmp_path: Path):
    _, out = _docx(repo, tmp_path)
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "out.pdf")], capture_output=True, text=True).stdout
    assert "A4" in info


# -- templates -------------------------------------------------------------------------


def override(repo: Path, name: str, text: str) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / name).write_text(text, encoding="utf-8")


def test_repository_template_overrides_builtin(repo: Path):
    override(repo, "document.txt.j2", "{{ doc.number }}|{{ doc.date }}|{{ 11 | zh_number }}\n")
    r = cli(repo, "render", FOUNDING, "--format", "txt")
    assert r.stdout == "奈政办字〔2022〕40号|2022年5月30日|十一\n"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("第一行\n{{ doc.no_such_field }}\n", "templates/document.txt.j2:2: 模板用到了不存在的字段：这一项没有字段“no_such_field”"),
        ("{% for x in doc.body %}\n{{ x }}\n", "templates/document.txt.j2:2: 模板语法错误：模板意外结束，缺少结束标签 'endfor'"),
        ("{{ doc.__class__.__mro__ }}\n", "templates/document.txt.j2:1: 模板试图访问不允许的内部属性"),
        ("{{ ''.__class__.__subclasses__() }}\n", "templates/document.txt.j2:1: 模板试图访问不允许的内部属性"),
    ],
)
def test_template_errors_are_chinese_with_file_and_line(repo: Path, monkeypatch, text: str, expected: str):
    monkeypatch.chdir(repo)
    override(repo, "document.txt.j2", text)
    r = cli(repo, "render", FOUNDING, "--format", "txt")
    assert r.exit_code == 1
    assert expected in r.output
    assert "Traceback" not in r.output


def test_report_templates(repo: Path):
    r = cli(repo, "render", "--template", "register", "--as-of", "2026-12-31")
    assert r.exit_code == 0, r.output
    assert "| 奈政办字〔2022〕40号 | 2022年5月30日 | 通知 |" in r.stdout
    r = cli(repo, "render", "--template", "duties")
    assert "## 二十九、旗关工委" in r.stdout
    r = cli(repo, "render", "--template", "nosuch")
    assert r.exit_code == 1 and "找不到模板 nosuch.md.j2" in r.output and "register.md.j2" in r.output
    r = cli(repo, "render", "--template", "register", "--as-of", "2026-13-01")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = cli(repo, "render")
    assert r.exit_code == 2 and "二选一" in r.output


def test_render_is_read_only(repo: Path):
    def files() -> dict:  # everything but the gitignored parse cache
        return {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".weibao" not in p.parts}

    before = files()
    for fmt in ("md", "txt", "html"):
        assert cli(repo, "render", FOUNDING, "--format", fmt).exit_code == 0
    assert files() == before


def test_minutes_layout(repo: Path, tmp_path: Path):
    from docx.oxml.ns import qn

    p = doc(repo, "weibaoban-2026-1", "奈未保办发〔2026〕1号", type="纪要")
    p.write_text(p.read_text(encoding="utf-8").replace("signer: 某某\n", "") + "minutes:\n  present: [甲单位 示例一, 乙单位 示例二]\n  absent: [丙单位 示例三]\n", encoding="utf-8")
    assert run_validate(repo) == []
    md = cli(repo, "render", "weibaoban-2026-1", "--format", "md").stdout
    assert "**奈曼旗未成年人保护工作领导小组办公室纪要**" in md
    assert "**出席：**甲单位 示例一、乙单位 示例二" in md and "**请假：**丙单位 示例三" in md
    assert "列席" not in md and "2026年3月1日" not in md  # a 纪要 has no 署名 and 成文日期 block
    d, _ = _docx(repo, tmp_path, "weibaoban-2026-1")
    line = next(x for x in d.paragraphs if x.text.startswith("出席："))
    assert line.runs[0].text == "出席：" and line.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_docx_bytes_do_not_depend_on_the_clock(repo: Path, monkeypatch):
    import time as _time

    from weibao.core.repository import Repository
    from weibao.render import render_document

    first = render_document(Repository(repo), FOUNDING, "docx")
    real = _time.time
    monkeypatch.setattr(_time, "time", lambda: real() + 3600 * 24 * 400)
    monkeypatch.setattr(_time, "localtime", lambda t=None: _time.gmtime(real() + 3600 * 24 * 400))
    assert render_document(Repository(repo), FOUNDING, "docx") == first


def test_every_attachment_carries_its_mark_even_without_an_attachment_note(repo: Path, tmp_path: Path):
    """GB/T 9704 7.3.7: 附件 and its number at the top left of each attachment; the founding notice lists no 附件说明."""
    from docx.oxml.ns import qn

    lines = cli(repo, "render", FOUNDING, "--format", "txt").stdout.splitlines()
    marks = [i for i, line in enumerate(lines) if line in ("附件1", "附件2")]
    assert [lines[i] for i in marks] == ["附件1", "附件2"]
    assert [lines[i + 2] for i in marks] == ["奈曼旗未成年人保护工作领导小组办公室工作规则", "奈曼旗未成年人保护工作领导小组成员单位职责任务分工"]
    assert not any(line.startswith("附件：") for line in lines)  # still no 附件说明 under the body
    d, _ = _docx(repo, tmp_path)
    mark = next(p for p in d.paragraphs if p.text == "附件2")
    assert mark.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_the_last_item_of_a_list_is_printed_like_the_others(repo: Path):
    """工作规则 第四条: （一）–（六） end in ；, （七） is a short whole sentence — body text all the same, not a 楷体 heading."""
    from weibao.render.views.document import block, siblings_agree

    md = cli(repo, "render", FOUNDING, "--format", "md").stdout
    assert "\n（七）承办领导小组交办的其他事项。\n" in md and "\n（六）负责领导小组各成员单位的日常协调联络工作；\n" in md
    assert "\n*（一）主任办公会。*" in md  # a heading with its text stays a heading
    items = siblings_agree([block("（一）甲事项；"), block("（二）乙事项。"), block("二、下一部分"), block("（一）小标题。")])
    assert [b["level"] for b in items] == [0, 0, 1, 2]


def test_a_heading_alone_on_its_line_keeps_with_the_next(repo: Path, tmp_path: Path):
    """No heading stranded at the foot of a page (十一、旗人社局 was the last line of a page)."""
    d, _ = _docx(repo, tmp_path)
    alone = next(p for p in d.paragraphs if p.text == "十一、旗人社局")
    assert alone.paragraph_format.keep_with_next
    body = next(p for p in d.paragraphs if p.text.startswith("（一）协调推动各成员单位"))
    assert not body.paragraph_format.keep_with_next
    html = cli(repo, "render", FOUNDING, "--format", "html").stdout
    assert '<p class="keep"><span class="h1">十一、旗人社局</span></p>' in html and ".keep { break-after: avoid;" in html


def test_the_signature_block_never_stands_on_a_page_alone(repo: Path, tmp_path: Path):
    """GB/T 9704 7.3.5: the last line of text goes with 署名 and 成文日期 (and the 附注 with them)."""
    d, _ = _docx(repo, tmp_path)
    paras = d.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == "\t奈曼旗人民政府办公室")
    last, sig, date, note = paras[i - 1], paras[i], paras[i + 1], paras[i + 2]
    assert last.text.endswith("请认真贯彻落实。") and last.paragraph_format.keep_with_next
    assert sig.paragraph_format.keep_with_next and date.text == "\t2022年5月30日" and date.paragraph_format.keep_with_next
    assert note.text == "（此件公开发布）"
    # sealed: 署名 and date centred on one tab stop, the date's centre 4 + 6.5/2 characters from the right edge
    (s_tab,), (d_tab,) = sig.paragraph_format.tab_stops, date.paragraph_format.tab_stops
    assert s_tab.alignment == d_tab.alignment == WD_TAB_ALIGNMENT.CENTER and s_tab.position == d_tab.position
    assert abs(s_tab.position.pt - (156 / 25.4 * 72 - 7.25 * 15.75)) < 0.1


@pytest.mark.parametrize(
    ("signature", "date", "sealed", "want"),
    [
        ("奈曼旗人民政府办公室", "2022年5月30日", True, {"signature_right": 2.25, "date_right": 4.0, "before": 2}),
        # a 署名 too long to centre over a date 右空四字: the 署名 右空二字, the date centred under it
        ("奈曼旗未成年人保护工作领导小组办公室", "2026年9月10日", True, {"signature_right": 2.0, "date_right": 7.75, "before": 2}),
        # unsealed: 署名 右空二字, the date's first character two characters right of the 署名's
        ("奈曼旗未成年人保护工作领导小组办公室", "2026年6月20日", False, {"signature_right": 2.0, "date_right": 11.5, "before": 1}),
        # … unless the date is the longer: the date 右空二字 and the 署名 moved right
        ("旗未保办", "2026年12月20日", False, {"signature_right": 7.0, "date_right": 2.0, "before": 1}),
    ],
)
def test_signature_layout(signature: str, date: str, sealed: bool, want: dict[str, float]):
    from weibao.render.views.document import signature_layout

    assert signature_layout(signature, date, sealed) == want


def test_titles_break_between_words_in_docx_and_html(repo: Path, tmp_path: Path):
    d, _ = _docx(repo, tmp_path)
    title = next(p for p in d.paragraphs if p.text.startswith("奈曼旗人民政府办公室关于印发"))
    assert title.text.split("\n") == ["奈曼旗人民政府办公室关于印发《奈曼旗", "未成年人保护工作领导小组办公室",
                                      "工作规则》和《奈曼旗未成年人保护工作", "领导小组成员单位职责任务分工》的通知"]
    rules = next(p for p in d.paragraphs if p.text.startswith("奈曼旗未成年人保护工作\n领导小组办公室"))
    assert rules.text == "奈曼旗未成年人保护工作\n领导小组办公室工作规则"
    html = cli(repo, "render", FOUNDING, "--format", "html").stdout
    assert "<h2>奈曼旗未成年人保护工作<br>领导小组成员单位职责任务分工</h2>" in html
    # the title's lines 35 pt apart whatever font stands in (a relative line height follows the fallback font's metrics)
    from docx.shared import Pt

    assert title.paragraph_format.line_spacing == Pt(35) and rules.paragraph_format.line_spacing == Pt(35)
    assert "h1 { font: 22pt/35pt" in html and ".attachment h2 { font: 22pt/35pt" in html
