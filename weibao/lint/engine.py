"""``weibao validate`` as a library: load the repository, run every rule, return a Report; and the one way
commands get checked data (:func:`load_checked`), refusing only for errors in what they read."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path
from typing import Callable, Collection

from weibao.core import modelcheck, repository, yamlread
from weibao.core.dataset import RepoData, load_repository
from weibao.core.repository import Overlay, Repository
from weibao.diagnostics import ERROR, Diagnostic, Report
from weibao.domain.privacy import redact
from weibao.errors import InvalidData
from weibao.lint import registry

# the codes the loading stages may emit (layout scan, reading and parsing, the record models)
LOAD_CODES = repository.LAYOUT_CODES | yamlread.READ_CODES | modelcheck.MODEL_CODES


def run_rules(data: RepoData) -> list[Diagnostic]:
    from weibao.lint.rules import ALL

    return registry.run(ALL, data)


def validate(repo: Repository, as_of: _dt.date | None = None, strict_dates: bool = False,
             overlay: Overlay | None = None) -> tuple[Report, RepoData]:
    """Load and check the repository.  ``as_of`` is "today" for time-based rules; they only fail (as errors) when
    ``strict_dates`` is set.  ``overlay``: check the repository as a change would leave it (nothing is written)."""
    data = load_repository(repo, overlay)
    data.as_of = as_of
    data.strict_dates = strict_dates
    report = Report(files_checked=data.files_checked)
    report.extend(registry.held_to(LOAD_CODES, "loading", data.diagnostics))
    report.extend(run_rules(data))
    report.diagnostics = [_without_identifying(d) for d in report.diagnostics]
    return report, data


def _without_identifying(d: Diagnostic) -> Diagnostic:
    """A message or hint that quotes the data (a field's value, a title) never repeats what identifies a child:
    diagnostics reach CI logs and pull-request annotations."""
    message, hint = redact(d.message), redact(d.hint) if d.hint else d.hint
    return d if (message, hint) == (d.message, d.hint) else dataclasses.replace(d, message=message, hint=hint)


def validate_file(path: Path, as_of: _dt.date | None = None, strict_dates: bool = False) -> Report:
    """The findings of one data file, the repository it is in validated as a whole (cross-record rules included)."""
    from weibao.core.repository import find_repository
    from weibao.errors import RepositoryNotFound

    path = path.resolve()
    try:
        repo = find_repository(None, None, cwd=path.parent)
    except RepositoryNotFound:
        raise RepositoryNotFound(f"文件 {path} 不在任何 weibao 数据仓库中（其上级目录中没有 data/weibao.yaml）。") from None
    report, _data = validate(repo, as_of=as_of, strict_dates=strict_dates)
    rel = repo.rel(path)
    return Report([d for d in report.diagnostics if d.path == rel], files_checked=1)


def blocking_errors(report: Report, repo: Repository, kinds: Collection[str] | None,
                    keep: Callable[[Diagnostic], bool] | None = None) -> list[Diagnostic]:
    """The errors that stop a command reading ``kinds`` (None: everything): errors in files of those kinds, and
    errors of the repository as a whole (a missing data/ folder or settings file)."""
    out = []
    for d in report.sorted():
        if d.severity != ERROR:
            continue
        if keep is not None:
            if keep(d):
                out.append(d)
            continue
        kind = repository.kind_of_rel(d.path)
        if kinds is None or not d.path or d.path == "data" or (kind is not None and kind.name in kinds):
            out.append(d)
    return out


def refusal(what: str, errors: list[Diagnostic], files_checked: int) -> InvalidData:
    """InvalidData naming the files that block ``what`` (the diagnostics travel with it as a Report)."""
    files = list(dict.fromkeys(d.path or "数据仓库" for d in errors))
    shown = "、".join(files[:3]) + (f" 等 {len(files)} 个文件" if len(files) > 3 else "")
    return InvalidData(f"{what}：{shown} 有 {len(errors)} 个错误。", Report(errors, files_checked))


def load_checked(repo: Repository, what: str, kinds: Collection[str] | None = None, *, as_of: _dt.date | None = None,
                 keep: Callable[[Diagnostic], bool] | None = None) -> RepoData:
    """The repository's data for a command that reads ``kinds`` (None: all of it), or InvalidData naming the
    records whose errors block it.  ``keep``: a custom test of which errors block (the who index)."""
    report, data = validate(repo, as_of=as_of)
    errors = blocking_errors(report, repo, kinds, keep)
    if errors:
        raise refusal(what, errors, report.files_checked)
    data.report = report
    return data
