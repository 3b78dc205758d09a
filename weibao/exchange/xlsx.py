"""XLSX export (openpyxl): the six tables as sheets, printable (landscape A4, header on every page)."""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from weibao.core.dataset import RepoData
from weibao.domain.cells import FORMULA_START
from weibao.domain.ooxml import reproducible_zip
from weibao.exchange.tables import tables

WIDTH = {"职责原文": 80, "议定事项": 50, "事由": 40, "标题": 50, "名称": 30}


def xlsx_bytes(data: RepoData) -> bytes:
    return xlsx_tables(tables(data))


def xlsx_tables(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    """Sheets (name → headers, rows) as a printable workbook; the same bytes for the same tables (the workbook's own
    dates are pinned).  Text is stored as text: a value that starts like a formula (= + - @) is written as a string
    cell, which Excel, WPS and LibreOffice show as it is and never run — no apostrophe shows (CSV keeps its guard)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True, name="宋体")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(headers)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"  # openpyxl took it for a formula: it is the data's text
        for c in ws[1]:
            c.font, c.fill = head_font, fill
            c.alignment = Alignment(vertical="center", horizontal="center")
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"  # printed: the header on every page, landscape, as wide as the paper
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        for i, h in enumerate(headers, start=1):
            letter = get_column_letter(i)
            values = [h] + [row[i - 1] for row in rows]
            if any(isinstance(v, _dt.date) for v in values):
                width = 12
                for cell in ws[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
            else:
                longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values if v is not None), default=8)
                width = min(WIDTH.get(h, 40), max(8, longest + 2))
            ws.column_dimensions[letter].width = width
            if width >= 30:
                for cell in ws[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.creator = "weibao"
    wb.properties.created = wb.properties.modified = _dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return reproducible_zip(buf.getvalue())  # openpyxl stamps the zip entries with the time of writing
