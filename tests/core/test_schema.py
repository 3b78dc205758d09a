"""JSON Schemas: shipped = generated, every data file valid against its schema, modelines kept by fmt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.core.repository import Repository
from weibao.core.schemagen import MODELINE, all_schemas
from weibao.core.yamlread import load_file

register()
runner = CliRunner()


def test_shipped_schemas_equal_generated():
    shipped = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert shipped == all_schemas()
    r = runner.invoke(app, ["--repo", str(ROOT), "schema", "--check"])
    assert r.exit_code == 0, r.output


def _files(root: Path):
    return Repository(root).layout().files


@pytest.fixture(scope="module")
def validators():
    return {name.removesuffix(".schema.json"): Draft202012Validator(json.loads(text)) for name, text in all_schemas().items()}


def test_every_data_file_is_valid_against_its_schema(validators, tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "examples/meetings/good/2026", root / "data/meetings/2026")
    shutil.copytree(ROOT / "examples/cases/good/2026", root / "data/cases/2026")
    shutil.copytree(ROOT / "examples/year/data", root / "data", dirs_exist_ok=True)
    kinds = set()
    for f in _files(root):
        loaded = load_file(f.path, f.rel, root)
        errors = list(validators[f.kind.name].iter_errors(loaded.data))
        assert errors == [], (f.rel, [e.message for e in errors])
        kinds.add(f.kind.name)
    assert kinds == set(validators)  # every kind has a sample checked


def test_schema_catches_what_validate_catches(validators):
    unit = load_file(ROOT / "data/units/gongan.yaml", "data/units/gongan.yaml", ROOT).data
    assert list(validators["unit"].iter_errors(unit)) == []
    assert [e.validator for e in validators["unit"].iter_errors({**unit, "colour": "红"})] == ["additionalProperties"]
    assert [e.validator for e in validators["unit"].iter_errors({**unit, "kind": "政府"})] == ["enum"]
    assert [e.validator for e in validators["unit"].iter_errors({**unit, "order": "7"})] == ["type"]


def test_modeline_on_every_data_file_and_kept_by_fmt(repo: Path):
    for f in _files(ROOT):
        first = f.path.read_text(encoding="utf-8").split("\n", 1)[0]
        depth = f.rel.count("/")
        assert first == MODELINE + "../" * depth + f"schemas/{f.kind.name}.schema.json", f.rel
    p = repo / "data/units/gongan.yaml"
    p.write_text(p.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")  # the line removed by hand
    r = runner.invoke(app, ["--repo", str(repo), "fmt"])
    assert r.exit_code == 0
    assert p.read_text(encoding="utf-8").startswith(MODELINE + "../../schemas/unit.schema.json\n# 成员单位：旗公安局\n")
