"""A linear classifier learned from the 问答库 (data/questions/): which unit leads for a question like this.

The answered questions are turned into TF-IDF vectors of character 1–3-grams (each run of characters padded with a
space at both ends, question fluff such as 哪个部门 removed first) and a linear support-vector machine learns, for
every unit, weights that separate the questions it leads from all the others (one against the rest; ``fit`` below
solves it the way liblinear does, in numpy).  Unlike the nearest answered questions, the weights tell which words *decide* a unit: 网吧
weighs for 文化和旅游局 whatever else the question says.  Each duty item is a training row of its unit too.
Measured on question sets left out of the training (benchmarks/who_eval.py), using its scores in place of the
neighbours' votes lifts top-1 by about 2 points on the development sets and 4 on the holdouts; see docs/who.md.
It is used only when every unit leads at least ``MIN_QUESTIONS`` answered questions: a model that hardly knows a
unit pushes it down, so a small 问答库 keeps the neighbours' votes.

Training needs numpy and happens only when the index is rebuilt and the 问答库 or the duty texts changed.  numpy is
an optional dependency (``pip install 'weibao[all]'``): without it no model is learned, the nearest answered questions
vote, the urgent cases are told by their words alone, and ``weibao who`` says so under its answer (``MISSING``).  The
model is kept in the index in a compact form — the n-grams as one fixed-width text, the weights as signed bytes
— and scoring a question is plain Python: a few lookups, no heavy import on the path of ``weibao who``.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections import Counter
from typing import Any, Sequence

from weibao.domain.text import segments, strip_fluff

WEIGHT = 1.5  # a full score against the best duty-text score (both scaled to 1), in place of examples.WEIGHT
MIN_SHARE = 0.3  # a unit votes only with a score (above the lowest unit's) at least this share of the best one's
ALONE = 0.8  # a unit no duty text and no near answered question names is listed only with this share of the best
MIN_QUESTIONS = 10  # answered questions every unit must lead before the classifier is used
C = 1.0  # regularisation of the SVM (chosen on the development sets; 0.3–3 differ by < 0.5 points)
TOL = 0.1  # the trainer stops when no dual variable moves further (see fit; 0.3 gives the same figures ±0.5)
MAX_PASSES = 300  # a bound the tolerance is reached long before (about 15 passes on the bundled 问答库)
NMAX = 3  # longest n-gram
MIN_DF = 2  # an n-gram of a single answered question is left out (the model is 3 × smaller, as accurate)
LOOKUPS = 200  # n-grams in a question up to which each is searched in the table (no dict of all rows built)
_PAD = "\n"  # fills n-grams to NMAX characters in the fixed-width table (never inside a gram)


MISSING = "本机没有装 numpy，没有用问答库学出的模型，答案只按相近的已答问题和紧急情形的词语给出，可能不如装上后准确。" \
    "装上：python -m pip install 'weibao[all]'（下次查询时自动重建索引）。"


def can_learn() -> bool:
    """Whether a model can be learned here (numpy is installed), without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("numpy") is not None
    except (ImportError, ValueError):  # a module entry of None (how tests hide it) or a broken package
        return False


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


def training_key(examples: list[dict[str, Any]], fluff: list[str], units: list[dict[str, Any]]) -> str:
    """What the model is learned from, as a hash: the questions with their leads, the duty items, the fluff, the
    settings above and the version of weibao.  Equal keys: the same model."""
    import hashlib
    import json

    from weibao import __version__

    payload = [[__version__, "dcd", C, TOL, NMAX, MIN_DF, MIN_QUESTIONS], fluff,
               [[e["q"], e["lead"]] for e in examples], duty_rows(units)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def duty_rows(units: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every duty item as a training row of its unit."""
    return [{"q": d["text"], "lead": [u["id"]]} for u in units for d in u["duties"]]


def train(examples: list[dict[str, Any]], fluff: list[str], units: Sequence[dict[str, Any]] = (),
          seen: dict[str, Counter[str]] | None = None) -> dict[str, Any] | None:
    """The model for these answered questions (``{"q", "lead"}`` each; a question with two leads counts once for each)
    and the duty items of ``units``.

    None — the nearest answered questions vote instead — when fewer than two units lead any question, when a unit of
    ``units`` leads fewer than ``MIN_QUESTIONS`` (the model would hardly know it and push it down: a new office with a
    few learned questions, a unit added later)."""
    if units:
        led = Counter(u for e in examples for u in e["lead"])
        if any(led[u["id"]] < MIN_QUESTIONS for u in units):
            return None
        examples = examples + duty_rows(units)
    return learn_model([e["q"] for e in examples], [e["lead"] for e in examples], fluff, seen)


def urgent_rows(glossary: dict[str, Any], questions: list[str], word_case: Any) -> tuple[list[str], list[list[str]]]:
    """The rows the urgent model learns from: each urgent case's example questions, the calm examples and every
    answered question as "no case" (``NOT_URGENT``, "") — or as the case its words say (``word_case(question)``: a
    case id or "").  No rows without an example of any case (the words alone decide then)."""
    texts: list[str] = []
    labels: list[list[str]] = []
    for case in glossary.get("urgent") or []:
        for example in case.get("examples") or []:
            texts.append(example)
            labels.append([case["id"]])
    if not texts:
        return [], []
    for example in glossary.get("calm_examples") or []:
        texts.append(example)
        labels.append([""])
    for q in questions:
        texts.append(q)
        labels.append([word_case(q)])
    return texts, labels


def rows_key(texts: list[str], labels: list[list[str]], fluff: list[str]) -> str:
    """What a model learned by ``learn_model`` depends on, as a hash: equal keys, the same model."""
    import hashlib
    import json

    from weibao import __version__

    payload = [[__version__, "dcd", C, TOL, NMAX, MIN_DF], fluff, texts, labels]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def learn_model(texts: list[str], labels: list[list[str]], fluff: list[str],
                seen: dict[str, Counter[str]] | None = None) -> dict[str, Any] | None:
    """The compact model that tells the labels of ``texts`` apart (a text with two labels is a row of each), or None
    with fewer than two labels, no n-gram seen twice, or no numpy (``can_learn``).  ``seen``: the n-grams of texts already cut (with the same
    fluff), filled as it goes — the two models of an index share the answered questions."""
    cut = {} if seen is None else seen
    feats = [cut[t] if t in cut else cut.setdefault(t, grams(t, fluff)) for t in texts]
    rows = [(f, u) for f, lab in zip(feats, labels) for u in lab]
    classes = sorted({u for _, u in rows})
    if len(classes) < 2 or not can_learn():
        return None
    import numpy as np

    df = Counter(g for f in feats for g in f)  # in how many questions
    vocab = {g: j for j, g in enumerate(g for g in df if df[g] >= MIN_DF)}
    if not vocab:
        return None
    idf = [math.log((1 + len(feats)) / (1 + df[g])) + 1 for g in vocab]
    vectors = []
    for f, _ in rows:
        vec = {vocab[g]: (1 + math.log(c)) * idf[vocab[g]] for g, c in f.items() if g in vocab}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors.append({j: x / norm for j, x in vec.items()})
    y = [classes.index(u) for _, u in rows]
    coef, bias = fit(vectors, y, len(classes), len(vocab))
    scale = float(np.abs(coef).max()) / 127 or 1.0
    q = np.rint(coef / scale).astype(np.int8)  # n-grams × classes
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


def valid_model(model: Any) -> bool:
    """Whether a stored model (from the index cache, which anyone can edit) has the shape ``train`` gives it."""
    try:
        k = len(model["classes"])
        f, rest = divmod(len(model["grams"]), NMAX)
        return (
            isinstance(model["classes"], list) and isinstance(model["bias"], list)
            and k >= 2 and not rest and all(isinstance(c, str) for c in model["classes"])
            and isinstance(model["grams"], str) and isinstance(model["idf"], str) and isinstance(model["w"], str)
            and len(model["idf"]) == 4 * math.ceil(2 * f / 3) and len(model["w"]) == 4 * math.ceil(k * f / 3)
            and isinstance(model["scale"], (int, float)) and model["scale"] > 0
            and len(model["bias"]) == k and all(isinstance(b, (int, float)) for b in model["bias"])
        )
    except (TypeError, KeyError):
        return False


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


def scores(index: dict[str, Any], question: str, key: str = "classifier") -> dict[str, float]:
    """Unit id → the model's decision value for the question (larger: more likely the lead); {} without a model.
    ``key``: which model of the index (``urgent_model``: urgent case id, or "" for none, → its value)."""
    model = index.get(key)
    if not model:
        return {}
    # (the model, its idf and weights decoded, gram → row of its table: filled for the first long question)
    decoded: tuple[dict[str, Any], array[int], array[int], dict[str, int]] | None = index.get("_" + key)
    if decoded is None or decoded[0] is not model:  # decoded once per model (an evaluation may swap the model)
        idf, w = array("H"), array("b")
        try:
            idf.frombytes(base64.b64decode(model["idf"], validate=True))
            w.frombytes(base64.b64decode(model["w"], validate=True))
        except ValueError:  # a damaged cache (load_index checks the shape, not every character): no model
            return {}
        _little(idf)
        decoded = index["_" + key] = (model, idf, w, {})
    _model, idf, w, rows = decoded
    fluff = index["_fluff"] if "_fluff" in index else _fluff(index)
    k = len(model["classes"])
    vec = {}
    counts = grams(question, fluff)
    if len(counts) > LOOKUPS:  # a long text: one table of all rows beats a search per n-gram
        if not rows:
            t = model["grams"]
            rows.update((t[i : i + NMAX].rstrip(_PAD), i // NMAX) for i in range(0, len(t), NMAX))
        found = ((g, c, rows.get(g, -1)) for g, c in counts.items())
    else:
        found = ((g, c, _row(model["grams"], g)) for g, c in counts.items())
    for _g, c, j in found:
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
    from weibao.domain.text import sorted_fluff

    return index.setdefault("_fluff", sorted_fluff(index["glossary"]))



def fit(vectors: list[dict[int, float]], y: list[int], k: int, f: int) -> tuple[Any, Any]:
    """One-against-the-rest linear SVMs (squared hinge loss, L2 regularisation ``C``, an intercept that is regularised
    like a feature of value 1) for ``k`` classes over ``f`` features: weights (f × k) and intercepts (k).

    Dual coordinate descent (Hsieh et al., ICML 2008 — the method of liblinear, which scikit-learn's ``LinearSVC``
    runs), done for all classes of a row at once: the row's dual variables move to the minimum of their coordinate and
    the weights follow.  Rows are visited in a fixed pseudo-random order (the same model on every machine).  The
    passes stop when no row's variables move by more than ``TOL`` (scaled by their curvature): the optimum is
    unique, so the result is the same whatever the order, up to that tolerance.  (liblinear's shrinking — skipping
    rows settled outside the margin — does not pay here: with every class updated at once, almost no row is settled
    in all of them.)"""
    import random

    import numpy as np

    n = len(vectors)
    cols = [np.fromiter((*v.keys(), f), dtype=np.intp, count=len(v) + 1) for v in vectors]  # feature f: the intercept
    vals = [np.fromiter((*v.values(), 1.0), dtype=np.float64, count=len(v) + 1) for v in vectors]
    columns = [v[:, None] for v in vals]
    w = np.zeros((f + 1, k))
    alpha = np.zeros((n, k))
    sign = -np.ones((n, k))
    sign[np.arange(n), y] = 1.0
    diag = 1 / (2 * C)
    curve = np.array([float(v @ v) + diag for v in vals])  # the second derivative of each row's coordinate
    keep_share = 1 - diag / curve  # the coordinate step, rearranged: new α = max(α·keep + 1/curve − sign·(w·x)/curve, 0)
    step = 1 / curve
    lean = sign / curve[:, None]
    order = random.Random(0)
    rows = list(range(n))
    maximum, dot = np.maximum, np.dot
    squared = curve * curve
    for _ in range(MAX_PASSES):
        order.shuffle(rows)
        worst = 0.0
        for i in rows:
            j, a = cols[i], alpha[i]
            wj = w[j]  # the row's weights, gathered once for the step and the update
            d = maximum(a * keep_share[i] + step[i] - lean[i] * dot(vals[i], wj), 0) - a
            moved = float(dot(d, d))
            if moved > 1e-24:
                moved *= squared[i]
                if moved > worst:
                    worst = moved
                a += d
                w[j] = wj + columns[i] * (d * sign[i])
        if worst < TOL * TOL:
            break
    return w[:f], w[f]
