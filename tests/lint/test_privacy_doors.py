"""The same privacy check at every door: one invented secret of each kind planted into every free-text field of
every record kind, then validate (each one found, with its code and line, never repeated in any diagnostic format),
the write commands (each one refused, nothing written) and every public output (none of them carries it, even when
built from data that validate has rejected).

All secrets are invented samples: names from a fixed list, ID numbers with region code 999999 and birth date
2099-12-31 (no one's), mobile numbers 139 0000 xxxx, schools and estates that do not exist."""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.domain.privacy import CODE, KINDS

register()
runner = CliRunner()
AS_OF = _dt.date(2026, 12, 4)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["芳芳", "建国", "晓雨", "浩然", "梓涵", "雨桐", "子轩", "欣怡", "俊杰", "思琪", "佳怡", "宇航", "雅婷", "博文"]


def _id_number(seq: int) -> str:
    body = f"999999209912{31:02d}{seq % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def secret(i: int) -> tuple[str, str, str]:
    """(kind, text to append, the core that must never appear in an output) for field number ``i``."""
    kind = KINDS[i % len(KINDS)]
    if kind == "name":
        core = SURNAMES[i // 7 % len(SURNAMES)] + GIVEN[i // 7 // len(SURNAMES) % len(GIVEN)]
        return kind, f"学生{core}被同学打伤", core
    if kind == "phone":
        core = f"1390000{i:04d}"
        return kind, f"家长电话{core[:3]} {core[3:7]} {core[7:]}", core
    if kind == "id_number":
        core = _id_number(i)
        return kind, f"证件号{core}", core
    if kind == "school":
        core = f"红星镇第{'一二三四五六七八九'[i % 9]}小学{'一二三四五六'[i // 9 % 6]}年级{i // 54 % 9 + 1}班"
        return kind, f"孩子在{core}被欺负", core
    if kind == "address":
        core = f"幸福小区{i}号楼2单元501室"
        return kind, f"家住{core}", core
    if kind == "account":
        core = f"8{i:07d}"
        return kind, f"孩子的QQ号是{core}", core
    core = f"XH{i:05d}"
    return kind, f"学号{core}的学生", core


# fields whose value is one of a fixed list (会议类型, 公开方式 …): not free text
ENUMS = {"type", "disclosure", "kind", "level", "state", "status", "role", "urgency", "secrecy", "category"}


def _free_text(value: str) -> bool:
    return len(value) >= 6 and len(re.findall(r"[\u4e00-\u9fff]", value)) >= 2 and "\n" not in value.strip()


def plant(root: Path) -> list[tuple[str, str, str, str]]:
    """Append a secret to every free-text string of every record file (the 问答库 samples aside); returns
    (path, kind, appended text, core) for each."""
    planted: list[tuple[str, str, str, str]] = []
    files = sorted(p for p in (root / "data").rglob("*.yaml") if not p.name.startswith("samples-"))

    def walk(node, rel, key=""):
        if isinstance(node, dict):
            return {k: walk(v, rel, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, rel, key) for v in node]
        if isinstance(node, str) and _free_text(node) and key not in ENUMS:
            kind, text, core = secret(len(planted))
            planted.append((rel, kind, text, core))
            return f"{node}；{text}"
        return node

    for p in files:
        rel = p.relative_to(root).as_posix()
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        p.write_text(yaml.safe_dump(walk(doc, rel), allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return planted


@pytest.fixture(scope="module")
def planted_repo(tmp_path_factory) -> tuple[Path, list[tuple[str, str, str, str]]]:
    import shutil

    from conftest import ROOT

    root = tmp_path_factory.mktemp("planted") / "repo"
    shutil.copytree(ROOT / "data", root / "data", ignore=lambda d, names: [n for n in names if n.startswith("samples-")])
    add_samples(root, year=True)
    before = _valid_counts(root)
    planted = plant(root)
    assert _valid_counts(root) == before  # every record still loads: the outputs below do see the secrets
    return root, planted


def _valid_counts(root: Path) -> dict[str, int]:
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    _report, data = validate(Repository(root), as_of=AS_OF)
    return {kind: sum(1 for _ in data.valid(kind)) for kind in data.records}


def _validated(root: Path):
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    return validate(Repository(root), as_of=AS_OF)


def _leaks(text: str, planted) -> list[str]:
    flat = re.sub(r"[\s\-]", "", text)
    return [core for _rel, _kind, _t, core in planted if core in text or core in flat]


def test_every_planted_secret_is_found_with_its_code_and_line(planted_repo):
    root, planted = planted_repo
    assert len(planted) >= 7 * 20 and {k for _r, k, _t, _c in planted} == set(KINDS)
    report, _data = _validated(root)
    found = {(d.path, d.line, d.code) for d in report.diagnostics if d.code in CODE.values()}
    expected = set()
    for rel, kind, text, _core in planted:
        lines = (root / rel).read_text(encoding="utf-8").split("\n")
        line = next(n for n, ln in enumerate(lines, 1) if text in ln)
        expected.add((rel, line, CODE[kind]))
    assert len(expected) == len(planted)  # one line each: the secrets are all different
    assert expected <= found, sorted(expected - found)[:10]
    assert all(d.field for d in report.diagnostics if d.code in CODE.values())  # each names its field
    assert found <= expected, sorted(found - expected)[:10]  # nothing else flagged: the bundled texts are clean


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_no_diagnostic_format_repeats_a_secret(planted_repo, fmt: str):
    from weibao.diagnostics import FORMATTERS

    root, planted = planted_repo
    report, _data = _validated(root)
    out = FORMATTERS[fmt](report)
    assert _leaks(out, planted) == []
    assert "（王…）" in out or "王…" in out  # masked: the first character and an ellipsis


def test_every_public_output_replaces_the_secrets_even_from_rejected_data(planted_repo, tmp_path: Path, monkeypatch):
    from weibao.core.repository import Repository
    from weibao.exchange import export_json
    from weibao.exchange.ics import ics_bytes
    from weibao.exchange.report import build_report
    from weibao.exchange.sqlite import write_sqlite
    from weibao.exchange.tables import tables
    from weibao.render import document_view_of, render_view, report_context, report_files
    from weibao.render.views.summary import summary_view

    root, planted = planted_repo
    repo = Repository(root)
    _report, data = _validated(root)
    allowed = data.privacy_allowed()
    outputs: dict[str, str] = {}
    monkeypatch.setattr(export_json, "valid_data", lambda _repo: data)  # as if validate had been skipped
    outputs["export json"] = export_json.export_json(repo)
    outputs["export json --public"] = export_json.export_json(repo, public=True)
    outputs["tables (csv, xlsx)"] = json.dumps(tables(data), ensure_ascii=False, default=str)
    db = tmp_path / "out.db"
    write_sqlite(data, db)
    con = sqlite3.connect(db)
    rows = [r for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'") for r in con.execute(f"SELECT * FROM {t}")]  # noqa: S608
    con.close()
    outputs["sqlite"] = json.dumps(rows, ensure_ascii=False)
    outputs["ics"] = ics_bytes(data).decode("utf-8").replace("\r\n ", "")  # unfolded, as a calendar reads it
    rep = build_report(repo, AS_OF)
    for fmt in ("md", "html", "docx"):
        for name, content in report_files(repo, rep, fmt).items():
            outputs[f"report {name}"] = _docx_text(content) if isinstance(content, bytes) else content
    outputs["report template context"] = json.dumps(report_context(data, AS_OF), ensure_ascii=False)
    ids = [r.id for kind in ("document", "meeting", "notification") for r in data.valid(kind)]
    assert len(ids) >= 5
    for doc_id in ids:
        for fmt in ("md", "html", "txt", "docx"):
            content = render_view(document_view_of(data.redacted(), doc_id), fmt, repo, allowed)
            outputs[f"render {doc_id} {fmt}"] = _docx_text(content) if isinstance(content, bytes) else content
    for fmt in ("md", "docx"):
        content = render_view(summary_view(data.redacted(), 2026, AS_OF), fmt, repo, allowed)
        outputs[f"annual summary {fmt}"] = _docx_text(content) if isinstance(content, bytes) else content
    leaks = {name: _leaks(text, planted) for name, text in outputs.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
    assert "某某" in outputs["export json"] and "某地" in outputs["export json"]  # replaced, not dropped


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)  # text split across runs is joined again


def test_outputs_refuse_planted_data_without_repeating_it(planted_repo):
    root, planted = planted_repo
    for args in (["export", "--format", "json"], ["export", "--format", "ics"], ["render", "tb-2026-1"], ["validate"]):
        r = runner.invoke(app, ["--repo", str(root), *args])
        assert r.exit_code == 1, (args, r.output)
        assert _leaks(r.output + (r.stderr or ""), planted) == [], args


@pytest.mark.parametrize("i", range(len(KINDS)))
def test_write_commands_refuse_each_kind(i: int, tmp_path: Path):
    import shutil

    from conftest import ROOT

    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data", ignore=lambda d, names: [n for n in names if n.startswith("samples-")])
    add_samples(root)
    kind, text, core = secret(i)
    def files() -> dict[Path, bytes]:  # the repository's files (the parse cache under .weibao/ is not data)
        return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".weibao" not in p.parts}

    snapshot = files()
    for args in (["case", "new", "--kind", "督办", "--lead", "公安", "--subject", f"某事（样例）{text}"],
                 ["case", "log", "db-2026-1", text],
                 ["decision", "progress", "2026-05-10-topic-1", text, "--date", "2026-06-10"],
                 ["learn", f"{text}，找哪个部门", "--lead", "教体局"]):
        r = runner.invoke(app, ["--repo", str(root), *args])
        assert r.exit_code == 2, (kind, args, r.output)
        assert CODE[kind] in r.output or "不能写入" in r.output, r.output
        assert core not in r.output, (kind, args)
    assert files() == snapshot


def test_escaped_and_folded_values_are_read_as_the_parser_reads_them(repo: Path):
    """A name written with \\u escapes in a quoted string, or split over two lines of a folded block (>), is found
    in the value, at the value's place."""
    from conftest import run_validate

    (repo / "data" / "questions" / "t.yaml").write_text(
        'questions:\n  - q: "孩子\\u738b\\u82b3\\u82b3被打了，找谁"\n    lead: [gongan]\n'
        "  - q: >\n      学生李\n      建国被同学欺负，找谁\n    lead: [jiaoti]\n", encoding="utf-8")
    found = [(d.code, d.line, d.column, d.message) for d in run_validate(repo) if d.path == "data/questions/t.yaml"]
    assert found == [("WB903", 2, 8, "出现了姓名（王…）。"), ("WB903", 4, 8, "出现了姓名（李…）。")]


def test_a_marked_line_is_a_note_counted_in_validate_and_in_the_report(repo: Path):
    from weibao.core.repository import Repository
    from weibao.diagnostics import format_text
    from weibao.exchange.report import build_report
    from weibao.render import report_files

    (repo / "data" / "questions" / "t.yaml").write_text(
        "questions:\n  - q: 学生读的武侠小说里张三丰打人，归谁管  # weibao: 非个人信息（小说人物）\n    lead: [jiaoti]\n", encoding="utf-8")
    report, _data = _validated(repo)
    assert [(d.code, d.severity, d.line, d.message) for d in report.diagnostics] == [("WB910", "note", 2, "这一行标为非个人信息：小说人物。")]
    assert format_text(report).rstrip("\n").split("\n")[-1].endswith("个文件，没有错误和警告，1 个说明。")
    rep = build_report(Repository(repo), AS_OF)
    assert rep["validation"]["notes"] == 1 and rep["validation"]["by_code"] == {"WB910": 1}
    assert "标为非个人信息的行 1 处" in report_files(Repository(repo), rep, "md")["report.md"]
