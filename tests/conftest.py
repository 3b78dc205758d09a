"""Shared fixtures: a copy of the bundled data repository in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# a rule that emits a code it does not declare fails the suite (lint/registry.py)
os.environ["WEIBAO_STRICT_RULE_CODES"] = "1"
# "today" for every command the tests run (core/clock.py): the day the bundled data and the samples are checked on,
# so that what is overdue does not change with the calendar (subprocesses inherit it)
os.environ["WEIBAO_NOW"] = "2026-12-04T10:00:00+08:00"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_173f939a4df922fd.txt"


@pytest.fixture
def repo(tmp_path: Path, request) -> Path:
    """A fresh copy of the bundled repository (data/ only) to mutate.

    The sample 问答库 (data/questions/samples-*.yaml, about 2,800 questions) is copied only for test modules that
    set ``WITH_QUESTION_SAMPLES = True`` (who, learn): it adds about 0.2 s to every validation, and the other
    modules test meetings, cases, documents … that never read it."""
    dest = tmp_path / "repo"
    full = getattr(request.module, "WITH_QUESTION_SAMPLES", False)
    shutil.copytree(ROOT / "data", dest / "data", ignore=None if full else _no_samples)
    return dest


def _no_samples(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith("samples-") and Path(folder).name == "questions"]


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"种子文件不在 {SEED}（本测试需要 ../shared/seeds/ 中的原始通知）")
    return SEED.read_text(encoding="utf-8")


def run_validate(root: Path, dates: bool = False):
    """Validate ``root`` and return the sorted diagnostics — without the date findings (overdue, not yet held),
    which depend on the day and are tested on their own, unless ``dates``."""
    from weibao.core.repository import Repository
    from weibao.diagnostics import DATE_CODES
    from weibao.lint.engine import validate

    report, _ = validate(Repository(root))
    return [d for d in report.sorted() if dates or d.code not in DATE_CODES]


def codes(diags) -> list[tuple[str, str, int | None]]:
    return [(d.code, d.path, d.line) for d in diags]


def race_on_load(monkeypatch, module, attr: str, path: Path, note: str) -> None:
    """Make the round-trip YAML factory ``module.attr`` change ``path`` right after reading it (a concurrent edit)."""
    real = getattr(module, attr)

    def racing():
        y = real()
        load = y.load

        def load_and_race(text):
            path.write_text(path.read_text(encoding="utf-8") + note, encoding="utf-8")
            return load(text)

        y.load = load_and_race
        return y

    monkeypatch.setattr(module, attr, racing)


def add_samples(repo: Path, *, meetings: bool = True, cases: bool = True, year: bool = False) -> Path:
    """Copy the invented sample records of examples/ into a repository copy."""
    ex = ROOT / "examples"
    if meetings:
        shutil.copytree(ex / "meetings" / "good" / "2026", repo / "data" / "meetings" / "2026")
    if cases:
        shutil.copytree(ex / "cases" / "good" / "2026", repo / "data" / "cases" / "2026")
    if year:
        shutil.copytree(ex / "year" / "data", repo / "data", dirs_exist_ok=True)
    return repo


SMALL_DUTIES = """某某县未成年人保护工作领导小组成员单位职责分工（测试用样例，虚构）
职责如下：
一、县民政局
负责困境儿童分类保障工作。配合有关部门做好宣传工作。
二、县公安局
依法打击侵害未成年人合法权益的违法犯罪行为。
三、县教育局
负责学校安全管理工作。
"""

SMALL_MEETING = """# 样例（虚构）：小仓库中的一次主任办公会
id: 2026-03-15-director
type: 主任办公会
date: 2026-03-15
title: 2026年第一次主任办公会（样例）
chair:
  position: director
minutes:
  reported_on: 2026-03-17
  issued_on: 2026-03-18
decisions:
  - id: 2026-03-15-director-1
    text: 开展校园周边环境检查（样例）
    lead: [jiaoyu]
    support: [gongan]
    deadline: 2026-06-30
    status: 待办
  - id: 2026-03-15-director-2
    text: 核查困境儿童保障情况（样例）
    lead: [minzheng]
    deadline: 2026-09-30
    status: 待办
"""

SMALL_CASE = """# 样例（虚构）：小仓库中的一件督办事项
id: db-2026-1
kind: 督办
source:
  kind: 议定事项
  ref: 2026-03-15-director-1
subject: 校园周边环境检查的落实（样例）
lead: jiaoyu
support: [gongan]
level: 一般督办
opened: 2026-04-01
deadline: 2026-06-30
state: 待核验
log:
  - date: 2026-04-02
    text: 启动督办（样例）
    state: 督办中
  - date: 2026-04-10
    text: 开始整改（样例）
    state: 整改中
  - date: 2026-05-10
    text: 整改完成，报请核验（样例）
    state: 待核验
"""


def build_small_repo(dest: Path) -> Path:
    """A small, valid repository (three invented units, one meeting, one case) for write tests: validating it takes
    milliseconds, so tests can run many writers against it.  Built with the library (init + import)."""
    from weibao.core.repository import Repository
    from weibao.exchange.import_duties import import_duties
    from weibao.scaffold.init import init_repository

    init_repository(dest, "某某县", "民政局", ["某政办字", "某未保办发"])
    src = dest.parent / f"{dest.name}-duties.txt"
    src.write_text(SMALL_DUTIES, encoding="utf-8")
    summary = import_duties(Repository(dest), src)
    assert summary["written"], summary
    for rel, text in (("data/meetings/2026/2026-03-15-director.yaml", SMALL_MEETING), ("data/cases/2026/db-2026-1.yaml", SMALL_CASE)):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def small_template(tmp_path_factory) -> Path:
    """The small repository, its caches (parsed files, the who index) already built: copies start warm."""
    from weibao.core.canonical import format_repository
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate
    from weibao.who.index import load_index

    repo = build_small_repo(tmp_path_factory.mktemp("small") / "repo")
    validate(Repository(repo))
    load_index(Repository(repo))
    format_repository(Repository(repo), [])  # remembers the canonical texts (weibao fmt --check)
    return repo


COPY_IGNORE = shutil.ignore_patterns(".git", "write.lock", "journal.json")


@pytest.fixture
def small_repo(small_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the small repository (without its git folder; with its caches)."""
    dest = tmp_path / "small"
    shutil.copytree(small_template, dest, ignore=COPY_IGNORE)
    return dest


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root except the state folder .weibao/ (caches, the write lock), as bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".weibao" not in p.relative_to(root).parts and ".git" not in p.relative_to(root).parts}


def fail_nth_write(monkeypatch, n: int, err: int) -> None:
    """Make the n-th os.write of weibao's file writing fail with ``err`` (a disk that fills up midway)."""
    import os as _os

    import weibao.core.files as files

    real = files.os.write
    calls: list[int] = []

    def write(fd: int, data: bytes) -> int:
        calls.append(1)
        if len(calls) == n:
            raise OSError(err, _os.strerror(err))
        return real(fd, data)

    monkeypatch.setattr(files.os, "write", write)


def cli(repo: Path, *args: str):
    """``weibao --repo <repo> ARGS`` through Typer's test runner (the commands registered once)."""
    from typer.testing import CliRunner

    from weibao.cli.app import app, register

    register()
    return CliRunner().invoke(app, ["--repo", str(repo), *args])


def who_json(repo: Path, question: str, top: int = 3) -> dict:
    """The JSON answer of ``weibao who``; the command must succeed."""
    import json

    r = cli(repo, "who", question, "--format", "json", "--top", str(top))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)
