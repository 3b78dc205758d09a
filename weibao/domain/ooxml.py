"""What every Office Open XML file weibao writes needs: text Word can hold, and the same bytes for the same content."""

from __future__ import annotations

import io
import re
import zipfile

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text Word can hold: control characters (a YAML "\\v" escape …) are dropped."""
    return _XML_INVALID.sub("", text)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
PINNED = b"2000-01-01T00:00:00Z"


def reproducible_zip(data: bytes) -> bytes:
    """The same content gives the same bytes: python-docx and openpyxl stamp zip entries with the current time, and
    openpyxl sets the document's modified time on saving (whatever the workbook says); both are pinned."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + PINNED + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def add_field(paragraph: object, instr: str, like_run: object | None = None) -> object:
    """A simple field (PAGE, NUMPAGES) appended to a python-docx paragraph, showing "1" until the reader updates it;
    ``like_run``: a run whose fonts the field's number takes.  Returns the field's run element."""
    import copy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)  # type: ignore[attr-defined]
    props = like_run._element.find(qn("w:rPr")) if like_run is not None else None  # type: ignore[attr-defined]
    if props is not None:
        r.insert(0, copy.deepcopy(props))
    return r
