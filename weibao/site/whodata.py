"""The data the web site's who box (who.js) ranks with: the subset of the ``weibao who`` index the browser needs.

``browser_index`` is the only place deciding what goes to the browser.  It leaves out what the ranking does not
read (the files and lines of the answered questions, cache keys, duty topics, people of the units …) and keeps the
file small by shipping only what cannot be derived exactly in the browser:

* the duty items' bigram counts and idf, the answered questions' neighbour table and same-question keys, and the
  n-gram tables of the two learned models are rebuilt by who.js from the duty texts, the answered questions and the
  urgent cases' example sentences (each derivation is checked here against the index: when it would not give the
  index's table, the table itself is shipped);
* the models' weights (signed bytes) are Huffman-coded, and every byte string is written in a 91-character
  alphabet of JSON-safe ASCII (13 bits per two characters) instead of base64;
* every natural logarithm the ranking takes is shipped as computed by Python (``math.log`` and a browser's
  ``Math.log`` differ in the last bit for about one argument in fifty): a table per place it is used, indexed by
  the integer it is computed from (only the rare count beyond a table falls back to ``Math.log``).

``data_script`` wraps it as ``window.WEIBAO_WHO_DATA = {...};``, safe inside a script file.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter
from typing import Any

from weibao.domain import roles
from weibao.domain.text import ASKING, sorted_fluff, text_bigrams
from weibao.who import classifier, engine, examples

FORMAT = 1
LOG_COUNTS = 256  # math.log(c) shipped for counts 1 … this (n-gram counts of a question; beyond: Math.log)
_ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"\\<')  # 91 characters
_RUN = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def browser_index(index: dict[str, Any]) -> dict[str, Any]:
    """The JSON-serialisable data who.js needs to rank exactly as ``weibao.who.engine.rank`` does over ``index``."""
    units = index["units"]
    unit_no = {u["id"]: i for i, u in enumerate(units)}
    glossary = index["glossary"]
    fluff = sorted_fluff(glossary)
    exs = index["examples"]
    n_items = len(index["items"])
    corpus = "\n".join(d["text"] for u in units for d in u["duties"])
    longest = max((len(m) for m in _RUN.findall(corpus)), default=0)
    pidf = [math.log(1 + (n_items - df + 0.5) / (df + 0.5)) if df else 0.0 for df in range(n_items + 1)]
    out: dict[str, Any] = {
        "format": FORMAT,
        "k": _constants(),
        "region_short": (index.get("region") or {}).get("short") or "",
        "units": [_unit(u) for u in units],
        "role_words": {k: list(index["role_words"].get(k) or []) for k in ("lead", "support", "exclude")},
        "bracket": {r: [w for w, role in roles.BRACKET_WORDS.items() if role == r] for r in (roles.LEAD, roles.SUPPORT)},
        "glossary": _glossary(glossary),
        "examples": [[e["q"], *(unit_no[u] for u in e["lead"])] for e in exs],
        "office": _office(index.get("office")),
        "logs": {
            "count": [math.log(c) for c in range(1, LOG_COUNTS + 1)],  # [c - 1]
            "third": [math.log(n / 3) for n in range(3, longest + 1)],  # [length - 3] of a literal run
            "pidf": pidf,  # [df]: the items' idf and _phrase_idf
            "pidf_sq": [x**engine.CONCEPT_POWER for x in pidf],
        },
        "compensated_sum": sum([1e100, 1.0, -1e100]) == 1.0,  # Python 3.12+ adds floats with Neumaier's correction
        "unlearned": bool(index.get("unlearned")),
        "note": engine.missing_model_note(index),
    }
    _check_items(index)
    out["neighbours"] = _neighbours(index, fluff)
    for key, rows in (("classifier", ["examples", "duties"]), ("urgent_model", ["urgent_examples", "calm_examples", "examples"])):
        out[key] = _model(index.get(key), _row_texts(index, rows), fluff, rows)
    return out


def data_script(index: dict[str, Any]) -> str:
    """``window.WEIBAO_WHO_DATA = {...};``: deterministic, UTF-8 text, safe in a <script> file or element."""
    text = json.dumps(browser_index(index), ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.WEIBAO_WHO_DATA = {text};\n"


def _constants() -> dict[str, Any]:
    """The ranking's settings, as the Python modules have them (who.js takes them from here, never its own copy)."""
    e, c, x = engine, classifier, examples
    return {
        "K1": e.K1, "B": e.B, "BM25_WEIGHT": e.BM25_WEIGHT, "LITERAL_MIN": e.LITERAL_MIN, "SHORT_LITERAL": e.SHORT_LITERAL,
        "LITERAL_LENGTH": e.LITERAL_LENGTH, "CLAUSE_ROLE_FACTOR": e.CLAUSE_ROLE_FACTOR, "OWN_DUTY": e.OWN_DUTY,
        "FUNCTION_CHARS": e.FUNCTION_CHARS, "SHARED_LEAD": e.SHARED_LEAD, "SECONDARY_TERM": e.SECONDARY_TERM,
        "SECOND": e.SECOND, "THIRD": e.THIRD, "ITEM_SHOW": e.ITEM_SHOW, "MENTION_BOOST": e.MENTION_BOOST,
        "MENTION_OTHER": e.MENTION_OTHER, "MENTION_CROWD": e.MENTION_CROWD, "MIN_RELATIVE": e.MIN_RELATIVE,
        "FOCUS": e.FOCUS, "COVER_SHARE": e.COVER_SHARE, "MATTER_MIN": e.MATTER_MIN, "MATTER_PLACE": e.MATTER_PLACE,
        "URGENT_MIN": e.URGENT_MIN, "NOT_URGENT": e.NOT_URGENT, "MATTER_SPLIT": e._MATTER_SPLIT.pattern,
        "CLAUSE_SPLIT": e._CLAUSE_SPLIT, "SENTENCE_END": e._SENTENCE_END, "CLAUSE_END": roles.CLAUSE_END,
        "ROLE_ZH": e.ROLE_ZH, "QUESTION_MAX": e.QUESTION_MAX, "ASKING": list(ASKING),
        "CLS_WEIGHT": c.WEIGHT, "MIN_SHARE": c.MIN_SHARE, "ALONE": c.ALONE, "LOOKUPS": c.LOOKUPS, "NMAX": c.NMAX,
        "MIN_DF": c.MIN_DF, "NN_K": x.K, "NN_WEIGHT": x.WEIGHT, "MIN_SIMILARITY": x.MIN_SIMILARITY, "LONG": x.LONG,
        "MIN_VOTE": x.MIN_VOTE,
    }


def _unit(u: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": u["id"], "name": u["name"], "full_name": u["full_name"], "heading": u.get("heading"), "order": u["order"],
        "aliases": list(u.get("aliases") or []),
        "duties": [[d["id"], d["text"], d.get("assignment")] for d in u["duties"]],
    }


def _glossary(g: dict[str, Any]) -> dict[str, Any]:
    return {
        "entries": [[list(e["words"]), list(e["terms"])] for e in g.get("entries") or []],
        "fluff": list(g.get("fluff") or []), "asker": list(g.get("asker") or []), "deflect": list(g.get("deflect") or []),
        "child_words": list(g.get("child_words") or []), "calm_examples": list(g.get("calm_examples") or []),
        "urgent": [
            {k: c.get(k) for k in ("id", "name", "words", "lead", "support", "basis", "action", "examples")}
            for c in g.get("urgent") or []
        ],
        "office": [{"words": list(c["words"]), "clauses": list(c["clauses"])} for c in g.get("office") or []],
    }


def _office(office: dict[str, Any] | None) -> dict[str, Any] | None:
    if not office:
        return None
    keep = ("name", "short_name", "host", "host_division", "source")
    return {**{k: office.get(k) for k in keep},
            "clauses": {cid: {k: c[k] for k in ("section", "title", "text")} for cid, c in office["clauses"].items()}}


def _check_items(index: dict[str, Any]) -> None:
    """who.js counts the duty items' bigrams from the texts: the index must hold exactly those (it is built so)."""
    units = index["units"]
    for it in index["items"]:
        grams = text_bigrams(units[it["u"]]["duties"][it["d"]]["text"])
        if it["tf"] != dict(Counter(grams)) or it["len"] != len(grams):
            raise ValueError(f"duty item {it['u']}/{it['d']}: its bigram counts are not those of its text")
    texts = [(it["u"], it["d"]) for it in index["items"]]
    if texts != [(ui, di) for ui, u in enumerate(units) for di in range(len(u["duties"]))]:
        raise ValueError("the index's duty items are not the duties in order")


def _neighbours(index: dict[str, Any], fluff: list[str]) -> dict[str, Any] | None:
    """What who.js needs to rebuild the neighbour table (examples.build) from the answered questions: the idf of
    every document frequency and log(n + 1); checked against the index's table."""
    nn = index.get("neighbours")
    if not nn or not nn["n"]:
        return None
    exs = index["examples"]
    if examples.build(exs, fluff) != nn:  # the table is the one of these questions (who.js rebuilds it the same way)
        raise ValueError("the index's neighbour table is not the one of its answered questions")
    for e in exs:
        if e["key"] != examples.same_key(e["q"], fluff):
            raise ValueError("an answered question's key is not its same_key")
    df: Counter[str] = Counter()
    for e in exs:
        df.update(examples.features(e["q"], fluff).keys())
    n = nn["n"]
    return {"n": n, "unseen": math.log(n + 1), "idf": {str(v): math.log((n + 1) / (v + 0.5)) for v in sorted(set(df.values()))}}


def _row_texts(index: dict[str, Any], rows: list[str]) -> list[str]:
    g = index["glossary"]
    out: list[str] = []
    for r in rows:
        if r == "examples":
            out += [e["q"] for e in index["examples"]]
        elif r == "duties":
            out += [d["text"] for u in index["units"] for d in u["duties"]]
        elif r == "urgent_examples":
            out += [x for c in g.get("urgent") or [] for x in c.get("examples") or []]
        elif r == "calm_examples":
            out += list(g.get("calm_examples") or [])
    return out


def _model(model: dict[str, Any] | None, texts: list[str], fluff: list[str], rows: list[str]) -> dict[str, Any] | None:
    """A learned model for who.js: its n-gram table as a bit per n-gram of the training texts (derived in the browser
    the way classifier.learn_model numbers them) or, when that does not give the model's table, the table itself; its
    idf per document frequency (or each); its weights Huffman-coded."""
    if not model:
        return None
    import base64
    from array import array

    k, nmax, pad = len(model["classes"]), classifier.NMAX, classifier._PAD
    table = model["grams"]
    grams = [table[i : i + nmax].rstrip(pad) for i in range(0, len(table), nmax)]
    idf = array("H")
    idf.frombytes(base64.b64decode(model["idf"]))
    classifier._little(idf)
    w = array("b")
    w.frombytes(base64.b64decode(model["w"]))
    out: dict[str, Any] = {"classes": model["classes"], "scale": model["scale"], "bias": model["bias"], "k": k,
                           "rows": len(grams), "w": _huffman(list(w))}
    feats = [classifier.grams(t, fluff) for t in texts]
    df = Counter(g for f in feats for g in f)
    vocab = [g for g in df if df[g] >= classifier.MIN_DF]
    at = {g: j for j, g in enumerate(vocab)}
    derived = [at.get(g, -1) for g in grams]
    if -1 not in derived and derived == sorted(derived):
        bits = bytearray((len(vocab) + 7) // 8)
        for j in derived:
            bits[j >> 3] |= 128 >> (j & 7)
        out["from"], out["keep"] = rows, _b91(bytes(bits))
        by_df = {df[g]: min(65535, round((math.log((1 + len(feats)) / (1 + df[g])) + 1) * 1000)) for g in grams}
        if all(by_df[df[g]] == v for g, v in zip(grams, idf)):
            out["idf_df"] = {str(d): v for d, v in sorted(by_df.items())}
    else:
        out["grams"] = grams
    if "idf_df" not in out:
        out["idf"] = _b91(idf.tobytes())  # 16-bit little-endian (classifier._little)
    return out


def _huffman(values: list[int]) -> dict[str, Any]:
    """Canonical Huffman code of signed bytes: {"lengths": [[value, bits], …] (by bits, then value), "n", "data"}."""
    freq = Counter(values)
    if len(freq) == 1:
        lengths = {next(iter(freq)): 1}
    else:
        heap: list[tuple[int, int, list[int]]] = [(f, v, [v]) for v, f in sorted(freq.items())]
        heapq.heapify(heap)
        depth = dict.fromkeys(freq, 0)
        tie = 256
        while len(heap) > 1:
            f1, _t1, s1 = heapq.heappop(heap)
            f2, _t2, s2 = heapq.heappop(heap)
            for v in s1 + s2:
                depth[v] += 1
            heapq.heappush(heap, (f1 + f2, tie, s1 + s2))
            tie += 1
        lengths = depth
    order = sorted(lengths, key=lambda v: (lengths[v], v))
    codes: dict[int, tuple[int, int]] = {}
    code, prev = 0, lengths[order[0]]
    for i, v in enumerate(order):
        if i:
            code = (code + 1) << (lengths[v] - prev)
            prev = lengths[v]
        codes[v] = (code, lengths[v])
    acc, nbits, out = 0, 0, bytearray()
    for v in values:
        c, n = codes[v]
        acc = (acc << n) | c
        nbits += n
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 255)
        acc &= (1 << nbits) - 1
    if nbits:
        out.append((acc << (8 - nbits)) & 255)
    return {"lengths": [[v, lengths[v]] for v in order], "n": len(values), "data": _b91(bytes(out))}


def _b91(data: bytes) -> str:
    """Bytes as text: each 13 bits (big-endian, the last group zero-filled) as two characters of ``_ALPHABET``."""
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 13)
    out = []
    for i in range(0, len(bits), 13):
        g = int(bits[i : i + 13], 2)
        out.append(_ALPHABET[g // 91] + _ALPHABET[g % 91])
    return "".join(out)
