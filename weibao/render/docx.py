"""A document view written as a Word file in the layout of GB/T 9704-2012.

A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 3号仿宋 (16 pt) on a fixed
28 pt line (22 lines a page) with a document grid of 28 characters a line;
title 2号小标宋; headings 一、 黑体, （一） 楷体; the red 发文机关标志 and separator
line; the 版记 in a text box at the foot of the last page; page numbers "— N —" in
4号宋体, odd pages right and even pages left, one character in from the edge.
Every run carries its East Asian font (w:eastAsia), or Word would fall back to
the Latin font for Chinese text.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from weibao.domain.ooxml import add_field, reproducible_zip, xml_text
from weibao.render.pages import Para, Plan, line_count, paginate
from weibao.render.views.document import width_chars

# fonts by role; the names Chinese government offices install (Windows falls back if absent)
FONTS = {
    "body": "仿宋_GB2312",
    "title": "方正小标宋简体",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "page": "宋体",
}
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
IMPRINT_PT = 14  # 4号
LINE_PT = 28.95  # fixed line (579 twips): 22 lines fill the 225 mm 版心 (22 × 28 pt leaves 7.7 mm, which LibreOffice
# shares out above and below its line grid, moving every line 3.5 mm down)
CHARS_PER_LINE = 28
CHAR_PT = 15.75  # one character of the body: 16 pt glyphs on a 15.75 pt pitch (see _fonts)
RED = RGBColor(0xE6, 0x00, 0x00)
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_PT = 156 / 25.4 * 72  # 版心 width in points (≈ 442.2)
# OOXML fixes the order of property elements; Word rejects files where they are out of order
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                     "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_AFTER_FRAME = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
                   "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                   "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                   "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                   "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
PPR_AFTER_BORDER = PPR_AFTER_FRAME[4:]  # pBdr comes after framePr … suppressLineNumbers


def _font_names(holder: Any, element: Any, name: str, size: float) -> Any:
    """Set the font of a run or style in every script slot (w:eastAsia included); return its rPr."""
    holder.font.name = name
    holder.font.size = Pt(size)
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    return rpr


def _fonts(run: Any, name: str, size: float, color: RGBColor | None = None) -> None:
    rpr = _font_names(run, run._element, name, size)
    if color is not None:
        run.font.color.rgb = color
    if size == BODY_PT:  # 28 characters in the 156 mm line: 16 pt glyphs on a 15.75 pt pitch
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round((TEXT_WIDTH_PT / CHARS_PER_LINE - 0.04 - BODY_PT) * 20)))
        rpr.insert_element_before(spacing, *RPR_AFTER_SPACING)


def _no_autospace(ppr: Any) -> None:
    """No extra space between Chinese and ASCII (LibreOffice reads it from the paragraph, not from the style)."""
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        if ppr.find(qn(name)) is None:
            el = OxmlElement(name)
            el.set(qn("w:val"), "0")
            ppr.insert_element_before(el, *PPR_AFTER_FRAME[PPR_AFTER_FRAME.index(name) + 1:])


class Writer:
    def __init__(self, view: dict[str, Any]):
        self.view = view
        self.doc = new_document()
        self._setup()

    # -- page, styles, footer ------------------------------------------------
    def _setup(self) -> None:
        d = self.doc
        sec = d.sections[0]
        sec.page_width, sec.page_height = PAGE["width"], PAGE["height"]
        sec.top_margin, sec.bottom_margin = PAGE["top"], PAGE["bottom"]
        sec.left_margin, sec.right_margin = PAGE["left"], PAGE["right"]
        sec.header_distance = Mm(15)
        sec.footer_distance = Mm(25.4)  # the dash of "— 1 —" 7 mm under the 版心 (measured: benchmarks/layout_check.py)
        grid = sec._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sec._sectPr.append(grid)
        # a line grid only: Word and LibreOffice read a character grid (charSpace) differently; the 28
        # characters a line come from a slightly condensed body font instead (see _fonts)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
        for attr in ("w:charSpace",):
            if grid.get(qn(attr)) is not None:
                del grid.attrib[qn(attr)]
        normal = d.styles["Normal"]
        _font_names(normal, normal.element, FONTS["body"], BODY_PT)
        pf = normal.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PT)
        pf.space_before = pf.space_after = Pt(0)
        pf.widow_control = False
        # no extra space between Chinese and ASCII (Word's and LibreOffice's default adds a quarter em): a date
        # such as 2022年5月30日 is as wide as its characters, so the signature block lines up as measured
        _no_autospace(normal.element.get_or_add_pPr())
        d.settings.odd_and_even_pages_header_footer = True
        self._page_number(sec.footer, odd=True)
        self._page_number(sec.even_page_footer, odd=False)
        cp = d.core_properties
        cp.title = xml_text(self.view["title"])
        cp.author = cp.last_modified_by = self.view["signature"]
        cp.subject = self.view.get("number") or ""
        cp.comments = "由 weibao 根据数据仓库生成"
        stamp = _dt.datetime(2000, 1, 1)
        cp.created = cp.modified = stamp
        cp.revision = 1

    def _page_number(self, footer: Any, odd: bool) -> None:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        pf = p.paragraph_format
        if odd:
            pf.right_indent = Pt(IMPRINT_PT)
        else:
            pf.left_indent = Pt(IMPRINT_PT)
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _fonts(p.add_run("— "), FONTS["page"], IMPRINT_PT)
        add_field(p, "PAGE", like_run=p.runs[0])  # the number takes the footer run's fonts
        _fonts(p.add_run(" —"), FONTS["page"], IMPRINT_PT)

    # -- paragraphs ------------------------------------------------------------
    def para(self, runs: list[tuple[str, str]], *, align: str = "justify", indent_chars: float = 2, size: float = BODY_PT,
             before_lines: float = 0, color: RGBColor | None = None, line: float | None = LINE_PT, page_break: bool = False) -> Any:
        p = self.doc.add_paragraph()
        p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        pf = p.paragraph_format
        pf.first_line_indent = Pt(indent_chars * size) if indent_chars else None
        if before_lines:
            pf.space_before = Pt(before_lines * LINE_PT)
        if line is None:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        elif line != LINE_PT:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(line)
        if page_break:
            pf.page_break_before = True
        _no_autospace(p._p.get_or_add_pPr())
        if size != BODY_PT or line != LINE_PT:  # off the line grid, or LibreOffice centres it in two grid lines
            snap = OxmlElement("w:snapToGrid")
            snap.set(qn("w:val"), "0")
            p._p.get_or_add_pPr().insert_element_before(snap, *PPR_AFTER_FRAME[PPR_AFTER_FRAME.index("w:snapToGrid") + 1:])
        for text, font in runs:
            if text:
                _fonts(p.add_run(xml_text(text)), FONTS[font], size, color)
        if size != BODY_PT:  # the paragraph mark in the same size, or its 16 pt sets the line's ascent
            mark = OxmlElement("w:rPr")
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(round(size * 2)))
            mark.append(sz)
            p._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
        return p

    def block(self, b: dict[str, Any], **kw: Any) -> Any:
        if b["level"] in (1, 2):
            p = self.para([(b["head"], "h1" if b["level"] == 1 else "h2"), (b["rest"], "body")], **kw)
            if not b["rest"].strip():  # a heading on a line of its own never stays alone at the foot of a page
                p.paragraph_format.keep_with_next = True
            return p
        return self.para([(b["text"], "body")], **kw)

    @staticmethod
    def _border(p: Any, side: str, size_eighths: int, color: str = "000000", space: int = 0) -> None:
        ppr = p._p.get_or_add_pPr()
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is None:
            bdr = OxmlElement("w:pBdr")
            ppr.insert_element_before(bdr, *PPR_AFTER_BORDER)
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), str(space))
        el.set(qn("w:color"), color)
        bdr.append(el)

    # -- the document ------------------------------------------------------------
    def _head(self, v: dict[str, Any]) -> None:
        """The 版头: the red 发文机关标志, the 发文字号 (with 签发人 on an upward document) and the red line."""
        mark = self.para([(v["mark"], "title")], align="center", indent_chars=0, size=v["mark_pt"], color=RED, line=v["mark_pt"])
        mark.paragraph_format.space_before = Mm(v["mark_top_mm"])
        if v.get("number"):
            if v["upward"] and v.get("signer"):
                p = self.para([(v["number"], "body")], align="left", indent_chars=1, before_lines=2)
                p.paragraph_format.tab_stops.add_tab_stop(Pt(TEXT_WIDTH_PT - BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
                self._runs(p, [("\t签发人：", "body"), (v["signer"], "h2")])
            else:
                p = self.para([(v["number"], "body")], align="center", indent_chars=0, before_lines=2)
        else:
            p = self.para([], align="center", indent_chars=0)
        self._border(p, "bottom", 12, "E60000", space=4)  # red separator line about 4 mm under the number

    def write(self) -> bytes:
        v = self.view
        self.write_text()
        if v.get("imprint"):
            self._imprint(v["imprint"], imprint_page(self.plan(), v["imprint"]))
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def write_text(self) -> None:
        """Everything but the 版记: 版头, title, 主送, body, 附件说明, signature block, 附注, attendance, attachments."""
        v = self.view
        head_lines = [x for x in (v.get("copy_no"), v.get("secret"), v.get("urgency")) if x]
        for x in head_lines:
            self.para([(x, "h1")], align="left", indent_chars=0)
        if v.get("draft"):  # a draft: its reason in a framed 黑体 line, no 版头 (no red mark, number or line)
            p = self.para([(v["draft"], "h1")], align="left", indent_chars=0)
            for side in ("top", "left", "bottom", "right"):  # the order of w:pBdr in the schema
                self._border(p, side, 4, "000000", space=2)
        else:
            self._head(v)
        # the title's lines break between words (domain/titles.py), never where the line happens to end
        self.para([("\n".join(v.get("title_lines") or [v["title"]]), "title")], align="center", indent_chars=0, size=TITLE_PT,
                  before_lines=2, line=35)
        if v.get("to"):
            self.para([(v["to"], "body")], align="left", indent_chars=0, before_lines=1)
        for i, b in enumerate(v["body"]):  # a blank line under the title, before the 主送 or (without one) the text
            self.block(b, before_lines=0 if v.get("to") or i else 1)
        for i, line in enumerate(v["attachment_note"]):
            p = self.para([(line.replace("　　　", ""), "body")], align="left", indent_chars=0, before_lines=1 if i == 0 else 0)
            p.paragraph_format.left_indent = Pt(5 * BODY_PT)
            p.paragraph_format.first_line_indent = Pt((-3 if i == 0 else 0) * BODY_PT)
        if not v["minutes_layout"]:
            # GB/T 9704 7.3.5 (as issue 20 cites it, 7.3.5.4): no page with the signature block alone — the last lines of text go with it
            last = self.doc.paragraphs[-1] if self.doc.paragraphs else None
            if last is not None and last.text:
                last.paragraph_format.keep_with_next = True
                last.paragraph_format.widow_control = True  # its last two lines are enough: the rest may stay on the page before
            self._signature(v)
        for a in v["annotations"]:
            self.para([(a, "body")], align="left", indent_chars=2)
        attendance = v.get("minutes") or []
        for i, (label, names) in enumerate(attendance):
            p = self.para([(f"{label}：", "h1"), (names, "body")], align="left", indent_chars=0, before_lines=1 if label == "出席" else 0)
            p.paragraph_format.left_indent = Pt(5 * BODY_PT)
            p.paragraph_format.first_line_indent = Pt(-3 * BODY_PT)
            p.paragraph_format.keep_together = True  # a list of names is not split across pages
            p.paragraph_format.keep_with_next = i < len(attendance) - 1  # 出席, 请假 and 列席 stay on one page
        for a in v["attachments"]:
            first = True
            if a.get("label"):
                self.para([(a["label"], "h1")], align="left", indent_chars=0, page_break=True)
                first = False
            self.para([("\n".join(a.get("title_lines") or [a["title"]]), "title")], align="center", indent_chars=0, size=TITLE_PT, line=35,
                       before_lines=0 if first else 1, page_break=first)
            self.para([], indent_chars=0)
            for b in a["blocks"]:
                self.block(b)

    def plan(self) -> Plan:
        """The pages the paragraphs written so far fill (render/pages.py)."""
        return plan_of(self.doc.paragraphs)

    @staticmethod
    def _runs(p: Any, runs: list[tuple[str, str]], size: float = BODY_PT) -> None:
        for text, font in runs:
            _fonts(p.add_run(xml_text(text)), FONTS[font], size)

    def _signature(self, v: dict[str, Any]) -> None:
        """署名 and 成文日期 where the view decided (views/document.py signature_layout), placed so that a reader's
        own spacing moves them as little as it can (LibreOffice adds about 0.8 mm between Chinese and digits whatever
        w:autoSpaceDE says, so a date is up to one character wider there than in Word): sealed, both on one centre tab stop at
        the date's centre (in LibreOffice the date then ends half a character short of 右空四字); unsealed, the 署名 right-aligned and the date left-aligned two
        characters right of the 署名's first character (a 署名 is Chinese characters only, so its width is exact)."""
        at, sig, date = v["signature_layout"], v["signature"], v["date"]
        sw, dw = width_chars(sig), width_chars(date)
        if v["sealed"]:  # both centred on one tab stop: the 署名 is centred on the date in every reader
            centre = TEXT_WIDTH_PT - (at["date_right"] + dw / 2) * CHAR_PT
            p = self.para([("\t" + sig, "body")], align="left", indent_chars=0, before_lines=at["before"])
            p.paragraph_format.tab_stops.add_tab_stop(Pt(centre), WD_TAB_ALIGNMENT.CENTER)
            p.paragraph_format.keep_with_next = True  # 署名 and 成文日期 on one page
            p = self.para([("\t" + date, "body")], align="left", indent_chars=0)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(centre), WD_TAB_ALIGNMENT.CENTER)
        else:
            p = self.para([(sig, "body")], align="right", indent_chars=0, before_lines=at["before"])
            p.paragraph_format.right_indent = Pt(at["signature_right"] * CHAR_PT)
            p.paragraph_format.keep_with_next = True
            p = self.para([(date, "body")], align="left", indent_chars=0)
            p.paragraph_format.left_indent = Pt(TEXT_WIDTH_PT - (at["date_right"] + dw) * CHAR_PT)
            if at["date_right"] + dw > at["signature_right"] + sw:  # the date is the longer: right-aligned, 右空二字
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.left_indent = None
                p.paragraph_format.right_indent = Pt(at["date_right"] * CHAR_PT)
        p.paragraph_format.keep_with_next = bool(v["annotations"])  # and the 附注 under them

    def _imprint(self, imp: dict[str, Any], where: str) -> None:
        """版记: 抄送 and 印发机关/印发日期 in a one-column table, a thick line above and below and a thin line between,
        inside a text box anchored to the last paragraph and aligned to the foot of the 版心 — so it sits at the
        bottom of the last page in Word, WPS and LibreOffice alike (LibreOffice 7 lays a floating table as wide as
        the 版心 out inline, after the last line of text)."""
        rows = list(imp["lines"]) + [None]
        table = self.doc.add_table(rows=len(rows), cols=1)
        tbl = table._tbl
        tblpr = tbl.tblPr
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(round(TEXT_WIDTH_PT * 20)))
        width.set(qn("w:type"), "dxa")
        old = tblpr.find(qn("w:tblW"))
        if old is not None:
            tblpr.remove(old)
        tblpr.insert_element_before(width, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                                    "w:tblCellMar", "w:tblLook")
        borders = OxmlElement("w:tblBorders")
        for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single" if size else "nil")
            if size:
                el.set(qn("w:sz"), str(size))  # eighths of a point: 1 pt (0.35 mm) thick, 0.75 pt (0.25 mm) thin
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            borders.append(el)
        tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), "0")
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tblpr.insert_element_before(margins, "w:tblLook")
        for row, text in zip(table.rows, rows):
            cell = row.cells[0]
            p = cell.paragraphs[0]
            pf = p.paragraph_format
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(LINE_PT)
            if text is not None:  # 抄送 (报、发): 左右各空一字, wrapped lines aligned after “抄送：”
                at = _imprint_para(text)
                pf.left_indent, pf.first_line_indent, pf.right_indent = Pt(at.left), Pt(at.first_indent), Pt(at.right)
                self._runs(p, [(text, "body")], IMPRINT_PT)
            else:  # 印发机关 左空一字, 印发日期 右空一字
                pf.left_indent = Pt(IMPRINT_PT)
                pf.tab_stops.add_tab_stop(Pt(TEXT_WIDTH_PT - IMPRINT_PT), WD_TAB_ALIGNMENT.RIGHT)
                self._runs(p, [(imp["printer"], "body"), ("\t" + imp["print_date"], "body")], IMPRINT_PT)
        anchor = self.para([], indent_chars=0, line=1)  # the text box's anchor: the last paragraph of the document
        if where == "next":  # the text ends on an odd page: the 版记 has the next one
            anchor.paragraph_format.page_break_before = True
        elif where == "after_blank":  # a full even page: a blank page, then the 版记's page, neither numbered (7.5.2)
            self._unnumbered_section_from(anchor)
            blank = self.para([], indent_chars=0, line=1)
            anchor._p.addprevious(blank._p)
            anchor.paragraph_format.page_break_before = True
        anchor._p.append(_bottom_box(tbl, TEXT_WIDTH_PT, imprint_height(imp)))

    def _unnumbered_section_from(self, anchor: Any) -> None:
        """End the text's section with the paragraph before ``anchor`` (a copy of the page setup goes into its
        properties) and leave the last section — the blank page and the 版记's — without page numbers."""
        import copy

        body_sect = self.doc.element.body.sectPr
        last_text = anchor._p.getprevious()
        while last_text is not None and last_text.tag != qn("w:p"):
            last_text = last_text.getprevious()
        if last_text is None:
            return
        ppr = last_text.get_or_add_pPr()
        ppr.append(copy.deepcopy(body_sect))  # w:sectPr is the last child of w:pPr: the text's section ends here
        for ref in body_sect.findall(qn("w:footerReference")):
            body_sect.remove(ref)
        last = self.doc.sections[-1]  # the blank page and the 版记's: footers of their own, empty
        for footer in (last.footer, last.even_page_footer):
            footer.is_linked_to_previous = False


_BOX = """<w:r %s><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
 behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="1" name="版记"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def plan_of(paragraphs: list[Any]) -> Plan:
    """The pages python-docx paragraphs fill (render/pages.py), read off the paragraphs themselves: text, size, fixed
    line, indents, space before, the red line under the number, keep-with-next, keep-together, page breaks."""
    flow = []
    for p in paragraphs:
        pf = p.paragraph_format
        size = next((r.font.size.pt for r in p.runs if r.font.size is not None), BODY_PT)
        line = pf.line_spacing.pt if pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing else LINE_PT
        border = p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
        flow.append(Para(p.text, size, line, CHAR_PT if size == BODY_PT else size,
                         first_indent=pf.first_line_indent.pt if pf.first_line_indent else 0,
                         left=pf.left_indent.pt if pf.left_indent else 0, right=pf.right_indent.pt if pf.right_indent else 0,
                         before=pf.space_before.pt if pf.space_before else 0, after=6 if border else 0,
                         keep_next=bool(pf.keep_with_next), keep_together=bool(pf.keep_together),
                         page_break=bool(pf.page_break_before), widows=bool(pf.widow_control)))
    return paginate(flow)


def imprint_height(imp: dict[str, Any]) -> float:
    """The 版记's height in points: a 28.95 pt line for each line of 抄送 (wrapped after the colon) and for the 印发 line."""
    lines = 1 + sum(line_count(_imprint_para(t)) for t in imp["lines"])
    return lines * LINE_PT + 2


def _imprint_para(text: str) -> Para:
    """A line of 抄送 (报、发) as set in the 版记: 4号, 左右各空一字, wrapped lines aligned after the colon."""
    hang = text.find("：") + 1 if "：" in text else 0  # “抄送：” 3 characters, “报：” 2
    return Para(text, IMPRINT_PT, LINE_PT, IMPRINT_PT, first_indent=-IMPRINT_PT * hang, left=IMPRINT_PT * (1 + hang),
                right=IMPRINT_PT)


def imprint_page(plan: Plan, imp: dict[str, Any]) -> str:
    """Where the 版记 goes (GB/T 9704: at the foot of the last page, an even one): "same" — the text ends on an even
    page with room under it; "next" — it ends on an odd page, the 版记 has the next page; "after_blank" — it ends on
    a full even page: a blank page, then the 版记's."""
    if plan.pages % 2:
        return "next"
    return "same" if plan.free >= imprint_height(imp) + LINE_PT else "after_blank"


def _bottom_box(content: Any, width_pt: float, height_pt: float) -> Any:
    """A run holding a borderless text box as wide as the 版心, its bottom on the foot of the 版心, holding ``content``."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    wps = ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    emu = 12700  # EMU in a point
    run = parse_xml(_BOX.replace("{cx}", str(round(width_pt * emu))).replace("{cy}", str(round(height_pt * emu)))
                    % (nsdecls("w", "wp", "a") + wps))
    box = run.find(".//" + qn("w:txbxContent"))
    box.append(content)  # moved out of the body
    p = OxmlElement("w:p")  # a text box ends with a paragraph, as a table cell does
    box.append(p)
    return run


def imprint_table(document: Any) -> Any:
    """The 版记 of a written document (a python-docx Document): its table inside the text box, or None."""
    from docx.table import Table

    found = document.element.body.findall(".//" + qn("w:txbxContent") + "/" + qn("w:tbl"))
    return Table(found[0], document._body) if found else None


def imprint_layout(view: dict[str, Any]) -> dict[str, Any] | None:
    """Where the 版记 of a view goes when printed (imprint_page) and the height free under the text on the last page
    (pt), for the HTML print to put it where the DOCX puts it; None without a 版记."""
    if not view.get("imprint"):
        return None
    w = Writer(view)
    w.write_text()
    plan = w.plan()
    return {"where": imprint_page(plan, view["imprint"]), "free_pt": round(plan.free, 1),
            "height_pt": round(imprint_height(view["imprint"]), 1)}


def document_docx(view: dict[str, Any]) -> bytes:
    return reproducible_zip(Writer(view).write())
