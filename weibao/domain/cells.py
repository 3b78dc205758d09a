"""Text bound for a spreadsheet cell (CSV and XLSX): the one place that guards against formula injection.

Excel, WPS and LibreOffice run a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula: ``=HYPERLINK("http://…","点这里")`` in a unit's duty text would open a link from the office's matrix.
Every CSV weibao writes goes through :func:`csv_text`, every cell value through :func:`safe_text`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(v: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; anything else is returned as is."""
    return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v


def csv_text(rows: Iterable[Iterable[Any]], lineterminator: str = "\r\n") -> str:
    """Rows as CSV text with a UTF-8 BOM (so Excel and WPS read the Chinese), every cell guarded by safe_text."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator=lineterminator).writerows([safe_text(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()
