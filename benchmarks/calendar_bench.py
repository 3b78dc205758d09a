"""Time the calendar feed and the agenda (issue 24) where they cost most.

    python benchmarks/calendar_bench.py [--commits 1000] [--runs 3]

1. History: the repository of benchmarks/history_bench.py (the bundled data and samples, then ``--commits`` commits
   that append case progress or change a liaison); `export --format ics` reads every version of every meeting, case
   and 收文 file in HEAD's history to count each entry's revisions (SEQUENCE) and date them (DTSTAMP).
2. Size: a county-scale synthetic repository over 5 years (benchmarks/generate.py: about 1,000 cases and 100 meetings
   with their decisions), no git history: `agenda` (working days for every dated item) and `export --format ics`.
Each command runs in a fresh process (warm caches: one run first is not counted); median and min/max in ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history_bench import build, timed  # noqa: E402


def row(name: str, cmd: list[str], cwd: Path, runs: int) -> None:
    timed(cmd, cwd, 1)  # warm the caches
    ms = timed(cmd, cwd, runs)
    print(f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f}–{max(ms):.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "weibao"]
    tmp = Path(tempfile.mkdtemp(prefix="weibao-cal-"))
    try:
        hist = tmp / "history"
        build(hist, args.commits)
        county = tmp / "county"
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--scale", "county", "--out", str(county)], check=True, capture_output=True)
        print("| 命令 | 中位数 ms | 范围 ms |\n| --- | --- | --- |")
        row(f"export --format ics（{args.commits} 次提交的历史）", [*exe, "export", "--format", "ics"], hist, args.runs)
        row("agenda（样例数据）", [*exe, "agenda", "--as-of", "2026-12-05"], hist, args.runs)
        row("agenda（旗县规模 5 年）", [*exe, "agenda", "--as-of", "2025-12-05"], county, args.runs)
        row("agenda --format chat（旗县规模 5 年）", [*exe, "agenda", "--as-of", "2025-12-05", "--format", "chat"], county, args.runs)
        row("export --format ics（旗县规模 5 年，无 git）", [*exe, "export", "--format", "ics"], county, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
