"""Templates from a pull request (issue 21): a template, a templates/ folder or an {% include %} that links out of
the repository is refused (its file never read); a FIFO template is refused, not waited on; a template that loops or
writes without end is stopped with its file and line.  Exit code 1, a Chinese message, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
FOUNDING = "zhengban-2022-40"


def cli(repo: Path, *args: str):
    return runner.invoke(app, ["--repo", str(repo), *args])


def secret_outside(repo: Path) -> Path:
    secret = repo.parent / "runner-secret.j2"
    secret.write_text("TOKEN=hunter2\n", encoding="utf-8")
    return secret


def assert_refused(r, *texts: str) -> None:
    assert r.exit_code == 1, r.output
    assert "hunter2" not in r.output and "Traceback" not in r.output
    for t in texts:
        assert t in r.output


def test_a_template_linking_out_of_the_repository(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "templates").mkdir()
    (repo / "templates" / "document.txt.j2").symlink_to(secret_outside(repo))
    assert_refused(cli(repo, "render", FOUNDING, "--format", "txt"), "templates/document.txt.j2", "WB003", "符号链接指向仓库之外")


def test_a_templates_folder_linking_out_of_the_repository(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (outside / "document.txt.j2").write_text("TOKEN=hunter2\n", encoding="utf-8")
    (repo / "templates").symlink_to(outside)
    assert_refused(cli(repo, "render", FOUNDING, "--format", "txt"), "WB003")


def test_an_include_linking_out_of_the_repository(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "templates").mkdir()
    (repo / "templates" / "_part.j2").symlink_to(secret_outside(repo))
    (repo / "templates" / "document.txt.j2").write_text("{% include '_part.j2' %}\n", encoding="utf-8")
    assert_refused(cli(repo, "render", FOUNDING, "--format", "txt"), "templates/_part.j2", "WB003")


def test_a_fifo_template_is_refused(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "templates").mkdir()
    os.mkfifo(repo / "templates" / "document.txt.j2")
    assert_refused(cli(repo, "render", FOUNDING, "--format", "txt"), "WB012", "命名管道")


def test_a_template_that_loops_without_end_is_stopped(repo: Path, monkeypatch):
    import weibao.render.env as env

    monkeypatch.chdir(repo)
    monkeypatch.setattr(env, "RENDER_SECONDS", 0.5)
    (repo / "templates").mkdir()
    (repo / "templates" / "document.txt.j2").write_text(
        "{{ doc.title }}\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", encoding="utf-8")
    r = cli(repo, "render", FOUNDING, "--format", "txt")
    assert_refused(r, "templates/document.txt.j2:2: 模板运行超过 0 秒，已停止")


def test_a_template_that_writes_without_end_is_stopped(repo: Path, monkeypatch):
    import weibao.render.env as env

    monkeypatch.chdir(repo)
    monkeypatch.setattr(env, "RENDER_MAX_CHARS", 10_000)
    (repo / "templates").mkdir()
    (repo / "templates" / "document.txt.j2").write_text("{% for i in range(100000) %}{{ doc.title }}\n{% endfor %}", encoding="utf-8")
    assert_refused(cli(repo, "render", FOUNDING, "--format", "txt"), "templates/document.txt.j2", "模板写出的内容超过")


def test_templates_inside_the_repository_still_work(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "templates").mkdir()
    (repo / "shared").mkdir()
    (repo / "shared" / "part.j2").write_text("{{ doc.number }}", encoding="utf-8")
    (repo / "templates" / "_part.j2").symlink_to(repo / "shared" / "part.j2")  # a link that stays inside is fine
    (repo / "templates" / "document.txt.j2").write_text("[{% include '_part.j2' %}]\n", encoding="utf-8")
    r = cli(repo, "render", FOUNDING, "--format", "txt")
    assert r.exit_code == 0 and r.stdout == "[奈政办字〔2022〕40号]\n"


PAYLOAD = "旗公安局<script>alert(1)</script>[点](javascript:alert(1))|x"


def test_markdown_outputs_show_html_and_links_from_data_as_text(repo: Path):
    """A unit name holding HTML, a javascript: link and a table bar reached report.md, the duties list and the matrix
    as markup (issue 21).  Rendered by markdown-it (CommonMark with raw HTML allowed, as GitLab and many viewers do),
    it is text: no script element, no link, and the table keeps its columns."""
    import subprocess
    import sys

    from markdown_it import MarkdownIt

    for git in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "样例"]):
        subprocess.run(["git", "-c", "user.name=样例", "-c", "user.email=sample@example.invalid", *git], cwd=repo, check=True)
    unit = repo / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("name: 旗公安局\n", f'name: "{PAYLOAD}"\n', 1), encoding="utf-8")
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    shown = PAYLOAD.replace("<", "&lt;").replace(">", "&gt;")
    for args in (["render", "--template", "duties"], ["report", "--as-of", "2026-12-31"], ["matrix", "--format", "md"],
                 ["diff", "--format", "md"]):
        r = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=repo, capture_output=True, text=True, timeout=300)
        assert r.returncode == (1 if args[0] == "diff" else 0), (args, r.stderr)  # diff: 1 when something changed
        html = md.render(r.stdout)
        assert "<script" not in html and "href=" not in html, args
        assert shown in html, (args, [line for line in html.splitlines() if "alert" in line])  # whole, in one cell
