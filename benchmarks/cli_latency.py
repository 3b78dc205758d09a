"""Wall-clock latency of weibao commands in a fresh process (median of N runs).

    python benchmarks/cli_latency.py [--runs 15] [--pairs 25]

Prints one row per command: median, min, max in milliseconds, and two references
measured side by side: the bare interpreter start-up and a minimal Typer
application with 20 commands (the floor any Typer CLI pays: typer, click, rich's
help machinery).  The last column is each command's median over that baseline's
(issue 19 asks for ``who`` ≤ 1.3× with a warm index, ≤ 8× on a fresh clone).
Run from the repository root.

The commands run as on a clerk's machine: Python keeps the compiled bytecode of weibao's modules
(``__pycache__``, ignored by git).  A sandbox that sets ``PYTHONDONTWRITEBYTECODE`` would otherwise
make every run compile weibao from source — about 20 ms the baseline, a single small script, never
pays — so the variable is removed for the measured processes; the two warm-up runs write the cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def weibao_cmd() -> list[str]:
    exe = shutil.which("weibao")
    return [exe] if exe else [sys.executable, "-m", "weibao"]


MINIMAL_TYPER = """
import typer
app = typer.Typer()
def make(i):
    def cmd(text: str = typer.Argument(...), top: int = 3):
        \"\"\"Command.\"\"\"
        typer.echo(f"{i}:{text}:{top}")
    return cmd
for i in range(20):
    app.command(f"cmd{i}")(make(i))
app()
"""
BASELINE = "最小 Typer 应用（20 个命令）"

COMMANDS = {
    "python -c pass（基准）": [sys.executable, "-c", "pass"],
    BASELINE: [sys.executable, "-c", MINIMAL_TYPER, "cmd3", "学校旁边的网吧"],
    "weibao --help": [*weibao_cmd(), "--help"],
    "weibao validate data": [*weibao_cmd(), "validate", "data"],
    "weibao export --format json": [*weibao_cmd(), "export", "--format", "json"],
    "weibao fmt --check data": [*weibao_cmd(), "fmt", "--check", "data"],
    "weibao who（无缓存，冷启动）": [*weibao_cmd(), "who", "学校旁边的网吧让初中生进去通宵上网，该找哪个部门？"],
    "weibao who（索引已缓存）": [*weibao_cmd(), "who", "学校旁边的网吧让初中生进去通宵上网，该找哪个部门？"],
    "weibao unit 公安": [*weibao_cmd(), "unit", "公安"],
    "weibao matrix --format csv": [*weibao_cmd(), "matrix", "--format", "csv"],
}


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], runs: int, cold: bool = False) -> list[float]:
    times = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(ROOT / ".weibao", ignore_errors=True)
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def paired(runs: int) -> None:
    """The baseline and the warm ``who`` run alternately, so that a change of the machine's load hits both: the
    median of the per-pair ratios is the figure to compare across commits (one-after-the-other medians move by
    ±0.1 between runs on a shared machine)."""
    base, who = COMMANDS[BASELINE], COMMANDS["weibao who（索引已缓存）"]
    measure(base, 2)
    measure(who, 2)
    b, w = [], []
    for _ in range(runs):
        b += measure(base, 1)
        w += measure(who, 1)
    ratio = statistics.median(x / y for x, y in zip(w, b))
    print(f"交替 {runs} 对：最小 Typer 应用 {statistics.median(b):.1f} ms，who（索引已缓存）{statistics.median(w):.1f} ms，"
          f"逐对比值中位数 {ratio:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--pairs", type=int, default=0, help="only the warm who against the baseline, alternately, N pairs")
    args = ap.parse_args()
    if args.pairs:
        paired(args.pairs)
        return
    print(f"{'命令':<34}{'中位数ms':>10}{'最小ms':>10}{'最大ms':>10}{'÷Typer':>8}")
    base = None
    for name, cmd in COMMANDS.items():
        measure(cmd, 2)  # warm the file-system cache (and the .weibao/ index for who/unit/matrix)
        t = measure(cmd, args.runs, cold="冷启动" in name)
        if name == BASELINE:
            base = statistics.median(t)
        ratio = f"{statistics.median(t) / base:>8.2f}" if base else f"{'':>8}"
        print(f"{name:<34}{statistics.median(t):>10.1f}{min(t):>10.1f}{max(t):>10.1f}{ratio}")


if __name__ == "__main__":
    main()
