"""Minors' identifying information (未成年人保护法 arts. 4, 72, 103): the detectors, and the one refusal write commands use.

Detectors (pure functions, no I/O): an 18-digit 居民身份证号 with a real birth date and its check digit, a mainland
mobile number, and likely personal names (a surname after a word naming a person, not written “李某” or marked
（化名））.  :func:`identifying` runs all three, also on the text with spaces, dashes and punctuation removed
(139 1234 56 78, 孩子：李明); validate's rules (lint/rules/privacy.py, questions.py) and every write command
(:func:`refuse_identifying`) use these same functions.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from weibao.domain.text import question_key
from weibao.errors import UsageError

_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- .\u3000]?(\d{4})[- .\u3000]?(\d{4})(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_id_number(text: str) -> bool:
    """An 18-digit 居民身份证号 (GB 11643): a real birth date and the ISO 7064 MOD 11-2 check digit."""
    m = _ID.fullmatch(text)
    if not m:
        return False
    try:
        born = _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == text[17].upper()


def _folded(line: str) -> tuple[str, list[int]]:
    """The line NFKC-folded (full-width digits typed in a Chinese IME become ASCII) character by character, and for
    each folded character the index of the character it came from (…… folds to six dots: positions must not shift)."""
    parts: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(line):
        f = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        parts.append(f)
        where.extend([i] * len(f))
    where.append(len(line))
    return "".join(parts), where


def find_id_numbers(line: str) -> list[tuple[int, str]]:
    """(index in ``line``, the number) of each 居民身份证号."""
    folded, where = _folded(line)
    return [(where[m.start()], m.group(0)) for m in _ID.finditer(folded) if is_id_number(m.group(0))]


def find_mobiles(line: str) -> list[tuple[int, str]]:
    """(index in ``line``, the number) of each mobile number."""
    folded, where = _folded(line)
    return [(where[m.start()], m.group(0)) for m in _MOBILE.finditer(folded)]


# the 100 commonest surnames (and a few double ones); a heuristic, not a name dictionary
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
DOUBLE = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐")
# words right before a name: who the person is
BEFORE = ("学生", "儿童", "孩子", "女孩", "男孩", "女童", "男童", "幼儿", "少年", "少女", "未成年人", "之子", "之女", "其子", "其女",
          "父亲", "母亲", "家长", "监护人", "名叫", "叫做", "姓名", "被害人", "受害人", "当事人", "嫌疑人", "同学", "女儿", "儿子")
_BEFORE_RX = re.compile("|".join(BEFORE))
# what may follow a name
AFTER = re.compile(r"^(?:[，,。、；;：:（(）)\s]|$|同学|等人|等|在|被|的|因|于|今年|现年|系|是|和|与|及|把|将|遭|受|已)")
# two-character words that start with a surname character but are not names
NOT_NAMES = {"周末", "周边", "周围", "周岁", "高烧", "高中", "高考", "高年", "常年", "常常", "马上", "安全", "方面", "方式", "全家", "全部",
             "于是", "向来", "任性", "许多", "何时", "余下", "金钱", "程度", "白天", "黄色", "毛病", "夏天", "江边", "石头", "叶子", "龙头",
             "雷雨", "万一", "严重", "孔子", "武术", "史上", "陆续", "汪汪", "段时", "钱财", "韩国", "田里", "林子", "房子", "家里", "家中"}


# ten or more digits, single separators allowed between them: long enough for a mobile or ID number, while
# dates (2026-01-10) and document numbers are not
_DIGITS = re.compile(r"(?:[0-9０-９][ \u3000.\-－]?){10,}")


def has_digit_runs(text: str) -> bool:
    return _DIGITS.search(text) is not None


def find_names(text: str) -> list[tuple[int, str]]:
    """Likely personal names: a surname and one or two characters, right after a word naming a person and
    before punctuation or a verb, unless written “李某” / “李某某” or marked （化名）."""
    if not _BEFORE_RX.search(text):
        return []
    out = []
    for b in BEFORE:
        start = text.find(b)
        while start >= 0:
            i = start + len(b)
            sur = next((d for d in DOUBLE if text.startswith(d, i)), None) or (text[i] if i < len(text) and text[i] in SURNAMES else None)
            if sur:
                j = i + len(sur)
                for n in (2, 1):
                    given = text[j : j + n]
                    if len(given) != n or not all("\u4e00" <= ch <= "\u9fff" for ch in given) or "某" in given:
                        continue
                    rest = text[j + n :]
                    if rest.startswith(("（化名）", "(化名)")) or (sur + given)[:2] in NOT_NAMES or given in NOT_NAMES:
                        break
                    if AFTER.match(rest):
                        out.append((i, sur + given))
                        break
            start = text.find(b, start + 1)
    return sorted(set(out))


ID_NUMBER, MOBILE, NAME = "WB901", "WB902", "WB903"
WHAT = {ID_NUMBER: "居民身份证号", MOBILE: "手机号码", NAME: "疑似真实姓名"}


def identifying(text: str) -> list[tuple[str, str, bool]]:
    """(code, found, split) for each kind of identifying information in ``text``: WB901 an ID number, WB902 a
    mobile number, WB903 a likely name.  ``split`` is true when it is found only after spaces, dashes, slashes or
    punctuation between its characters are removed (139 1234 56 78, 孩子：李明)."""
    joined = question_key(text)
    out: list[tuple[str, str, bool]] = []
    if sum(ch.isdigit() for ch in text) >= 10:
        for code, finder in ((ID_NUMBER, find_id_numbers), (MOBILE, find_mobiles)):
            plain = finder(text)
            hits = plain or finder(joined)
            if hits:
                out.append((code, hits[0][1], not plain))
    names = find_names(text)
    hits = names or (find_names(joined) if joined != text else [])
    if hits:
        out.append((NAME, hits[0][1], not names))
    return out


def masked(code: str, found: str) -> str:
    """What a message may repeat of a finding: never the whole number (150525…38, 139…78)."""
    if code == ID_NUMBER:
        return f"{found[:6]}…{found[-2:]}"
    if code == MOBILE:
        return f"{found[:3]}…{found[-2:]}"
    return found


def refuse_identifying(label: str, text: str | None, *, where: str = "纳入 git 的文件") -> None:
    """The one refusal every write command applies to text typed by the clerk, before anything is staged."""
    if not text:
        return
    for code, found, split in identifying(text):
        if code == NAME:
            raise UsageError(f"{label}中的“{found}”像是真实姓名，不能写入{where}。",
                             hint=f"写成“{found[0]}某”，或加注“（化名）”；真实姓名只放在私密资料目录中。")
        how = "被空格或符号隔开的" if split else ""
        raise UsageError(f"{label}中有{how}{WHAT[code]}（{masked(code, found)}），不能写入{where}。",
                         hint=f"{WHAT[code]}只放在私密资料目录中，用记录编号关联。")
