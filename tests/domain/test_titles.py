"""A long 标题 breaks between words (GB/T 9704 7.3.1: 回行时词意完整、排列对称)."""

from __future__ import annotations

import pytest

from weibao.domain.titles import TITLE_CHARS, title_lines, words_of

FOUNDING = ("奈曼旗人民政府办公室关于印发《奈曼旗未成年人保护工作领导小组办公室工作规则》和"
            "《奈曼旗未成年人保护工作领导小组成员单位职责任务分工》的通知")


def test_the_founding_notice_title_keeps_its_words_whole():
    lines = title_lines(FOUNDING, ["奈曼旗", "奈曼旗人民政府办公室"])
    assert lines == ["奈曼旗人民政府办公室关于印发《奈曼旗", "未成年人保护工作领导小组办公室",
                     "工作规则》和《奈曼旗未成年人保护工作", "领导小组成员单位职责任务分工》的通知"]
    assert "".join(lines) == FOUNDING


@pytest.mark.parametrize("title, expected", [
    ("关于2026年第三季度未成年人保护工作进展情况的通报", ["关于2026年第三季度", "未成年人保护工作进展情况的通报"]),
    ("未成年人保护工作情况报告（截至2026年12月31日）", ["未成年人保护工作情况报告", "（截至2026年12月31日）"]),
    ("关于做好寒假期间未成年人安全工作的通知", ["关于做好寒假期间未成年人安全工作的通知"]),  # fits one line
])
def test_titles_break_between_words_and_evenly(title: str, expected: list[str]):
    assert title_lines(title) == expected


def test_no_line_is_longer_than_the_line_nor_starts_with_a_closing_mark():
    for title in (FOUNDING, "关于《某某某某某某某某某某某某某某某某某》（试行）的说明和补充意见的函"):
        lines = title_lines(title)
        assert all(len(line) <= TITLE_CHARS for line in lines) and "".join(lines) == title
        assert not any(line[0] in "》）、，。" for line in lines) and not any(line[-1] in "《（" for line in lines)


def test_numbers_and_dates_are_one_word():
    assert words_of("截至2026年12月31日第3期", []) == ["截至", "2026年12月31日", "第", "3期"]


def test_a_word_longer_than_a_line_is_cut_at_the_line():
    title = "关于" + "甲" * 30
    assert title_lines(title) == [title[:20], title[20:]]
