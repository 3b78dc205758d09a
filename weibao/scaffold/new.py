"""New records from commented templates: meetings, cases, documents, research, studies, notifications, plans.

Each is created in one write transaction (lint/gate.py): under the repository's write lock the next free id or
number is taken, the file is created exclusively (never over an existing one), and the repository is validated
with it first — a case citing a decision that does not exist, say, is refused with WB806 and nothing is written.
"""

from __future__ import annotations

import datetime as _dt
import json

from weibao.core.canonical import format_text
from weibao.core.dataset import load_repository
from weibao.core.repository import Repository
from weibao.domain.numbering import DocNumber
from weibao.domain.privacy import refuse_identifying
from weibao.domain.workdays import Workdays, resolve_deadline
from weibao.errors import UsageError, WeibaoError
from weibao.lint.gate import transaction
from weibao.model import MODELS
from weibao.model.case import Case, CaseKind, Level, SourceKind
from weibao.model.document import DOC_TYPES, NEEDS_ADDRESSEE, PLACEHOLDER, UPWARD_TYPES, Document
from weibao.model.meeting import MEETING_TYPES, TYPE_SLUG, Meeting
from weibao.records.cases import used_numbers
from weibao.records.documents import used_serials


def q(value: str) -> str:
    """A YAML scalar for text (JSON strings are valid YAML and keep any character safe)."""
    return json.dumps(value, ensure_ascii=False)


# -- meetings ------------------------------------------------------------------------------------------------


def new_meeting(repo: Repository, kind: str, date: _dt.date, title: str | None = None) -> str:
    """Create data/meetings/<year>/<date>-<type>[-n].yaml from a commented template; return its path."""
    if kind not in MEETING_TYPES:
        raise UsageError(f"没有“{kind}”这种会议。", hint="可选：" + "、".join(MEETING_TYPES))
    if title is not None:
        refuse_identifying("会议名称", title)
    with transaction(repo, "新建会议记录") as tx:
        folder = repo.data_dir / "meetings" / str(date.year)
        taken = {r.id for r in load_repository(repo).of("meeting")}
        if folder.is_dir():
            taken |= {p.stem for p in folder.glob("*.yaml")}
        base = f"{date.isoformat()}-{TYPE_SLUG[kind]}"
        mid, n = base, 1
        while mid in taken:
            n += 1
            mid = f"{base}-{n}"
        rel = f"data/meetings/{date.year}/{mid}.yaml"
        title = title or f"{date.year}年{date.month}月{date.day}日{kind}"
        tx.create(rel, format_text(meeting_template(mid, kind, date, title), Meeting, rel))
        tx.commit()
    return rel


def meeting_template(mid: str, kind: str, date: _dt.date, title: str) -> str:
    chair = "leader  # 领导小组组长" if kind == "领导小组会议" else "director  # 主任；由副主任主持时写 deputy，并填写下面的 delegation"
    lines = [
        f"# {kind}记录，由 weibao meeting new 新建。填写后运行 weibao validate。",
        "# 不得写入未成年人的姓名、学校、住址等身份信息；涉及个案时写“某某小学一名学生”一类的说法。",
        f"id: {mid}",
        f"type: {kind}",
        f"date: {date.isoformat()}",
        f"title: {q(title)}",
        "chair:",
        f"  position: {chair}",
        "  # delegation: {by: director, date: 委托日期}  # 副主任受主任委托主持时填写",
        "attendance:",
        "  present: []  # 出席：- {position: director}、- {unit: 单位id, position: office-member}、- {person: 人员id}；未登记的人员写 - {name: 姓名或身份}",
        "  absent: []  # 请假",
        "  attending: []  # 列席",
        "agenda: []  # 议题：- {title: 议题, important: false}；专题工作会议的重要问题另加 approval: {by: director, date: 日期}",
        "minutes:",
        "  body: []  # 纪要正文，逐段书写",
        "  # reported_on: 报领导小组组长、副组长的日期",
        "  # issued_on: 印发各成员单位的日期",
        "decisions: []  # 议定事项：- {id: " + mid + "-1, text: 事项, lead: [单位id], support: [], deadline: 日期}",
        "",
    ]
    return "\n".join(lines)


# -- cases ---------------------------------------------------------------------------------------------------


def new_case(repo: Repository, *, kind: str, lead: str, support: list[str], deadline: _dt.date | Workdays | None, level: str, subject: str,
             source_kind: str, source_ref: str | None, region: str | None, commissioner: str | None,
             opened: _dt.date) -> tuple[str, str, _dt.date | None]:
    """立案: the next number db-<year>-N (never one used before, also in git history); return (path, id, deadline).
    A deadline in working days is counted from the day after ``opened`` and stored as its date next to the count."""
    for value, allowed, label in ((kind, CaseKind, "类别"), (level, Level, "督办级别"), (source_kind, SourceKind, "来源")):
        options = allowed.__args__  # type: ignore[attr-defined]
        if value not in options:
            raise UsageError(f"{label}“{value}”不在允许的范围内。", hint="可选：" + "、".join(options))
    if not subject.strip():
        raise UsageError("事由不能为空。", hint="例如 --subject 某苏木一名小学生的临时监护")
    for label, text in (("事由", subject), ("来源编号", source_ref), ("地区", region), ("督查专员", commissioner)):
        refuse_identifying(label, text)
    due, workdays, _guessed = resolve_deadline(deadline, opened)  # a year not yet in the schedule: validate warns (WB213)
    if due is not None and due < opened:
        raise UsageError(f"整改时限 {due} 早于立案日期 {opened}。")
    if level == "挂牌督办" and due is None:
        raise UsageError("挂牌督办必须写整改时限（规则六（四）：挂牌督办、限时整改）。", hint="加 --deadline 日期 或 --deadline 15个工作日")
    with transaction(repo, "立案") as tx:
        n = max(used_numbers(repo, opened.year), default=0) + 1
        case_id = f"db-{opened.year}-{n}"
        rel = f"data/cases/{opened.year}/{case_id}.yaml"
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
        if due:
            lines.append(f"deadline: {due.isoformat()}")
        if workdays:
            lines.append(f"deadline_workdays: {workdays}  # 从立案日期次日起算的工作日数")
        lines += ["state: 立案", ""]
        tx.create(rel, format_text("\n".join(lines), Case, rel))
        tx.commit()
    return rel, case_id, due


# -- documents -----------------------------------------------------------------------------------------------


def new_document(repo: Repository, doc_type: str, prefix: str, date: _dt.date, title: str | None = None) -> tuple[str, str]:
    """Create data/documents/<year>/<id>.yaml with the next serial for the prefix and year; return (path, number)."""
    if doc_type not in DOC_TYPES:
        raise UsageError(f"没有“{doc_type}”这个文种。", hint="可选：" + "、".join(DOC_TYPES))
    if title is not None:
        refuse_identifying("标题", title)
    with transaction(repo, "新建公文") as tx:
        settings = load_repository(repo).settings
        if settings is None:
            raise WeibaoError("data/weibao.yaml 不存在或有错误，无法确定发文机关代字。", hint="先运行 weibao validate。")
        found = [p for p in settings.document_prefixes if prefix in (p.prefix, p.id)]
        if not found:
            known = "、".join(f"{p.prefix}（{p.id}）" for p in settings.document_prefixes) or "（无）"
            raise UsageError(f"代字“{prefix}”没有在 data/weibao.yaml 的 document_prefixes 中登记。", hint=f"已登记的代字：{known}")
        p = found[0]
        serial = max(used_serials(repo, p.prefix, date.year), default=0) + 1
        number = str(DocNumber(p.prefix, date.year, serial))
        doc_id = f"{p.id}-{date.year}-{serial}"
        rel = f"data/documents/{date.year}/{doc_id}.yaml"
        tx.create(rel, format_text(document_template(doc_id, doc_type, p.issuer, number, date, title, own=p.own), Document, rel))
        tx.commit()
    return rel, number


def document_template(doc_id: str, doc_type: str, issuer: str, number: str, date: _dt.date, title: str | None, own: bool) -> str:
    lines = [
        f"# 由 weibao doc new 于 {date.isoformat()} 新建。把“{PLACEHOLDER}……）”换成实际内容后运行 weibao validate。",
        "# 正文逐段写在 body 下；层次序数依次用 一、 （一） 1. （1）。不得写入未成年人的姓名、学校、住址等身份信息。",
        f"id: {doc_id}",
        f"type: {doc_type}",
        f"issuer: {q(issuer)}",
        f"number: {q(number)}",
    ]
    if own or doc_type in UPWARD_TYPES:
        lines.append(f"signer: {q(PLACEHOLDER + '签发人）')}")
    lines.append(f"title: {q(title or f'{PLACEHOLDER}标题，例如 关于……的{doc_type}）')}")
    if doc_type in NEEDS_ADDRESSEE:
        lines.append(f"to: [{q(PLACEHOLDER + '主送机关）')}]")
    lines += ["body:", f"  - {q(PLACEHOLDER + '正文）')}", f"date: {date.isoformat()}", ""]
    return "\n".join(lines)


# -- research, studies, notifications, the yearly plan -------------------------------------------------------

KINDS = ("research", "study", "notification", "annual-plan")


def new_record(repo: Repository, what: str, date: _dt.date, title: str | None) -> str:
    """Write a commented template for a new record; never overwrite."""
    if what not in KINDS:
        raise UsageError(f"不能新建“{what}”。", hint="可选：research（联合调研）、study（专题研究）、notification（情况通报）、annual-plan（年度工作计划）")
    if title is not None:
        refuse_identifying("标题", title)
    y = date.year
    label = {"research": "新建联合调研", "study": "新建专题研究", "notification": "新建情况通报", "annual-plan": "新建年度工作计划"}[what]
    with transaction(repo, label) as tx:
        if what == "annual-plan":
            rel = f"data/annual/{y}/plan.yaml"
            text = annual_plan_template(y)
        else:
            folder = "notifications" if what == "notification" else "research"
            prefix = {"research": "dy", "study": "yj", "notification": "tb"}[what]
            existing = {p.stem for p in (repo.data_dir / folder).rglob("*.yaml")} if (repo.data_dir / folder).is_dir() else set()
            n = 1
            while f"{prefix}-{y}-{n}" in existing:
                n += 1
            rid = f"{prefix}-{y}-{n}"
            rel = f"data/{folder}/{y}/{rid}.yaml"
            if what == "notification":
                text = notification_template(rid, date, title, _own_number(repo, date))
            else:
                text = research_template(rid, what, date, title)
        if tx.exists(rel):
            raise WeibaoError(f"{rel} 已经存在，没有覆盖。")
        kind = {"annual-plan": "annual_plan", "notification": "notification"}.get(what, "research")
        tx.create(rel, format_text(text, MODELS[kind], rel))
        tx.commit()
    return rel


def annual_plan_template(y: int) -> str:
    return "\n".join([
        f"# {y} 年度工作计划和工作要点（规则四（四））。由 weibao new annual-plan 新建。",
        f"year: {y}",
        "key_points: []  # 工作要点，逐条书写",
        "items: []  # 工作任务：- {id: t1, text: 任务, lead: [单位id], support: [], target: 完成日期}",
        f"report_due: {y + 1}-01-15  # 成员单位和苏木乡镇报送年度工作情况的截止日期",
        "",
    ])


def _own_number(repo: Repository, date: _dt.date) -> str | None:
    """The next 发文字号 of the office's own prefix (data/weibao.yaml ``document_prefixes`` with ``own: true``) for the
    year of ``date`` — serials of documents and notifications alike, ever committed — or None without such a prefix."""
    settings = load_repository(repo).settings
    own = [p for p in settings.document_prefixes if p.own] if settings else []
    if not own:
        return None
    serial = max(used_serials(repo, own[0].prefix, date.year), default=0) + 1
    return str(DocNumber(own[0].prefix, date.year, serial))


def notification_template(rid: str, date: _dt.date, title: str | None, number: str | None = None) -> str:
    numbered = (f"number: {number}  # 发文字号：本办代字，新建时分配" if number else
                "# number: 发文字号（data/weibao.yaml 的 document_prefixes 中还没有 own: true 的本办代字；没有字号只能排成草稿）")
    return "\n".join([
        "# 情况通报（规则六（二））。由 weibao new notification 新建；用 weibao render " + rid + " 排成通报。",
        f"id: {rid}", f"date: {date.isoformat()}", "category: 重要工作进展  # 重大工作部署、重要工作进展、重点突出问题、典型工作经验（规则六（二）的原文）",
        f"title: {q(title or '关于……情况的通报')}", "body:", f"  - {q('（请填写正文）')}",
        "to_units: all  # all 或成员单位 id 列表", "to_areas: all  # all、none 或地区 id 列表",
        numbered,
        "# cc: []  # 抄送机关，例如 旗委办公室",
        f"print_date: {date.isoformat()}  # 印发日期（版记），送印时改为当天；印发机关缺省为本办（printer: 可改）", "",
    ])


def research_template(rid: str, what: str, date: _dt.date, title: str | None) -> str:
    kind = "联合调研" if what == "research" else "专题研究"
    return "\n".join([
        f"# {kind}（规则六（{'一' if what == 'research' else '三'}））。由 weibao new {what} 新建。不得写入可识别未成年人的信息。",
        f"id: {rid}", f"kind: {kind}", f"theme: {q(title or '（请填写主题）')}", "organiser: office  # office（旗未保办）或成员单位 id",
        "units: []  # 参加单位 id", "team: []  # 调研组成员：- {unit: 单位id, name: 职务或姓名}", f"start: {date.isoformat()}",
        "findings: []  # 发现的问题和建议", "# report: {document: 公文id, submitted_on: 日期}  # 专题报告/工作报告报领导小组", "",
    ])
