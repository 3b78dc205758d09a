"""How well `weibao who` recognises a child being harmed (data/glossary.yaml ``urgent``), on sets of hotline questions.

    python benchmarks/urgent_eval.py [--set FILE ...] [--misses]

A set is a YAML file with ``urgent`` (items ``{q, kind}``: a child harmed or in danger; kind is violence, sexual,
missing, self-harm, no-care or labour) and ``calm`` (items ``{q}``: about children, no one harmed).  For each set it
prints, per kind, how many urgent questions are recognised as urgent and as the right case, how many get any answer
at all, and how many calm questions are taken for urgent (false alarms).  The sets: tests/eval/urgent_dev.yaml,
urgent_dev2.yaml and urgent_dev3.yaml (each written by someone who saw neither the code, the glossary nor the other
sets, measured once, then used: the words were written from the first two, the learned threshold chosen on the third,
and all three are now the example questions of data/glossary.yaml — their figures are in-sample); urgent_holdout.yaml
(measured once at ed559fe, words only) and urgent_holdout2.yaml (measured once after the example questions came in):
never tune on them.  The first figures of each set are in benchmarks/RESULTS.md.  ``--misses`` lists what was missed
and what was taken wrongly.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.core.repository import Repository  # noqa: E402
from weibao.who.engine import rank, urgent_cases  # noqa: E402
from weibao.who.index import load_index  # noqa: E402

DEFAULT = [ROOT / "tests" / "eval" / name for name in ("urgent_dev.yaml", "urgent_dev2.yaml", "urgent_dev3.yaml",
                                                                   "urgent_holdout.yaml", "urgent_holdout2.yaml")]
CASE = {"violence": "violence", "sexual": "sexual", "missing": "trafficking", "self-harm": "self-harm", "no-care": "no-care",
        "labour": "child-labour"}


def evaluate(index: dict, path: Path, misses: bool) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    total, seen, right = Counter(), Counter(), Counter()
    answered, missed = 0, []
    for item in doc["urgent"]:
        want = CASE[item["kind"]]
        got = [c["id"] for c in urgent_cases(index, item["q"])]
        total[want] += 1
        seen[want] += bool(got)
        right[want] += want in got
        answered += bool(rank(index, item["q"], top=3)[1])
        if want not in got:
            missed.append(f"  漏 {want}: {item['q']}  → {got}")
    alarms = [(x["q"], [c["id"] for c in urgent_cases(index, x["q"])]) for x in doc["calm"]]
    alarms = [(q, got) for q, got in alarms if got]
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"\n== {shown}: {sum(total.values())} 个紧急问题, {len(doc['calm'])} 个平常问题")
    print(f"  {'情形':<14}{'题数':>6}{'认出紧急':>10}{'情形对':>10}")
    for case in CASE.values():
        if total[case]:
            print(f"  {case:<14}{total[case]:>6}{seen[case] / total[case]:>10.0%}{right[case] / total[case]:>10.0%}")
    n = sum(total.values()) or 1
    print(f"  {'全部':<14}{n:>6}{sum(seen.values()) / n:>10.1%}{sum(right.values()) / n:>10.1%}")
    print(f"  紧急问题有答案（结果非空）：{answered}/{n}；平常问题误报为紧急：{len(alarms)}/{len(doc['calm'])}")
    if misses:
        print("\n".join(missed))
        for q, got in alarms:
            print(f"  误 {got}: {q}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", type=Path)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    index = load_index(Repository(ROOT))
    for path in [p.resolve() for p in args.set] if args.set else [p for p in DEFAULT if p.is_file()]:
        evaluate(index, path, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
