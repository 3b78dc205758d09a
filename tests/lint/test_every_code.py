"""Every diagnostic code (weibao.diagnostics.CODES) has at least one bad fixture that triggers it, at the exact
file, line and column it is reported at.

Fixture format (tests/fixtures/bad/; also described in tests/fixtures/bad/README.md)
-------------------------------------------------------------------------------------
* One fixture = one file ``WBxxx-<slug>.yaml``, or a folder ``WBxxx-<slug>/`` holding several ``.yaml`` files when
  the finding needs more than one file (an id used in two files).  The name starts with the code it exists for.
* Line 1 of every fixture file: ``# 位置：<repository-relative path>`` — where the overlay installs the file
  (replacing the bundled file at that path, or adding a new one).  Next comes a comment saying the file is an
  invented sample: ``# 样例（虚构）：…`` — no real people, phone numbers or cases.
* Optional header comments (any of the comment lines before the first YAML line):
    ``# 选项：as_of=2026-12-31 strict_dates``  "today" for the time-based rules (default 2026-12-04) and
                                             ``--strict-dates``; ``with_samples`` keeps the sample 问答库;
    ``# 删除：<path>``                        a bundled file the overlay deletes;
    ``# 预期（文件）：WBxxx WByyy@<path>``     findings with a path but no line or column: ``WBxxx`` for this file,
                                             ``WByyy@<path>`` for another path (a file the fixture deletes);
    ``# 已知缺陷：<what is wrong>``            the product gets this fixture wrong: its test is xfail(strict=True).
* Each line that must get a finding ends with a marker ``# 预期 WBxxx@<column>`` (the 1-based column reported;
  several on one line: ``# 预期 WB203@3 WB204@9``).  Markers are ordinary YAML comments and stay in the text
  (stripping them would move columns).  Never put one inside a block scalar (``|-``), where ``#`` is text
  (test_markers_are_comments checks); the privacy scan (WB901/WB902) reads comments too, so headers and markers
  hold no long digit runs.
* The test validates the bundled repository (ROOT) through an overlay — the fixture's files, its deletions, and
  the sample 问答库 data/questions/samples-*.yaml deleted — so nothing is copied or written.  The set of
  (code, path, line, column) of ALL diagnostics must equal the declared set exactly: no extra finding, none missing.

What a YAML fixture cannot express (a directory or symlink where a file should be, a 5 MB file, NUL bytes, GBK
bytes, a BOM, an empty text, a stray non-YAML file on disk, a control character, git and the private store) is
built by the functions of BUILDERS: each gets a tmp folder and returns where to validate (ROOT with an overlay
where one can express it, else a copy of data/ without the samples) and the findings to expect; @known_defect marks
one the product gets wrong (xfail, strict).  test_every_code_has_a_fixture holds the union of the fixtures' codes
and the builders' codes to set(CODES).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import ROOT

from weibao.core.dataset import load_repository
from weibao.core.repository import Repository
from weibao.diagnostics import CODES, Diagnostic
from weibao.lint import registry
from weibao.lint.engine import run_rules, validate

BAD = ROOT / "tests" / "fixtures" / "bad"
AS_OF = _dt.date(2026, 12, 4)  # the bundled data validates clean on this day
SAMPLES = sorted(f"data/questions/{p.name}" for p in (ROOT / "data" / "questions").glob("samples-*.yaml"))

Found = tuple[str, str, "int | None", "int | None"]  # (code, path, line, column)

_POSITION = re.compile(r"^#\s*位置：\s*(\S+)")
_OPTIONS = re.compile(r"^#\s*选项：(.*)$")
_DELETE = re.compile(r"^#\s*删除：\s*(\S+)")
_FILE_FINDINGS = re.compile(r"^#\s*预期（文件）：\s*((?:WB\d{3}(?:@\S+)?\s*)+)$")
_DEFECT = re.compile(r"^#\s*已知缺陷：\s*(.+)$")
_MARKER = re.compile(r"#\s*预期\s+((?:WB\d{3}@\d+\s*)+)$")
_ONE = re.compile(r"(WB\d{3})@(\d+)")
_NAME = re.compile(r"^(WB\d{3})-[a-z0-9-]+(\.yaml)?$")


@dataclass
class FixtureFile:
    source: Path  # the file under tests/fixtures/bad/
    rel: str  # where the overlay installs it
    text: str
    header: list[str]  # the leading comment lines


@dataclass
class Fixture:
    name: str
    code: str  # the code it exists for (from its name)
    files: list[FixtureFile]
    deleted: list[str] = field(default_factory=list)
    as_of: _dt.date = AS_OF
    strict: bool = False
    samples: bool = False
    expected: set[Found] = field(default_factory=set)
    defect: str | None = None

    def overlay(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {} if self.samples else dict.fromkeys(SAMPLES)
        out.update(dict.fromkeys(self.deleted))
        out.update({f.rel: f.text for f in self.files})
        return out


def _read_fixture_file(path: Path) -> FixtureFile:
    text = path.read_bytes().decode("utf-8")  # exactly as stored (no newline translation)
    lines = text.split("\n")
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    m = _POSITION.match(lines[0])
    if not m:
        raise ValueError(f"{path.relative_to(BAD)}: 第一行应为“# 位置：<仓库内路径>”")
    return FixtureFile(path, m.group(1), text, header)


def load_fixture(path: Path) -> Fixture:
    m = _NAME.match(path.name)
    if not m or (path.is_file() and not m.group(2)) or (path.is_dir() and m.group(2)):
        raise ValueError(f"{path.name}: 夹具应命名为 WBxxx-<slug>.yaml 或目录 WBxxx-<slug>/")
    paths = [path] if path.is_file() else sorted(path.glob("*.yaml"))
    if not paths:
        raise ValueError(f"{path.name}: 目录中没有 .yaml 文件")
    fx = Fixture(name=path.name.removesuffix(".yaml"), code=m.group(1), files=[_read_fixture_file(p) for p in paths])
    rels = [f.rel for f in fx.files]
    if len(set(rels)) != len(rels):
        raise ValueError(f"{path.name}: 两个文件装在同一位置")
    for f in fx.files:
        for line in f.header:
            if o := _OPTIONS.match(line):
                for opt in o.group(1).split():
                    if opt.startswith("as_of="):
                        fx.as_of = _dt.date.fromisoformat(opt[len("as_of=") :])
                    elif opt == "strict_dates":
                        fx.strict = True
                    elif opt == "with_samples":
                        fx.samples = True
                    else:
                        raise ValueError(f"{f.source.name}: 未知选项 {opt}")
            elif d := _DELETE.match(line):
                fx.deleted.append(d.group(1))
            elif e := _FILE_FINDINGS.match(line):
                for token in e.group(1).split():
                    code, _, where = token.partition("@")
                    fx.expected.add((code, where or f.rel, None, None))
            elif k := _DEFECT.match(line):
                fx.defect = k.group(1)
        for n, line in enumerate(f.text.split("\n"), 1):
            if mk := _MARKER.search(line):
                fx.expected |= {(code, f.rel, n, int(col)) for code, col in _ONE.findall(mk.group(1))}
    return fx


def all_fixtures() -> list[Fixture]:
    return [load_fixture(p) for p in sorted(BAD.iterdir()) if p.name.startswith("WB")]


FIXTURES = all_fixtures()


def found(diags: list[Diagnostic]) -> set[Found]:
    return {(d.code, d.path, d.line, d.column) for d in diags}


def check(root: Path, overlay: dict[str, str | None] | None, as_of: _dt.date = AS_OF, strict: bool = False) -> list[Diagnostic]:
    report, _ = validate(Repository(root), as_of=as_of, strict_dates=strict, overlay=overlay)
    return report.sorted()


def explain(diags: list[Diagnostic], expected: set[Found]) -> str:
    got = found(diags)
    lines = ["(code, path, line, column) 与夹具中的标记不一致。"]
    for d in diags:
        key = (d.code, d.path, d.line, d.column)
        if key not in expected:
            lines.append(f"  多出：{key} {d.message}")
    for key in sorted(expected - got, key=str):
        lines.append(f"  缺少：{key}")
    return "\n".join(lines)


def _param(fx: Fixture):
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=fx.defect)] if fx.defect else []
    return pytest.param(fx, id=fx.name, marks=marks)


@pytest.mark.parametrize("fx", [_param(fx) for fx in FIXTURES])
def test_fixture(fx: Fixture):
    assert fx.code in {c for c, *_ in fx.expected}, f"{fx.name} 没有声明它所为的 {fx.code}"
    diags = check(ROOT, fx.overlay(), fx.as_of, fx.strict)
    assert found(diags) == fx.expected, explain(diags, fx.expected)


# ------------------------------------------------------------------ situations built in a tmp folder


@dataclass
class Built:
    root: Path
    overlay: dict[str, str | None] | None
    expected: set[Found]
    as_of: _dt.date = AS_OF
    strict: bool = False


def _no_samples(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith("samples-") and Path(folder).name == "questions"]


def copy_data(tmp: Path) -> Path:
    """A copy of the bundled data/ without the sample 问答库 (validated without an overlay)."""
    root = tmp / "repo"
    shutil.copytree(ROOT / "data", root / "data", ignore=_no_samples)
    return root


def on_root(files: dict[str, str | None]) -> dict[str, str | None]:
    return {**dict.fromkeys(SAMPLES), **files}


CASE = "data/cases/2026/db-2026-9.yaml"
CASE_TEXT = """# 样例（虚构）：一个合格的督办事项
id: db-2026-9
kind: 督办
source:
  kind: 群众反映
subject: 某镇一名初中生辍学后的劝返（样例）
lead: jiaoti
opened: 2026-03-01
state: 立案
"""
UNIT = "data/units/yangli.yaml"


def first_key_line(text: str) -> int:
    """The line of a file's first mapping key: where a finding about a missing top-level field points."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.strip() and not line.startswith("#"))


def wb002_directory_for_a_file(tmp: Path) -> Built:
    root = copy_data(tmp)
    (root / UNIT).mkdir()
    return Built(root, None, {("WB002", UNIT, None, None)})


def wb003_symlink_outside(tmp: Path) -> Built:
    root = copy_data(tmp)
    outside = tmp / "outside.yaml"
    outside.write_text(CASE_TEXT, encoding="utf-8")
    (root / CASE).parent.mkdir(parents=True)
    (root / CASE).symlink_to(outside)
    return Built(root, None, {("WB003", CASE, None, None)})


def wb004_too_large(tmp: Path) -> Built:
    root = copy_data(tmp)
    (root / CASE).parent.mkdir(parents=True)
    line = "# 样例（虚构）：填充用的注释行，使文件超过 5 MB 的上限。\n".encode()
    (root / CASE).write_bytes(CASE_TEXT.encode("utf-8") + line * (5 * 1024 * 1024 // len(line) + 1))
    return Built(root, None, {("WB004", CASE, None, None)})


def wb005_nul_byte(tmp: Path) -> Built:
    text = CASE_TEXT.replace("subject: 某镇", "subject: 某\x00镇")
    line = first_line_with(text, "subject:")
    return Built(ROOT, on_root({CASE: text}), {("WB005", CASE, line, len("subject: 某") + 1)})


def wb006_gbk_bytes(tmp: Path) -> Built:
    root = copy_data(tmp)
    (root / CASE).parent.mkdir(parents=True)
    (root / CASE).write_bytes(CASE_TEXT.encode("gb18030"))
    # the first byte that is not UTF-8: the first Chinese character (in the comment on line 1)
    return Built(root, None, {("WB006", CASE, 1, len("# ") + 1)})


def wb007_empty_file(tmp: Path) -> Built:
    return Built(ROOT, on_root({CASE: ""}), {("WB007", CASE, 1, 1)})


def wb008_dangling_symlink(tmp: Path) -> Built:
    root = copy_data(tmp)
    (root / CASE).parent.mkdir(parents=True)
    (root / CASE).symlink_to("db-2026-10.yaml")  # inside the repository, but there is no such file
    return Built(root, None, {("WB008", CASE, None, None)})


def wb012_fifo(tmp: Path) -> Built:
    """A named pipe where a case file should be (a pull request can hold one): refused, never opened to wait on."""
    root = copy_data(tmp)
    (root / CASE).parent.mkdir(parents=True)
    os.mkfifo(root / CASE)
    return Built(root, None, {("WB012", CASE, None, None)})


def wb013_escape_sequence(tmp: Path) -> Built:
    """An escape written in a double-quoted value: ESC reaches the terminal of whoever shows the case."""
    text = CASE_TEXT.replace("subject: 某镇一名初中生辍学后的劝返（样例）", 'subject: "某镇\\e[2J一名初中生辍学后的劝返（样例）"')
    line = first_line_with(text, "subject:")
    return Built(ROOT, on_root({CASE: text}), {("WB013", CASE, line, len("subject: ") + 1)})


def wb014_two_boms(tmp: Path) -> Built:
    """Two BOMs (files joined, or saved twice with one): YAML dropped the second silently; one elsewhere stays in a value."""
    return Built(ROOT, on_root({CASE: "\ufeff\ufeff" + CASE_TEXT}), {("WB010", CASE, 1, 1), ("WB014", CASE, 1, 1)})


def wb420_director_from_another_unit(tmp: Path) -> Built:
    """规则二: the 主任 written as coming from 教体局 while the office sits in 民政局."""
    text = (ROOT / "data/office.yaml").read_text(encoding="utf-8")
    director = text.index("  - id: director\n")
    at = text.index("    unit: minzheng\n", director)
    text = text[:at] + "    unit: jiaoti\n" + text[at + len("    unit: minzheng\n"):]
    line = text[:at].count("\n") + 1
    return Built(ROOT, on_root({"data/office.yaml": text}), {("WB420", "data/office.yaml", line, len("    unit: ") + 1)})


def wb713_attendee_not_in_post(tmp: Path) -> Built:
    """五: the 主任 registered as having left on 2026-03-31 is listed at a meeting of 2026-04-02, by name and by post;
    a 副主任 written as the 主任 is a mismatch (WB711)."""
    office = (ROOT / "data/office.yaml").read_text(encoding="utf-8")
    for pid, person in (("director", "{id: director-a, name: 甲主任（样例）, unit: minzheng, until: 2026-03-31}"),
                        ("deputy", "{id: deputy-a, name: 乙副主任（样例）, unit: jiaoti}")):
        at = office.index("    holders: []\n", office.index(f"  - id: {pid}\n"))
        office = office[:at] + f"    holders:\n      - {person}\n" + office[at + len("    holders: []\n"):]
    meeting = ("id: 2026-04-02-members\ntype: 办公室成员会议\ndate: 2026-04-02\ntitle: 办公室成员会议（样例）\nchair:\n  position: deputy\n"
               "  person: deputy-a\n  delegation: {by: director, date: 2026-04-01}\nattendance:\n  present:\n"
               "    - {person: director-a}\n    - {position: director}\n    - {position: director, person: deputy-a}\n"
               "minutes:\n  body: [会议通报了有关情况（样例）。]\n  reported_on: 2026-04-20\n  issued_on: 2026-04-21\n")
    path = "data/meetings/2026/2026-04-02-members.yaml"
    return Built(ROOT, on_root({"data/office.yaml": office, path: meeting}),
                 {("WB713", path, 11, len("    - {person: ") + 1), ("WB713", path, 12, len("    - {position: ") + 1),
                  ("WB711", path, 13, len("    - {position: director, person: ") + 1)})


def wb421_unknown_time_zone(tmp: Path) -> Built:
    """A time zone the database does not know (Beijing is not an IANA zone name: Asia/Shanghai is)."""
    text = (ROOT / "data/weibao.yaml").read_text(encoding="utf-8") + "timezone: Asia/Beijing\n"
    line = text.count("\n")
    return Built(ROOT, on_root({"data/weibao.yaml": text}), {("WB421", "data/weibao.yaml", line, len("timezone: ") + 1)})


OWN_DOC = "data/documents/2026/weibaoban-2026-1.yaml"


def own_document(signer: str, date: str, doc_type: str = "通知", title: str = "关于开展样例工作的通知", to: str = "[各成员单位]",
                 extra: str = "") -> str:
    """An invented document of the office's own prefix (奈未保办发), the base of the 规则七 builders."""
    return (f"id: weibaoban-2026-1\ntype: {doc_type}\nissuer: 奈曼旗未成年人保护工作领导小组办公室\nnumber: 奈未保办发〔2026〕1号\n"
            f"signer: {signer}\ntitle: {title}\nto: {to}\nbody: [现将有关事项报告如下（样例）。]\n{extra}date: {date}\n")


def wb613_signed_by_a_former_director(tmp: Path) -> Built:
    """规则七: the 主任 registered as having left on 2026-03-31 signs a notice dated 2026-06-01."""
    office = (ROOT / "data/office.yaml").read_text(encoding="utf-8")
    at = office.index("    holders: []\n", office.index("  - id: director\n"))
    office = office[:at] + "    holders:\n      - {id: director-a, name: 甲主任（样例）, unit: minzheng, until: 2026-03-31}\n" \
        + office[at + len("    holders: []\n"):]
    doc = own_document("甲主任（样例）", "2026-06-01")
    return Built(ROOT, on_root({"data/office.yaml": office, OWN_DOC: doc}), {("WB613", OWN_DOC, 5, len("signer: ") + 1)})


def wb614_issued_before_replies_were_due(tmp: Path) -> Built:
    """规则七: opinions asked of two units until 2026-06-10; the notice is dated 2026-06-05 and one unit is silent."""
    doc = own_document("某主任（样例）", "2026-06-05", extra="consultation:\n  units: [jiaoti, gongan]\n  sent: 2026-06-01\n  due: 2026-06-10\n"
                       "  replies:\n    - {unit: jiaoti, date: 2026-06-03, no_objection: true}\n")
    return Built(ROOT, on_root({OWN_DOC: doc}), {("WB614", OWN_DOC, first_line_with(doc, "  due:"), len("  due: ") + 1)})


def wb615_major_request_to_the_office(tmp: Path) -> Built:
    """规则七: a 请示 on a major matter addressed to 旗民政局 instead of the leading group's 组长、副组长."""
    doc = own_document("某主任（样例）", "2026-06-05", doc_type="请示", title="关于调整某项工作机制的请示（样例）", to="[旗民政局]",
                       extra="major: true\n")
    return Built(ROOT, on_root({OWN_DOC: doc}), {("WB615", OWN_DOC, first_line_with(doc, "to:"), len("to: ") + 1)})


def wb616_received_overdue(tmp: Path) -> Built:
    """A document 公安 submitted, to be handled by 2026-06-30, still not 办结 on 2026-12-04."""
    text = ("id: sw-2026-1\nfrom_unit: gongan\nnumber: 奈公发〔2026〕12号\ntitle: 关于校园周边治理情况的报告（样例）\n"
            "received_on: 2026-06-01\ndeadline: 2026-06-30\nsteps:\n  - {date: 2026-06-02, action: 转办, to: jiaoti}\n")
    rel = "data/received/2026/sw-2026-1.yaml"
    return Built(ROOT, on_root({rel: text}), {("WB616", rel, first_line_with(text, "deadline:"), len("deadline: ") + 1)})


def wb009_stray_file(tmp: Path) -> Built:
    root = copy_data(tmp)
    (root / "data" / "units" / "名单.xlsx").write_bytes(b"PK\x03\x04")
    return Built(root, None, {("WB009", "data/units/名单.xlsx", None, None)})


def wb010_bom(tmp: Path) -> Built:
    return Built(ROOT, on_root({CASE: "\ufeff" + CASE_TEXT}), {("WB010", CASE, 1, 1)})


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _private_store(tmp: Path, *, tracked: bool, ignored: bool) -> Built:
    if shutil.which("git") is None:
        pytest.skip("没有 git")
    root = copy_data(tmp)
    _git(root, "init", "-q")
    (root / "private").mkdir()
    (root / "private" / "db-2026-9.md").write_text("样例（虚构）：私密资料。\n", encoding="utf-8")
    if ignored:
        (root / ".gitignore").write_text("/private/\n", encoding="utf-8")
    if tracked:
        _git(root, "add", "-f", "private/db-2026-9.md")
    settings = (root / "data" / "weibao.yaml").read_text(encoding="utf-8")
    # private_store is not written (the default "private"): the finding points at the settings mapping
    at = (first_key_line(settings), 1)
    expected = ({("WB904", "data/weibao.yaml", *at)} if tracked else set()) | ({("WB905", "data/weibao.yaml", *at)} if not ignored else set())
    return Built(root, None, expected)


def wb904_private_store_tracked(tmp: Path) -> Built:
    return _private_store(tmp, tracked=True, ignored=True)


def wb905_private_store_not_ignored(tmp: Path) -> Built:
    return _private_store(tmp, tracked=False, ignored=False)


def wb905_negation_exposes_a_file(tmp: Path) -> Built:
    """Issue 21: with /private/* ignored and !/private/keep.txt un-ignored, keep.txt could be committed and validate
    said nothing (the folder itself counted as ignored)."""
    built = _private_store(tmp, tracked=False, ignored=True)
    (built.root / ".gitignore").write_text("/private/*\n!/private/keep.txt\n", encoding="utf-8")
    (built.root / "private" / "keep.txt").write_text("样例（虚构）\n", encoding="utf-8")
    settings = (built.root / "data" / "weibao.yaml").read_text(encoding="utf-8")
    return Built(built.root, None, {("WB905", "data/weibao.yaml", first_key_line(settings), 1)})


def first_line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def known_defect(reason: str) -> Callable[[Callable[[Path], Built]], Callable[[Path], Built]]:
    """Mark a builder whose expectation the product does not meet yet: its test is xfail(strict=True)."""

    def mark(fn: Callable[[Path], Built]) -> Callable[[Path], Built]:
        fn.defect = reason  # type: ignore[attr-defined]
        return fn

    return mark


def wb901_after_vertical_tab(tmp: Path) -> Built:
    text = CASE_TEXT.replace("（样例）", "（样例）\x0b从文档中复制来的手动换行", 1) + "# 身份证号 999999209912310008（编造的号码）\n"
    subject, last = first_line_with(text, "subject:"), text.count("\n")
    expected = {("WB101", CASE, subject, len("subject: 某镇一名初中生辍学后的劝返（样例）") + 1), ("WB901", CASE, last, len("# 身份证号 ") + 1)}
    return Built(ROOT, on_root({CASE: text}), expected)


# id → builder; the id starts with the code the situation exists for
BUILDERS: dict[str, Callable[[Path], Built]] = {
    "WB002-directory": wb002_directory_for_a_file,
    "WB003-symlink-outside": wb003_symlink_outside,
    "WB004-too-large": wb004_too_large,
    "WB005-nul-byte": wb005_nul_byte,
    "WB006-gbk-bytes": wb006_gbk_bytes,
    "WB007-empty-text": wb007_empty_file,
    "WB008-dangling-symlink": wb008_dangling_symlink,
    "WB009-stray-file": wb009_stray_file,
    "WB010-bom": wb010_bom,
    "WB012-fifo": wb012_fifo,
    "WB013-escape-sequence": wb013_escape_sequence,
    "WB014-two-boms": wb014_two_boms,
    "WB420-director-from-another-unit": wb420_director_from_another_unit,
    "WB421-unknown-time-zone": wb421_unknown_time_zone,
    "WB713-attendee-not-in-post": wb713_attendee_not_in_post,
    "WB613-signed-by-a-former-director": wb613_signed_by_a_former_director,
    "WB614-issued-before-replies-were-due": wb614_issued_before_replies_were_due,
    "WB615-major-request-to-the-office": wb615_major_request_to_the_office,
    "WB616-received-overdue": wb616_received_overdue,
    "WB901-after-vertical-tab": wb901_after_vertical_tab,
    "WB904-private-store-tracked": wb904_private_store_tracked,
    "WB905-private-store-not-ignored": wb905_private_store_not_ignored,
    "WB905-negation-exposes-a-file": wb905_negation_exposes_a_file,
}


def _built_param(name: str):
    reason = getattr(BUILDERS[name], "defect", None)
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)] if reason else []
    return pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("name", [_built_param(n) for n in sorted(BUILDERS)])
def test_built(name: str, tmp_path: Path):
    b = BUILDERS[name](tmp_path)
    assert name[:5] in {c for c, *_ in b.expected}, f"{name} 没有声明它所为的 {name[:5]}"
    diags = check(b.root, b.overlay, b.as_of, b.strict)
    assert found(diags) == b.expected, explain(diags, b.expected)


# ------------------------------------------------------------------ the list of fixtures is complete


def test_every_code_has_a_fixture():
    covered = {fx.code for fx in FIXTURES} | {name[:5] for name in BUILDERS}
    missing = sorted(set(CODES) - covered)
    unknown = sorted(covered - set(CODES))
    assert not missing and not unknown, f"没有坏样例的编号：{'、'.join(missing) or '无'}；不存在的编号：{'、'.join(unknown) or '无'}"
    # a fixture marked as a known defect does not count alone: each code also has one the product gets right
    passing = {fx.code for fx in FIXTURES if not fx.defect} | {name[:5] for name, fn in BUILDERS.items() if not getattr(fn, "defect", None)}
    assert passing == covered, f"只有“已知缺陷”样例的编号：{'、'.join(sorted(covered - passing))}"


def test_fixture_headers():
    """Every fixture file says it is an invented sample and installs under data/."""
    for fx in FIXTURES:
        for f in fx.files:
            assert f.rel.startswith("data/"), f.source
            assert any("样例（虚构）" in line for line in f.header), f"{f.source.name}: 开头应注明“样例（虚构）”"
            for code, *_ in fx.expected:
                assert code in CODES, (f.source.name, code)


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_markers_are_comments():
    """A marker inside a block scalar would be text, not a comment: no parsed value may contain one."""
    from weibao.core.yamlread import parse_text

    for fx in FIXTURES:
        for f in fx.files:
            data = parse_text(f.text, f.rel).data
            for s in _strings(data):
                assert "预期" not in s, f"{f.source.name}: 标记写进了文本值：{s!r}"


# ------------------------------------------------------------------ the registry holds rules to their codes


def test_registry_catches_an_undeclared_code(monkeypatch):
    monkeypatch.setenv("WEIBAO_STRICT_RULE_CODES", "1")

    @registry.rule("WB301")
    def fake(data):
        yield Diagnostic("WB302", "一个没有声明的编号（测试）", path="data/weibao.yaml", line=1, column=1)

    fake_rule = registry.Rule("test.fake", fake.weibao_codes, fake, "")
    with pytest.raises(registry.UndeclaredCode, match="WB302"):
        registry.run([fake_rule], None)  # type: ignore[arg-type]
    with pytest.raises(registry.UndeclaredCode):
        list(registry.held_to(frozenset({"WB301"}), "test.fake", fake(None)))
    monkeypatch.setenv("WEIBAO_STRICT_RULE_CODES", "0")  # outside the test suite the finding still reaches the user
    assert [d.code for d in registry.run([fake_rule], None)] == ["WB302"]  # type: ignore[arg-type]


def test_real_rules_stay_within_their_codes(monkeypatch):
    """Every real rule, run on the bundled data with the fixtures' files laid over it at once (the first fixture
    for each path; strict mode on, strict dates), emits only the codes it declares."""
    from weibao.lint.rules import ALL

    monkeypatch.setenv("WEIBAO_STRICT_RULE_CODES", "1")
    overlay: dict[str, str | None] = dict.fromkeys(SAMPLES)
    for fx in FIXTURES:
        for f in fx.files:
            overlay.setdefault(f.rel, f.text)
    data = load_repository(Repository(ROOT), overlay)
    data.as_of, data.strict_dates = _dt.date(2027, 6, 30), True
    diags = run_rules(data)  # raises UndeclaredCode on a stray code
    assert diags, "the fixtures laid over the bundled data should give findings"
    for r in ALL:
        for d in r.check(data):
            assert d.code in r.codes, f"{r.name} emitted {d.code}"
