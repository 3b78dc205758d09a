"""render/pages.py: lines and pages counted from paragraphs on the GB/T 9704 grid (22 lines of 28.95 pt, 28
characters of 15.75 pt), and where the 版记 goes from that count."""

from __future__ import annotations

from weibao.render.pages import Para, line_count, paginate

LINE, CHAR = 28.95, 15.75


def body(text: str, **kw: object) -> Para:
    return Para(text, 16, LINE, CHAR, **{"first_indent": 2 * CHAR, **kw})  # type: ignore[arg-type]


def test_lines_hold_28_characters_26_after_the_indent():
    assert line_count(body("字" * 26)) == 1
    assert line_count(body("字" * 27)) == 2
    assert line_count(body("字" * 54)) == 2 and line_count(body("字" * 55)) == 3
    assert line_count(body("1" * 52)) == 1  # ASCII is half a character


def test_a_closing_mark_never_starts_a_line():
    # 26 characters fill the first line; the 27th is 。: it cannot start the second, so 字 goes down with it
    assert line_count(body("字" * 26 + "。")) == 2
    assert line_count(body("字" * 25 + "。")) == 1


def test_title_lines_and_tabs():
    assert line_count(Para("第一行\n第二行\n第三行", 22, 35, 22)) == 3
    assert line_count(body("\t奈曼旗人民政府办公室")) == 1


def test_22_lines_fill_a_page_and_the_23rd_starts_the_next():
    assert paginate([body("字" * 26)] * 22).pages == 1
    plan = paginate([body("字" * 26)] * 23)
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - LINE)) < 0.01


def test_a_paragraph_kept_with_the_next_moves_with_it():
    # one line left: a heading kept with the next cannot have the next's first line under it, so both move
    filler = [body("字" * 26)] * 21
    plan = paginate([*filler, body("一、标题", keep_next=True), body("字" * 80)])
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - 4 * LINE)) < 0.01
    # not kept: the heading stays at the foot of page 1
    plan = paginate([*filler, body("一、标题"), body("字" * 80)])
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - 3 * LINE)) < 0.01
    # two lines left: the heading and the first line of the next fit, the rest of it goes on
    plan = paginate([*filler[:20], body("一、标题", keep_next=True), body("字" * 80)])
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - 2 * LINE)) < 0.01


def test_page_break_before_starts_a_page_and_space_before_is_dropped_at_the_top():
    plan = paginate([body("正文"), body("附件", page_break=True, before=2 * LINE)])
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - 3 * LINE)) < 0.01
    plan = paginate([body("字" * 26)] * 22 + [body("字", before=LINE)])
    assert plan.pages == 2 and abs(plan.free - (225 / 25.4 * 72 - LINE)) < 0.01


def test_where_the_imprint_goes():
    from weibao.render.docx import imprint_height, imprint_page
    from weibao.render.pages import Plan

    imp = {"lines": ["抄送：旗委办公室，旗政府办公室。"], "printer": "某办", "print_date": "2026年1月1日"}
    assert imprint_height(imp) == 2 * 28.95 + 2
    assert imprint_page(Plan(pages=1, free=500), imp) == "next"  # odd: the 版记 on the next page, an even one
    assert imprint_page(Plan(pages=2, free=3 * 28.95 + 2), imp) == "same"
    assert imprint_page(Plan(pages=2, free=2 * 28.95), imp) == "after_blank"  # even and full: a blank page first
    # a long 抄送 wraps after the colon: 50 characters of 14 pt are two lines (29 on the first, 21 under the colon)
    long = {**imp, "lines": ["抄送：" + "旗委办公室，" * 7 + "旗人武部。"]}
    assert imprint_height(long) == 3 * 28.95 + 2
