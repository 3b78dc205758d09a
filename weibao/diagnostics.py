"""Diagnostics: the coded findings every check produces, and their formatters.

A :class:`Diagnostic` is plain data (code, severity, path, line, column, record,
field, message, hint).  Every code is declared once in :data:`CODES` with its
default severity and a Chinese title, so that the list of codes is documentation
(``weibao codes``) and tests can assert on exact codes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # shown and counted, never a failure (a line marked as no personal information)

SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", NOTE: "说明"}

# Characters that change a terminal rather than show on it: C0 controls but tab and newline (ESC starts colour,
# cursor, title and clipboard sequences), DEL, C1 controls (0x9B is a one-byte CSI), lone surrogates (bytes of a
# file name that are not UTF-8), and the bidirectional overrides that make a line read differently from its bytes.
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def is_control(ch: str) -> bool:
    """A control character that data and command-line text may not hold (C0 but tab and newline, DEL, C1)."""
    o = ord(ch)
    return (o < 0x20 and ch not in "\t\n") or 0x7F <= o <= 0x9F


def _hidden(ch: str) -> bool:
    return is_control(ch) or 0xD800 <= ord(ch) <= 0xDFFF or ch in _BIDI


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: every character of :func:`_hidden` written as an escape (``\\x1b``,
    ``\\u202e``), so a file name or a value from data or git shows what it holds instead of acting on the screen.
    A carriage return before a line feed stays: CSV and iCalendar end their lines so."""
    if not any(_hidden(ch) for ch in text):
        return text
    out = []
    for i, ch in enumerate(text):
        if _hidden(ch) and not (ch == "\r" and text[i + 1:i + 2] == "\n"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def json_visible(text: str) -> str:
    """JSON text with the characters :func:`visible` escapes written as JSON escapes (json.dumps leaves DEL, C1 and
    the bidirectional overrides as they are): the same value for a program, inert on a screen."""
    if not any(_hidden(ch) for ch in text):
        return text
    return "".join(f"\\u{ord(ch):04x}" if _hidden(ch) else ch for ch in text)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: str
    title: str
    explanation: str


def _codes(*rows: tuple[str, str, str, str]) -> dict[str, CodeInfo]:
    table: dict[str, CodeInfo] = {}
    for code, severity, title, explanation in rows:
        assert code not in table, code
        table[code] = CodeInfo(code, severity, title, explanation)
    return table


# fmt: off
CODES: dict[str, CodeInfo] = _codes(
    # WB0xx — files and the repository layout
    ("WB001", ERROR, "缺少必需的文件或目录", "数据仓库必须包含 data/weibao.yaml、data/office.yaml 和 data/units/。"),
    ("WB002", ERROR, "应为文件却是目录", "数据文件的位置上是一个目录（或反之）。"),
    ("WB003", ERROR, "符号链接指向仓库之外", "为防止读取仓库以外的内容，数据目录中的符号链接必须指向仓库内部。"),
    ("WB004", ERROR, "文件过大", "单个数据文件不得超过大小上限（默认 5 MB），以防误放的大文件拖垮校验。"),
    ("WB005", ERROR, "二进制文件", "数据文件必须是文本（YAML），其中出现了 NUL 等二进制字节。"),
    ("WB006", ERROR, "编码不是 UTF-8", "数据文件必须以 UTF-8 编码保存；常见原因是用 GBK/GB18030 编码另存。"),
    ("WB007", ERROR, "空文件", "文件没有任何内容（或只有注释）。"),
    ("WB008", ERROR, "无法读取文件", "操作系统拒绝读取该文件（权限或 I/O 错误）。"),
    ("WB009", WARNING, "数据目录中的无关文件", "数据目录中只应有 .yaml 数据文件和 README.md；其他文件不会被读取。"),
    ("WB010", WARNING, "文件带有 UTF-8 BOM", "文件开头有 BOM 字节；能读取，但请另存为不带 BOM 的 UTF-8。"),
    ("WB012", ERROR, "不是普通文件", "数据文件的位置上是命名管道（FIFO）、设备或套接字；weibao 从不读取这类文件（读取会一直等待）。"),
    ("WB013", ERROR, "文字中有控制字符", "双引号里的转义（\\e、\\x1b、\\a 等）写进了控制字符：它会原样到达终端（清屏、改标题）和公文；数据里的文字不能含控制字符。"),
    ("WB014", ERROR, "多余的 BOM", "文件中（开头的 BOM 之后）还有 U+FEFF：多数是把带 BOM 的文件拼接或重复另存造成的。它看不见，却会让键名和单位名称对不上。"),
    ("WB011", ERROR, "文件不在约定位置", "记录文件的路径或文件名不符合约定（例如 units/<id>.yaml 的文件名应与 id 一致）。"),
    # WB1xx — YAML syntax
    ("WB101", ERROR, "YAML 语法错误", "文件不是合法的 YAML。"),
    ("WB102", ERROR, "使用了制表符缩进", "YAML 不允许用制表符（Tab）缩进，请改用空格。"),
    ("WB103", ERROR, "同一映射中有重复的键", "同一层级出现两次相同的字段名，后者会悄悄覆盖前者。"),
    ("WB104", ERROR, "使用了锚点或别名", "数据文件不允许使用 YAML 锚点（&）和别名（*），它们让审阅困难，且可被用来制造“亿笑”炸弹。"),
    ("WB105", ERROR, "一个文件中有多个 YAML 文档", "每个数据文件只能有一个 YAML 文档（不要使用 --- 分隔多个文档）。"),
    ("WB106", ERROR, "结构嵌套过深或节点过多", "文件的嵌套层级或节点数超出上限。"),
    ("WB107", ERROR, "不支持的 YAML 标签", "数据文件中不允许出现 !!python/… 等自定义标签。"),
    ("WB108", ERROR, "字段名不是文本", "映射的键必须是文本（字段名），不能是数字、列表或空值。"),
    # WB2xx — schema
    ("WB201", ERROR, "文件顶层结构错误", "文件顶层应为映射（字段: 值），而不是列表或单个值。"),
    ("WB202", ERROR, "未知字段", "出现了模型中没有定义的字段，多半是拼写错误。"),
    ("WB203", ERROR, "缺少必填字段", "记录缺少一个必填字段。"),
    ("WB204", ERROR, "字段类型错误", "字段的值类型不对（例如应为文本却是数字或列表）。"),
    ("WB205", ERROR, "取值不在允许范围内", "字段只能取规定的几个值之一。"),
    ("WB206", ERROR, "日期格式错误", "日期必须写成 ISO 8601 格式 YYYY-MM-DD，并且是真实存在的日期。"),
    ("WB212", ERROR, "工作日时限不对", "时限按工作日写（deadline_workdays）时：工作日数应在 1 到 250 之间；deadline 应写按国务院节假日安排（chinese-calendar）从起算日次日数起算出的日期，没写或不一致的给出正确日期。"),
    ("WB213", WARNING, "节假日安排未知的年份", "按工作日计算的时限跨入了 chinese-calendar 还没有节假日安排的年份：这一年按周一至周五计算；国务院公布安排后升级 chinese-calendar 并复核。"),
    ("WB207", ERROR, "取值格式错误", "字段的值不符合规定的格式（例如 id 只能用小写字母、数字和连字符）。"),
    # WB3xx — identities and references
    ("WB301", ERROR, "id 重复", "同一个 id 在仓库中出现了不止一次；id 必须在整个仓库内唯一。"),
    ("WB302", ERROR, "引用了不存在的成员单位", "引用的成员单位 id 在 data/units/ 中不存在。"),
    ("WB303", ERROR, "引用了不存在的规则", "引用的规则 id 在 data/office.yaml 中不存在。"),
    ("WB304", ERROR, "引用了不存在的人员", "引用的人员 id 没有在任何成员单位或办公室职务中登记。"),
    ("WB305", ERROR, "成员单位序号重复或不连续", "成员单位的 order 应从 1 开始连续编号且不重复。"),
    ("WB306", ERROR, "引用了不存在的职务", "引用的职务 id 在 data/office.yaml 的 positions 中不存在。"),
    # WB4xx — the office rules and the duty division
    ("WB401", ERROR, "职责角色依据不在条目原文中", "role_basis 记录的是原文中决定角色的词（牵头、负责、配合……），它必须出现在该条目的 text 中。"),
    ("WB402", WARNING, "职责条目未在句末或分号处断开", "职责条目应在句号、分号等处断开，逐条照录原文。"),
    ("WB403", ERROR, "职务人数超出规则规定", "例如工作规则规定主任 1 名，却登记了多名。"),
    ("WB404", ERROR, "人员所属单位不一致", "登记为某单位办公室成员或联络员的人员，其 unit 必须是该单位。"),
    ("WB405", WARNING, "人员变更未注明函告备案日期", "规则二：办公室成员、联络员调整的，由所在单位函告旗未保办备案；登记人员时应注明备案日期 filed_on。"),
    ("WB406", ERROR, "规则缺少原文", "office.yaml 中的每条规则都应保存通知原文（source），以便核对。"),
    ("WB407", WARNING, "职责条目没有标注角色", "每个职责条目都有按原文确定的角色（牵头或配合，规则见 docs/roles.md）；没有写 role 时各命令仍按原文判断，但审阅者看不到。"),
    ("WB408", ERROR, "设置中的文号代字格式错误", "文号代字只能由汉字组成，例如 奈政办字。"),
    ("WB409", WARNING, "苏木乡镇未建立协调机制", "民政局职责：推动苏木乡镇（场、街道）建立未成年人保护工作协调机制。"),
    ("WB410", WARNING, "苏木乡镇没有工作站或专门人员", "民政局职责：督促苏木乡镇（场、街道）设立未成年人保护工作站或指定专门人员。"),
    ("WB411", WARNING, "嘎查村（居）没有专人专岗", "民政局职责：指导帮助嘎查村（居）民委员会设立专人专岗负责未成年人保护工作。"),
    ("WB412", WARNING, "年度工作情况没有报送", "规则四（四）：汇总各成员单位、各苏木乡镇（场、街道）协调机制年度工作情况；年度结束（或计划的报送截止日）后仍未报送的。加 --strict-dates 时为错误。"),
    ("WB414", ERROR, "引用了不存在的公文或计划任务", "调研、研究的成果报告应是已有的公文记录；年度报告中的任务应在当年的工作计划中。"),
    ("WB415", WARNING, "年度报告、地区或计划的位置或名称不对", "年度计划在 data/annual/<年>/plan.yaml，成员单位报告在 data/annual/<年>/units/<单位id>.yaml，地区报告在 data/annual/<年>/areas/<地区id>.yaml；引用的地区必须在 data/areas/ 中。"),
    ("WB416", ERROR, "调研或研究的日期前后矛盾", "结束日期、报告日期不能早于开始日期。"),
    ("WB418", WARNING, "情况通报的类别用了旧说法", "规则六（二）的原文是“重大工作部署、重要工作进展、重点突出问题、典型工作经验”；旧说法“工作进展、突出问题、典型经验”仍能读取，请改为原文的说法。"),
    ("WB419", WARNING, "联合调研结束后没有专题报告", "规则六（一）：调研结果形成专题报告，上报领导小组。结束日期已过的联合调研应记录 report（报送日期，或报告的公文）。专题研究“视情况形成工作报告”，不要求。"),
    ("WB420", ERROR, "主任、常务副主任不在承办单位", "规则二：主任由承办单位（未保办所在单位，data/weibao.yaml 的 office.host_unit）主要负责同志兼任，常务副主任由其分管负责同志担任；data/office.yaml 中这两个职务的 unit 和现任人员的所在单位都应是承办单位。"),
    ("WB421", ERROR, "时区写法不对", "data/weibao.yaml 的 timezone 应是 IANA 时区名，例如 Asia/Shanghai（默认）；“今天”、逾期和到期按这个时区的日期计算。"),
    ("WB417", ERROR, "职责条目的角色与原文用语不符", "role 和 role_basis 应与按原文（和任务分工）确定的角色一致：分句中最先出现的角色用语决定该分句，没有角色用语的分句是本单位自己的职责（牵头），条目有一个分句牵头即为牵头。规则见 docs/roles.md。"),
    # WB5xx — glossary and topics (who is responsible, matrix)
    ("WB501", ERROR, "术语表中的规范用语不在任何职责原文中", "glossary.yaml 中每个 terms 都必须逐字出现在某条职责原文中，否则查询时无从匹配。"),
    ("WB502", ERROR, "术语表中的日常说法重复", "同一个日常说法只能出现在一个词条中。"),
    ("WB503", ERROR, "术语表中有循环", "日常说法 → 规范用语的替换形成了环（甲→乙→甲）。"),
    ("WB504", ERROR, "引用了不存在的主题", "职责条目的 topics 必须是 data/topics.yaml 中的主题 id。"),
    ("WB505", WARNING, "职责条目没有标注主题", "每个职责条目应至少标注一个主题，weibao matrix 才能完整。"),
    ("WB506", WARNING, "主题没有任何职责条目", "data/topics.yaml 中的主题没有被任何职责条目使用。"),
    ("WB507", WARNING, "问答库中的问题重复", "data/questions/ 中同一个问题（不计问句套话、空格和标点）记了不止一次。"),
    ("WB508", ERROR, "问答库中同一问题的答案不一致", "data/questions/ 中同一个问题记了两次，牵头单位却不同；weibao who 无从参考。"),
    ("WB509", WARNING, "问答库中同一单位既牵头又配合", "已答问题的 lead 和 support 不应有同一个单位。"),
    ("WB510", ERROR, "紧急情形的单位不存在或重复", "data/glossary.yaml 的 urgent 中，lead 和 support 必须是 data/units/ 中的单位 id，同一单位不能既牵头又配合；"
     "否则 weibao who 遇到伤害孩子的问题时答不出依法负责的单位。"),
    ("WB511", ERROR, "办公室规则的问法引用了不存在的条款", "data/glossary.yaml 的 office 中，clauses 必须是 data/office.yaml 里某条规则的 id"
     "（职务、职责、会议制度、工作制度、其他规则）；否则 weibao who 答不出这条规则。"),
    # WB6xx — official documents (GB/T 9704-2012)
    ("WB601", ERROR, "发文字号格式错误", "发文字号应为 机关代字〔四位年份〕序号号，例如 奈政办字〔2022〕40号：用六角括号〔〕，序号不编虚位（不写 01），不加“第”。"),
    ("WB602", ERROR, "发文字号重复", "同一代字、同一年份的序号只能使用一次（两个分支各自新建公文后合并时可能撞号）。"),
    ("WB603", WARNING, "发文字号序号不连续", "同一代字、同一年份的序号中间有空号；作废的号也应保留记录，不要删除。"),
    ("WB604", ERROR, "缺少签发人", "上行文（请示、报告）和本办自身发文必须写明签发人（工作规则：本办文件报主任签发）。"),
    ("WB605", ERROR, "缺少主送机关", "通知、通报、报告、请示、批复、函、意见、议案应写明主送机关。"),
    ("WB606", ERROR, "公文日期前后矛盾", "印发日期不能早于成文日期；发文字号中的年份应与成文日期的年份一致；收文的办理时限和每一步的日期不能早于收文日期。"),
    ("WB607", WARNING, "公文文件放错了年份目录", "公文记录应放在 data/documents/<成文日期的年份>/ 下。"),
    ("WB608", ERROR, "发文字号的代字未登记", "发文字号的机关代字应在 data/weibao.yaml 的 document_prefixes 中登记，且与发文机关一致。"),
    ("WB609", WARNING, "正文层次序数不连续", "正文的层次序数应依次为 一、二、三……，（一）（二）……，1. 2. ……，（1）（2）……，不跳号、不重号。"),
    # WB7xx — meetings and decisions (rules section 五, 四(五))
    ("WB701", ERROR, "会议主持人不符合规则", "主任办公会、办公室成员会议、专题工作会议由主任或者受其委托的副主任主持（规则五）。"),
    ("WB702", ERROR, "副主任主持缺少主任的委托", "由副主任主持时，应记录主任的委托（委托人、日期），委托不晚于会议。"),
    ("WB703", ERROR, "重要议题未经主任批准", "专题工作会议议题涉及重要问题的，按程序报主任批准，批准日期不晚于会议。"),
    ("WB704", WARNING, "会议纪要未报送或未印发", "主任办公会、办公室成员会议的纪要报领导小组组长、副组长，印发领导小组各成员单位，各记一个日期。"),
    ("WB705", WARNING, "办公室成员会议年内未召开", "办公室成员会议原则上每年召开一次；从有会议记录的第一年起，每个已结束的年度都应至少召开一次。加 --strict-dates 时为错误。"),
    ("WB706", ERROR, "议定事项的完成时限早于会议", "议定事项的完成时限不能早于作出决定的会议日期。"),
    ("WB707", ERROR, "议定事项的状态与记录不一致", "状态只能按 待办 → 办理中 → 已办结（或 → 已撤销）变化：有进展就不再是待办，已办结要有办结日期，已撤销要写明原因。"),
    ("WB708", ERROR, "会议记录中的日期前后矛盾", "纪要报送和印发、议定事项的进展和办结，都不能早于会议；进展按日期先后追加。"),
    ("WB709", WARNING, "会议文件的位置或名称不对", "会议记录应放在 data/meetings/<会议年份>/<id>.yaml。"),
    ("WB710", WARNING, "议定事项已逾期", "完成时限已过仍未办结。与日期有关的发现：平时是警告，不让 validate 失败（--strict 也不算）；加 --strict-dates 时为错误。用 weibao decisions --overdue 或 weibao agenda 查看。"),
    ("WB711", ERROR, "出席人员记录不完整", "出席、请假、列席的每一项都要写明是谁：unit（成员单位）、position（职务）或 person（人员 id）；办公室成员、联络员这类每个成员单位各设的职务还要写 unit；人员与职务不符也在此报告。"),
    ("WB712", WARNING, "出席人员只写了文字", "出席人员应引用仓库中登记的人员、职务或成员单位，名单才能与人员变动、签发核对一致；只写文字的（name）给出提醒，未登记的人员可以保留文字。"),
    ("WB713", WARNING, "出席人员在会议日期不在任", "引用的人员在会议日期尚未任职或已经离任（since、until）；按职务写的，会议日期没有在任的人员。"),
    # WB8xx — supervision cases (rules section 六(四))
    ("WB801", ERROR, "督办事项的状态历史不合法", "状态只能按 立案 → 督办中 → 整改中 → 待核验 → 办结 变化，待核验可退回整改中（退回重办），未结案时可中止；每次变化记在 log 中，state 与最后一次变化一致。"),
    ("WB802", ERROR, "督办事项的日期前后矛盾", "进展记录按日期先后追加，不早于立案；整改时限不早于立案；办结不早于最后一条记录。"),
    ("WB803", ERROR, "办结与核验记录不一致", "办结的督办事项要有核验记录（日期、核验人、办结情况）；有核验记录的必须是办结状态。"),
    ("WB804", ERROR, "中止没有写明原因", "督办事项中止时，在该条记录中写明原因。"),
    ("WB805", ERROR, "延期记录不合规", "延期要有原定时限，新时限晚于原时限，批准日期不早于立案。"),
    ("WB806", ERROR, "来源议定事项不存在", "来源为议定事项的督办事项，source.ref 必须是已有的议定事项编号。"),
    ("WB807", WARNING, "督办文件的位置或名称不对", "督办事项应放在 data/cases/<立案年份>/<编号>.yaml。"),
    ("WB808", WARNING, "督办事项已逾期", "整改时限（含延期）已过仍未办结或中止。与日期有关的发现：平时是警告，不让 validate 失败（--strict 也不算）；加 --strict-dates 时为错误。用 weibao case list --overdue 或 weibao agenda 查看。"),
    ("WB809", ERROR, "挂牌督办没有整改时限", "规则六（四）：挂牌督办、限时整改——挂牌督办的事项必须写明整改时限（deadline，可按工作日计算）。"),
    # WB9xx — minors' personal information (未成年人保护法第四条、第七十二条、第一百零三条)
    ("WB901", ERROR, "文件中出现了居民身份证号", "纳入 git 的文件（包括注释）不得出现身份证号；需要时放在私密资料目录中，用督办编号关联。"),
    ("WB902", ERROR, "文件中出现了手机号码", "纳入 git 的文件（包括注释）不得出现个人手机号码。"),
    ("WB903", ERROR, "文件中出现了疑似真实姓名", "未成年人、家长、老师的姓名不得写入纳入 git 的文件：人写成“李某”“李某某”或“小明（化名）”，问答库写成“孩子”“家长”这样的泛称；真实姓名只放在私密资料目录中。"),
    ("WB904", ERROR, "私密资料目录被 git 跟踪", "data/weibao.yaml 中 private_store 指定的目录存放可识别未成年人的资料，不得纳入 git。"),
    ("WB905", WARNING, "私密资料目录没有被 .gitignore 忽略", "在 .gitignore 中加入私密资料目录，防止误提交；目录中每个文件都逐一检查，以 ! 开头的规则放开的文件也会报出。"),
    ("WB906", ERROR, "文件中出现了学校和年级班级", "具体的学校连同年级、班级，或具体的学校连同一名孩子，足以认出这个孩子：写成“某校”“某小学三年级一名学生”。"),
    ("WB907", ERROR, "文件中出现了家庭住址", "小区、楼号、单元、门牌号，嘎查村的组、社，家住某处：写成“某小区”“某村”“某苏木”。"),
    ("WB908", ERROR, "文件中出现了 QQ、微信或电子邮箱", "个人的 QQ 号、微信号、电子邮箱不得写入纳入 git 的文件。"),
    ("WB909", ERROR, "文件中出现了学号或学籍号", "学号、学籍号、考号不得写入纳入 git 的文件。"),
    ("WB910", NOTE, "标为非个人信息的行", "行末写了 # weibao: 非个人信息（理由）的行不按个人信息检查，validate 列出这些行以便复核；没有写理由时为警告。"),
    ("WB611", WARNING, "公文中还有待填写的内容", "weibao doc new 新建的公文中“（请填写……）”的地方需要换成实际内容。"),
    ("WB610", ERROR, "请示主送多个机关", "请示应一文一事，只主送一个上级机关（条例第十五条）；需要同时送其他机关的用抄送。"),
    ("WB613", ERROR, "签发人不是当时的主任", "规则七：本办文件按程序报主任签发。data/office.yaml 登记了主任（或其他签发职务）的现任和离任人员时，签发人应是公文日期当天在任的主任；副主任签发须写明 signer_delegation（委托人职务和委托日期，不晚于公文日期）。没有登记任职人员时不核对。"),
    ("WB614", WARNING, "征求意见未回复就印发", "规则七：本办文件根据需要征求相关成员单位意见。在回复截止日期之前印发、且有单位尚未回复的，应在 consultation.note 中说明理由（例如 逾期未回复视为无意见）。"),
    ("WB615", ERROR, "重大事项没有请示组长、副组长", "规则七：重大事项请示领导小组组长、副组长。major: true 的请示，主送机关应是领导小组组长或副组长（写明“组长”“副组长”，或 data/weibao.yaml 的 leading_group.leaders 中登记的姓名）。"),
    ("WB616", WARNING, "收文逾期未办结", "与日期有关的发现（加 --strict-dates 时为错误）：成员单位报送的公文（data/received/）写了办理时限，时限已过还没有“办结”这一步。"),
    ("WB612", WARNING, "已编号的通报没有印发日期", "情况通报排成通报时，版记要写印发机关和印发日期（GB/T 9704）；在记录中写 print_date（送印的日期）。"),
)
# fmt: on


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    record: str | None = None
    field: str | None = None
    hint: str | None = None
    severity: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")
        if not self.severity:
            object.__setattr__(self, "severity", CODES[self.code].severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.message)

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "record": self.record,
            "field": self.field,
            "hint": self.hint,
        }


# findings that depend on today's date (overdue, not yet held, not yet submitted): warnings that never fail validate —
# not even with --strict — unless --strict-dates makes them errors
DATE_CODES = frozenset({"WB412", "WB616", "WB705", "WB710", "WB808"})


@dataclass
class Report:
    """The result of a validation run: diagnostics plus what was checked."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    # where the data repository sits inside its git repository ("county/" when the data is in a subfolder): CI
    # annotations name files from the git root, or they attach to nothing
    path_prefix: str = ""

    def ci_path(self, d: Diagnostic) -> str:
        return self.path_prefix + d.path if d.path else ""

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(items)

    def sorted(self) -> list[Diagnostic]:
        seen: set[tuple[str, str, int | None, int | None, str]] = set()
        out = []
        for d in sorted(self.diagnostics, key=Diagnostic.sort_key):
            key = (d.code, d.path, d.line, d.column, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out

    @property
    def errors(self) -> int:
        return sum(1 for d in self.sorted() if d.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.sorted() if d.severity == WARNING)

    @property
    def notes(self) -> int:
        return sum(1 for d in self.sorted() if d.severity == NOTE)

    @property
    def date_warnings(self) -> int:
        return sum(1 for d in self.sorted() if d.severity == WARNING and d.code in DATE_CODES)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with ``strict`` warnings too, except the date findings (only --strict-dates fails on them)."""
        return self.errors > 0 or (strict and self.warnings - self.date_warnings > 0)


def _location(d: Diagnostic) -> str:
    loc = d.path or "<仓库>"
    if d.line is not None:
        loc += f":{d.line}"
        if d.column is not None:
            loc += f":{d.column}"
    return loc


def format_text(report: Report) -> str:
    lines = []
    for d in report.sorted():
        extra = []
        if d.record:
            extra.append(f"记录 {d.record}")
        if d.field:
            extra.append(f"字段 {d.field}")
        suffix = f"（{'，'.join(extra)}）" if extra else ""
        lines.append(f"{_location(d)}: {SEVERITY_ZH[d.severity]}[{d.code}] {d.message}{suffix}")
        if d.hint:
            lines.append(f"    提示：{d.hint}")
    lines.append(summary_line(report))
    return visible("\n".join(lines)) + "\n"  # file names and messages quote what data holds


def summary_line(report: Report) -> str:
    notes = f"，{report.notes} 个说明" if report.notes else ""
    if not report.errors and not report.warnings:
        if not report.diagnostics:
            return f"校验通过：检查了 {report.files_checked} 个文件，未发现问题。"
        return f"校验通过：检查了 {report.files_checked} 个文件，没有错误和警告{notes}。"
    dated = f"（其中 {report.date_warnings} 个与日期有关：逾期或到期未办，不算失败）" if report.date_warnings else ""
    return f"检查了 {report.files_checked} 个文件：{report.errors} 个错误，{report.warnings} 个警告{dated}{notes}。"


def format_json(report: Report) -> str:
    doc = {
        "files_checked": report.files_checked,
        "errors": report.errors,
        "warnings": report.warnings,
        "date_warnings": report.date_warnings,
        "notes": report.notes,
        "diagnostics": [d.to_dict() for d in report.sorted()],
    }
    return json_visible(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands (one annotation per diagnostic)."""
    lines = []
    for d in report.sorted():
        level = {ERROR: "error", WARNING: "warning"}.get(d.severity, "notice")
        props = [f"file={_gh_escape(report.ci_path(d), True)}"] if d.path else []
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_gh_escape(d.code + ' ' + CODES[d.code].title, True)}")
        message = d.message + (f"（提示：{d.hint}）" if d.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_gh_escape(message)}")
    lines.append(summary_line(report))
    return visible("\n".join(lines)) + "\n"  # file names and messages quote what data holds


def codes_markdown() -> str:
    """The table of diagnostic codes (docs/diagnostics.md is generated from it)."""
    rows = ["# 诊断编号（weibao validate）", "", "本文件由 `weibao codes --markdown` 生成，请勿手改。", "",
            "| 编号 | 级别 | 名称 | 说明 |", "| --- | --- | --- | --- |"]
    rows += [f"| {c.code} | {SEVERITY_ZH[c.severity]} | {c.title} | {c.explanation} |" for c in CODES.values()]
    return "\n".join(rows) + f"\n\n共 {len(CODES)} 个编号。\n"


GITLAB_SEVERITY = {ERROR: "major", WARNING: "minor", NOTE: "info"}


def format_gitlab(report: Report) -> str:
    """GitLab's code quality report (a JSON array; the job saves it as ``artifacts: reports: codequality``), so the
    findings show in the merge request.  The fingerprint leaves the line out: a finding that only moved is the same."""
    import hashlib

    out, seen = [], Counter[str]()
    for d in report.sorted():
        base = hashlib.sha256("\0".join((d.code, report.ci_path(d), d.record or "", d.field or "", d.message)).encode()).hexdigest()
        seen[base] += 1
        fingerprint = base if seen[base] == 1 else hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()
        item: dict[str, Any] = {
            "description": d.message + (f"（提示：{d.hint}）" if d.hint else ""),
            "check_name": d.code, "fingerprint": fingerprint, "severity": GITLAB_SEVERITY.get(d.severity, "info"),
            # a repository-wide finding is placed on the settings file
            "location": {"path": report.ci_path(d) or report.path_prefix + "data/weibao.yaml", "lines": {"begin": d.line or 1}},
        }
        out.append(item)
    return json_visible(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github, "gitlab": format_gitlab}
