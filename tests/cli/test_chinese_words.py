"""Every user-facing word Chinese (issue 25): the help of every command, the headers of every export table, the
field names in diff and history, and the messages for bad option values.  ASCII words are allowed only where they
are names: commands, option values (formats), ids and field names of the data, codes, file names, product names."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.model import MODELS
from weibao.model.base import Model

register()
runner = CliRunner()

# names that stay as they are: products, formats and standards, shells, git words, the tool and its variables
NAMES = {
    "GitHub", "GitLab", "Actions", "Excel", "Word", "WPS", "LibreOffice", "Chromium", "PDF", "HTML", "JSON", "YAML", "Markdown",
    "DOCX", "XLSX", "CSV", "BOM", "Schema", "Code", "PowerShell", "Tab", "bash", "zsh", "fish", "shell", "git", "HEAD", "main",
    "weibao", "WEIBAO_REPO", "today", "true", "false", "draft", "iCalendar", "SQLite", "UTF",
}
WORD = re.compile(r"(?<![-\w./$@〔])[A-Za-z][A-Za-z_]{2,}(?![\w./-])")


def _commands(cmd, prefix=()):
    yield prefix, cmd
    for name, sub in (getattr(cmd, "commands", None) or {}).items():
        yield from _commands(sub, (*prefix, name))


def _field_names(model, seen):
    if model in seen:
        return
    seen.add(model)
    for name, f in model.model_fields.items():
        yield name
        for arg in (f.annotation, *typing.get_args(f.annotation)):
            for sub in (arg, *typing.get_args(arg)):
                if isinstance(sub, type) and issubclass(sub, Model):
                    yield from _field_names(sub, seen)


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    import typer.main

    names = set(NAMES)
    root = typer.main.get_command(app)
    for path, cmd in _commands(root):
        names.update(path)
        for p in getattr(cmd, "params", []):
            for holder in (getattr(p, "type", None), getattr(p, "type_descriptor", None)):
                names.update(str(getattr(c, "value", c)) for c in (getattr(holder, "choices", None) or []))
    seen: set = set()
    for model in MODELS.values():
        names.update(_field_names(model, seen))
    names.update(p.name.split(".")[0] for p in (ROOT / "weibao" / "templates").glob("*.j2"))  # render --template names
    names.update(("data", "research", "study", "notification"))  # the data folder; the kinds `weibao new` makes
    for text in (ROOT / "data").rglob("*.yaml"):  # ids of the bundled data (units, positions, rules …)
        names.update(re.findall(r"^\s*-?\s*id: ([a-z][a-z0-9-]*)$", text.read_text(encoding="utf-8"), re.M))
    return names


def test_every_commands_help_is_chinese(allowed):
    import typer.main

    stray = {}
    for path, _cmd in _commands(typer.main.get_command(app)):
        out = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "220"}).stdout
        words = {w for w in WORD.findall(out) if w not in allowed}
        if words:
            stray[" ".join(path) or "weibao"] = sorted(words)
    assert stray == {}


def test_value_types_and_bad_values_are_said_in_chinese(repo: Path):
    out = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "220"}).stdout
    assert "<bool>" not in out and "[OPTIONS]" not in out and "用法：weibao validate [选项]" in out
    assert "<文字…>" in runner.invoke(app, ["fmt", "--help"], env={"COLUMNS": "220"}).stdout
    for args, said in ((["decisions", "--due-within", "abc"], "--due-within 的值无效：应为整数。"),
                       (["decisions", "--due-within", "-1"], "--due-within 的值无效：应不小于 0。"),
                       (["meetings", "check", "--year", "二〇二六"], "--year 的值无效：应为整数。")):
        r = runner.invoke(app, ["--repo", str(repo), *args])
        assert r.exit_code == 2 and said in r.output and "Input should" not in r.output, r.output


def test_export_headers_and_values_are_chinese(repo: Path, tmp_path: Path, allowed):
    from conftest import add_samples
    from openpyxl import load_workbook

    add_samples(repo, year=True)
    out = tmp_path / "w.xlsx"
    r = runner.invoke(app, ["--repo", str(repo), "export", "--format", "xlsx", "--out", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    headers = [c.value for ws in wb.worksheets for c in ws[1]]
    assert [h for h in headers if WORD.search(h.replace("id", ""))] == []
    meetings = wb["会议"]
    col = [c.value for c in meetings[1]].index("主持人职务")
    assert {row[col] for row in meetings.iter_rows(min_row=2, values_only=True)} == {"主任", "副主任", "领导小组组长"}  # was director, deputy, leader


def test_diff_names_fields_in_chinese(repo: Path):
    from weibao.exchange.history.text import field_label

    assert field_label("liaison.phone", MODELS["unit"]) == "联络员·办公电话"
    assert field_label("duties[0].text", MODELS["unit"]) == "职责任务·第 1 项·职责原文"
    assert field_label("level", MODELS["case"]) == "督办级别"
    assert field_label("no_such_field", MODELS["case"]) == "no_such_field"  # what someone wrote, as written
