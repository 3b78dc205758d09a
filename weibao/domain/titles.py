"""Where a long 标题 breaks into lines: between words, never inside one (未成｜年人, 工作｜规则, 12｜月31日).

GB/T 9704 7.3.1 sets the title in 2号小标宋 on one or more lines, "回行时，要做到词意完整，排列对称，长短适宜，间距恰当",
in a trapezoid or diamond.  A 156 mm 版心 holds 20 characters of 2号 (22 pt).  The title is cut into words by
forward longest match against a word list — the office's own words (unit names, glossary terms …, passed in) and the
words every title of the office uses (``COMMON``) — with numbers and dates kept whole; the lines are then chosen among
the word boundaries so that they are as even as possible, none longer than the line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

TITLE_CHARS = 20  # 2号 (22 pt) characters in a 156 mm line

# words of the office's titles that the data do not list (doc types, 关于/印发/转发, time words, work words)
COMMON = (
    "关于", "印发", "转发", "进一步", "加强", "做好", "开展", "推进", "落实", "建立", "健全", "完善",
    "通知", "通报", "报告", "请示", "批复", "意见", "决定", "纪要", "函", "方案", "规则", "办法", "制度", "细则",
    "未成年人", "保护", "工作", "领导小组", "办公室", "成员单位", "职责", "任务", "分工", "情况", "进展", "重点",
    "工作规则", "职责分工", "任务分工", "工作要点", "工作总结", "工作计划", "截至", "关于", "有关",
    "年度", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "总结", "计划", "要点", "专项", "行动",
    "检查", "督查", "督办", "调研", "研究", "会议", "联合", "专题", "关爱", "服务", "留守儿童", "困境儿童", "儿童",
    "苏木乡镇", "嘎查村", "社区", "学校", "校园", "周边", "环境", "安全", "网络", "家庭", "监护", "救助", "康复",
)
_WHOLE = re.compile(r"\d+(?:\.\d+)?(?:年\d+月\d+日|年\d+月|月\d+日|年度|年|月|日|号|期|次|届|个|项|件|名|人)?|〔\d{4}〕\d+号")
_NO_START = set("》）〕」』，、。；：？！”’")  # a line never starts with these
_NO_END = set("《（〔「『“‘")  # nor ends with these


def words_of(title: str, words: Iterable[str]) -> list[str]:
    """The title cut into words: numbers with their unit (2026年, 12月31日) whole, then the longest listed word at each
    place, else one character."""
    vocab = {w for w in (*COMMON, *words) if 1 < len(w) <= 16}
    longest = max((len(w) for w in vocab), default=1)
    out: list[str] = []
    i = 0
    while i < len(title):
        m = _WHOLE.match(title, i)
        if m and m.end() > i:
            out.append(m.group())
            i = m.end()
            continue
        for n in range(min(longest, len(title) - i), 1, -1):
            if title[i : i + n] in vocab:
                out.append(title[i : i + n])
                i += n
                break
        else:
            out.append(title[i])
            i += 1
    return out


def title_lines(title: str, words: Iterable[str] = (), width: int = TITLE_CHARS) -> list[str]:
    """The title's lines: one when it fits; else the fewest lines that break only between words (not between two
    characters the word list does not know, not before a closing or after an opening mark), as even in length as
    possible.  A word longer than a line is cut at the
    line's end (nothing else fits)."""
    if len(title) <= width:
        return [title]
    cut = words_of(title, words)
    cuts = [0]
    for w in cut:
        cuts.append(cuts[-1] + len(w))
    ok = [c for k, c in enumerate(cuts[1:-1]) if title[c] not in _NO_START and title[c - 1] not in _NO_END
          and not (_loose(cut[k]) and _loose(cut[k + 1]))]
    points = [0, *ok, len(title)]
    for lines in range(math.ceil(len(title) / width), len(title) + 1):
        best = _even(points, lines, width, len(title) / lines)
        if best is not None:
            return [title[a:b] for a, b in zip(best, best[1:])]
    return [title[i : i + width] for i in range(0, len(title), width)]  # pragma: no cover — single characters always fit


def _loose(token: str) -> bool:
    """A character the word list does not know (not a mark): two such side by side may be one word (截至, 处置)."""
    return len(token) == 1 and token.isalnum()


def _even(points: list[int], lines: int, width: int, target: float) -> list[int] | None:
    """The break points (from ``points``, first and last included) giving ``lines`` lines of at most ``width`` with the
    least squared difference from ``target``; None when there are none."""
    end = points[-1]
    # best[k][j]: (cost, previous index) of ending line k at points[j]
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for _k in range(lines):
        row: dict[int, tuple[float, int]] = {}
        for i, (cost, _prev) in best[-1].items():
            for j in range(i + 1, len(points)):
                length = points[j] - points[i]
                if length > width:
                    break
                c = cost + (length - target) ** 2
                if j not in row or c < row[j][0]:
                    row[j] = (c, i)
        best.append(row)
    last = len(points) - 1
    if last not in best[-1]:
        return None
    out, j = [end], last
    for k in range(lines, 0, -1):
        j = best[k][j][1]
        out.append(points[j])
    return out[::-1]
