"""A question about a child being harmed always names who answers by law (data/glossary.yaml ``urgent``).

The questions here are invented samples.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from conftest import cli, codes, run_validate, who_json

from weibao.core.repository import Repository
from weibao.who.engine import rank
from weibao.who.index import load_index


def test_a_beaten_child_gets_the_police_with_the_reason_even_when_no_duty_text_matches(repo: Path):
    r = cli(repo, "who", "邻居家小孩天天被打，哭得很惨，我该找谁")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    assert "紧急：殴打、虐待、家庭暴力（问题中说到：被打）" in out
    assert "依法负责：旗公安局牵头；旗人民检察院、旗民政局、旗卫健委、旗妇联配合" in out
    assert "第十一条" in out and "110" in out
    assert "没有找到相关的职责" not in out
    doc = who_json(repo, "邻居家小孩天天被打，哭得很惨，我该找谁")
    assert [c["id"] for c in doc["urgent"]] == ["violence"]
    assert doc["urgent"][0]["matched"] == ["被打"]
    assert doc["urgent"][0]["lead"] == [{"id": "gongan", "name": "旗公安局"}]
    assert doc["results"][0]["unit"]["id"] == "gongan" and doc["results"][0]["urgent"] == "violence"


def test_a_pregnant_schoolgirl_is_a_case_of_sexual_abuse(repo: Path):
    doc = who_json(repo, "初三女生怀孕了，说是被村里一个老头欺负的")
    assert [c["id"] for c in doc["urgent"]] == ["sexual"]
    assert "gongan" in [r["unit"]["id"] for r in doc["results"]]


def test_harm_words_about_an_adult_are_not_urgent(repo: Path):
    r = cli(repo, "who", "邻居两口子吵架，男的被打了，归哪个部门管", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["urgent"] == [] and all(x["urgent"] is None for x in doc["results"])


def test_a_word_with_a_gap_matches_what_stands_between(repo: Path):
    doc = who_json(repo, "孩子被继父打得浑身是伤")
    assert [c["id"] for c in doc["urgent"]] == ["violence"] and doc["urgent"][0]["matched"] == ["被…打"]


def test_the_ranking_of_the_duty_texts_is_kept_and_the_unit_by_law_is_added(repo: Path):
    index = load_index(Repository(repo))
    plain = copy.deepcopy(index)
    plain["glossary"]["urgent"] = []
    question = "孩子在学校被老师打了，还被罚站一下午"
    _, with_urgent = rank(index, question, top=3)
    _, without = rank(plain, question, top=3)
    ids = [r.unit["id"] for r in with_urgent]
    assert ids[: len(without)] == [r.unit["id"] for r in without]  # the same order, nothing pushed out
    assert "gongan" in ids and next(r for r in with_urgent if r.unit["id"] == "gongan").urgent == "violence"


def test_the_words_are_the_clerks_to_edit(repo: Path):
    question = "孩子被他爸关进狗笼子里一整夜"
    r = cli(repo, "who", question, "--format", "json")
    assert json.loads(r.stdout)["urgent"] == []
    glossary = repo / "data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    assert "    words:\n      - 被打\n" in text
    glossary.write_text(text.replace("    words:\n      - 被打\n", "    words:\n      - 狗笼\n      - 被打\n", 1), encoding="utf-8")
    doc = who_json(repo, question)
    assert [c["id"] for c in doc["urgent"]] == ["violence"] and doc["urgent"][0]["matched"] == ["狗笼"]


def test_a_unit_that_does_not_exist_is_an_error(repo: Path):
    glossary = repo / "data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("    lead: [renshe]", "    lead: [renshe-ju]", 1), encoding="utf-8")
    assert [c[0] for c in codes(run_validate(repo))] == ["WB510"]


def test_import_keeps_the_cases_whose_units_exist_here(small_repo: Path):
    """weibao init copies the bundled cases; import-duties keeps only the units the county has (three invented ones
    in the small repository) and drops a case no local unit leads, so that the new repository validates."""
    import yaml

    cases = yaml.safe_load((small_repo / "data" / "glossary.yaml").read_text(encoding="utf-8"))["urgent"]
    assert [(c["id"], c["lead"], c.get("support")) for c in cases] == [
        ("violence", ["gongan"], ["minzheng"]), ("sexual", ["gongan"], []), ("trafficking", ["gongan"], ["minzheng"]),
        ("no-care", ["minzheng"], ["gongan"])]
    assert run_validate(small_repo) == []


def test_the_development_sets_stay_recognised_without_false_alarms(repo: Path):
    """tests/eval/urgent_dev*.yaml (each written by someone who saw neither the code, the glossary nor the other set):
    54 and 59 of their 60 urgent questions are recognised as the right case today, none of their calm ones (打疫苗,
    打零工, 课本不见了 …) is taken for urgent."""
    import yaml
    from conftest import ROOT

    from weibao.who.engine import urgent_cases

    index = load_index(Repository(repo))
    case = {"violence": "violence", "sexual": "sexual", "missing": "trafficking", "self-harm": "self-harm",
            "no-care": "no-care", "labour": "child-labour"}
    for name, least in (("urgent_dev.yaml", 54), ("urgent_dev2.yaml", 59)):
        doc = yaml.safe_load((ROOT / "tests" / "eval" / name).read_text(encoding="utf-8"))
        right = sum(case[x["kind"]] in [c["id"] for c in urgent_cases(index, x["q"])] for x in doc["urgent"])
        assert right >= least, name
        assert [x["q"] for x in doc["calm"] if urgent_cases(index, x["q"])] == [], name


def test_a_gap_in_a_word_stands_for_one_to_eight_characters_exactly():
    from weibao.who.engine import _said

    assert _said("被…打", "孩子被继父打了")
    assert _said("被…打", "被一二三四五六七八打")  # eight characters between
    assert not _said("被…打", "被一二三四五六七八九打")  # nine
    assert not _said("被…打", "孩子被打了")  # a gap is at least one character
    assert _said("被…打", "被打被人打")  # a later 被 closes the gap
    assert _said("往…车上拽", "往一辆面包车上拽")
    assert not _said("往…车上拽", "往车上拽")
    assert _said("…跑了", "孩子跑了") and not _said("…跑了", "跑了")  # a leading gap needs a character before
    assert _said("跑…", "跑了") and not _said("跑…", "跑")
    assert _said("打孩子", "总打孩子") and not _said("", "任何问题")


LEARNED = "他爷爷嫌孩子不听话，大冬天让六岁的光脚在雪地里站了半宿，脚冻紫了"  # no word of the list says it


def test_a_question_no_word_matches_is_recognised_from_the_example_questions(repo: Path):
    doc = who_json(repo, LEARNED)
    assert [c["id"] for c in doc["urgent"]] == ["violence"]
    case = doc["urgent"][0]
    assert case["matched"] == [] and case["learned"] >= -0.6
    assert "gongan" in [r["unit"]["id"] for r in doc["results"]]
    out = " ".join(cli(repo, "who", LEARNED).stdout.split())
    assert "紧急：殴打、虐待、家庭暴力（问法与这类情形的例句相近，请接线人核实）" in out
    words = who_json(repo, "邻居家小孩天天被打，哭得很惨，我该找谁")["urgent"][0]
    assert words["matched"] == ["被打"] and words["learned"] is None


def test_without_example_questions_only_the_words_count(repo: Path):
    from weibao.who.classifier import urgent_rows
    from weibao.who.engine import urgent_cases

    index = load_index(Repository(repo))
    assert index["urgent_model"] is not None and "" in index["urgent_model"]["classes"]
    assert [c["id"] for c in urgent_cases(index, LEARNED)] == ["violence"]
    bare = copy.deepcopy(index)
    bare["urgent_model"] = None
    assert urgent_cases(bare, LEARNED) == []
    glossary = copy.deepcopy(index["glossary"])
    for case in glossary["urgent"]:
        case["examples"] = []
    assert urgent_rows(glossary, ["任何问题"], lambda q: "") == ([], [])


def test_the_model_learns_the_answered_questions_as_their_words_say(repo: Path):
    from weibao.who.classifier import urgent_rows

    glossary = {"urgent": [{"id": "violence", "examples": ["例句一"]}], "calm_examples": ["反例"]}
    texts, labels = urgent_rows(glossary, ["孩子被打了", "网吧"], lambda q: "violence" if "打" in q else "")
    assert texts == ["例句一", "反例", "孩子被打了", "网吧"]
    assert labels == [["violence"], [""], ["violence"], [""]]


def test_an_adult_in_a_question_like_the_examples_is_not_urgent(repo: Path):
    r = cli(repo, "who", "邻居家男的喝了酒就拿皮带抽他媳妇，抽得满身是印子", "--format", "json")
    assert json.loads(r.stdout)["urgent"] == []
