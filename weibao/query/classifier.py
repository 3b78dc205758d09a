"""A linear classifier learned from the 问答库 (data/questions/): which unit leads for a question like this.

The answered questions are turned into TF-IDF vectors of character 1–3-grams (each run of characters padded with a
space at both ends, question fluff such as 哪个部门 removed first) and a linear support-vector machine learns, for
every unit, weights that separate the questions it leads from all the others (scikit-learn's ``LinearSVC``, one
against the rest).  Unlike the nearest answered questions, the weights tell which words *decide* a unit: 网吧
weighs for 文化和旅游局 whatever else the question says.  Measured on question sets left out of the training
(benchmarks/who_eval.py), using its scores in place of the neighbours' votes lifts top-1 by about 2 points on the
development sets and 3 on the holdouts; see docs/who.md.

Training needs numpy, scipy and scikit-learn and happens only when the index is rebuilt (the data changed).  The
model is kept in the index in a compact form — the n-grams as one fixed-width text, the weights as signed bytes
— and scoring a question is plain Python: a few lookups, no heavy import on the path of ``weibao who``.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections import Counter
from typing import Any

from .examples import strip_fluff
from .text import segments

WEIGHT = 1.5  # a full score against the best duty-text score (both scaled to 1), in place of examples.WEIGHT
MIN_SHARE = 0.3  # a unit votes only with a score (above the lowest unit's) at least this share of the best one's
ALONE = 0.8  # a unit no duty text and no near answered question names is listed only with this share of the best
C = 1.0  # regularisation of the SVM (chosen on the development sets; 0.3–3 differ by < 0.5 points)
NMAX = 3  # longest n-gram
MIN_DF = 2  # an n-gram of a single answered question is left out (the model is 3 × smaller, as accurate)
_PAD = "\n"  # fills n-grams to NMAX characters in the fixed-width table (never inside a gram)


def grams(text: str, fluff: list[str]) -> Counter[str]:
    """Character 1–3-grams of each run of the question (fluff removed), the run padded with a space at both ends."""
    c: Counter[str] = Counter()
    for seg in segments(strip_fluff(text, fluff)):
        w = f" {seg} "
        for n in range(1, NMAX + 1):
            if len(w) <= n:
                c[w] += 1
                break
            c.update(w[i : i + n] for i in range(len(w) - n + 1))
    return c


def training_key(examples: list[dict[str, Any]], fluff: list[str]) -> str:
    """What the model is learned from, as a hash: the questions with their leads, the fluff and the settings above."""
    import hashlib
    import json

    from .. import __version__

    payload = [[__version__, C, NMAX, MIN_DF], fluff, [[e["q"], e["lead"]] for e in examples]]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def train(examples: list[dict[str, Any]], fluff: list[str]) -> dict[str, Any] | None:
    """The model for these answered questions (``{"q", "lead"}`` each), or None when fewer than two units lead any.

    A question with two leads counts once for each."""
    feats = [grams(e["q"], fluff) for e in examples]
    rows = [(f, u) for f, e in zip(feats, examples) for u in e["lead"]]
    classes = sorted({u for _, u in rows})
    if len(classes) < 2:
        return None
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.svm import LinearSVC
    except ImportError:  # a broken installation: `who` falls back to the votes of the nearest answered questions
        return None

    seen = Counter(g for f in feats for g in f)  # in how many questions
    vocab = {g: j for j, g in enumerate(g for g in seen if seen[g] >= MIN_DF)}
    if not vocab:
        return None
    idf = [math.log((1 + len(feats)) / (1 + seen[g])) + 1 for g in vocab]
    n = len(rows)
    indptr, indices, data = [0], [], []
    for f, _ in rows:
        vec = {vocab[g]: (1 + math.log(c)) * idf[vocab[g]] for g, c in f.items() if g in vocab}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        indices += vec.keys()
        data += (x / norm for x in vec.values())
        indptr.append(len(indices))
    x = csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(n, len(vocab)))
    y = np.array([classes.index(u) for _, u in rows])
    import warnings

    with warnings.catch_warnings():  # a model that has not fully converged still ranks; nothing to tell the clerk
        warnings.simplefilter("ignore")
        svm = LinearSVC(C=C, random_state=0, max_iter=5000).fit(x, y)
    coef, bias = svm.coef_, svm.intercept_
    if len(classes) == 2:  # one decision function for two classes: the first class scores its negative
        coef, bias = np.vstack([-coef, coef]), np.concatenate([-bias, bias])
    scale = float(np.abs(coef).max()) / 127 or 1.0
    q = np.rint(coef.T / scale).astype(np.int8)  # n-grams × classes
    names = list(vocab)  # in order of their number
    keep = [j for j in range(len(names)) if q[j].any()]
    return {
        "classes": classes,
        "grams": "".join(names[j].ljust(NMAX, _PAD) for j in keep),
        "idf": base64.b64encode(_little(array("H", (min(65535, round(idf[j] * 1000)) for j in keep))).tobytes()).decode("ascii"),
        "w": base64.b64encode(q[keep].tobytes()).decode("ascii"),
        "scale": scale,
        "bias": [round(float(b), 4) for b in bias],
    }


def _little(a: array) -> array:
    """The array in little-endian byte order (stored so, whatever the machine), swapped in place on a big-endian one."""
    if sys.byteorder == "big":
        a.byteswap()
    return a


def _row(table: str, gram: str) -> int:
    """Row of a gram in the fixed-width table, or -1."""
    key = gram.ljust(NMAX, _PAD)
    pos = table.find(key)
    while pos >= 0 and pos % NMAX:
        pos = table.find(key, pos + 1)
    return pos // NMAX if pos >= 0 else -1


def scores(index: dict[str, Any], question: str) -> dict[str, float]:
    """Unit id → the model's decision value for the question (larger: more likely the lead); {} without a model."""
    model = index.get("classifier")
    if not model:
        return {}
    arrays = index.get("_classifier")
    if arrays is None:  # decoded once per loaded index
        idf = array("H")
        idf.frombytes(base64.b64decode(model["idf"]))
        _little(idf)
        w = array("b")
        w.frombytes(base64.b64decode(model["w"]))
        arrays = index["_classifier"] = (idf, w)
    idf, w = arrays
    fluff = index["_fluff"] if "_fluff" in index else _fluff(index)
    k = len(model["classes"])
    vec = {}
    for g, c in grams(question, fluff).items():
        j = _row(model["grams"], g)
        if j >= 0:
            vec[j] = (1 + math.log(c)) * idf[j] / 1000
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    out = list(model["bias"])
    for j, x in vec.items():
        f = x / norm * model["scale"]
        row = w[j * k : (j + 1) * k]
        for c in range(k):
            out[c] += f * row[c]
    return dict(zip(model["classes"], out))


def _fluff(index: dict[str, Any]) -> list[str]:
    from .examples import sorted_fluff

    return index.setdefault("_fluff", sorted_fluff(index["glossary"]))
