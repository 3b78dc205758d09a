"""The web site's who box (weibao/site/who.js over whodata.data_script) answers as ``weibao who`` does.

Every question of the development sets (data/questions/samples-*.yaml) and of the holdout sets
(tests/eval/who_holdout_*.yaml), and a few hostile inputs, are ranked by ``weibao.who.engine.rank`` (top 3) and by
who.js in one node process; the unit lists, their roles, scores, duty items, urgent cases and office rules must be the
same.  The tables who.js derives from the shipped data (neighbours, the models' n-grams, idf and weights, the duty
items' bigram counts) must be the index's.  Ranking about 3,700 questions in Python takes most of the time: it is
spread over the machine's processors while node runs.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("parity_runner.js")
TOP = 3
HOSTILE = [
    ("我家孩子在学校被同学打了，老师也不管，" * 600)[:10000],
    "孩子被打了" * 2000,
    "<script>alert(1)</script>",
    "",
    "😀孩子被打了",
    "😀😀孩子𠀀被…打了🙂网吧",
    "\u2028</script>孩子被拐",
]

_INDEX: dict[str, Any] = {}


def _questions() -> list[str]:
    files = sorted((ROOT / "data" / "questions").glob("samples-*.yaml")) + sorted((ROOT / "tests" / "eval").glob("who_holdout_*.yaml"))
    out = []
    for f in files:
        out += [q["q"] for q in yaml.safe_load(f.read_text(encoding="utf-8"))["questions"]]
    assert len(files) >= 10 and len(out) > 3000
    return out


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    """What the parity is checked on, from ``engine.to_json`` (node's runner writes the same from who.js)."""
    return {
        "results": [[r["unit"]["id"], r["role"], r["score"], r["urgent"], [d["id"] for d in r["duties"]],
                     [c["id"] for c in r["office"]["clauses"]] if r["office"] else None] for r in doc["results"]],
        "urgent": [[c["id"], c["learned"]] for c in doc["urgent"]],
        "office": [c["id"] for c in doc["office"]["clauses"]] if doc["office"] else None,
        "similar": [[s["q"], s["similarity"]] for s in doc["similar"]],
        "terms": doc["terms"],
        "note": doc["note"],
    }


def _rank(questions: list[str]) -> list[dict[str, Any]]:
    from weibao.who.engine import rank, to_json

    index = _INDEX["index"]
    return [_summary(to_json(*rank(index, q, top=TOP), index)) for q in questions]


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal, the scores (rounded to 4 places by both) within one step of the rounding."""
    if len(a["results"]) != len(b["results"]) or {k: v for k, v in a.items() if k != "results"} != {k: v for k, v in b.items() if k != "results"}:
        return False
    return all(x[:2] + x[3:] == y[:2] + y[3:] and abs(x[2] - y[2]) <= 1.5e-4 for x, y in zip(a["results"], b["results"]))


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> dict[str, Any]:
    from weibao.core.repository import Repository
    from weibao.who.index import load_index

    dest = tmp_path_factory.mktemp("parity") / "repo"
    shutil.copytree(ROOT / "data", dest / "data")
    saved = os.environ.get("WEIBAO_CACHE")
    os.environ["WEIBAO_CACHE"] = "0"
    try:
        return load_index(Repository(dest))
    finally:
        if saved is None:
            del os.environ["WEIBAO_CACHE"]
        else:
            os.environ["WEIBAO_CACHE"] = saved


def test_who_js_answers_as_the_cli(index, tmp_path):
    got = _parity(index, _questions() + HOSTILE, tmp_path)
    _check_derived(index, got["derived"])


def test_who_js_answers_as_the_cli_without_the_models(tmp_path, monkeypatch):
    """An index built where numpy is missing (the slim install): no models, the neighbours vote, and the note that
    says so — who.js gives the same answers and the same note (every tenth question of the sets)."""
    from weibao.core.repository import Repository
    from weibao.who.index import build_index

    shutil.copytree(ROOT / "data", tmp_path / "repo" / "data")
    monkeypatch.setitem(sys.modules, "numpy", None)
    index = build_index(Repository(tmp_path / "repo"))
    monkeypatch.undo()
    assert index["unlearned"] and index["classifier"] is None and index["urgent_model"] is None
    got = _parity(index, _questions()[::10] + HOSTILE, tmp_path)
    assert {a["note"] for a in got["answers"]} == {index_note(index)}


def index_note(index: dict[str, Any]) -> str | None:
    from weibao.who.engine import missing_model_note

    return missing_model_note(index)


def _parity(index: dict[str, Any], questions: list[str], tmp_path: Path) -> dict[str, Any]:
    """Rank ``questions`` with the CLI's engine and with who.js over ``data_script(index)``; assert they agree."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    from weibao.site.whodata import data_script

    started = time.monotonic()
    data = tmp_path / "whodata.js"
    data.write_text(data_script(index), encoding="utf-8")
    (tmp_path / "questions.json").write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.Popen([node, str(RUNNER), str(data), str(tmp_path / "questions.json"), str(TOP)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PARITY_DERIVED": "1"})
    _INDEX["index"] = index
    try:
        workers = max(1, min(4, os.cpu_count() or 1))
        chunks = [questions[i::workers] for i in range(workers)]
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_rank, chunks)
        else:
            parts = [_rank(c) for c in chunks]
    finally:
        _INDEX.clear()
    expected: list[Any] = [None] * len(questions)
    for w, part in enumerate(parts):
        expected[w :: len(parts)] = part
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    got = json.loads(out)
    assert got["errors"] == []

    n = len(questions)
    top3 = sum(1 for p, j in zip(expected, got["answers"]) if [r[0] for r in p["results"]] == [r[0] for r in j["results"]])
    urgent = sum(1 for p, j in zip(expected, got["answers"]) if [c[0] for c in p["urgent"]] == [c[0] for c in j["urgent"]])
    office = sum(1 for p, j in zip(expected, got["answers"]) if bool(p["office"]) == bool(j["office"]))
    full = [q for q, p, j in zip(questions, expected, got["answers"]) if not _same(p, {**j, "results": [r[:6] for r in j["results"]]})]
    ms = sorted(got["ms"])
    print(f"\nparity: {top3}/{n} identical top-{TOP}; urgent cases {urgent}/{n}; office {office}/{n}; whole answer {n - len(full)}/{n}")
    print(f"who.js: load {got['load_ms']:.0f} ms, first question {got['ms'][0]:.1f} ms, median {ms[len(ms) // 2]:.1f} ms; "
          f"test {time.monotonic() - started:.0f} s")
    assert top3 == n and urgent == n and office == n
    assert full == []

    # the CLI refuses what who.js's check refuses
    from weibao.errors import UsageError
    from weibao.who.engine import check_question

    for q, message in zip(questions, got["checks"]):
        try:
            check_question(q)
            refused = False
        except UsageError:
            refused = True
        assert refused == (message is not None), q[:40]
    return got


def _check_derived(index: dict[str, Any], derived: dict[str, Any]) -> None:
    """The tables who.js rebuilds from the shipped data are the index's."""
    import base64
    from array import array

    from weibao.who import classifier

    table = "".join(f"\n{g}\t{idf:.4f}\t{' '.join(f'{i}:{w:.4f}' for i, w in zip(ids, ws))}" for g, idf, ids, ws in derived["neighbours"]) + "\n"
    assert table == index["neighbours"]["table"]
    for key in ("classifier", "urgent_model"):
        model, mine = index[key], derived["models"][key]
        grams = [model["grams"][i : i + classifier.NMAX].rstrip(classifier._PAD) for i in range(0, len(model["grams"]), classifier.NMAX)]
        assert mine["grams"] == grams
        idf = array("H")
        idf.frombytes(base64.b64decode(model["idf"]))
        assert mine["idf"] == list(classifier._little(idf))
        w = array("b")
        w.frombytes(base64.b64decode(model["w"]))
        assert mine["w"] == list(w)
    assert derived["items"] == [[it["u"], it["d"], it["tf"], it["len"]] for it in index["items"]]
    assert derived["idf"] == index["idf"]
    assert derived["keys"] == [e["key"] for e in index["examples"]]


def test_data_script_is_safe_and_small(index):
    from weibao.site.whodata import browser_index, data_script

    text = data_script(index)
    assert text.startswith("window.WEIBAO_WHO_DATA = {") and text.endswith("};\n")
    assert "</" not in text and "\u2028" not in text and "\u2029" not in text
    assert data_script(index) == text  # deterministic
    assert len(text.encode("utf-8")) < 1_200_000
    data = browser_index(index)
    assert all(isinstance(e[0], str) and all(isinstance(u, int) for u in e[1:]) for e in data["examples"])  # no files, lines, keys
    assert "key" not in data and "classifier_key" not in data
    assert json.loads(text[len("window.WEIBAO_WHO_DATA = ") : -2]) == json.loads(json.dumps(data))
