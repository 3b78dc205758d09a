"""The parse cache is never stale and never required; heavy modules stay out of --help and who."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_validate

UNIT = "data/units/gongan.yaml"


def cache_file(repo: Path) -> Path:
    return repo / ".weibao" / "cache" / "parsed.json"


def cache_doc(repo: Path) -> dict:
    """The cache body (after its signature line)."""
    return json.loads(cache_file(repo).read_bytes().split(b"\n", 1)[1])


def test_cache_written_and_used(repo: Path):
    assert run_validate(repo) == []
    doc = cache_doc(repo)
    assert UNIT in doc["entries"] and doc["entries"][UNIT]["data"]["id"] == "gongan"
    assert run_validate(repo) == []


def test_same_size_edit_within_the_same_second_is_seen(repo: Path):
    assert run_validate(repo) == []
    p = repo / UNIT
    text = p.read_text(encoding="utf-8")
    st = os.stat(p)
    changed = text.replace("order: 7", "order: 8", 1)  # same size, a real change (order 8 is taken)
    assert len(changed) == len(text) and changed != text
    p.write_text(changed, encoding="utf-8")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime as before: only the content differs
    codes = {(d.code, d.path) for d in run_validate(repo)}
    assert ("WB305", UNIT) in codes


def test_touch_replace_and_delete(repo: Path):
    run_validate(repo)
    p = repo / UNIT
    os.utime(p)  # touched, unchanged: still valid
    assert run_validate(repo) == []
    p.unlink()
    p.write_text(p.with_name("minzheng.yaml").read_text(encoding="utf-8"), encoding="utf-8")  # replaced by another unit's text
    assert ("WB011", UNIT) in {(d.code, d.path) for d in run_validate(repo)}  # the file now holds minzheng
    p.unlink()
    diags = run_validate(repo)
    assert UNIT not in {d.path for d in diags}
    assert UNIT not in cache_doc(repo)["entries"]


def test_positions_of_cached_records_are_exact(repo: Path):
    p = repo / UNIT
    p.write_text(p.read_text(encoding="utf-8").replace("kind: 政府部门", "kind: 政府机构"), encoding="utf-8")
    first = [(d.code, d.line, d.column) for d in run_validate(repo)]
    second = [(d.code, d.line, d.column) for d in run_validate(repo)]  # from the cache: positions found again
    assert first == second and first[0][0] == "WB205" and first[0][1] > 1


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": 999, "version": "0", "entries": {}}),
                                     json.dumps({"format": 1, "version": "0.0.0-other", "entries": {UNIT: {"hash": "x", "data": {}}}})])
def test_corrupt_or_foreign_cache_is_ignored(repo: Path, content: str):
    cache_file(repo).parent.mkdir(parents=True)
    cache_file(repo).write_text(content, encoding="utf-8")
    assert run_validate(repo) == []
    assert cache_doc(repo)["entries"][UNIT]["data"]["id"] == "gongan"


def test_a_planted_cache_cannot_hide_findings(repo: Path, monkeypatch, tmp_path: Path):
    """A cache committed to git or made on another machine (another key) is never trusted."""
    from weibao.core.cache import digest

    p = repo / "data/units/gongan.yaml"
    mobile = "138" + "0" * 8
    bad = p.read_text(encoding="utf-8").replace("kind: 政府部门", "kind: 政府机构") + f"# 联系电话 {mobile}\n"
    p.write_text(bad, encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-machine"))
    assert [d.code for d in run_validate(repo)] == ["WB205", "WB902"]
    doc = cache_doc(repo)  # signed with the other machine's key; now forge clean data for the same text
    doc["entries"][UNIT] = {"hash": digest(bad), "data": {**doc["entries"][UNIT]["data"], "kind": "政府部门"}, "diags": []}
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    cache_file(repo).write_bytes(cache_file(repo).read_bytes().split(b"\n", 1)[0] + b"\n" + body)  # old signature
    assert [d.code for d in run_validate(repo)] == ["WB205", "WB902"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "this-machine"))  # a copied cache signed elsewhere
    assert [d.code for d in run_validate(repo)] == ["WB205", "WB902"]


def test_a_planted_entry_with_the_right_hash_but_wrong_data_cannot_hide_an_error(repo: Path):
    from weibao.core.cache import digest

    p = repo / UNIT
    bad = p.read_text(encoding="utf-8").replace("kind: 政府部门", "kind: 政府机构")
    p.write_text(bad, encoding="utf-8")
    from weibao import __version__

    cache_file(repo).parent.mkdir(parents=True)
    # an entry for a different text (another hash) is never used for this file
    cache_file(repo).write_text(json.dumps({"format": 1, "version": __version__, "entries": {
        UNIT: {"hash": digest(bad + " "), "data": {"id": "gongan"}, "diags": []}}}), encoding="utf-8")
    assert [d.code for d in run_validate(repo)] == ["WB205"]


def test_cache_off_writes_nothing(repo: Path, monkeypatch):
    monkeypatch.setenv("WEIBAO_CACHE", "0")
    assert run_validate(repo) == []
    assert not (repo / ".weibao").exists()


def test_read_only_checkout_still_validates(repo: Path):
    os.chmod(repo, 0o555)
    try:
        assert run_validate(repo) == []
    finally:
        os.chmod(repo, 0o755)


# what a help screen and a `who` answered from a fresh index must not import: the YAML reader, the record models and
# the loader (the index holds what who needs), validation, the write lock, templates, Word, Excel, numpy
HEAVY = ("yaml", "weibao.model", "weibao.core.dataset", "weibao.core.yamlread", "weibao.lint", "weibao.records", "filelock",
         "jinja2", "docx", "openpyxl", "pypinyin", "ruamel", "numpy")


@pytest.mark.parametrize("args", [["--help"], ["--repo", str(ROOT), "who", "孩子被拐走了"]], ids=["help", "who"])
def test_help_and_who_import_no_heavy_module(args):
    code = (
        "import sys\n"
        "from weibao.cli.app import main\n"
        f"sys.argv = ['weibao'] + {args!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)  # builds the index if it is not fresh
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stderr.strip().splitlines()[-1] == "[]", p.stderr


def test_fmt_memo_speeds_checks_but_never_hides_a_change(repo: Path, monkeypatch, tmp_path: Path):
    from typer.testing import CliRunner

    from weibao.cli.app import app, register

    register()
    runner = CliRunner()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "this-machine"))
    r = runner.invoke(app, ["--repo", str(repo), "fmt", "--check"])
    assert r.exit_code == 0, r.output
    memo = repo / ".weibao/cache/canonical.json"
    assert memo.exists()
    unit = repo / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("name: 旗公安局", "name:    旗公安局"), encoding="utf-8")
    r = runner.invoke(app, ["--repo", str(repo), "fmt", "--check"])
    assert r.exit_code == 1 and "需要整理：data/units/gongan.yaml" in r.stdout
    # a memo signed on another machine is not trusted
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-machine"))
    r = runner.invoke(app, ["--repo", str(repo), "fmt", "--check"])
    assert r.exit_code == 1 and "需要整理：data/units/gongan.yaml" in r.stdout


# -- the privacy memo: texts the detectors found nothing in --------------------------------------------------------


def test_privacy_memo_skips_clean_texts_and_rescans_a_changed_file(repo: Path, monkeypatch):
    from weibao.domain import privacy

    assert run_validate(repo) == []
    memo = repo / ".weibao" / "cache" / "privacy.json"
    assert memo.exists()
    calls: list[str] = []
    real = privacy.scan_file.__wrapped__

    def counting(text: str):
        calls.append(text)
        return real(text)

    monkeypatch.setattr("weibao.lint.rules.privacy.scan_file", counting)
    assert run_validate(repo) == [] and calls == []  # every file was clean under the same detectors
    p = repo / UNIT
    p.write_text(p.read_text(encoding="utf-8") + "# 家长电话 139 0000 5678（样例）\n", encoding="utf-8")
    assert [d.code for d in run_validate(repo)] == ["WB902"] and len(calls) == 1  # the changed file only
    assert [d.code for d in run_validate(repo)] == ["WB902"] and len(calls) == 2  # a finding is never memoised


def test_a_forged_memo_is_not_trusted(repo: Path):
    from weibao.core import cache

    p = repo / UNIT
    assert run_validate(repo) == []
    memo = repo / ".weibao" / "cache" / "privacy.json"
    sig, body = memo.read_bytes().split(b"\n", 1)
    bad = p.read_text(encoding="utf-8") + "# 家长电话 139 0000 5678（样例）\n"
    p.write_text(bad, encoding="utf-8")
    doc = json.loads(body)
    doc["texts"].append(cache.digest(bad))  # the bad text listed as clean, under the old signature
    memo.write_bytes(sig + b"\n" + json.dumps(doc).encode("utf-8"))
    assert [d.code for d in run_validate(repo)] == ["WB902"]


def test_a_changed_detector_scans_every_file_again(repo: Path, monkeypatch):
    from weibao.core import cache
    from weibao.domain.privacy import FileScan, Finding

    assert run_validate(repo) == []  # all clean, memoised

    def stricter(text: str) -> FileScan:  # a new detector that flags the first character of every file
        return FileScan(((1, Finding("name", 0, 1, text[:1])),), (), frozenset())

    monkeypatch.setattr("weibao.lint.rules.privacy.scan_file", stricter)
    assert run_validate(repo) == []  # same detector digest: the memo answers
    monkeypatch.setitem(cache._SOURCES, "privacy", "the edited detector")
    assert {d.code for d in run_validate(repo)} == {"WB903"}  # every file scanned again


def test_the_canonical_memo_is_not_trusted_after_a_model_or_the_formatter_changes(repo: Path, monkeypatch):
    """The canonical form follows the models' field order: a memo made under other models is ignored."""
    from weibao.core import cache

    memo = cache.CanonicalMemo(repo)
    memo.add("data/glossary.yaml", "glossary", "text")
    memo.save()
    assert cache.CanonicalMemo(repo).has("data/glossary.yaml", "glossary", "text")
    monkeypatch.setitem(cache._SOURCES, "canonical", "an edited model")
    assert not cache.CanonicalMemo(repo).has("data/glossary.yaml", "glossary", "text")
