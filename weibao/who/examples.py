"""Similar answered questions (the 问答库, data/questions/): nearest neighbours over character bigrams.

An answered question is evidence for the units that answered it.  A new question
is compared with every answered one by the cosine of their TF-IDF vectors of
character bigrams (question fluff such as 哪个部门 removed first); the ``K`` most
similar vote for their lead units in proportion to the similarity.  Measured on
question sets left out of the base (benchmarks/who_eval.py), this lifts top-1 by
5–12 points over the duty-text ranking alone; see docs/who.md.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from operator import itemgetter
from typing import Any

from weibao.domain.text import bigrams, same_key, segments, sorted_fluff, strip_fluff

__all__ = ["build", "features", "same_key", "similar", "sorted_fluff", "votes"]

K = 10  # neighbours that vote
WEIGHT = 0.7  # a full vote against the best duty-text score (both scaled to 1)
# When no duty text matches, a unit is answered only on a neighbour at least MIN_SIMILARITY like the question, or,
# for a question of LONG characters or more (after fluff), on neighbours whose similarities for it add up to MIN_VOTE
# (a long description is rarely close to any one answered question, but its neighbours agree on the unit).
MIN_SIMILARITY = 0.3
LONG = 20
MIN_VOTE = 0.3


def features(text: str, fluff: list[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    for seg in segments(strip_fluff(text, fluff)):
        c.update(bigrams(seg))
    return c


def build(examples: list[dict[str, Any]], fluff: list[str]) -> dict[str, Any]:
    """The neighbour index: per bigram its idf and the (example, weight) postings of the unit vectors.

    Kept as one text, a line per bigram ("网吧\t4.1271\t3:0.2817 40:0.1022 …"), that is searched only for the
    bigrams of the question asked: reading the cached index stays fast however large the 问答库 grows."""
    feats = [features(e["q"], fluff) for e in examples]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(examples)
    idf = {g: math.log((n + 1) / (v + 0.5)) for g, v in df.items()}
    postings: dict[str, list[str]] = {}
    for i, f in enumerate(feats):
        vec = {g: (1 + math.log(c)) * idf[g] for g, c in f.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        for g, x in vec.items():
            postings.setdefault(g, []).append(f"{i}:{x / norm:.4f}")
    table = "".join(f"\n{g}\t{idf[g]:.4f}\t{' '.join(p)}" for g, p in postings.items()) + "\n"
    return {"n": n, "table": table}


def _row(table: str, gram: str) -> tuple[float, str] | None:
    """(idf, postings) of a bigram, or None if no answered question has it."""
    start = table.find(f"\n{gram}\t")
    if start < 0:
        return None
    end = table.find("\n", start + 1)
    _g, idf, posts = table[start + 1 : end].split("\t")
    return float(idf), posts


def similar(index: dict[str, Any], question: str, k: int | None = None, exclude: set[int] | frozenset[int] = frozenset()) -> list[tuple[int, float]]:
    """The ``k`` (default ``K``) answered questions most like ``question``: (example number, cosine), best first."""
    nn = index.get("neighbours")
    if not nn or not nn["n"]:
        return []
    fluff = index.setdefault("_fluff", sorted_fluff(index["glossary"]))
    unseen = math.log(nn["n"] + 1)
    rows = {g: (c, _row(nn["table"], g)) for g, c in features(question, fluff).items()}
    vec = {g: (1 + math.log(c)) * (row[0] if row else unseen) for g, (c, row) in rows.items()}
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    sims: defaultdict[int, float] = defaultdict(float)
    for g, x in vec.items():
        row = rows[g][1]
        for entry in row[1].split() if row else ():
            i, _, y = entry.partition(":")
            if int(i) not in exclude:
                sims[int(i)] += x / norm * float(y)
    return heapq.nlargest(k or K, sims.items(), key=itemgetter(1))  # as Counter.most_common, for float values


def votes(index: dict[str, Any], neighbours: list[tuple[int, float]]) -> dict[str, float]:
    """Unit id → summed similarity of the neighbours that name it as lead (split between two leads)."""
    out: dict[str, float] = {}
    for i, s in neighbours:
        leads = index["examples"][i]["lead"]
        for u in leads:
            out[u] = out.get(u, 0.0) + s / len(leads)
    return out
