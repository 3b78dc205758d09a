"""A register as a Word table ready to print (python-docx): A4 landscape, the title on top, a line saying what the
table holds and as of when, a grid whose header row repeats on every page and whose rows never split across pages,
and 第 X 页 共 Y 页 at the foot.  The same table gives the same bytes.

Used by ``weibao roster --out 名册.docx``; any (headers, rows) table fits.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from weibao.domain.ooxml import add_field, reproducible_zip, xml_text

TITLE_FONT, TITLE_PT = "方正小标宋简体", 18  # 小二号
BODY_FONT, HEAD_FONT, CELL_PT = "仿宋_GB2312", "黑体", 12  # 小四号
NOTE_FONT, NOTE_PT = "楷体_GB2312", 12


def docx_table(title: str, headers: list[str], rows: list[list[Any]], *, note: str = "",
               widths: dict[str, float] | None = None) -> bytes:
    """``rows`` under ``headers`` as a printable table; ``widths`` gives relative column widths by header
    (default 1, so 序号 can be narrow and 职责原文 wide)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    def fonts(run: Any, name: str, size: float, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.name = name
        run.font.bold = bold
        rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), name)

    def flag(parent: Any, tag: str) -> None:
        el = OxmlElement(tag)
        el.set(qn("w:val"), "1")
        parent.append(el)

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    sec.left_margin = sec.right_margin = Cm(2.0)
    usable_cm = 29.7 - 4.0

    p = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    fonts(p.add_run(xml_text(title)), TITLE_FONT, TITLE_PT)
    if note:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(6)
        fonts(p.add_run(xml_text(note)), NOTE_FONT, NOTE_PT)

    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    weights = [(widths or {}).get(h, 1.0) for h in headers]
    col_cm = [usable_cm * w / sum(weights) for w in weights]
    for col, grid in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):  # LibreOffice lays out by the grid
        grid.set(qn("w:w"), str(round(Cm(col_cm[col]).twips)))
    for row_index, values in enumerate([headers, *rows]):
        row = table.rows[row_index]
        tr_pr = row._tr.get_or_add_trPr()
        flag(tr_pr, "w:cantSplit")  # a row stays on one page
        if row_index == 0:
            flag(tr_pr, "w:tblHeader")  # the header row repeats on every page
        for col, value in enumerate(values):
            cell = row.cells[col]
            cell.width = Cm(col_cm[col])
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 or weights[col] < 1 else WD_ALIGN_PARAGRAPH.LEFT
            text = "" if value is None else str(value)
            fonts(para.add_run(xml_text(text)), HEAD_FONT if row_index == 0 else BODY_FONT, CELL_PT)
            if row_index == 0:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), "E7E6E6")
                cell._tc.get_or_add_tcPr().append(shd)

    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"):
        if part in ("PAGE", "NUMPAGES"):
            add_field(footer, part, like_run=footer.runs[-1])
        else:
            fonts(footer.add_run(part), "宋体", 10.5)

    cp = doc.core_properties
    cp.title = xml_text(title)
    cp.author = cp.last_modified_by = "weibao"
    cp.comments = "由 weibao 根据数据仓库生成"
    cp.created = cp.modified = _dt.datetime(2000, 1, 1)
    cp.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return reproducible_zip(out.getvalue())
