"""The write gate (lint/gate.py): what blocks a change and what does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from weibao.core.repository import Repository
from weibao.errors import InvalidData
from weibao.lint.gate import check_change

A = "data/questions/a.yaml"
B = "data/questions/b.yaml"
Q = "questions:\n  - q: 样例问题：学校门口有人卖烟给孩子\n    lead: [gongan]\n"


def test_an_old_finding_elsewhere_does_not_block_even_when_it_cites_a_moved_line(small_repo: Path):
    (small_repo / A).parent.mkdir(parents=True, exist_ok=True)
    (small_repo / A).write_text(Q, encoding="utf-8")
    (small_repo / B).write_text(Q.replace("gongan", "jiaoyu"), encoding="utf-8")  # answered differently: WB508 in b.yaml citing a.yaml:2
    repo = Repository(small_repo)
    check_change(repo, {A: "# 新加的一行注释\n" + Q}, "测试")  # the citation becomes a.yaml:3: still the same, old finding
    with pytest.raises(InvalidData):
        check_change(repo, {A: Q.replace("gongan", "minzheng")}, "测试")  # a new answer makes it a different finding: blocked


def test_a_new_error_elsewhere_blocks(small_repo: Path):
    repo = Repository(small_repo)
    meeting = "data/meetings/2026/2026-03-15-director.yaml"
    text = (small_repo / meeting).read_text(encoding="utf-8").replace("id: 2026-03-15-director-1", "id: 2026-03-15-director-9")
    with pytest.raises(InvalidData) as info:  # the case cites decision -1 as its source: WB806 in the case file, not in the change
        check_change(repo, {meeting: text}, "测试")
    assert [(d.code, d.path) for d in info.value.report.sorted()] == [("WB806", "data/cases/2026/db-2026-1.yaml")]
