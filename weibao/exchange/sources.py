"""A published duty division as lines of text, whatever form it came in (import-duties reads these).

Counties have their 成员单位职责分工 as a text copied from a web page, a saved web page (.html), a PDF with a text
layer, a Word file (.docx, or an old .doc/.wps/.rtf that LibreOffice converts), sometimes in traditional
characters.  :func:`read_source` turns each into a :class:`Source`: the lines of the document's text in order, the
lines the document itself marks as headings (bold paragraphs, ``<h2>``, ``<strong>``), and notes on what was done to
the text (converted, page furniture dropped) for the clerk.

- .txt/.md: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.
- .docx: paragraphs and tables in document order; a table row "单位 | 职责" becomes "单位：职责" (a number column
  is dropped), so table layouts read like "单位：…" lines.
- .html/.htm: only the page's main content (the element whose id or class names it content/article/main/zoom…,
  when it holds most of the page's Chinese text); scripts, styles, navigation, header, footer and forms dropped.
- .pdf: the text layer (pdfminer.six, lines rebuilt from the glyphs' positions); page numbers and the header and footer lines that repeat on the pages dropped;
  lines wrapped by the page are joined again by the parser (``wrapped``).
- .doc/.wps/.rtf: converted to .docx by LibreOffice (``soffice``) when it is installed.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from weibao.core.progress import step
from weibao.errors import UsageError

SOURCE_MAX_BYTES = 20 * 1024 * 1024  # a duty division is tens of pages; 60 MB of text took minutes to split
CONVERT_SECONDS = 180
OFFICE_FORMATS = (".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot")
TEXT_FORMATS = (".txt", ".md", ".text", "")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_CELL = re.compile(r"^[\s\d一二三四五六七八九十百零、.．()（）]*$")


@dataclass
class Source:
    lines: list[str]
    headings: set[int] = field(default_factory=set)  # 0-based indexes of lines the document marks as headings
    notes: list[str] = field(default_factory=list)
    wrapped: bool = False  # lines were broken by the page (PDF): the parser joins a paragraph's lines again


@step("正在读取导入的文件")
def read_source(path: Path) -> Source:
    from weibao.core.files import FileRefused, read_regular

    if not path.exists():
        raise UsageError(f"找不到文件 {path}。")
    try:  # a regular file (not a FIFO or device) within the size limit, read once
        raw = read_regular(path, None, SOURCE_MAX_BYTES)
    except FileRefused as exc:
        hint = {"WB004": f"职责分工文件一般不超过几 MB；上限是 {SOURCE_MAX_BYTES // 1024 // 1024} MB。请只导入职责分工那一部分。",
                "WB002": "请给出职责分工文件本身（.docx、.pdf、.html、.txt 等），不是它所在的目录。",
                "WB012": "请给出职责分工文件本身（.docx、.pdf、.html、.txt 等）。"}.get(exc.code, exc.hint)
        raise UsageError(f"{path}：{exc.message}", hint=hint) from None
    suffix = path.suffix.lower()
    if suffix in OFFICE_FORMATS or (suffix == ".docx" and raw[:4] == b"\xd0\xcf\x11\xe0"):
        source = _docx(_convert_to_docx(path, raw), path)
        source.notes.insert(0, f"{path.suffix} 文件已经 LibreOffice 转换为 .docx 后读取。")
    elif suffix == ".docx":
        source = _docx(raw, path)
    elif suffix in (".html", ".htm", ".xhtml", ".shtml"):
        source = _html(decode(raw, path)[0])
    elif suffix == ".pdf":
        source = _pdf(raw, path)
    elif suffix in TEXT_FORMATS:
        text, encoding = decode(raw, path)
        source = Source(text.splitlines())
        if encoding != "UTF-8":
            source.notes.append(f"文件是 {encoding} 编码，已按 {encoding} 读取。")
    else:
        raise UsageError(f"不支持 {suffix} 文件。", hint="支持 .txt、.md、.docx、.html、.pdf；装有 LibreOffice 时也支持 .doc、.wps、.rtf。")
    return simplified(source)


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text of a text file: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030; and the encoding's name."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    for enc, name in (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return raw.decode(enc), name
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{path} 既不是 UTF-8、UTF-16，也不是 GB18030 编码。", hint="请用编辑器另存为 UTF-8。")


def simplified(source: Source) -> Source:
    """Traditional characters (pages re-served through converters, Hong Kong or Taiwan copies) made simplified with
    OpenCC's t2s, and said so: the duties are kept in the form the office writes."""
    from opencc import OpenCC

    text = "\n".join(source.lines)
    cc = OpenCC("t2s")
    distinct = "".join(sorted(set(_CJK.findall(text))))
    if not distinct or cc.convert(distinct) == distinct:  # no traditional character at all: skip the phrase pass
        return source
    converted = cc.convert(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed and len(converted) == len(text):
        source.lines = converted.split("\n")
        source.notes.append(f"原文含繁体字，已转换为简体（{changed} 个字，OpenCC t2s）。")
    return source


# -- Word ----------------------------------------------------------------------------------------------


def _docx(raw: bytes, path: Path) -> Source:
    import docx
    from docx.oxml.ns import qn

    try:
        d = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - any unreadable file
        raise UsageError(f"{path} 不是可以读取的 Word 文件（.docx）：{exc}") from None
    out = Source([])

    def para_text(p: Any) -> str:
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    def is_bold(p: Any) -> bool:
        style = p.find(qn("w:pPr"))
        if style is not None:
            ps = style.find(qn("w:pStyle"))
            if ps is not None and re.match(r"(?i)^(heading|标题)", ps.get(qn("w:val")) or ""):
                return True
        runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        return bool(runs) and all(_run_bold(r, qn) for r in runs)

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            if child.tag == qn("w:p"):
                if is_bold(child):
                    out.headings.add(len(out.lines))
                out.lines.append(para_text(child))
            elif child.tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    cells = [[para_text(p) for p in c.iter(qn("w:p"))] for c in row.iter(qn("w:tc"))]
                    out.lines += _row_lines(cells)
            elif child.tag == qn("w:sdt"):
                walk(child)
            elif child.tag == qn("w:sdtContent"):
                walk(child)

    walk(d.element.body)
    return out


def _run_bold(run: Any, qn: Any) -> bool:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return False
    b = rpr.find(qn("w:b"))
    return b is not None and (b.get(qn("w:val")) or "true") not in ("0", "false", "off")


def _row_lines(cells: list[list[str]]) -> list[str]:
    """A table row as lines: a number column dropped; "单位 | 职责 …" as "单位：职责" and the cell's other
    paragraphs after it, so a table reads as "单位：…" lines do."""
    cells = [[t for t in c if t.strip()] for c in cells]
    cells = [c for c in cells if c and not _NUMBER_CELL.match("".join(c))]
    if not cells:
        return []
    if len(cells) >= 2 and len(cells[0]) == 1 and len(cells[0][0].strip()) <= 40:
        first, rest = cells[0][0].strip().rstrip("：:"), [t for c in cells[1:] for t in c]
        return [f"{first}：{rest[0].strip()}", *rest[1:]]
    return [t for c in cells for t in c]


@step("正在用 LibreOffice 转换文件")
def _convert_to_docx(path: Path, raw: bytes) -> bytes:
    """An old Word, WPS or RTF file through LibreOffice (``soffice --convert-to docx``), in a private temporary
    folder with its own profile; a clear message naming the package when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UsageError(f"读取 {path.suffix} 文件需要 LibreOffice，本机没有安装。",
                         hint="安装 LibreOffice（Debian/Ubuntu：sudo apt install libreoffice-writer），"
                              "或用 WPS/Word 把文件另存为 .docx 后再导入。")
    with tempfile.TemporaryDirectory(prefix="weibao-convert-") as d:
        src = Path(d) / f"source{path.suffix.lower()}"
        src.write_bytes(raw)
        env = {**os.environ, "HOME": d}  # a profile of its own: a LibreOffice already open does not take the job
        try:
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{d}/profile", "--convert-to", "docx",
                            "--outdir", str(Path(d) / "out"), str(src)], capture_output=True, timeout=CONVERT_SECONDS, env=env, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"LibreOffice 转换 {path.name} 失败：{exc}", hint="请用 WPS/Word 另存为 .docx 后再导入。") from None
        out = Path(d) / "out" / "source.docx"
        if not out.is_file():
            raise UsageError(f"LibreOffice 没能把 {path.name} 转换为 .docx（文件可能已损坏或加密）。", hint="请用 WPS/Word 另存为 .docx 后再导入。")
        return out.read_bytes()


# -- web pages -----------------------------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt",
          "blockquote", "pre", "main", "hr", "center", "font"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select", "button", "iframe", "svg", "head",
         "template", "object", "menu"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"}
_MAIN = re.compile(r"(?i)(content|article|main|zoom|trs_?editor|detail|con_?text|bodytext|text)")
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.headings: set[int] = set()
        self.line = ""
        self.cells: list[list[str]] | None = None  # the current table row's cells
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a main-content candidate)
        self.heading_depth = 0
        self.heading_line = False
        self.candidates: list[list[int]] = []  # [first line, last line] of each candidate element, open ones last = -1

    def flush(self) -> None:
        text = " ".join(self.line.split())
        if text:
            if self.cells is not None:
                if self.cells:
                    self.cells[-1].append(text)
            else:
                if self.heading_line:
                    self.headings.add(len(self.lines))
                self.lines.append(text)
        self.line = ""
        self.heading_line = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr") and not self.skip:
                self.flush()
            return
        if self.skip or tag in _SKIP:
            self.skip += 1
            self.stack.append((tag, False))
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class"))
        candidate = bool(_MAIN.search(marker))
        if candidate:
            self.flush()
            self.candidates.append([len(self.lines), -1])
        self.stack.append((tag, candidate))
        if tag in _BLOCK:
            self.flush()
        if tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.flush()
            self.cells.append([])
        if tag in _HEADING_TAGS:
            self.heading_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, candidate = self.stack.pop()
            if self.skip:
                self.skip -= 1
            else:
                self._close(open_tag, candidate)
            if open_tag == tag:
                break

    def _close(self, tag: str, candidate: bool) -> None:
        if tag in _HEADING_TAGS:
            self.heading_depth = max(0, self.heading_depth - 1)
        if tag in ("td", "th"):
            self.flush()
        if tag == "tr" and self.cells is not None:
            self.flush()
            rows, self.cells = self.cells, None
            self.lines += _row_lines(rows)
        elif tag in _BLOCK:
            self.flush()
        if candidate:
            self.flush()
            for c in reversed(self.candidates):
                if c[1] == -1:
                    c[1] = len(self.lines)
                    break

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.heading_depth and data.strip() and not self.line.strip():
            self.heading_line = True
        elif data.strip() and not self.heading_depth:
            self.heading_line = False
        self.line += data


def _html(text: str) -> Source:
    page = _Page()
    page.feed(text)
    page.close()
    page.flush()
    lines, headings = page.lines, page.headings
    total = sum(len(_CJK.findall(x)) for x in lines) or 1
    best: tuple[int, int, int] | None = None
    for first, last in page.candidates:
        last = len(lines) if last == -1 else last
        count = sum(len(_CJK.findall(x)) for x in lines[first:last])
        # the smallest element that still holds most of the text: the article, not the whole page wrapper
        if count >= 0.5 * total and (best is None or last - first < best[1] - best[0]):
            best = (first, last, count)
    source = Source(lines, headings)
    if best is not None and (best[0] > 0 or best[1] < len(lines)):
        first, last, _count = best
        source = Source(lines[first:last], {h - first for h in headings if first <= h < last})
        source.notes.append(f"网页：只读取正文部分（去掉导航、页眉页脚等 {len(lines) - (last - first)} 行）。")
    return source


# -- PDF -----------------------------------------------------------------------------------------------


def _pdf_lines(raw: bytes) -> list[list[str]]:
    """The text lines of each page, from the position of every character (pdfminer.six): characters whose vertical
    middles agree form a line, read left to right.  A text layer's own order is not the reading order — quotation
    marks set in another font come after the whole line — so the order is rebuilt from where the glyphs stand."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LTChar
    except ImportError:  # an optional dependency (pyproject.toml, extra "all"): the slim install validates, it reads no PDF
        raise UsageError("读取 PDF 要用 pdfminer.six，本机没有装。", hint="python -m pip install 'weibao[all]'；或者把 PDF 另存为 .docx 或 .txt 再导入。") from None

    def chars(obj: Any) -> Any:
        if isinstance(obj, LTChar):
            yield obj
        elif hasattr(obj, "__iter__"):
            for child in obj:
                yield from chars(child)

    pages = []
    for page in extract_pages(io.BytesIO(raw), laparams=None):
        lines: list[tuple[float, list[Any]]] = []
        for c in sorted(chars(page), key=lambda c: -(c.y0 + c.y1) / 2):
            mid = (c.y0 + c.y1) / 2
            if lines and abs(lines[-1][0] - mid) <= 0.4 * max(c.size, 1.0):
                lines[-1][1].append(c)
            else:
                lines.append((mid, [c]))
        out = []
        for _mid, row in lines:
            row.sort(key=lambda c: c.x0)
            text = row[0].get_text()
            for prev, c in zip(row, row[1:]):
                gap = c.x0 - prev.x1
                if gap > 0.5 * max(c.size, 1.0) and (prev.get_text()[-1:].isascii() or c.get_text()[:1].isascii()):
                    text += " "
                text += c.get_text()
            out.append(text)
        pages.append(out)
    return pages


# a text layer spaces out CJK, and digits beside it (2026 年5 月): spaces between them are the PDF's, not the text's
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef\d])|(?<=\d)\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_PAGE_NUMBER = re.compile(r"^(?:[-—－–·\s]*\d{1,4}[-—－–·\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


def _pdf(raw: bytes, path: Path) -> Source:
    try:
        pages = _pdf_lines(raw)
    except UsageError:  # pdfminer.six not installed
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile PDF may fail anywhere in the parser
        raise UsageError(f"{path} 不是可以读取的 PDF：{type(exc).__name__} {exc}"[:300]) from None
    pages = [[y for y in (_CJK_SPACE.sub("", " ".join(x.split())) for x in p) if y] for p in pages]
    if not any(_CJK.search(x) for p in pages for x in p):
        raise UsageError(f"{path} 没有可以读取的文字（可能是扫描件）。", hint="请找到原始的 Word 文件或网页；扫描件需要先做文字识别（OCR）。")
    edge: dict[str, int] = {}
    for p in pages:
        for x in {*p[:2], *p[-2:]}:
            edge[re.sub(r"\d+", "#", x)] = edge.get(re.sub(r"\d+", "#", x), 0) + 1
    repeated = {k for k, n in edge.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    lines, dropped = [], 0
    for p in pages:
        for i, x in enumerate(p):
            at_edge = i < 2 or i >= len(p) - 2
            if _PAGE_NUMBER.match(x) or (at_edge and re.sub(r"\d+", "#", x) in repeated):
                dropped += 1
                continue
            lines.append(x)
    source = Source(lines, wrapped=True)
    source.notes.append(f"PDF：读取文字层，共 {len(pages)} 页；去掉页码和页眉页脚 {dropped} 行，按段落重新连接被换行的句子。")
    return source
