"""The search index: built from the validated data, cached under ``.weibao/`` by content hash."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from pathlib import Path
from typing import Any

from weibao import __version__
from weibao.core.progress import step
from weibao.core.repository import Repository
from weibao.domain.text import text_bigrams
from weibao.who.classifier import can_learn, valid_model

INDEX_FORMAT = 10
CACHE_DIR = ".weibao"
CACHE_FILE = "index.json"


def source_files(repo: Repository) -> list[Path]:
    data = repo.data_dir
    files = [data / "weibao.yaml", data / "glossary.yaml", data / "topics.yaml", data / "office.yaml"]
    units = data / "units"
    if units.is_dir():
        files += sorted(p for p in units.iterdir() if p.name.endswith(".yaml"))
    questions = data / "questions"
    if questions.is_dir():
        files += sorted(p for p in questions.iterdir() if p.name.endswith(".yaml"))
    return files


def content_key(repo: Repository) -> str:
    """Hash of every file the index is built from (path and bytes): a changed byte means a new key."""
    from weibao.core.cache import reader_digest
    from weibao.core.files import DATA_MAX_BYTES, FileRefused, read_regular

    # the reader's own source too: data an updated reader refuses (WB013 …) is not answered from an older index
    h = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}/{reader_digest()}".encode())
    for p in source_files(repo):
        h.update(repo.rel(p).encode() + b"\0")
        try:  # as the index reads them: a FIFO, a link out of the repository or a huge file is a mark, not a read
            h.update(read_regular(p, repo.root, DATA_MAX_BYTES))
        except FileRefused as exc:
            h.update(f"<{exc.code}>".encode())
        h.update(b"\0")
    return h.hexdigest()


def load_index(repo: Repository, use_cache: bool = True) -> dict[str, Any]:
    """The index for ``repo``: from the cache when its key matches, else built (and cached).

    ``WEIBAO_CACHE=0`` in the environment turns the cache off (nothing is written).
    """
    from weibao.core import cache_enabled

    if not cache_enabled():
        use_cache = False
    key = content_key(repo)
    path = repo.root / CACHE_DIR / CACHE_FILE
    previous = None
    if use_cache:
        from weibao.core.cache import read_signed

        # signed with this machine's key (core/cache.py): an index committed, planted or damaged is never served
        cached = read_signed(path)
        if isinstance(cached, dict) and cached.get("format") == INDEX_FORMAT:
            if cached.get("key") == key and all(cached.get(m) is None or valid_model(cached[m]) for m in ("classifier", "urgent_model")) \
                    and not (cached.get("unlearned") and can_learn()):  # numpy installed since: learn the models now
                return cached
            previous = cached  # its classifier is reused if the 问答库 it was learned from is unchanged
    index = build_index(repo, previous)
    index["key"] = key
    if use_cache:
        _save(path, index)
    return index


def _save(path: Path, index: dict[str, Any]) -> None:
    """A read-only checkout (or a full disk) still answers, just without the cache."""
    from weibao.core.cache import write_signed

    write_signed(path, index)


@step("正在建立“谁负责”的索引（数据有变化后第一次查询时）")
def build_index(repo: Repository, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The index of the validated data; ``previous``: an older index whose classifier is taken over when it was
    learned from the same answered questions (an edit of the glossary or a duty does not retrain it)."""
    from weibao.lint.engine import load_checked

    relevant = {repo.rel(p) for p in source_files(repo)} - {"data/office.yaml"}  # a broken office.yaml: rules unanswered

    def blocking(d: Any) -> bool:
        if d.path.startswith("data/questions/"):  # the 问答库 only helps: a bad entry is left out, unless it identifies someone
            return d.code.startswith("WB9")
        return d.path in relevant or not d.path or d.path.startswith("data/units")

    data = load_checked(repo, "无法查询谁负责", keep=blocking)
    role_words = data.role_words()
    units = []
    items: list[dict[str, Any]] = []
    for ui, u in enumerate(data.units):
        duties = []
        for di, d in enumerate(u.duties):
            role, basis = data.duty_role(u, d)  # decided from the text by domain/roles.py (validate checks the stored one agrees)
            duties.append({"id": d.id, "text": d.text, "role": role, "role_basis": basis, "topics": d.topics, "assignment": d.assignment})
            grams = text_bigrams(d.text)
            items.append({"u": ui, "d": di, "tf": dict(Counter(grams)), "len": len(grams)})
        units.append({
            "id": u.id, "name": u.name, "full_name": u.full_name, "heading": u.heading, "order": u.order,
            "kind": u.kind, "aliases": u.aliases, "duties": duties,
            "office_member": u.office_member.model_dump(mode="json") if u.office_member else None,
            "liaison": u.liaison.model_dump(mode="json") if u.liaison else None,
        })
    df: Counter[str] = Counter()
    for it in items:
        df.update(it["tf"].keys())
    n = len(items)
    avgdl = sum(it["len"] for it in items) / n if n else 0.0
    g = data.one("glossary")
    t = data.one("topics")
    s = data.settings
    glossary = g.model.model_dump(mode="json") if g else {"fluff": [], "asker": [], "deflect": [], "entries": []}
    unit_ids = {u["id"] for u in units}
    from weibao.domain.text import same_key, sorted_fluff
    from weibao.who.classifier import learn_model, rows_key, training_key, urgent_rows
    from weibao.who.classifier import train as train_classifier
    from weibao.who.examples import build as build_neighbours

    fluff = sorted_fluff(glossary)
    examples = []
    for r in data.valid("questions"):
        lines = _line_finder(r)
        for i, q in enumerate(r.model.questions):
            if set(q.lead) <= unit_ids:
                examples.append({"q": q.q, "lead": q.lead, "where": f"{r.rel}:{lines(i, q.q)}", "key": same_key(q.q, fluff)})

    classifier_key = training_key(examples, fluff, units)
    classifier = previous.get("classifier") if previous and previous.get("classifier_key") == classifier_key else None
    cut: dict[str, Any] = {}  # the n-grams of each answered question, cut once for both models
    if not valid_model(classifier):
        with step(f"正在学习问答库（{len(examples)} 个已回答的问题）"):
            classifier = train_classifier(examples, fluff, units, cut)
    urgent_texts, urgent_labels = urgent_rows(glossary, [e["q"] for e in examples], _word_case(glossary))
    urgent_key = rows_key(urgent_texts, urgent_labels, fluff) if urgent_texts else None
    urgent_model = previous.get("urgent_model") if previous and urgent_key and previous.get("urgent_key") == urgent_key else None
    if urgent_texts and not valid_model(urgent_model):
        urgent_model = learn_model(urgent_texts, urgent_labels, fluff, cut)
    return {
        "format": INDEX_FORMAT,
        "region": s.region.model_dump(mode="json") if s else None,
        "units": units,
        "items": items,
        "idf": {k: math.log(1 + (n - v + 0.5) / (v + 0.5)) for k, v in df.items()},
        "avgdl": avgdl,
        "glossary": glossary,
        "examples": examples,
        "neighbours": build_neighbours(examples, fluff),
        "classifier": classifier,
        "classifier_key": classifier_key,
        "urgent_model": urgent_model if urgent_texts else None,
        "urgent_key": urgent_key,
        "unlearned": not can_learn(),  # no numpy: no model could be learned (weibao who says so; see classifier.MISSING)
        "role_words": role_words.model_dump(mode="json"),
        "office": _office(data, unit_ids),
        "topics": t.model.model_dump(mode="json")["topics"] if t else [],
    }


def _word_case(glossary: dict[str, Any]) -> Any:
    """question → the urgent case its words say (the first), or "": how an answered question is labelled for the
    urgent model."""
    from weibao.who.engine import urgent_cases

    words_only = {"glossary": glossary}  # no urgent model in it: the words alone

    def case(q: str) -> str:
        found = urgent_cases(words_only, q)
        return found[0]["id"] if found else ""

    return case


def _office(data: Any, unit_ids: set[str]) -> dict[str, Any] | None:
    """The office as who answers for it: its names, its host unit (a real unit id) and every rule of data/office.yaml
    by id; None without settings, a valid office.yaml or a host that is a member unit."""
    s, office = data.settings, data.office
    if s is None or office is None or s.office.host_unit not in unit_ids:
        return None
    return {
        "name": s.office.name, "short_name": s.office.short_name, "host": s.office.host_unit,
        "host_division": s.office.host_division, "source": office.source_document,
        "clauses": {c.id: {"section": c.section, "title": c.title, "text": c.source} for c in office.clauses()},
    }


def _line_finder(record: Any) -> Any:
    """(index, question) → the line of the question in its file: found in the text (cheap), else by the parser's marks
    (which re-parse the whole file: about 0.1 s for a file of a thousand questions)."""
    text = record.loaded.text or ""
    starts = [0]
    for ln in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    cursor = 0

    def line(i: int, q: str) -> int:
        nonlocal cursor
        pos = text.find(q, cursor) if q and "\n" not in q else -1
        if pos < 0:
            return record.loaded.pos(("questions", i))[0]
        cursor = pos + len(q)
        import bisect

        return bisect.bisect_right(starts, pos)

    return line
