"""Side-by-side benchmarks on synthetic repositories; writes benchmarks/RESULTS.md.

    python benchmarks/run.py [--scales county city] [--runs 3] [--no-yamllint] [--out benchmarks/RESULTS.md]

For each scale: a synthetic repository (benchmarks/generate.py), then, in fresh
processes, medians over --runs of: `weibao validate` cold (no cache), warm
(cache, nothing changed) and warm after one file changed; the bare
yaml.CSafeLoader parse loop over the same files (the floor); `yamllint -d relaxed`
(one run; skipped with a note when not installed); `weibao --help`, `weibao who`,
`weibao case list --overdue` and `weibao report`; peak memory of a cold validate.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

WEIBAO = [sys.executable, "-m", "weibao"]
MARKER = "<!-- 以下为手写的分析，run.py 重跑时保留 -->"
FLOOR = (
    "import sys, pathlib, yaml\n"
    "for p in pathlib.Path(sys.argv[1]).rglob('*.yaml'):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


def timed(cmd: list[str], cwd: Path, env: dict | None = None, before=None) -> tuple[float, int]:
    """Seconds and peak RSS (KB) of one run in a fresh process."""
    if before:
        before()
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} 失败（{p.returncode}）：{p.stderr[-2000:]}")
    rss = int(p.stderr.strip().splitlines()[-1]) if p.stderr.strip().splitlines()[-1].isdigit() else 0
    return dt, rss


def median(cmd, cwd, runs, env=None, before=None) -> tuple[float, float, float, int]:
    out = [timed(cmd, cwd, env, before) for _ in range(runs)]
    ts = [t for t, _ in out]
    return statistics.median(ts), min(ts), max(ts), max(r for _, r in out)


def bench_scale(scale: str, runs: int, yamllint: bool) -> list[tuple[str, str]]:
    work = Path(tempfile.mkdtemp(prefix=f"weibao-{scale}-"))
    repo = work / "repo"
    t = time.perf_counter()
    n = generate(repo, scale)
    gen_s = time.perf_counter() - t
    size = sum(p.stat().st_size for p in (repo / "data").rglob("*.yaml")) / 1e6
    env = {**os.environ}
    as_of = ["--as-of", "2026-01-10"]
    cache = repo / ".weibao"
    changed = repo / "data" / "cases" / "2023" / "db-2023-1.yaml"
    counter = [0]

    def drop_cache():
        shutil.rmtree(cache, ignore_errors=True)

    def touch_one():
        counter[0] += 1
        changed.write_text(changed.read_text(encoding="utf-8") + f"# 基准测试改动 {counter[0]}\n", encoding="utf-8")

    cold = median(WEIBAO + ["validate", *as_of], repo, runs, env, drop_cache)
    subprocess.run(WEIBAO + ["validate", *as_of], cwd=repo, capture_output=True)
    warm = median(WEIBAO + ["validate", *as_of], repo, runs, env)
    one = median(WEIBAO + ["validate", *as_of], repo, runs, env, touch_one)
    floor = median([sys.executable, "-c", FLOOR, "data"], repo, runs)
    res = {"validate（冷，无缓存）": cold, "validate（热，无改动）": warm, "validate（热，改一个文件）": one, "CSafeLoader 解析循环（下限）": floor}
    if yamllint and shutil.which("yamllint"):
        res["yamllint -d relaxed"] = median(["yamllint", "-d", "relaxed", "data"], repo, 1)
    res["weibao --help"] = median(WEIBAO + ["--help"], repo, runs)
    res["weibao who 网吧让初中生通宵上网"] = median(WEIBAO + ["who", "网吧让初中生通宵上网"], repo, runs)
    res["weibao case list --overdue"] = median(WEIBAO + ["case", "list", "--overdue", *as_of], repo, runs)
    res["weibao report"] = median(WEIBAO + ["report", *as_of], repo, runs)
    print(f"\n{scale}：{n} 个文件，{size:.1f} MB（生成用时 {gen_s:.1f} s）")
    lines = [f"### {scale}：{n} 个文件，{size:.1f} MB", "", "| 测量 | 中位数 s | 最小 s | 最大 s | 峰值内存 MB |", "|---|---|---|---|---|"]
    for label, (med, lo, hi, rss) in res.items():
        lines.append(f"| {label} | {med:.2f} | {lo:.2f} | {hi:.2f} | {rss / 1024:.0f} |")
        print(f"  {label:<34}{med:>8.2f}{lo:>8.2f}{hi:>8.2f}{rss / 1024:>8.0f}")
    lines.append("")
    lines.append(f"- 冷 validate ÷ 解析下限 = {cold[0] / floor[0]:.2f}×；每万个文件：冷 {cold[0] / n * 1e4:.2f} s，热 {warm[0] / n * 1e4:.2f} s，"
                 f"改一个文件后 {one[0] / n * 1e4:.2f} s")
    if "yamllint -d relaxed" in res:
        lines.append(f"- yamllint ÷ 冷 validate = {res['yamllint -d relaxed'][0] / cold[0]:.1f}×")
    else:
        lines.append("- yamllint 未安装，未测（pip install yamllint 后重跑）")
    lines.append("")
    shutil.rmtree(work, ignore_errors=True)
    return [(scale, "\n".join(lines))]


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo", encoding="utf-8") if line.startswith("MemTotal")))
        mem = f"，内存 {kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.release()}，{os.cpu_count()} 核 {cpu}{mem}，Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="+", default=["county", "city"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-yamllint", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = ap.parse_args()
    sections = []
    for s in args.scales:
        sections += bench_scale(s, args.runs, not args.no_yamllint)
    text = "\n".join([
        "# 基准测试结果", "", f"由 `python benchmarks/run.py --scales {' '.join(args.scales)} --runs {args.runs}` 生成。", "",
        f"机器：{machine()}。", "", "每项都在新进程中运行；时间包括 Python 启动。合成数据见 benchmarks/generate.py。", "",
        *[body for _, body in sections],
    ])
    keep = ""
    if args.out.exists():  # a hand-written analysis after the marker survives reruns
        old = args.out.read_text(encoding="utf-8")
        if MARKER in old:
            keep = "\n" + MARKER + old.split(MARKER, 1)[1]
    args.out.write_text(text + "\n" + keep, encoding="utf-8")
    print(f"\n已写入 {args.out}")


if __name__ == "__main__":
    main()
