"""The 问答库 (data/questions/): its checks, `weibao learn`, how `weibao who` uses it, and how `weibao diff` shows it.

Questions written here are invented samples.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, cli, codes, run_validate, who_json

WITH_QUESTION_SAMPLES = True  # the bundled 问答库 is part of what is tested here

HEAD = "# yaml-language-server: $schema=../../schemas/questions.schema.json\n# 测试用的示例问题（虚构）\n"


def write_questions(repo: Path, name: str, body: str) -> Path:
    p = repo / "data" / "questions" / name
    p.write_text(HEAD + "questions:\n" + body, encoding="utf-8")
    return p


def test_bundled_questions_are_clean_and_cover_every_unit(repo: Path):
    assert [d for d in run_validate(repo) if d.path.startswith("data/questions")] == []
    import yaml

    units = {p.stem for p in (ROOT / "data" / "units").glob("*.yaml")}
    leads = set()
    for p in (ROOT / "data" / "questions").glob("*.yaml"):
        for q in yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]:
            leads.update(q["lead"])
    assert leads == units


def test_question_checks_with_positions(repo: Path):
    write_questions(repo, "t.yaml", (
        "  - q: 孩子想学马头琴\n"          # line 4
        "    lead: [jiaoti]\n"
        "  - q: 孩子想学马头琴！\n"        # line 6: same question, same answer → WB507
        "    lead: [jiaoti]\n"
        "  - q: 孩子想学 马头琴\n"         # line 8: same question, other answer → WB508
        "    lead: [wenlv]\n"
        "  - q: 社区里有个孩子没人管\n"     # line 10
        "    lead: [minzhen]\n"            # line 11: unknown unit → WB302
        "    support: [minzheng]\n"
        "  - q: 学校食堂不干净\n"           # line 13
        "    lead: [shichang]\n"
        "    support: [shichang]\n"         # line 15: both lead and support → WB509
        "  - q: 隔壁孩子王小明被打了，找谁\n"  # line 16: a name → WB903
        "    lead: [gongan]\n"
        "  - q: 家长电话139 1234 56 78，孩子没人管\n"  # line 18: a split mobile number → WB902
        "    lead: [minzheng]\n"
        "  - q: 孩子 赵小军被打了\n"  # line 20: a name after a space → WB903
        "    lead: [gongan]\n"
    ))
    found = [(c, p, ln) for c, p, ln in codes(run_validate(repo)) if p == "data/questions/t.yaml"]
    assert found == [
        ("WB507", "data/questions/t.yaml", 6),
        ("WB508", "data/questions/t.yaml", 9),
        ("WB302", "data/questions/t.yaml", 11),
        ("WB509", "data/questions/t.yaml", 15),
        ("WB903", "data/questions/t.yaml", 16),
        ("WB902", "data/questions/t.yaml", 18),
        ("WB903", "data/questions/t.yaml", 20),
    ]
    diags = {d.code: d for d in reversed(run_validate(repo)) if d.path == "data/questions/t.yaml"}  # first of each code
    assert diags["WB508"].message == "同一个问题答了两个不同的牵头单位（data/questions/t.yaml:4 写的是 jiaoti）。"
    assert diags["WB302"].message == "成员单位“minzhen”不存在。" and diags["WB302"].hint == "是否想写“minzheng”？"
    assert (diags["WB903"].message, diags["WB903"].column) == ("出现了姓名（王…）。", 12)  # never the name itself


def test_a_broken_question_base_does_not_stop_who_but_a_name_in_it_does(repo: Path):
    write_questions(repo, "t.yaml", "  - q: 孩子想学马头琴\n    lead: [nosuchunit]\n  - q: 孩子想学马头琴。\n    lead: [wenlv]\n")
    assert {d.code for d in run_validate(repo) if d.path == "data/questions/t.yaml"} == {"WB302", "WB508"}
    doc = who_json(repo, "孩子想学马头琴")  # the entry naming no real unit is left out; the other answers
    assert [r["unit"]["id"] for r in doc["results"]] == ["wenlv"]
    write_questions(repo, "t.yaml", "  - q: 隔壁孩子赵小军被打了\n    lead: [gongan]\n")
    r = cli(repo, "who", "童工")
    assert r.exit_code == 1
    assert "data/questions/t.yaml:4:12: 错误[WB903] 出现了姓名（赵…）。" in r.stderr and "赵小军" not in r.stderr


def test_learn_adds_then_changes_then_keeps(repo: Path):
    assert cli(repo, "who", "孩子想学马头琴").exit_code == 1  # nothing in the duty texts or the 问答库 answers it
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "教体局")
    assert r.exit_code == 0, r.output
    assert r.stdout == "已记入问答库：data/questions/learned.yaml:5  孩子想学马头琴 → 旗教体局\n现在 weibao who 的回答：1. 旗教体局\n"
    learned = repo / "data/questions/learned.yaml"
    assert learned.read_text(encoding="utf-8").endswith("questions:\n  - q: 孩子想学马头琴\n    lead: [jiaoti]\n    support: []\n")
    # a similar question (not the same words) is now answered, and the answer says why
    doc = who_json(repo, "我家娃想学马头琴，去哪学？")
    assert doc["results"][0]["unit"]["id"] == "jiaoti"
    assert doc["results"][0]["duties"] == []
    assert doc["similar"][0]["q"] == "孩子想学马头琴" and doc["similar"][0]["where"] == "data/questions/learned.yaml:5"
    # a comment the clerk added survives the change in place
    learned.write_text(learned.read_text(encoding="utf-8").replace("  - q: 孩子想学马头琴\n", "  # 2026-11 来电\n  - q: 孩子想学马头琴\n"),
                       encoding="utf-8")
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "文旅局", "--support", "教体局")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("已改答：data/questions/learned.yaml:6  孩子想学马头琴\n  旗教体局 → 旗文旅局（配合：旗教体局）\n")
    assert learned.read_text(encoding="utf-8").endswith(
        "questions:\n  # 2026-11 来电\n  - q: 孩子想学马头琴\n    lead: [wenlv]\n    support: [jiaoti]\n")
    before = learned.read_bytes()
    r = cli(repo, "learn", "孩子想学马头琴。", "-l", "wenlv", "-s", "jiaoti")
    assert r.exit_code == 0 and r.stdout.startswith("问答库已有这个问题，答案相同，未改动：data/questions/learned.yaml:6\n")
    assert learned.read_bytes() == before
    assert [d for d in run_validate(repo) if d.path.startswith("data/questions")] == []


def test_learned_answer_beats_the_duty_texts_for_the_same_question(repo: Path):
    assert who_json(repo, "人贩子")["results"][0]["unit"]["id"] == "gongan"
    r = cli(repo, "learn", "人贩子", "--lead", "民政")  # the sample says 公安; the office decides otherwise
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("已改答：data/questions/samples-7.yaml:")
    first = who_json(repo, "人贩子")["results"][0]
    assert first["unit"]["id"] == "minzheng"
    assert first["role"] == "lead"  # the clerk's answer to this very question: 牵头, though no duty clause of 民政 matched


def test_a_unit_only_similar_questions_name_is_for_reference_never_lead(repo: Path):
    doc = who_json(repo, "网吧接纳未成年人", top=5)
    roles = {r["unit"]["id"]: (r["role"], bool(r["duties"])) for r in doc["results"]}
    assert roles["wenlv"] == ("lead", True)
    assert all(role == "reference" for role, has_duties in roles.values() if not has_duties), roles
    assert roles.get("tongji", ("reference", False))[0] == "reference"  # the stored question 未成年人统计 names 统计局


def test_learn_refuses_bad_input_and_writes_nothing(repo: Path):
    learned = repo / "data/questions/learned.yaml"
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "旗委")
    assert r.exit_code == 2 and "牵头单位“旗委”有歧义。" in r.stderr
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "气象局")
    assert r.exit_code == 2 and "牵头单位“气象局”找不到。" in r.stderr
    r = cli(repo, "learn", "家长电话13912345678，孩子想学马头琴", "--lead", "教体局")
    assert r.exit_code == 2 and "问题中有手机号码" in r.stderr
    r = cli(repo, "learn", "，。", "--lead", "教体局")
    assert r.exit_code == 2 and "问题是空的" in r.stderr
    r = cli(repo, "learn", "请问归哪个部门管？", "--lead", "教体局")
    assert r.exit_code == 2 and "问题里只有套话" in r.stderr
    # numbers split by spaces or dashes, a name after 叫: still refused
    for q, why in [("电话139 1234 56 78，孩子想学马头琴", "手机号码"), ("家长号码139-12-345-678", "手机号码"),
                   ("孩子：李明被打了", "问题中有姓名（李…"), ("孩子 李明被打了", "问题中有姓名（李…")]:
        r = cli(repo, "learn", q, "--lead", "教体局")
        assert r.exit_code == 2 and why in r.stderr, (q, r.stderr)
    assert not learned.exists()


def test_nonsense_gets_no_answer_from_weak_neighbours(repo: Path):
    for q in ("今天天气怎么样", "我想问一下", "这个归哪个部门管", "今天天气怎么样啊，明天会不会下雨，后天呢，大后天呢，下周呢"):
        r = cli(repo, "who", q, "--format", "json")
        assert r.exit_code == 1, q
        assert json.loads(r.stdout)["results"] == []


def test_a_long_question_no_duty_text_answers_is_answered_by_its_neighbours(repo: Path):
    doc = who_json(repo, "我们班有个娃家里没大人了，他爸跑了他妈住院，娃自己在家待了好些天，老师该往哪儿报")
    first = doc["results"][0]
    # no duty clause matched: the unit is offered because similar answered questions name it, for reference only
    assert first["unit"]["id"] == "minzheng" and first["duties"] == [] and (first["role"], first["role_zh"]) == ("reference", "参考")


def test_explain_shows_similar_answered_questions(repo: Path):
    r = cli(repo, "who", "孩子被人贩子拐走了", "--explain", "--top", "1")
    assert r.exit_code == 0
    assert "相似的已答问题（问答库）：" in r.stdout
    assert "1.00  孩子被人贩子拐走了怎么办 → 旗公安局" in r.stdout


def test_diff_shows_question_changes(repo: Path):
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "起始"], cwd=repo, check=True)
    assert cli(repo, "learn", "孩子想学马头琴", "--lead", "教体局").exit_code == 0
    assert cli(repo, "learn", "人贩子", "--lead", "民政局").exit_code == 0
    r = cli(repo, "diff")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert "问答库 learned：新增" in lines
    assert "问答库 samples-7：修改" in lines
    assert "  改答：人贩子：牵头 gongan → minzheng" in lines


def test_evaluation_leaves_out_the_set_being_scored():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import who_eval

    from weibao.core.repository import Repository
    from weibao.who.index import load_index

    index = load_index(Repository(ROOT), use_cache=False)
    qs = [{"q": "人贩子！", "lead": ["gongan"]}]
    out = who_eval.left_out(index, "data/questions/samples-3.yaml", qs)
    where = [index["examples"][i]["where"] for i in out]
    assert all(w.startswith("data/questions/samples-3.yaml:") or index["examples"][i]["q"] == "人贩子" for i, w in zip(out, where))
    assert sum(1 for w in where if w.startswith("data/questions/samples-3.yaml:")) == sum(
        1 for e in index["examples"] if e["where"].startswith("data/questions/samples-3.yaml:"))
    assert any(index["examples"][i]["q"] == "人贩子" for i in out)


def test_evaluation_retrains_the_classifier_without_the_left_out_questions():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import who_eval

    from weibao.core.repository import Repository
    from weibao.who.index import load_index

    index = load_index(Repository(ROOT), use_cache=False)
    assert index["classifier"]["classes"] == sorted({u for e in index["examples"] for u in e["lead"]})
    own = frozenset(i for i, e in enumerate(index["examples"]) if e["where"].startswith("data/questions/samples-3.yaml:"))
    out = who_eval.without(index, own)
    assert len(out["examples"]) == len(index["examples"]) - len(own)
    assert out["classifier"]["classes"] == index["classifier"]["classes"]
    assert out["classifier"]["w"] != index["classifier"]["w"]  # learned again, without them
    keep = {i for i, e in enumerate(index["examples"]) if e["lead"] in (["gongan"], ["wenlv"])}
    assert who_eval.without(index, frozenset(range(len(index["examples"]))) - keep)["classifier"] is None  # too few


def test_fluff_order_is_stable():
    from weibao.who.examples import sorted_fluff

    assert sorted_fluff({"fluff": ["找谁", "谁管", "哪个部门", "归谁管"]}) == ["哪个部门", "归谁管", "找谁", "谁管"]


def test_learn_changes_every_copy_and_fluff_variants_are_the_same_question(repo: Path):
    """One notion of "the same question" (fluff, spaces and punctuation aside) for learn, who and validate."""
    write_questions(repo, "learned.yaml", "  - q: 孩子被人贩子拐走了怎么办？\n    lead: [gongan]\n")
    assert {d.code for d in run_validate(repo) if d.path.startswith("data/questions")} == {"WB507"}
    r = cli(repo, "learn", "请问孩子被人贩子拐走了，该找哪个部门", "--lead", "民政")
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0]
    assert first.startswith("已改答：data/questions/learned.yaml:4、data/questions/samples-1.yaml:")
    assert r.stdout.splitlines()[2] == "现在 weibao who 的回答：1. 旗民政局；2. 旗公安局"
    assert who_json(repo, "孩子被人贩子拐走了")["results"][0]["unit"]["id"] == "minzheng"
    assert {d.code for d in run_validate(repo) if d.path.startswith("data/questions")} == {"WB507"}  # no WB508 conflict


def test_learn_keeps_comments_and_support_and_writes_canonical_layout(repo: Path):
    p = write_questions(repo, "learned.yaml", (
        "  - q: 网吧让孩子通宵上网\n"
        "    lead:\n"
        "      - wenlv  # 联席会议确定\n"
        "    support:\n"
        "      - shichang  # 配合检查证照\n"
        "  - q: 孩子想学马头琴\n"
        "    lead: [jiaoti]\n"
        "    style: 居民\n"
    ))
    assert cli(repo, "fmt", "--check").exit_code == 0
    r = cli(repo, "learn", "网吧让孩子通宵上网", "--lead", "文旅局", "--lead", "公安")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("已改答：data/questions/learned.yaml:4  网吧让孩子通宵上网\n  旗文旅局（配合：旗市场监管局） → 旗文旅局、旗公安局（配合：旗市场监管局）\n")
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "文旅局", "--support", "教体局")
    assert r.exit_code == 0, r.output
    r = cli(repo, "learn", "2026-01-01 孩子想学马头琴 又来电", "--lead", "文旅局")
    assert r.exit_code == 0, r.output
    text = p.read_text(encoding="utf-8")
    assert "      - wenlv  # 联席会议确定\n      - gongan\n    support:\n      - shichang  # 配合检查证照\n" in text
    assert "  - q: 孩子想学马头琴\n    lead: [wenlv]\n    support: [jiaoti]\n    style: 居民\n" in text
    r = cli(repo, "fmt", "--check")
    assert r.exit_code == 0, r.output


def test_failed_learn_leaves_no_file(repo: Path):
    from weibao.core.repository import Repository
    from weibao.errors import WeibaoError
    from weibao.who.learn import learn

    with pytest.raises(WeibaoError):
        learn(Repository(repo), "孩子想学\udcff马头琴", ["教体局"])
    assert not (repo / "data/questions/learned.yaml").exists()


def test_diff_survives_odd_unit_lists(repo: Path):
    p = write_questions(repo, "learned.yaml", "  - q: 孩子想学马头琴\n    lead: [jiaoti]\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "起始"], cwd=repo, check=True)
    p.write_text(HEAD + "questions:\n  - q: 孩子想学马头琴\n    lead: [1, ~]\n    support: gongan\n", encoding="utf-8")
    r = cli(repo, "diff")
    assert r.exit_code == 1, r.output
    assert "  改答：孩子想学马头琴：牵头 jiaoti → 1、None" in r.stdout.splitlines()
    assert "  改答：孩子想学马头琴：配合 （无） → gongan" in r.stdout.splitlines()


def test_same_question_means_asking_words_aside_not_content_words(repo: Path):
    assert cli(repo, "learn", "学生宿舍着火了", "--lead", "教体局", "--support", "应急管理局").exit_code == 0
    r = cli(repo, "learn", "单位宿舍着火了，该找哪个部门？", "--lead", "应急管理局")
    assert r.exit_code == 0 and r.stdout.startswith("已记入问答库：data/questions/learned.yaml:8  单位宿舍着火了，该找哪个部门？ → 旗应急管理局\n")
    r = cli(repo, "learn", "请问学生宿舍着火了找谁", "--lead", "应急管理局")  # the same question as the first: changed
    assert r.exit_code == 0
    assert r.stdout.startswith("已改答：data/questions/learned.yaml:5  学生宿舍着火了\n  旗教体局（配合：旗应急管理局） → 旗应急管理局\n")
    text = (repo / "data/questions/learned.yaml").read_text(encoding="utf-8")
    assert "  - q: 学生宿舍着火了\n    lead: [yingji]\n    support: []\n" in text  # the new lead is no longer a supporter


def test_changed_lists_keep_each_comment_with_its_unit(repo: Path):
    p = write_questions(repo, "learned.yaml", (
        "  - q: 网吧让孩子通宵上网\n"
        "    lead:\n"
        "      - wenlv  # 文旅局：联席会议确定\n"
        "      - gongan  # 公安：配合清查\n"
    ))
    r = cli(repo, "learn", "网吧让孩子通宵上网", "--lead", "公安", "--lead", "市场监管")
    assert r.exit_code == 0, r.output
    assert "    lead:\n      - gongan  # 公安：配合清查\n      - shichang\n" in p.read_text(encoding="utf-8")


def test_reported_line_is_the_line_after_the_change(repo: Path):
    p = repo / "data/questions/learned.yaml"
    p.write_text("questions:\n  - q: 孩子想学马头琴\n    lead: [jiaoti]\n", encoding="utf-8")  # no modeline yet
    r = cli(repo, "learn", "孩子想学马头琴", "--lead", "文旅局")
    assert r.exit_code == 0
    line = int(r.stdout.splitlines()[0].split("learned.yaml:")[1].split()[0])
    assert p.read_text(encoding="utf-8").splitlines()[line - 1] == "  - q: 孩子想学马头琴"
