"""Time and memory on hostile-sized inputs (issue 21), printed as figures.

    python benchmarks/untrusted_bench.py

- diff of a 200,000-character text with 200 one-character edits, and of two unrelated 200,000-character texts made
  of three characters (the worst case for a character diff);
- import-duties of a 10 MB duty list (dry run) and of a 60 MB one (refused by the 20 MB limit);
- who with a 2,000-character question of random characters (the longest allowed);
- validate with a 1 GiB file where a unit file should be (refused before reading: peak memory stays small).

Each runs in a child process; the 1 GiB case runs first, so the peak memory of the children (ru_maxrss) is its own.
Invented inputs only.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli(args: list[str], cwd: Path) -> tuple[float, int, float]:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=cwd, capture_output=True)
    return time.perf_counter() - t, r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    diff = """
import random, time
from weibao.exchange.history.diff import text_diff
rng = random.Random(7)
chars = [chr(0x4E00 + rng.randrange(2000)) for _ in range(200_000)]
for i in range(0, len(chars), 40): chars[i] = "。"
b = list(chars)
for i in rng.sample(range(1, len(chars), 40), 200): b[i + 5] = "变"
t = time.perf_counter(); ops = text_diff("".join(chars), "".join(b))["ops"]; a1 = time.perf_counter() - t
x = "".join(rng.choice("甲乙。") for _ in range(200_000)); y = "".join(rng.choice("甲乙。") for _ in range(200_000))
t = time.perf_counter(); text_diff(x, y); a2 = time.perf_counter() - t
print(f"diff, 200,000 characters, 200 edits: {a1:.2f} s ({len(ops)} ops); two unrelated texts of 甲乙。: {a2:.2f} s")
"""
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        subprocess.run([sys.executable, "-m", "weibao", "init", str(work / "county"), "--region", "某某县"], check=True, capture_output=True)
        big = work / "county" / "data" / "units" / "big.yaml"
        with open(big, "wb") as fh:
            fh.truncate(1024**3)  # sparse: costs no disk
        s, rc, peak = cli(["validate"], work / "county")
        print(f"validate with a 1 GiB unit file: {s:.2f} s, exit {rc}, peak memory {peak:.0f} MB")
        big.unlink()
        subprocess.run([sys.executable, "-c", diff], check=True, cwd=ROOT)
        rng = random.Random(1)
        cjk = [chr(0x4E00 + i) for i in range(3000)]
        for name, size in (("ten.txt", 10_000_000), ("sixty.txt", 60_000_000)):
            with open(work / name, "w", encoding="utf-8") as fh:
                fh.write("县民政局：\n")
                n = 0
                while n < size:
                    line = "".join(rng.choice(cjk) for _ in range(80)) + "。\n"
                    fh.write(line)
                    n += len(line.encode())
        for name in ("ten.txt", "sixty.txt"):
            s, rc, _ = cli(["import-duties", str(work / name), "--dry-run"], work / "county")
            print(f"import-duties --dry-run {name} ({(work / name).stat().st_size / 1e6:.0f} MB): {s:.2f} s, exit {rc}")
        question = "".join(rng.choice(cjk) for _ in range(2000))
        s, rc, _ = cli(["who", question], ROOT)
        print(f"who, 2,000 random characters: {s:.2f} s, exit {rc}")


if __name__ == "__main__":
    main()
