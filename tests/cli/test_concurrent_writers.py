"""Writers at the same time: each write command run by 2–8 processes at once, 20 rounds.

Two writers never both report success for one number or one state change, and no reported update is ever missing:
the write lock (core/transaction.py) makes them take turns, each under the lock reads the repository afresh.
The writers are forked processes running the real command line (the lock is a file lock between processes)."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import re
import sys
from pathlib import Path
from typing import Callable

import pytest
import typer
import yaml
from conftest import COPY_IGNORE, SMALL_DUTIES, tree
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
pytestmark = pytest.mark.skipif(sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods(),
                                reason="forked writers need fork")
ROUNDS = 20
CASE = "data/cases/2026/db-2026-1.yaml"
MEETING = "data/meetings/2026/2026-03-15-director.yaml"


COMMAND = typer.main.get_command(app)  # built once; the forked writers share it


def _writer(args: list[str], barrier, conn) -> None:  # in the child process: what the installed `weibao` does
    out = io.StringIO()
    code = 0
    try:
        barrier.wait(timeout=60)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                COMMAND.main(args=args, prog_name="weibao")
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        conn.send((code, out.getvalue()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        conn.send((99, out.getvalue() + repr(exc)))
    finally:
        conn.close()


def race(argsets: list[list[str]]) -> list[tuple[int, str]]:
    """Run the commands at once, one process each; their (exit code, output) in the same order."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(argsets))
    pipes, procs = [], []
    for args in argsets:
        recv, send = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_writer, args=(args, barrier, send))
        p.start()
        send.close()
        pipes.append(recv)
        procs.append(p)
    out = [pipe.recv() for pipe in pipes]
    for p in procs:
        p.join(timeout=60)
    return out


def writers(round_no: int) -> int:
    return 2 + round_no % 7  # 2 … 8


def clean(repo: Path) -> None:
    """The repository validates, and no temporary file is left anywhere."""
    r = CliRunner().invoke(app, ["--repo", str(repo), "validate"])
    assert r.exit_code == 0, r.output
    assert not [p for p in repo.rglob("*.tmp")]


def each_round(small_repo_factory: Callable[[int], Path], check: Callable[[Path, int], None]) -> None:
    for i in range(ROUNDS):
        repo = small_repo_factory(i)
        check(repo, writers(i))
        clean(repo)


@pytest.fixture
def fresh(small_template: Path, tmp_path: Path) -> Callable[[int], Path]:
    import shutil

    def make(i: int) -> Path:
        dest = tmp_path / f"r{i}"
        shutil.copytree(small_template, dest, ignore=COPY_IGNORE)
        return dest

    return make


def ok(results: list[tuple[int, str]]) -> list[str]:
    assert all(code == 0 for code, _ in results), results
    return [out for _, out in results]


def exactly_one(results: list[tuple[int, str]], refusal: str) -> str:
    wins = [out for code, out in results if code == 0]
    assert len(wins) == 1, results
    assert all(code == 2 and refusal in out for code, out in results if code != 0), results
    return wins[0]


def load(repo: Path, rel: str) -> dict:
    return yaml.safe_load((repo / rel).read_text(encoding="utf-8"))


def test_case_new(fresh):
    def check(repo: Path, n: int) -> None:
        outs = ok(race([["--repo", str(repo), "case", "new", "--kind", "督办", "--lead", "公安", "--subject", f"并发立案{k}（样例）",
                         "--date", "2026-06-01"] for k in range(n)]))
        ids = [re.search(r"已立案：(db-2026-\d+)", o).group(1) for o in outs]
        assert len(set(ids)) == n and sorted(int(x.rsplit("-", 1)[1]) for x in ids) == list(range(2, n + 2))
        for k, cid in enumerate(ids):
            assert load(repo, f"data/cases/2026/{cid}.yaml")["subject"] == f"并发立案{k}（样例）"

    each_round(fresh, check)


def test_case_log_and_decision_progress(fresh):
    def check(repo: Path, n: int) -> None:
        outs = ok(race([["--repo", str(repo), "case", "log", "db-2026-1", f"并发进展{k}（样例）", "--date", "2026-06-01"] for k in range(n)]))
        counts = sorted(int(re.search(r"第 (\d+) 条记录", o).group(1)) for o in outs)
        assert counts == list(range(4, 4 + n))
        assert {e["text"] for e in load(repo, CASE)["log"][3:]} == {f"并发进展{k}（样例）" for k in range(n)}
        outs = ok(race([["--repo", str(repo), "decision", "progress", "2026-03-15-director-2", f"并发进展{k}（样例）", "--date", "2026-06-01"]
                        for k in range(n)]))
        assert sorted(int(re.search(r"第 (\d+) 条进展", o).group(1)) for o in outs) == list(range(1, n + 1))
        progress = load(repo, MEETING)["decisions"][1]["progress"]
        assert sorted(p["text"] for p in progress) == sorted(f"并发进展{k}（样例）" for k in range(n))

    each_round(fresh, check)


def test_state_changes_happen_once(fresh):
    def check(repo: Path, n: int) -> None:
        exactly_one(race([["--repo", str(repo), "case", "move", "db-2026-1", "整改中", "--date", "2026-06-01"]] * n), "不能改为")
        assert [e.get("state") for e in load(repo, CASE)["log"]].count("整改中") == 2  # once before, once now
        exactly_one(race([["--repo", str(repo), "decision", "done", "2026-03-15-director-1", "--date", "2026-06-01"]] * n), "不能改为")
        assert load(repo, MEETING)["decisions"][0]["status"] == "已办结"

    each_round(fresh, check)


def test_case_close_once(fresh):
    def check(repo: Path, n: int) -> None:
        exactly_one(race([["--repo", str(repo), "case", "close", "db-2026-1", "--verified-by", "督查专员", "--result", f"核验{k}（样例）",
                           "--date", "2026-06-01"] for k in range(n)]), "只有“待核验”的事项才能核验办结")
        assert load(repo, CASE)["state"] == "办结"

    each_round(fresh, check)


def test_case_extend(fresh):
    def check(repo: Path, n: int) -> None:
        days = [f"2026-07-{k + 1:02d}" for k in range(n)]
        results = race([["--repo", str(repo), "case", "extend", "db-2026-1", "--to", d, "--reason", "样例", "--approved-by", "director",
                         "--date", "2026-06-01"] for d in days])
        won = {d for d, (code, _) in zip(days, results) if code == 0}
        assert won and all(code == 2 and "不晚于" in out for code, out in results if code != 0), results
        on_disk = [str(x["to"]) for x in load(repo, CASE)["extensions"]]
        assert set(on_disk) == won and on_disk == sorted(on_disk)

    each_round(fresh, check)


def test_meeting_doc_and_record_numbers(fresh):
    def check(repo: Path, n: int) -> None:
        outs = ok(race([["--repo", str(repo), "meeting", "new", "--type", "专题工作会议", "--date", "2026-06-01"]] * n))
        paths = [re.search(r"已新建 (\S+?\.yaml)", o).group(1) for o in outs]
        assert len(set(paths)) == n and all((repo / p).is_file() for p in paths)
        outs = ok(race([["--repo", str(repo), "doc", "new", "--type", "通知", "--prefix", "某未保办发", "--date", "2026-06-01"]] * n))
        numbers = [re.search(r"发文字号 (\S+?)。", o).group(1) for o in outs]
        assert sorted(numbers, key=lambda x: int(x.split("〕")[1][:-1])) == [f"某未保办发〔2026〕{k}号" for k in range(1, n + 1)]
        outs = ok(race([["--repo", str(repo), "new", kind, "--date", "2026-06-01"] for kind in (["research", "study", "notification"] * 3)[:n]]))
        made = [re.search(r"已新建 (\S+?\.yaml)", o).group(1) for o in outs]
        assert len(set(made)) == n and all((repo / p).is_file() for p in made)

    each_round(fresh, check)


def test_new_annual_plan_once(fresh):
    def check(repo: Path, n: int) -> None:
        exactly_one(race([["--repo", str(repo), "new", "annual-plan", "--date", "2027-01-01"]] * n), "已经存在")

    each_round(fresh, check)


def test_learn(fresh):
    def check(repo: Path, n: int) -> None:
        questions = [f"并发记入的问题{k}：学校旁边有人卖烟给孩子" for k in range(n)]
        ok(race([["--repo", str(repo), "learn", q, "--lead", "公安"] for q in questions]))
        recorded = [q["q"] for q in load(repo, "data/questions/learned.yaml")["questions"]]
        assert sorted(recorded) == sorted(questions)

    each_round(fresh, check)


def test_fmt(fresh):
    def check(repo: Path, n: int) -> None:
        for rel in ("data/units/gongan.yaml", "data/units/jiaoyu.yaml"):
            p = repo / rel
            p.write_text(p.read_text(encoding="utf-8").replace("\nduties:", "\n\nduties:"), encoding="utf-8")
        ok(race([["--repo", str(repo), "fmt"]] * n))
        assert CliRunner().invoke(app, ["--repo", str(repo), "fmt", "--check"]).exit_code == 0

    each_round(fresh, check)


def test_init_and_import_once(fresh, tmp_path: Path):
    src = tmp_path / "duties.txt"
    src.write_text(SMALL_DUTIES, encoding="utf-8")
    warm = tmp_path / "warm"  # the schemas and the rewritten rules are computed once here; the forked writers reuse them
    assert CliRunner().invoke(app, ["init", str(warm), "--region", "某某县", "--office-host", "民政局"]).exit_code == 0
    for i in range(ROUNDS):
        n = writers(i)
        target = tmp_path / f"county{i}"
        exactly_one(race([["init", str(target), "--region", "某某县", "--office-host", "民政局"]] * n), "不是空目录")
        before = tree(target)
        exactly_one(race([["--repo", str(target), "import-duties", str(src)]] * n), "没有覆盖")
        assert len(list((target / "data/units").glob("*.yaml"))) == 3 and tree(target) != before
        clean(target)
