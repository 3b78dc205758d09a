"""weibao who / unit / matrix, the index cache, and the glossary and topic rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import codes, run_validate
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.who.index import INDEX_FORMAT

register()
runner = CliRunner()
WITH_QUESTION_SAMPLES = True  # the bundled 问答库 is part of what is tested here


def who(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), "who", *args])


def who_json(repo: Path, question: str, top: int = 3) -> dict:
    r = who(repo, question, "--format", "json", "--top", str(top))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.mark.parametrize(
    "question,expected",
    [
        ("学校旁边的网吧让初中生进去通宵上网，该找哪个部门？", ["wenlv"]),
        ("孩子被人贩子拐走了", ["gongan"]),
        ("孩子在街上流浪乞讨", ["minzheng"]),
        ("小卖部卖香烟给初中生，谁管？", ["shichang"]),
        ("看病报销", ["yibao"]),
        ("童工", ["renshe"]),
        ("孩子想去科技馆参加科普活动", ["kexie"]),
    ],
)
def test_who_top_units(repo: Path, question, expected):
    doc = who_json(repo, question)
    assert [r["unit"]["id"] for r in doc["results"]][: len(expected)] == expected


def test_who_json_contract(repo: Path):
    doc = who_json(repo, "孩子被人贩子拐走了")
    assert set(doc) >= {"query", "terms", "results"}
    assert doc["query"] == "孩子被人贩子拐走了"
    assert doc["terms"] == ["人贩子", "拐走", "打拐"]
    first = doc["results"][0]
    assert first["unit"] == {"id": "gongan", "name": "旗公安局"}
    assert first["role"] == "lead"
    assert isinstance(first["score"], float)
    assert first["duties"][0]["id"] == "gongan-2"
    assert "打拐" in first["duties"][0]["text"]
    scores = [r["score"] for r in doc["results"]]
    assert scores == sorted(scores, reverse=True)


def test_who_supporting_role(repo: Path):
    doc = who_json(repo, "孩子在街上流浪乞讨")
    roles = dict((r["unit"]["id"], r["role"]) for r in doc["results"])
    assert doc["results"][0]["unit"]["id"] == "minzheng"
    assert roles["minzheng"] == "lead" and roles["canlian"] == "support"  # 残联：配合……流浪乞讨人员救助管理


def test_who_explain_text(repo: Path):
    r = who(repo, "孩子被人贩子拐走了", "--explain", "--top", "1")
    assert r.exit_code == 0
    assert "术语：人贩子、拐走 → 打拐" in r.stdout
    assert "检索词：人贩子、拐走、打拐" in r.stdout
    assert "1. 旗公安局  牵头" in r.stdout
    assert "命中：打拐" in r.stdout


def test_who_no_result_exit_1(repo: Path):
    r = who(repo, "今天天气怎么样")
    assert r.exit_code == 1
    assert "没有找到相关的职责" in r.stdout


def test_who_empty_question_is_usage_error(repo: Path):
    r = who(repo, "  ")
    assert r.exit_code == 2
    assert "问题是空的" in r.stderr


def test_glossary_line_fixes_an_answer(repo: Path):
    """The clerk's workflow: a wrong answer is fixed by one glossary line, and the cache never goes stale."""
    r = who(repo, "孩子想学马头琴", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)["results"] == []
    g = repo / "data/glossary.yaml"
    g.write_text(g.read_text(encoding="utf-8") + "  - words: [马头琴]\n    terms: [艺术教育]\n", encoding="utf-8")
    doc = who_json(repo, "孩子想学马头琴")
    assert doc["results"][0]["unit"]["id"] == "jiaoti"
    assert doc["terms"] == ["马头琴", "艺术教育", "体育卫生与艺术教育工作"]  # expansion is transitive


def test_cache_written_and_corrupt_cache_ignored(repo: Path):
    who_json(repo, "童工")
    cache = repo / ".weibao/index.json"
    assert cache.exists()
    assert (repo / ".weibao/.gitignore").read_text() == "*\n"
    cache.write_text("{not json", encoding="utf-8")
    assert who_json(repo, "童工")["results"][0]["unit"]["id"] == "renshe"
    assert cached(cache)["format"] == INDEX_FORMAT


def cached(cache: Path) -> dict:
    """The index document of .weibao/index.json (a signature line, then the JSON body)."""
    return json.loads(cache.read_text(encoding="utf-8").partition("\n")[2])


def test_a_planted_or_foreign_index_is_never_served(repo: Path):
    """Issue 21: a .weibao/index.json from a pull request (or another machine) with the right content key was served
    as it was — who answered a unit named INJECTED-UNIT.  The index is signed with this machine's key."""
    who_json(repo, "童工")
    cache = repo / ".weibao/index.json"
    doc = cached(cache)
    doc["units"][0]["name"] = "INJECTED-UNIT"
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    for planted in (body, "0" * 64 + "\n" + body, "{}", json.dumps({"format": INDEX_FORMAT, "key": 1, "units": 5})):
        cache.write_text(planted, encoding="utf-8")
        r = who(repo, "童工", "--top", "29")
        assert r.exit_code == 0 and "INJECTED-UNIT" not in r.output and "Traceback" not in r.output
        assert "INJECTED-UNIT" not in cache.read_text(encoding="utf-8")  # rebuilt and replaced


def test_who_refuses_invalid_data(repo: Path):
    g = repo / "data/glossary.yaml"
    g.write_text(g.read_text(encoding="utf-8") + "  - words: [某说法]\n    terms: [原文里没有的词]\n", encoding="utf-8")
    r = who(repo, "童工")
    assert r.exit_code == 1
    assert "错误[WB501]" in r.stderr


@pytest.mark.parametrize(
    "name,unit_id",
    [("公安", "gongan"), ("公安局", "gongan"), ("旗公安局", "gongan"), ("检察院", "jianchayuan"),
     ("妇联", "fulian"), ("团委", "tuanqiwei"), ("gongan", "gongan"), ("奈曼旗人民法院", "fayuan"),
     ("教育局", "jiaoti"), ("宣传部", "xuanchuanbu"), ("妇儿工委", "fulian")],
)
def test_unit_lookup(repo: Path, name, unit_id):
    r = runner.invoke(app, ["--repo", str(repo), "unit", name, "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["found"] == unit_id
    assert doc["unit"]["duties"]


def test_unit_text(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "unit", "公安"])
    assert r.exit_code == 0
    assert r.stdout.startswith("旗公安局（奈曼旗公安局）  第 7 位  政府部门")
    assert "办公室成员：（未登记；由本单位函告备案后填写）" in r.stdout
    assert "gongan-1 牵头 确定专门机构" in r.stdout


def test_unit_ambiguous_lists_candidates(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "unit", "旗委"])
    assert r.exit_code == 1
    assert "有多个单位符合“旗委”" in r.stderr
    for name in ("旗委宣传部（xuanchuanbu）", "旗委政法委（zhengfawei）", "旗委网信办（wangxinban）"):
        assert name in r.stderr


def test_unit_unknown_suggests(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "unit", "公按局"])
    assert r.exit_code == 1
    assert "没有找到单位“公按局”" in r.stderr
    assert "旗公安局（gongan）" in r.stderr.split("最接近的单位：")[1].splitlines()[1]


def test_matrix_formats(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "matrix", "--format", "csv"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("\ufeff主题,分组,旗委宣传部,旗委政法委")
    assert len(lines) == 1 + 21
    assert lines[1].startswith("家庭保护,六大保护,")
    r = runner.invoke(app, ["--repo", str(repo), "matrix", "--format", "md", "--by", "unit"])
    assert r.stdout.splitlines()[0].startswith("| 成员单位 | 家庭保护 | 学校保护 |")
    r = runner.invoke(app, ["--repo", str(repo), "matrix"])
    assert "【六大保护】" in r.stdout and "【重点群体】" in r.stdout
    assert "留守儿童\n    牵头：" in r.stdout


# ---- glossary and topic rules ----------------------------------------------------------


def _append(repo: Path, rel: str, text: str) -> int:
    p = repo / rel
    before = p.read_text(encoding="utf-8")
    p.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def test_wb501_term_not_in_any_duty(repo: Path):
    first = _append(repo, "data/glossary.yaml", "  - words: [某说法]\n    terms: [原文里没有的词]\n")
    assert codes(run_validate(repo)) == [("WB501", "data/glossary.yaml", first + 1)]


def test_wb502_duplicate_word(repo: Path):
    first = _append(repo, "data/glossary.yaml", "  - words: [网吧]\n    terms: [互联网上网服务营业场所]\n")
    assert codes(run_validate(repo)) == [("WB502", "data/glossary.yaml", first)]


def test_wb503_cycle(repo: Path):
    first = _append(repo, "data/glossary.yaml",
                    "  - words: [打拐]\n    terms: [拐卖专项]\n  - words: [拐卖专项]\n    terms: [打拐]\n")
    diags = run_validate(repo)
    assert ("WB503", "data/glossary.yaml", first) in codes(diags)
    assert [d for d in diags if d.code == "WB503"][0].message == "术语表中有循环：打拐 → 拐卖专项 → 打拐。"


def test_wb504_unknown_topic(repo: Path):
    p = repo / "data/units/gongan.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("topics: [judicial]", "topics: [judical]"), encoding="utf-8")
    line = text.splitlines().index("    topics: [judicial]") + 1
    diags = run_validate(repo)
    assert codes(diags) == [("WB504", "data/units/gongan.yaml", line)]
    assert diags[0].hint == "是否想写“judicial”？"


def test_wb505_duty_without_topic_and_wb506_unused_topic(repo: Path):
    p = repo / "data/units/gongan.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("    topics: [judicial]\n", ""), encoding="utf-8")
    line = text.splitlines().index("  - id: gongan-1") + 1
    assert codes(run_validate(repo)) == [("WB505", "data/units/gongan.yaml", line)]
    t = repo / "data/topics.yaml"
    first = _append(repo, "data/topics.yaml", "  - id: unused-topic\n    name: 没用上的主题（测试）\n    group: 专项工作\n")
    assert ("WB506", "data/topics.yaml", first) in codes(run_validate(repo))
    assert t.exists()


def test_cache_can_be_turned_off(repo: Path, monkeypatch):
    monkeypatch.setenv("WEIBAO_CACHE", "0")
    assert who_json(repo, "童工")["results"][0]["unit"]["id"] == "renshe"
    assert not (repo / ".weibao").exists()


def test_export_has_topics_and_glossary(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "export"])
    doc = json.loads(r.stdout)
    assert doc["topics"][0] == {"id": "family", "name": "家庭保护", "group": "六大保护", "description": None}
    assert {"words": ["网吧", "网咖", "电竞馆", "电竞酒店", "上网吧"], "terms": ["互联网上网服务营业场所"], "note": None} in doc["glossary"]["entries"]


def _index(repo: Path):
    from weibao.core.repository import Repository
    from weibao.who.index import load_index

    return load_index(Repository(repo), use_cache=False)


@pytest.mark.parametrize(
    "question,factors",
    [
        ("派出所管不管？想请法官来学校讲课", {"fayuan": 1.2}),
        ("我们检察院在办一个案子，食品安全归谁监管？", {"jianchayuan": 0.7}),
        ("我打电话给市场监管局，他们说该找别的部门", {"shichang": 0.7}),
        ("公安、检察院、法院之间衔接不顺，谁来统筹？", {}),
        ("孩子被拐走了", {}),
    ],
)
def test_unit_mentions(repo: Path, question, factors):
    from weibao.domain.text import normalize
    from weibao.who.engine import mention_factors

    ix = _index(repo)
    got = {ix["units"][ui]["id"]: f for ui, f in mention_factors(ix, normalize(question)).items()}
    assert got == factors


def test_asker_words_are_glossary_data(repo: Path):
    # the clerk can turn the asker rule off by emptying the list
    g = repo / "data" / "glossary.yaml"
    text = g.read_text(encoding="utf-8")
    g.write_text(text.replace("asker: [我们, 咱们, 我是, 我在, 我这]", "asker: []"), encoding="utf-8")
    from weibao.who.engine import mention_factors

    ix = _index(repo)
    got = {ix["units"][ui]["id"]: f for ui, f in mention_factors(ix, "我们检察院在办一个案子").items()}
    assert got == {"jianchayuan": 1.2}


def test_focus_clause(repo: Path):
    from weibao.who.engine import analyse

    q = analyse(_index(repo), "医生怀疑孩子被虐待。救治之外，这种情况应该向哪个部门报案？")
    assert q.focus == "这种情况应该向哪个部门报案"
    assert analyse(_index(repo), "孩子被拐走了").focus == ""


def test_who_asker_unit_not_first(repo: Path):
    doc = who_json(repo, "我们司法所在辖区发现一个孩子父母都在服刑，没人照顾，主要该找谁？")
    ids = [r["unit"]["id"] for r in doc["results"]]
    assert ids[0] == "minzheng"


def test_classifier_is_retrained_only_when_the_answered_questions_change(repo: Path, monkeypatch):
    from weibao.who import classifier

    trained = []
    real = classifier.train
    monkeypatch.setattr(classifier, "train", lambda ex, *rest: trained.append(len(ex)) or real(ex, *rest))
    first = who_json(repo, "童工")
    assert len(trained) == 1
    unit = repo / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "# 测试：改了单位文件\n", encoding="utf-8")
    assert who_json(repo, "童工") == first  # index rebuilt, model taken over
    assert len(trained) == 1
    assert runner.invoke(app, ["--repo", str(repo), "learn", "孩子想学马头琴", "--lead", "教体局"]).exit_code == 0
    assert len(trained) == 2 and trained[1] == trained[0] + 1
    glossary = repo / "data/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("fluff:\n", "fluff:\n  - 劳驾\n", 1), encoding="utf-8")
    who_json(repo, "童工")  # the fluff is part of what the model learns from
    assert len(trained) == 3


def test_a_small_question_base_does_not_outvote_the_duty_texts(repo: Path):
    """With few answered questions (a new office) the nearest questions vote, not a classifier that knows two units."""
    for p in (repo / "data/questions").glob("samples-*.yaml"):
        p.unlink()
    (repo / "data/questions/learned.yaml").write_text(
        "# 示例（虚构）\nquestions:\n"
        "  - q: 网吧让小孩进去\n    lead: [wenlv]\n  - q: 网吧通宵上网\n    lead: [wenlv]\n"
        "  - q: 小孩被拐卖了\n    lead: [gongan]\n  - q: 小孩被打了\n    lead: [gongan]\n", encoding="utf-8")
    doc = who_json(repo, "科技馆小孩")
    assert doc["results"][0]["unit"]["id"] == "kexie"
    assert cached(repo / ".weibao/index.json")["classifier"] is None


def test_a_damaged_model_in_the_cache_is_rebuilt_not_a_crash(repo: Path):
    first = who_json(repo, "童工")
    cache = repo / ".weibao/index.json"
    sig, _, body = cache.read_text(encoding="utf-8").partition("\n")
    doc = json.loads(body)
    doc["classifier"]["bias"] = doc["classifier"]["bias"][:-1]
    cache.write_text(sig + "\n" + json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert who_json(repo, "童工") == first
    assert len(cached(cache)["classifier"]["bias"]) == len(doc["classifier"]["classes"])


def test_a_second_matter_in_its_own_clause_brings_its_lead_unit_into_the_top_three(repo: Path):
    """As benchmarks/who_eval.py asks it: the answered question itself (and any with the same key) left out."""
    from weibao.core.repository import Repository
    from weibao.who.engine import rank
    from weibao.who.index import load_index

    index = load_index(Repository(repo))
    question = "孩子是脑瘫，一是想申请康复救助，二是孩子快七岁了该上学了，学校能不能接收？"
    key = next(e["key"] for e in index["examples"] if e["q"] == question)
    left_out = {i for i, e in enumerate(index["examples"]) if e["key"] == key}
    _, one = rank(index, question, top=3, exclude=left_out, matters=False)
    _, two = rank(index, question, top=3, exclude=left_out)
    assert "jiaoti" not in [r.unit["id"] for r in one]
    ids = [r.unit["id"] for r in two]
    assert ids[0] == one[0].unit["id"] == "canlian" and "jiaoti" in ids  # the first answer stays
    moved = next(r for r in two if r.unit["id"] == "jiaoti")
    assert moved.role == "lead" and moved.items  # shown with the duty of its clause


def test_a_question_is_at_most_2000_characters(repo: Path):
    """Issue 21: 100,000 characters took minutes; a question past the limit is refused at once (exit 2)."""
    import time

    start = time.monotonic()
    r = who(repo, "孩" * 2001)
    assert r.exit_code == 2 and "问题有 2001 个字，超过上限 2000 字" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["--repo", str(repo), "learn", "孩" * 2001, "--lead", "公安"])
    assert r.exit_code == 2 and "超过上限 2000 字" in r.output
    assert time.monotonic() - start < 10
    assert who(repo, "孩子被打了" + "，" * 1990).exit_code in (0, 1)  # at the limit: answered
