"""validate for CI (issue 25): GitLab's code quality report, and file paths from the git root when the data
repository sits in a subfolder of its git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def county_in_a_subfolder(tmp_path: Path) -> Path:
    """A git repository whose data repository is the folder county/, with one broken unit and one warning."""
    top = tmp_path / "top"
    county = top / "county"
    shutil.copytree(ROOT / "data", county / "data", ignore=shutil.ignore_patterns("samples-*"))
    unit = county / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("order: 7", "order: seven"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return county


def test_github_annotations_name_files_from_the_git_root(tmp_path: Path):
    county = county_in_a_subfolder(tmp_path)
    r = runner.invoke(app, ["--repo", str(county), "validate", "--format", "github"])
    assert r.exit_code == 1
    line = r.stdout.splitlines()[0]
    assert line.startswith("::error file=county/data/units/gongan.yaml,line=") and "title=WB204" in line


def test_gitlab_code_quality_report(tmp_path: Path):
    county = county_in_a_subfolder(tmp_path)
    r = runner.invoke(app, ["--repo", str(county), "validate", "--format", "gitlab"])
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert isinstance(report, list) and len(report) == 1
    (issue,) = report
    assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["check_name"] == "WB204" and issue["severity"] == "major" and len(issue["fingerprint"]) == 64
    assert issue["location"]["path"] == "county/data/units/gongan.yaml" and issue["location"]["lines"]["begin"] > 1
    assert "order" in issue["description"]
    # the same finding on another line keeps its fingerprint (GitLab compares findings between branches by it)
    unit = county / "data/units/gongan.yaml"
    unit.write_text("# 多一行注释\n" + unit.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(runner.invoke(app, ["--repo", str(county), "validate", "--format", "gitlab"]).stdout)[0]
    assert moved["fingerprint"] == issue["fingerprint"] and moved["location"]["lines"]["begin"] == issue["location"]["lines"]["begin"] + 1


def test_a_clean_repository_gives_an_empty_report(repo: Path):
    r = runner.invoke(app, ["--repo", str(repo), "validate", "--format", "gitlab"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
