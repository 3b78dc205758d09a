"""Time `weibao diff HEAD~1` and `weibao history` on a repository with 1,000 commits that touch the data.

    python benchmarks/history_bench.py [--commits 1000] [--runs 5] [--keep DIR]

The repository is built with `git fast-import` from the bundled data plus the
sample meetings and cases: each commit appends a progress entry to one of the
sample cases or changes the 联络员 of one unit (the kinds of change reviewers see).
Each command runs in a fresh process; the table gives the median and min/max.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _blob(data: bytes) -> bytes:
    return b"data %d\n" % len(data) + data + b"\n"


def build(dest: Path, commits: int) -> None:
    files: dict[str, bytes] = {}
    for p in (ROOT / "data").rglob("*"):
        if p.is_file():
            files[p.relative_to(ROOT).as_posix()] = p.read_bytes()
    for sub, kind in (("meetings", "meetings"), ("cases", "cases")):
        for p in (ROOT / "examples" / sub / "good" / "2026").glob("*.yaml"):
            files[f"data/{kind}/2026/{p.name}"] = p.read_bytes()
    # open sample cases only (a closed case takes no more progress)
    cases = [k for k in sorted(files) if k.startswith("data/cases/2026/") and not re.search("^state: (办结|中止)", files[k].decode(), re.M)]
    units = ["data/units/gongan.yaml", "data/units/jiaoti.yaml", "data/units/minzheng.yaml"]
    stream = bytearray()
    t0 = 1_767_225_600  # 2026-01-01

    def commit(i: int, message: str, changed: dict[str, bytes]) -> None:
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(b"committer Bench <bench@example.org> %d +0800\n" % (t0 + i * 3600))
        stream.extend(_blob(message.encode("utf-8")))
        for path, data in changed.items():
            stream.extend(b"M 100644 inline " + path.encode("utf-8") + b"\n" + _blob(data))

    commit(0, "起始数据", files)
    for i in range(1, commits + 1):
        if i % 4:
            path = cases[i % len(cases)]
            text = files[path].decode("utf-8")
            if "\nlog:\n" in text:
                head, rest = text.split("\nlog:\n", 1)
                lines = rest.split("\n")
                end = next((k for k, line in enumerate(lines) if line and not line.startswith(" ")), len(lines))
                lines[end:end] = ["  - date: 2026-12-31", f"    text: 第 {i} 次跟进（基准测试样例）"]
                text = head + "\nlog:\n" + "\n".join(lines)
            files[path] = text.encode("utf-8")
            commit(i, f"督办进展 {i}", {path: files[path]})
        else:
            path = units[i % len(units)]
            text = files[path].decode("utf-8")


            text = re.sub(r"^liaison:.*?(?=^\S)", f"liaison:\n  id: {Path(path).stem}-liaison\n  name: 样例联络员{i}\n", text, count=1, flags=re.S | re.M)
            files[path] = text.encode("utf-8")
            commit(i, f"联络员备案 {i}", {path: files[path]})
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "-q", "-f", "main"], check=True)


def timed(cmd: list[str], cwd: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, capture_output=True)
        out.append((time.perf_counter() - t) * 1000)
        if p.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} 失败：{p.stderr.decode()}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    dest = args.keep or Path(tempfile.mkdtemp(prefix="weibao-hist-"))
    t = time.perf_counter()
    build(dest, args.commits)
    n = subprocess.run(["git", "-C", str(dest), "rev-list", "--count", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"仓库：{dest}（{n} 次提交，建库 {time.perf_counter() - t:.1f} s）")
    exe = [sys.executable, "-m", "weibao"]
    rows = [
        ("weibao diff HEAD~1 HEAD", exe + ["diff", "HEAD~1", "HEAD"]),
        ("weibao diff HEAD~100 HEAD", exe + ["diff", "HEAD~100", "HEAD"]),
        ("weibao diff（工作区）", exe + ["diff"]),
        ("weibao history db-2026-2", exe + ["history", "db-2026-2"]),
        ("weibao history gongan", exe + ["history", "gongan"]),
    ]
    print(f"{'命令':<30}{'中位数ms':>10}{'最小ms':>10}{'最大ms':>10}")
    for label, cmd in rows:
        ts = timed(cmd, dest, args.runs)
        print(f"{label:<30}{statistics.median(ts):>10.0f}{min(ts):>10.0f}{max(ts):>10.0f}")
    if args.keep is None:
        shutil.rmtree(dest, ignore_errors=True)


if __name__ == "__main__":
    main()
