"""Render document records and reports: Markdown, text and HTML from Jinja templates, DOCX with python-docx."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ..errors import InvalidData, WeibaoError
from ..repo import Repository
from ..store import Record, RepoData

FORMATS = ("md", "html", "txt", "docx")
RELEVANT = ("data/weibao.yaml", "data/office.yaml", "data/units/", "data/documents/", "data/meetings/", "data/notifications/",
            "data/research/", "data/areas/", "data/annual/")


def load_valid(repo: Repository) -> RepoData:
    """The repository's data, refusing when the records a document draws on have errors."""
    from ..diagnostics import Report, format_text
    from ..rules import validate

    report, data = validate(repo)
    errors = [d for d in report.sorted() if d.severity == "error" and (not d.path or d.path.startswith(RELEVANT))]
    if errors:
        raise InvalidData(
            f"设置、工作规则、成员单位、会议或公文记录有 {len(errors)} 个错误，无法生成公文：\n" + format_text(Report(errors, report.files_checked)).rstrip("\n"),
            hint="先运行 weibao validate 修正这些错误。",
        )
    return data


def find_document(data: RepoData, doc_id: str) -> Record:
    docs = {r.id: r for r in data.valid("document")}
    if doc_id in docs:
        return docs[doc_id]
    by_number = [r for r in docs.values() if r.model.number == doc_id.strip()]
    if len(by_number) == 1:
        return by_number[0]
    import difflib

    close = difflib.get_close_matches(doc_id, list(docs), n=5, cutoff=0.4)
    known = close or sorted(docs)[:10]
    hint = ("相近的公文：" + "、".join(known)) if known else "data/documents/ 中还没有公文记录；用 weibao doc new 新建。"
    raise WeibaoError(f"没有 id 或发文字号为“{doc_id}”的公文或会议。", hint=hint)


def template_dirs(repo: Repository) -> list[Path]:
    return [repo.templates_dir]


def render_document(repo: Repository, doc_id: str, fmt: str) -> str | bytes:
    from .view import document_view

    if fmt not in FORMATS:
        raise WeibaoError(f"不支持的格式 {fmt}。", hint="可选：" + "、".join(FORMATS))
    data = load_valid(repo)
    meeting = next((r for r in data.valid("meeting") if r.id == doc_id), None)
    notification = next((r for r in data.valid("notification") if r.id == doc_id), None)
    if meeting is not None:  # a meeting renders as its 纪要
        from ..meetings import minutes_view

        view = minutes_view(data, meeting)
    elif notification is not None:  # a 情况通报 renders as a 通报
        from ..annual import notification_view

        view = notification_view(data, notification)
    else:
        view = document_view(find_document(data, doc_id).model, data)
    if fmt == "docx":
        from .docx import document_docx

        return document_docx(view)
    from .env import render

    return render(f"document.{fmt}.j2", {"doc": view}, template_dirs(repo))


def report_context(data: RepoData, as_of: _dt.date) -> dict[str, Any]:
    """What a report template sees: settings, office, units, documents (as plain data) and the date."""
    from ..numbering import parse_doc_number

    def dump(r: Record | None) -> Any:
        return r.model.model_dump(mode="json") if r is not None else None

    docs = sorted(data.valid("document"), key=lambda r: (r.model.date, r.id))
    documents = []
    for r in docs:
        d = dump(r)
        p = parse_doc_number(r.model.number) if r.model.number else None
        d["prefix"] = getattr(p, "prefix", None)
        d["serial"] = getattr(p, "serial", None)
        documents.append(d)
    return {
        "as_of": as_of.isoformat(),
        "settings": dump(data.one("settings")),
        "office": dump(data.one("office")),
        "units": [dump(r) for r in sorted(data.valid("unit"), key=lambda r: r.model.order)],
        "documents": documents,
    }


def render_report(repo: Repository, template: str, as_of: _dt.date) -> str:
    from .env import render

    data = load_valid(repo)
    name = template if template.endswith(".j2") else f"{template}.j2" if "." in template else f"{template}.md.j2"
    return render(name, report_context(data, as_of), template_dirs(repo))
