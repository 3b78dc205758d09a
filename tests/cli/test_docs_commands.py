"""The docs do not drift (issue 25): docs/guide.md showed 得分 3.40 where the command printed 5.00.

- Every `weibao …` line in a code block of README.md and docs/*.md is parsed as the command line it is: a command
  or option that no longer exists, or a missing required one, fails here.
- The transcripts (```console blocks: "$ weibao …" and the output under it) run in order against a copy of the
  bundled data, as of 2026-12-04 (WEIBAO_NOW), and their output must be the one shown.  Steps a clerk does by hand
  between two commands are HTML comments the reader does not see:
    <!-- 文档测试：复制 examples/… → data/… -->       copy a sample in
    <!-- 文档测试：改 data/…：原文 → 新文 -->        edit a file (the first occurrence)
    <!-- 文档测试：删 data/… -->                     remove a file
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register
from weibao.cli.zh import click_exceptions

register()
runner = CliRunner()
DOCS = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name not in ("cli.md", "diagnostics.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
DIRECTIVE = re.compile(r"<!-- 文档测试：(.+?) -->")


def _command_lines(text: str) -> list[str]:
    out = []
    for _lang, body in FENCE.findall(text):
        for line in re.sub(r"\\\n\s*", " ", body).splitlines():  # a command continued with a backslash
            line = line.strip().removeprefix("$ ").strip()
            if line.startswith("weibao ") and "…" not in line and "|" not in line.split("#")[0]:
                out.append(line)
    return out


def _argv(line: str) -> list[str]:
    line = re.split(r"\s+#\s", line, maxsplit=1)[0]  # a comment after the command
    line = re.split(r"\s(?:>>|>|\|\||&&|\|)\s", line)[0]  # redirection, pipes, a second command
    line = re.sub(r"\$\(date[^)]*\)", "2026-06-01", line)
    return shlex.split(line)[1:]


def _parse(root, argv: list[str]) -> None:
    """Parse a command line as weibao would, down to its command, without running it (click's contexts)."""
    def rest(ctx) -> list[str]:  # the arguments left for a subcommand (typer's bundled click keeps them private)
        return list(getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", None) or []) + list(ctx.args)

    ctx = root.make_context("weibao", list(argv))
    cmd, args = root, rest(ctx)
    while args and hasattr(cmd, "commands"):
        name, *args = args
        if name not in cmd.commands:
            raise click_exceptions().UsageError(f"没有命令 {name}")
        cmd = cmd.commands[name]
        ctx = cmd.make_context(name, list(args), parent=ctx)
        args = rest(ctx)


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_every_command_in_the_docs_parses(doc: Path):
    import typer
    import typer.main

    root = typer.main.get_command(app)
    ce = click_exceptions()
    bad = []
    for line in _command_lines(doc.read_text(encoding="utf-8")):
        try:
            _parse(root, _argv(line))
        except typer.Exit:  # --help, --version
            pass
        except ce.ClickException as exc:
            bad.append(f"{line}  →  {exc.format_message()}")
    assert bad == []
    for wrong in (["validate", "--no-such-option"], ["case", "new", "--kind", "督办"], ["no-such-command"]):  # the check can fail
        with pytest.raises(ce.UsageError):
            _parse(root, wrong)


def _transcript_steps(text: str) -> list[tuple[str, object]]:
    """("do", directive) and ("run", (command line, expected output)) in the order the document has them."""
    steps: list[tuple[str, object]] = []
    for m in re.finditer(r"<!-- 文档测试：(.+?) -->|^```console\n(.*?)^```", text, re.M | re.S):
        if m.group(1):
            steps.append(("do", m.group(1)))
            continue
        command, output = None, []
        for line in m.group(2).splitlines():
            if line.startswith("$ "):
                if command:
                    steps.append(("run", (command, _trimmed(output))))
                command, output = line[2:], []
            elif line or output:
                output.append(line)
        if command:
            steps.append(("run", (command, _trimmed(output))))
    return steps


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _do(repo: Path, directive: str) -> None:
    m = re.fullmatch(r"复制 (\S+) → (\S+)", directive)
    if m:
        src, dst = ROOT / m.group(1), repo / m.group(2)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dst)
        return
    m = re.fullmatch(r"改 (\S+)：(.+) → (.+)", directive)
    if m:
        p = repo / m.group(1)
        text = p.read_text(encoding="utf-8")
        assert m.group(2) in text, directive
        p.write_text(text.replace(m.group(2), m.group(3), 1), encoding="utf-8")
        return
    m = re.fullmatch(r"删 (\S+)", directive)
    if m:
        (repo / m.group(1)).unlink()
        return
    raise AssertionError(f"看不懂的文档测试指令：{directive}")


TRANSCRIPTS = [p for p in DOCS if "```console" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("doc", TRANSCRIPTS, ids=[p.name for p in TRANSCRIPTS])
def test_transcripts_print_what_the_docs_show(doc: Path, tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    monkeypatch.chdir(repo)
    for kind, step in _transcript_steps(doc.read_text(encoding="utf-8")):
        if kind == "do":
            _do(repo, str(step))
            continue
        command, expected = step  # type: ignore[misc]
        r = runner.invoke(app, _argv(command), env={"COLUMNS": "100"})
        got = [line.rstrip() for line in r.output.rstrip("\n").splitlines()]
        assert got == [line.rstrip() for line in expected], f"{doc.name}：$ {command}"
