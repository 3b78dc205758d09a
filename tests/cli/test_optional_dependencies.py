"""The slim install (issue 25): numpy and pdfminer.six are the optional extra ``all``, so the environment pre-commit
builds for the hooks (``pip install .``) is about half the size.  Without numpy ``who`` still answers, says that no
model of the 问答库 was used, and learns the models on the first query after numpy is installed; without
pdfminer.six a PDF is refused with the command to install it.  The modules are hidden the way a missing package
looks to Python (a ``None`` entry in ``sys.modules`` makes ``import`` fail and ``find_spec`` find nothing).

Questions here are invented samples."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, cli

WITH_QUESTION_SAMPLES = True  # the models are learned from the bundled sample 问答库


def hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def test_who_without_numpy_answers_says_so_and_learns_once_numpy_is_back(repo: Path, monkeypatch: pytest.MonkeyPatch):
    from weibao.who.classifier import MISSING, can_learn

    assert can_learn()
    hide(monkeypatch, "numpy")
    assert not can_learn()
    r = cli(repo, "who", "孩子被打了", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["learned_model"] is False and doc["note"] == MISSING
    assert doc["results"][0]["unit"]["name"] == "旗公安局" and doc["urgent"], doc  # the urgent words still decide
    text = cli(repo, "who", "孩子被打了")
    assert text.exit_code == 0 and text.stdout.replace("\n", "").endswith(f"注：{MISSING}")  # the last line(s)
    cached = _cached_index(repo)
    assert cached["unlearned"] is True and cached["classifier"] is None and cached["urgent_model"] is None
    assert cli(repo, "validate").exit_code == 0  # validating never needs it

    monkeypatch.undo()  # numpy installed again: the cached index (same data) is rebuilt with the models
    doc = json.loads(cli(repo, "who", "孩子被打了", "--format", "json").stdout)
    assert doc["learned_model"] is True and doc["note"] is None
    cached = _cached_index(repo)
    assert cached["unlearned"] is False and cached["classifier"] and cached["urgent_model"]
    assert "注：" not in cli(repo, "who", "孩子被打了").stdout


def _cached_index(repo: Path) -> dict:
    from weibao.core.cache import read_signed
    from weibao.who.index import CACHE_DIR, CACHE_FILE

    return read_signed(repo / CACHE_DIR / CACHE_FILE)


def test_a_pdf_without_pdfminer_is_refused_with_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "county"
    assert cli(target, "init", str(target), "--region", "某某县").exit_code == 0
    pdf = tmp_path / "职责分工.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    hide(monkeypatch, "pdfminer", "pdfminer.high_level", "pdfminer.layout")
    r = cli(target, "import-duties", str(pdf))
    assert r.exit_code == 2, r.output
    assert "读取 PDF 要用 pdfminer.six，本机没有装。" in r.output and "weibao[all]" in r.output
    assert "Traceback" not in r.output and sorted(p.relative_to(target) for p in target.rglob("*")) == before


def test_the_extra_all_holds_what_the_hooks_do_not_need():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {d.split(">")[0].split(";")[0].strip().lower() for d in project["dependencies"]}
    assert not names & {"numpy", "pdfminer.six", "scikit-learn", "scipy"}, names
    assert {d.split(">")[0] for d in project["optional-dependencies"]["all"]} == {"numpy", "pdfminer.six"}
    assert "weibao[all]" in project["optional-dependencies"]["test"]
