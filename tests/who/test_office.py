"""Questions about the office's own rules are answered by the office (data/office.yaml), shown as its host unit.

The questions here are invented samples.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli, codes, run_validate, who_json

from weibao.core.repository import Repository
from weibao.who.engine import office_clauses, rank
from weibao.who.index import load_index


def test_a_new_liaison_is_filed_with_the_office_quoting_the_rule(repo: Path):
    doc = who_json(repo, "我们单位联络员换人了，名单报给谁备案")
    first = doc["results"][0]
    assert first["unit"] == {"id": "minzheng", "name": "旗民政局"}  # a real unit id: scripts keep working
    assert first["role"] == "lead" and first["role_zh"] == "牵头"
    office = first["office"]
    assert office["short_name"] == "旗未保办" and office["host"]["id"] == "minzheng" and office["host"]["division"] == "社会福利股"
    assert [c["id"] for c in office["clauses"]] == ["personnel-filing"]
    clause = office["clauses"][0]
    assert clause["section"] == 2 and clause["text"].endswith("由所在单位将变更人员名单函告旗未保办备案。")
    assert doc["office"] == office
    assert all(r["office"] is None for r in doc["results"][1:])


def test_supervising_a_vicious_case_is_the_offices_even_when_the_police_would_investigate(repo: Path):
    doc = who_json(repo, "出了虐童的恶性案件，谁负责挂牌督办")
    assert doc["results"][0]["unit"]["id"] == "minzheng"
    assert [c["id"] for c in doc["results"][0]["office"]["clauses"]] == ["duty-3", "supervision"]
    # only investigating it is not a question about the office: no office answer
    other = who_json(repo, "发生了侵害孩子的恶性案件，该由哪个部门侦查")
    assert other["office"] is None and other["results"][0]["unit"]["id"] != "minzheng"


def test_the_supervision_commissioner_and_the_meetings(repo: Path):
    idx = load_index(Repository(repo))
    assert [c["id"] for c in office_clauses(idx, "未成年人权益保护督查专员在哪个单位")] == ["supervision"]
    assert [c["id"] for c in office_clauses(idx, "主任办公会由谁主持")] == ["director-meeting"]
    assert [c["id"] for c in office_clauses(idx, "成员单位要给领导小组报送文件，走什么程序")] == ["doc-member-submissions"]
    assert office_clauses(idx, "网吧让初中生通宵上网") == []
    _, results = rank(idx, "旗未保办的文件由谁签发", top=3)
    assert results[0].unit["id"] == "minzheng" and [c["id"] for c in results[0].office] == ["doc-signing"]


def test_the_text_answer_names_the_office_its_host_and_the_clause(repo: Path):
    r = cli(repo, "who", "联络员调整了向哪里备案", "--top", "2")
    assert r.exit_code == 0, r.output
    out = "".join(r.stdout.split())
    assert "1.旗未保办（设在旗民政局，社会福利股承办日常工作）牵头" in out
    assert "personnel-filing办公室成员、联络员因工作变动需要调整的" in out
    assert "（工作规则第二条，奈政办字〔2022〕40号：人员变更函告备案）" in out


def test_the_office_comes_from_the_settings_host(repo: Path):
    settings = repo / "data" / "weibao.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("host_unit: minzheng", "host_unit: fulian"), encoding="utf-8")
    doc = who_json(repo, "我们单位联络员换人了，名单报给谁备案")
    assert doc["results"][0]["unit"]["id"] == "fulian" and doc["office"]["host"]["name"] == "旗妇联"


def test_a_cue_quoting_a_clause_that_does_not_exist_is_an_error(repo: Path):
    glossary = repo / "data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    assert "    clauses: [personnel-filing]\n" in text
    glossary.write_text(text.replace("    clauses: [personnel-filing]\n", "    clauses: [personnel-filling]\n", 1), encoding="utf-8")
    diags = run_validate(repo)
    d = diags[0]
    assert codes(diags) == [("WB511", "data/glossary.yaml", d.line)]
    assert d.path == "data/glossary.yaml" and "“personnel-filling”不存在" in d.message and "personnel-filing" in (d.hint or "")
    line = glossary.read_text(encoding="utf-8").split("\n")[d.line - 1]
    assert "personnel-filling" in line and d.column == line.index("personnel-filling") + 1


def test_without_the_office_file_the_units_answer(repo: Path):
    (repo / "data" / "office.yaml").unlink()
    r = cli(repo, "who", "我们单位联络员换人了，名单报给谁备案", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["office"] is None and all(x["office"] is None for x in doc["results"])
    assert r.exit_code == (0 if doc["results"] else 1)

