"""domain/privacy.py: each detector on exact spans, what must pass, masking, markers, redaction.

Every name, number, school and address here is an invented sample (ID numbers use region 999999 and the birth
date 2099-12-31; mobiles are 139 0000 xxxx)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weibao.domain import privacy
from weibao.domain.privacy import MARKER, redact, redact_tree, scan, scan_file, words_pattern
from weibao.errors import UsageError

ID = "999999209912310016"  # valid check digit, nobody's: region 999999, born 2099-12-31


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan(text)]


def test_the_sample_id_number_is_valid():
    assert privacy.is_id_number(ID) and not privacy.is_id_number(ID[:-1] + "9") and not privacy.is_id_number("999999209913310017")


@pytest.mark.parametrize("text,expected", [
    # names: after a role, before a role or an event, after 叫, in lists, Mongolian, with a middle dot
    ("学生王芳芳在校期间多次被索要零花钱。", [("name", "王芳芳")]),
    ("家长李建国来电反映情况。", [("name", "李建国")]),
    ("张宇轩，男，12岁，随祖母生活。", [("name", "张宇轩")]),
    ("王浩然被同学打伤后没去上学。", [("name", "王浩然")]),
    ("我家孩子叫孟凡宇，在学校天天挨打。", [("name", "孟凡宇")]),
    ("黄梓萱的继母承认曾打骂孩子。", [("name", "黄梓萱")]),
    ("经监护人同意，将吴昊天转介至心理咨询机构。", [("name", "吴昊天")]),
    ("留守儿童有王浩然、李沐阳和张雨桐。", [("name", "王浩然"), ("name", "李沐阳"), ("name", "张雨桐")]),
    ("受害学生巴特尔目前在旗医院治疗。", [("name", "巴特尔")]),
    ("今天电话联系了包乌日娜。", [("name", "包乌日娜")]),
    ("维吾尔族少年艾力江·吐尔逊随父母迁来。", [("name", "艾力江·吐尔逊")]),
    ("欧阳子涵（女，9岁）已纳入保障。", [("name", "欧阳子涵")]),
    # schools with a class or a particular child
    ("旗实验小学二年级五班有个孩子说继母不给饭吃。", [("school", "旗实验小学二年级五班")]),
    ("奈曼旗第一中学初中部七年级（8）班一名学生携带刀具。", [("school", "奈曼旗第一中学初中部七年级（8）班")]),
    ("阳光幼儿园小班一名幼儿身上有针扎痕迹。", [("school", "阳光幼儿园小班")]),
    ("小雨（化名）在大沁他拉镇第四中学读初二。", [("school", "大沁他拉镇第四中学读初二")]),
    # addresses
    ("家住富康小区18号楼2单元301室。", [("address", "富康小区18号楼2单元301室")]),
    ("暂住地址：大沁他拉镇富康小区18-2-301。", [("address", "大沁他拉镇富康小区18-2-301")]),
    ("其父在团结路东段96号经营小超市。", [("address", "团结路东段96号")]),
    ("孩子住六号农场三队第五排第3户。", [("address", "六号农场三队第五排第3户")]),
    # numbers: ID, mobile (spaced, full-width, +86), accounts, student numbers
    (f"证件号{ID}。", [("id_number", ID)]),
    ("证件号999999 20991231 0016。", [("id_number", "999999 20991231 0016")]),
    ("家长电话139 0000 1234。", [("phone", "139 0000 1234")]),
    ("家长电话１３９００００１２３４。", [("phone", "１３９００００１２３４")]),
    ("电话+86-139-0000-1234。", [("phone", "+86-139-0000-1234")]),
    ("孩子的QQ号是812345678，被骗了钱。", [("account", "812345678")]),
    ("微信号lihao0915，可以联系。", [("account", "lihao0915")]),
    ("邮箱xiaoyu.2012@example.cn。", [("account", "xiaoyu.2012@example.cn")]),
    ("游戏ID是奈曼☆小旋风，对方在组队时认识她。", [("account", "奈曼☆小旋风")]),
    ("学号20220112的学生连续旷课。", [("student_number", "20220112")]),
    (f"学籍号G{ID}在系统中显示异常。", [("student_number", f"G{ID}")]),
    # round 4: a rarer surname after a person noun, occupations and parties as cues, 叫X的 + a person, 系 after a name
    ("据店员冀德胜供述，当晚有两名少年在店内饮酒。", [("name", "冀德胜")]),
    ("目击者甯秀兰称看见孩子被拖上车。", [("name", "甯秀兰")]),
    ("法定代理人欧阳丽华未到庭。", [("name", "欧阳丽华")]),
    ("班里有个叫林木的转学生总被起外号。", [("name", "林木")]),
    ("经查，韩子墨系该校借读生。", [("name", "韩子墨")]),
    ("邻居家的扎西多吉每天放学后独自在家。", [("name", "扎西多吉")]),
    # a school with a department or a 届, a vocational school, a grade with a relative in the sentence
    ("我外甥在奈曼旗职业中专畜牧专业二年级。", [("school", "奈曼旗职业中专畜牧专业二年级")]),
    ("一名西湖镇中学的女生深夜未归。", [("school", "西湖镇中学")]),
    # residence cues and counted houses, units written with spaces
    ("学生户籍所在地：东明镇哈日干图嘎查三组。", [("address", "东明镇哈日干图嘎查三组")]),
    ("孩子家在新镇太平村供销社往东第三家。", [("address", "新镇太平村供销社往东第三家")]),
    ("住　址：幸福小区 5号楼 2单元 302", [("address", "幸福小区 5号楼 2单元 302")]),
    # nicknames in quotation marks after a platform or a word for them, @handles, more labels
    ("她在快手的昵称“星星不眨眼”，粉丝里有陌生成年人。", [("account", "星星不眨眼")]),
    ("微博用户@沙地小白杨转发了打人视频。", [("account", "@沙地小白杨")]),
    ("钉钉号ding_xm2013被拉进了陌生群。", [("account", "ding_xm2013")]),
    ("餐卡号3381的学生连续一周没有刷卡吃饭。", [("student_number", "3381")]),
    ("考号2025-06-118的考生缺考。", [("student_number", "2025-06-118")]),
    ("五年级三班27号被高年级学生拦住要钱。", [("student_number", "27号")]),
    # round 5: numbers read out digit by digit, a sure double surname alone, any pupil's number by its label,
    # 叫 + a handle in a sentence about a platform
    ("你记一下 幺三八 零零零零 幺二三四 是她妈的", [("phone", "幺三八 零零零零 幺二三四")]),
    ("学号 二〇二三〇九〇一", [("student_number", "二〇二三〇九〇一")]),
    ("司徒静放学后没有回家。", [("name", "司徒静")]),
    ("寄宿生编号 JS2024-031，床位在二楼", [("student_number", "JS2024-031")]),
    ("心理测评编号：XL-2024-0015", [("student_number", "XL-2024-0015")]),
    ("他在蛋仔派对里的名字叫“小鱼干不加辣”，有人约他线下见面。", [("account", "小鱼干不加辣")]),
    ("班级：某某县实验小学3.2班", []),
    ("班级：青龙山镇实验小学3.2班 学生情况：单亲", [("school", "青龙山镇实验小学3.2班")]),
    # round 6: an ID number with a mistyped check digit (area 150000 is a region's code, never a person's), a word
    # that is a given name after a role, a handle after 的号叫 in a sentence about a game, wx_ handles
    ("被申请人身份证号150000199001010010。", [("id_number", "150000199001010010")]),
    ("报警人包金山称孩子在集市走失。", [("name", "包金山")]),
    ("原告皇甫秀兰诉称被告拒付抚养费。", [("name", "皇甫秀兰")]),
    ("他在和平精英里的号叫沁河小飞侠，天天充值。", [("account", "沁河小飞侠")]),
    ("加孩子微信吧，wx_xiaolu0603。", [("account", "wx_xiaolu0603")]),
    ("她在新镇后营子教学点上二年级。", [("school", "新镇后营子教学点上二年级")]),
    # round 7: capital numerals and slashes, 子女 and school posts as cues, 游戏ID“…”, 网名是不是叫“…”
    ("联系电话：壹叁捌零零零零壹贰叁肆", [("phone", "壹叁捌零零零零壹贰叁肆")]),
    ("申请人电话：138/0000/1234", [("phone", "138/0000/1234")]),
    ("对服刑人员子女包雅丽开展结对帮扶。", [("name", "包雅丽")]),
    ("德育主任霍振东参加了帮教。", [("name", "霍振东")]),
    ("游戏ID“冷月听风丶”名下充值四千余元。", [("account", "冷月听风丶")]),
    ("那个孩子的网名是不是叫“小太阳☀”？", [("account", "小太阳☀")]),
    # round 8: rarer compound surnames, a kin word in brackets after a name, a title after it, 系 and 自 after it,
    # a number said to be a pupil's by what follows it, game IDs after a full-width colon, a scene's address
    ("亓官明阳的母亲要求学校给个说法。", [("name", "亓官明阳")]),
    ("包金山（孩子爷爷）表示愿意配合。", [("name", "包金山")]),
    ("马明礼阿訇愿意开设周末课堂。", [("name", "马明礼")]),
    ("经查，訾秀梅自2021年起独自抚养孩子。", [("name", "訾秀梅")]),
    ("体检编号TJ-2024-0015的学生视力异常。", [("student_number", "TJ-2024-0015")]),
    ("午托登记号：WT0099，家长已三周未缴费。", [("student_number", "WT0099")]),
    ("和平精英ID：沙地小狙神", [("account", "沙地小狙神")]),
    ("派出所出警地址：大沁他拉镇团结路12号院内东侧平房。", [("address", "大沁他拉镇团结路12号院")]),
    ("ID：999999209912310016　类别：困境儿童", [("id_number", "999999209912310016")]),
    # a number right after an x is not a masked one (only *, ＊ and × mask): vx + a mobile number
    ("对方让孩子加他vx13900001234，说能带他赚钱。", [("account", "13900001234")]),
])
def test_each_kind_is_found_with_its_exact_span(text: str, expected: list[tuple[str, str]]):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "学生李某在校期间多次被索要零花钱。",
    "王某某同学近一周未到校。",
    "小明（化名）被同学打伤后没去上学。",
    "本文中的“张晓雨”为化名，与真实人物无关。",
    "李先生反映孩子被网友诱骗外出。",
    "某校一名初二学生反映班级存在欺凌现象。",
    "青龙山镇中学新建了学生食堂和浴室。",
    "旗一中、旗二中共同承办了全旗中学生运动会。",
    "《未成年人学校保护规定》第二十条要求学校建立学生欺凌防控制度。",
    "该生现住某小区，由祖母照看。",
    "家住偏远嘎查的学生可以申请寄宿生生活补助。",
    "住址格式示例：××小区××号楼××单元××室。",
    "各苏木乡镇人民政府，六号农场管委会，旗直各有关部门：",
    "办公地点在政务服务中心二楼205室。",
    "举报电话0475-4212345，全国统一热线12355。",
    "奈政办字〔2022〕40号文件于2022年6月1日印发。",
    "举报邮箱：nmwbb_office@163.com（旗未保办公共邮箱）。",
    "学号、考号等信息只在学籍系统中保存。",
    "周末高度重视马上落实常态化工作。",
    "孩子成天在外面野，家长和亲戚都不管。",
    "老板明知道孩子才十四岁还让他干活。",
    "妇女儿童维权热线12338。",
    "呼和浩特市、乌兰浩特市、巴彦淖尔市的同志参加了培训。",
    "嘎查那达慕大会上设了儿童游乐区。",
    "a QQ number, a WeChat id, an e-mail address",
    # round 4: the same cues with nothing identifying after them
    "孩子过冬的棉衣由民政局统一采购。",
    "父母双双外出务工的儿童纳入关爱台账。",
    "全旗幼儿园大班幼儿开展幼小衔接活动。",
    "奈曼旗第三中学高三年级开展了成人礼活动。",
    "我家是低保户，孩子上学有补助吗？",
    "俺家在嘎查，孩子上学远。",
    "孩子的游戏账号应由监护人实名认证。",
    "抖音“青少年模式”每天限时40分钟。",
    "@所有人 请各成员单位联络员于周五前报送材料。",
    "@pytest.fixture",
    "档案编号：奈未保档-2023-041",
    "二班3号楼的宿舍已完成消防检查。",
    # round 5
    "学生们在主题班会上讲述了黄继光、邱少云的英雄故事。",
    "红色教育基地展出了王若飞同志的生平事迹。",
    "本期共读《汤姆·索亚历险记》和《简·爱》。",
    "其木格（化名）在访谈中多次提到想念草原。",
    "查干萨日期间各嘎查开展了敬老活动。",
    "奈曼旗人民法院地址：大沁他拉镇法院路1号。",
    "会议地点：旗政府第三会议室（政府大楼5楼）。",
    "奈曼旗实验小学二年级的全体学生参加了安全知识竞赛。",
    "奈曼旗第四中学七年级各班开展了心理健康周活动。",
    "学生身份证号栏不得填写他人信息。",
    "十一月二十三日召开会议。",
    "企业统一社会信用代码编号 911505250000000000 已公示。",
    # round 6
    "全旗高三年级共有考生2841人，其中少数民族考生1120人。",
    "共清理网络有害信息1310条，关停违规账号27个。",
    "“巴雅尔”在蒙古语中意为喜悦。",
    "向阳花志愿服务队定期开展关爱活动。",
    "和谐家庭创建活动中，评选出最美家庭20户。",
    "来信请寄：旗信访局（大沁他拉镇民主路旗政府综合楼一楼）。",
    "案件编号 999999209912310017 的卷宗已归档。",
    # round 7
    "学籍号：L2012******573（已脱敏）",
    "QQ：28******95（已隐去）",
    "乌力吉图嘎查党支部召开专题会议。",
    "儿童节当天，新镇中心幼儿园举办亲子运动会，家长和孩子共300余人参加。",
    "杨家将、穆桂英的故事在当地流传甚广。",
    "旗法院少年审判庭地址：大沁他拉镇胜利大街189号审判楼三楼。",
    "官方微信公众号“奈曼民政”将定期发布政策解读。",
    "家长群实行实名制管理，群昵称统一为“学生家长”。",
    # round 8
    "通辽市第五中学来我旗交流心理健康教育经验。",
    "奈曼旗人民检察院（大沁他拉镇建设路6号）未成年人检察工作室揭牌。",
    "班级编号2301班为今年新组建的民族班。",
    "捐款账户（对公）：旗慈善总会，开户行农行奈曼支行，账号0560 0101 0400 1234 5。",
    "请新入群成员修改群昵称为单位加职务。",
    "“其其格”在蒙古语里是花的意思。",
    "嘎查小学的孩子放学路上遇到白毛风怎么自救？",
    # round 9
    "孩子练书法写得不好，一天练多久合适？",
    # a document number followed by a date (weibao site's rules page, issue 26)
    "依据 奈政办字〔2022〕40号，2022-05-30 起施行。",
    "根据奈政办字[2023]7号，2023-01-05印发。",
])
def test_what_identifies_no_one_passes(text: str):
    assert found(text) == []


def test_a_finding_never_shows_more_than_its_ends():
    f = scan("学生王芳芳被打")[0]
    assert f.masked() == "王…" and "芳" not in f.masked()
    assert privacy.masked("phone", "139 0000 1234") == "139…34"
    assert privacy.masked("id_number", ID) == "999999…16"


@given(st.text(alphabet="王李张芳浩然学生被打家住小区号楼单元室0123456789 ，。QQ号是@a.com", max_size=40))
def test_masks_never_repeat_a_span_and_redaction_removes_every_finding(text: str):
    for f in scan(text):
        if len(f.text) >= 2:
            assert f.text not in f.masked()
    once = redact(text)
    for f in scan(text):
        if f.replacement not in f.text:
            assert text.count(f.text) > once.count(f.text) or f.text not in once


@given(st.lists(st.text(alphabet="甲乙丙丁的", min_size=1, max_size=4), min_size=1, max_size=12), st.text(alphabet="甲乙丙丁的", max_size=20))
def test_words_pattern_matches_like_the_flat_alternation(words: list[str], text: str):
    flat = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    tree = re.compile(words_pattern(words))
    assert [m.group(0) for m in tree.finditer(text)] == [m.group(0) for m in flat.finditer(text)]


def test_scan_file_places_findings_on_lines_and_columns_and_reads_comments():
    text = "id: x\nsubject: 学生王芳芳被打\n# 家长电话139 0000 1234\n"
    result = scan_file(text)
    assert [(n, f.kind, f.start + 1) for n, f in result.found] == [(2, "name", 12), (3, "phone", 7)]


def test_no_finding_crosses_a_line_end():
    assert scan_file("note: 孩子的住址\n- text: 某村三组的困境儿童\n").found == ()


def test_markers_excuse_a_line_or_a_text_and_are_listed():
    text = ("q: 学生张三丰的武侠小说进了图书馆  # weibao: 非个人信息（小说人物）\n"
            "# weibao: 非个人信息：李建国（历史文献中的作者）\n"
            "a: 作者李建国的母亲是本地人\n"
            "b: 家长王芳芳来电  # weibao: 非个人信息\n")
    result = scan_file(text)
    assert result.found == ()
    assert [(e.line, e.reason, e.span) for e in result.excused] == [(1, "小说人物", None), (2, "历史文献中的作者", "李建国"), (4, "", None)]
    assert result.allowed == {"张三丰", "李建国", "王芳芳"}
    assert redact("作者李建国的母亲", frozenset(result.allowed)) == "作者李建国的母亲"
    assert MARKER.search("x  # weibao：非个人信息（理由） # 预期 WB910@3")


def test_redaction_replaces_by_kind_and_keeps_the_rest():
    text = f"学生王芳芳，家住富康小区18号楼2单元301室，家长电话139 0000 1234，证件号{ID}。"
    assert redact(text) == "学生某某，家住某地，家长电话（电话已删去），证件号（证件号已删去）。"
    assert redact_tree({"a": [text], "n": 3}) == {"a": [redact(text)], "n": 3}


def test_refusal_message_names_the_kind_and_masks_it():
    with pytest.raises(UsageError) as e:
        privacy.refuse_identifying("事由", "学生王芳芳被打")
    assert str(e.value.message if hasattr(e.value, "message") else e.value).startswith("事由中有姓名（王…，第 3 个字起）")
    assert "王芳芳" not in str(e.value) and "王芳芳" not in (e.value.hint or "")
    privacy.refuse_identifying("事由", "学生王某某被打")  # a placeholder passes
