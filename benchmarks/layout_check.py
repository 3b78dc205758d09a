"""The printed page, measured: documents rendered to DOCX, converted by LibreOffice, measured on the PDF (issue 20).

    pip install -e '.[layout]'          # pdfplumber
    python benchmarks/layout_check.py [--keep DIR]

Needs ``soffice`` (LibreOffice writer) on the PATH.  It renders a fixed set — the founding notice (sealed, two
attachments, a four-line title), a numbered 通报 with its 版记, an unnumbered 通报 (a draft), a 纪要 — from a copy of
the bundled data with the invented samples of examples/, converts them in one LibreOffice run and measures every page
against GB/T 9704 (../shared/reference/gbt9704.md): A4 and the 版心, where the 发文机关标志 and the page numbers
sit, characters a line and lines a page of body text, the title broken only between words, no page holding only the
signature block, no heading alone at the foot of a page.  It prints one row per document and check (✓ or ✗ with the
measured figure) and the count; ``--keep DIR`` keeps the DOCX and PDF files there to look at.

The figures depend on the fonts LibreOffice finds for 仿宋_GB2312, 方正小标宋简体, 黑体 and 楷体_GB2312: on a machine
with none of them it falls back (Noto CJK on Debian), and lines come out shorter or longer.  A report-only first
version: it is not yet run by .ci/run and does not fail.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.core.repository import Repository  # noqa: E402
from weibao.domain.titles import words_of  # noqa: E402
from weibao.render import render_document  # noqa: E402

MM = 72 / 25.4  # points in a millimetre
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0  # margins of the 版心 (mm)
PAGE_W, PAGE_H = 210.0, 297.0
BODY_PT, TITLE_PT = 16.0, 22.0
PAGE_NUMBER = re.compile(r"^[—-]\s*\d+\s*[—-]$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；，]{0,20}$")

NOTIFICATION = """
number: 奈未保办发〔2026〕1号
cc: [旗委办公室, 旗政府办公室]
print_date: 2026-09-12
"""


def repository(tmp: Path) -> Repository:
    """A copy of the bundled data with the invented samples: meetings, the sample year, two 通报 (one numbered)."""
    repo = tmp / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copytree(ROOT / "examples" / "meetings" / "good" / "2026", repo / "data" / "meetings" / "2026")
    shutil.copytree(ROOT / "examples" / "year" / "data", repo / "data", dirs_exist_ok=True)
    draft = repo / "data" / "notifications" / "2026" / "tb-2026-1.yaml"
    numbered = draft.with_name("tb-2026-2.yaml")
    numbered.write_text(draft.read_text(encoding="utf-8").replace("id: tb-2026-1", "id: tb-2026-2") + NOTIFICATION, encoding="utf-8")
    return Repository(repo)


DOCUMENTS = {  # id → what it shows
    "zhengban-2022-40": "成立通知（加盖印章，两个附件，四行标题）",
    "tb-2026-2": "已编号的通报（版记）",
    "tb-2026-1": "未编号的通报（草稿）",
    "2026-03-15-director": "主任办公会纪要",
}


def lines_of(page: Any) -> list[dict[str, Any]]:
    """The page's text lines, top to bottom: text, top and bottom (mm), left and right (mm), the largest font size."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for c in page.chars:
        if c["text"].strip():
            rows.setdefault(round(c["top"] / 2), []).append(c)
    out = []
    for _key, cs in sorted(rows.items()):
        cs.sort(key=lambda c: c["x0"])
        out.append({"text": "".join(c["text"] for c in cs), "top": min(c["top"] for c in cs) / MM,
                    "bottom": max(c["bottom"] for c in cs) / MM, "left": cs[0]["x0"] / MM, "right": cs[-1]["x1"] / MM,
                    "size": max(round(c["size"]) for c in cs), "chars": len(cs),
                    "red": any(_red(c.get("non_stroking_color")) for c in cs)})
    return out


def _red(color: Any) -> bool:
    return isinstance(color, (tuple, list)) and len(color) == 3 and color[0] > 0.8 and color[1] < 0.2 and color[2] < 0.2


def measure(pdf_path: Path, words: list[str]) -> list[tuple[str, bool, str]]:
    """The checks for one PDF: (check, passed, what was measured)."""
    import pdfplumber

    out: list[tuple[str, bool, str]] = []
    with pdfplumber.open(pdf_path) as pdf:
        pages = [lines_of(p) for p in pdf.pages]
        size = (round(pdf.pages[0].width / MM), round(pdf.pages[0].height / MM))
    out.append(("A4", size == (PAGE_W, PAGE_H), f"{size[0]}×{size[1]} mm"))
    text = [ln for page in pages for ln in page if not PAGE_NUMBER.match(ln["text"])]
    left, right = min(ln["left"] for ln in text), max(ln["right"] for ln in text)
    out.append(("版心左右", left >= LEFT - 0.5 and right <= PAGE_W - RIGHT + 0.5, f"{left:.1f}–{right:.1f} mm（28–184）"))
    mark = next((ln for ln in pages[0] if ln["red"] and ln["size"] > TITLE_PT), None)
    if mark is not None:
        below = mark["top"] - TOP
        out.append(("发文机关标志上边缘距版心", abs(below - 35) <= 1, f"{below:.1f} mm（35）"))
    numbers = [ln for page in pages for ln in page if PAGE_NUMBER.match(ln["text"])]
    if numbers:
        worst = max(numbers, key=lambda ln: abs(ln["top"] - (PAGE_H - BOTTOM) - 7))
        gap = worst["top"] - (PAGE_H - BOTTOM)
        out.append(("页码距版心下边缘", abs(gap - 7) <= 1, f"{gap:.1f} mm（7）"))
    body = [ln for ln in text if ln["size"] == BODY_PT]
    full = [ln for ln in body if ln["text"].isascii() is False and not any(ch.isascii() for ch in ln["text"])]
    if full and max(ln["chars"] for ln in full) >= 20:  # lines of full-width characters only (digits are narrower)
        most = max(ln["chars"] for ln in full)
        out.append(("正文每行字数", most == 28, f"最多 {most} 字（28）"))
    if body:
        per_page = max(sum(1 for ln in page if ln["size"] == BODY_PT) for page in pages)
        out.append(("正文每面行数", per_page <= 22, f"最多 {per_page} 行（22）"))
    imprint = next((ln for ln in reversed(pages[-1]) if ln["text"].endswith("印发")), None)
    if imprint is not None:
        gap = (PAGE_H - BOTTOM) - imprint["bottom"]
        out.append(("版记在最后一页版心底部", 0 <= gap <= 3, f"距版心下边缘 {gap:.1f} mm"))
        out.append(("版记在偶数页", len(pages) % 2 == 0, f"共 {len(pages)} 页"))
    title = [ln for ln in pages[0] if ln["size"] == TITLE_PT and not ln["red"]]
    if len(title) > 1:
        whole = "".join(ln["text"] for ln in title)
        cuts, at = {0}, 0
        for w in words_of(whole, words):
            at += len(w)
            cuts.add(at)
        breaks, at = [], 0
        for ln in title[:-1]:
            at += len(ln["text"])
            breaks.append(at)
        bad = [whole[b - 2 : b] + "｜" + whole[b : b + 2] for b in breaks if b not in cuts]
        out.append(("标题在词间回行", not bad, "、".join(bad) or f"{len(title)} 行"))
    alone = []
    for n, page in enumerate(pages, start=1):
        rest = [ln["text"] for ln in page if not PAGE_NUMBER.match(ln["text"])]
        if rest and len(rest) <= 3 and any(DATE.match(t) for t in rest) and not any(len(t) > 24 for t in rest):
            alone.append(n)
    out.append(("没有只有署名和日期的页", not alone, f"第 {alone} 页" if alone else f"{len(pages)} 页"))
    foot = [n for n, page in enumerate(pages, start=1)
            if (rest := [ln["text"] for ln in page if not PAGE_NUMBER.match(ln["text"])]) and HEADING.match(rest[-1]) and n < len(pages)]
    out.append(("页脚没有孤立的标题", not foot, f"第 {foot} 页" if foot else "无"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=Path, help="keep the DOCX and PDF files in this folder")
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("需要 LibreOffice（soffice）：apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("需要 pdfplumber：pip install -e '.[layout]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        repo = repository(tmp)
        out = args.keep or tmp / "out"
        out.mkdir(parents=True, exist_ok=True)
        files = []
        for doc_id in DOCUMENTS:
            f = out / f"{doc_id}.docx"
            f.write_bytes(render_document(repo, doc_id, "docx"))  # type: ignore[arg-type]
            files.append(f)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                       check=True, capture_output=True, timeout=600)
        from weibao.core.dataset import load_repository

        data = load_repository(repo)
        words = [u.name for u in data.units] + [data.settings.office.name] if data.settings else []
        passed = total = 0
        for doc_id, what in DOCUMENTS.items():
            print(f"\n== {doc_id}：{what}")
            for check, ok, figure in measure(out / f"{doc_id}.pdf", words):
                print(f"  {'✓' if ok else '✗'} {check}：{figure}")
                passed += ok
                total += 1
        print(f"\n通过 {passed}/{total} 项")
    return 0


if __name__ == "__main__":
    sys.exit(main())
