"""weibao export --format json: the documented shape."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def _export(root: Path):
    return runner.invoke(app, ["--repo", str(root), "export", "--format", "json"])


def test_shape(repo: Path):
    r = _export(repo)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert set(doc) >= {"settings", "office", "units", "meetings", "cases", "documents"}
    assert doc["settings"]["office"]["short_name"] == "旗未保办"
    assert [u["order"] for u in doc["units"]] == list(range(1, 30))
    gongan = next(u for u in doc["units"] if u["id"] == "gongan")
    assert gongan["name"] == "旗公安局"
    assert gongan["duties"][0] == {
        "id": "gongan-1",
        "text": "确定专门机构或者指定专门人员负责办理涉及未成年人案件。",
        "role": "lead",
        "role_basis": "负责",
        "topics": ["judicial"],
        "note": None,
    }
    assert doc["meetings"] == [] and doc["cases"] == []
    assert [d["number"] for d in doc["documents"]] == ["奈政办字〔2022〕40号"]
    assert {m["name"] for m in doc["office"]["meeting_types"]} == {"主任办公会", "办公室成员会议", "专题工作会议"}


def test_export_refuses_invalid_data(repo: Path):
    (repo / "data/units/gongan.yaml").write_text("id: gongan\n", encoding="utf-8")
    r = _export(repo)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "data/units/gongan.yaml:1:1: 错误[WB203]" in r.stderr


def test_export_to_file(repo: Path, tmp_path: Path):
    out = tmp_path / "out" / "weibao.json"
    r = runner.invoke(app, ["--repo", str(repo), "export", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["units"][0]["id"] == "xuanchuanbu"
