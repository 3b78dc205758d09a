"""Minors' privacy (未成年人保护法 arts. 4, 72, 103): no identifying data in tracked files.

WB901 an 18-digit 居民身份证号 (check digit verified) anywhere in a data file, comments included;
WB902 a mainland mobile number; WB903 a personal name in a case's subject or log where the
“李某” / “小明（化名）” form is expected; WB904/WB905 the private store is tracked by git / not ignored.
"""

from __future__ import annotations

import datetime as _dt
import re
import subprocess
import unicodedata
from typing import Iterator

from ..diagnostics import Diagnostic
from ..store import RepoData
from . import rule

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


def find_id_numbers(line: str) -> list[tuple[int, str]]:
    line = unicodedata.normalize("NFKC", line)  # full-width digits typed in a Chinese IME (one character each)
    return [(m.start(), m.group(0)) for m in _ID.finditer(line) if is_id_number(m.group(0))]


def find_mobiles(line: str) -> list[tuple[int, str]]:
    line = unicodedata.normalize("NFKC", line)
    return [(m.start(), m.group(0)) for m in _MOBILE.finditer(line)]


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


@rule("WB901", "WB902")
def no_identifiers_in_files(data: RepoData) -> Iterator[Diagnostic]:
    """Every data file, line by line (values and comments): no ID card numbers, no mobile numbers."""
    for kind_records in data.records.values():
        for r in kind_records:
            text = r.loaded.text
            if not text or not has_digit_runs(text):  # most files have no long digit run
                continue
            for ln, line in enumerate(text.splitlines(), start=1):
                if not has_digit_runs(line):
                    continue
                for col, found in find_id_numbers(line):
                    yield Diagnostic("WB901", f"出现了居民身份证号（{found[:6]}…{found[-2:]}）。", path=r.rel, line=ln, column=col + 1,
                                     record=r.id, hint="身份证号不得写入纳入 git 的文件；需要时放在私密资料目录中，用督办编号关联。")
                for col, found in find_mobiles(line):
                    yield Diagnostic("WB902", f"出现了手机号码（{found[:3]}…{found[-2:]}）。", path=r.rel, line=ln, column=col + 1,
                                     record=r.id, hint="个人手机号不得写入纳入 git 的文件；单位联系方式写办公电话。")


@rule("WB903")
def no_names_in_cases(data: RepoData) -> Iterator[Diagnostic]:
    for r in data.valid("case"):
        c = r.model
        fields = [(("subject",), c.subject)] + [(("log", i, "text"), e.text) for i, e in enumerate(c.log)]
        if c.closure:
            fields.append((("closure", "result"), c.closure.result))
        for loc, value in fields:
            for _pos, name in find_names(value):
                yield r.diag("WB903", f"“{name}”像是一个人的真实姓名。", loc,
                             hint=f"写成“{name[0]}某”或加注“（化名）”；真实姓名只放在私密资料目录中。")


@rule("WB904", "WB905")
def private_store_untracked(data: RepoData) -> Iterator[Diagnostic]:
    s = data.one("settings")
    if s is None:
        return
    rel = s.model.private_store.strip("/")
    root = data.repo.root
    if not (root / rel).exists():
        return
    try:
        tracked = subprocess.run(["git", "-C", str(root), "ls-files", "--", rel], capture_output=True, text=True, timeout=20)
        ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "--no-index", rel + "/"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return
    if tracked.returncode != 0:  # not a git repository
        return
    files = [x for x in tracked.stdout.splitlines() if x]
    if files:
        yield s.diag("WB904", f"私密资料目录 {rel}/ 中有 {len(files)} 个文件被 git 跟踪（例如 {files[0]}）。", ("private_store",),
                     hint=f"运行 git rm -r --cached {rel} 并在 .gitignore 中加入 /{rel}/；已推送的历史需要另行清除。")
    if ignored.returncode != 0:
        yield s.diag("WB905", f"私密资料目录 {rel}/ 没有被 .gitignore 忽略。", ("private_store",), hint=f"在 .gitignore 中加一行 /{rel}/。")
