"""Cross-record rules: each has a failing case asserting code, file and line (the bundled data is the passing case)."""

from __future__ import annotations

from pathlib import Path

from conftest import codes, run_validate


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> Path:
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, count), encoding="utf-8")
    return p


def line_of(root: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_bundled_data_passes_all_rules():
    from conftest import ROOT

    assert run_validate(ROOT) == []


def test_wb303_unknown_rule(repo: Path):
    edit(repo, "data/weibao.yaml", "signing_rule: doc-signing", "signing_rule: doc-signin")
    diags = run_validate(repo)
    assert codes(diags) == [("WB303", "data/weibao.yaml", line_of(repo, "data/weibao.yaml", "signing_rule"))]
    assert diags[0].hint == "是否想写“doc-signing”？"
    assert diags[0].column == 19


def test_wb304_unknown_person(repo: Path):
    edit(repo, "data/office.yaml", "commissioner_person: null", "commissioner_person: nobody")
    assert codes(run_validate(repo)) == [("WB304", "data/office.yaml", line_of(repo, "data/office.yaml", "commissioner_person"))]


PERSON = """office_member:
  id: sample-person-1
  name: 示例人员（测试样例，非真实人员）
  unit: {unit}
  post: 示例职务
{filed}liaison: null
"""


def _set_member(repo: Path, unit: str, filed: str) -> None:
    edit(repo, "data/units/gongan.yaml", "office_member: null\nliaison: null\n", PERSON.format(unit=unit, filed=filed))


def test_person_slot_ok(repo: Path):
    _set_member(repo, "gongan", "  filed_on: 2026-01-05\n")
    assert run_validate(repo) == []


def test_wb404_person_in_wrong_unit(repo: Path):
    _set_member(repo, "minzheng", "  filed_on: 2026-01-05\n")
    line = line_of(repo, "data/units/gongan.yaml", "unit: minzheng")
    assert codes(run_validate(repo)) == [("WB404", "data/units/gongan.yaml", line)]


def test_wb405_not_filed_is_warning(repo: Path):
    _set_member(repo, "gongan", "")
    diags = run_validate(repo)
    line = line_of(repo, "data/units/gongan.yaml", "id: sample-person-1")
    assert codes(diags) == [("WB405", "data/units/gongan.yaml", line)]
    assert diags[0].severity == "warning"


def test_wb403_too_many_directors(repo: Path):
    people = "holders:\n      - id: sample-a\n        name: 样例甲（测试）\n      - id: sample-b\n        name: 样例乙（测试）\n"
    edit(repo, "data/office.yaml", "holders: []", people)
    line = line_of(repo, "data/office.yaml", "- id: sample-a")
    assert codes(run_validate(repo)) == [("WB403", "data/office.yaml", line)]


def test_wb406_rule_source_not_verbatim(repo: Path):
    edit(repo, "data/office.yaml", "source: 本规则自印发之日起施行。", "source: 本规则自发布之日起施行。")
    line = line_of(repo, "data/office.yaml", "source: 本规则自发布之日起施行。")
    assert codes(run_validate(repo)) == [("WB406", "data/office.yaml", line)]


def test_wb406_rule_cites_missing_section(repo: Path):
    p = repo / "data/office.yaml"
    text = p.read_text(encoding="utf-8")
    i = text.index("  - id: effect\n")
    p.write_text(text[:i] + text[i:].replace("section: 9", "section: 10", 1), encoding="utf-8")
    line = line_of(repo, "data/office.yaml", "section: 10")
    assert codes(run_validate(repo)) == [("WB406", "data/office.yaml", line)]


def test_wb407_role_word_without_role(repo: Path):
    edit(repo, "data/units/gongan.yaml", "    role: lead\n    role_basis: 负责\n", "")
    line = line_of(repo, "data/units/gongan.yaml", "- id: gongan-1")
    diags = run_validate(repo)
    assert codes(diags) == [("WB407", "data/units/gongan.yaml", line)]
    assert "role: lead" in diags[0].hint


def test_wb407_not_silenced_by_note(repo: Path):
    """The role is decided by the text (domain/roles.py), not waived by a note: words that state no role go into
    role_words.exclude instead."""
    edit(repo, "data/units/gongan.yaml", "    role: lead\n    role_basis: 负责\n", "    note: 此处“负责”指办理案件，不表示牵头（测试）\n")
    line = line_of(repo, "data/units/gongan.yaml", "- id: gongan-1")
    assert codes(run_validate(repo)) == [("WB407", "data/units/gongan.yaml", line)]


def test_wb402_item_not_split_at_sentence_end(repo: Path):
    edit(repo, "data/units/gongan.yaml", "text: 确定专门机构或者指定专门人员负责办理涉及未成年人案件。", "text: 确定专门机构或者指定专门人员负责办理涉及未成年人案件")
    line = line_of(repo, "data/units/gongan.yaml", "text: 确定专门机构")
    diags = run_validate(repo)
    assert codes(diags) == [("WB402", "data/units/gongan.yaml", line)]
    assert diags[0].column == 11


def test_wb408_prefix_with_brackets(repo: Path):
    edit(repo, "data/weibao.yaml", "prefix: 奈政办字", "prefix: 奈政办字〔〕")
    assert codes(run_validate(repo)) == [
        # the founding notice's number now uses a prefix that is not registered
        ("WB608", "data/documents/2022/zhengban-2022-40.yaml", line_of(repo, "data/documents/2022/zhengban-2022-40.yaml", "number:")),
        ("WB408", "data/weibao.yaml", line_of(repo, "data/weibao.yaml", "prefix: 奈政办字")),
    ]


def test_wb305_gap_in_order(repo: Path):
    edit(repo, "data/units/guangongwei.yaml", "order: 29", "order: 31")
    assert codes(run_validate(repo)) == [("WB305", "data/units/guangongwei.yaml", line_of(repo, "data/units/guangongwei.yaml", "order: 31"))] * 2


def test_wb302_position_unit(repo: Path):
    edit(repo, "data/office.yaml", "unit: minzheng", "unit: minzhen")
    diags = run_validate(repo)
    assert codes(diags) == [("WB302", "data/office.yaml", line_of(repo, "data/office.yaml", "unit: minzhen"))]
    assert diags[0].hint == "是否想写“minzheng”？"
