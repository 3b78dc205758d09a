"""Compare ways of cutting the question into words for `weibao who` (accuracy and start-up cost).

    python benchmarks/who_segmenters.py

* greedy corpus runs (what weibao uses): the longest pieces of the question that occur
  verbatim in the duty texts;
* jieba (if installed: ``pip install jieba``): jieba's words that occur in the duty texts;
* both together.

Prints top-1 / recall@3 on the development sets and the time jieba needs to load its
dictionary (paid by every fresh `weibao who` process).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weibao.who.engine as E  # noqa: E402
from weibao.core.repository import Repository  # noqa: E402
from weibao.who.index import load_index  # noqa: E402

SETS = ["data/questions/samples-1.yaml", "data/questions/samples-2.yaml"]


def evaluate(index) -> str:
    cells = []
    for s in SETS:
        qs = yaml.safe_load((ROOT / s).read_text(encoding="utf-8"))["questions"]
        t1 = r3 = 0
        for q in qs:
            # the duty-text ranking alone (the 问答库 would answer these questions from themselves)
            _, res = E.rank(index, q["q"], top=3, exclude=frozenset(range(len(index["examples"]))))
            got = [r.unit["id"] for r in res]
            t1 += bool(got) and got[0] in q["lead"]
            r3 += all(lead in got for lead in q["lead"])
        cells.append(f"{t1 / len(qs):6.1%} {r3 / len(qs):6.1%}")
    return "   ".join(cells)


def main() -> None:
    index = load_index(Repository(ROOT), use_cache=False)
    print(f"{'切词方式':<22}" + "   ".join(f"{Path(s).stem:>13}" for s in SETS))
    print(f"{'语料最长匹配（采用）':<20}{evaluate(index)}")
    try:
        import jieba
    except ImportError:
        print("jieba 未安装，跳过（pip install jieba 后再比较）。")
        return
    jieba.setLogLevel(logging.WARNING)
    t0 = time.perf_counter()
    jieba.lcut("学校旁边的网吧让初中生进去通宵上网")
    load = time.perf_counter() - t0
    greedy = E._literal_runs

    def jieba_runs(seg: str, corpus: str) -> list[str]:
        return [w for w in jieba.cut(seg) if len(w) >= 2 and w in corpus]

    E._literal_runs = jieba_runs
    print(f"{'jieba 分词':<22}{evaluate(index)}")
    E._literal_runs = lambda seg, corpus: list(dict.fromkeys(greedy(seg, corpus) + jieba_runs(seg, corpus)))
    print(f"{'两者合并':<22}{evaluate(index)}")
    E._literal_runs = greedy
    print(f"jieba 首次加载词典：{load * 1000:.0f} ms（每个新的 weibao who 进程都要付出）")


if __name__ == "__main__":
    main()
