"""Quality and speed of the personal-information detectors (weibao/domain/privacy.py) on labelled sets.

    python benchmarks/privacy_eval.py [--set DIR ...] [--misses] [--check]

A set is a folder with ``positive.yaml`` (items ``{text, kind, span}``: the sentence must be caught, ``span`` is
the part that identifies someone) and ``negative.yaml`` (items ``{text, note}``: nothing in it may be flagged).
For each set it prints, per kind:

* 删去率 (recall): the share of positive sentences where ``redact`` replaces at least 60 % of the span's characters
  (for a town, an estate and a flat number, 大沁他拉镇某地 is left: it no longer finds the child; the kind the detector gives
  does not matter here);
* 全删: the share where every character of the span is replaced;
* 类别对: the share where a finding of the labelled kind overlaps the span (the code a clerk is shown);

and for the negatives the false-positive rate (sentences with any finding).  Then it scans every tracked YAML and
Markdown file under data/ and examples/ (intended bad fixtures under examples/cases/bad/ excepted) and reports
any finding there: the bundled data must give none.  Last, the speed of ``scan_file`` on all of data/.

``--misses`` lists the sentences missed and the negatives flagged (for the development sets only: never tune on a
holdout).  The sets: dev (written together with the first detectors); dev2 … dev8 (each written as a holdout by an
author who saw neither the detectors nor the other sets, measured once after the round of changes before it, then
used for tuning the next round: their first figures are in benchmarks/RESULTS.md); holdout (written the same way
after the last change and measured once for the final figures).  ``--check`` exits 1 when a target of issue 18 is not
met (删净率 ≥ 98 % per kind, false positives ≤ 1 %, none on the bundled data).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.domain import privacy  # noqa: E402

DEFAULT_SETS = [ROOT / "tests" / "fixtures" / "privacy" / name for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "holdout")]
RECALL_TARGET = 0.98
FP_TARGET = 0.01


def _load(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [x for x in items if isinstance(x, dict) and x.get("text")]


def evaluate(folder: Path, misses: bool) -> bool:
    pos = _load(folder / "positive.yaml")
    neg = _load(folder / "negative.yaml")
    ok = True
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"\n== {shown}: {len(pos)} 正例, {len(neg)} 反例")
    total, removed, whole, right = Counter(), Counter(), Counter(), Counter()
    missed: list[str] = []
    for item in pos:
        kind, span, text = item["kind"], str(item["span"]), str(item["text"])
        if span not in text:
            print(f"  标注有误（span 不在 text 里）: {text}")
            continue
        total[kind] += 1
        found = privacy.scan(text)
        s = text.index(span)
        covered = sum(1 for i in range(s, s + len(span)) if any(f.start <= i < f.end for f in found))
        if covered >= 0.6 * len(span):
            removed[kind] += 1
        else:
            missed.append(f"  漏 {kind}: {text}  [{span}]  → {[(f.kind, f.text) for f in found]}")
        whole[kind] += covered == len(span)
        if any(f.kind == kind and f.start < s + len(span) and s < f.end for f in found):
            right[kind] += 1
    print(f"  {'类别':<16}{'句数':>6}{'删去率':>10}{'全删':>10}{'类别对':>10}")
    for kind in privacy.KINDS:
        if not total[kind]:
            continue
        r = removed[kind] / total[kind]
        ok &= r >= RECALL_TARGET
        print(f"  {kind:<16}{total[kind]:>6}{r:>10.1%}{whole[kind] / total[kind]:>10.1%}{right[kind] / total[kind]:>10.1%}")
    n = sum(total.values())
    print(f"  {'全部':<16}{n:>6}{sum(removed.values()) / max(n, 1):>10.1%}{sum(whole.values()) / max(n, 1):>10.1%}"
          f"{sum(right.values()) / max(n, 1):>10.1%}")
    flagged = [(x["text"], privacy.scan(str(x["text"]))) for x in neg]
    flagged = [(t, f) for t, f in flagged if f]
    fp = len(flagged) / max(len(neg), 1)
    ok &= fp <= FP_TARGET
    print(f"  误报: {len(flagged)}/{len(neg)} = {fp:.2%}")
    if misses:
        print("\n".join(missed))
        for t, f in flagged:
            print(f"  误 {[(x.kind, x.text) for x in f]}: {t}")
    return ok


def bundled() -> bool:
    files = [p for d in ("data", "examples") for p in sorted((ROOT / d).rglob("*")) if p.suffix in (".yaml", ".yml", ".md")]
    files = [p for p in files if "bad" not in p.relative_to(ROOT).parts]
    hits = []
    for p in files:
        for line, f in privacy.scan_file(p.read_text(encoding="utf-8")).found:
            hits.append(f"  {p.relative_to(ROOT)}:{line}:{f.start + 1}: {f.kind} {privacy.masked(f.kind, f.text)}")
    print(f"\n== 自带数据: {len(files)} 个文件, {len(hits)} 处检出")
    print("\n".join(hits))
    return not hits


def speed() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.yaml"))]
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(5):
        privacy._scan.cache_clear()
        t0 = time.perf_counter()
        for t in texts:
            privacy.scan_text_file(t)  # not the cached scan_file: the detectors themselves
        best = min(best, time.perf_counter() - t0)
    print(f"\n== 速度: data/ {len(texts)} 个文件 {chars} 字, scan_file 最快 {best * 1000:.1f} ms ({chars / best / 1e6:.2f} M 字/秒)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", type=Path, help="a folder with positive.yaml and negative.yaml")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    sets = [p.resolve() for p in args.set] if args.set else [p for p in DEFAULT_SETS if p.is_dir()]
    ok = True
    for folder in sets:
        ok &= evaluate(folder, args.misses)
    ok &= bundled()
    speed()
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
