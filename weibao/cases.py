"""Supervision cases (督查督办): allocate, move through the state machine, extend, close, list.

Every write goes through weibao.edit (round-trip, checked, atomic, refused if the
file changed meanwhile).  Text typed by the clerk is checked for identifying
information (ID numbers, mobile numbers, personal names) before anything is written.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from .errors import UsageError, WeibaoError
from .model.case import CLOSED, TRANSITIONS, Case
from .repo import Repository
from .store import Record, RepoData, load_repository

CASE_KEYS = list(Case.model_fields)


def _privacy_check(label: str, text: str | None) -> None:
    """Refuse identifying information in text before it reaches a tracked file."""
    from .rules.privacy import find_id_numbers, find_mobiles, find_names

    if not text:
        return
    if find_id_numbers(text):
        raise UsageError(f"{label}中有居民身份证号，不能写入纳入 git 的文件。", hint="身份证号只放在私密资料目录中。")
    if find_mobiles(text):
        raise UsageError(f"{label}中有手机号码，不能写入纳入 git 的文件。", hint="手机号只放在私密资料目录中。")
    names = find_names(text)
    if names:
        name = names[0][1]
        raise UsageError(f"{label}中的“{name}”像是真实姓名，不能写入纳入 git 的文件。", hint=f"写成“{name[0]}某”，或加注“（化名）”。")


def find_case(data: RepoData, case_id: str) -> Record:
    recs = {r.id: r for r in data.valid("case")}
    key = case_id.strip().lower()
    if key in recs:
        return recs[key]
    import difflib

    close = difflib.get_close_matches(key, list(recs), n=5, cutoff=0.4)
    raise WeibaoError(f"没有编号为“{case_id}”的督办事项。", hint=("相近的编号：" + "、".join(close)) if close else "用 weibao case list 查看全部督办事项。")


def _used_numbers(repo: Repository, year: int) -> set[int]:
    """Serials of db-<year>-N on disk and in every committed file name (a deleted case keeps its number)."""
    rx = re.compile(rf"db-{year}-([1-9]\d*)\.yaml$")
    out = set()
    folder = repo.data_dir / "cases"
    if folder.is_dir():
        out |= {int(m.group(1)) for p in folder.rglob("*.yaml") for m in [rx.search(p.name)] if m}
    try:
        import git

        g = git.Repo(repo.root, search_parent_directories=True)
        if g.head.is_valid():
            cases_dir = (repo.data_dir / "cases").resolve().relative_to(Path(g.working_tree_dir).resolve()).as_posix()
            names = g.git.execute(["git", "-c", "core.quotePath=false", "log", "--all", "--format=", "--name-only", "--", cases_dir]).splitlines()
            out |= {int(m.group(1)) for n in names for m in [rx.search(n)] if m}
    except Exception:  # noqa: BLE001 - outside git, or git unavailable: the files on disk are all we know
        pass
    return out


def new_case(repo: Repository, *, kind: str, lead: str, support: list[str], deadline: _dt.date | None, level: str, subject: str,
             source_kind: str, source_ref: str | None, region: str | None, commissioner: str | None, opened: _dt.date) -> tuple[str, str]:
    from .fmt import atomic_write, format_text
    from .model.case import CaseKind, Level, SourceKind

    for value, allowed, label in ((kind, CaseKind, "类别"), (level, Level, "督办级别"), (source_kind, SourceKind, "来源")):
        options = allowed.__args__
        if value not in options:
            raise UsageError(f"{label}“{value}”不在允许的范围内。", hint="可选：" + "、".join(options))
    if not subject.strip():
        raise UsageError("事由不能为空。", hint="例如 --subject 某苏木一名小学生的临时监护")
    for label, value in (("事由", subject), ("来源编号", source_ref), ("地区", region), ("督查专员", commissioner)):
        _privacy_check(label, value)
    if deadline is not None and deadline < opened:
        raise UsageError(f"整改时限 {deadline} 早于立案日期 {opened}。")
    n = max(_used_numbers(repo, opened.year), default=0) + 1
    case_id = f"db-{opened.year}-{n}"
    folder = repo.data_dir / "cases" / str(opened.year)
    path = folder / f"{case_id}.yaml"
    if path.exists():
        raise WeibaoError(f"{repo.rel(path)} 已经存在，没有覆盖。")
    import json

    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = [
        f"# 督办事项 {case_id}，由 weibao case new 于 {opened.isoformat()} 立案。",
        "# 不得写入未成年人及其家庭的姓名、学校、住址、电话、证件号、照片；需要时放在私密资料目录中，用本编号关联。",
        "# 状态变化、进展、延期、办结请用 weibao case move / log / extend / close 记录。",
        f"id: {case_id}", f"kind: {kind}", "source:", f"  kind: {source_kind}",
    ]
    if source_ref:
        lines.append(f"  ref: {q(source_ref)}")
    lines += [f"subject: {q(subject)}", f"lead: {lead}", f"support: [{', '.join(support)}]"]
    if region:
        lines.append(f"region: {q(region)}")
    lines.append(f"level: {level}")
    if commissioner:
        lines.append(f"commissioner: {q(commissioner)}")
    lines.append(f"opened: {opened.isoformat()}")
    if deadline:
        lines.append(f"deadline: {deadline.isoformat()}")
    lines += ["state: 立案", ""]
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, format_text("\n".join(lines), Case, repo.rel(path)))
    return repo.rel(path), case_id


def _edit(repo: Repository, case_id: str, change) -> tuple[str, Case]:
    from .edit import edit_file

    rec = find_case(load_repository(repo), case_id)
    model = edit_file(rec.file.path, rec.rel, Case, lambda doc: change(doc, rec.model))
    return rec.rel, model


def _append(doc: Any, key: str, item: dict) -> None:
    from ruamel.yaml.comments import CommentedMap

    from .edit import block_seq

    from .edit import scalar

    m = CommentedMap()
    for k, v in item.items():
        if v is not None:
            m[k] = scalar(v)
    block_seq(doc, key, CASE_KEYS).append(m)


def _not_before_last(c: Case, date: _dt.date) -> None:
    last = max([c.opened] + [e.date for e in c.log])
    if date < last:
        raise UsageError(f"日期 {date} 早于立案或最后一条记录（{last}）；记录按日期先后追加。")


def log_case(repo: Repository, case_id: str, text: str, date: _dt.date) -> tuple[str, Case]:
    if not text.strip():
        raise UsageError("进展内容不能为空。")
    _privacy_check("进展", text)

    def change(doc: Any, c: Case) -> None:
        if c.state in CLOSED:
            raise UsageError(f"督办事项 {c.id} 已“{c.state}”，不能再记录进展。")
        _not_before_last(c, date)
        _append(doc, "log", {"date": date, "text": text.strip()})

    return _edit(repo, case_id, change)


def move_case(repo: Repository, case_id: str, target: str, note: str | None, date: _dt.date) -> tuple[str, Case]:
    from .rules.cases import allowed_text

    _privacy_check("说明", note)

    def change(doc: Any, c: Case) -> None:
        if target == "办结" and "办结" in TRANSITIONS[c.state]:
            raise UsageError("办结要经过核验。", hint=f"用 weibao case close {c.id} --verified-by 核验人 --result 办结情况")
        if target not in TRANSITIONS[c.state]:
            raise UsageError(f"督办事项 {c.id} 的状态是“{c.state}”，不能改为“{target}”。", hint=f"从“{c.state}”只能改为：{allowed_text(c.state)}。")
        if target == "中止" and not (note and note.strip()):
            raise UsageError("中止督办要写明原因。", hint="加 --note 原因")
        _not_before_last(c, date)
        text = note.strip() if note else ("退回重办" if (c.state, target) == ("待核验", "整改中") else f"状态变为{target}")
        _append(doc, "log", {"date": date, "text": text, "state": target})
        doc["state"] = target

    return _edit(repo, case_id, change)


def extend_case(repo: Repository, case_id: str, to: _dt.date, reason: str, approved_by: str, date: _dt.date) -> tuple[str, Case]:
    _privacy_check("延期理由", reason)
    if not reason.strip() or not approved_by.strip():
        raise UsageError("延期要写明理由和批准人。")

    def change(doc: Any, c: Case) -> None:
        if c.state in CLOSED:
            raise UsageError(f"督办事项 {c.id} 已“{c.state}”，不能延期。")
        current = c.effective_deadline()
        if current is None:
            raise UsageError(f"督办事项 {c.id} 没有整改时限，不能延期。")
        if to <= current:
            raise UsageError(f"新时限 {to} 不晚于现在的时限 {current}。")
        _append(doc, "extensions", {"date": date, "to": to, "reason": reason.strip(), "approved_by": approved_by.strip()})

    return _edit(repo, case_id, change)


def close_case(repo: Repository, case_id: str, verified_by: str, result: str, date: _dt.date) -> tuple[str, Case]:
    from ruamel.yaml.comments import CommentedMap

    from .edit import set_key
    from .rules.cases import allowed_text

    _privacy_check("办结情况", result)
    if not verified_by.strip() or not result.strip():
        raise UsageError("办结要写明核验人和办结情况。")

    def change(doc: Any, c: Case) -> None:
        if c.state != "待核验":
            raise UsageError(f"督办事项 {c.id} 的状态是“{c.state}”，只有“待核验”的事项才能核验办结。",
                             hint=f"从“{c.state}”可以改为：{allowed_text(c.state)}。")
        _not_before_last(c, date)
        _append(doc, "log", {"date": date, "text": "核验办结", "state": "办结"})
        doc["state"] = "办结"
        closure = CommentedMap()
        from .edit import scalar

        closure["date"], closure["verified_by"], closure["result"] = date, scalar(verified_by.strip()), scalar(result.strip())
        set_key(doc, "closure", closure, CASE_KEYS)

    return _edit(repo, case_id, change)


def case_rows(data: RepoData, as_of: _dt.date) -> list[dict[str, Any]]:
    rows = []
    for r in sorted(data.valid("case"), key=lambda r: (r.model.opened, r.model.id)):
        c = r.model
        due = c.effective_deadline()
        is_open = c.state not in CLOSED
        rows.append({
            "id": c.id, "kind": c.kind, "level": c.level, "subject": c.subject, "lead": c.lead, "support": list(c.support),
            "region": c.region, "opened": c.opened.isoformat(), "deadline": due.isoformat() if due else None,
            "extended": bool(c.extensions), "state": c.state, "source": c.source.kind,
            "overdue": bool(is_open and due and due < as_of), "days_left": (due - as_of).days if is_open and due else None,
            "path": r.rel,
        })
    return rows


def select_cases(rows: list[dict[str, Any]], *, state: str | None = None, unit: str | None = None, level: str | None = None,
                 overdue: bool = False, due_within: int | None = None) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if state and row["state"] != state:
            continue
        if unit and unit not in [row["lead"], *row["support"]]:
            continue
        if level and row["level"] != level:
            continue
        if overdue and not row["overdue"]:
            continue
        if due_within is not None and (row["days_left"] is None or not 0 <= row["days_left"] <= due_within):
            continue
        out.append(row)
    return out


def open_cases_of(repo: Repository, unit_id: str) -> list[dict[str, Any]]:
    """The unit's open cases (as lead or support), read from the case files only."""
    from .store import load_kind

    out = []
    for c in load_kind(repo, "case"):
        if c.state not in CLOSED and unit_id in [c.lead, *c.support]:
            due = c.effective_deadline()
            out.append({"id": c.id, "subject": c.subject, "role": "lead" if c.lead == unit_id else "support", "level": c.level,
                        "state": c.state, "deadline": due.isoformat() if due else None})
    return sorted(out, key=lambda x: x["id"])
