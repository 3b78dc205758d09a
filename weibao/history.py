"""Record-aware diffs between two states of the data (git revisions or the working tree), and per-record history.

A *snapshot* maps (kind, id) to the record's plain data and path.  Records are
matched by id, so a moved or renamed file is the same record; a unit whose id
changed but whose duties did not is reported as an id change, not remove + add.
Changes are plain dicts (the JSON output); text and Markdown are renderings of them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import UsageError, WeibaoError
from .repo import Repository, _match

KIND_ZH = {"settings": "仓库设置", "office": "工作规则", "glossary": "术语表", "topics": "主题表", "unit": "成员单位",
           "meeting": "会议", "case": "督办事项", "document": "公文", "research": "调研和专题研究", "notification": "情况通报",
           "area": "苏木乡镇（场、街道）", "questions": "问答库", "annual_plan": "年度工作计划", "unit_report": "成员单位年度报告", "area_report": "苏木乡镇年度报告"}
SINGLE = ("settings", "office", "glossary", "topics")
WORKTREE = None  # the working tree as a "revision"


@dataclass
class Snapshot:
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (kind, id) → {"path", "data"}


_FAST = None
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


def _parse(text: str, rel: str) -> Any:
    """Plain data of a file version (libyaml, dates kept as ISO text like the loader does; None if unreadable).

    Diffs need no positions, so this skips weibao.load's position tracking: about 10× faster on long histories."""
    global _FAST
    import yaml

    if _FAST is None:
        class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
            pass

        _Loader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _FAST = _Loader
    if _ANCHOR.search(text) or "!" in text:  # anchors, aliases, tags (!!binary …): the checking loader refuses them
        from .load import parse_text

        loaded = parse_text(text, rel)
        return loaded.data if loaded.ok else None
    try:
        return yaml.load(text, Loader=_FAST)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None


def _add(snap: Snapshot, rel_in_data: str, rel: str, text: str) -> None:
    kind = _match(rel_in_data)
    if kind is None:
        return
    data = _parse(text, rel)
    if not isinstance(data, dict):
        data = {"_unreadable": True}
    # records without an id field (the yearly plan and reports) are named by their place: annual/2026/units/gongan;
    # an unreadable record keeps the id its file name gives
    if kind.name in SINGLE:
        rid = kind.name
    elif kind.name in ("annual_plan", "unit_report", "area_report"):
        rid = rel_in_data.removesuffix(".yaml")
    else:
        rid = str(data.get("id") or Path(rel).stem)
    snap.records[(kind.name, rid)] = {"path": rel, "data": data}


class Git:
    """The git repository that holds the data (gitpython), with Chinese errors."""

    def __init__(self, repo: Repository):
        try:
            import git
        except ImportError as exc:  # pragma: no cover - a dependency
            raise WeibaoError("需要 gitpython。") from exc
        self._git = git
        try:
            self.repo = git.Repo(repo.root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise WeibaoError(f"{repo.root} 不在 git 仓库中，无法比较版本。", hint="在数据仓库中运行 git init 并提交一次。") from None
        self.root = Path(self.repo.working_tree_dir).resolve()
        self.data_prefix = repo.data_dir.resolve().relative_to(self.root).as_posix()
        self.weibao = repo

    def commit(self, rev: str):
        try:
            return self.repo.commit(rev)
        except (self._git.BadName, ValueError, self._git.GitCommandError):
            raise UsageError(f"git 中没有“{rev}”这个版本。", hint="用 git log --oneline 查看可用的提交；例如 HEAD、HEAD~1、main。") from None

    def snapshot(self, rev: str | None, paths: Iterable[str] = ()) -> Snapshot:
        snap = Snapshot()
        wanted = [p.rstrip("/") for p in paths]

        def keep(rel: str) -> bool:
            return not wanted or any(rel == w or rel.startswith(w + "/") for w in wanted)

        if rev is WORKTREE:
            for f in self.weibao.layout().files:
                if keep(f.rel):
                    try:
                        text = f.path.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        continue
                    _add(snap, f.rel[len("data/"):], f.rel, text)
            return snap
        tree = self.commit(rev).tree
        try:
            data_tree = tree / self.data_prefix
        except KeyError:
            return snap
        repo_rel = self.weibao.rel(self.weibao.data_dir)
        for blob in data_tree.traverse():
            if blob.type != "blob" or not blob.path.endswith(".yaml"):
                continue
            in_data = blob.path[len(self.data_prefix) + 1:]
            rel = f"{repo_rel}/{in_data}"
            if keep(rel):
                _add(snap, in_data, rel, blob.data_stream.read().decode("utf-8", errors="replace"))
        return snap


# -- comparing records ---------------------------------------------------------------------------


def text_diff(a: str, b: str, context: int = 8) -> dict[str, Any]:
    """A character-level diff of Chinese text: ops [(kind, text)] with long unchanged runs shortened."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            run = a[i1:i2]
            if len(run) > 2 * context:
                first, last = i1 == 0, i2 == len(a)
                run = ("…" + run[-context:]) if first else (run[:context] + "…") if last else (run[:context] + "…" + run[-context:])
            ops.append(("=", run))
        if tag in ("delete", "replace"):
            ops.append(("-", a[i1:i2]))
        if tag in ("insert", "replace"):
            ops.append(("+", b[j1:j2]))
    return {"ops": [list(o) for o in ops]}


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested data flattened to field paths (lists of scalars stay values)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list) and any(isinstance(x, (dict, list)) for x in value):
        for i, v in enumerate(value):
            out.update(_flat(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = value
    return out


def field_changes(a: dict, b: dict, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    fa, fb = _flat(a), _flat(b)
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
    from .rules.questions import question_key

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
            old = a.records[moved[key]]
            out.append({"kind": kind, "id": rid, "action": "renamed_id", "before_id": moved[key][1], "path": rb["path"],
                        "before_path": old["path"], "name": _name(kind, rb["data"]), "changes": []})
        elif ra is None:
            out.append({"kind": kind, "id": rid, "action": "added", "path": rb["path"], "name": _name(kind, rb["data"]), "changes": []})
        elif rb is None:
            out.append({"kind": kind, "id": rid, "action": "removed", "path": ra["path"], "name": _name(kind, ra["data"]), "changes": []})
        elif ra["data"] != rb["data"] or ra["path"] != rb["path"]:
            if ra["data"].get("_unreadable") or rb["data"].get("_unreadable"):
                changes = [{"action": "unreadable", "before": bool(ra["data"].get("_unreadable")), "after": bool(rb["data"].get("_unreadable"))}]
            else:
                changes = record_changes(kind, ra["data"], rb["data"])
            entry = {"kind": kind, "id": rid, "action": "changed", "path": rb["path"], "name": _name(kind, rb["data"]), "changes": changes}
            if ra["path"] != rb["path"]:
                entry["before_path"] = ra["path"]
            if kind == "unit" and ra["data"].get("name") != rb["data"].get("name"):
                entry["action"] = "renamed"
                entry["before_name"] = ra["data"].get("name")
            out.append(entry)
    return out


def semantic_diff(repo: Repository, rev_a: str | None = "HEAD", rev_b: str | None = WORKTREE, paths: Iterable[str] = ()) -> list[dict[str, Any]]:
    g = Git(repo)
    paths = list(paths)
    return diff_snapshots(g.snapshot(rev_a, paths), g.snapshot(rev_b, paths))


# -- rendering ---------------------------------------------------------------------------------------


def _ops_text(d: dict, md: bool = False) -> str:
    out = []
    for op, t in d["ops"]:
        if op == "=":
            out.append(t)
        elif op == "-":
            out.append(f"~~{t}~~" if md else f"[-{t}-]")
        else:
            out.append(f"**{t}**" if md else f"{{+{t}+}}")
    return "".join(out)


def _val(v: Any) -> str:
    if v is None:
        return "（无）"
    if isinstance(v, list):
        return "[" + "、".join(str(x) for x in v) + "]"
    if isinstance(v, dict):
        return "，".join(f"{k}: {x}" for k, x in v.items())
    return str(v)


def _ids(value: Any) -> str:
    """Unit ids as written in a file version, whatever was written (a list, one id, numbers, nothing)."""
    if value is None:
        return ""
    return "、".join(str(x) for x in value) if isinstance(value, list) else str(value)


def _change_lines(kind: str, ch: dict, md: bool) -> list[str]:
    if "question" in ch:
        q, a = ch["question"], ch["action"]
        units = _ids(ch.get("lead"))
        if a == "added":
            sup = f"（配合 {_ids(ch['support'])}）" if ch.get("support") else ""
            return [f"新增已答问题：{q} → {units}{sup}"]
        if a == "removed":
            return [f"删去已答问题：{q}（原答 {units}）"]
        label = "牵头" if ch["field"] == "lead" else "配合"
        return [f"改答：{q}：{label} {_ids(ch['before']) or '（无）'} → {_ids(ch['after']) or '（无）'}"]
    if "duty" in ch:
        d, a = ch["duty"], ch["action"]
        if a == "added":
            return [f"职责 {d}：新增（第 {ch['position']} 条）：{ch['text']}"]
        if a == "removed":
            return [f"职责 {d}：删除：{ch['text']}"]
        if a == "renamed":
            return [f"职责 {d}：编号由 {ch['before']} 改为 {d}（原文未变）"]
        if a == "moved":
            return [f"职责 {d}：位置 第 {ch['before']} 条 → 第 {ch['after']} 条"]
        if a == "text":
            return [f"职责 {d}：原文修改：{_ops_text(ch['diff'], md)}"]
        label = {"role": "角色", "role_basis": "角色依据", "topics": "主题"}[a]
        return [f"职责 {d}：{label} {_val(ch['before'])} → {_val(ch['after'])}"]
    if ch.get("personnel"):
        label = ch["label"]
        before, after = ch["before"], ch["after"]
        who = lambda p: p.get("name", "") if isinstance(p, dict) else "（未登记）"  # noqa: E731
        line = f"{label}：{who(before)} → {who(after)}（人员变更须函告备案，规则 personnel-filing）"
        if isinstance(after, dict) and after.get("filed_on"):
            line += f"，备案日期 {after['filed_on']}"
        lines = [line]
        lines += [f"  {c['field']}：{_val(c['before'])} → {_val(c['after'])}" for c in ch.get("changes", []) if c["field"] != "name"]
        return lines
    if "decision" in ch:
        d, a = ch["decision"], ch["action"]
        if a == "added":
            return [f"议定事项 {d}：新增：{ch['text']}（{ch['status']}）"]
        if a == "removed":
            return [f"议定事项 {d}：删除：{ch['text']}"]
        if a == "status":
            return [f"议定事项 {d}：{ch['before']} → {ch['after']}"]
        if a == "progress":
            e = ch["entry"]
            return [f"议定事项 {d}：新进展 {e.get('date')}：{e.get('text')}"]
        return [f"议定事项 {d}：{ch['field']} {_val(ch['before'])} → {_val(ch['after'])}"]
    if kind == "case" and ch.get("action") == "state":
        return [f"状态：{ch['before']} → {ch['after']}"]
    if kind == "case" and ch.get("action") in ("log", "extensions"):
        e = ch["entry"]
        if ch["action"] == "log":
            return [f"进展 {e.get('date')}：" + (f"［{e['state']}］" if e.get("state") else "") + str(e.get("text", ""))]
        return [f"延期 {e.get('date')}：新时限 {e.get('to')}（{e.get('approved_by')} 批准）"]
    if ch.get("action") == "unreadable":
        return ["文件无法读取（运行 weibao validate 查看原因）" if ch["after"] else "文件恢复为可以读取"]
    if ch.get("action") == "rewritten":
        return [f"{ch['label']}记录被改写（只应追加，不应删改）"]
    if "diff" in ch:
        return [f"{ch['field']}：{_ops_text(ch['diff'], md)}"]
    return [f"{ch['field']}：{_val(ch['before'])} → {_val(ch['after'])}"]


def _head(e: dict) -> str:
    label = KIND_ZH[e["kind"]]
    ident = e["id"] if e["kind"] not in SINGLE else ""
    name = f"（{e['name']}）" if e.get("name") and e["kind"] not in SINGLE else ""
    act = {"added": "新增", "removed": "删除", "changed": "修改", "renamed": f"改名：{e.get('before_name')} → {e.get('name')}",
           "renamed_id": f"编号由 {e.get('before_id')} 改为 {e['id']}（内容未变）"}[e["action"]]
    return f"{label} {ident}{name}：{act}".replace(" ：", "：")


def format_diff_text(changes: list[dict]) -> str:
    if not changes:
        return "没有变化。\n"
    out = []
    for e in changes:
        out.append(_head(e) + (f"  [{e['before_path']} → {e['path']}]" if e.get("before_path") and e["action"] != "renamed_id" else ""))
        for ch in e["changes"]:
            out.extend("  " + line for line in _change_lines(e["kind"], ch, md=False))
    return "\n".join(out) + "\n"


def format_diff_md(changes: list[dict], title: str = "数据变化") -> str:
    if not changes:
        return f"### {title}\n\n没有变化。\n"
    counts: dict[str, int] = {}
    for e in changes:
        counts[KIND_ZH[e["kind"]]] = counts.get(KIND_ZH[e["kind"]], 0) + 1
    out = [f"### {title}", "", "、".join(f"{k} {v} 项" for k, v in counts.items()), ""]
    for e in changes:
        out.append(f"- **{_head(e)}**")
        for ch in e["changes"]:
            out.extend("  - " + line for line in _change_lines(e["kind"], ch, md=True))
    return "\n".join(out) + "\n"


# -- per-record history --------------------------------------------------------------------------------


def record_history(repo: Repository, record_id: str) -> list[dict[str, Any]]:
    """Every commit that changed the record's file (following renames): date, author, message, semantic change.

    One ``git log --follow --raw`` gives each commit's old and new blob ids; all blobs are read in one
    ``git cat-file --batch`` and each is parsed once.
    """
    g = Git(repo)
    path = _record_path(g, record_id)
    if path is None:
        raise WeibaoError(f"在工作区和 git 历史中都找不到记录“{record_id}”。", hint="记录 id 即文件名（不含 .yaml），例如 gongan、db-2026-7。")
    log = g.repo.git.execute(["git", "-c", "core.quotePath=false", "log", "--follow", "--raw", "--no-abbrev",
                              "--format=%x00%H%x1f%an%x1f%aI%x1f%s", "--", path])
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
    blobs = _read_blobs(g, {b for e in entries for b in (e[5], e[6]) if set(b) != {"0"}})
    out = []
    for sha, author, date, subject, status, blob_a, blob_b, old_path, new_path in entries:
        before = blobs.get(blob_a) if set(blob_a) != {"0"} else None
        after = blobs.get(blob_b) if set(blob_b) != {"0"} else None
        kind = _match(new_path[len(g.data_prefix) + 1:]) if new_path.startswith(g.data_prefix + "/") else None
        kname = kind.name if kind else "record"
        if before is None and after is not None:
            change = {"action": "added", "changes": []}
        elif after is None:
            change = {"action": "removed", "changes": []}
        else:
            change = {"action": "changed", "changes": record_changes(kname, before, after)}
        if old_path != new_path:
            change["renamed_from"] = old_path
        out.append({"commit": sha, "author": author, "date": date, "message": subject, "path": new_path, "kind": kname, **change})
    return out


def _read_blobs(g: Git, shas: set[str]) -> dict[str, dict]:
    """Parse the given blobs, read through one git cat-file --batch process."""
    import subprocess

    if not shas:
        return {}
    order = sorted(shas)
    proc = subprocess.run(["git", "-C", str(g.root), "cat-file", "--batch"], input="\n".join(order).encode() + b"\n",
                          capture_output=True, check=True)
    out, buf, pos = {}, proc.stdout, 0
    for sha in order:
        nl = buf.index(b"\n", pos)
        header = buf[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        data = _parse(buf[pos:pos + size].decode("utf-8", errors="replace"), sha)
        out[sha] = data if isinstance(data, dict) else {}
        pos += size + 1
    return out


def _blob_data(g: Git, sha: str, path: str) -> dict | None:
    try:
        blob = g.repo.commit(sha).tree / path
    except KeyError:
        return None
    data = _parse(blob.data_stream.read().decode("utf-8", errors="replace"), path)
    return data if isinstance(data, dict) else {}


def _record_path(g: Git, record_id: str) -> str | None:
    """The record's file path in git terms: the working tree first, then any file of that name ever committed."""
    order = ("unit", "meeting", "case", "document", "research", "notification", "area")  # records named by id
    for kind in order:
        for f in g.weibao.layout().files:
            if f.kind.name == kind and f.path.stem == record_id:
                return f.path.resolve().relative_to(g.root).as_posix()
    names = g.repo.git.execute(["git", "-c", "core.quotePath=false", "log", "--all", "--format=", "--name-only", "--", g.data_prefix]).splitlines()
    for n in names:
        if Path(n).stem == record_id and n.endswith(".yaml"):
            return n
    return None


def format_history_text(record_id: str, entries: list[dict]) -> str:
    if not entries:
        return f"{record_id}：没有提交过的变化。\n"
    out = [f"{record_id} 的历史（{len(entries)} 次提交，新的在前）："]
    for e in entries:
        act = {"added": "新增", "removed": "删除", "changed": "修改"}[e["action"]]
        out.append(f"{e['date'][:10]}  {e['commit'][:8]}  {e['author']}  {e['message']}  （{act}" +
                   (f"，由 {e['renamed_from']} 改名" if e.get("renamed_from") else "") + "）")
        for ch in e["changes"]:
            out.extend("    " + line for line in _change_lines(e["kind"], ch, md=False))
    return "\n".join(out) + "\n"
