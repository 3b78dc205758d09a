"""Quality of `weibao who` on the question sets, side by side with a character-bigram baseline.

    python benchmarks/who_eval.py [--set tests/eval/who_questions.yaml ...] [--misses]

For each set: top-1 accuracy (the first unit is one of the expected leads) and
recall@3 (every expected lead is among the first three), for the weibao engine
and for plain BM25 over character bigrams of the raw question (no glossary, no
fluff removal, best item per unit).  ``--misses`` lists the questions the engine
gets wrong, to guide glossary work on the development set (never on the holdout).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.errors import WeibaoError  # noqa: E402
from weibao.query.engine import rank  # noqa: E402
from weibao.query.index import load_index  # noqa: E402
from weibao.repo import Repository  # noqa: E402

DEFAULT_SETS = [
    "tests/eval/who_questions.yaml",
    "tests/eval/who_questions_2.yaml",
    "tests/eval/who_questions_3.yaml",
    "tests/eval/who_questions_4.yaml",
    "tests/eval/who_questions_5.yaml",
    "tests/eval/who_holdout.yaml",
    "tests/eval/who_holdout_2.yaml",
    "tests/eval/who_holdout_3.yaml",
]


def evaluate(index, questions, baseline: bool):
    top1 = rec3 = 0
    misses = []
    for q in questions:
        _, results = rank(index, q["q"], top=3, baseline=baseline)
        got = [r.unit["id"] for r in results]
        leads = q["lead"]
        ok1 = bool(got) and got[0] in leads
        ok3 = all(lead in got for lead in leads)
        top1 += ok1
        rec3 += ok3
        if not (ok1 and ok3):
            misses.append((q["id"], q["q"], leads, got))
    n = len(questions)
    return top1 / n, rec3 / n, misses


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", dest="sets")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    try:
        index = load_index(Repository(ROOT), use_cache=False)
    except WeibaoError as exc:
        sys.exit(exc.message)
    print(f"{'问题集':<34}{'题数':>6}{'weibao top1':>13}{'weibao R@3':>12}{'二元组 top1':>13}{'二元组 R@3':>12}")
    for s in args.sets or DEFAULT_SETS:
        path = ROOT / s
        if not path.exists():
            print(f"{s:<34}（不存在，跳过）")
            continue
        questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        t1, r3, misses = evaluate(index, questions, baseline=False)
        b1, b3, _ = evaluate(index, questions, baseline=True)
        print(f"{s:<34}{len(questions):>6}{t1:>13.1%}{r3:>12.1%}{b1:>13.1%}{b3:>12.1%}")
        if args.misses:
            for qid, q, leads, got in misses:
                print(f"    {qid} {q}  期望 {leads}  得到 {got}")


if __name__ == "__main__":
    main()
