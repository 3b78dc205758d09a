"""The printed page, measured (issue 20): every document type rendered to DOCX and HTML, printed to PDF by
LibreOffice and headless Chromium, and measured against GB/T 9704 (../shared/reference/gbt9704.md).

    apt-get install libreoffice-writer-nogui chromium fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai
    pip install -e '.[layout]'                                    # pdfplumber
    python benchmarks/layout_check.py [--keep DIR] [--png DIR] [--expect benchmarks/layout/expected.txt]

The set, built from a copy of the bundled data with the invented samples of examples/ and two invented 通知 written
here: the founding notice (sealed, two generated attachments, a four-line title, 附注), a numbered 通报 with its
版记, an unnumbered 通报 (a draft: no 版头), a 主任办公会纪要, an unsealed 通知 with one attachment, 附注 and 版记,
an upward 报告 (签发人, mark 80 mm down), the annual summary draft and the scheduled report.  Each is measured as
DOCX→LibreOffice and as HTML→Chromium: A4 and the 版心, the 发文机关标志's top edge (on the rendered ink, 35 mm or
80 mm under the 版心), page numbers (the dash 7 mm under the 版心, odd pages right, even pages left), 28 characters
a line and 22 lines a page, the title's 35 pt line and its breaks between words, the 版记 at the foot of an even
last page, no page holding only the signature block, no heading alone at a page foot, the signature block's
positions, and the font of each element.

Fonts: the documents name 仿宋_GB2312, 方正小标宋简体, 黑体 and 楷体_GB2312, which no free machine has.  Both
converters run with FONTCONFIG_FILE=benchmarks/layout/fonts.conf, which maps each name to an open font with the
same metrics for Chinese text (every character one em wide; ASCII half width for the body), so a measurement is the
same on every machine and the font checks can tell the elements apart.

It prints one row per document, format and check (✓ or ✗ and the figure) and the count.  With ``--expect FILE`` it
exits 1 when a check listed there as passing fails, or one listed as failing passes (update the file: the list of
known failures only shrinks); without it, it exits 1 on any failure.  ``--png DIR`` writes the pages of each DOCX
print (first and last page of each document type) as PNG: docs/documents.md shows them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.core.repository import Repository  # noqa: E402
from weibao.render import render_document  # noqa: E402

FONTS_CONF = ROOT / "benchmarks" / "layout" / "fonts.conf"
MM = 72 / 25.4  # points in a millimetre
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0  # margins of the 版心 (mm)
PAGE_W, PAGE_H = 210.0, 297.0
FOOT = PAGE_H - BOTTOM  # the foot of the 版心, from the top of the page
BODY_PT, TITLE_PT, IMPRINT_PT = 16.0, 22.0, 14.0
CHAR_MM = 156 / 28  # one character of the body: 28 a line
LINE_MM = 225 / 22  # one line of the body: 22 a page
# the open stand-ins of fonts.conf, as the PDF names them
FONT_OF = {"body": "UMing", "title": "NotoSerifCJK", "h1": "NotoSansCJK", "h2": "UKai"}
PAGE_NUMBER = re.compile(r"^[—-]\s*\d+\s*[—-]$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；，：]{0,20}$")

NOTIFICATION = """
number: 奈未保办发〔2026〕1号
cc: [旗委办公室, 旗政府办公室]
print_date: 2026-09-12
"""

def sample_head(doc_id: str, kind: str, number: int, title: str, to: str) -> str:
    """The first lines of an invented document record for the layout check (its comment says it is a sample)."""
    return f"""# 样例：版面检查用的虚构{kind}（不是真实公文）
id: {doc_id}
type: {kind}
issuer: 奈曼旗未成年人保护工作领导小组办公室
number: 奈未保办发〔2026〕{number}号
signer: 主任（样例）
title: {title}
to: [{to}]
body:
"""


NOTICE = sample_head("weibaoban-2026-9", "通知", 9, "关于开展2026年暑期未成年人保护专项检查的通知", "领导小组各成员单位, 各苏木乡镇（场、街道）") + """\
  - 为切实做好暑期未成年人保护工作（样例），经研究，决定在全旗开展专项检查。现将有关事项通知如下。
  - 一、检查内容
  - （一）校园周边环境。重点检查学校周边网吧、娱乐场所、烟酒销售点接纳未成年人和向未成年人销售烟酒的情况（样例）。
  - （二）水域安全。重点检查河流、水库、坑塘等危险水域的警示标志、防护设施和巡查值守情况（样例）。
  - 二、时间安排
  - 检查分自查、抽查、总结三个阶段，自7月1日开始，8月31日前结束。各单位于9月5日前将检查情况报送旗未保办（样例）。
  - 三、工作要求
  - 各单位要高度重视，明确专人负责，确保检查不走过场；发现的问题要建立台账，限期整改，整改情况及时报送旗未保办（样例）。
attachments:
  - title: 2026年暑期未成年人保护专项检查情况统计表
    body:
      - 一、检查单位数量（样例）
      - 二、发现问题数量及整改情况（样例）
date: 2026-06-20
sealed: false
note: 联系人：旗未保办（样例），联系电话：（样例）
cc: [旗委办公室, 旗政府办公室]
printer: 奈曼旗未成年人保护工作领导小组办公室
print_date: 2026-06-21
"""

REPORT = sample_head("weibaoban-2026-10", "报告", 10, "关于2026年上半年未成年人保护工作情况的报告", "旗未成年人保护工作领导小组") + """\
  - 现将2026年上半年全旗未成年人保护工作情况报告如下（样例）。
  - 一、主要工作
  - 召开主任办公会1次，研究议定事项2项，均按时限推进（样例）。
  - 二、下一步打算
  - 继续推进协调机制建设，做好暑期安全工作（样例）。
  - 特此报告。
attachments:
  - title: 2026年上半年议定事项落实情况
    body: [议定事项落实情况（样例）。]
  - title: 2026年上半年督查督办情况
    body: [督查督办情况（样例）。]
date: 2026-07-05
"""


SWEEP_PARAGRAPH = ("各成员单位要按照职责分工，加强协调配合，及时报送工作进展情况，确保各项任务落到实处，"
                   "遇有重大情况及时报告旗未保办（样例）。")


def sweep_notice(k: int) -> str:
    """An invented 通知 of ``k`` paragraphs (every two lines longer): the sweep ends its text at every height of a page,
    so the 版记 goes under the text, on the next page and after a blank one, and the page count is checked each time."""
    body = "\n".join(f"  - {'（' + '一二三四五六七八九十'[i % 10] + '）' if i % 4 == 1 else ''}{SWEEP_PARAGRAPH}" for i in range(k))
    return sample_head(f"sweep-{k}", "通知", 20 + k, "关于做好未成年人保护重点工作的通知", "领导小组各成员单位") + f"""\
{body}
date: 2026-08-{k % 28 + 1:02d}
cc: [旗委办公室, 旗政府办公室, 旗人大常委会办公室, 旗政协办公室, 旗纪委监委机关, 旗法院, 旗检察院, 旗人武部]
printer: 奈曼旗未成年人保护工作领导小组办公室
print_date: 2026-08-{k % 28 + 1:02d}
"""


SWEEP = range(3, 27, 2)


def _full_even_page(repo: Repository) -> None:
    """The notice ``blank-end``: one-line paragraphs added until its text fills an even page too far for the 版记,
    which then goes on the page after a blank one (render/pages.py says when; the print shows whether it was right)."""
    from weibao.core.dataset import load_repository
    from weibao.render import document_view_of
    from weibao.render.docx import imprint_layout

    path = repo.root / "data" / "documents" / "2026" / "blank-end.yaml"
    for n in range(20, 80):
        text = sweep_notice(1).replace("id: sweep-1", "id: blank-end").replace("〔2026〕21号", "〔2026〕60号")
        text = text.replace("body:\n", "body:\n" + "  - 各成员单位要抓好落实（样例）。\n" * n)
        path.write_text(text, encoding="utf-8")
        layout = imprint_layout(document_view_of(load_repository(repo), "blank-end"))
        if layout and layout["where"] == "after_blank":
            return
    raise RuntimeError("no length of blank-end fills an even page")


@dataclass(frozen=True)
class Sample:
    name: str  # the output file's stem
    what: str
    sealed: bool = True
    upward: bool = False
    mark: bool = True  # a red 版头 (a draft or a working paper has none)


SAMPLES = [
    Sample("zhengban-2022-40", "成立通知（加盖印章，两个生成的附件，四行标题，附注）"),
    Sample("tb-2026-2", "已编号的通报（加盖印章，抄送，版记）"),
    Sample("tb-2026-1", "未编号的通报（草稿，无版头）", mark=False),
    Sample("2026-03-15-director", "主任办公会纪要（报、发，版记）", sealed=False),
    Sample("weibaoban-2026-9", "不加盖印章的通知（一个附件，附注，版记）", sealed=False),
    Sample("weibaoban-2026-10", "上行文报告（签发人，两个附件）", upward=True),
    Sample("summary-2026", "年度工作总结草稿（无版头）", sealed=False, mark=False),
    Sample("report", "定期报告（工作材料，无版头）", sealed=False, mark=False),
    *(Sample(f"sweep-{k}", f"{k} 段正文的通知（两行抄送）") for k in SWEEP),
    Sample("blank-end", "正文排满偶数页的通知（空一页，版记另起一页，两页都不编页码）"),
]


def repository(tmp: Path) -> Repository:
    """A copy of the bundled data with the invented samples: meetings, the sample year, the two 通报, two 通知."""
    repo = tmp / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copytree(ROOT / "examples" / "meetings" / "good" / "2026", repo / "data" / "meetings" / "2026")
    shutil.copytree(ROOT / "examples" / "year" / "data", repo / "data", dirs_exist_ok=True)
    draft = repo / "data" / "notifications" / "2026" / "tb-2026-1.yaml"
    numbered = draft.with_name("tb-2026-2.yaml")
    numbered.write_text(draft.read_text(encoding="utf-8").replace("id: tb-2026-1", "id: tb-2026-2") + NOTIFICATION, encoding="utf-8")
    (repo / "data" / "documents" / "2026").mkdir(parents=True)
    (repo / "data" / "documents" / "2026" / "weibaoban-2026-9.yaml").write_text(NOTICE, encoding="utf-8")
    (repo / "data" / "documents" / "2026" / "weibaoban-2026-10.yaml").write_text(REPORT, encoding="utf-8")
    for k in SWEEP:
        (repo / "data" / "documents" / "2026" / f"sweep-{k}.yaml").write_text(sweep_notice(k), encoding="utf-8")
    _full_even_page(Repository(repo))
    return Repository(repo)


def render_all(repo: Repository, out: Path) -> None:
    """Every sample as NAME.docx and NAME.html in ``out``."""
    for s in SAMPLES:
        if s.name in ("summary-2026", "report"):
            continue
        (out / f"{s.name}.docx").write_bytes(render_document(repo, s.name, "docx"))  # type: ignore[arg-type]
        (out / f"{s.name}.html").write_text(str(render_document(repo, s.name, "html")), encoding="utf-8")
    cli = [sys.executable, "-m", "weibao"]
    env = {**os.environ, "NO_COLOR": "1"}
    for fmt in ("docx", "html"):
        subprocess.run([*cli, "annual", "summary", "2026", "--as-of", "2026-12-31", "--format", fmt, "--out", str(out / f"summary-2026.{fmt}")],
                       cwd=repo.root, env=env, check=True, capture_output=True, timeout=300)
        subprocess.run([*cli, "report", "--as-of", "2026-12-31", "--format", fmt, "--out", str(out / f"report-{fmt}")],
                       cwd=repo.root, env=env, check=True, capture_output=True, timeout=300)
        shutil.copy(out / f"report-{fmt}" / f"report.{fmt}", out / f"report.{fmt}")


def print_pdfs(out: Path) -> None:
    """DOCX → NAME.docx.pdf by one LibreOffice run, HTML → NAME.html.pdf by headless Chromium, both with the stand-in fonts."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert soffice and chromium
    pdfs = out / "lo"
    pdfs.mkdir(exist_ok=True)
    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(pdfs),
                    *(str(out / f"{s.name}.docx") for s in SAMPLES)], env=env, check=True, capture_output=True, timeout=900)
    for s in SAMPLES:
        (pdfs / f"{s.name}.pdf").replace(out / f"{s.name}.docx.pdf")
    for s in SAMPLES:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={out / 'chromium-profile'}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out / f'{s.name}.html.pdf'}", (out / f"{s.name}.html").as_uri()],
                       env=env, check=True, capture_output=True, timeout=300)


# -- measuring ----------------------------------------------------------------------------------------------------


def lines_of(page: Any) -> list[dict[str, Any]]:
    """The page's text lines, top to bottom: text, top/bottom/left/right (mm), the largest size, the characters."""
    rows: list[list[dict[str, Any]]] = []  # characters on one baseline (within 2 pt: fonts differ), left to right
    for c in sorted((c for c in page.chars if c["text"].strip()), key=lambda c: -c["matrix"][5]):
        if rows and abs(rows[-1][0]["matrix"][5] - c["matrix"][5]) <= 2:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for cs in rows:
        cs.sort(key=lambda c: c["x0"])
        out.append({"text": "".join(_radical(c["text"]) for c in cs), "top": min(c["top"] for c in cs) / MM,
                    "bottom": max(c["bottom"] for c in cs) / MM, "left": cs[0]["x0"] / MM, "right": cs[-1]["x1"] / MM,
                    "size": max(round(c["size"]) for c in cs), "chars": cs,
                    "base": max(page.height - c["matrix"][5] for c in cs) / MM})  # the baseline
    return out


def _radical(ch: str) -> str:
    """A Kangxi radical (U+2F00–U+2FDF; Chromium's fonts map 一 and 工 to them) as the character it stands for."""
    return unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch


def _ink_rows(page: Any, box: tuple[float, float, float, float], test: Any) -> list[float]:
    """Rows (mm from the top of the page) in ``box`` (x0, top, x1, bottom in mm) holding a pixel that passes ``test``."""
    dpm = 10  # pixels a millimetre
    crop = page.crop(tuple(v * MM for v in box)).to_image(resolution=254).original.convert("RGB")
    px = crop.load()
    w, h = crop.size
    return [box[1] + y / dpm for y in range(h) if any(test(px[x, y]) for x in range(w))]


def _red_char(c: dict[str, Any]) -> bool:
    color = c.get("non_stroking_color")
    return isinstance(color, (tuple, list)) and len(color) == 3 and color[0] > 0.7 and color[1] < 0.4 and color[2] < 0.4


def _red(p: tuple[int, int, int]) -> bool:
    return p[0] > 180 and p[1] < 110 and p[2] < 110


def _dark(p: tuple[int, int, int]) -> bool:
    return max(p) < 100


def _font(c: dict[str, Any]) -> str:
    return str(c.get("fontname", "")).split("+")[-1].replace(" ", "")


def _full_width(text: str) -> bool:
    return all(ord(ch) >= 0x2E80 for ch in text)


Check = tuple[str, bool, str]


def measure(pdf_path: Path, sample: Sample, plan: Any = None) -> list[Check]:
    """The checks for one printed sample: (check, passed, what was measured)."""
    import pdfplumber

    out: list[Check] = []
    with pdfplumber.open(pdf_path) as pdf:
        pages = [lines_of(p) for p in pdf.pages]
        size = (round(pdf.pages[0].width / MM), round(pdf.pages[0].height / MM))
        first = pdf.pages[0]
        first_line = min((c["top"] for c in first.chars if c["text"].strip() and not _red_char(c)), default=PAGE_H * MM) / MM
        red = _ink_rows(first, (LEFT - 5, 0, PAGE_W - RIGHT + 5, max(first_line - 1, TOP)), _red)  # above the first black line
        number_gap = None  # from the bottom of the 发文字号's ink to the top of the red line's
        number = next((ln for ln in lines_of(first) if re.search(r"〔\d{4}〕\d+号|第\d+期", ln["text"]) and not _red_char(ln["chars"][0])), None)
        if number is not None and red:
            ink = _ink_rows(first, (LEFT, number["top"] - 2, PAGE_W - RIGHT, number["bottom"] + 3), _dark)
            below = _ink_rows(first, (LEFT, number["bottom"], PAGE_W - RIGHT, number["bottom"] + 15), _red)
            if ink and below:
                number_gap = below[0] - ink[-1]
        dashes = []
        for n, page in enumerate(pages):
            for ln in page:
                if PAGE_NUMBER.match(ln["text"]):
                    dash = ln["chars"][0]
                    box = (dash["x0"] / MM, dash["top"] / MM, dash["x1"] / MM, dash["bottom"] / MM)
                    ink = _ink_rows(pdf.pages[n], box, _dark)
                    if ink:
                        dashes.append((n + 1, ln, ink[0]))
    body_pages = [[ln for ln in page if not PAGE_NUMBER.match(ln["text"])] for page in pages]
    text = [ln for page in body_pages for ln in page]
    out.append(("A4", size == (PAGE_W, PAGE_H), f"{size[0]}×{size[1]} mm"))
    left, right = min(ln["left"] for ln in text), max(ln["right"] for ln in text)
    out.append(("版心左右", left >= LEFT - 0.5 and right <= PAGE_W - RIGHT + 0.5, f"{left:.1f}–{right:.1f} mm（28–184）"))
    top, bottom = min(ln["top"] for ln in text), max(ln["bottom"] for ln in text)
    out.append(("版心上下", top >= TOP - 0.5 and bottom <= FOOT + 0.5, f"{top:.1f}–{bottom:.1f} mm（37–262）"))
    if sample.mark and number_gap is not None:
        out.append(("红色分隔线在发文字号下 4 mm", abs(number_gap - 4) <= 1, f"{number_gap:.1f} mm（4）"))
    if sample.mark:
        want = 80 if sample.upward else 35
        got = red[0] - TOP if red else None
        out.append(("发文机关标志上边缘距版心", got is not None and abs(got - want) <= 1,
                    f"{got:.1f} mm（{want}）" if got is not None else "没有红色发文机关标志"))
    else:
        out.append(("草稿和工作材料没有红色版头", not red, "有红色" if red else "无"))
    if dashes:
        worst = max(dashes, key=lambda d: abs(d[2] - FOOT - 7))
        out.append(("页码一字线距版心下边缘", abs(worst[2] - FOOT - 7) <= 1, f"{worst[2] - FOOT:.1f} mm（7）"))
        wrong = [n for n, ln, _ in dashes
                 if (abs(ln["right"] - (PAGE_W - RIGHT - 14 / MM)) > 1.5 if n % 2 else abs(ln["left"] - (LEFT + 14 / MM)) > 1.5)]
        out.append(("页码单页居右、双页居左，空一字", not wrong, f"第 {wrong} 页" if wrong else f"{len(dashes)} 个页码"))
    else:
        out.append(("页码", False, "没有页码"))
    body = [ln for ln in text if ln["size"] == BODY_PT and FONT_OF["body"] in _font(ln["chars"][-1])]
    full = [ln for ln in body if ln["right"] > PAGE_W - RIGHT - 1.5 and _full_width(ln["text"]) and len(ln["text"]) > 20]
    if full:  # most full lines hold 28 characters (a line one short is justified when 避头尾 moves a character down)
        pitches = sorted((ln["right"] - ln["left"]) / len(ln["text"]) for ln in full)
        median, densest = pitches[len(pitches) // 2], pitches[0]
        out.append(("正文每行 28 字（字距）", abs(median - CHAR_MM) <= 0.03 and densest >= CHAR_MM - 0.06,
                    f"{len(full)} 个整行，中位 {median:.3f} mm/字 ≈ {156 / median:.1f} 字，最密 {156 / densest:.1f} 字（28）"))
    gaps = [b["base"] - a["base"] for page in body_pages for a, b in zip(page, page[1:])
            if a["size"] == b["size"] == BODY_PT and 0 < b["base"] - a["base"] < 1.5 * LINE_MM]
    if gaps:
        worst_gap = max(gaps, key=lambda g: abs(g - LINE_MM))
        per_page = max(sum(1 for ln in page if ln["size"] == BODY_PT) for page in body_pages)
        # 0.4 mm: a line set in 黑体 sits its baseline up to 1 pt off in a fixed line (the font's own ascent)
        out.append(("正文每面 22 行（行距）", abs(worst_gap - LINE_MM) <= 0.4 and per_page <= 22,
                    f"行距最偏 {worst_gap:.2f} mm（{LINE_MM:.2f}），每面最多 {per_page} 行"))
    title = [ln for ln in pages[0] if ln["size"] == TITLE_PT]
    if len(title) > 1:
        pitch = max(abs((b["base"] - a["base"]) * MM - 35) for a, b in zip(title, title[1:]))
        out.append(("标题行距 35 磅", pitch <= 1, f"最偏 {pitch:.1f} 磅"))
        whole = "".join(ln["text"] for ln in title)
        cuts = _word_breaks(whole)
        breaks, at = [], 0
        for ln in title[:-1]:
            at += len(ln["text"])
            breaks.append(at)
        bad = [whole[b - 2 : b] + "｜" + whole[b : b + 2] for b in breaks if b not in cuts]
        out.append(("标题在词间回行（jieba 词典）", not bad, "、".join(bad) or f"{len(title)} 行"))
    first_title = next((i for i, ln in enumerate(body_pages[0]) if ln["size"] == TITLE_PT), 0)
    out.extend(_fonts(body_pages[0][first_title:] + [ln for page in body_pages[1:] for ln in page]))
    def is_imprint(ln: dict[str, Any]) -> bool:  # 4号仿宋: the 版记's lines (a working paper's 4号 headings are 黑体)
        return bool(ln["size"] == IMPRINT_PT and FONT_OF["body"] in _font(ln["chars"][0]))

    imprint = [ln for ln in body_pages[-1] if is_imprint(ln)]
    elsewhere = [n for n, rest in enumerate(body_pages[:-1], start=1) if any(is_imprint(ln) for ln in rest)]
    if elsewhere:  # a 版记 that is not on the last page
        out.append(("版记在最后一页", False, f"版记在第 {elsewhere} 页，共 {len(pages)} 页"))
    if imprint:
        gap = FOOT - imprint[-1]["bottom"]
        # on the last line of the 版心 (GB/T 9704: 版记的最后一个要素置于最后一行): its characters within the last
        # 28.95 pt line, so at most a line less a 4号 character (10.21 − 4.94 mm) above the foot
        out.append(("版记在最后一页版心底部", -0.5 <= gap <= LINE_MM - IMPRINT_PT / MM, f"距版心下边缘 {gap:.1f} mm"))
        out.append(("版记在偶数页", len(pages) % 2 == 0, f"共 {len(pages)} 页"))
    alone = [n for n, rest in enumerate(body_pages, start=1)
             if rest and len(rest) <= 3 and any(DATE.match(ln["text"]) for ln in rest) and not any(len(ln["text"]) > 24 for ln in rest)]
    out.append(("没有只有署名和日期的页", not alone, f"第 {alone} 页" if alone else f"{len(pages)} 页"))
    last_text = max((n for n, rest in enumerate(body_pages, start=1) if any(ln["size"] == BODY_PT for ln in rest)), default=0)
    foot = [n for n, rest in enumerate(body_pages, start=1) if rest and HEADING.match(rest[-1]["text"]) and n < last_text]
    out.append(("页脚没有孤立的标题", not foot, f"第 {foot} 页" if foot else "无"))
    out.extend(_signature(body_pages, sample))
    out.extend(_alignments(body_pages))
    out.extend(_clean_body(body_pages))
    last_text_page = max((n for n, rest in enumerate(body_pages, start=1) if any(ln["size"] in (BODY_PT, TITLE_PT) for ln in rest)), default=0)
    if imprint and last_text_page and len(pages) - last_text_page >= 2:  # a blank page before the 版记's: neither numbered (7.5.2)
        numbered = [n for n, _ln, _ink in dashes if n > last_text_page]
        out.append(("空白页和版记页不编页码", not numbered, f"第 {numbered} 页有页码" if numbered else f"第 {last_text_page + 1}–{len(pages)} 页无页码"))
    if plan is not None and any(ln["size"] == BODY_PT for ln in text):
        text_pages = max((n for n, rest in enumerate(body_pages, start=1) if any(ln["size"] in (BODY_PT, TITLE_PT) for ln in rest)), default=0)
        out.append(("weibao 算出的正文页数", plan.pages == text_pages, f"算出 {plan.pages} 页，实际 {text_pages} 页"))
    return out


def _word_breaks(text: str) -> set[int]:
    """Where a line may break in ``text`` by a judge independent of weibao's own title breaking (domain/titles.py):
    between the words of jieba's dictionary, never inside a number or between a number and its 年/月/日/号."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    cuts, at = {0}, 0
    for w in jieba.cut(text, HMM=False):
        at += len(w)
        cuts.add(at)
    return {b for b in cuts if not (0 < b < len(text) and text[b - 1].isdigit() and (text[b].isdigit() or text[b] in "年月日号期届次"))}


NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _fonts(text: list[dict[str, Any]]) -> list[Check]:
    """Each element in its font (as stand-ins): the title 小标宋; a heading on a line of its own 黑体 (一、) or 楷体
    (（一）), and so the 附件 mark and the 纪要's 出席/请假/列席; text without a number 仿宋; and the numbers of one
    list all in one font (a numbered article may print its number in the heading font and its text in 仿宋, a list
    item all in 仿宋 — but never some items one way and some the other)."""
    wrong: list[str] = []
    seen = set()
    lists: dict[str, tuple[str, str]] = {}  # level → (font of the first number in the list, its line)
    for ln in text:
        t, cs = ln["text"], ln["chars"]
        number = NUMBER.match(t)
        if ln["size"] == TITLE_PT:
            role, sample = "title", cs
        elif ln["size"] != BODY_PT:
            continue
        elif re.match(r"^(?:附件\d*$|(?:出席|请假|列席)：)", t):
            role, sample = "h1", cs[:2]
        elif number and HEADING.match(t) and ln["right"] < PAGE_W - RIGHT - 6:  # a heading alone on its line
            role, sample = ("h2" if t[0] == "（" else "h1"), cs
        elif number:
            level = "h2" if t[0] == "（" else "h1"
            if level == "h1":
                lists.pop("h2", None)  # a new 一、 starts new （一） lists
            font = _font(cs[0])
            first = lists.setdefault(level, (font, t))
            if first[0] != font and len(wrong) < 3:
                wrong.append(f"{t[:8]}…的序号是 {font}，同一层的 {first[1][:6]}… 是 {first[0]}")
            continue
        else:
            role, sample = "body", [c for c in cs if "\u4e00" <= c["text"] <= "\u9fff"][:3]
        seen.add(role)
        bad = [c for c in sample if FONT_OF[role] not in _font(c)]
        if bad and len(wrong) < 3:
            wrong.append(f"{t[:8]}…（{role}: {_font(bad[0])}）")
    return [("字体（标题小标宋、正文仿宋、一级标题黑体、二级标题楷体）", not wrong, "；".join(wrong) or "、".join(sorted(seen)))]


INTERNALS = re.compile(r"WB\d{3}|--[a-z]|\b\d{4}-\d{2}-\d{2}\b|\b(?:db|dc|tb|yj|zy)-\d{4}-\d+\b|请根据以上情况填写|本稿由")


def _clean_body(body_pages: list[list[dict[str, Any]]]) -> list[Check]:
    """Nothing a clerk did not write in the printed text below the title: no validator codes, command-line flags,
    ISO dates, record ids or generator remarks (a draft says what it is in its note above the title, not here)."""
    first_title = next((i for i, ln in enumerate(body_pages[0]) if ln["size"] == TITLE_PT), 0)
    text = [ln["text"] for ln in body_pages[0][first_title:]] + [ln["text"] for page in body_pages[1:] for ln in page]
    found = sorted({m.group() for t in text for m in INTERNALS.finditer(t)})
    return [("正文没有校验编号、记录 id、命令行选项、ISO 日期和生成说明", not found, "、".join(found) or "无")]


def _alignments(body_pages: list[list[dict[str, Any]]]) -> list[Check]:
    """Lines that hang under a label: 附件说明 (a second attachment under the first's number, wrapped names under
    the name), 抄送 (wrapped under the first name), 出席/请假/列席 (左空二字, wrapped under the first name); the 附注
    on the line under the date, no blank line between."""
    out: list[Check] = []
    bad: list[str] = []
    for page in body_pages:
        for i, ln in enumerate(page):
            t = ln["text"]
            label = re.match(r"^(附件：|抄送：|出席：|请假：|列席：|报：|发：)", t)
            if label is None:
                continue
            hang = ln["chars"][label.end()]["x0"] / MM  # where the text after the label starts
            if t.startswith(("出席", "请假", "列席")) and abs(ln["left"] - (LEFT + 2 * CHAR_MM)) > 0.6:
                bad.append(f"{t[:3]}左空 {(ln['left'] - LEFT) / CHAR_MM:.1f} 字")
            for nxt in page[i + 1 : i + 4]:  # its continuation lines (and the next attachments)
                if re.match(r"^(附件|抄送|出席|请假|列席|报：|发：|奈曼旗|\d{4}年)", nxt["text"]) or nxt["size"] != ln["size"]:
                    break
                if abs(nxt["left"] - hang) > 0.6:
                    bad.append(f"{t[:3]}的下一行“{nxt['text'][:4]}…”起于 {nxt['left']:.1f} mm，应在 {hang:.1f} mm")
    out.append(("附件说明、抄送、出席的回行对齐", not bad, "；".join(bad[:3]) or "对齐"))
    gaps = []
    for page in body_pages:
        for a, b in zip(page, page[1:]):
            if DATE.match(a["text"]) and b["text"].startswith("（") and b["size"] == BODY_PT:
                gaps.append(b["base"] - a["base"])
    if gaps:
        worst = max(gaps, key=lambda g: abs(g - LINE_MM))
        out.append(("附注紧接成文日期的下一行", abs(worst - LINE_MM) <= 0.4, f"行距 {worst:.1f} mm（{LINE_MM:.1f}）"))
    return out


def _signature(body_pages: list[list[dict[str, Any]]], sample: Sample) -> list[Check]:
    """署名 and 成文日期: sealed, the date 右空四字 and the 署名 centred over it; unsealed, the 署名 右空二字 and the
    date's first character two characters right of the 署名's."""
    for page in body_pages:
        for i, ln in enumerate(page):
            if DATE.match(ln["text"]) and i and ln["right"] > 120 and page[i - 1]["right"] > 120:
                sig, date = page[i - 1], ln
                if sample.sealed:  # the date 右空四字, or the 署名 右空二字 when it is too long to centre over such a date
                    off = (sig["left"] + sig["right"]) / 2 - (date["left"] + date["right"]) / 2
                    right = (PAGE_W - RIGHT - date["right"]) / CHAR_MM
                    sig_right = (PAGE_W - RIGHT - sig["right"]) / CHAR_MM
                    # 0.6 of a character: LibreOffice widens a date by up to one (space between Chinese and digits,
                    # whatever the DOCX says), so a date centred where Word puts it ends half a character short
                    ok = abs(off) <= 1 and (abs(right - 4) <= 0.6 or (right > 4 and abs(sig_right - 2) <= 0.6))
                    return [("署名居中于日期，日期右空四字", ok, f"署名偏 {off:+.1f} mm，日期右空 {right:.1f} 字，署名右空 {sig_right:.1f} 字")]
                sig_right = (PAGE_W - RIGHT - sig["right"]) / CHAR_MM
                shift = (date["left"] - sig["left"]) / CHAR_MM
                ok = abs(sig_right - 2) <= 0.3 and abs(shift - 2) <= 0.3 if date["right"] < sig["right"] else abs(sig_right - 2) <= 0.3
                return [("署名右空二字，日期首字右移二字", ok, f"署名右空 {sig_right:.1f} 字，日期右移 {shift:.1f} 字")]
    return []


# -- running --------------------------------------------------------------------------------------------------------


def _plan(docx_path: Path) -> Any:
    """weibao's own count of the text's pages (render/pages.py), from the paragraphs of the DOCX it wrote, up to the
    last one with text (the 版记's anchor and a blank page after it are not text)."""
    import docx

    from weibao.render.docx import plan_of

    d = docx.Document(str(docx_path))
    paras = d.paragraphs
    last = max((i for i, p in enumerate(paras) if p.text.strip()), default=-1)
    return plan_of(paras[: last + 1])


def _pngs(out: Path, dest: Path) -> None:
    """The first and the last page of each document type's DOCX print, as small PNGs (docs/documents.md)."""
    import pdfplumber
    from PIL import Image

    dest.mkdir(parents=True, exist_ok=True)
    for s in SAMPLES:
        if s.name.startswith("sweep-"):
            continue
        with pdfplumber.open(out / f"{s.name}.docx.pdf") as pdf:
            numbers = sorted({1, len(pdf.pages)})
            for n in numbers:
                image = pdf.pages[n - 1].to_image(resolution=72).original.convert("RGB")
                image.quantize(colors=16, method=Image.Quantize.MEDIANCUT).save(dest / f"{s.name}-{n}.png", optimize=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, help="keep the DOCX, HTML and PDF files in this folder")
    ap.add_argument("--png", type=Path, help="write the first and last page of each document type's DOCX print as PNG here")
    ap.add_argument("--expect", type=Path, help="the known failures; exit 1 only when the result differs from them")
    args = ap.parse_args()
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's Type 3 fonts have no FontBBox: a warning a character
    missing = [name for name, found in (("LibreOffice（libreoffice-writer-nogui）", shutil.which("soffice") or shutil.which("libreoffice")),
                                        ("Chromium（chromium）", shutil.which("chromium") or shutil.which("chromium-browser")))
               if not found]
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        missing.append("pdfplumber（pip install -e '.[layout]'）")
    if missing:
        print("需要：" + "、".join(missing), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        repo = repository(tmp)
        out = args.keep or tmp / "out"
        out.mkdir(parents=True, exist_ok=True)
        render_all(repo, out)
        print_pdfs(out)
        plans = {s.name: _plan(out / f"{s.name}.docx") for s in SAMPLES}
        failed: set[str] = set()
        passed = total = 0
        for s in SAMPLES:
            for fmt, reader in (("docx", "LibreOffice"), ("html", "Chromium")):
                print(f"\n== {s.name}.{fmt}（{reader}）：{s.what}")
                for check, ok, figure in measure(out / f"{s.name}.{fmt}.pdf", s, plans.get(s.name)):
                    print(f"  {'✓' if ok else '✗'} {check}：{figure}")
                    passed += ok
                    total += 1
                    if not ok:
                        failed.add(f"{s.name}.{fmt} {check}")
        if args.png:
            _pngs(out, args.png)
    print(f"\n通过 {passed}/{total} 项")
    if args.expect is None:
        return 0 if not failed else 1
    known = {ln.strip() for ln in args.expect.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")}
    new, fixed = sorted(failed - known), sorted(known - failed)
    for x in new:
        print(f"新的不通过（原来通过）：{x}")
    for x in fixed:
        print(f"已经通过，请从 {args.expect} 删去：{x}")
    return 1 if new or fixed else 0


if __name__ == "__main__":
    sys.exit(main())
