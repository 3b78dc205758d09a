"""Load a whole data repository: every file parsed, checked against its model, with positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from . import schema
from .diagnostics import Diagnostic
from .load import Loaded
from .model.annual import AnnualPlan, Area, AreaReport, Notification, Research, UnitReport
from .model.questions import Questions
from .model import Case, Document, Meeting, Glossary, Office, Settings, Topics, Unit
from .repo import DataFile, Repository

MODELS: dict[str, type[BaseModel]] = {
    "settings": Settings,
    "office": Office,
    "glossary": Glossary,
    "topics": Topics,
    "questions": Questions,
    "unit": Unit,
    "meeting": Meeting,
    "case": Case,
    "document": Document,
    "research": Research,
    "notification": Notification,
    "area": Area,
    "annual_plan": AnnualPlan,
    "unit_report": UnitReport,
    "area_report": AreaReport,
}


@dataclass
class Record:
    """One data file: where it is, what was parsed, and the checked model (None if invalid)."""

    file: DataFile
    loaded: Loaded
    model: Any = None

    @property
    def rel(self) -> str:
        return self.file.rel

    @property
    def id(self) -> str | None:
        data = self.loaded.data
        return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None

    def diag(self, code: str, message: str, loc: tuple = (), **kw: Any) -> Diagnostic:
        kw.setdefault("record", self.id)
        return self.loaded.diag(code, message, loc, **kw)


@dataclass
class RepoData:
    repo: Repository
    records: dict[str, list[Record]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    as_of: Any = None  # "today" for time-based rules (datetime.date; None = the real date)
    strict_dates: bool = False  # time-based findings (a year without a meeting, an overdue decision) as errors

    def of(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])

    def valid(self, kind: str) -> Iterator[Record]:
        return (r for r in self.of(kind) if r.model is not None)

    def one(self, kind: str) -> Record | None:
        recs = self.of(kind)
        return recs[0] if recs and recs[0].model is not None else None

    @property
    def settings(self) -> Settings | None:
        r = self.one("settings")
        return r.model if r else None

    @property
    def office(self) -> Office | None:
        r = self.one("office")
        return r.model if r else None

    @property
    def units(self) -> list[Unit]:
        return sorted((r.model for r in self.valid("unit")), key=lambda u: (u.order, u.id))

    def unit_ids(self) -> set[str]:
        """Ids of all unit files, including those whose schema failed (no cascading "unknown unit")."""
        return {r.id for r in self.of("unit") if r.id}

    def all_valid(self, kind: str) -> bool:
        return all(r.model is not None for r in self.of(kind))


def load_repository(repo: Repository) -> RepoData:
    """Every data file read, parsed (or taken from the parse cache when its text is unchanged) and checked."""
    from .cache import ParseCache
    from .load import parse_into, read_text

    layout = repo.layout()
    out = RepoData(repo=repo)
    out.diagnostics.extend(layout.diagnostics)
    root = repo.root
    cache = ParseCache(root)
    for f in layout.files:
        text, read_diags = read_text(f.path, f.rel, root)
        loaded = cache.get(f.rel, text) if text is not None else None
        if loaded is None:
            loaded = Loaded(path=f.path, rel=f.rel)
            if text is not None:
                parse_into(loaded, text, marks=False)  # positions found again only for records that get a diagnostic
                cache.put(f.rel, text, loaded)
        loaded.path = f.path
        loaded.diagnostics = read_diags + loaded.diagnostics
        out.files_checked += 1
        out.diagnostics.extend(loaded.diagnostics)
        rec = Record(file=f, loaded=loaded)
        if loaded.data is not None and loaded.ok:
            rec.model, diags = schema.check(loaded, MODELS[f.kind.name])
            out.diagnostics.extend(diags)
        out.records.setdefault(f.kind.name, []).append(rec)
    cache.save()
    return out


def load_kind(repo: Repository, kind: str) -> list[Any]:
    """The valid models of one kind only (a quick read for views such as ``weibao unit``; validate reports the rest).
    Uses the parse cache when it holds the file's current text; never writes it."""
    from .cache import ParseCache
    from .load import parse_into, read_text

    cache = ParseCache(repo.root)
    out = []
    for f in repo.layout().files:
        if f.kind.name != kind:
            continue
        text, diags = read_text(f.path, f.rel, repo.root)
        if text is None:
            continue
        loaded = cache.get(f.rel, text)
        if loaded is None:
            loaded = Loaded(path=f.path, rel=f.rel)
            parse_into(loaded, text, marks=False)
        if loaded.data is not None and loaded.ok:
            model, _ = schema.check(loaded, MODELS[kind])
            if model is not None:
                out.append(model)
    return out
