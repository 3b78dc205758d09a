"""The whole repository as one JSON document (the contract other tools read)."""

from __future__ import annotations

import json
from typing import Any

from weibao.core.dataset import RepoData
from weibao.core.repository import Repository
from weibao.domain.privacy import redact_tree
from weibao.records.meetings import decision_rows

EXPORT_VERSION = 1


def _drop(obj: Any, path: tuple) -> None:
    """Remove the field at ``path`` ('*' = every list item) from plain exported data."""
    if not path or obj is None:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in obj if isinstance(obj, list) else []:
            _drop(item, rest)
    elif isinstance(obj, dict) and head in obj:
        if rest:
            _drop(obj[head], rest)
        else:
            del obj[head]


def valid_data(repo: Repository) -> RepoData:
    """The whole repository's data, or InvalidData naming the files with errors (exports never write from invalid data)."""
    from weibao.lint.engine import load_checked

    return load_checked(repo, "数据有错误，未导出")


def export_data(repo: Repository, public: bool = False) -> dict[str, Any]:
    """The whole repository as plain data.  ``public`` leaves out every field the models mark private
    (a case's log texts, extension reasons, closure result, source note); the private store is never read."""
    data = valid_data(repo).redacted()  # built from redacted text, and the result redacted again below

    def dump(m: Any) -> Any:
        return m.model_dump(mode="json")

    def records(kind: str) -> list[Any]:
        return [dump(r.model) for r in sorted(data.valid(kind), key=lambda r: r.rel)]

    units = []
    for u in data.units:
        d = dump(u)
        roles = {x.id: data.duty_role(u, x) for x in u.duties}  # domain/roles.py decides (validate checks the stored role agrees)
        for item in d["duties"]:
            item["role"], item["role_basis"] = roles[item["id"]]
            if item.get("assignment") is None:  # only tasks assigned in brackets have one
                del item["assignment"]
        d["role_summary"] = {
            "lead": [x.id for x in u.duties if roles[x.id][0] == "lead"],
            "support": [x.id for x in u.duties if roles[x.id][0] == "support"],
        }
        units.append(d)
    cases = records("case")
    if public:
        from weibao.model.case import private_paths

        for c in cases:
            for path in private_paths():
                _drop(c, path)
    topics, glossary = data.one("topics"), data.one("glossary")
    doc = {
        "weibao_export": EXPORT_VERSION,
        "public": public,
        "settings": dump(data.settings),
        "office": dump(data.office),
        "units": units,
        "topics": dump(topics.model)["topics"] if topics else [],
        "glossary": dump(glossary.model) if glossary else {"fluff": [], "asker": [], "deflect": [], "entries": []},
        "questions": [{**dump(q), "file": r.rel} for r in sorted(data.valid("questions"), key=lambda r: r.rel) for q in r.model.questions],
        "meetings": records("meeting"),
        "decisions": decision_rows(data),
        "cases": cases,
        "documents": records("document"),
        "received": records("received"),
        "research": records("research"),
        "notifications": records("notification"),
        "areas": records("area"),
        "annual": {"plans": records("annual_plan"), "unit_reports": records("unit_report"), "area_reports": records("area_report")},
    }
    return redact_tree(doc, data.privacy_allowed())  # what identifies a child never leaves, even if validate was skipped


def export_json(repo: Repository, public: bool = False) -> str:
    return json.dumps(export_data(repo, public), ensure_ascii=False, indent=2) + "\n"
