"""Load a whole data repository: every file parsed, checked against its model, with positions."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterator

from weibao.core import modelcheck
from weibao.core.progress import step
from weibao.core.repository import DataFile, Overlay, Repository
from weibao.core.yamlread import Loaded, Loc
from weibao.diagnostics import Diagnostic
from weibao.model import MODELS, Office, Settings, Unit


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

    def diag(self, code: str, message: str, loc: Loc = (), **kw: Any) -> Diagnostic:
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
    report: Any = None  # the validation report, when the data came from lint.engine.load_checked
    privacy_clean: set[str] = field(default_factory=set)  # files the privacy rule found nothing in (rel paths)

    def of(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])

    def today(self) -> _dt.date:
        """"Today" for time-based rules: ``as_of`` when pinned, else the date in the office's time zone."""
        from weibao.core.clock import office_today

        if self.as_of is not None:
            return self.as_of  # type: ignore[no-any-return]
        s = self.settings
        return office_today(s.timezone if s else None)

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

    def meeting_rule(self, meeting_type: str) -> Any:
        """The rule of data/office.yaml for a meeting type (主任办公会 → 五（一）…), or None: the one place that says
        which rules a meeting is held to (who chairs, whether its topics need approval, where its minutes go)."""
        from weibao.model.meeting import TYPE_RULE

        o = self.office
        rid = TYPE_RULE.get(meeting_type)
        return next((m for m in o.meeting_types if m.id == rid), None) if o and rid else None

    @property
    def units(self) -> list[Unit]:
        return sorted((r.model for r in self.valid("unit")), key=lambda u: (u.order, u.id))

    def privacy_allowed(self) -> frozenset[str]:
        """Texts the repository marks as no personal information (``# weibao: 非个人信息``): public outputs keep them."""
        from weibao.domain.privacy import scan_file

        out: set[str] = set()
        for recs in self.records.values():
            for r in recs:
                if r.loaded.text and "非个人信息" in r.loaded.text:
                    out |= scan_file(r.loaded.text).allowed
        return frozenset(out)

    def redacted(self) -> RepoData:
        """A copy whose models carry no identifying text (domain/privacy.py puts 某某, 某校, （电话已删去） in its
        place): what every public output is built from, so that text composed of several fields (a meeting type and
        a count) can never join a secret into a form the detectors no longer see.  A record whose redacted text no
        longer fits its model is left out rather than shown."""
        from dataclasses import replace

        from pydantic import ValidationError

        from weibao.domain.privacy import redact_tree, scan_file

        allowed = self.privacy_allowed()
        records: dict[str, list[Record]] = {}
        for kind, recs in self.records.items():
            out = []
            for r in recs:
                if r.model is None or r.rel in self.privacy_clean or r.loaded.text is not None and not scan_file(r.loaded.text).found:
                    out.append(r)  # nothing in the file (validate scanned the same text; every output is redacted again)
                    continue
                dumped = r.model.model_dump()
                red = redact_tree(dumped, allowed)
                if red == dumped:
                    out.append(r)
                    continue
                try:
                    out.append(Record(r.file, r.loaded, type(r.model).model_validate(red)))
                except ValidationError:
                    continue
            records[kind] = out
        return replace(self, records=records)

    def role_words(self) -> Any:
        from weibao.model.settings import RoleWords

        s = self.settings
        return s.role_words if s else RoleWords()

    def duty_role(self, unit: Unit, duty: Any) -> tuple[str, str | None]:
        """The role (lead/support) and its basis the duty item gives its unit, as domain/roles.py decides it."""
        from weibao.domain.roles import item_role

        return item_role(duty.text, self.role_words(), assignment=duty.assignment, names=unit_names_of(unit))

    def ids(self, kind: str) -> set[str]:
        """Ids of all files of a kind, including those whose schema failed (a reference to them is no second error)."""
        return {r.id for r in self.of(kind) if r.id}

    def unit_ids(self) -> set[str]:
        """Unit ids, with the id of a unit file that could not be read taken from its name (units/<id>.yaml, WB011):
        its error is said once, not again at every question, position and case that names the unit."""
        return self.ids("unit") | {r.file.path.stem for r in self.of("unit") if r.loaded.data is None}

    def all_valid(self, kind: str) -> bool:
        return all(r.model is not None for r in self.of(kind))


@step("正在读取数据仓库")
def load_repository(repo: Repository, overlay: Overlay | None = None) -> RepoData:
    """Every data file read, parsed (or taken from the parse cache when its text is unchanged) and checked.

    ``overlay`` (rel path → text, None = deleted): the repository as it would be after a change that is not
    written yet; the write transaction checks a change this way before writing it."""
    from weibao.core.cache import ParseCache
    from weibao.core.yamlread import decode, parse_into, read_text

    overlay = overlay or {}
    layout = repo.layout(overlay)
    out = RepoData(repo=repo)
    out.diagnostics.extend(layout.diagnostics)
    root = repo.root
    cache = ParseCache(root)
    for f in layout.files:
        if f.rel in overlay:
            text, read_diags = decode((overlay[f.rel] or "").encode("utf-8"), f.rel)
        else:
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
            rec.model, diags = modelcheck.check(loaded, MODELS[f.kind.name])
            out.diagnostics.extend(diags)
        out.records.setdefault(f.kind.name, []).append(rec)
    if not overlay:  # a change not yet written is not remembered
        cache.save()
    return out


def load_kind(repo: Repository, kind: str) -> list[Any]:
    """The valid models of one kind only (a quick read for views such as ``weibao unit``; validate reports the rest).
    Uses the parse cache when it holds the file's current text; never writes it."""
    from weibao.core.cache import ParseCache
    from weibao.core.yamlread import parse_into, read_text

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
            model, _ = modelcheck.check(loaded, MODELS[kind])
            if model is not None:
                out.append(model)
    return out


def unit_names_of(unit: Any) -> list[str]:
    """The names a task assignment may call a unit by: its name, heading and aliases."""
    return [n for n in [unit.name, unit.heading, *unit.aliases] if n]
