"""The question sets of benchmarks/who_eval.py are well formed: ids unique, every unit id real, every unit covered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

SETS = sorted((ROOT / "tests" / "eval").glob("who_*.yaml"))
UNITS = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (ROOT / "data" / "units").glob("*.yaml")}


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_question_set(path: Path):
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids))
    for q in questions:
        assert q["q"].strip() and q["lead"], q["id"]
        assert set(q["lead"]) <= UNITS and set(q.get("support") or []) <= UNITS, q["id"]


def test_main_set_covers_every_unit():
    questions = yaml.safe_load((ROOT / "tests" / "eval" / "who_questions.yaml").read_text(encoding="utf-8"))["questions"]
    assert len(questions) >= 120
    assert {u for q in questions for u in q["lead"]} == UNITS
