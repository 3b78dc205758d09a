"""The bundled data is the seed notice, transcribed without dropping or changing a character."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from weibao.cli.app import app, register

register()

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(旗.+|团旗委)$")


def seed_units(seed: str) -> list[tuple[str, str]]:
    """(heading, paragraph) for each of the 29 unit paragraphs of the seed."""
    part = seed.split("确定各成员单位职责如下：", 1)[1]
    out: list[tuple[str, str]] = []
    heading = None
    for line in (l.strip() for l in part.splitlines()):
        if not line:
            continue
        m = HEADING.match(line)
        if m and "。" not in line:
            heading = m.group(1)
        else:
            assert heading is not None, line
            out.append((heading, line))
            heading = None
    return out


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；])", paragraph) if s]


def export(repo_root) -> dict:
    r = CliRunner().invoke(app, ["--repo", str(repo_root), "export", "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_every_unit_sentence_verbatim_and_in_order(seed_text):
    from conftest import ROOT

    units = seed_units(seed_text)
    assert len(units) == 29
    doc = export(ROOT)
    assert len(doc["units"]) == 29
    all_text = "".join(d["text"] for u in doc["units"] for d in u["duties"])
    pos = 0
    count = 0
    for _heading, para in units:
        for s in sentences(para):
            found = all_text.find(s, pos)
            assert found == pos, f"句子未按原文顺序逐字出现：{s}"
            pos = found + len(s)
            count += 1
    assert pos == len(all_text)  # nothing added either
    assert count == 123  # sentences and semicolon clauses in the 29 paragraphs


def test_units_in_seed_order_with_headings(seed_text):
    from conftest import ROOT

    doc = export(ROOT)
    for (heading, para), unit in zip(seed_units(seed_text), doc["units"], strict=True):
        assert (unit["heading"] or unit["name"]) == heading
        assert "".join(d["text"] for d in unit["duties"]) == para


def test_seed_slips_kept(seed_text):
    from conftest import ROOT

    texts = "".join(d["text"] for u in export(ROOT)["units"] for d in u["duties"])
    assert "未成人保护法" in texts and "捜寻" in texts
    assert "原文如此" in (ROOT / "data/units/renda-neisi.yaml").read_text(encoding="utf-8")
    assert "原文如此" in (ROOT / "data/units/wenlv.yaml").read_text(encoding="utf-8")


def test_unnumbered_units_flagged(seed_text):
    from conftest import ROOT

    doc = export(ROOT)
    unnumbered = [u["order"] for u in doc["units"] if not u["numbered_in_source"]]
    assert unnumbered == [1, 4, 5, 6]


def test_office_rules_verbatim(seed_text):
    from conftest import ROOT

    rules = seed_text.split("办公室工作规则\n", 1)[1].split("奈曼旗未成年人保护工作领导小组\n\n成员单位职责任务分工")[0]
    body = "".join(l.strip() for l in rules.splitlines() if l.strip())
    office = export(ROOT)["office"]
    numerals = "一二三四五六七八九"
    rebuilt = "".join(numerals[s["number"] - 1] + "、" + "".join(s["paragraphs"]) for s in office["sections"])
    assert rebuilt == body


def test_no_person_invented():
    from conftest import ROOT

    doc = export(ROOT)
    assert all(u["office_member"] is None and u["liaison"] is None for u in doc["units"])
    assert all(p["holders"] == [] for p in doc["office"]["positions"])
