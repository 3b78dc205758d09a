"""Record-aware diffs between two snapshots of the data, and the history of one record.

Records are matched by id, so a moved or renamed file is the same record; a unit whose id changed but whose
duties did not is reported as an id change, not remove + add.  Changes are plain dicts (the JSON output);
history/text.py renders them as text and Markdown.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Iterable

from weibao.core.repository import Repository, match_kind
from weibao.core.yamlread import MAX_BYTES, parse_plain
from weibao.domain.privacy import redact, redact_tree
from weibao.domain.text import question_key
from weibao.errors import WeibaoError
from weibao.exchange.history.snapshot import KIND_ZH, WORKTREE, History, Snapshot, why_unreadable

# -- comparing records ---------------------------------------------------------------------------


# A character diff compares every character of one text with every character of the other, so its cost grows
# with the product of the lengths.  Up to CHAR_BUDGET character pairs it is exact; longer changed stretches are
# compared sentence by sentence (the unit a reviewer reads), and a stretch too long even for that is shown as
# replaced whole.  So a diff of two long texts costs about their length, never their product.
CHAR_BUDGET = 250_000
SEGMENT_BUDGET = 1_000_000_000
_SENTENCE_END = set("。；！？\n")


def _segments(text: str) -> list[str]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            out.append(text[start:i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def _raw_ops(a: str, b: str) -> list[tuple[str, str]]:
    """Edit ops [(kind, text)] turning a into b, with unchanged runs kept whole."""
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops: list[tuple[str, str]] = [("=", a[:head])] if head else []
    ma, mb = a[head:len(a) - tail], b[head:len(b) - tail]
    if not ma or not mb:
        if ma:
            ops.append(("-", ma))
        if mb:
            ops.append(("+", mb))
    elif len(ma) * len(mb) <= CHAR_BUDGET:
        sm = difflib.SequenceMatcher(None, ma, mb, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                ops.append(("=", ma[i1:i2]))
            if tag in ("delete", "replace"):
                ops.append(("-", ma[i1:i2]))
            if tag in ("insert", "replace"):
                ops.append(("+", mb[j1:j2]))
    else:
        sa, sb = _segments(ma), _segments(mb)
        if len(sa) * len(sb) > SEGMENT_BUDGET or (len(sa) == 1 and len(sb) == 1):
            ops += [("-", ma), ("+", mb)]
        else:
            sm = difflib.SequenceMatcher(None, sa, sb)  # autojunk: a sentence repeated everywhere anchors nothing
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                pa, pb = "".join(sa[i1:i2]), "".join(sb[j1:j2])
                if tag == "equal":
                    ops.append(("=", pa))
                elif tag == "replace" and len(pa) * len(pb) <= CHAR_BUDGET:
                    ops += _raw_ops(pa, pb)
                else:
                    ops += [(k, t) for k, t in (("-", pa), ("+", pb)) if t]
    if tail:
        ops.append(("=", a[len(a) - tail:]))
    merged: list[tuple[str, str]] = []
    for kind, text in ops:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        elif text:
            merged.append((kind, text))
    return merged


def text_diff(a: str, b: str, context: int = 8) -> dict[str, Any]:
    """A diff of Chinese text: ops [(kind, text)] with long unchanged runs shortened.

    Exact to the character where the changed stretch is short; see CHAR_BUDGET for long texts.
    """
    raw = _raw_ops(a, b)
    ops = []
    for n, (kind, run) in enumerate(raw):
        if kind == "=" and len(run) > 2 * context:
            first, last = n == 0, n == len(raw) - 1
            run = ("…" + run[-context:]) if first else (run[:context] + "…") if last else (run[:context] + "…" + run[-context:])
        ops.append((kind, run))
    return {"ops": [list(o) for o in ops]}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested data flattened to field paths (lists of scalars stay values)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list) and any(isinstance(x, (dict, list)) for x in value):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = value
    return out


def field_changes(a: dict, b: dict, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    fa, fb = flatten(a), flatten(b)
    out = []
    for k in list(fa) + [x for x in fb if x not in fa]:
        if any(k == s or k.startswith(s + ".") or k.startswith(s + "[") for s in skip):
            continue
        if fa.get(k) != fb.get(k):
            ch = {"field": k, "before": fa.get(k), "after": fb.get(k)}
            if isinstance(fa.get(k), str) and isinstance(fb.get(k), str) and len(fa[k]) + len(fb[k]) > 20:
                ch["diff"] = text_diff(fa[k], fb[k])
            out.append(ch)
    return out


def _by_id(items: Any) -> dict[str, tuple[int, dict]]:
    return {str(x.get("id")): (i, x) for i, x in enumerate(items or []) if isinstance(x, dict) and x.get("id") is not None}


def _unit_changes(a: dict, b: dict) -> list[dict[str, Any]]:
    out = field_changes({k: v for k, v in a.items() if k not in ("duties", "office_member", "liaison")},
                        {k: v for k, v in b.items() if k not in ("duties", "office_member", "liaison")})
    for slot, label in (("office_member", "办公室成员"), ("liaison", "联络员")):
        pa, pb = a.get(slot), b.get(slot)
        if pa != pb:
            out.append({"field": slot, "label": label, "personnel": True, "before": pa, "after": pb,
                        "changes": field_changes(pa or {}, pb or {}) if isinstance(pa, dict) and isinstance(pb, dict) else []})
    da, db = _by_id(a.get("duties")), _by_id(b.get("duties"))
    text_a = {x.get("text"): k for k, (_, x) in da.items()}
    renamed = {}
    for k, (_, x) in db.items():  # same text under a new id: renumbered, not removed + added
        if k not in da and x.get("text") in text_a and text_a[x.get("text")] not in db:
            renamed[k] = text_a[x.get("text")]
    for k in da:
        if k not in db and k not in renamed.values():
            out.append({"duty": k, "action": "removed", "text": da[k][1].get("text")})
    for k, (j, x) in db.items():
        old_id = renamed.get(k, k)
        if old_id not in da:
            out.append({"duty": k, "action": "added", "text": x.get("text"), "position": j + 1})
            continue
        i, y = da[old_id]
        if old_id != k:
            out.append({"duty": k, "action": "renamed", "before": old_id})
        if i != j:
            out.append({"duty": k, "action": "moved", "before": i + 1, "after": j + 1})
        if y.get("text") != x.get("text"):
            out.append({"duty": k, "action": "text", "before": y.get("text"), "after": x.get("text"),
                        "diff": text_diff(str(y.get("text") or ""), str(x.get("text") or ""))})
        for f in ("role", "role_basis", "topics"):
            if y.get(f) != x.get(f):
                out.append({"duty": k, "action": f, "before": y.get(f), "after": x.get(f)})
    return out


def _meeting_changes(a: dict, b: dict) -> list[dict[str, Any]]:
    out = field_changes(a, b, skip=("decisions",))
    da, db = _by_id(a.get("decisions")), _by_id(b.get("decisions"))
    for k in da:
        if k not in db:
            out.append({"decision": k, "action": "removed", "text": da[k][1].get("text")})
    for k, (_, x) in db.items():
        if k not in da:
            out.append({"decision": k, "action": "added", "text": x.get("text"), "status": x.get("status", "待办")})
            continue
        y = da[k][1]
        sa, sb = y.get("status", "待办"), x.get("status", "待办")
        if sa != sb:
            out.append({"decision": k, "action": "status", "before": sa, "after": sb})
        pa, pb = y.get("progress") or [], x.get("progress") or []
        if not (isinstance(pa, list) and isinstance(pb, list) and all(isinstance(e, dict) for e in pb)):
            out.append({"decision": k, "action": "field", "field": "progress", "before": pa, "after": pb})
            continue
        if len(pb) > len(pa) and pb[: len(pa)] == pa:
            out.extend({"decision": k, "action": "progress", "entry": e} for e in pb[len(pa):])
        for ch in field_changes({f: v for f, v in y.items() if f not in ("status", "progress")},
                                {f: v for f, v in x.items() if f not in ("status", "progress")}):
            out.append({"decision": k, "action": "field", **ch})
        if not (len(pb) >= len(pa) and pb[: len(pa)] == pa):
            out.append({"decision": k, "action": "field", "field": "progress", "before": pa, "after": pb})
    return out


def _case_changes(a: dict, b: dict) -> list[dict[str, Any]]:
    out = []
    if a.get("state", "立案") != b.get("state", "立案"):
        out.append({"action": "state", "before": a.get("state", "立案"), "after": b.get("state", "立案")})
    for key, label in (("log", "进展"), ("extensions", "延期")):  # append-only lists
        la, lb = a.get(key) or [], b.get(key) or []
        if not (isinstance(la, list) and isinstance(lb, list) and all(isinstance(e, dict) for e in lb)):
            if la != lb:
                out.append({"action": "rewritten", "field": key, "label": label})
            continue
        if len(lb) > len(la) and lb[: len(la)] == la:
            out.extend({"action": key, "entry": e} for e in lb[len(la):])
        elif la != lb:
            out.append({"action": "rewritten", "field": key, "label": label})
    out.extend(field_changes(a, b, skip=("state", "log", "extensions")))
    return out


def _questions_changes(a: dict, b: dict) -> list[dict[str, Any]]:
    """Answered questions matched by their text (punctuation aside): added, removed, answered differently."""
    def by_text(d: dict) -> dict[str, dict]:
        qs = d.get("questions")
        return {question_key(q["q"]): q for q in qs if isinstance(q, dict) and isinstance(q.get("q"), str)} if isinstance(qs, list) else {}

    qa, qb = by_text(a), by_text(b)
    out: list[dict[str, Any]] = []
    for k, q in qa.items():
        if k not in qb:
            out.append({"question": q["q"], "action": "removed", "lead": q.get("lead")})
    for k, q in qb.items():
        if k not in qa:
            out.append({"question": q["q"], "action": "added", "lead": q.get("lead"), "support": q.get("support") or []})
            continue
        for f in ("lead", "support"):
            if (qa[k].get(f) or []) != (q.get(f) or []):
                out.append({"question": q["q"], "action": "answer", "field": f, "before": qa[k].get(f) or [], "after": q.get(f) or []})
    if not out and a != b:  # reordered, or only ids, styles or notes changed
        out = field_changes(a, b)
    return out


def record_changes(kind: str, a: dict, b: dict) -> list[dict[str, Any]]:
    """What changed between two versions of a record, field by field; what identifies a child is replaced on both
    sides first (domain/privacy.py), so a diff pasted into a review never repeats it."""
    return _record_changes(kind, redact_tree(a), redact_tree(b))


def _record_changes(kind: str, a: dict, b: dict) -> list[dict[str, Any]]:
    if kind == "questions":
        return _questions_changes(a, b)
    if kind == "unit":
        return _unit_changes(a, b)
    if kind == "meeting":
        return _meeting_changes(a, b)
    if kind == "case":
        return _case_changes(a, b)
    return field_changes(a, b)


def _name(kind: str, data: dict) -> str | None:
    name = _raw_name(kind, data)
    return redact(name) if isinstance(name, str) else name


def _raw_name(kind: str, data: dict) -> str | None:
    return data.get("name") or data.get("title") or data.get("subject") if isinstance(data, dict) else None


def diff_snapshots(a: Snapshot, b: Snapshot) -> list[dict[str, Any]]:
    out = []
    only_a = {k: v for k, v in a.records.items() if k not in b.records}
    only_b = {k: v for k, v in b.records.items() if k not in a.records}
    # a unit (or any record) whose id changed but whose content did not: an id change, not remove + add
    moved: dict[tuple[str, str], tuple[str, str]] = {}
    for kb, vb in only_b.items():
        body_b = {k: v for k, v in vb["data"].items() if k != "id"}
        for ka, va in only_a.items():
            if ka[0] == kb[0] and ka not in moved.values() and {k: v for k, v in va["data"].items() if k != "id"} == body_b:
                moved[kb] = ka
                break
    keys = sorted(set(a.records) | set(b.records), key=lambda k: (list(KIND_ZH).index(k[0]), k[1]))
    for key in keys:
        kind, rid = key
        ra, rb = a.records.get(key), b.records.get(key)
        if key in moved.values():
            continue
        if ra is None and key in moved:
            assert rb is not None  # every key is in a or in b
            old = a.records[moved[key]]
            out.append({"kind": kind, "id": rid, "action": "renamed_id", "before_id": moved[key][1], "path": rb["path"],
                        "before_path": old["path"], "name": _name(kind, rb["data"]), "changes": []})
        elif ra is None:
            assert rb is not None  # every key is in a or in b
            out.append({"kind": kind, "id": rid, "action": "added", "path": rb["path"], "name": _name(kind, rb["data"]),
                        "changes": _unreadable_change(None, rb["data"])})
        elif rb is None:
            out.append({"kind": kind, "id": rid, "action": "removed", "path": ra["path"], "name": _name(kind, ra["data"]), "changes": []})
        elif ra["data"] != rb["data"] or ra["path"] != rb["path"]:
            unreadable = _unreadable_change(ra["data"], rb["data"])
            changes = unreadable or record_changes(kind, ra["data"], rb["data"])
            name = _name(kind, rb["data"]) or _name(kind, ra["data"])  # a file that cannot be read keeps its last name
            entry = {"kind": kind, "id": rid, "action": "changed", "path": rb["path"], "name": name, "changes": changes}
            if ra["path"] != rb["path"]:
                entry["before_path"] = ra["path"]
            if kind == "unit" and not unreadable and ra["data"].get("name") != rb["data"].get("name"):
                entry["action"] = "renamed"
                entry["before_name"] = ra["data"].get("name")
            out.append(entry)
    return out


def _unreadable_change(before: dict | None, after: dict) -> list[dict[str, Any]]:
    """The one change to show when a version could not be read (a YAML error, too large, not a regular file): the
    fields of the other version are not "removed" or "added", and a unit whose file broke is not renamed to None."""
    was, now = bool(before and before.get("_unreadable")), bool(after.get("_unreadable"))
    if not (was or now):
        return []
    return [{"action": "unreadable", "before": was, "after": now, "error": (after if now else before or {}).get("_error")}]


def diff_files(path: str, old_file: str, new_file: str) -> list[dict[str, Any]]:
    """The record-aware diff of two versions of one data file (git's external diff driver hands them over)."""
    from weibao.core.files import FileRefused, read_regular
    from weibao.exchange.history.snapshot import add_text

    snaps = []
    for f in (old_file, new_file):
        s = Snapshot()
        try:  # git's temporary copies, outside the repository: regular files within the data limit
            text: str | None = "" if f == "/dev/null" else read_regular(Path(f), None, MAX_BYTES).decode("utf-8", errors="replace")
        except FileRefused:
            text = None
        add_text(s, path, text)
        snaps.append(s)
    return diff_snapshots(*snaps)


def semantic_diff(repo: Repository, rev_a: str | None = "HEAD", rev_b: str | None = WORKTREE, paths: Iterable[str] = ()) -> list[dict[str, Any]]:
    h = History(repo)
    paths = list(paths)
    return diff_snapshots(h.snapshot(rev_a, paths), h.snapshot(rev_b, paths))




def record_history(repo: Repository, record_id: str) -> list[dict[str, Any]]:
    """Every commit that changed the record's file (following renames): date, author, message, semantic change.

    One ``git log --follow --raw`` gives each commit's old and new blob ids; all blobs are read in one
    ``git cat-file --batch`` and each is parsed once.
    """
    h = History(repo)
    path = _record_path(h, record_id)
    if path is None:
        raise WeibaoError(f"在工作区和 git 历史中都找不到记录“{record_id}”。", hint="记录 id 即文件名（不含 .yaml），例如 gongan、db-2026-7。")
    log = h.git.follow_log(path) if h.git.head() else ""
    entries = []
    for chunk in log.split("\x00")[1:]:
        lines = [x for x in chunk.strip("\n").split("\n") if x]
        sha, author, date, subject = lines[0].split("\x1f")
        raw = next((x for x in lines[1:] if x.startswith(":")), None)
        if raw is None:
            continue
        meta, *paths = raw.split("\t")
        _mode_a, _mode_b, blob_a, blob_b, status = meta[1:].split(" ")
        entries.append((sha, author, date, subject, status, blob_a, blob_b, paths[0], paths[-1]))
    wanted = {b for e in entries for b in (e[5], e[6]) if set(b) != {"0"}}
    raw_blobs = h.git.blobs(wanted, max_bytes=MAX_BYTES)
    blobs: dict[str, dict] = {sha: {"_unreadable": True, "_error": why_unreadable(None, sha)} for sha in wanted - set(raw_blobs)}
    for sha, content in raw_blobs.items():
        text = content.decode("utf-8", errors="replace")
        data = parse_plain(text, sha)
        blobs[sha] = data if isinstance(data, dict) else {"_unreadable": True, "_error": why_unreadable(text, sha)}
    out = []
    for sha, author, date, subject, _status, blob_a, blob_b, old_path, new_path in entries:
        before = blobs.get(blob_a) if set(blob_a) != {"0"} else None
        after = blobs.get(blob_b) if set(blob_b) != {"0"} else None
        kind = match_kind(new_path[len(h.data_prefix) + 1:]) if new_path.startswith(h.data_prefix + "/") else None
        kname = kind.name if kind else "record"
        if after is None:
            change: dict[str, Any] = {"action": "removed", "changes": []}
        elif before is None:
            change = {"action": "added", "changes": []}
        else:
            change = {"action": "changed", "changes": _unreadable_change(before, after) or record_changes(kname, before, after)}
        if old_path != new_path:
            change["renamed_from"] = old_path
        out.append({"commit": sha, "author": author, "date": date, "message": subject, "path": new_path, "kind": kname, **change})
    return out


def _record_path(h: History, record_id: str) -> str | None:
    """The record's file path in git terms: the working tree first, then any file of that name ever committed."""
    order = ("unit", "meeting", "case", "document", "research", "notification", "area")  # records named by id
    for kind in order:
        for f in h.weibao.layout().files:
            if f.kind.name == kind and f.path.stem == record_id:
                return h.git.rel(f.path)
    for n in h.git.names_ever(h.data_prefix):
        if Path(n).stem == record_id and n.endswith(".yaml"):
            return n
    return None


