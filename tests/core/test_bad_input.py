"""Bad input: every kind of damage to a data repository becomes a coded finding.

Each test copies the bundled repository (the ``repo`` fixture), damages ONE
file, validates, and asserts the exact code, repo-relative path and line (and
column where it means something) of the expected finding.  Expected line
numbers are computed from the text the test writes — the bundled data is
edited by locating the exact line to change, so the tests follow the data if
lines are added above.  No exception may escape ``validate``.
"""

from __future__ import annotations

import json
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import codes, run_validate
from typer.testing import CliRunner

from weibao.diagnostics import CODES

UNIT = "data/units/gongan.yaml"
SETTINGS = "data/weibao.yaml"
OFFICE = "data/office.yaml"


# ---------------------------------------------------------------- helpers


def validate_ok(root: Path):
    """run_validate, but an escaping exception is a test failure with its traceback."""
    try:
        diags = run_validate(root)
    except Exception:  # pragma: no cover - only on a library bug
        pytest.fail("validate raised instead of reporting a diagnostic:\n" + traceback.format_exc())
    for d in diags:
        assert d.code in CODES, d
        assert d.severity == CODES[d.code].severity, d
        assert d.line is None or d.line >= 1, d
        assert d.column is None or d.column >= 1, d
    return diags


def find(diags, code: str, path: str, line: int | None, column: int | None = ...):
    """The diagnostic with this code, path and line (and column, if given)."""
    hits = [d for d in diags if (d.code, d.path, d.line) == (code, path, line)]
    assert hits, f"expected {(code, path, line)} in {codes(diags)}"
    if column is not ...:
        assert column in [d.column for d in hits], f"expected column {column}, got {[d.column for d in hits]}"
        hits = [d for d in hits if d.column == column]
    return hits[0]


def read(repo: Path, rel: str) -> str:
    return (repo / rel).read_text(encoding="utf-8")


def write(repo: Path, rel: str, text: str | bytes) -> None:
    p = repo / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_bytes(text.encode("utf-8"))


def line_index(lines: list[str], old: str, startswith: bool = False) -> int:
    for i, line in enumerate(lines):
        if line == old or (startswith and line.startswith(old)):
            return i
    raise AssertionError(f"line {old!r} not found; has the bundled data changed?")


def replace_line(repo: Path, rel: str, old: str, new: str, startswith: bool = False) -> int:
    """Replace the first line equal to (or starting with) ``old``; return its 1-based number."""
    lines = read(repo, rel).split("\n")
    i = line_index(lines, old, startswith)
    lines[i : i + 1] = new.split("\n")
    write(repo, rel, "\n".join(lines))
    return i + 1


def insert_after(repo: Path, rel: str, anchor: str, new: str) -> int:
    """Insert ``new`` after the first line equal to ``anchor``; return the number of the first new line."""
    lines = read(repo, rel).split("\n")
    i = line_index(lines, anchor) + 1
    lines[i:i] = new.split("\n")
    write(repo, rel, "\n".join(lines))
    return i + 1


def line_of(repo: Path, rel: str, text: str, startswith: bool = False) -> int:
    return line_index(read(repo, rel).split("\n"), text, startswith) + 1


def eof_line(text: str) -> int:
    """The line libyaml reports for 'end of stream' (one past the last newline)."""
    return text.count("\n") + 1


def test_pristine_copy_is_clean(repo):
    """Baseline: the undamaged copy validates without any finding."""
    assert validate_ok(repo) == []


# ------------------------------------------------- one damaged file each


@dataclass
class Expect:
    code: str
    path: str
    line: int | None
    column: int | None = ...  # type: ignore[assignment]
    hint: str | None = None  # substring the hint must contain
    message: str | None = None  # substring the message must contain
    field: str | None = None


CASES: list[tuple[str, Callable[[Path], Expect | list[Expect]]]] = []


def case(fn: Callable[[Path], Expect | list[Expect]]):
    CASES.append((fn.__name__, fn))
    return fn


# --- YAML syntax (WB101/WB102)


@case
def unclosed_double_quote(repo):
    n = replace_line(repo, UNIT, "full_name: 奈曼旗公安局", 'full_name: "奈曼旗公安局')
    # libyaml notices at the end of the stream; the report points at the opening quote.
    return Expect("WB101", UNIT, n, len("full_name: ") + 1, hint="引号", message="引号")


@case
def unclosed_single_quote(repo):
    n = replace_line(repo, SETTINGS, "  name: 奈曼旗", "  name: '奈曼旗")
    return Expect("WB101", SETTINGS, n, len("  name: ") + 1, hint="引号")


@case
def unclosed_flow_sequence(repo):
    n = replace_line(repo, UNIT, "full_name: 奈曼旗公安局", "full_name: [奈曼旗公安局")
    # the next line "order: 7" is where the scanner gives up: at its colon
    return Expect("WB101", UNIT, n + 1, len("order:"), message="方括号")


@case
def bad_indentation_in_list_item(repo):
    n = replace_line(repo, UNIT, "    role: lead", "   role: lead")  # 3 spaces instead of 4
    return Expect("WB101", UNIT, n, 4, message="缩进")


@case
def bad_indentation_key_indented(repo):
    n = replace_line(repo, UNIT, "full_name: 奈曼旗公安局", "  full_name: 奈曼旗公安局")
    return Expect("WB101", UNIT, n, len("  full_name:"), message="键: 值")


@case
def tab_indented_line(repo):
    n = replace_line(repo, UNIT, "    role: lead", "\trole: lead")
    return Expect("WB102", UNIT, n, 1, hint="空格")


@case
def tab_after_spaces(repo):
    n = replace_line(repo, UNIT, "    role: lead", "  \t  role: lead")
    return Expect("WB102", UNIT, n, 3)


@case
def tab_indented_nested_mapping(repo):
    n = replace_line(repo, SETTINGS, "  level: 旗", "\tlevel: 旗")
    return Expect("WB102", SETTINGS, n, 1)


# --- YAML structure the loader refuses (WB103–WB108)


@case
def duplicate_top_level_key(repo):
    first = line_of(repo, UNIT, "name: 旗公安局")
    n = insert_after(repo, UNIT, "kind: 政府部门", "name: 公安局")
    return Expect("WB103", UNIT, n, 1, message=f"第一次在第 {first} 行")


@case
def duplicate_nested_key(repo):
    first = line_of(repo, UNIT, "    role: lead")
    n = insert_after(repo, UNIT, "    role: lead", "    role: support")
    return Expect("WB103", UNIT, n, 5, message=f"第一次在第 {first} 行")


@case
def duplicate_key_in_flow_mapping(repo):
    n = replace_line(repo, UNIT, "office_member: null", "office_member: {id: a, name: 甲, id: b}")
    return Expect("WB103", UNIT, n, len("office_member: {id: a, name: 甲, ") + 1)


@case
def second_yaml_document(repo):
    text = read(repo, UNIT)
    assert text.endswith("\n")
    write(repo, UNIT, text + "---\nid: gongan-2\n")
    return Expect("WB105", UNIT, eof_line(text), 1)


@case
def anchor_and_alias(repo):
    n = replace_line(repo, UNIT, "liaison: null", "liaison: &p {id: a, name: 甲}")
    return Expect("WB104", UNIT, n, len("liaison: ") + 1, message="&p")


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system {}",
        '!!python/object/apply:os.system ["echo pwned"]',
        "!!python/name:os.system ''",
        "!!python/object/new:subprocess.Popen [[id]]",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!local 甲",
    ],
)
def test_unsupported_tag(repo, value):
    n = replace_line(repo, UNIT, "office_member: null", f"office_member: {value}")
    diags = validate_ok(repo)
    d = find(diags, "WB107", UNIT, n, len("office_member: ") + 1)
    assert d.severity == "error"


@case
def complex_key_explicit(repo):
    n = insert_after(repo, UNIT, "kind: 政府部门", "? [a, b]\n: c")
    return Expect("WB108", UNIT, n, 3)


@case
def complex_key_flow_mapping(repo):
    n = insert_after(repo, UNIT, "kind: 政府部门", "{a: 1}: c")
    return Expect("WB108", UNIT, n, 1)


@case
def empty_key(repo):
    n = insert_after(repo, UNIT, "kind: 政府部门", '"": c')
    return Expect("WB108", UNIT, n, 1, message="为空")


@case
def nesting_too_deep(repo):
    n = replace_line(repo, UNIT, "liaison: null", "liaison: " + "[" * 80 + "]" * 80)
    # the 65th nested sequence is too deep: it sits at column 10 + 64
    return Expect("WB106", UNIT, n, len("liaison: ") + 65)


# --- reading the file (WB004–WB007, WB010)


@case
def nul_bytes(repo):
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"
    write(repo, UNIT, raw)
    return Expect("WB005", UNIT, 3, 1)  # lines end at each \n: "\x89PNG\r", "\x1a", then NUL


@case
def nul_byte_in_text(repo):
    n = line_of(repo, UNIT, "id: gongan")
    raw = read(repo, UNIT).replace("id: gongan", "id: gon\x00gan", 1).encode("utf-8")
    write(repo, UNIT, raw)
    return Expect("WB005", UNIT, n, len("id: gon") + 1)


@case
def gbk_encoded_file(repo):
    text = read(repo, UNIT)
    assert text.split("\n")[1].startswith("# 成员单位")  # after the schema modeline
    write(repo, UNIT, text.encode("gbk"))
    return Expect("WB006", UNIT, 2, 3, hint="GBK")


@case
def gbk_encoded_single_line(repo):
    # a UTF-8 file into which one GBK line was pasted
    text = read(repo, UNIT)
    n = line_of(repo, UNIT, "full_name: 奈曼旗公安局")
    raw = text.encode("utf-8").replace("full_name: 奈曼旗公安局".encode(), "full_name: 奈曼旗公安局".encode("gbk"))
    write(repo, UNIT, raw)
    # the file as a whole is neither UTF-8 nor GBK, so only the byte is named, not the encoding
    return Expect("WB006", UNIT, n, len("full_name: ") + 1, message=f"第 {n} 行", hint="UTF-8")


@case
def latin1_not_gbk(repo):
    write(repo, UNIT, b"id: gongan\nname: caf\xe9\n")  # 0xE9 + "\n" is not GBK either
    return Expect("WB006", UNIT, 2, len("name: caf") + 1, message="0xE9")


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n", b"   \n\t\n", b"# only a comment\n# and another\n", b"~\n", b"---\n", b"--- # c\n...\n"],
    ids=["empty", "newlines", "whitespace", "comments-only", "null", "bare-document-start", "explicit-empty-doc"],
)
def test_empty_file(repo, content):
    write(repo, UNIT, content)
    diags = validate_ok(repo)
    find(diags, "WB007", UNIT, 1, 1)
    assert all(d.code == "WB007" for d in diags if d.path == UNIT)


@case
def bom_file_is_warning_only(repo):
    write(repo, UNIT, b"\xef\xbb\xbf" + (repo / UNIT).read_bytes())
    return Expect("WB010", UNIT, 1, 1, hint="BOM")


def test_bom_file_otherwise_valid(repo):
    write(repo, UNIT, b"\xef\xbb\xbf" + (repo / UNIT).read_bytes())
    diags = validate_ok(repo)
    assert [(d.code, d.path, d.line, d.severity) for d in diags] == [("WB010", UNIT, 1, "warning")]


def test_huge_file_not_read(repo):
    """A 50 MB file is refused by its size, without being read (sparse, so it costs nothing)."""
    p = repo / UNIT
    with p.open("wb") as f:
        f.write(b"id: gongan\n")
        f.truncate(50 * 1024 * 1024)
    assert p.stat().st_size == 50 * 1024 * 1024
    t0 = time.perf_counter()
    diags = validate_ok(repo)
    assert time.perf_counter() - t0 < 5
    d = find(diags, "WB004", UNIT, None)
    assert "50.0 MB" in d.message
    assert [x for x in diags if x.path == UNIT] == [d]


def test_billion_laughs_is_rejected_fast(repo):
    lol = ", ".join(['"lol"'] * 9)
    lines = ["id: gongan", f"a: &a [{lol}]"]
    prev = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    text = "\n".join(lines) + "\n"  # 9**9 ≈ 387 million "lol"s if expanded
    write(repo, UNIT, text)
    t0 = time.perf_counter()
    diags = validate_ok(repo)
    elapsed = time.perf_counter() - t0
    find(diags, "WB104", UNIT, 2, len("a: ") + 1)
    assert elapsed < 2.0, elapsed


# --- top-level shape and schema (WB201–WB207)


@case
def top_level_list(repo):
    write(repo, UNIT, "# 成员单位：旗公安局\n- id: gongan\n- name: 旗公安局\n")
    return Expect("WB201", UNIT, 2, 1, message="列表")


@case
def top_level_scalar(repo):
    write(repo, UNIT, "\n旗公安局\n")
    return Expect("WB201", UNIT, 2, 1)


@case
def unknown_field_typo(repo):
    n = replace_line(repo, UNIT, "full_name: 奈曼旗公安局", "ful_name: 奈曼旗公安局")
    return Expect("WB202", UNIT, n, 1, hint="full_name", message="ful_name", field="ful_name")


@case
def unknown_field_makes_required_missing(repo):
    replace_line(repo, UNIT, "full_name: 奈曼旗公安局", "ful_name: 奈曼旗公安局")
    # the missing field is reported at the mapping that lacks it: its first key
    return Expect("WB203", UNIT, line_of(repo, UNIT, "id: gongan"), 1, field="full_name")


@case
def unknown_nested_field(repo):
    n = replace_line(repo, UNIT, "    role_basis: 负责", "    role_bassis: 负责")
    return Expect("WB202", UNIT, n, 5, hint="role_basis", field="duties[0].role_bassis")


@case
def missing_required_field(repo):
    replace_line(repo, UNIT, "kind: 政府部门", "# kind 被删掉了")
    return Expect("WB203", UNIT, line_of(repo, UNIT, "id: gongan"), 1, field="kind")


@case
def missing_nested_required_field(repo):
    n = line_of(repo, UNIT, "  - id: gongan-1")
    replace_line(repo, UNIT, "    text: 确定专门机构或者指定专门人员负责办理涉及未成年人案件。", "    note: 原文缺失")
    return Expect("WB203", UNIT, n, 5, field="duties[0].text")


@case
def empty_duties_list(repo):
    n = line_of(repo, UNIT, "duties:")
    lines = read(repo, UNIT).split("\n")
    start = n - 1
    end = line_index(lines, "# 办公室成员：由本单位具体负责同志担任；联络员：由本单位相关科室负责同志担任。")
    lines[start:end] = ["duties: []"]
    write(repo, UNIT, "\n".join(lines))
    return Expect("WB203", UNIT, n, len("duties: ") + 1, field="duties")


@case
def wrong_type_chinese_numeral(repo):
    n = replace_line(repo, UNIT, "order: 7", 'order: "一"')
    return Expect("WB204", UNIT, n, len("order: ") + 1, message="整数", field="order")


@case
def wrong_type_number_for_text(repo):
    n = replace_line(repo, UNIT, "name: 旗公安局", "name: 110")
    return Expect("WB204", UNIT, n, len("name: ") + 1, hint="引号", field="name")


@case
def wrong_type_text_for_list(repo):
    lines = read(repo, UNIT).split("\n")
    start = line_index(lines, "duties:")
    end = line_index(lines, "# 办公室成员：由本单位具体负责同志担任；联络员：由本单位相关科室负责同志担任。")
    lines[start:end] = ["duties: 确定专门机构或者指定专门人员负责办理涉及未成年人案件。"]
    write(repo, UNIT, "\n".join(lines))
    return Expect("WB204", UNIT, start + 1, len("duties: ") + 1, message="列表")


@case
def wrong_type_list_for_mapping(repo):
    n = replace_line(repo, UNIT, "office_member: null", "office_member: [张三]")
    return Expect("WB204", UNIT, n, len("office_member: ") + 1, field="office_member")


@case
def bad_enum_kind(repo):
    n = replace_line(repo, UNIT, "kind: 政府部门", "kind: 政府机关")
    return Expect("WB205", UNIT, n, len("kind: ") + 1, hint="政府部门", field="kind")


@case
def bad_enum_role(repo):
    n = replace_line(repo, UNIT, "    role: lead", "    role: 牵头")
    return Expect("WB205", UNIT, n, len("    role: ") + 1, field="duties[0].role")


@case
def impossible_date(repo):
    n = replace_line(repo, SETTINGS, "  date: 2022-05-30", "  date: 2022-02-30")
    return Expect("WB206", SETTINGS, n, len("  date: ") + 1, message="2022-02-30", field="founding_document.date")


@case
def date_not_iso(repo):
    n = replace_line(repo, SETTINGS, "  date: 2022-05-30", "  date: 2022年5月30日")
    return Expect("WB206", SETTINGS, n, len("  date: ") + 1)


@case
def impossible_month_in_office(repo):
    n = replace_line(repo, OFFICE, "effective: 2022-05-30", "effective: 2022-13-01", startswith=True)
    return Expect("WB206", OFFICE, n, len("effective: ") + 1, field="effective")


@case
def bad_id_uppercase(repo):
    n = replace_line(repo, UNIT, "id: gongan", "id: GongAn")
    return Expect("WB207", UNIT, n, len("id: ") + 1, hint="小写", field="id")


@case
def bad_nested_id(repo):
    n = replace_line(repo, UNIT, "  - id: gongan-1", "  - id: gongan_1")
    return Expect("WB207", UNIT, n, len("  - id: ") + 1, field="duties[0].id")


@case
def order_out_of_range(repo):
    n = replace_line(repo, UNIT, "order: 7", "order: 0")
    return Expect("WB207", UNIT, n, len("order: ") + 1, field="order")


# --- across records (WB301–WB306, WB401)


@case
def duplicate_unit_id_across_files(repo):
    first = line_of(repo, UNIT, "id: gongan")
    n = replace_line(repo, "data/units/zhujian.yaml", "id: zhujian", "id: gongan")
    return Expect("WB301", "data/units/zhujian.yaml", n, len("id: ") + 1, message=f"{UNIT}:{first}")


@case
def duplicate_duty_id_across_files(repo):
    first = line_of(repo, UNIT, "  - id: gongan-1")
    n = replace_line(repo, "data/units/minzheng.yaml", "  - id: minzheng-1", "  - id: gongan-1")
    return Expect("WB301", "data/units/minzheng.yaml", n, len("  - id: ") + 1, message=f"{UNIT}:{first}")


@case
def host_unit_unknown(repo):
    n = replace_line(repo, SETTINGS, "  host_unit: minzheng", "  host_unit: mingzheng", startswith=True)
    return Expect("WB302", SETTINGS, n, len("  host_unit: ") + 1, hint="minzheng", message="mingzheng")


@case
def position_unit_unknown(repo):
    n = replace_line(repo, OFFICE, "    unit: minzheng", "    unit: minzhen")
    return Expect("WB302", OFFICE, n, len("    unit: ") + 1, hint="minzheng")


@case
def chair_position_unknown(repo):
    n = replace_line(repo, OFFICE, "      position: director", "      position: directer")
    return Expect("WB306", OFFICE, n, len("      position: ") + 1, hint="director", message="directer")


@case
def chair_delegate_unknown(repo):
    n = replace_line(repo, OFFICE, "      delegate: deputy", "      delegate: vice-director")
    return Expect("WB306", OFFICE, n, len("      delegate: ") + 1)


@case
def duplicate_unit_order(repo):
    # 住建局 (12) takes 公安局's 7: the later file is the duplicate, and 12 is now missing
    n = replace_line(repo, "data/units/zhujian.yaml", "order: 12", "order: 7")
    gap = line_of(repo, "data/units/jiaotong.yaml", "order: 13")
    return [
        Expect("WB305", "data/units/zhujian.yaml", n, len("order: ") + 1, message=UNIT),
        Expect("WB305", "data/units/jiaotong.yaml", gap, len("order: ") + 1, message="缺少序号 12"),
    ]


@case
def role_basis_not_in_text(repo):
    n = replace_line(repo, UNIT, "    role_basis: 负责", "    role_basis: 牵头")
    return Expect("WB401", UNIT, n, len("    role_basis: ") + 1, message="牵头")


# --- layout (WB001–WB003, WB008, WB009, WB011)


@case
def unit_file_named_differently(repo):
    (repo / UNIT).rename(repo / "data/units/gong-an.yaml")
    return Expect("WB011", "data/units/gong-an.yaml", line_of(repo, "data/units/gong-an.yaml", "id: gongan"), 5,
                  hint="gongan.yaml")


@case
def yaml_file_in_wrong_place(repo):
    write(repo, "data/gongan.yaml", read(repo, UNIT))
    return Expect("WB011", "data/gongan.yaml", None, None)


@case
def yml_extension(repo):
    (repo / UNIT).rename(repo / "data/units/gongan.yml")
    return Expect("WB009", "data/units/gongan.yml", None, None, hint="gongan.yaml")


@case
def stray_file(repo):
    write(repo, "data/units/说明.docx", b"PK\x03\x04")
    return Expect("WB009", "data/units/说明.docx", None, None)


@case
def directory_named_like_a_file(repo):
    (repo / "data/units/foo.yaml").mkdir()
    (repo / "data/units/foo.yaml/inner.yaml").write_text("id: inner\n", encoding="utf-8")
    return Expect("WB002", "data/units/foo.yaml", None, None)


@case
def symlink_outside_repository(repo):
    outside = repo.parent / "outside.yaml"
    outside.write_text(read(repo, UNIT).replace("id: gongan", "id: waibu"), encoding="utf-8")
    (repo / "data/units/waibu.yaml").symlink_to(outside)
    return Expect("WB003", "data/units/waibu.yaml", None, None, message=str(outside))


@case
def relative_symlink_to_system_file(repo):
    depth = len(repo.resolve().parts) + 1  # enough ../ to reach / from data/units
    (repo / "data/units/passwd.yaml").symlink_to("../" * depth + "etc/passwd")
    return Expect("WB003", "data/units/passwd.yaml", None, None)


@case
def symlinked_directory_outside(repo):
    outside = repo.parent / "meetings-elsewhere"
    outside.mkdir()
    (outside / "m1.yaml").write_text("id: m1\n", encoding="utf-8")
    (repo / "data/meetings/2024").symlink_to(outside, target_is_directory=True)
    return Expect("WB003", "data/meetings/2024", None, None)


@case
def dangling_symlink_inside(repo):
    (repo / "data/units/gone.yaml").symlink_to("nothere.yaml")
    return Expect("WB008", "data/units/gone.yaml", None, None)


@case
def missing_office_file(repo):
    (repo / OFFICE).unlink()
    return Expect("WB001", OFFICE, None, None, message="office.yaml")


@case
def missing_settings_file(repo):
    (repo / SETTINGS).unlink()
    return Expect("WB001", SETTINGS, None, None, message="weibao.yaml")


@case
def missing_units_dir(repo):
    import shutil

    shutil.rmtree(repo / "data/units")
    return Expect("WB001", "data/units", None, None)


@pytest.mark.parametrize("name,damage", CASES, ids=[n for n, _ in CASES])
def test_damaged_file(repo, name, damage):
    expected = damage(repo)
    diags = validate_ok(repo)
    for e in expected if isinstance(expected, list) else [expected]:
        assert (e.code, e.path, e.line) in codes(diags), f"{name}: expected {(e.code, e.path, e.line)} in {codes(diags)}"
        d = find(diags, e.code, e.path, e.line, e.column)
        if e.hint is not None:
            assert d.hint and e.hint in d.hint, (e.hint, d.hint)
        if e.message is not None:
            assert e.message in d.message, (e.message, d.message)
        if e.field is not None:
            assert d.field == e.field, (e.field, d.field)


# ------------------------------------------------------ validate is read-only


def _snapshot(root: Path, skip_cache: bool = False) -> dict[str, tuple]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if skip_cache and ".weibao" in dirnames:
            dirnames.remove(".weibao")  # the parse cache (gitignored) is the one thing validate may write
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            content = p.read_bytes() if p.is_file() and not p.is_symlink() else None
            out[p.relative_to(root).as_posix()] = (st.st_mode, st.st_size, st.st_mtime_ns, content)
    return out


@pytest.mark.parametrize("cache", ["on", "off"])
def test_validate_never_writes(repo, monkeypatch, cache):
    if cache == "off":
        monkeypatch.setenv("WEIBAO_CACHE", "0")
    write(repo, UNIT, b"\xef\xbb\xbf" + (repo / UNIT).read_bytes())  # fmt would strip this
    replace_line(repo, "data/units/minzheng.yaml", "    role: lead", "\trole: lead")
    replace_line(repo, SETTINGS, "  date: 2022-05-30", "  date: 2022-02-30")
    write(repo, "data/units/extra.yml", "id: extra\n")
    write(repo, "data/units/gbk.yaml", "name: 旗公安局\n".encode("gbk"))
    before = _snapshot(repo)
    time.sleep(0.01)
    for _ in range(2):  # the second run reads the cache
        diags = validate_ok(repo)
        assert {d.code for d in diags} >= {"WB010", "WB102", "WB206", "WB009", "WB006"}
    assert _snapshot(repo, skip_cache=cache == "on") == before


# --------------------------------------------------------------------- CLI

from weibao.cli.app import app, register  # noqa: E402

register()
runner = CliRunner()


def cli(*args: str):
    r = runner.invoke(app, list(args), env={"WEIBAO_REPO": None})
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def _damage_order(repo: Path) -> int:
    return replace_line(repo, UNIT, "order: 7", 'order: "一"')


def test_cli_text_exit_1_with_location(repo):
    n = _damage_order(repo)
    r = cli("validate", str(repo))
    assert r.exit_code == 1, r.output
    assert f"{UNIT}:{n}:8: 错误[WB204]" in r.stdout
    assert "提示：" not in r.stdout.split(f"{UNIT}:{n}:8: 错误[WB204]")[0]
    assert "1 个错误" in r.stdout


def test_cli_json(repo):
    n = _damage_order(repo)
    r = cli("validate", str(repo), "--format", "json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    assert doc["errors"] == 1 and doc["warnings"] == 0 and doc["files_checked"] > 0
    keys = {"code", "severity", "message", "path", "line", "column", "record", "field", "hint"}
    for d in doc["diagnostics"]:
        assert set(d) == keys
    [d] = doc["diagnostics"]
    assert (d["code"], d["severity"], d["path"], d["line"], d["column"]) == ("WB204", "error", UNIT, n, 8)
    assert (d["record"], d["field"]) == ("gongan", "order")


def test_cli_github(repo):
    n = _damage_order(repo)
    write(repo, "data/units/extra.yml", "id: extra\n")
    r = cli("validate", str(repo), "--format", "github")
    assert r.exit_code == 1, r.output
    lines = r.stdout.rstrip("\n").split("\n")
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 2
    assert f"::error file={UNIT},line={n},col=8,title=WB204 " in r.stdout
    assert "::warning file=data/units/extra.yml,title=WB009 " in r.stdout
    assert all(a.startswith(("::error file=", "::warning file=")) for a in annotations)
    assert all("\n" not in a for a in annotations)


def test_cli_github_error_lines(repo):
    _damage_order(repo)
    r = cli("validate", str(repo), "-f", "github")
    first = r.stdout.split("\n")[0]
    assert first.startswith("::error file="), first


def test_cli_data_dir_argument(repo):
    n = _damage_order(repo)
    r = cli("validate", str(repo / "data"))
    assert r.exit_code == 1
    assert f"{UNIT}:{n}:8: 错误[WB204]" in r.stdout


@pytest.mark.parametrize("kind", ["empty-dir", "missing", "file"])
def test_cli_not_a_repository(tmp_path, kind):
    if kind == "empty-dir":
        target = tmp_path / "空目录"
        target.mkdir()
        expected = "不是 weibao 数据仓库"
    elif kind == "missing":
        target = tmp_path / "不存在"
        expected = "路径不存在"
    else:
        target = tmp_path / "weibao.yaml"  # a lone file: no repository above it
        target.write_text("id: x\n", encoding="utf-8")
        expected = "不在任何 weibao 数据仓库中"
    r = cli("validate", str(target))
    assert r.exit_code == 2, r.output
    assert expected in r.output
    assert r.output.startswith("weibao：")


def test_cli_single_file_argument(repo):
    """validate FILE still validates the whole repository but shows only that file's findings."""
    n = _damage_order(repo)
    replace_line(repo, SETTINGS, "  date: 2022-05-30", "  date: 2022-02-30")
    r = cli("validate", str(repo / UNIT), "--format", "json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    assert [(d["code"], d["path"], d["line"]) for d in doc["diagnostics"]] == [("WB204", UNIT, n)]


def test_cli_strict_turns_warnings_into_failure(repo):
    write(repo, UNIT, b"\xef\xbb\xbf" + (repo / UNIT).read_bytes())
    r = cli("validate", str(repo))
    assert r.exit_code == 0, r.output
    assert f"{UNIT}:1:1: 警告[WB010]" in r.stdout
    assert "0 个错误，1 个警告" in r.stdout
    r = cli("validate", str(repo), "--strict")
    assert r.exit_code == 1, r.output
    assert f"{UNIT}:1:1: 警告[WB010]" in r.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_cli_no_traceback_on_hostile_repo(repo, fmt):
    """Several kinds of damage at once, in every format: findings, never a traceback."""
    write(repo, "data/units/bomb.yaml", "a: &a [x, x]\nb: [*a, *a]\n")
    write(repo, "data/units/bin.yaml", b"\x00\x01\x02")
    write(repo, "data/units/gbk.yaml", "id: gbk\nname: 旗公安局\n".encode("gbk"))
    write(repo, "data/units/list.yaml", "- a\n")
    write(repo, "data/units/py.yaml", "id: py\nx: !!python/object/apply:os.system [echo]\n")
    (repo / "data/units/dir.yaml").mkdir()
    r = cli("validate", str(repo), "--format", fmt)
    assert r.exit_code == 1
    for code in ("WB104", "WB005", "WB006", "WB201", "WB107", "WB002"):
        assert code in r.stdout


# ------------------------------------------------- bugs found by this battery, now fixed


@pytest.mark.parametrize(
    "old,new",
    [
        ("order: 7", "order: !!int"),
        ("order: 7", "order: !!float"),
        ("order: 7", "order: !!bool"),
        ("order: 7", "order: !!bool maybe"),
    ],
)
def test_fixed_explicit_scalar_tag_with_bad_value(repo, old, new):
    n = replace_line(repo, UNIT, old, new)
    diags = validate_ok(repo)
    assert any(d.code in ("WB107", "WB204") and (d.path, d.line) == (UNIT, n) for d in diags), codes(diags)


def test_fixed_symlink_loop(repo):
    (repo / "data/units/a.yaml").symlink_to("b.yaml")
    (repo / "data/units/b.yaml").symlink_to("a.yaml")
    diags = validate_ok(repo)
    assert {d.path for d in diags if d.code in ("WB003", "WB008")} >= {"data/units/a.yaml", "data/units/b.yaml"}


def test_fixed_nul_column_counts_bytes(repo):
    n = line_of(repo, UNIT, "name: 旗公安局")
    write(repo, UNIT, read(repo, UNIT).replace("name: 旗公安局", "name: 旗公\x00安局", 1).encode("utf-8"))
    diags = validate_ok(repo)
    find(diags, "WB005", UNIT, n, len("name: 旗公") + 1)


def test_fixed_control_character_has_no_line(repo):
    n = replace_line(repo, UNIT, "name: 旗公安局", "name: 旗公安局\x1b[0m")
    diags = validate_ok(repo)
    find(diags, "WB101", UNIT, n, len("name: 旗公安局") + 1)


def test_fixed_tag_on_key_is_ignored(repo):
    n = replace_line(repo, UNIT, "name: 旗公安局", "!!python/object:os.system name: 旗公安局")
    diags = validate_ok(repo)
    find(diags, "WB107", UNIT, n, 1)


def test_fixed_numeric_key_accepted(repo):
    write(repo, "data/meetings/2024/m1.yaml", "id: m1\n2024: 第一次会议\n")
    diags = validate_ok(repo)
    find(diags, "WB108", "data/meetings/2024/m1.yaml", 2, 1)


def test_fixed_bool_accepted_as_order(repo):
    n = replace_line(repo, UNIT, "order: 7", "order: true")
    diags = validate_ok(repo)
    find(diags, "WB204", UNIT, n, len("order: ") + 1)


@pytest.mark.parametrize("value", ["0", "1653868800"])
def test_fixed_integer_accepted_as_date(repo, value):
    n = replace_line(repo, SETTINGS, "  date: 2022-05-30", f"  date: {value}")
    diags = validate_ok(repo)
    find(diags, "WB206", SETTINGS, n, len("  date: ") + 1)
