"""domain/cells.py: every CSV cell from data is guarded against formula execution, in one writer (issue 21)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from weibao.domain.cells import csv_text, safe_text


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","点这里")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_get_an_apostrophe(text: str):
    assert safe_text(text) == "'" + text
    (row,) = csv.reader(io.StringIO(csv_text([[text]]).lstrip("\ufeff")))
    assert row == ["'" + text]


def test_other_cells_are_kept():
    assert safe_text("旗公安局") == "旗公安局" and safe_text(3) == 3 and safe_text(None) is None
    assert csv_text([["a", "b"], ["旗民政局", 1]]) == "\ufeffa,b\r\n旗民政局,1\r\n"


def test_matrix_csv_guards_unit_and_topic_names(repo: Path):
    """matrix --format csv wrote cells unguarded: a topic named =HYPERLINK(…) opened as a link in Excel and WPS."""
    from typer.testing import CliRunner

    from weibao.cli.app import app, register

    register()
    topics = repo / "data" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    topics.write_text(text.replace(first_name, first_name.split("name:")[0] + 'name: "=HYPERLINK(1)"', 1), encoding="utf-8")
    r = CliRunner().invoke(app, ["--repo", str(repo), "matrix", "--format", "csv"])
    assert r.exit_code == 0, r.output
    cells = [c for row in csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))) for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells
