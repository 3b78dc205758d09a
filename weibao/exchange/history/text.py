"""Changes (history/diff.py) as text for the terminal and Markdown for a merge request."""

from __future__ import annotations

from typing import Any

from weibao.domain.text import md_guard
from weibao.exchange.history.snapshot import KIND_ZH, SINGLE


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


def field_label(path: str, model: Any) -> str:
    """A field path of a record (``liaison.phone``, ``duties[0].text``) in the model's Chinese titles — 联络员·办公电话,
    职责条目·第 1 项·职责原文; a name the model does not know (an unknown field someone wrote) is kept as written."""
    import re
    import typing

    from weibao.model.base import Model

    def inner(annotation: Any) -> Any:
        for arg in (annotation, *typing.get_args(annotation)):
            if isinstance(arg, type) and issubclass(arg, Model):
                return arg
            for sub in typing.get_args(arg):
                if isinstance(sub, type) and issubclass(sub, Model):
                    return sub
        return None

    out, current = [], model
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        if index:
            out.append(f"第 {int(index) + 1} 项")
            continue
        f = current.model_fields.get(name) if current is not None else None
        out.append(f.title or name if f is not None else name)
        current = inner(f.annotation) if f is not None else None
    return "·".join(out)


def _model(kind: str) -> Any:
    from weibao.model import MODELS

    return MODELS.get(kind)


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
        from weibao.model.unit import Person

        lines += [f"  {field_label(c['field'], Person)}：{_val(c['before'])} → {_val(c['after'])}" for c in ch.get("changes", [])
                  if c["field"] != "name"]
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
        from weibao.model.meeting import Decision

        return [f"议定事项 {d}：{field_label(ch['field'], Decision)} {_val(ch['before'])} → {_val(ch['after'])}"]
    if kind == "case" and ch.get("action") == "state":
        return [f"状态：{ch['before']} → {ch['after']}"]
    if kind == "case" and ch.get("action") in ("log", "extensions"):
        e = ch["entry"]
        if ch["action"] == "log":
            return [f"进展 {e.get('date')}：" + (f"［{e['state']}］" if e.get("state") else "") + str(e.get("text", ""))]
        return [f"延期 {e.get('date')}：新时限 {e.get('to')}（{e.get('approved_by')} 批准）"]
    if ch.get("action") == "unreadable":
        if ch["after"]:
            return [f"文件无法读取：{ch['error']}" if ch.get("error") else "文件无法读取（运行 weibao validate 查看原因）"]
        return ["文件恢复为可以读取"]
    if ch.get("action") == "rewritten":
        return [f"{ch['label']}记录被改写（只应追加，不应删改）"]
    label = field_label(ch["field"], _model(kind))
    if "diff" in ch:
        return [f"{label}：{_ops_text(ch['diff'], md)}"]
    return [f"{label}：{_val(ch['before'])} → {_val(ch['after'])}"]


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
    for e in changes:  # names and texts from data are guarded: a merge request comment shows them, never runs them
        out.append(f"- **{md_guard(_head(e))}**")
        for ch in e["changes"]:
            out.extend("  - " + md_guard(line) for line in _change_lines(e["kind"], ch, md=True))
    return "\n".join(out) + "\n"


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


def textconv(text: str, path: str) -> str:
    """A data file as "字段: value" lines (git's textconv), so git log -p shows changes field by field, each field named
    by the model's Chinese titles as in ``diff`` (职责条目·第 2 项·职责原文).  git hands over a temporary copy of an old
    version, named after the file but not in its folder: the kind comes from the path when it is under data/, else
    from the file's schema line (``$schema=…/unit.schema.json``); a file of neither keeps the raw field paths."""
    import json

    from weibao.core.yamlread import parse_plain
    from weibao.exchange.history.diff import flatten

    data = parse_plain(text, path)
    if not isinstance(data, dict):
        return text
    model = _model(_textconv_kind(text, path) or "")
    label = (lambda k: field_label(k, model)) if model is not None else (lambda k: k)
    return "".join(f"{label(k)}: {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}\n" for k, v in flatten(data).items())


def _textconv_kind(text: str, path: str) -> str | None:
    import re

    from weibao.core.repository import kind_of_rel

    rel = path.replace("\\", "/")
    if "data/" in rel:
        kind = kind_of_rel(rel[rel.rindex("data/"):])
        if kind is not None:
            return kind.name
    m = re.search(r"\$schema=\S*?([a-z_]+)\.schema\.json", text[:500])
    return m.group(1) if m else None
