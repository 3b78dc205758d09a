"""The one decision of a duty's role (domain/roles.py), on a table of sentences; and every user of it agreeing:
validate, import-duties, who, matrix, the report and the export (docs/roles.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.domain.roles import LEAD, SUPPORT, clauses, item_role, phrase_role
from weibao.model.settings import RoleWords

register()
runner = CliRunner()
WORDS = RoleWords()
GONGAN_2 = ("依法打击利用未成年人实施的违法犯罪活动，依法查处违法犯罪未成年人，预防和制止侵害未成年人合法权益的违法犯罪行为，"
            "深入开展“打拐”专项行动，会同有关部门指导学校、幼儿园、各类婴幼儿照护服务机构完善人防、物防、技防措施，加强校园安全管理。")

# (duty text, the item's role, its basis): the basis is the word that decided, none for the unit's own duty
ITEMS = [
    ("配合公安机关开展专项行动，牵头做好宣传工作。", LEAD, "牵头"),  # clauses differ: the item leads
    (GONGAN_2, LEAD, "会同"),  # 打拐 is the unit's own duty; 会同 leads too
    ("配合有关部门做好校园周边环境治理。", SUPPORT, "配合"),
    ("协助政府部门和司法机关维护未成年人合法权益。", SUPPORT, "协助"),
    ("支持民政等有关部门做好临时监护工作，支持民政等有关部门引导社会力量提供专业服务。", SUPPORT, "支持民政"),
    ("支持相关组织和个人履行代未成年人起诉职责。", SUPPORT, "支持相关"),
    ("负责控辍保学工作，督促学校落实安全管理制度。", LEAD, "负责"),
    ("督促指导乡镇设立未成年人保护工作站。", LEAD, "督促指导"),
    ("会同有关部门做好残疾儿童康复服务机构监管工作。", LEAD, "会同"),
    ("加强未成年人网络素养宣传教育；", LEAD, None),  # no role word: the unit's own duty
    ("深入推进未成年人检察社会支持体系建设，推进未成年人全面综合司法保护。", LEAD, None),  # 支持 here names a system, no one supported
    ("支持学校文化体育设施向未成年人免费开放。", LEAD, None),  # what is supported is not another body
    ("督促单位负责人落实安全责任。", LEAD, None),  # 负责人 is excluded: it states no role
    ("配合有关部门做好流浪乞讨人员救助管理，会同有关部门做好残疾儿童教育工作。", LEAD, "会同"),
]


@pytest.mark.parametrize("text,role,basis", ITEMS, ids=[t[:12] for t, _r, _b in ITEMS])
def test_item_role(text: str, role: str, basis: str | None):
    assert item_role(text, WORDS) == (role, basis)


def test_each_clause_has_its_own_role():
    text = "配合公安机关开展专项行动，牵头做好宣传工作。"
    assert [(text[c.start:c.end], c.role, c.word) for c in clauses(text, WORDS)] == [
        ("配合公安机关开展专项行动", SUPPORT, "配合"), ("牵头做好宣传工作", LEAD, "牵头")]
    assert phrase_role(text, "专项行动", WORDS) == (SUPPORT, "配合")
    assert phrase_role(text, "宣传", WORDS) == (LEAD, "牵头")
    assert phrase_role(GONGAN_2, "打拐", WORDS) == (LEAD, None)
    assert phrase_role(text, "不在原文中", WORDS) == (None, None)


def test_a_task_assigned_in_brackets_gives_each_unit_its_clause():
    bracket = "县妇儿工委牵头，县民政局、县教育局配合"
    task = "建立健全未成年人保护工作协调机制。"
    assert item_role(task, WORDS, assignment=bracket, names=["县妇儿工委"]) == (LEAD, "牵头")
    assert item_role(task, WORDS, assignment=bracket, names=["县民政局"]) == (SUPPORT, "配合")
    assert item_role(task, WORDS, assignment="县教育局、县公安局按照职责分工负责", names=["县公安局"]) == (LEAD, "按照职责分工负责")
    assert item_role(task, WORDS, assignment="县民政局牵头，县财政局参与", names=["县财政局"]) == (SUPPORT, "参与")
    assert phrase_role(task, "协调机制", WORDS, assignment=bracket, names=["县教育局"]) == (SUPPORT, "配合")


def test_the_table_is_the_repositorys():
    words = RoleWords(lead=["牵头"], support=["配合"], exclude=[])
    assert item_role("会同有关部门做好监管工作。", words) == (LEAD, None)  # 会同 is no word of this table
    assert item_role("负责人落实，配合做好。", RoleWords(exclude=[])) == (LEAD, "负责")


# -- every user agrees ------------------------------------------------------------------------------------------

SENTENCE = "配合公安机关开展专项行动，牵头做好宣传工作。"


@pytest.fixture
def mixed(small_repo: Path) -> Path:
    """The small repository with 县民政局's second item replaced by the sentence whose clauses differ."""
    p = small_repo / "data/units/minzheng.yaml"
    text = p.read_text(encoding="utf-8")
    assert "配合有关部门做好宣传工作。" in text
    p.write_text(text.replace("配合有关部门做好宣传工作。", SENTENCE).replace("role: support, role_basis: 配合", "role: lead, role_basis: 牵头"),
                 encoding="utf-8")
    return small_repo


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def test_validate_import_who_matrix_report_and_export_agree(mixed: Path, tmp_path: Path):
    assert cli(mixed, "validate").exit_code == 0  # the stored role is the decided one
    # validate: a wrong stored role is an error naming the right one
    p = mixed / "data/units/minzheng.yaml"
    good = p.read_text(encoding="utf-8")
    p.write_text(good.replace("role: lead, role_basis: 牵头", "role: support, role_basis: 配合"), encoding="utf-8")
    r = cli(mixed, "validate")
    assert r.exit_code == 1 and "[WB417]" in r.output and "按原文应为牵头（依据“牵头”）" in r.output
    p.write_text(good, encoding="utf-8")
    # import-duties writes the same role
    target = tmp_path / "county"
    assert runner.invoke(app, ["init", str(target), "--region", "某某县"]).exit_code == 0
    src = tmp_path / "d.txt"
    src.write_text(f"职责如下：\n一、县民政局\n{SENTENCE}\n", encoding="utf-8")
    assert cli(target, "import-duties", str(src)).exit_code == 0
    imported = (target / "data/units/minzheng.yaml").read_text(encoding="utf-8")
    assert "role: lead, role_basis: 牵头" in imported
    # who: the clause the matter stands in
    doc = json.loads(cli(mixed, "who", "开展专项行动", "--format", "json").stdout)
    assert next(x for x in doc["results"] if x["unit"]["id"] == "minzheng")["role"] == "support"
    doc = json.loads(cli(mixed, "who", "宣传工作", "--format", "json").stdout)
    assert next(x for x in doc["results"] if x["unit"]["id"] == "minzheng")["role"] == "lead"
    # export, report: the item leads
    export = json.loads(cli(mixed, "export", "--format", "json").stdout)
    minzheng = next(u for u in export["units"] if u["id"] == "minzheng")
    assert [(d["id"], d["role"], d["role_basis"]) for d in minzheng["duties"]] == [("minzheng-1", "lead", "负责"), ("minzheng-2", "lead", "牵头")]
    assert minzheng["role_summary"] == {"lead": ["minzheng-1", "minzheng-2"], "support": []}
    r = cli(mixed, "report", "--as-of", "2026-06-01", "--out", str(tmp_path / "rep"))
    assert r.exit_code == 0, r.output
    rep = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert next(u for u in rep["units"] if u["id"] == "minzheng")["lead_duties"] == 2


def test_the_bundled_division_leads_where_the_issue_found_it_did_not(repo: Path):
    """gongan-2 leads 打拐; 网络保护 has lead units; 残联 and 文旅局, whom who calls 牵头, lead duties in the report."""
    r = runner.invoke(app, ["--repo", str(repo), "matrix", "--format", "csv"])
    rows = {row.split(",")[0].lstrip("\ufeff"): row.split(",") for row in r.stdout.strip().split("\n")}
    header = rows["主题"]
    network = dict(zip(header, rows["网络保护"]))
    assert network["旗委网信办"] == "牵头"
    crime = dict(zip(header, rows["预防犯罪和打击侵害"]))
    assert crime["旗公安局"] == "牵头"
    r = runner.invoke(app, ["--repo", str(repo), "report", "--as-of", "2026-06-01", "--out", str(repo / "rep")])
    rep = json.loads((repo / "rep" / "report.json").read_text(encoding="utf-8"))
    leads = {u["id"]: u["lead_duties"] for u in rep["units"]}
    assert leads["canlian"] > 0 and leads["wenlv"] > 0 and leads["gongan"] == 2
