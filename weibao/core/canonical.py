"""Canonical formatting of data files that keeps every comment.

Canonical form: keys in the order of the record model (unknown keys after, as
written), two-space indentation with list items indented under their key,
long or multi-line text as literal block scalars (``|-``), other text plain
(quoted only where YAML needs it), no trailing spaces, one final newline.

ruamel.yaml does the round trip because it keeps comments (core/roundtrip.py).
The result is parsed again and compared with the original data: formatting never
changes a value.  Nothing is written here: ``weibao fmt`` writes the new texts in
one write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from weibao.core.files import FileRefused, read_regular
from weibao.core.modelcheck import model_at
from weibao.core.repository import Repository
from weibao.core.roundtrip import dump, make_yaml
from weibao.core.yamlread import MAX_BYTES, Loc, load_file, parse_text
from weibao.diagnostics import Diagnostic, Report

LONG_TEXT = 30  # characters; longer text becomes a block scalar


@dataclass
class FmtResult:
    rel: str
    changed: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()
    text: str | None = None  # the canonical text, when it differs from the file


def _canon(node: Any, model: type[BaseModel] | None, loc: Loc) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

    if isinstance(node, CommentedMap):
        here = model_at(model, loc) if model is not None else None
        if here is not None:
            order = list(here.model_fields)
            known = [k for k in order if k in node]
            rest = [k for k in node if k not in order]
            wanted = known + rest
            if list(node) != wanted:
                for k in wanted:
                    node.move_to_end(k)
        for k in list(node):
            node[k] = _canon(node[k], model, loc + (k,))
        if node.fa.flow_style() and not _flow_map_worthy(node):
            node.fa.set_block_style()  # a written {…} too long for one line (.yamllint.yaml: 120) is laid out as a block
        return node
    if isinstance(node, CommentedSeq):
        for i in range(len(node)):
            node[i] = _canon(node[i], model, loc + (i,))
        if _flow_worthy(node):
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        return node
    if isinstance(node, str) and not isinstance(node, bool):
        text = str(node)
        if ("\n" in text or len(text) > LONG_TEXT) and _block_safe(text):
            return LiteralScalarString(text)
        if isinstance(node, ScalarString):
            return text
    return node


FLOW_ITEM = 16  # characters
FLOW_TOTAL = 60


def _flow_worthy(seq: Any) -> bool:
    """Short lists of short plain words read best on one line: ``topics: [school, safety]``."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if not seq:
        return True
    if seq.ca.items or any(isinstance(x, LiteralScalarString) or not isinstance(x, (str, int)) or isinstance(x, bool) for x in seq):
        return False
    texts = [str(x) for x in seq]
    if any(len(t) > FLOW_ITEM or not t or any(c in t for c in ",[]{}#:'\"\n") for t in texts):
        return False
    return sum(len(t) + 2 for t in texts) <= FLOW_TOTAL


FLOW_MAP_TOTAL = 90  # characters of "key: value, …": with its indentation the line stays within .yamllint.yaml's 120


def _flow_map_worthy(node: Any) -> bool:
    """A mapping written on one line ({unit: jiaoti, position: liaison}) stays so while it is short and plain."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if node.ca.items:
        return False
    total = 0
    for k, v in node.items():
        if isinstance(v, LiteralScalarString) or (isinstance(v, CommentedSeq) and not v.fa.flow_style()) or isinstance(v, dict):
            return False
        total += len(str(k)) + 2 + (sum(len(str(x)) + 2 for x in v) + 2 if isinstance(v, CommentedSeq) else len(str(v))) + 2
    return total <= FLOW_MAP_TOTAL


def _block_safe(text: str) -> bool:
    """A literal block keeps the text exactly only if no line has edge whitespace issues."""
    if text != text.strip(" \t") or text.startswith("\n"):
        return False
    lines = text.split("\n")
    return all(line == line.rstrip(" \t") for line in lines) and "\t" not in text and "\r" not in text


def format_text(text: str, model: type[BaseModel] | None = None, rel: str | None = None) -> str:
    """The canonical layout; with ``rel`` (a data file's path in the repository) the schema modeline comes first."""
    return _format_text(text, model, rel)


@lru_cache(maxsize=256)  # a pure function of its arguments; ruamel's round trip is the slow part of every write
def _format_text(text: str, model: type[BaseModel] | None, rel: str | None) -> str:
    y = make_yaml()
    doc = y.load(text)
    doc = _canon(doc, model, ())
    out = "\n".join(line.rstrip() for line in dump(doc, y).split("\n"))
    out = out.rstrip("\n") + "\n"
    if rel is not None:
        from weibao.core.repository import match_kind
        from weibao.core.schemagen import with_modeline

        kind = match_kind(rel.split("/", 1)[1]) if rel.startswith("data/") else None
        if kind is not None:
            out = with_modeline(out, rel, kind.name)
    return out


def _same_data(a: str, b: str) -> bool:
    la, lb = parse_text(a), parse_text(b)
    return la.data is not None and la.data == lb.data


def format_file(path: Path, rel: str, model: type[BaseModel] | None, root: Path | None = None, memo: Any = None) -> FmtResult:
    """Check one file's layout: ``changed`` and the canonical ``text`` when it is not in canonical form.
    ``memo`` (cache.CanonicalMemo) remembers texts found canonical before."""
    kind = model.__name__ if model is not None else ""
    if memo is not None:
        try:  # read as every data file is read: a regular file, inside the repository, within the size limit
            if memo.has(rel, kind, read_regular(path, root, MAX_BYTES).decode("utf-8")):
                return FmtResult(rel)
        except (FileRefused, UnicodeDecodeError):
            pass
    loaded = load_file(path, rel, root)
    blocking = [d for d in loaded.diagnostics if d.severity == "error"]
    if blocking or loaded.data is None:
        return FmtResult(rel, diagnostics=tuple(blocking or loaded.diagnostics))
    try:
        raw = read_regular(path, root, MAX_BYTES)
    except FileRefused as exc:  # changed since it was loaded
        return FmtResult(rel, diagnostics=(Diagnostic(exc.code, exc.message, path=rel, hint=exc.hint),))
    original = raw.decode("utf-8-sig")
    try:
        formatted = format_text(original, model, rel)
    except Exception as exc:  # noqa: BLE001 - ruamel rejects something libyaml accepted
        return FmtResult(rel, diagnostics=(Diagnostic("WB101", f"无法格式化：{exc}", path=rel),))
    if not _same_data(original, formatted):
        return FmtResult(rel, diagnostics=(Diagnostic("WB101", "格式化会改变数据内容，已放弃，文件未改动。", path=rel,
                                                      hint="请把该文件报告给维护者。"),))
    changed = formatted.encode("utf-8") != raw
    if memo is not None and not changed:  # only a text found canonical as it is (ruamel's output is not always a fixed point)
        memo.add(rel, kind, formatted)
    return FmtResult(rel, changed=changed, text=formatted if changed else None)


@dataclass
class FmtRun:
    files: int = 0
    changed: dict[str, str] = field(default_factory=dict)  # rel → canonical text
    problems: Report = field(default_factory=Report)


def format_repository(repo: Repository, targets: list[Path]) -> FmtRun:
    """The canonical text of every data file under ``targets`` (all of data/ when empty) that is not canonical yet.
    Nothing is written: ``weibao fmt`` writes the result in one write transaction."""
    from weibao.core.cache import CanonicalMemo
    from weibao.model import MODELS

    files = [f for f in repo.layout().files if _selected(f.path, targets)]
    memo = CanonicalMemo(repo.root)
    run = FmtRun(files=len(files), problems=Report(files_checked=len(files)))
    for f in files:
        res = format_file(f.path, f.rel, MODELS[f.kind.name], repo.root, memo)
        run.problems.extend(res.diagnostics)
        if res.changed and res.text is not None:
            run.changed[f.rel] = res.text
    memo.save()
    return run


def _selected(path: Path, targets: list[Path]) -> bool:
    if not targets:
        return True
    rp = path.absolute()
    for t in targets:
        ta = t.absolute()
        if rp == ta or ta in rp.parents:
            return True
    return False
