"""Quality of `weibao who` on the question sets, side by side with the duty texts alone and a bigram baseline.

    python benchmarks/who_eval.py [--set data/questions/samples-1.yaml ...] [--misses]

For each set: top-1 accuracy (the first unit is one of the expected leads) and
recall@3 (every expected lead is among the first three), for

* weibao: the full engine (duty texts + glossary + the classifier learned from the
  问答库 of answered questions);
* 仅职责: the same without the 问答库 (duty texts and glossary only);
* 二元组: plain BM25 over character bigrams of the raw question (no glossary, no
  fluff removal, best item per unit).

No set is scored with its own questions in the 问答库: when a set is one of the
files in data/questions/, every answered question of that file is left out of the
base, and for any set, answered questions with the same text as one being scored
are left out too (the neighbour index and the classifier are rebuilt without
them).  The figures are therefore what a question never seen before gets.  ``--misses`` lists the questions the engine gets wrong, to guide glossary
work on the development sets (never on the tests/eval holdouts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.core.repository import Repository  # noqa: E402
from weibao.errors import WeibaoError  # noqa: E402
from weibao.who.classifier import train as train_classifier  # noqa: E402
from weibao.who.engine import rank  # noqa: E402
from weibao.who.examples import build as build_neighbours  # noqa: E402
from weibao.who.examples import same_key, sorted_fluff  # noqa: E402
from weibao.who.index import load_index  # noqa: E402

DEV_SETS = [f"data/questions/{p.name}" for p in sorted((ROOT / "data" / "questions").glob("samples-*.yaml"),
                                                       key=lambda p: int(p.stem.rsplit("-", 1)[1]))]
HOLDOUTS = [
    "tests/eval/who_holdout_3.yaml",
    "tests/eval/who_holdout_4.yaml",
    "tests/eval/who_holdout_5.yaml",
    "tests/eval/who_holdout_6.yaml",
    "tests/eval/who_holdout_7.yaml",  # 12345/12355 callers, with office, urgent, context and two-matter kinds
    "tests/eval/who_holdout_8.yaml",  # staff of member units and townships
    "tests/eval/who_holdout_9.yaml",  # 12345/12355 callers again, written after ed559fe (measured once there)
]
DEFAULT_SETS = DEV_SETS + HOLDOUTS


def left_out(index, rel: str, questions) -> frozenset[int]:
    """The answered questions that must not help score this set: its own file's, and any that is the same question
    as one being scored (fluff, spaces and punctuation aside)."""
    fluff = sorted_fluff(index["glossary"])
    keys = {same_key(q["q"], fluff) for q in questions}
    return frozenset(i for i, e in enumerate(index["examples"])
                     if e["where"].rsplit(":", 1)[0] == rel or e["key"] in keys)


def without(index, exclude: frozenset[int]):
    """The index as if the left-out answered questions were not in the 问答库 at all (their bigrams do not count
    towards the similarity weights either, and the classifier is trained without them)."""
    if not exclude:
        return index
    out = dict(index)
    out["examples"] = [e for i, e in enumerate(index["examples"]) if i not in exclude]
    out["neighbours"] = build_neighbours(out["examples"], sorted_fluff(index["glossary"]))
    out["classifier"] = train_classifier(out["examples"], sorted_fluff(index["glossary"]), index["units"])
    out.pop("_classifier", None)
    return out


FAR = 0.3  # a question whose nearest answered question is less similar than this has no close neighbour


def evaluate(index, questions, mode: str, exclude: frozenset[int] = frozenset(), rows: list | None = None):
    """mode: "full", "text" (no answered questions) or "baseline".  ``rows``, if given, gets one dict per question:
    strict (a lead unit first), loose (a lead or support unit first), recall@3, the set's kind and the similarity of
    the nearest answered question."""
    top1 = rec3 = 0
    misses = []
    if mode == "text":
        index = without(index, frozenset(range(len(index.get("examples") or []))))
    elif mode == "full":
        index = without(index, exclude)
    for q in questions:
        query, results = rank(index, q["q"], top=3, baseline=mode == "baseline")
        got = [r.unit["id"] for r in results][:3]  # an urgent unit added beyond the top three does not count
        leads = q["lead"]
        ok1 = bool(got) and got[0] in leads
        ok3 = all(lead in got for lead in leads)
        if rows is not None:
            rows.append({"strict": ok1, "loose": bool(got) and got[0] in leads + (q.get("support") or []), "r3": ok3,
                         "kind": q.get("kind") or ("two" if len(leads) > 1 else "plain"),
                         "near": query.similar[0][1] if query.similar else 0.0})
        top1 += ok1
        rec3 += ok3
        if not (ok1 and ok3):
            misses.append((q.get("id", "?"), q["q"], leads, got))
    n = len(questions) or 1
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
    print(f"问答库：{len(index['examples'])} 个已答问题")
    print(f"{'问题集':<34}{'题数':>6}{'weibao top1':>13}{'weibao R@3':>12}{'仅职责 top1':>13}{'仅职责 R@3':>12}{'二元组 top1':>13}{'二元组 R@3':>12}")
    breakdown: list = []
    for s in args.sets or DEFAULT_SETS:
        path = (ROOT / s).resolve()
        if not path.exists():
            print(f"{s:<34}（不存在，跳过）")
            continue
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else s
        questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        exclude = left_out(index, rel, questions)
        rows: list = []
        t1, r3, misses = evaluate(index, questions, "full", exclude, rows)
        e1, e3, _ = evaluate(index, questions, "text")
        b1, b3, _ = evaluate(index, questions, "baseline")
        print(f"{s:<34}{len(questions):>6}{t1:>13.1%}{r3:>12.1%}{e1:>13.1%}{e3:>12.1%}{b1:>13.1%}{b3:>12.1%}")
        breakdown.append((s, rows))
        if args.misses:
            for qid, q, leads, got in misses:
                print(f"    {qid} {q}  期望 {leads}  得到 {got}")
    print_breakdown(breakdown)


KIND_ZH = {"plain": "平常", "context": "带背景", "office": "办公室规则", "urgent": "紧急伤害", "two": "两件事"}


def print_breakdown(breakdown) -> None:
    """weibao's figures per set by kind: strict top-1 (a lead unit first), loose top-1 (a lead or support unit
    first), recall@3; and on the questions whose nearest answered question is far (similarity below FAR)."""
    print(f"\n{'问题集 · 类别':<40}{'题数':>6}{'严格top1':>10}{'宽松top1':>10}{'R@3':>8}")
    for s, rows in breakdown:
        groups = {"全部": rows}
        for kind in KIND_ZH:
            if any(r["kind"] == kind for r in rows):
                groups[KIND_ZH[kind]] = [r for r in rows if r["kind"] == kind]
        groups[f"近邻远（<{FAR}）"] = [r for r in rows if r["near"] < FAR]
        for name, g in groups.items():
            if not g:
                continue
            n = len(g)
            print(f"{s + ' · ' + name:<40}{n:>6}{sum(r['strict'] for r in g) / n:>10.1%}"
                  f"{sum(r['loose'] for r in g) / n:>10.1%}{sum(r['r3'] for r in g) / n:>8.1%}")


if __name__ == "__main__":
    main()
