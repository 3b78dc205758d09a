"""Render document records and reports: Markdown, text and HTML from Jinja templates, DOCX with python-docx.

Every document is first turned into a view (render/views/: plain data), which the templates and the DOCX writer
lay out alike.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from weibao.core.dataset import Record, RepoData
from weibao.core.repository import Repository
from weibao.domain.numbering import parse_doc_number
from weibao.domain.privacy import redact_tree
from weibao.errors import UsageError

FORMATS = ("md", "html", "txt", "docx")
# what a document draws on: settings, rules, units (attachments, names), the record kinds that render as documents
DOCUMENT_KINDS = ("settings", "office", "unit", "document", "meeting", "notification", "area")
REPORT_TEMPLATE_KINDS = ("settings", "office", "unit", "document")


def template_dirs(repo: Repository) -> list[Path]:
    return [repo.templates_dir]


def document_view_of(data: RepoData, doc_id: str) -> dict[str, Any]:
    """The view of a document record, a meeting (as its 纪要), a notification (as a 通报) or a research record (as the
    draft of its report, or the issued report it points at), by id or 发文字号."""
    from weibao.records.documents import find_document
    from weibao.render.views.document import document_view

    meeting = next((r for r in data.valid("meeting") if r.id == doc_id), None)
    if meeting is not None:
        from weibao.render.views.minutes import minutes_view

        return minutes_view(data, meeting)
    notification = next((r for r in data.valid("notification") if r.id == doc_id), None)
    if notification is not None:
        from weibao.render.views.notification import notification_view

        return notification_view(data, notification)
    research = next((r for r in data.valid("research") if r.id == doc_id), None)
    if research is not None:
        if research.model.report and research.model.report.document:
            return document_view(find_document(data, research.model.report.document).model, data)
        from weibao.render.views.research import research_view

        return research_view(data, research)
    return document_view(find_document(data, doc_id).model, data)


def render_view(view: dict[str, Any], fmt: str, repo: Repository, allowed: frozenset[str] = frozenset()) -> str | bytes:
    """A document view in ``fmt``: md, html, txt (templates) or docx (bytes).  What identifies a child is replaced
    first (domain/privacy.py); ``allowed``: the texts the repository marks as no personal information."""
    if fmt not in FORMATS:
        raise UsageError(f"不支持的格式 {fmt}。", hint="可选：" + "、".join(FORMATS))
    view = redact_tree(view, allowed)
    if fmt == "docx":
        from weibao.render.docx import document_docx

        return document_docx(view)
    from weibao.render.env import render

    if fmt == "html":  # the 版记 where the Word file puts it: the foot of the last page, an even one
        from weibao.render.docx import imprint_layout

        view = {**view, "imprint_layout": imprint_layout(view)}
    return render(f"document.{fmt}.j2", {"doc": view}, template_dirs(repo))


def render_document(repo: Repository, doc_id: str, fmt: str) -> str | bytes:
    from weibao.lint.engine import load_checked

    if fmt not in FORMATS:
        raise UsageError(f"不支持的格式 {fmt}。", hint="可选：" + "、".join(FORMATS))
    data = load_checked(repo, "无法生成公文", DOCUMENT_KINDS)
    if any(r.id == doc_id for r in data.of("research")):  # rendering a research record: its own errors refuse too
        data = load_checked(repo, "无法生成公文", (*DOCUMENT_KINDS, "research"))
    return render_view(document_view_of(data.redacted(), doc_id), fmt, repo, data.privacy_allowed())


def report_context(data: RepoData, as_of: _dt.date) -> dict[str, Any]:
    """What a report template sees: settings, office, units, documents (as plain data) and the date."""

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
    context: dict[str, Any] = redact_tree({
        "as_of": as_of.isoformat(),
        "settings": dump(data.one("settings")),
        "office": dump(data.one("office")),
        "units": [dump(r) for r in sorted(data.valid("unit"), key=lambda r: r.model.order)],
        "documents": documents,
    }, data.privacy_allowed())
    return context


def render_template_report(repo: Repository, template: str, as_of: _dt.date) -> str:
    from weibao.lint.engine import load_checked
    from weibao.render.env import render

    data = load_checked(repo, "无法生成报告", REPORT_TEMPLATE_KINDS)
    name = template if template.endswith(".j2") else f"{template}.j2" if "." in template else f"{template}.md.j2"
    return render(name, report_context(data.redacted(), as_of), template_dirs(repo))


def report_files(repo: Repository, rep: dict[str, Any], fmt: str) -> dict[str, str | bytes]:
    """The scheduled report (exchange/report.py) as files: report.md and report.json always (the working copy, with
    ids and file lines), report.html or report.docx as asked (the print: the same view in both, a review draft)."""
    from weibao.render.env import render

    files: dict[str, str | bytes] = {
        "report.md": render("report.md.j2", {"r": rep}, template_dirs(repo)),
        "report.json": json.dumps(rep, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    }
    if fmt in ("html", "docx"):  # the printed report: one view (words, not codes, ids or flags) in both formats
        from weibao.render.views.report import report_view

        files[f"report.{fmt}"] = render_view(report_view(rep), fmt, repo)
    return files
