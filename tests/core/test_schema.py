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


# the JSON Schema 2020-12 vocabulary (core, applicator, validation, meta-data, format, content, unevaluated)
VOCABULARY = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
    "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
    "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
    "minProperties", "required", "dependentRequired", "title", "description", "default", "deprecated", "readOnly",
    "writeOnly", "examples", "format", "contentEncoding", "contentMediaType", "contentSchema",
}
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")  # name → schema
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def _keywords(schema, where="#"):
    """(keyword, where) of every keyword used in a schema and its subschemas."""
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield key, where
        if key in SCHEMA_MAPS:
            for name, sub in value.items():
                yield from _keywords(sub, f"{where}/{key}/{name}")
        elif key in SCHEMA_LISTS:
            for i, sub in enumerate(value):
                yield from _keywords(sub, f"{where}/{key}/{i}")
        elif key in ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                     "unevaluatedItems", "unevaluatedProperties", "contentSchema"):
            yield from _keywords(value, f"{where}/{key}")


def test_schemas_use_only_standard_keywords():
    """Strict validators (ajv's strict mode; .ci/run compiles every schema with it) refuse a keyword outside the
    vocabulary: case.schema.json carried "private".  A private field now says so in a standard "$comment"."""
    unknown = [(name, key, where) for name, text in all_schemas().items() for key, where in _keywords(json.loads(text))
               if key not in VOCABULARY]
    assert unknown == []
    case = json.loads(all_schemas()["case.schema.json"])
    assert case["properties"]["source"]["$ref"] and "私密字段" in json.dumps(case, ensure_ascii=False)


def test_every_schema_pointer_in_the_repository_resolves():
    """The editor modelines of data/ and examples/ point at schemas that exist (examples/ pointed at a folder
    that did not: examples/schemas and examples/year/schemas now lead to the shipped schemas)."""
    broken = []
    for folder in ("data", "examples"):
        for p in (ROOT / folder).rglob("*.yaml"):
            first = p.read_text(encoding="utf-8").split("\n", 1)[0]
            if "$schema=" in first:
                target = (p.parent / first.split("$schema=", 1)[1].strip()).resolve()
                if not target.is_file():
                    broken.append(str(p.relative_to(ROOT)))
    assert broken == []
