"""A linear classifier learned from the 问答库 (data/questions/): which unit leads for a question like this.

The answered questions are turned into TF-IDF vectors of character 1–3-grams (each run of characters padded with a
space at both ends, question fluff such as 哪个部门 removed first) and a linear support-vector machine learns, for
every unit, weights that separate the questions it leads from all the others (scikit-learn's ``LinearSVC``, one
against the rest).  Unlike the nearest answered questions, the weights tell which words *decide* a unit: 网吧
weighs for 文化和旅游局 whatever else the question says.  Each duty item is a training row of its unit too.
Measured on question sets left out of the training (benchmarks/who_eval.py), using its scores in place of the
neighbours' votes lifts top-1 by about 2 points on the development sets and 4 on the holdouts; see docs/who.md.
It is used only when every unit leads at least ``MIN_QUESTIONS`` answered questions: a model that hardly knows a
unit pushes it down, so a small 问答库 keeps the neighbours' votes.

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
from typing import Any, Sequence

from weibao.domain.text import segments, strip_fluff

WEIGHT = 1.5  # a full score against the best duty-text score (both scaled to 1), in place of examples.WEIGHT
MIN_SHARE = 0.3  # a unit votes only with a score (above the lowest unit's) at least this share of the best one's
ALONE = 0.8  # a unit no duty text and no near answered question names is listed only with this share of the best
MIN_QUESTIONS = 10  # answered questions every unit must lead before the classifier is used
C = 1.0  # regularisation of the SVM (chosen on the development sets; 0.3–3 differ by < 0.5 points)
NMAX = 3  # longest n-gram
MIN_DF = 2  # an n-gram of a single answered question is left out (the model is 3 × smaller, as accurate)
LOOKUPS = 200  # n-grams in a question up to which each is searched in the table (no dict of all rows built)
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


def training_key(examples: list[dict[str, Any]], fluff: list[str], units: list[dict[str, Any]]) -> str:
    """What the model is learned from, as a hash: the questions with their leads, the duty items, the fluff, the
    settings above and the versions of weibao and scikit-learn.  Equal keys: the same model."""
    import hashlib
    import json
    from importlib.metadata import PackageNotFoundError, version

    from weibao import __version__

    try:
        sklearn_version = version("scikit-learn")
    except PackageNotFoundError:
        sklearn_version = None
    payload = [[__version__, sklearn_version, C, NMAX, MIN_DF, MIN_QUESTIONS], fluff,
               [[e["q"], e["lead"]] for e in examples], duty_rows(units)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def duty_rows(units: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every duty item as a training row of its unit."""
    return [{"q": d["text"], "lead": [u["id"]]} for u in units for d in u["duties"]]


def train(examples: list[dict[str, Any]], fluff: list[str], units: Sequence[dict[str, Any]] = ()) -> dict[str, Any] | None:
    """The model for these answered questions (``{"q", "lead"}`` each; a question with two leads counts once for each)
    and the duty items of ``units``.

    None — the nearest answered questions vote instead — when fewer than two units lead any question, when a unit of
    ``units`` leads fewer than ``MIN_QUESTIONS`` (the model would hardly know it and push it down: a new office with a
    few learned questions, a unit added later), or when scikit-learn cannot be imported."""
    if units:
        led = Counter(u for e in examples for u in e["lead"])
        if any(led[u["id"]] < MIN_QUESTIONS for u in units):
            return None
        examples = examples + duty_rows(units)
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
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[float] = []
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


def scores(index: dict[str, Any], question: str) -> dict[str, float]:
    """Unit id → the model's decision value for the question (larger: more likely the lead); {} without a model."""
    model = index.get("classifier")
    if not model:
        return {}
    # (the model, its idf and weights decoded, gram → row of its table: filled for the first long question)
    decoded: tuple[dict[str, Any], array[int], array[int], dict[str, int]] | None = index.get("_classifier")
    if decoded is None or decoded[0] is not model:  # decoded once per model (an evaluation may swap the model)
        idf, w = array("H"), array("b")
        try:
            idf.frombytes(base64.b64decode(model["idf"], validate=True))
            w.frombytes(base64.b64decode(model["w"], validate=True))
        except ValueError:  # a damaged cache (load_index checks the shape, not every character): no model
            return {}
        _little(idf)
        decoded = index["_classifier"] = (model, idf, w, {})
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
