"""Minors' identifying information (未成年人保护法 arts. 4, 72, 103): the one detector, used at every door.

:func:`scan` finds, in any text, the spans that identify a child or the people around a child:

=================  ======  ===========================================================================
kind               code    what
=================  ======  ===========================================================================
``id_number``      WB901   an 18-digit 居民身份证号 (real birth date, ISO 7064 check digit), also split by
                           spaces, dashes or dots, or typed in full-width digits
``phone``          WB902   a mainland mobile number, also split, full-width or after +86 / 86
``name``           WB903   a name: a surname and a given name after a word that says who the person is
                           (学生, 母亲, 受害人, 叫 …), before a role or an event (同学, 的继母, 被, ，男，12岁),
                           after a verb done to a person (联系了, 将), in a list, or as a surname and two
                           given-name characters between word boundaries; Mongolian and other minority names
                           made of known parts; transliterated names with a middle dot.  李某, 李某某 and
                           小明（化名） pass
``school``         WB906   a named school with a grade or class (in parts: 专业, 2021级, 高三（15）班 …), or a
                           named school and a particular child in the same sentence
``address``        WB907   a chain of places, roads, an estate and numbered units (3号楼2单元501室, 18-2-301,
                           三队第五排第3户, 村部往西第三户), or what follows 家住 / 住址 when it names a village,
                           an estate, a road or a number
``account``        WB908   a QQ number, a WeChat id, an e-mail address (a unit's published mailbox aside), an
                           account or nickname after its label (抖音号, 游戏ID是 …)
``student_number`` WB909   a 学号, 学籍号, 考号, 准考证号, 一卡通号 … with its number
=================  ======  ===========================================================================

Who uses it: validate's rule (lint/rules/privacy.py) on every line of every data file, comments included; every
write command before anything is staged (:func:`refuse_identifying`); every public output, which is built from
redacted data and redacted again (:func:`redact`, :func:`redact_tree`); ``weibao privacy scan [--history]``.
Messages never repeat what was found: :meth:`Finding.masked` shows the kind and at most the first and last
characters.  A line that carries ``# weibao: 非个人信息（理由）`` is not flagged; validate lists it as a note.

These are heuristics, measured on labelled sets (benchmarks/privacy_eval.py); docs/cases.md says what they miss
and what the clerk must still do.  Every regex here starts with a literal or a character class and never crosses
a line end, so that a whole file is scanned in one pass of each (about 4 M characters a second).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from weibao.domain.text import question_key
from weibao.errors import UsageError

# -- kinds ------------------------------------------------------------------------------------------------------

ID_NUMBER, PHONE, NAME, SCHOOL, ADDRESS, ACCOUNT, STUDENT_NUMBER = "id_number", "phone", "name", "school", "address", "account", "student_number"
KINDS = (ID_NUMBER, PHONE, NAME, SCHOOL, ADDRESS, ACCOUNT, STUDENT_NUMBER)
CODE = {ID_NUMBER: "WB901", PHONE: "WB902", NAME: "WB903", SCHOOL: "WB906", ADDRESS: "WB907", ACCOUNT: "WB908", STUDENT_NUMBER: "WB909"}
WHAT = {ID_NUMBER: "居民身份证号", PHONE: "手机号码", NAME: "姓名", SCHOOL: "学校和年级班级", ADDRESS: "家庭住址",
        ACCOUNT: "QQ、微信或电子邮箱", STUDENT_NUMBER: "学号或学籍号"}
# what to write instead
REPLACEMENT = {ID_NUMBER: "（证件号已删去）", PHONE: "（电话已删去）", NAME: "某某", SCHOOL: "某校", ADDRESS: "某地",
               ACCOUNT: "（账号已删去）", STUDENT_NUMBER: "（学号已删去）"}
ADVICE = {ID_NUMBER: "删去号码", PHONE: "删去号码；单位联系方式写办公电话", NAME: "写成“李某”“李某某”，或加注“（化名）”",
          SCHOOL: "写成“某校”“某小学三年级一名学生”", ADDRESS: "写成“某小区”“某村”“某苏木”", ACCOUNT: "删去账号",
          STUDENT_NUMBER: "删去号码"}
# the order in which overlapping findings win (a 学籍号 that holds an ID number is a student number)
_PRIORITY = {STUDENT_NUMBER: 0, ACCOUNT: 1, ID_NUMBER: 2, PHONE: 3, ADDRESS: 4, SCHOOL: 5, NAME: 6}


class KindNamed:
    """The diagnostic code and the Chinese name of a finding's ``kind`` (for anything that carries one)."""

    kind: str

    @property
    def code(self) -> str:
        return CODE[self.kind]

    @property
    def what(self) -> str:
        return WHAT[self.kind]


@dataclass(frozen=True)
class Finding(KindNamed):
    kind: str
    start: int
    end: int
    text: str  # the span itself: never printed, never put in a message

    def masked(self) -> str:
        """What a message may show: the first and last characters at most, never the whole span."""
        return masked(self.kind, self.text)

    @property
    def replacement(self) -> str:
        return REPLACEMENT[self.kind]


def masked(kind: str, found: str) -> str:
    """150525…38 for an ID number, 139…78 for a phone, 王… for a name: never more than the first and last characters,
    and never the whole of a short span."""
    digits = re.sub(r"\D", "", fold(found))
    if kind == ID_NUMBER and len(digits) >= 17:
        return f"{digits[:6]}…{found[-2:]}"
    if kind == PHONE and len(digits) >= 11:
        return f"{digits[-11:][:3]}…{digits[-2:]}"
    if len(found) <= 3:
        return f"{found[0]}…"
    return f"{found[0]}…{found[-1]}"


# -- helpers ----------------------------------------------------------------------------------------------------


def words_pattern(words: Any) -> str:
    """A regex matching any of ``words``, longest first, written as a prefix tree (的(?:父亲|母亲)|…): Python's engine
    tries alternatives one by one, so a flat list of a hundred words costs a hundred tries at every position.  The
    top level is a bare alternation whose branches start with a character, which lets the engine skip ahead; join it
    to others with ``|`` and put it in a group before adding anything after it."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        body = "|".join(sorted(branches, key=len, reverse=True))
        return f"(?:{body})" + ("?" if "" in node else "")

    top = emit(tree)
    return top[3:-1] if top.startswith("(?:") and top.endswith(")") and "" not in tree else top


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# full-width digits, letters and the signs people type between digits, folded one character to one character (an IME
# gives １３９ for 139): positions do not move, so a finding's place in the folded text is its place in the text
_FOLD = {**{0xFF10 + i: 0x30 + i for i in range(10)}, **{0xFF21 + i: 0x41 + i for i in range(26)}, **{0xFF41 + i: 0x61 + i for i in range(26)},
         0xFF0B: ord("+"), 0xFF0D: ord("-"), 0xFF0E: ord("."), 0x3000: ord(" "), 0xFF20: ord("@"), 0xFF08: ord("("), 0xFF09: ord(")"),
         0xFF3F: ord("_"), 0xFF1A: ord(":"), 0x2014: ord("-"), 0x2013: ord("-"), 0x2212: ord("-"), 0xFE63: ord("-"), 0xFF5E: ord("~")}


_WIDE = re.compile(r"[^\n]*[０-９Ａ-Ｚａ-ｚ＠＋＿][^\n]*")


def _folded(text: str) -> str:
    """``text`` with full-width digits and letters folded, line by line (only lines that have any are rebuilt), and
    numbers read out digit by digit (一三九 四七五二 六六八一, 幺三九…, 二〇二二〇七一五) written in digits: seven
    digits or more, so that 三组, 五排 and 十一月 stay as they are."""
    out = _WIDE.sub(lambda m: m.group(0).translate(_FOLD), text) if _WIDE_CHAR.search(text) else text
    if _SPOKEN_START.search(out):
        out = _SPOKEN_RUN.sub(lambda m: m.group(0).translate(_SPOKEN), out)
    return out


# digits as they are read out: 幺 for 1 and 洞 for 0 in radio talk, 两 for 2
_SPOKEN = {ord(k): ord(v) for k, v in zip("零〇一二三四五六七八九幺洞两壹贰叁肆伍陆柒捌玖", "00123456789102123456789", strict=True)}
_SPOKEN_START = re.compile("[零〇一二三四五六七八九幺洞两壹贰叁肆伍陆柒捌玖]{3}")
_SPOKEN_RUN = re.compile(r"[零〇一二三四五六七八九幺洞两壹贰叁肆伍陆柒捌玖](?:[ \-]?[零〇一二三四五六七八九幺洞两壹贰叁肆伍陆柒捌玖]){6,}")


_WIDE_CHAR = re.compile(r"[０-９Ａ-Ｚａ-ｚ＠＋＿]")


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_id_number(text: str) -> bool:
    """An 18-digit 居民身份证号 (GB 11643): a real birth date and the ISO 7064 MOD 11-2 check digit."""
    if not re.fullmatch(r"[1-9]\d{16}[\dXx]", text):
        return False
    try:
        born = _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == text[17].upper()


# the first two digits of a real area code: the provinces, and 71, 81, 82 (Taiwan, Hong Kong, Macao)
_PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split())


def looks_like_id_number(text: str) -> bool:
    """An ID number as people write it, mistakes included: the check digit right (``is_id_number``), or, when one digit
    was mistyped, a province's area code and a real birth date no later than this year.  A mistyped number still
    points at the person, and a number with both is seldom anything else."""
    if is_id_number(text):
        return True
    if not re.fullmatch(r"[1-9]\d{16}[\dXx]", text) or text[:2] not in _PROVINCES:
        return False
    try:
        born = _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= _dt.date.today().year


# -- numbers ----------------------------------------------------------------------------------------------------

_SEP = r"[ \-./·\u00b7\u2013\u2014\u2212\ufe63_\u3000－．／]"  # between digits: what people type to group them
_ID_RUN = re.compile(rf"(?<![0-9A-Za-z])[1-9](?:{_SEP}?[0-9]){{16}}{_SEP}?[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(rf"(?<![0-9A-Za-z+])(?:\+?86{_SEP}*|[(（]\+?86[)）]{_SEP}*)?1[3-9](?:{_SEP}?[0-9]){{9}}(?![0-9])")
# ten digits or more, separators allowed: where an ID number or a mobile can be (dates and amounts are shorter)
_RUN = re.compile(rf"[0-9](?:(?:{_SEP}|[()（）+]){{0,3}}[0-9]){{9,}}")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WXID = re.compile(r"(?<![A-Za-z0-9])(?:wxid_[A-Za-z0-9]{4,}|(?:wx|vx|WX|VX|qq|QQ)[_-][A-Za-z0-9_\-]{4,})")
# a unit's published mailbox (举报邮箱, 公共邮箱) is not a child's account
_EXAMPLE_DOMAIN = re.compile(r"@(?:[A-Za-z0-9-]+\.)*example\.(?:com|org|net)$|\.(?:test|invalid|example|localhost)$", re.I)
_PUBLIC_MAIL = re.compile(r"(?:举报|公共|办公|单位|官方|政务|投稿|信访)(?:电子)?邮箱")

# identifiers known by the word before them: 学号 20220112, 微信号：lihao0915, 抖音号“@小鱼儿2011”
_STUDENT_LABEL = (r"借书证号|借书证|图书证号|读者证|幼儿编号|学籍信息|学生编号|学籍辅号|饭卡号|饭卡|门禁卡号|门禁卡|读者证号|入园编号|入学编号|学生资助管理系统编号|资助编号|全国学籍号|学籍编号|学籍号|考籍号|学生证号|学生证编号|学生证|学生卡编号|学生卡号|学生卡|校园一卡通号码|校园一卡通号|校园一卡通|"
                  r"一卡通号码|一卡通号|一卡通|校园卡号|校园卡|考生编号|考生号|考生|准考证|学员号|学员编号|准考证号|准考号|高考报名号|中考报名号|报名号|借阅证号|学号|考号|"
                  r"餐卡号|餐卡|就餐卡号|就餐卡|乘车卡号|乘车卡|校车卡号|校车卡|床位号|学籍卡编号|学籍卡号|学籍卡|借读证号|借读证|听课证号|听课证|"
                  r"作业本编号|成绩单编号|学生档案号|学生档案编号|心理档案编号")
_ACCOUNT_LABEL = (r"QQ|qq|Qq|扣扣|企鹅号|微信|薇信|威信|VX|vx|Vx|wx|WX|V信|v信|抖音|快手|微博|小红书|哔哩哔哩|B站|b站|陌陌|探探|"
                  r"游戏账号|游戏帐号|游戏ID|游戏id|游戏号|账号|帐号|用户名|ID号|UID|uid|好友代码|好友码|直播间号|直播间|房间号|昵称|"
                  r"钉钉号|钉钉|支付宝账号|支付宝|淘宝账号|淘宝|拼多多|迷你号|全民K歌|斗鱼|虎牙|Steam|steam|原神|米游社|网易云|"
                  r"QQ邮箱|Soul|soul|Telegram|TG号|推特|Twitter|Instagram|WeChat|Wechat|wechat|weixin|微信视频号|视频号|火山小视频号|火山号|"
                  r"西瓜视频|QQ空间")
_LABEL = re.compile(words_pattern({*_STUDENT_LABEL.split("|"), *_ACCOUNT_LABEL.split("|")}))
_STUDENT_LABELS = frozenset(_STUDENT_LABEL.split("|"))
# the value: letters, digits and - _ . (a handle may start with @ and hold Chinese characters)
_VALUE = re.compile(r"[0-9](?: [0-9]){4,}(?![0-9])|[0-9]{4}级[0-9]{2,4}|[0-9]{2,4}(?:[-－][0-9]{1,5}){1,3}(?![0-9])|[A-Za-z]{0,2}[0-9]{2,8}(?: [0-9]{2,8}){1,4}[Xx]?(?![0-9A-Za-z])|@[\u4e00-\u9fffA-Za-z0-9_\-.]{2,30}|[A-Za-z0-9][A-Za-z0-9_\-.]{3,39}")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d(?:[-./]\d{1,2}){1,2}$|\d{1,4}(?:[-./]\d{1,2}){1,2}$")
_VALUE_STOP = set("。；;！!？?\n")


# a nickname after its label and a word that introduces it (名叫, 是, ：), up to the end of the clause
_HANDLE = re.compile(r"(?:号|名|ID|id)?(?:[（(][^（）()]{1,8}[）)])?(?:名叫|叫|是|为|[:：])[“\"「]?([^\s，,。；;！!？?（）()“”\"「」、]{2,20})")
_HANDLE_MARK = re.compile(r"[0-9A-Za-z☆★丶丨_·•~～♡❤＠@]")
# a nickname after the word for it, or after "on <platform> (s)he is called": 快手昵称奈曼小旋风, 微博昵称是蒙古马的小马驹,
# 在抖音上叫一只小鹿丶, 微博账号草原狼哥哥（a whole clause）
_PLATFORMS = ("抖音", "快手", "微博", "B站", "b站", "小红书", "QQ", "微信", "Soul", "陌陌", "探探", "游戏", "王者荣耀", "和平精英", "视频号", "QQ空间",
              "火山", "西瓜视频", "蛋仔派对", "迷你世界", "原神", "贴吧", "我的世界", "服务器")
_NICK = re.compile("(?P<label>昵称|网名|账号名|用户名|账号|帐号|" + "|".join(f"{p}(?:上|里)?(?:的)?(?=叫|名叫)" for p in _PLATFORMS) + ")"
                   r"[ 　]*(?P<link>是|为|叫|名叫|[:：])?[ 　]*[“\"「]?(?P<v>[^\s，,。；;！!？?（）()“”\"「」、]{2,14})")
_NICK_NOT = tuple("被已是在有由为了的和与把将都也还就又才不没要会能可该这那他她我你它自本其某等及给应必需须实绑注登充用卖买")
_PLATFORM_BEFORE = re.compile(r"(?:抖音|快手|微博|B站|b站|小红书|QQ|微信|Soul|陌陌|探探|网易云音乐|网易云|钉钉|哔哩哔哩)(?:上|里)?的?$")
# a nickname in quotation marks right after a word for it or a platform: 昵称“冷月无声”, 快手主播“冷月无声”,
# 关注他的快手“我是小胖不是胖”, 游戏里的“追风少年_奈曼”, 以“北极星ヾ小雨”为网名
# (found from the quotation marks, which are rarer than the words: the words are then looked for right before them)
_QUOTED_BEFORE = re.compile(r"(?:昵称|网名|账号名|用户名|主播|博主|UP主|up主|账号|帐号|小号|大号|游戏ID|游戏id|账号ID|网友|群友|粉丝|"
                            r"(?:" + "|".join(_PLATFORMS) + r"|小红书|钉钉|网易云)(?:号|上|里)?(?:的|那个)?(?:叫|名叫)?)"
                            r"[ 　]*(?:是|为|叫|名叫|是叫|是不是叫|[:：])?[ 　]*$")
_QUOTED_VALUE = re.compile(r"[“「『](?P<v>[^“”「」『』\n]{2,20})[”」』]")
# campaigns, modes and products, not anybody's nickname: 抖音“青少年模式”, 微信“护苗”专项
_NOT_NICK = re.compile(r"单位|职务|姓名|实名|真名"
                       r"|(?:模式|行动|活动|专项|工程|计划|平台|功能|软件|APP|app|小程序|公众号|频道|栏目|话题|专栏|直播间|课堂|系统|规定|办法|通知"
                       r"|政府|法院|检察院|公安|局|委|办|中心|民政|妇联|团委|队|所|站|馆|学校|官方|发布)$"
                       r"|^[0-9]+[个条家次名人件万余多]")
# a handle after @ (微博用户@奈曼旗小草莓), but not an e-mail address nor a call to everyone in a group
_QUOTES = re.compile("[“「『]")
_OFFICIAL = re.compile("官方|公众号|政务|官微|认证账号")
_CALLED_HANDLE = re.compile(r"[叫是为][ 　]*(?:[“「『](?P<q>[^“”「」『』\n]{2,20})[”」』]|(?P<m>[^\s，,。；;！!？?（）()“”\"「」、]{2,20}))")
_PLATFORM_ANY = re.compile(words_pattern({*_PLATFORMS, "小红书", "钉钉", "网易云", "直播", "网游", "手游", "网上", "网络上", "群里", "”上", "”里", "」上", "」里"}))
_HANDLE_WORDS = ("号", "ID", "id", "名字", "昵称", "网名")
_CJK_ANY = re.compile("[\u4e00-\u9fff]")
_AFTER_HANDLE = re.compile("转发|发布|发了|发的|评论|留言|私信|回复|说|称|在|的|是|和|给|把|被|已|曾|多次|经常|又|也|还")
_AT_HANDLE = re.compile(r"(?<![A-Za-z0-9_.\-])@(?!所有人|全体|各|大家)[\u4e00-\u9fffA-Za-z0-9_\-]{2,20}")


# what may stand between a label and its value: a few characters and 是 / 为 / ：(学号栏填写为, 微信号是), or anything
# short after the colon (学号：12号，20220112)
_GAP = re.compile(r"[\s“”\"「」'（()）]*[，,]?[A-Za-z\u4e00-\u9fff]{0,4}(?:是|为|叫|[:：])?[\s“”\"「」'（()）]*$|(?:是|为|[:：])[^。；\n]{0,10}$")


def _ascii_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] == "_")


# any number a pupil is filed under, by the shape of its label: a word ending in 编号, 证号, 考号 … that says it is
# a pupil's (寄宿生编号, 心理测评编号, 助学金申请编号, 校车乘车证号), with letters, digits and dashes after it
_STUDENT_ANY = re.compile(r"(?:编号|证号|考号|考试号|报名号|卡号|学号|序号|登记号|号码)[ \t]*(?:是|为|[:：.])?[ \t]*"
                          r"(?P<v>(?:[A-Za-z]{1,4}-?){0,2}[0-9][0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){0,3}(?: [0-9]{2,6}){0,3})(?![0-9A-Za-z])")
_PUPIL_LABEL = re.compile("学|考|生|班|助学|报名|测评|体质|毕业|学员|托管|午托|寄宿|乘车|校车|校内|升|餐|宿舍|床位|园|特教")
# what follows a number and says it is a pupil's, whatever its label (体检编号TJ-2023-1537的学生)
_LABEL_STOP = frozenset("的了是在和与及或把被将对给向来去这那其该")
_PUPIL_AFTER = re.compile("的(?:学生|考生|孩子|幼儿|同学|小学生|中学生|该生)")
_NOT_PUPIL_LABEL = re.compile("学校|单位|机构|项目|批次|档案|案件|文件|合同|车牌|设备|资产|发文|文号|信用|组织|企业|医疗|社保|银行|统计|许可|工商|营业|"
                              "课题|课程|教材|教师|教职工|资格|会议|工单|警情|信访|来电|身份|证件|护照|户口|户籍|手机|电话|联系|银行|家长|父母|母亲|父亲|监护人")


def _any_pupil_number(folded: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _STUDENT_ANY.finditer(folded):
        a = m.start()
        while a > 0 and m.start() - a < 7 and _cjk(folded[a - 1]) and folded[a - 1] not in _LABEL_STOP:
            a -= 1  # the label: the Chinese word before the suffix (寄宿生编号, 心理测评编号), back to a function word
        label, v = folded[a : m.start() + 2], m.group("v")
        pupil = not _NOT_PUPIL_LABEL.search(label) and (_PUPIL_LABEL.search(label) or _PUPIL_AFTER.match(folded, m.end("v")))
        if not pupil or sum(ch.isdigit() for ch in v) < 3 or folded[m.end("v") : m.end("v") + 1] in ("班", "级", "届", "人", "名"):
            continue  # 班级编号2301班: a class
        out.append((_WEAK + STUDENT_NUMBER, m.start("v"), m.end("v")))
    return out


_LONG_ID = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{0,2}[0-9]{8,20}[Xx]?(?![0-9A-Za-z])")
_SENTENCE_STOP = re.compile("[。；;！!？?\n，,]")


_BANK = re.compile("开户行|开户银行|对公|户名|捐款账户|银行账户|汇款")


def _labelled(folded: str) -> list[tuple[str, int, int]]:
    """A value within a few characters after its label (学号：, 微信号是, 学号栏填写为, “扣扣号”): a student number
    has four digits at least; an account is a handle of five characters or more."""
    out: list[tuple[str, int, int]] = []
    for m in _LABEL.finditer(folded):
        kind = STUDENT_NUMBER if m.group(0) in _STUDENT_LABELS else ACCOUNT
        end = m.end()
        if kind == ACCOUNT and _BANK.search(folded, max(0, m.start() - 30), m.start()):
            continue  # 开户行…账号: a bank account for donations, an office's
        if m.group(0).isascii() and (_ascii_word(folded, m.start() - 1) or _ascii_word(folded, end) and not folded[end].isdigit()):
            continue  # wx in wxid_, QQ in a longer word (QQ2483019576 is a label and its number)
        limit = end
        while limit < len(folded) and limit - end < 24 and folded[limit] not in _VALUE_STOP:
            limit += 1
        if kind == ACCOUNT:
            h = _HANDLE.match(folded, end, limit)
            if h and _HANDLE_MARK.search(h.group(1)):  # a nickname: 账号名叫奈曼小野马2010, 游戏ID是奈曼☆小旋风
                out.append((kind, h.start(1), h.end(1)))
                continue
        for v in _VALUE.finditer(folded, end, limit):
            value = v.group(0).rstrip("-_.")
            if v.start() > end and folded[v.start() - 1].isascii() and folded[v.start() - 1].isalnum():
                continue  # the tail of a longer word
            digits = sum(ch.isdigit() for ch in value)
            gap = folded[end : v.start()]
            if not _GAP.match(gap) or not digits and gap and not re.search(r"[:：是为号叫]", gap):
                continue  # a word some way after the label (a QQ number, QQ / WeChat, 学号）与 weibao), not the value
            if _DATE_LIKE.match(value) and not (kind == STUDENT_NUMBER and v.start() - end <= 1):
                continue
            if kind == STUDENT_NUMBER and digits >= 4 and len(value) >= 4:
                if folded[v.start() + len(value) : v.start() + len(value) + 1] in ("人", "名", "个", "位", "次", "余"):
                    break  # 考生2841人: a count of pupils
                out.append((kind, v.start(), v.start() + len(value)))
                break
            if kind == ACCOUNT and len(value) >= 5 and (value.startswith("@") or digits >= 5 or re.search("[A-Za-z]", value)):
                out.append((kind, v.start(), v.start() + len(value)))
                break
        else:
            # a long number in the same clause after a pupil's label, whatever stands between (学籍号我看一下啊 是G1505…)
            for w in _LONG_ID.finditer(folded, end, limit) if kind == STUDENT_NUMBER else ():
                if sum(ch.isdigit() for ch in w.group(0)) >= 8 and not _SENTENCE_STOP.search(folded, end, w.start()):
                    out.append((kind, w.start(), w.end()))
                    break
    return out


# an ID after a game or a platform, with a full-width colon or a Chinese word before it (和平精英ID：奈曼第一狙,
# 游戏ID：哈哈我是小可爱), not a key in a data file (id: …)
_GAME_ID = re.compile(r"(?<=[\u4e00-\u9fff])(?:ID|id|Id)(?:号)?[:：][ 　]*(?P<v>[^\s，,。；;！!？?（）()“”\"「」、]{2,20})|(?:ID|id|Id)：[ 　]*(?P<w>[^\s，,。；;！!？?（）()“”\"「」、]{2,20})")


def _nicknames(text: str) -> list[tuple[str, int, int]]:
    """Nicknames: with a mark (a digit, a Latin letter, 丶, ☆ …) after any account word; all in Chinese characters
    only after 昵称 / 网名 or 叫, when a link word (是, 为, ：) follows or the nickname is the rest of the clause."""
    out: list[tuple[str, int, int]] = []
    m = _NICK.search(text)
    while m:
        v, label, link, start = m.group("v"), m.group("label"), m.group("link"), m.start("v")
        m = _NICK.search(text, m.start() + 1)  # overlapping: 该账号微信昵称为… tries 昵称 too
        if not link:
            v = re.split("[的是为在了]", v)[0]  # 账号星辰大海mx的实际使用人: the nickname ends at 的
        if len(v) < 2 or "某" in v or not link and v.startswith(_NICK_NOT) or _NOT_NICK.search(v) or v.startswith(("不是", "是不是", "不叫", "什么", "啥")):
            continue
        end = start + len(v)
        clause_end = end >= len(text) or text[end] in "，,。；;！!？?（(、\n"
        named = (label in ("昵称", "网名", "账号名", "用户名") or link in ("叫", "名叫") or not label.startswith(("账号", "帐号"))
                 or _PLATFORM_BEFORE.search(text, max(0, start - len(label) - 8), start - len(label) - len(link or "")) is not None)
        if (_HANDLE_MARK.search(v) or named and (link or clause_end)) and not _BANK.search(text, max(0, start - 30), start):
            out.append((ACCOUNT, start, end))
    for q in _QUOTED_VALUE.finditer(text) if _QUOTES.search(text) else ():
        v = q.group("v")
        called = _QUOTED_BEFORE.search(text, max(0, q.start() - 16), q.start()) is not None or (
            text[q.start() - 1 : q.start()] == "以" and text.startswith(("为网名", "为昵称", "为名"), q.end()))
        if not called or "某" in v or "*" in v or _NOT_NICK.search(v) or _OFFICIAL.search(text, max(0, q.start() - 8), min(len(text), q.end() + 8)):
            continue  # 官方账号“奈曼旗检察院”, 公众号“奈曼民政”: an office's public account
        out.append((ACCOUNT, q.start("v"), q.end("v")))
    # 叫 + a quoted name or one with a mark, in a sentence about a platform: 在快手上，孩子叫“奈曼小霸王”; 王者荣耀里的名字叫夜雨丶无声
    seen = -1
    for p in _PLATFORM_ANY.finditer(text):  # 叫 + a handle, in the 40 characters after a platform is named
        stop = min(len(text), p.end() + 40)
        for c in _CALLED_HANDLE.finditer(text, max(p.end(), seen), stop):
            seen = c.end()
            if "。" in text[p.end() : c.start()] or "\n" in text[p.end() : c.start()]:
                break
            v = c.group("q") or c.group("m")
            word = text[max(0, c.start() - 2) : c.start()].endswith(_HANDLE_WORDS)
            if not v or "某" in v or _NOT_NICK.search(v) or not (
                    c.group("q") or word and len(v) >= 3 and not v.startswith(_NICK_NOT)
                    or _HANDLE_MARK.search(v) and re.search("[A-Za-z\u4e00-\u9fff]", v) and not v.startswith("+")):
                continue
            start = c.start("q") if c.group("q") else c.start("m")
            out.append((_WEAK + ACCOUNT, start, start + len(v)))
    if "ID" in text or "id" in text or "Id" in text:
        for g in _GAME_ID.finditer(text):
            group = "v" if g.group("v") else "w"
            v = g.group(group)
            if "某" not in v and not _NOT_NICK.search(v) and not v.startswith(_NICK_NOT):
                out.append((_WEAK + ACCOUNT, g.start(group), g.end(group)))
    if "@" in text:
        for h in _AT_HANDLE.finditer(text):
            if _CJK_ANY.search(h.group(0)) or h.start() and _cjk(text[h.start() - 1]):  # not @pytest.fixture in code
                cut = _AFTER_HANDLE.search(text, h.start() + 3, h.end())  # @沙地小白杨转发了…: the handle ends at the verb
                out.append((ACCOUNT, h.start(), cut.start() if cut else h.end()))
    return out


# a pupil called by the number in the class list (三年级二班33号今天被同桌扎了手), not a building (二班3号楼)
_CLASS_NUMBER = re.compile(r"班的?([0-9]{1,3}号)(?![楼院室房床])")


def _numbers(folded: str) -> list[tuple[str, int, int]]:
    out = _labelled(folded) + _nicknames(folded) + _any_pupil_number(folded)
    if "班" in folded:
        out += [(STUDENT_NUMBER, m.start(1), m.end(1)) for m in _CLASS_NUMBER.finditer(folded) if folded[m.start() - 1 : m.start()] in "一二三四五六七八九十0123456789" and m.start()]
    if "@" in folded:
        for m in _EMAIL.finditer(folded):
            around = folded[max(0, m.start() - 8) : m.start()] + folded[m.end() : m.end() + 12]
            if _EXAMPLE_DOMAIN.search(m.group(0)):
                continue  # example.org, .test, .invalid: reserved for examples (RFC 2606), nobody's mailbox
            if not _PUBLIC_MAIL.search(around) or "个人" in around:
                out.append((ACCOUNT, m.start(), m.end()))
    if "_" in folded or "-" in folded:
        out += [(ACCOUNT, m.start(), m.end()) for m in _WXID.finditer(folded)]
    for run in _RUN.finditer(folded):
        # the run, what may stand before it (+86, a bracket) and one character after it (X, or what ends the number)
        a, b = max(0, run.start() - 5), min(len(folded), run.end() + 2)
        for m in _ID_RUN.finditer(folded, a, b):
            if looks_like_id_number(re.sub(r"[^0-9Xx]", "", m.group(0))):
                out.append((ID_NUMBER, m.start(), m.end()))
        for m in _MOBILE.finditer(folded, a, b):
            out.append((PHONE, m.start(), m.end()))
    return out


# -- names ------------------------------------------------------------------------------------------------------

# surnames: the commonest three hundred or so, and double ones; a heuristic, not a name dictionary
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊"
    "秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
    "瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉"
    "伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战"
    "慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "禚郗厍訾邴蒯仉玄纳冼甄靳褚窦奚酆滕殷邬卞禹狄臧茅阮闵麻娄骆虞裘缪嵇滑荀芮羿储汲糜巫隗宓蓬栾钭韶郜蓟邰鄂蔺胥莘逄"
    "冉郦雍卻璩濮扈郏晏柴瞿阎茹宦艾庾暨耿匡阙殳蔚夔巩聂晁敖阚饶乜鞠巢竺逯桓缑佴谯笪覃邝揭桑芮羿鬱"
    "冀浦廖荆傅洪萧赖眭麴"
)
# rarer surnames, and ones that are also everyday characters: a name with one is taken only after a cue (证人暴金凤,
# 负责人黑永胜, 名叫郄振国), never from its shape alone
CUE_SURNAMES = frozenset("凤贝苍丘习仰仵伯充别双墨寿弘怀慎扶撒昌暴松步汝沃淳琴甯益禤税綦终续蒿贡贲蹇郄钦铁靖鱼黑宝达良揭操钮粟腾锁亢")
DOUBLE = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "亓官", "羊舌", "梁丘", "左丘", "公羊", "淳于", "仲孙", "鲜于", "闾丘", "司寇", "颛孙", "巫马", "公西", "漆雕",
          "乐正", "壤驷", "公良", "夹谷", "宰父", "谷梁", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "端木", "独孤",
          "南宫", "西门", "呼延", "万俟", "澹台", "轩辕", "钟离", "闻人", "申屠", "太史", "拓跋", "完颜", "耶律", "赫连", "公冶", "宗政",
          "佟佳", "瓜尔佳", "钮祜禄", "叶赫那拉", "爱新觉罗", "赫舍里", "富察", "那拉")
# characters common in given names (a name's second and third characters are usually among them)
GIVEN = set(
    "山镇"
    "淼骁昊沐辰桐墨晏珂瑛璟琰琨瑗珏玟旻昀晔曜煊炜烁铄锴钊钧铎镕镭朔澄澈湘漫沅淳渝潼霏霓雯雁鹭鸾凰婳嫦娉婷妤姮娆娓媚翊翎翱翀栩楦樾槿榕"
    "榆杭柯栎梧楚棠蓝萧葳蓁蔓薰藜苒茉茗荞莞菡萩蒙骞驰骐骥麒鹏鹰雕彧弈彬彰焱炎灿烨熠曦晞暖暮昶晏皎皑璨岳峥嵘崴巍屹岱峦川鑫森焜灏瀚"
    "凡帆丰立国新军平红秋菊芳兰桂珍霞凤英华萍香莲秀云春梅丽敏燕玲芬"
    "一丁七万三世东丝丹丽举义乐乔书云亚亦亨京亭亮仁仙令仪伊伟佑佳依侠俊俏信修倩健傲儒元兆先光克兰兴典军冬冰凤凯凌函刚则创利力"
    "劲勇勤华卓南博卫厚原友双叶君启吉君含启咏品哲唯善嘉园国圆坤城培基堂境壮声复夏天太奇奕奥如妍妙妮妹姗姝姣姿娅娇娜娟娣娥娴婉"
    "婕婧婵婷媛嫣子存孝季学宁宇守安宏宗官宜宝实宣宸家容宽宾富寒尊小少尚岑岚岩峰峻崇嵩川州巧师希帆平幸广庆庭康廷建弘强彤彦彩彪彬影征徽德心志"
    "忠念思怡恒恩悦惠慧慈成才承抒振敏敬文斌斐新旭旺昂昆昊明昕星春昭晋晓晖晗晨晴晶智曦曼月朋朗木朵杉杰松林枫柏柔树栋根格桂桐梅梓梦楠楷欣歌正武毅民"
    "永江汉池沁沐河泉波泽洁洋洪浩海涛涵淑清渊源溪滢潇澜然焕煜熙燕爱牧玉玥玮环玲珊珍珠琦琪琳琴琼瑜瑞瑶瑾璇璐生田甜申畅白皓益盈睿瞳石硕磊祥福禄秀"
    "秋程稳竹笑筱策紫红纯素绍维缘美羽翔翠翰耀聪胜舒航良艳芊芝芬芮芳芷花苗若英茂茜茹荣莉莎莹莲菁菲萌萍萱蓉蓓蔚蕊蕾薇虹蝶衡裕诗诚语诺谦豪贝贞贤赫超"
    "越轩辉达迎远连迪逸道金鑫钧钰铭锋锦闯阳雄雅雨雪霄霖露青靖静韦韩韵顺颖飞馨骏鸣鸿鹏鹤麟龙宸烨昱皓暄晟钦琛瑄铠鸥"
    "群虎柱壮占奎雷默礼"
    "喆犇垚昇珩玙瑀琮璠玺韬舜钧炫烽焕燊湉沛淇涓潆滢瀛琬璋瑭珞珈珮琤翡翌耘耕芃芸苓茵荟莘菀萦蓥蔻蘅赟跃轶迦逍郡铖锐镇阑陌隽雍霈靓韫颢飏馥驿骋骅鲲鸣鹃黛"
)
# two-character words that begin with a surname character but are not names
NOT_NAMES = {
    "小说", "小时", "小组", "明显", "明确", "学习", "生活", "文件", "维权", "知道", "表示", "认为", "希望", "发现", "反映", "觉得", "没有", "需要", "应该", "可以", "能够", "已经", "正在", "一直", "经常", "告诉", "说明",
    "要求", "进行", "明知", "明明", "成天", "成日", "整天", "天天", "总是", "还是", "就是", "也是", "都是", "不是", "只是", "真是", "同意", "愿意",
    "小学", "中学", "大学", "学校", "学院", "学生", "医院", "政府", "部门", "幼儿", "儿童", "社区", "村委", "嘎查",
    "周末", "周边", "周围", "周岁", "周年", "周期", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "高烧", "高中", "高考", "高年", "高度", "高发",
    "高危", "高压", "常年", "常常", "常态", "常见", "常住", "马上", "马路", "安全", "安置", "安排", "方面", "方式", "方案", "方法", "方便", "全家", "全部", "全面",
    "于是", "向来", "向上", "任性", "任何", "任务", "许多", "何时", "余下", "金钱", "金额", "金融", "程度", "白天", "白色", "黄色", "毛病", "夏天", "夏季", "江边",
    "石头", "叶子", "龙头", "雷雨", "万一", "严重", "严格", "严禁", "孔子", "武术", "史上", "陆续", "段时", "钱财", "韩国", "田里", "田间", "林子", "林业", "苏木",
    "苏醒", "明天", "明年", "明白", "文化", "文明", "文字", "康复", "华北", "和谐", "和好", "平安", "平台", "平时", "成年", "成人", "成长",
    "成绩", "成员", "公安", "公共", "公开", "公司", "公益", "国家", "国务", "国际", "家庭", "家长", "家中", "家里", "家人", "家属", "宁可", "时间", "时候", "时期",
    "原因", "原来", "原则", "关于", "关爱", "关注", "关系", "关心", "应当", "应急", "解决", "解释", "单位", "单独", "单亲", "车辆", "车站", "路上", "路口",
    "易于", "齐全", "齐抓", "包括", "包含", "包庇", "信息", "信访", "信任", "展开", "展示", "强制", "强化", "强奸", "费用", "管理", "管控", "管护", "项目",
    "项工", "连续", "边缘", "丛中", "乐园", "云南", "海南", "海拔", "南方", "南部", "东部", "东北", "西部", "北京", "邻里", "伊始", "来源", "来自", "来电", "都有", "都市", "都要", "宣传", "宣讲", "相关", "相应", "初中", "初二", "初一", "初三", "初步", "初次", "门口", "门卫", "容易", "敬老", "晋升", "支持", "支付",
    "井下", "计划", "索要", "盖章", "利用", "利益", "居住", "居民", "居委", "居家", "干部", "干预", "但是", "斯坦", "元旦", "束缚", "衣服", "衣物", "信用", "展览",
    "阴影", "智力", "智慧", "幸福", "奉献", "植树", "衡量", "富裕", "尧都", "闭环", "由于", "东西", "东方", "古代", "吉林", "季度", "景区", "党委", "党员",
    "党组", "席位", "卫生", "卫健", "米粮", "宗教", "全旗", "全年", "全体", "全市", "全员", "全程", "应对", "和睦", "师生", "师资", "商店", "商户", "商业", "荣誉",
    "巫术", "郎中", "仲裁", "明星", "乐观", "楚楚", "燕子", "劳动", "劳务", "皮肤", "满意", "满足", "闻讯", "位置", "位于", "伊犁", "区域", "区县", "海洋", "花费",
    "权益", "权利", "强调", "帅气", "豆腐", "练习", "练书", "练字", "练琴", "练舞", "练功", "廉洁", "巴彦", "巴林", "丰富", "支队", "国有", "平等", "计算", "宣布", "门诊", "云端", "容纳", "来往", "浦东",
    "鹿鸣", "薄弱", "羊群", "阿姨", "乌兰", "母亲", "母婴", "修复", "修改", "杭州", "那些", "那里", "那么", "宿舍", "鲜花", "印发", "隆重", "诸多", "战略", "战士",
    "慕名", "危险", "危害", "危机", "玉米", "银行", "公布", "公园", "哈达", "宾馆", "利害", "呼和", "呼吁", "居然", "揭露", "斯琴", "元宵", "幸好", "由此", "戴上",
    "向往", "章程", "鲁莽", "岳父", "岳母", "欧洲", "兰州", "焦虑", "俞家", "左右", "柳树", "甘肃", "祝福", "尚未", "符合", "舒适", "阮囊", "柯尔", "纪律", "纪念",
    "梅花", "童年", "童话", "凌晨", "毕业", "季节", "裴家", "霍乱", "涂改", "苗头", "谷物", "盛行", "曲折", "冉冉", "骆驼", "蓝色", "游戏", "游泳", "辛苦", "靳家",
    "柴草", "蒙古", "蒙受", "华夏", "喻为", "房屋", "房子", "房间", "滕州", "屈服", "饶恕", "牟利", "艾滋", "尤其", "阳光", "时常", "穆斯", "农村", "农民", "农业",
    "司法", "卓越", "古镇", "吉祥", "车上", "项链", "连同", "芦苇", "麦田", "窦性", "岑寂", "景点", "宫殿", "费心", "卜算", "冷静", "晏起", "卫星", "米饭",
    "柏油", "宗旨", "瞿然", "桂花", "全力", "应用", "边界", "卞和", "姬妾", "师傅", "和平", "仇恨", "商量", "沙漠", "沙地", "荣获", "寇仇", "桑树", "甄别", "丛林",
    "虞城", "敖汉", "巩固", "查看", "查处", "查询", "查找", "麻烦", "苑内", "迟到", "官员", "封闭", "谈话", "谈心", "匡扶", "鞠躬", "惠及", "荆棘", "乐器",
    "冀州", "郁闷", "南京", "班级", "班主", "储存", "原告", "栗子", "楚雄", "劳累", "皮包", "粟米", "楼房", "楼道", "楼梯", "盘问", "满月", "闻名", "位列", "厉害",
    "区分", "海边", "花园", "权力", "强迫", "屠宰", "豆类", "朴素", "盖住", "练就", "禹州", "井然", "祖国", "祖父", "祖母", "漆黑", "巴士", "丰收", "卿卿", "国内",
    "平房", "计生", "索取", "宣告", "晋城", "相互", "初级", "门前", "云朵", "敬请", "来到", "扈从", "晁盖", "普及", "普通", "阙如", "戈壁", "伏击", "鹿角",
    "邸报", "雍正", "辜负", "羊毛", "阿里", "乌鲁", "母女", "母子", "裘皮", "亓官", "修理", "邰家", "赫然", "杭锦", "况且", "那天", "宿州", "鲜血", "印象", "逯家",
    "隆冬", "茹苦", "诸位", "战斗", "危房", "玉石", "银川", "亢奋", "嵇家", "公路", "哈尔", "湛江", "宾客", "戎装", "勾结", "茅草", "於潜", "呼叫", "居中",
    "揭示", "干净", "但愿", "尉官", "冶炼", "斯人", "元月", "束手", "檀香", "衣着", "信件", "展现", "阴暗", "昝家", "智能", "幸运", "奉命", "植物", "衡水", "富有",
    "尧舜", "闭门", "由来", "文体", "文旅", "华为", "金山", "高级", "高等", "方可", "常委", "常务", "任职", "任命", "余额", "江苏", "江西", "温暖", "温度", "施工",
    "施暴", "牛奶", "葛根", "邢台", "安徽", "齐齐", "乔迁", "伍佰", "庞大", "颜色", "倪家", "庄重", "聂家", "章节", "岳阳", "殷切", "詹家", "申请", "申报", "欧美",
    "耿直", "关闭", "兰花", "焦点", "左边", "柳州", "甘心", "祝贺", "包头", "包容", "宁夏", "尚且", "舒服", "阮家", "柯家", "梅雨", "童装", "凌乱", "毕竟", "单纯",
    "季某", "裴某", "霍某", "涂料", "成立", "成为", "成功", "成效", "苗族", "谷歌", "盛情", "曲线", "翁牛", "冉家", "骆家", "路段", "游客", "辛勤", "管辖", "柴油",
    "蒙族", "鲍鱼", "华人", "祁连", "蒲公", "房东", "滕家", "屈原", "饶有", "解除", "解救", "牟家", "艾草", "尤为", "阳台", "时刻", "穆棱", "农牧", "司机", "卓有",
    "古老", "吉他", "车间", "项下", "连接", "芦荟", "麦子", "褚家", "娄底", "窦家", "戚家", "岑溪", "景色", "党建", "宫廷", "费劲", "卜卦", "冷漠", "晏家", "席卷",
    "卫视", "米面", "柏林", "宗族", "瞿家", "桂林", "全国", "佟家", "应有", "臧否", "闵行", "苟且", "邬家", "边远", "卞家", "姬家", "师范", "和解", "仇家", "栾家",
    "隋唐", "商议", "刁难", "沙发", "荣幸", "巫山", "寇家", "桑拿", "郎平", "甄选", "丛书", "仲夏", "虞家", "敖包", "巩家", "明清", "佘家", "池塘", "查明", "麻木",
    "苑囿", "迟迟", "邝家", "官方", "封建", "谈判", "匡正", "鞠家", "惠民", "荆州", "乐于", "冀家", "郁郁", "胥家", "南开", "班车", "储备", "原始", "栗色", "燕京",
    "楚国", "鄢陵", "劳教", "谌家", "奚落", "皮鞋", "粟裕", "冼家", "蔺家", "楼上", "盘点", "满分", "闻到", "位次", "厉行", "伊朗", "仝家", "区别", "郜家", "海关",
    "阚家", "花钱", "权威", "强度", "帅哥", "屠杀", "豆浆", "朴实", "盖子", "练兵", "廉价", "禹王", "井冈", "祖先", "漆器", "巴掌", "丰满", "支援", "卿家", "国旗",
    "狄家", "计较", "索赔", "宣誓", "晋级", "相信", "初心", "门票", "云彩", "容貌", "敬业", "来访", "扈家", "晁家", "芮家", "都会", "普法", "阙家", "浦口",
    "戈家", "伏案", "鹿家", "薄荷", "邸家", "雍容", "辜家", "羊肉", "阿拉", "乌云", "母爱", "裘家", "亓家", "修建", "邰州", "赫哲", "杭家", "况家", "那是", "宿迁",
    "鲜艳", "印刷", "逯某", "隆起", "茹家", "诸城", "战争", "慕课", "危及", "玉溪", "银色", "亢家", "嵇康", "公众", "哈密", "湛蓝", "宾家", "戎马", "勾画", "茅台",
    "利于", "於家", "呼声", "居多", "揭发", "干涉", "但凡", "尉家", "冶金", "斯家", "元素", "束家", "檀家", "衣柜", "信心", "展望", "阴谋", "智者", "幸免", "奉行",
    "植被", "衡阳", "富足", "尧家", "闭幕", "由衷", "原文", "原件", "原本", "原先", "原有", "孙子", "孙女", "孙辈", "班上", "班里", "班会",
    "班长", "来上", "来学", "和上", "都上", "常上", "时上", "那个", "那位", "这位",
    "宝宝", "宝贵", "宝贝", "宝藏", "双手", "双方", "双亲", "双休", "双胞", "松懈", "步行", "黑色", "黑夜", "黑网", "达到", "达标", "达成", "保护",
    "保持", "保障", "保证", "保存", "保密", "保险", "过来", "过去", "过程", "过于", "操场", "操作", "昌盛", "扶持", "别人", "怀疑", "怀孕", "弘扬",
    "墨水", "充分", "充满", "寿命", "终于", "终身", "续签", "贡献", "钦佩", "铁路", "鱼塘", "良好", "益处", "仰望", "习惯", "凤凰", "贝壳", "苍白",
    "丘陵", "伯伯", "暴力", "暴露", "暴雨", "淳朴", "琴房", "蒿草", "税务", "钮扣", "腾讯", "保安", "保育", "保姆", "过年", "步入", "沃土",
}
# kin and roles: the words that say who a person is, right before a name (学生王芳芳, 其母亲刘秀英, 回访对象：崔婷婷) or
# right after it (王芳芳同学, 李建国的母亲, 黄梓萱的继母)
KIN = ("父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "祖父", "祖母", "外祖父", "外祖母", "哥哥", "姐姐", "弟弟",
       "妹妹", "儿子", "女儿", "继父", "继母", "养父", "养母", "叔叔", "婶婶", "伯伯", "伯父", "伯母", "大伯", "姑姑", "姑父", "姑妈", "舅舅", "舅妈",
       "姨妈", "姨父", "小姨", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "侄子", "侄女", "孙子", "孙女", "外孙", "外孙女", "丈夫",
       "妻子", "监护人", "家长", "同学", "同桌", "老师", "班主任", "男友", "女友", "男朋友", "女朋友", "孩子", "父母", "家人", "亲属",
       "后爸", "后妈", "干爸", "干妈", "子女", "生父", "生母", "亲生父亲", "亲生母亲", "闺女", "儿媳", "儿媳妇", "女婿", "孙媳妇", "娃儿", "娃娃", "丫头", "大姨", "二姨", "三姨", "小舅", "大舅", "二舅", "姑奶奶", "舅姥爷", "太奶奶", "太爷爷", "外甥", "外甥女")
ROLE = ("学生", "小孩", "女孩", "男孩", "女童", "男童", "幼儿", "儿童", "少年", "少女", "小朋友", "未成年人", "受害人", "被害人", "当事人", "嫌疑人",
        "被告人", "教师", "校长", "园长", "教练", "医生", "保姆", "司机", "店主", "老板", "网友", "好友", "朋友", "邻居", "室友", "患儿", "学童", "女生",
        "男生", "初中生", "小学生", "高中生", "中学生", "大学生", "留守儿童", "困境儿童", "孤儿", "本人", "女孩子", "男孩子", "学员", "徒弟", "小女孩",
        "小男孩", "小姑娘", "小伙子", "举报人", "报案人", "求助人", "投诉人", "来电人", "联系人", "对象", "户主", "照护人", "之子", "之女", "其子", "其女",
        "其父", "其母", "该生", "阿姨", "申请人", "被申请人", "志愿者", "陪同人员", "走访对象", "帮扶对象", "救助对象", "干部", "外甥", "外甥女",
        "侄孙", "继子", "继女", "养子", "养女", "长子", "长女", "次子", "次女", "老人", "被监护人", "村民", "居民", "牧民", "市民", "群众",
        "房东", "租户", "受助人", "受助儿童", "提交人", "填报人", "报告人", "证人", "施暴人", "行为人", "肇事者", "肇事司机",
        # people named in case records by their part in it: occupations, parties to proceedings, schoolmates
        "车主", "驾驶员", "驾驶人", "货车司机", "出租车司机", "校车司机", "网约车司机", "快递员", "外卖员", "摊主", "业主", "经营者", "负责人",
        "法定代表人", "实际控制人", "股东", "员工", "工人", "包工头", "雇主", "老板娘", "店员", "营业员", "收银员", "售货员", "服务员", "厨师",
        "保安", "门卫", "宿管", "宿管员", "保育员", "保洁员", "生活老师", "代课老师", "任课老师", "体育老师", "数学老师", "语文老师", "英语老师",
        "辅导员", "教官", "校医", "村医", "护士", "社工", "网格员", "教练员", "培训师", "主播", "网红", "法定代理人", "诉讼代理人",
        "代理人", "辩护人", "原告", "原告人", "被告", "上诉人", "被上诉人", "罪犯", "服刑人员", "犯罪嫌疑人", "涉案人员", "加害人", "侵害人", "施暴者",
        "报警人", "信访人", "反映人", "咨询人", "求助者", "目击者", "见证人", "知情人", "担保人", "委托人", "寄养人", "收养人", "送养人",
        "抚养人", "扶养人", "看护人", "被收养人", "被害儿童", "涉事学生", "涉事教师", "涉事老师", "交流生", "转学生", "借读生", "插班生",
        "寄宿生", "毕业生", "新生", "学徒", "童工", "队员", "球员", "选手", "患者", "病人", "伤者", "死者", "遇难者", "亲戚", "同乡", "老乡",
        "同村", "同事", "同伴", "玩伴", "发小", "学长", "学姐", "学弟", "学妹", "师兄", "师姐", "老伴", "公公", "婆婆", "岳父", "岳母",
        "我们班", "我班", "同班", "班里的", "班上的", "邻居家", "那个", "这个", "之一", "德育主任", "教导主任", "政教主任", "年级主任",
        "校长助理", "副校长")
BEFORE = KIN + ROLE
AFTER_ROLE = tuple(sorted({*KIN, *("的" + k for k in KIN), "小朋友", "一家", "家里", "家中", "的家里", "的家", "之母", "之父", "之子", "之女", "兄弟",
                           "阿訇", "师傅", "大夫", "医生", "律师", "教练",
                           "姐妹", "姐弟", "兄妹", "二人", "两人", "三人", "等人", "等同学", "老人", "夫妇", "母子", "母女", "父子", "父女"},
                          key=len, reverse=True))
# what may follow a name in a sentence about an event (王浩然被同学打伤, 冯立新已被停职, 张宇轩，男，12岁)
AFTER_EVENT = re.compile(r"^(?:被|遭|遭到|在校|在家|在学校|在外|在放学|在上学|因|于\d|今年|现年|今天|昨天|前天|上周|当晚|当天|当时|上午|下午|晚上|早上|中午|凌晨|近日|近期|近来|长期|多次|经常|一直|曾|"
                         r"已经|已|离家|辍学|失学|逃学|出走|失踪|走失|受伤|自残|自杀|怀孕|生病|患|就读|在读|上学|读|说|称|反映|讲|告诉|哭|不愿|不敢|"
                         r"没有|没去|未|无人|独自|和|与|跟|同|及其|及|来电|来访|表示|介绍|承认|涉嫌|目前|年迈|常年|愿意|从事|自小|自幼|出生|生于|身上|"
                         r"放学|回家|出门|常常|总是|平时|每天|天天|正在|正|系|现在|现|自述|供述|证实|辩称|陈述|驾车|驾驶|先后|私自|擅自|拒不|拒绝|无故|突然|偷偷|"
                         r"的父母|家|，男|，女|（男|（女|,男|,女|\(男|\(女|[，,（(]?\d{1,2}岁|[，,（(]?[一二三四五六七八九十]{1,3}岁)")
_DOUBLE_SET = frozenset(DOUBLE)
_SURE_DOUBLE = frozenset(DOUBLE) - {"东方", "西门", "长孙", "太史", "闻人", "公冶", "宗政", "钟离", "那拉", "富察", "司马"}
# characters that end a name rather than belong to it (叫张三的孩子: 张三)
_NOT_GIVEN = set("的了在被是和说家等同与因从把将对向为给让就也都还又及或而但于由跟到去来这那其们个名位岁年月日时")
# given names that are forms of address, not names (李先生, 王女士, 张老师)
_TITLES = {"先生", "女士", "老师", "同志", "学生", "师傅", "大夫", "医生", "警官", "主任", "书记", "校长", "局长", "阿姨", "大爷", "大妈", "大娘", "大姐",
           "大哥", "老板", "同学", "老人", "某某", "家长", "总", "姐", "哥", "叔", "婶", "嫂", "伯", "爷", "奶", "队", "工", "主", "所", "局", "科",
           "姓", "氏", "家", "某", "女", "男", "生", "母", "父"}
# characters seldom found outside given names: a third character among them makes 叶子涵, 雷雨涵 names though 叶子 and 雷雨 are words
_NAME_ONLY = set("晞珺琰瑄璟昶炜烨翊骞彧煜晔昀旻骁淼婕娅琦玥珺瑾瑜璐萱涵萱轩怡婷娜琪梓欣浩宇杰琳璐瑶妍婧媛嫣姝娅娟霖睿熙晗昊皓鑫蕊薇莹馨彤钰铭泽博凯辰霆锐佳嘉俊豪哲桐楠"
                 "喆犇垚昇珩玙瑀琮璠玺燊湉赟隽颢")
_PLACEHOLDER_AFTER = ("（化名）", "(化名)", "（假名）", "(假名)", "（音）", "”为化名", "”是化名", "为化名", "是化名", "\"为化名", "」为化名")

# Mongolian given names, written in Chinese characters, have no surname (巴特尔, 乌日娜, 额尔敦毕力格): they are found
# as a run of the parts such names are made of, next to the same cues as other names
_MONGOL_PARTS = set(
    "巴特尔 巴特 巴图 巴雅尔 巴音 巴根 巴达 宝音 宝力道 宝力格 宝鲁 布和 布仁 朝鲁 朝克 朝格 达来 道尔吉 额尔敦 额尔德木 额尔德尼 额日和 额日敦 恩和 "
    "嘎拉 嘎日迪 格日勒 格根 哈斯 呼和 呼斯勒 吉日嘎拉 吉雅 满都拉 满都呼 孟和 那顺 娜仁 那仁 那日苏 其其格 琪琪格 其木格 其勒格尔 萨仁 萨日娜 萨日朗 "
    "赛音 赛罕 斯琴 斯日古楞 苏和 苏日 苏布道 塔娜 特木尔 图雅 图门 图布新 托娅 乌日 乌力吉 乌云 乌兰 乌日娜 乌日图 乌日根 阿拉坦 阿木尔 阿古拉 "
    "阿茹娜 敖日格勒 敖登 照日格图 毕力格 高娃 包力高 白音 查干 德力格尔 旭日 牧仁 诺敏 海日罕 呼日乐 莫日根 青格乐 扎布 扎那 僧格 桑布 朝格图 "
    "吉日木图 孟根 陶格图 乌恩 沙仁 额尔登 格日乐 达古拉 苏伊拉 其达拉图 额尔德 宝日 仁钦 乌兰图雅 呼日查 特古斯 朝伦 其日麦拉图 哈斯高娃 "
    "那木拉 达赖 图古斯 阿日斯楞 伊德尔 温都苏 萨其拉 娜布其 斯庆 乌仁 其其 高勒 毕力 阿拉腾 图拉 敖其尔 白乙拉 巴拉吉尼玛 尼玛 扎西 次仁 "
    "多吉 卓玛 央金 格桑 拉姆 达瓦 顿珠 旺堆 阿依古丽 古丽 买买提 阿不都 热依拉 穆萨 阿里 尤努斯 法蒂玛 阿依莎 伊布拉欣 萨利赫 易卜拉欣 "
    "优素福 哈桑 侯赛因 阿卜杜 努尔 艾力 艾力江 吐尔逊 艾尔肯 帕提古丽 迪丽 热巴 呼斯楞 格乐 敖日格乐 古嘎 苏日古嘎 乌日汗 斯琴高娃 萨仁高娃 "
    "阿拉坦仓 朝克图 图布 宝音图 巴雅斯古楞 额尔敦毕力格 那顺乌日图 伊拉图 阿斯汗 达楞 格根图雅 乌兰其其格 萨茹拉 阿茹汗 青格勒 "
    "苏布达 其木德 乌力吉木仁 孟克 孟根其其格 布仁巴雅尔 哈日 哈达 特日格乐 呼日勒 白乙 吉木斯 乌吉斯古楞 诺日布 阿迪亚 "
    "卓嘎 旺姆 次仁 德吉 曲珍 洛桑 丹增 平措 索朗 尼玛 拉巴 普布 边巴 扎西 强巴 白玛 央宗 措姆 "
    "敖特根 特根 浩斯 浩斯巴雅尔 那日 苏德 乌力 额日 格日 吉日 萨日 其日 乌日 达日 巴日 朝日 呼日 "
    "敖其 巴雅 包拉 哈斯 额尔 德力 达来 满都 斯琴 图们 乌兰 阿荣 莫日 诺敏 其木 萨其 塔娜 图雅 乌云 伊拉 "
    "达尔罕 阿尔斯楞 那木吉拉 朝鲁门 旦增 才让 才旦 多杰 贡布 桑吉 次旦 加措 嘉措 仁增 巴桑 扎巴 洛布 益西 群培 土登 德央 尼玛次仁 格桑梅朵 卓玛吉 拉毛 "
    "道日娜 乌兰巴日 巴图孟和 苏雅拉图 哈斯巴根 额日登 吉日格勒 宝勒尔 敖敦 阿木古楞 都仁 乌兰夫 赛罕 恩克 朝勒孟 图力古尔".split())
_MONGOL_TAIL = set("娜图花仓格尔勒日夫拉其乐楞根嘎姆")  # one-character endings, after a part
_MONGOL_MAX = max(map(len, _MONGOL_PARTS))
_NOT_MONGOL_AFTER = ("苏木", "嘎查", "镇", "旗", "市", "浩特", "淖尔", "察布", "郭勒", "县", "区", "河", "山", "湖", "草原", "路", "街", "小区")


def _mongol_at(text: str, i: int) -> int:
    """The end of a Mongolian (or other minority) given name starting at ``i``, or ``i`` when there is none."""
    j, parts = i, 0
    while j < len(text) and j - i < 8:
        for n in range(min(_MONGOL_MAX, len(text) - j), 1, -1):
            if text[j : j + n] in _MONGOL_PARTS:
                j += n
                parts += 1
                break
        else:
            if parts and text[j] in _MONGOL_TAIL and (j + 1 >= len(text) or not _cjk(text[j + 1]) or _ends_name(text[j + 1 : j + 13])):
                j += 1
            break
    if not parts or text.startswith(_NOT_MONGOL_AFTER, j) or text[j : j + 1] in _MONGOL_TAIL and text.startswith(_NOT_MONGOL_AFTER, j + 1):
        return i  # 乌力吉图嘎查: a village named like a person
    return j


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _ends_name(rest: str) -> bool:
    """Whether what follows a name closes it: punctuation, a role (同学, 的母亲) or an event (被, 在校, ，男，12岁)."""
    return bool(_BOUNDARY.match(rest) or AFTER_EVENT.match(rest) or rest.startswith(AFTER_ROLE))


# what after a name says most surely that it is one: a sex or an age (龙飞虎（17岁）, 钱多多（男）), or 的 + kin (任嘉怡的监护人)
_SURE_AFTER = re.compile(r"^(?:[，,（(][ 　]?(?:男|女|\d{1,2}岁|[一二三四五六七八九十]{1,3}岁)|的(?:" + "|".join(KIN) + ")"
                         r"|[（(](?:孩子|其|该生|学生|受害人|被害人)?的?(?:" + "|".join(KIN) + r")[）)])")


_WEAK_AFTER = set("和与跟同及家说称讲读未因曾已")
_SEX_AGE_AFTER = re.compile(r"^[，,（(][ 　]?(?:男|女|\d{1,2}岁|[一二三四五六七八九十]{1,3}岁)")


def _name_like(given: str, strict: bool) -> bool:
    """``strict``: every character is common in given names; else one at least, and none that ends a name."""
    if "某" in given or any(ch in _NOT_GIVEN for ch in given):
        return False
    return all(ch in GIVEN for ch in given) if strict else any(ch in GIVEN for ch in given)


# surname characters that are also everyday function words: a name with one needs a name-like given name
_COMMON_WORD_SURNAMES = set("都和由那时来查干全成常车原于向任余也可能要会还就把将被从对给让连同跟及与以为在明")
_BOUNDARY = re.compile(r"^(?:[，,。、；;：:！!？?（(）)“”\"\s]|$|等|同学|小朋友|的)")


def _name_at(text: str, i: int, cue: str) -> tuple[int, int] | None:
    """A name starting at ``i``: a surname (double ones first) and a one- or two-character given name, or a
    Mongolian name (with or without a surname before it: 包其其格).

    ``cue`` says what stands before: "strong" (名叫, 姓名：, 大名: any given name), "call" (叫: a name-like one),
    "role" (学生, 母亲, 对象：: a two-character given name with one name character; a one-character one must be
    followed by what closes a name), "none" (nothing: the name must be followed by a role or an event, and every
    character must be common in names)."""
    if i >= len(text):
        return None
    m_end = _mongol_at(text, i)
    if m_end - i >= (2 if cue in ("strong", "call", "role") else 3) and (cue != "none" or _ends_name(text[m_end : m_end + 12])):
        return i, m_end
    sur = text[i : i + 2] if text[i : i + 2] in _DOUBLE_SET else None
    if sur is None:
        if text[i] not in SURNAMES and not (cue != "none" and text[i] in CUE_SURNAMES):
            return None
        sur = text[i]
    j = i + len(sur)
    m_end = _mongol_at(text, j)
    if m_end - j >= (2 if cue in ("strong", "call", "role") else 3) and (cue != "none" or _ends_name(text[m_end : m_end + 12])):
        return i, m_end  # 包其其格, 学生马穆萨
    for n in (2, 1):
        given = text[j : j + n]
        if len(given) != n or not all(_cjk(ch) for ch in given) or given in _TITLES or given[:1] in _TITLES and n == 1:
            continue
        rest = text[j + n : j + n + 12]  # what follows (never more: the text may be a whole file)
        if rest.startswith(_PLACEHOLDER_AFTER):
            return None
        word = sur + given
        if (given[-1] + rest[:1]) in NOT_NAMES:
            continue  # 武侠小说: the last character begins the next word
        if n == 2 and given[1] in "母父男女":
            continue
        # a word that is also a given name, right after a role and closed by an event: 报警人包金山称
        word_ok = n == 2 and sur not in _COMMON_WORD_SURNAMES and _name_like(given, strict=True) and (
            cue == "role" and _ends_name(rest) or rest[:1] in "（(" and _SURE_AFTER.match(rest) is not None)  # 包金山（孩子爷爷）
        if given in NOT_NAMES and not word_ok:
            continue
        if len(sur) == 1 and (word[:2] in NOT_NAMES or (n == 2 and word[1:] in NOT_NAMES)) and not (n == 2 and given[1] in _NAME_ONLY) and not word_ok:
            continue
        if sur in CUE_SURNAMES and not (n == 2 and _name_like(given, strict=True)):
            continue  # 孩子过冬, 父母双双: a rarer surname needs a whole given name of name characters
        if cue == "strong":
            if _name_like(given, strict=False) or (sur not in _COMMON_WORD_SURNAMES and not any(ch in _NOT_GIVEN for ch in given)):
                return i, j + n
            continue
        if sur in _COMMON_WORD_SURNAMES and not (_name_like(given, strict=True) and (cue in ("role", "call") and n == 2 or
                n == 2 and _ends_name(rest) or rest.startswith(AFTER_ROLE) or _SEX_AGE_AFTER.match(rest) or rest[:1] in "被遭")):
            continue  # 老师和家长, 学生查视力, 孩子成天在外 (but 于洋被继父赶出家门)
        if n == 2 and _name_like(given, strict=False) and (cue in ("call", "role", "list") or cue != "strong" and _SURE_AFTER.match(rest)):
            return i, j + n
        if n == 2 and cue == "none" and _SEX_AGE_AFTER.match(rest) and not any(ch in _NOT_GIVEN for ch in given) and "某" not in given:
            return i, j + n  # 钱多多（男，10岁）
        if n == 1 and cue in ("role", "list", "call") and given in _NAME_ONLY:
            return i, j + n  # 孤儿门淼: a character seldom seen outside names
        if not _name_like(given, strict=True):
            continue
        if cue in ("call", "role", "list") and _ends_name(rest):
            return i, j + n
        if cue == "none" and n == 1 and rest[:1] in _WEAK_AFTER and not rest.startswith(AFTER_ROLE):
            continue  # 公文和纪要: one given character needs more than 和 or 说 after it
        if cue == "none" and (AFTER_EVENT.match(rest) or rest.startswith(AFTER_ROLE)):
            return i, j + n
    return None


_BEFORE_RX = re.compile(words_pattern(BEFORE))
_SURE_DOUBLE_RX = re.compile(words_pattern(_SURE_DOUBLE))
_CUE_INSIDE = frozenset(("妇女儿童", "子女儿童", "男女老师"))
# a cue word inside a longer word that names no one
_CUE_COMPOUNDS = ("少年宫", "儿童节", "儿童之家", "儿童游乐", "儿童乐园", "儿童福利", "学生会", "学生证", "家长会", "家长学校", "家长群", "朋友圈",
                  "对象是", "教师节", "校长信箱")
_BEFORE_NAME_OK = set("是和与跟同对向给让叫把被由在为了的说称及或将")
# where a name may end, found by the words after it; every alternative starts with a literal character so that the
# regex engine can skip ahead (an age, which starts with a digit, is found from its 岁)
_AFTER_LITERAL = re.compile(words_pattern(AFTER_ROLE) + "|" + AFTER_EVENT.pattern[4:AFTER_EVENT.pattern.index("|[，,（(]?")])
_AGE = re.compile(r"[，,（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})岁$")
_STRONG_RX = re.compile(r"名叫|叫做|叫作|名为|姓名(?:是|为|[:：])?|名字(?:是|叫)|大名(?:叫|是)?|原名|真名|本名|曾用名|叫")
_NOT_CALL_BEFORE = set("喊大尖鸣吼呼惊怪乱狂哭哀吵")
_NOT_CALL_AFTER = set("喊嚷骂醒来去停好卖声唤苦屈板车外")


def _name_ends(text: str) -> list[int]:
    ends = {m.start() for m in _AFTER_LITERAL.finditer(text)}
    for bracket in ("（", "("):  # 包金山（孩子爷爷）
        k = text.find(bracket)
        while k >= 0:
            if _SURE_AFTER.match(text[k : k + 16]):
                ends.add(k)
            k = text.find(bracket, k + 1)
    k = text.find("岁")
    while k >= 0:
        m = _AGE.search(text, max(0, k - 4), k + 1)
        if m:
            ends.add(m.start())
        k = text.find("岁", k + 1)
    return sorted(ends)


_CALLED = re.compile(rf"[\u4e00-\u9fff]{{2,6}}?(?=的[^，,。；;！!？?\n]{{0,4}}?(?:{words_pattern(BEFORE)}))")


def _called_person(text: str, i: int) -> tuple[int, int] | None:
    """叫 + what is, by the words after it, a person's name, though its characters are an ordinary word or rare in
    names: 叫苏醒的初二男生, 叫赵犇的小男孩 (the surname, or a minority name's first part, is still required)."""
    m = _CALLED.match(text, i)
    if not m or "某" in m.group(0) or m.group(0).endswith(_PLACEHOLDER_AFTER):
        return None
    word = m.group(0)
    if word[0] in SURNAMES or word[0] in CUE_SURNAMES or word[:2] in _DOUBLE_SET or _mongol_at(text, i) > i + 1:
        return m.start(), m.end()
    return None


def _skip_marks(text: str, i: int) -> int:
    while i < len(text) and text[i] in "：:“\"「 　是为":
        i += 1
    return i


def _names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _STRONG_RX.finditer(text):
        cue = "strong"
        if m.group(0) == "叫":
            before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
            if before in _NOT_CALL_BEFORE or after in _NOT_CALL_AFTER:
                continue  # 大叫, 叫喊: not 叫 + a name
            cue = "call"
        at = _skip_marks(text, m.end())
        found = _name_at(text, at, cue) or (_called_person(text, at) if cue == "call" else None)
        if found:
            out.append(found)
    # a word naming the person, then the name (学生王芳芳, 家长：李建国)
    word = _BEFORE_RX.search(text)
    while word:  # overlapping ones too (其母亲: 其母 and 母亲)
        a, b = word.start(), word.end()
        if not text.startswith(_CUE_COMPOUNDS, a) and text[b : b + 1] != "们" and text[max(0, a - 1) : b + 1] not in _CUE_INSIDE:
            found = _name_at(text, _skip_marks(text, b), "role")
            if found:
                out.append(found)
        word = _BEFORE_RX.search(text, b - 1)
    # a name followed by a role (王芳芳同学, 李建国的母亲) or an event (王浩然被打伤, 张宇轩，男，12岁): found from the
    # words after it, which are rarer than surname characters
    for p in _name_ends(text):
        for i in range(p - 2, max(-1, p - 8), -1):
            if text[i] not in SURNAMES and text[i : i + 2] not in _DOUBLE_SET and text[i] not in _MONGOL_START:
                continue
            inside = i > 0 and _cjk(text[i - 1]) and text[i - 1] not in _BEFORE_NAME_OK
            if inside and not (p - i == 3 and _SURE_AFTER.match(text[p : p + 12])):
                continue  # inside a longer word (unless 的 + kin, an age or a sex follows: 已联系任嘉怡的监护人)
            found = _name_at(text, i, "none")
            if found and found[1] == p:
                out.append(found)
                break
    # a surname and two given-name characters standing between word boundaries (联系了包乌日娜, 将吴昊天转介, 吕秋菊反映)
    out += _bounded_names(text)
    # a double surname that is nearly never a word, and one or two characters, after a boundary: 端木晨骑电动车
    for d in _SURE_DOUBLE_RX.finditer(text):
        i = d.start()
        if _left_kind(text, i) and not text.startswith(_PLACEHOLDER_AFTER, d.end()):
            g = i + 2
            n = 2 if g + 2 <= len(text) and _GIVEN_SET.issuperset(text[g : g + 2]) else 1
            if g + n <= len(text) and _cjk(text[g]) and text[g] not in _NOT_GIVEN and "某" not in text[g : g + n]:
                out.append((i, g + n))
    # lists: 林浩宇、林浩泽兄弟 (the one before 、 is a name when the one after it is)
    for s, _e in list(out):
        k = s - 1
        while k > 0 and text[k] == "、":
            for i in (k - 3, k - 2, k - 4):
                found = _name_at(text, i, "list") if i >= 0 else None
                if found and found[1] == k and (found[1] - found[0] >= 3 or i == 0 or not _cjk(text[i - 1]) or text[i - 1] in _BEFORE_NAME_OK):
                    out.append(found)
                    k = i - 1
                    break
            else:
                break
    # … and the ones after a name in a list: 王浩然、李沐阳和张雨桐
    for _s, e in list(out):
        while e < len(text) and text[e] in "、和与及":
            found = _name_at(text, e + 1, "list")
            if not found or found[1] - found[0] < 2:
                break
            out.append(found)
            e = found[1]
    # transliterated names with a middle dot: 艾力江·吐尔逊
    for dot in _DOT_RX.finditer(text):
        span = _dotted_at(text, dot.start())
        if span:
            out.append(span)
    return out


# what ends the part of a dotted name after the dot (热合曼的同学, 明安由其祖母)
_DOT_STOP = set("的是在了和与及被把将对向给由等说发已因从到于也都还就又才今昨户系自")


def _dotted_at(text: str, k: int) -> tuple[int, int] | None:
    """A name with a middle dot at ``k`` (艾力江·吐尔逊, 鄂嫩·其其格, 瓜尔佳·安然): before the dot, the characters back
    to a word boundary (a cue like 邻居, a function word, punctuation), at most six; after it, up to five, to the
    first function word.  The part before must be mostly transliteration characters or a known surname or
    minority name when it is not set off by a cue (so 问答库·示例 is no name)."""
    if not (k > 0 and _cjk(text[k - 1]) and k + 1 < len(text) and _cjk(text[k + 1])):
        return None
    a = k
    while a > 0 and k - a < 6 and _cjk(text[a - 1]) and not _left_kind(text, a) and not _after_cue(text, a):
        a -= 1
    if a > 0 and _cjk(text[a - 1]) and not _left_kind(text, a) and not _after_cue(text, a):
        return None  # no boundary within six characters
    b = k + 1
    while b < len(text) and b - k <= 5 and _cjk(text[b]) and text[b] not in _DOT_STOP and not text.startswith(AFTER_ROLE, b):
        b += 1
    while b > k + 3 and text[b - 1] not in _NAME_CHARS:
        b -= 1  # 吐尔逊随父母: the name ends where its characters do
    left, right = text[a:k], text[k + 1 : b]
    if len(left) < 2 or len(right) < 2:
        return None
    known = left in _DOUBLE_SET or left[0] in SURNAMES or _mongol_at(left, 0) == len(left) or sum(ch in _TRANSLIT for ch in left) * 2 > len(left)
    return (a, b) if known or _after_cue(text, a) else None


def _after_cue(text: str, i: int) -> bool:
    """Whether a word that says who the person is (邻居, 被监护人, 外孙女) ends right before ``i``."""
    m = _BEFORE_END.search(text, max(0, i - 6), i)
    return m is not None


# characters that transliterated (Uyghur, Kazakh, foreign) names are made of
_TRANSLIT = set("阿艾埃爱安奥巴拜班贝本比彼毕波伯布察达戴德迪蒂丁东杜多尔厄恩法菲费弗福盖格古哈海汗赫亨胡吉加杰金卡凯坎康柯科克库拉莱兰朗劳勒"
                "雷里利莉丽林琳卢鲁伦罗洛马玛迈麦曼梅蒙米密莫默姆穆纳娜奈尼妮努诺帕佩皮普齐奇乔切热萨塞桑瑟沙舍什斯松苏索塔泰坦汤特提图托娃瓦威"
                "维温沃乌西希夏谢辛休雅亚扬耶伊因尤约扎詹兹佐江吐逊买力木孜热依")
_DOT_RX = re.compile("[·•・‧]")


_MONGOL_START = {p[0] for p in _MONGOL_PARTS}
_MONGOL_RX = re.compile(words_pattern(_MONGOL_PARTS))
_NAME_CHARS = frozenset(_TRANSLIT) | frozenset(GIVEN) | frozenset("".join(_MONGOL_PARTS)) | frozenset(SURNAMES)
_BEFORE_END = re.compile(f"(?:{words_pattern(BEFORE)})$")
# what may stand right before a name that has no cue: a function word, or a verb done to a person (联系了, 陪同)
_LEFT_OK = set("是和与跟同对向给让叫把被由在为了的说称及或将据经陪帮找问请于接镇乡村旗县市区屯到")
_LEFT_VERBS = frozenset(("关于", "反映", "联系", "陪同", "看望", "走访", "约谈", "帮助", "资助", "救助", "询问", "通知", "告诉", "带着", "找到", "发现", "批评",
                         "表扬", "安置", "转介", "撤销", "剥夺", "慰问", "接回", "送回", "护送", "照顾", "照看", "收养", "抚养", "监护", "殴打",
                         "打伤", "欺负", "猥亵", "侵害", "诱骗", "拐卖", "收留", "认识", "劝返", "寻找", "报告", "举报", "起诉", "处罚"))
# … and right after it: punctuation, a function word, or a word of an event
_RIGHT_OK = set("的在被是系自和与跟向对把给让从已因说称反表来去到也都还就又才等及今近于将曾未没不一正、，。；：！？,.;:!?（(）)“”\"\n 　")
# a character class first, so that the engine can skip ahead; which surname it is, is checked after
_BOUNDED = re.compile(rf"[{''.join(sorted(SURNAMES | {d[0] for d in DOUBLE}))}][\u4e00-\u9fff]?[{''.join(sorted(GIVEN))}]{{2}}")
_GIVEN_SET = frozenset(GIVEN)


_STRONG_LEFT = set("将把被对给让叫由据陪找问请向")
# a strong left character and a surname that make a word together: 向阳花, 对方, 将军
_LEFT_JOINS = frozenset(("向阳", "对方", "将军", "把关", "由衷", "被子", "给予", "让步", "请柬", "向往"))


def _left_kind(text: str, i: int) -> str:
    """What stands before position ``i``: "strong" (a verb done to a person, 将, 把, 被 …), "weak" (the start, a
    punctuation mark, a function word) or "" (inside a word)."""
    if text[i - 2 : i] in _LEFT_VERBS or text[i - 3 : i - 1] in _LEFT_VERBS and text[i - 1 : i] in "了过着":
        return "strong"
    if i == 0 or not _cjk(text[i - 1]):
        return "weak"
    if text[i - 1] in _STRONG_LEFT:
        return "strong"
    return "weak" if text[i - 1] in _LEFT_OK else ""


def _minority_names(text: str) -> list[tuple[int, int]]:
    """Mongolian (and other) names made of known parts, three characters or more, or two after a Han surname (李图雅,
    包乌日娜), standing at a word boundary: 呼斯楞是孩子的父亲."""
    out: list[tuple[int, int]] = []
    m = _MONGOL_RX.search(text)
    while m:
        i = m.start()
        m = _MONGOL_RX.search(text, i + 1)
        for start, sur in ((i - 1, 1), (i, 0)):
            if start < 0 or sur and text[start] not in SURNAMES and text[start] not in "宝":
                continue
            if out and out[-1][1] > start:
                break
            left = _left_kind(text, start)
            if not left and not (sur and _left_kind(text, i)):
                continue
            end = _mongol_at(text, i)
            after = text[end : end + 12]
            sure = left == "strong" or _SURE_AFTER.match(after) is not None
            closed = not after or after[0] in _RIGHT_OK or AFTER_EVENT.match(after) is not None or after.startswith(AFTER_ROLE)
            if end - i >= (3 if not (sur or sure) else 2 if closed or sure else 9) and not text.startswith(_NOT_MONGOL_AFTER, end) and not (end < len(text) and text[end] in _MONGOL_NOT_END):
                out.append((start, end))
                break
    return out


_MONGOL_NOT_END = set("浩特淖尔察布郭勒河山湖")


_SHORT_NAME = re.compile(rf"[{''.join(sorted(SURNAMES))}][{''.join(sorted(_NAME_ONLY))}](?![{''.join(sorted(GIVEN))}])")


def _bounded_names(text: str) -> list[tuple[int, int]]:
    """Surname + two characters that are both common in given names, with a word boundary on each side: no cue is
    needed, as such three-character runs are seldom ordinary words (the bundled office texts have none)."""
    out = []
    m = _BOUNDED.search(text)
    while m:
        i = m.start()
        m = _BOUNDED.search(text, i + 1)
        if text[i : i + 2] in _DOUBLE_SET and _GIVEN_SET.issuperset(text[i + 2 : i + 4]) and len(text[i + 2 : i + 4]) == 2:
            sur = text[i : i + 2]
        elif text[i] in SURNAMES and _GIVEN_SET.issuperset(text[i + 1 : i + 3]) and len(text[i + 1 : i + 3]) == 2:
            sur = text[i]
        else:
            continue
        j = i + len(sur) + 2
        given = text[i + len(sur) : j]
        left = _left_kind(text, i)
        if not left or text[i - 1 : i + 1] in NOT_NAMES or text[i - 1 : i + 1] in _LEFT_JOINS:
            continue  # 向阳花志愿服务队: the character before and the surname make a word
        after = text[j : j + 12]
        if left != "strong" and len(sur) == 1 and after and after[0] not in _RIGHT_OK and not AFTER_EVENT.match(after) and not after.startswith(AFTER_ROLE):
            continue
        if after.startswith(_PLACEHOLDER_AFTER) or given in _TITLES or given in NOT_NAMES and left != "strong":
            continue
        if (given[-1] + after[:1]) in NOT_NAMES or given[-1] in "镇乡村旗县市区屯":
            continue  # 武侠小说: the last character begins the next word; 东明镇 is a place
        if len(sur) == 1 and ((sur + given[0]) in NOT_NAMES or sur in _COMMON_WORD_SURNAMES):
            continue
        out.append((i, j))
    # a surname and one character seldom seen outside names, between boundaries: 俞骁的手机
    for m2 in _SHORT_NAME.finditer(text):
        i, j = m2.start(), m2.end()
        after = text[j : j + 12]
        left = _left_kind(text, i)
        if left and (left == "strong" or not after or after[0] in _RIGHT_OK or AFTER_EVENT.match(after)) and text[i] not in _COMMON_WORD_SURNAMES:
            out.append((i, j))
    return out + _minority_names(text)


# -- schools and addresses --------------------------------------------------------------------------------------

_SCHOOL_END = ("中小学校", "中小学", "九年一贯制学校", "初级中学", "高级中学", "完全小学", "中心小学", "中心学校", "实验学校", "民族中学", "蒙古族中学", "职业中学", "职业学校",
               "教学点", "职业技术学校", "职业技术学院", "职业学院", "职业高中", "职业教育中心", "职业中专", "中专", "职校", "特殊教育中心", "职专", "一小", "二小", "三小", "四小", "五小", "六小", "七小", "八小", "职教中心", "技工学校", "特殊教育学校", "特教学校", "培智学校", "师范学校", "卫生学校", "卫校", "技校", "小学", "中学",
               "学校", "幼儿园", "中心校", "完小", "初中", "高中", "职高", "一中", "二中", "三中", "四中", "五中", "六中", "七中", "八中", "蒙中", "实验小学", "实小")
_NOT_SCHOOL_PREFIX = ("某", "各", "全", "该", "本", "其", "这", "那", "哪", "每", "一所", "所在", "中小", "寄宿", "民办", "公办", "附近", "周边", "城乡",
                      "农村", "城区", "乡镇", "普通", "重点", "示范", "特殊", "职业", "义务", "高等", "一些", "好几", "多所")
_CLASS = r"(?:[（(][一二三四五六七八九十\d]{1,2}[）)]班?|[一二三四五六七八九十\d]{1,2}班)"
# what follows a school's name and says which class: 初一年级三班, 七年级（8）班, 大三班, 2021级7班, 幼师专业2022级, 初中部
_GRADE_WORD = (r"(?:初中[一二三]年级|高中[一二三]年级|初[一二三]年级|高[一二三]年级|[一二三四五六七八九]年级|[1-9]年级|初[一二三]|高[一二三]|学前班"
               r"|[大中小][一二三四五六七八九十\d]?班)")
_GRADE_PART = (rf"(?:初中部|高中部|小学部|幼儿部|[\u4e00-\u9fff]{{1,10}}?专业|(?:20)?\d\d级|{_GRADE_WORD}|[文理]科|{_CLASS}"
               rf"|[一二三四五六七八九]年{_CLASS}|(?<=园)[\u4e00-\u9fff]{{1,3}}班|(?<=[学校])(?![各每全])[\u4e00-\u9fff]{{2,4}}?班|培智|启智|[聋盲]部|(?:20)?\d\d届|[东西南北中新老]校区|分校|[\u4e00-\u9fff]{{2}}校区|[一二三四五六七八九1-9][（(][一二三四五六七八九十\d]{{1,2}}[）)]班?|(?<=[级业届科])(?![各每全])[\u4e00-\u9fff]{{1,4}}班|(?<=[一二三四五六七八九十])[·.．][0-9]{{1,2}}班|[1-9][·.．][0-9]{{1,2}}班|[1-9]年[0-9]{{1,2}}班)")
# what follows a school's name and says which class, in parts: 初一年级三班, 七年级（8）班, 大三班, 2021级高三（15）班,
# 汽车运用与维修专业2022级, 高二文科（3）班; 专业 alone does not do
_GRADE = re.compile(rf"(?:读|上|念|就读|在读)?的?(?=[^，,。；;\n]{{0,16}}?(?:级|届|年级|班|初[一二三]|高[一二三]))(?:[ 　]?{_GRADE_PART}){{1,5}}")
# words that put one particular child in the sentence (学生食堂, 少年宫 do not)
_CHILD = re.compile(r"一名|一个|这名|那名|该名|该生|有个|有名|(?<!家长和)(?<!家长与)(?<!家长及)孩子(?!们)|女孩|男孩|女童|男童|女生|男生|小朋友|(?<![全各])幼儿(?!园|保育|教育|师范|防|安全|健康|体检|入园|教师|活动|游戏|家长|营养|卫生|发展|常规|阶段)|少年(?!宫)|少女|女儿|儿子|孙子|孙女|"
                    r"外孙|读书|就读|上学|在读|念书|学童|寄宿生|借读生|转学生|插班生|该儿童|该学生|该名学生|这个学生|那个学生|[读上念][一二三四五六七八九初高]|学生[\u4e00-\u9fff]{1,2}某|未满|周岁|[0-9一二三四五六七八九十]{1,3}岁")

# an address is a chain: places, roads, a housing estate, then numbered units (3号楼2单元501室, 18-2-301, 三队第五排第3户)
_NAME_CH = r"[\u4e00-\u9fff]"
_NUM = r"[0-9一二三四五六七八九十百零]{1,5}"
_UNIT = r"(?:号楼|号院|号房|栋楼?|幢楼?|座|单元|层|楼|室|号|组|社|队|排|门|间|#)"
_NUM_UNIT = rf"(?:(?:第{_NUM}|[0-9]{{1,4}})户|第{_NUM}家(?![企单公网机医店商户长庭])|[A-Za-z](?:座|区|栋|幢)|第?{_NUM}{_UNIT}(?:[东西南北中](?:户|单元|侧|边|头))?|[东西南北中]单元|[东西南北中]户|{_NUM}(?:[-－]{_NUM}){{1,3}}(?![0-9]))"
_PLACE = rf"{_NAME_CH}{{1,8}}?(?:旗|县|市|区|镇|乡|苏木|嘎查|村|屯|营子|农场|牧场|林场|分场|社区|街道|居委会)"
_ROAD = rf"{_NAME_CH}{{1,8}}?(?:大街|大道|路|街|巷|胡同|里|弄)(?:[东西南北中]段|[东西南北]侧|[东西南北]口|[东西南北](?=[0-9]))*"
_ESTATE = (rf"{_NAME_CH}{{1,10}}?(?:小区|花园|家园|新村|公寓|大厦|新城|苑|庭|府|城|广场|院|宿舍|家属院|家属楼|家属区|平房区|平房|大院|楼|园)"
           rf"(?:[A-Za-z一二三四五六七八九十0-9]{{1,2}}(?:期|区|座)|平房区)?")
# a landmark and a direction inside an address: 村部往西, 加油站对面, 农贸市场后院
_BESIDE = rf"{_NAME_CH}{{0,8}}?(?:[往向朝][东西南北]|[东西南北](?:边|侧|面|头)|对面|旁边|后面|前面|后院|隔壁)"
_CHAIN = re.compile(rf"(?:(?:{_PLACE}|{_ROAD}|{_ESTATE}|{_BESIDE})[ 　]?){{0,6}}{_NUM_UNIT}(?:[，, 　]?(?:{_NUM_UNIT}|(?<=单元[ 　])[0-9]{{3,4}}(?![0-9])|(?<=单元)[0-9]{{3,4}}(?![0-9])|(?<=[0-9楼座])[0-9]{{3,4}}(?![0-9])))*")
_CHAIN_CUE = re.compile(r"住在|家住|居住|租住|暂住|搬到了|搬到|搬进|搬入|迁入|住|位于|在|于|到|至|是|为|称|说|的|[:：、]")
_RESIDENTIAL = re.compile(r"小区|花园|家园|新村|公寓|新城|苑|庭|府|园|单元|宿舍|家属|平房|大院|嘎查|村|屯|营子|农场|牧场|林场|组|社|队|排|户|路|街|巷|胡同|弄|[0-9]-[0-9]")
# an office's or a venue's address is public: 法院地址：, 办公地点在, 会议地点：, 服务中心位于
_OFFICE_ADDRESS = re.compile(r"(?:法院|检察院|政府|公安局|派出所|局|委员会|委|办公室|中心|站|所|馆|医院|学校|公司|银行|大队|中队|会议|活动|办事处|庭|科|室)"
                             r"(?:[^，。；\n]{0,8}?(?:地址|办公地址|办公地点|地点|位于|坐落于|设在|在)[:：]?|[（(])[ 　]*$|(?:会议|活动|办公|报名|咨询|受理)地点[:：]?[ 　]*$")
# … but where something happened, or what a caller said, is a home as often as not: 出警地址, 所述地址, 案发地址
_SCENE = re.compile("出警|案发|事发|报警|所述|现场|发现|居住|住址|家庭")
_OFFICE_IN = re.compile(r"政府(?:大楼|办公|院内)|综合楼|家庭[0-9一二三四五六七八九十百]+户|会议室|办公楼|服务中心|服务大厅|派出所|便民服务|党群服务|大楼[0-9一二三四五六七八九十]+楼")
_OFFICE_BEFORE = re.compile(r"(?:中心|政府|大楼|办公楼|会议室|医院|法院|检察院|公安局|局|委员会|委|办公室|办|馆|站|所|院|宾馆|酒店|楼)$")
# what a cue (家住, 住址：) is followed by: the rest of the clause, when it names a village, an estate, a road or a number
_LIVES_WEAK = ("家在", "家就在", "家就是", "住处在", "住处是")
_LIVES = re.compile("(?:" + words_pattern({"家住", "住在", "住址", "住 址", "住　址", "家庭住址", "现住址", "现住", "现居住地", "现居于", "现居", "居住地", "居住在",
                                           "居住于", "住于", "户籍所在地", "户籍地址", "户籍地", "户口所在地", "暂住地址", "暂住", "租住地址", "租住在",
                                           "租住", "送达地址", "家庭地址", "详细地址", "联系地址", *_LIVES_WEAK})
                    + r")[ \t　]*(?:是|为|[:：])?[ \t　]*(?P<value>[^，,。；;\n！？!?、（(]{2,32})")
# after a weaker cue (家在, 家就是), a named village, estate or street, or a numbered unit: not 家在嘎查, 家就是低保户
_LIVES_WEAK_NEEDS = re.compile(r"[\u4e00-\u9fff]{2}(?:嘎查|村|屯|营子|小区|花园|家园|新村|公寓|路|街|巷|胡同)|[0-9０-９一二三四五六七八九十](?:号|组|社|队|单元|室|户|家)")
_LIVES_NEEDS = re.compile(r"嘎查|村|屯|营子|组|社|队|小区|花园|家园|新村|公寓|新城|苑|家属|平房|路|街|巷|胡同|弄|[0-9０-９一二三四五六七八九十]号|楼|室|户"
                          r"|第[0-9一二三四五六七八九十]+[家间排]")


_PLACE_MARK = re.compile(r"旗|县|区|市|镇|乡|苏木|嘎查|村|街道|路|街|屯|营子|农场|牧场|林场|第[一二三四五六七八九十\d]|实验|民族|蒙古族|蒙古|回民|朝鲜族|明德|育才|育英|"
                         r"[东西南北新][\u4e00-\u9fff]|[\u4e00-\u9fff]{2}(?:中心|镇|乡)")
_NUMBERED_SUFFIX = ("一中", "二中", "三中", "四中", "五中", "六中", "七中", "八中", "蒙中", "实小", "一小", "二小", "三小", "四小", "五小", "六小", "七小", "八小")


_GENERIC_PLACE = re.compile(r"^(?:全?[旗县市区镇乡村]|嘎查|苏木|牧区|辖区|城区|城里|社区|本地|当地|附近|周边|街道)(?:里|上|下|内|外|中|的|中心)?$"
                            r"|^(?:乡镇|镇上|乡里)(?:中心)?$|[旗县市区镇乡村][里上下内外]")


def _named_school(prefix: str, kind: str, with_class: bool = False) -> bool:
    """Whether ``prefix + kind`` names one school (奈曼旗实验小学, 大沁他拉镇第二中学, 旗一中) rather than a category
    (中小学, 寄宿制学校, 一名初中生, 村里学校, 嘎查小学).  Followed by a class (阳光幼儿园小班), any name of two
    characters or more that is not a category will do."""
    if kind.startswith("中小学") or prefix.startswith(_NOT_SCHOOL_PREFIX) or re.search(r"[\d名个所位些种类级]|第[一二三四五六七八九十百零\d]+[条款项章节]", prefix):
        return False
    if "某" in prefix or "×" in prefix:
        return False
    if prefix in ("旗", "县", "市", "区") and (len(kind) >= 4 or with_class):
        return True  # 旗实验小学, 县职业教育中心, 旗职专护理专业二年级
    if with_class and (len(kind) >= 4 or kind in _NUMBERED_SUFFIX):
        return True  # 蒙古族中学高二理科3班, 奈曼一中高三（12）班
    if kind in _NUMBERED_SUFFIX:  # 旗一中, 奈曼旗二中 (a bare 一小 only before a class: 二小三年级六班)
        return bool(prefix) and (prefix[-1] in "旗县市区镇乡" or _PLACE_MARK.search(prefix) is not None)
    if _GENERIC_PLACE.search(prefix) or prefix.startswith(("新建", "新设", "新办")):
        return False
    if with_class and len(prefix) >= 2:
        return True  # 阳光幼儿园小班
    return len(prefix) >= 2 and any(m.start() > 0 or len(m.group(0)) > 1 for m in _PLACE_MARK.finditer(prefix))


_SUFFIX_ANY = re.compile("|".join(re.escape(x) for x in sorted(_SCHOOL_END, key=len, reverse=True)))


def _suffixes(text: str) -> list[tuple[int, int]]:
    """Every place a school suffix stands, overlapping ones included (第二中学: 二中 and 中学), the longest at each."""
    out = []
    m = _SUFFIX_ANY.search(text)
    while m:
        out.append((m.start(), m.end()))
        m = _SUFFIX_ANY.search(text, m.start() + 1)
    return out
_PREFIX_STOP = set("在到于从的和与、及或同跟给向对把被是读上去念转考往回离所其该各某全本这那哪就我你俺咱们进入走据经由自随请问找名个系")
_SENTENCE_END = set("。！？!?；;\n")


def _school_names(text: str) -> list[tuple[int, int, int]]:
    """(start, suffix start, end) of the school names in a text: each suffix where it stands (the one ending later
    wins an overlap: 第二中学 is 第二 + 中学, not 第 + 二中), the name before it back to a word boundary."""
    hits = sorted(_suffixes(text), key=lambda x: (-x[1], x[0]))
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    for st, en in hits:
        if not taken.intersection(range(st, en)):
            chosen.append((st, en))
            taken.update(range(st, en))
    out = []
    for st, en in sorted(chosen):
        i = st
        while i > 0 and st - i < 14 and "\u4e00" <= text[i - 1] <= "\u9fff" and (
                text[i - 1] not in _PREFIX_STOP or text[i - 1] in "向同" and i > 1 and text[i - 2] in "旗县市区镇乡村木查"):  # 镇向阳幼儿园
            i -= 1
        out.append((i, st, en))
    return out


def _sentence(text: str, i: int, j: int) -> tuple[int, int]:
    a = i
    while a > 0 and text[a - 1] not in _SENTENCE_END:
        a -= 1
    b = j
    while b < len(text) and text[b] not in _SENTENCE_END:
        b += 1
    return a, b


_COHORT = re.compile(r"(?:读|上|念|就读|在读)?的?(?:[\u4e00-\u9fff]{1,10}?专业)?(?:(?:20)?\d\d级)?(?:[\u4e00-\u9fff]{1,10}?专业)?")


def _cohort(grade: str, sentence: str) -> bool:
    """Whether what follows a school's name is a whole year (2023级新生) or, in a sentence that names no pupil or
    relative, a whole grade (高三年级开展了活动, 小学部今年招收): not one class, so not one child."""
    if _COHORT.fullmatch(grade):
        return True
    return "班" not in grade and not re.search(r"[（(][一二三四五六七八九十\d]{1,2}[）)]", grade) and not _PUPIL.search(sentence)


# who may be in a sentence about a grade: a pupil, a relative (旗一中高一学生因学业压力…, 我侄子在…学校五年级)
_PUPIL = re.compile(r"(?<![全各体广在])(?:学生(?!会|证|处|资助|食堂|公寓|们)|新生|考生|娃|[甲乙丙丁]某|(?:受助|该|这名|那名|此)儿童|"
                    + words_pattern(KIN) + ")")


def _schools(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i, st, en in _school_names(text):
        if text[i - 1 : i] in ("某", "×", "X", "那", "这", "每", "哪", "第") or text[i - 1 : i] in ("全", "各", "本") and text[i:st] in ("旗", "县", "市", "区"):
            continue  # 全旗幼儿园大班: every school's class  # 某某镇第一小学: a placeholder; 那一小句: no school
        a, b = _sentence(text, i, en)
        g = _GRADE.match(text, en, min(b, en + 20))  # in the text itself: (?<=园) sees the name
        child = _CHILD.search(text[a:i] + "　" * (en - i) + text[en:b]) is not None  # a child in the sentence, outside the name
        if g and g.end() > en and _named_school(text[i:st], text[st:en], with_class=True) and (child or not _cohort(g.group(0), text[a:i] + text[g.end() : b])):
            out.append((i, g.end()))  # a class; a cohort or a whole grade alone (2023级新生, 高三年级) only with a particular child
        elif _named_school(text[i:st], text[st:en]) and child:
            out.append((i, en))
    return out


# what every chain has: a number and a unit (3号楼, 二组, 15号), 东单元 / 西户, or 18-2-301
# (one character class first, so that the engine skips ahead; 18-2-301 but not a date, 2023-10-05)
_ADDRESS_ANCHOR = re.compile(r"[0-9一二三四五六七八九十东西南北中A-Za-z](?:号|栋|幢|座|单元|层|楼|室|户|组|社|队|排|门|间|#|区"
                             r"|(?<![0-9]{3}.)(?<=[0-9])[-－][0-9]{1,3}[-－][0-9]{2,4}(?![0-9]))")
_NOT_HOME = ("同一", "同村", "一个", "小区", "楼号", "门牌", "单元", "街路", "村组", "嘎查村", "某", "各", "本", "该", "全", "其", "最", "这", "那", "哪", "偏远", "边远", "城郊", "山区", "周边", "农村", "乡村", "城镇", "学校", "单位", "机关", "医院", "福利院", "救助站", "旗里", "县城",
             "城里", "城区", "乡下", "农村", "牧区", "外地", "本地", "当地", "附近", "亲戚家", "爷爷", "奶奶", "姥姥", "外婆", "家里", "家中")


_DOC_YEAR = re.compile(r"[〔［【\[]\d{4}[〕］】\]]\s*$")  # the year of a 发文字号 (〔2022〕, typed [2022]) right before the number


def _addresses(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LIVES.finditer(text):
        value = m.group("value")
        if value.startswith(_NOT_HOME) or value[0] in "的了着过得是" or not (_cjk(value[0]) or value[0].isdigit()) or re.search("[×Xx*＊]{2}", value) or "某" in value or not _LIVES_NEEDS.search(value):
            continue
        if m.group(0).startswith(_LIVES_WEAK) and (value.startswith(("嘎查", "苏木", "村里", "乡下", "农村", "牧区", "城里")) or not _LIVES_WEAK_NEEDS.search(value)):
            continue
        out.append((m.start("value"), m.end("value")))
    done = -1
    for a in _ADDRESS_ANCHOR.finditer(text):  # the chains, only on the lines that have a numbered unit
        if a.start() < done:
            continue
        lo = text.rfind("\n", 0, a.start()) + 1
        hi = text.find("\n", a.end())
        done = hi = len(text) if hi < 0 else hi
        for m in _CHAIN.finditer(text, lo, hi):
            start = m.start()
            cut = _CHAIN_CUE.search(text, start, m.end())  # the words before the place: 孩子住在, 举报人称
            while cut and not re.match(_NUM_UNIT, text[cut.start() :]):
                start = cut.end()
                cut = _CHAIN_CUE.search(text, start, m.end())
            if start > m.start() and start < m.end() and text[start] in "，,":
                start += 1
            span = text[start : m.end()]
            if text[max(lo, start - 1) : start] == "某":
                continue
            units = len(re.findall(_NUM_UNIT, span))
            named = bool(span) and not re.match(_NUM_UNIT, span)
            if "某" in span or "×" in span or not (named or units >= 2):
                continue
            if not _RESIDENTIAL.search(span):
                continue  # 二楼205室 of an office: no estate, no village, no street
            if not named and _OFFICE_BEFORE.search(text, lo, start):
                continue
            office = _OFFICE_ADDRESS.search(text, max(lo, start - 16), start)
            if office and not _SCENE.search(office.group(0)) or _OFFICE_IN.search(span):
                continue  # 人民法院地址：…路1号, 会议地点：政府大楼5楼: where an office is, public
            if re.search(r"[年月]$", text[lo:start]):
                continue  # 12月15号
            if _DOC_YEAR.search(text, lo, start):
                continue  # 奈政办字〔2022〕40号: the number of a document, whatever follows it
            if text.startswith(("农场", "牧场", "林场", "分场", "国道", "省道", "公路", "大街", "文件", "令"), m.end()):
                continue  # 六号农场: the number is part of a name
            out.append((start, m.end()))
    return out


# -- all together -----------------------------------------------------------------------------------------------


# people everybody knows from schoolbooks, museums and the news, named in education and publicity texts: never a case
FAMOUS = frozenset("""
毛泽东 周恩来 刘少奇 朱德 邓小平 陈云 任弼时 彭德怀 贺龙 陈毅 叶剑英 乌兰夫 王若飞 李大钊 陈独秀 瞿秋白 方志敏 杨靖宇 赵一曼 左权 吉鸿昌
黄继光 邱少云 董存瑞 刘胡兰 雷锋 王二小 张思德 白求恩 焦裕禄 孔繁森 王进喜 钱学森 邓稼先 袁隆平 屠呦呦 钟南山 黄大年 张桂梅 杨利伟
翟志刚 王亚平 聂海胜 景海鹏 华罗庚 李四光 詹天佑 孙中山 林则徐 鲁迅 郭沫若 茅盾 巴金 老舍 冰心 孔子 孟子 老子 庄子 荀子 屈原 李白 杜甫
白居易 苏轼 王安石 司马光 司马迁 岳飞 文天祥 郑和 张骞 班超 花木兰 王昭君 成吉思汗 忽必烈 嘎达梅林 孔融 曹冲 范仲淹 诸葛亮 关羽 刘备
曹操 孙权 秦始皇 汉武帝 唐太宗 康熙 乾隆 武则天 李时珍 张衡 祖冲之 蔡伦 毕昇 王羲之 颜真卿 欧阳修 辛弃疾 陆游 李清照 朱自清 叶圣陶
穆桂英 杨家将 包拯 包公 海瑞 哪吒 孙悟空 猪八戒 唐僧 沙僧 林黛玉 贾宝玉 宋江 武松 林冲 鲁智深 张飞 赵云 梁山伯 祝英台
牛郎 织女 嫦娥 后羿 愚公 孟姜女 白素贞 许仙 龙梅 玉荣 麦贤得 时传祥 吴运铎 刘文学 海娃 小兵张嘎 狼牙山 杨根思 罗盛教 江姐 江竹筠 夏明翰 方志敏 于敏 孙家栋 南仁东 黄旭华 张富清
""".split())
# a name followed by 同志 is an official's or a historical figure's (children are never called so); 先生, 女士 are
# forms of address the placeholder rules already pass
_COMRADE_AFTER = ("同志", "烈士", "先烈", "纪念馆", "故居", "语录", "诗词", "题词", "塑像")
# Mongolian words and festivals that are made of name parts: 查干萨日 (白月), 苏力德, 那达慕
_NOT_NAME_WORDS = ("查干萨日", "苏力德", "那达慕", "祭敖包", "敖包", "乌兰牧骑", "呼和浩特", "乌兰浩特", "巴彦淖尔", "锡林郭勒", "乌兰察布")


def _not_a_person(text: str, s: int, e: int) -> bool:
    """Whether a name-shaped span is no one to protect: a famous person (or one called 同志), a name inside a book
    title 《……》, a name marked （化名）, a Mongolian word or festival made of name parts, a word explained (意为)."""
    word = text[s:e]
    if word in FAMOUS or text.startswith(_COMRADE_AFTER, e) or text.startswith(_PLACEHOLDER_AFTER, e):
        return True
    if any(text.startswith(w, s) or w.startswith(word) and text.startswith(w, s) for w in _NOT_NAME_WORDS):
        return True
    after = e + 1 if text[e : e + 1] in "”」』\"" else e
    if text.startswith(("在蒙古语中", "在蒙语中", "在蒙古语里", "在蒙语里", "蒙古语意为", "意为", "意思是", "的意思"), after):
        return True
    opened = text.rfind("《", max(0, s - 30), s)
    return opened >= 0 and text.find("》", opened, s) < 0 and text.find("》", e) >= 0


def scan(text: str) -> list[Finding]:
    """Every identifying span in ``text``, non-overlapping (the more specific kind wins), in order."""
    return list(_scan(text))


_NUMBER_KINDS = frozenset((ID_NUMBER, PHONE, ACCOUNT, STUDENT_NUMBER))
# the mark of a finding by shape and context alone, with no label of its own (体检编号…的学生, 微信就是…, ID：…): it gives
# way to an ID number or a mobile number on the same characters, which the check digit or the prefix make sure of
_WEAK = "~"
_MASKS = frozenset("*＊×")
_MASK_RUN = re.compile("[*＊×]{2}")


@lru_cache(maxsize=8192)
def _scan(text: str) -> tuple[Finding, ...]:
    if not text:
        return ()
    raw: list[tuple[str, int, int]] = []
    folded = _folded(text)
    raw += _numbers(folded)
    raw += [(NAME, s, e) for s, e in _names(text) if not _not_a_person(text, s, e)]
    raw += [(SCHOOL, s, e) for s, e in _schools(text)]
    raw += [(ADDRESS, s, e) for s, e in _addresses(folded)]
    raw.sort(key=lambda x: (_PRIORITY[x[0]] if x[0] in _PRIORITY else 3.5, x[1], -(x[2] - x[1])))
    taken: list[tuple[int, int]] = []
    out: list[Finding] = []
    for kind, s, e in raw:
        kind = kind.lstrip(_WEAK)
        if e <= s or any(s < te and ts < e for ts, te in taken):
            continue
        if kind in _NUMBER_KINDS and (text[e : e + 1] in _MASKS or s and text[s - 1 : s] in _MASKS or _MASK_RUN.search(text, s, e)):
            continue  # L2012******573（已脱敏）: masked already
        taken.append((s, e))
        out.append(Finding(kind, s, e, text[s:e]))
    return tuple(sorted(out, key=lambda f: f.start))


# ``# weibao: 非个人信息（理由）`` at the end of a line: what is found on that line is not personal information.
# ``# weibao: 非个人信息：某段文字（理由）`` on a line of its own: that text is not, anywhere in the file (for text
# inside a block, where a comment cannot follow).
MARKER = re.compile(r"#\s*weibao\s*[:：]\s*非个人信息\s*(?:[:：]\s*(?P<span>[^（(]+?))?\s*(?:[（(](?P<why>[^）)]*)[）)])?\s*(?:#.*)?$")


@dataclass(frozen=True)
class Excused:
    line: int
    column: int
    reason: str  # "" when the marker gives none
    span: str | None  # the text a file-wide marker names


@dataclass(frozen=True)
class FileScan:
    found: tuple[tuple[int, Finding], ...]  # (line, finding) not excused; the finding's start is the column - 1
    excused: tuple[Excused, ...]
    allowed: frozenset[str]  # texts marked as no personal information (public outputs keep them)


@lru_cache(maxsize=65536)
def scan_file(text: str) -> FileScan:
    """:func:`scan_text_file`, cached by text: validate and the public outputs of one command read each file's result
    once (the history scan, which reads many versions once each, calls scan_text_file itself)."""
    return scan_text_file(text)


def scan_text_file(text: str) -> FileScan:
    """Every line of a file (values and comments alike), with its markers: what validate and the history scan report.
    The text is scanned as a whole (one pass of each detector), each finding placed on its line."""
    lines = text.split("\n")  # lines as the parser and editors count them
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    markers: dict[int, re.Match[str]] = {}
    file_wide: set[str] = set()
    if "非个人信息" in text:
        for n, line in enumerate(lines, 1):
            m = MARKER.search(line)
            if m:
                markers[n] = m
                if m.group("span") and not line[: m.start()].strip():
                    file_wide.add(m.group("span").strip())
    found: list[tuple[int, Finding]] = []
    allowed = set(file_wide)
    excused = tuple(Excused(n, m.start() + 1, (m.group("why") or "").strip(), (m.group("span") or "").strip() or None)
                    for n, m in sorted(markers.items()))
    for f in scan(text):
        n = bisect.bisect_right(starts, f.start)
        col = f.start - starts[n - 1]
        m = markers.get(n)
        if m and col >= m.start():
            continue  # inside the marker itself
        placed = Finding(f.kind, col, col + len(f.text), f.text)
        if m and not m.group("span"):
            allowed.add(f.text)
        elif f.text not in file_wide:
            found.append((n, placed))
    return FileScan(tuple(found), excused, frozenset(allowed))


def redact(text: str, allowed: frozenset[str] = frozenset()) -> str:
    """``text`` with every identifying span replaced (by 某某, 某校, 某地, （电话已删去）…); spans in ``allowed`` (lines
    the repository marks as no personal information) stay."""
    found = [f for f in scan(text) if f.text not in allowed]
    if not found:
        return text
    out, last = [], 0
    for f in found:
        out.append(text[last : f.start])
        out.append(f.replacement)
        last = f.end
    out.append(text[last:])
    return "".join(out)


def redact_tree(obj: Any, allowed: frozenset[str] = frozenset()) -> Any:
    """Every string in a tree of dicts and lists redacted (keys stay): what a public output may carry."""
    if isinstance(obj, str):
        return redact(obj, allowed)
    if isinstance(obj, dict):
        return {k: redact_tree(v, allowed) for k, v in obj.items()}
    if isinstance(obj, list):
        return [redact_tree(v, allowed) for v in obj]
    if isinstance(obj, tuple):
        return tuple(redact_tree(v, allowed) for v in obj)
    return obj


def identifying(text: str) -> list[Finding]:
    """The findings in ``text``, also when spaces or punctuation are put between the characters of a name
    (孩子：李 明)."""
    found = scan(text)
    if found:
        return found
    joined = question_key(text)
    if joined != fold(text).lower():
        return [Finding(f.kind, 0, len(text), f.text) for f in scan(joined) if f.kind == NAME]
    return []


def refuse_identifying(label: str, text: str | None, *, where: str = "纳入 git 的文件") -> None:
    """The one refusal every write command applies to text typed by the clerk, before anything is staged.
    The message names the kind and shows at most the first and last characters."""
    if not text:
        return
    found = identifying(text)
    if not found:
        return
    f = found[0]
    raise UsageError(f"{label}中有{f.what}（{f.masked()}，第 {f.start + 1} 个字起），不能写入{where}。",
                     hint=f"{ADVICE[f.kind]}；可识别未成年人的资料只放在私密资料目录中，用记录编号关联。")

