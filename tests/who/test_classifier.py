"""The classifier learned from the 问答库 (weibao/query/classifier.py).

Questions written here are invented samples.
"""

from __future__ import annotations

from collections import Counter

import pytest

from weibao.who import classifier
from weibao.who.classifier import grams, scores, train

FLUFF = ["哪个部门管", "找谁"]


def test_grams_are_padded_one_to_three_grams_of_each_run_without_fluff():
    assert grams("网吧找谁", FLUFF) == Counter({
        " ": 2, "网": 1, "吧": 1,
        " 网": 1, "网吧": 1, "吧 ": 1,
        " 网吧": 1, "网吧 ": 1,
    })
    assert grams("烟，哪个部门管", FLUFF) == Counter({" ": 2, "烟": 1, " 烟": 1, "烟 ": 1, " 烟 ": 1})
    assert grams("找谁", FLUFF) == Counter()


def _examples():
    base = [
        ("网吧让小孩进去上网", "wenlv"), ("网吧通宵接待中学生", "wenlv"), ("网吧没查身份证", "wenlv"),
        ("歌舞厅让小孩进去", "wenlv"), ("小卖部卖烟给小孩", "shichang"), ("超市卖酒给学生", "shichang"),
        ("商店卖烟给初中生", "shichang"), ("小孩被拐卖了", "gongan"), ("有人贩子拐孩子", "gongan"),
        ("孩子被打伤报警", "gongan"), ("学校食堂不干净", "shichang"), ("网吧门口有人打架", "gongan"),
    ]
    return [{"q": q, "lead": [u]} for q, u in base]


def _index(model):
    return {"classifier": model, "glossary": {"fluff": FLUFF}}


def test_learned_scores_pick_the_unit_its_words_belong_to():
    model = train(_examples(), FLUFF)
    assert model["classes"] == ["gongan", "shichang", "wenlv"]
    idx = _index(model)
    for q, unit in [("网吧里全是小孩", "wenlv"), ("便利店卖烟给小孩找谁", "shichang"), ("孩子被人贩子拐走了", "gongan")]:
        s = scores(idx, q)
        assert max(s, key=s.get) == unit, (q, s)


def _vectors(ex):
    """The training rows as train() builds them: TF-IDF over the n-grams of two or more questions, rows of length 1."""
    import math

    feats = [grams(e["q"], FLUFF) for e in ex]
    seen = Counter(g for f in feats for g in f)
    vocab = {}
    for f in feats:
        for g in f:
            if seen[g] >= classifier.MIN_DF:
                vocab.setdefault(g, len(vocab))
    idf = {g: math.log((1 + len(ex)) / (1 + seen[g])) + 1 for g in vocab}
    rows = []
    for f in feats:
        v = {vocab[g]: (1 + math.log(c)) * idf[g] for g, c in f.items() if g in vocab}
        norm = math.sqrt(sum(x * x for x in v.values()))
        rows.append({j: x / norm for j, x in v.items()})
    return rows, vocab, idf


def test_the_trainer_reaches_the_svm_optimum(monkeypatch):
    """Asked for a tight tolerance, the trainer lands on the optimum of ½‖w‖² + ½b² + C·Σ max(0, 1 − yᵢ(w·xᵢ + b))²:
    the gradient there is zero, checked for every class with plain Python, independently of how ``fit`` gets there (a
    trainer that stops early or drifts fails).  With the default tolerance the decision values on the training rows
    are within 0.1 of the optimum's."""
    ex = _examples()
    rows, vocab, _ = _vectors(ex)
    classes = sorted({e["lead"][0] for e in ex})
    y = [classes.index(e["lead"][0]) for e in ex]
    loose_w, loose_b = classifier.fit(rows, y, len(classes), len(vocab))
    monkeypatch.setattr(classifier, "TOL", 1e-5)
    w, b = classifier.fit(rows, y, len(classes), len(vocab))
    assert w.shape == (len(vocab), len(classes)) and b.shape == (len(classes),)
    for c in range(len(classes)):
        grad = [float(w[j, c]) for j in range(len(vocab))] + [float(b[c])]
        for x, yc in zip(rows, y):
            s = 1.0 if yc == c else -1.0
            value = sum(t * float(w[j, c]) for j, t in x.items()) + float(b[c])
            if s * value < 1:
                k = -2 * classifier.C * (1 - s * value) * s
                for j, t in x.items():
                    grad[j] += k * t
                grad[-1] += k
            loose = sum(t * float(loose_w[j, c]) for j, t in x.items()) + float(loose_b[c])
            assert abs(loose - value) < 0.1
        assert max(abs(t) for t in grad) < 1e-3, (classes[c], max(abs(t) for t in grad))
    assert abs(float(w.sum())) > 0  # not the trivial zero model


def test_the_trainer_gives_the_same_model_every_time():
    rows, vocab, _ = _vectors(_examples())
    y = [i % 3 for i in range(len(rows))]
    w1, b1 = classifier.fit(rows, y, 3, len(vocab))
    w2, b2 = classifier.fit(rows, y, 3, len(vocab))
    assert (w1 == w2).all() and (b1 == b2).all()


def test_stored_model_scores_like_the_trained_one():
    """The compact model (n-gram table, byte weights) gives the trainer's own decision values, up to the rounding."""
    ex = _examples()
    model = train(ex, FLUFF)
    rows, vocab, idf = _vectors(ex)
    y = [model["classes"].index(e["lead"][0]) for e in ex]
    w, b = classifier.fit(rows, y, len(model["classes"]), len(vocab))
    q = "网吧卖烟给小孩"
    import math

    f = grams(q, FLUFF)
    v = {g: (1 + math.log(c)) * idf[g] for g, c in f.items() if g in vocab}
    norm = math.sqrt(sum(t * t for t in v.values()))
    want = {u: sum(t / norm * float(w[vocab[g], c]) for g, t in v.items()) + float(b[c]) for c, u in enumerate(model["classes"])}
    got = scores(_index(model), q)
    assert got.keys() == want.keys()
    for u, value in want.items():
        assert got[u] == pytest.approx(value, abs=0.05)


def test_two_units_and_fewer():
    ex = [e for e in _examples() if e["lead"] != ["gongan"]]
    model = train(ex, FLUFF)
    idx = _index(model)
    s = scores(idx, "网吧里全是小孩")
    assert s["wenlv"] > s["shichang"] and s["wenlv"] == pytest.approx(-s["shichang"])
    assert train([e for e in ex if e["lead"] == ["wenlv"]], FLUFF) is None
    assert train([], FLUFF) is None
    assert scores({"classifier": None}, "网吧") == {}


def test_a_question_with_two_leads_teaches_both():
    ex = _examples() + [{"q": "网吧卖烟给小孩", "lead": ["wenlv", "shichang"]}]
    s = scores(_index(train(ex, FLUFF)), "网吧卖烟给小孩")
    assert sorted(s, key=s.get, reverse=True)[:2] == ["wenlv", "shichang"] or \
        sorted(s, key=s.get, reverse=True)[:2] == ["shichang", "wenlv"]


def test_table_lookup_is_aligned():
    table = "".join(g.ljust(classifier.NMAX, "\n") for g in ["网吧 ", "吧", " 网", "网吧"])
    assert classifier._row(table, "网吧 ") == 0
    assert classifier._row(table, "吧") == 1
    assert classifier._row(table, " 网") == 2
    assert classifier._row(table, "网吧") == 3
    assert classifier._row(table, "吧 ") == -1  # inside row 0 but not a row of its own
    assert classifier._row(table, "烟") == -1
    assert classifier._row("小孩子进去\n", "孩子进") == -1  # found only across the boundary of rows 0 and 1


def test_stored_numbers_are_little_endian_on_any_machine(monkeypatch):
    import base64
    import types

    model = train(_examples(), FLUFF)
    first_idf = int.from_bytes(base64.b64decode(model["idf"])[:2], "little")
    assert 1000 <= first_idf < 20000  # idf × 1000, idf between 1 and 20
    want = scores(_index(model), "网吧卖烟给小孩")
    monkeypatch.setattr(classifier, "sys", types.SimpleNamespace(byteorder="big"))  # as on a big-endian machine:
    big = train(_examples(), FLUFF)
    assert big["idf"] != model["idf"]  # swapped before storing (here: the bytes come out big-endian) …
    assert scores(_index(big), "网吧卖烟给小孩") == want  # … and swapped back after reading


def test_every_unit_needs_enough_questions_before_the_model_is_used():
    units = [{"id": u, "duties": [{"text": t}]} for u, t in
             [("wenlv", "上网服务营业场所"), ("shichang", "烟酒销售"), ("gongan", "打击拐卖")]]
    ex = _examples()  # 4 wenlv, 5 shichang, 4 gongan questions (one of them has a 网吧 in it)
    assert train(ex, FLUFF, units) is None  # MIN_QUESTIONS = 10
    many = [{"q": f"{e['q']}{i}", "lead": e["lead"]} for i in range(3) for e in ex]
    model = train(many, FLUFF, units)
    assert model is not None and model["classes"] == ["gongan", "shichang", "wenlv"]
    assert train(many, FLUFF, [*units, {"id": "kexie", "duties": [{"text": "科技馆"}]}]) is None  # a unit it would not know


def test_damaged_models_are_recognised():
    from weibao.who.classifier import valid_model

    model = train(_examples(), FLUFF)
    assert valid_model(model)
    for damage in ({"bias": model["bias"][:-1]}, {"w": model["w"][:-4]}, {"idf": model["idf"] + "AAAA"},
                   {"grams": model["grams"][:-1]}, {"scale": 0}, {"classes": "abc"}, {"scale": None}):
        assert not valid_model({**model, **damage}), damage
    assert not valid_model(None) and not valid_model("x") and not valid_model({})
    broken = {**model, "w": "!" * len(model["w"])}  # right length, not base64
    assert valid_model(broken) and scores(_index(broken), "网吧") == {}


def test_unseen_words_do_not_count():
    idx = _index(train(_examples(), FLUFF))
    assert scores(idx, "今天天气") == scores(idx, "明日") != scores(idx, "网吧")  # only the padding space is known


def test_long_texts_use_a_table_of_all_rows_with_the_same_scores(monkeypatch):
    model = train(_examples(), FLUFF)
    q = "网吧卖烟给小孩，孩子被打伤报警，超市卖酒给学生"
    searched = scores(_index(model), q)
    monkeypatch.setattr(classifier, "LOOKUPS", 0)
    idx = _index(model)
    assert scores(idx, q) == searched and idx["_classifier"][3]  # the table of all rows was built
    other = train(_examples()[:-1], FLUFF)
    idx["classifier"] = other  # another model in the same index: decoded and tabled afresh
    assert scores(idx, q) == scores(_index(other), q) and idx["_classifier"][0] is other
