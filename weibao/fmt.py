"""Canonical formatting of data files that keeps every comment.

Canonical form: keys in the order of the record model (unknown keys after, as
written), two-space indentation with list items indented under their key,
long or multi-line text as literal block scalars (``|-``), other text plain
(quoted only where YAML needs it), no trailing spaces, one final newline.

ruamel.yaml does the round trip because it keeps comments; it is imported
only here.  Before anything is written the result is parsed again and compared
with the original data: formatting never changes a value.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .load import load_file, parse_text
from .schema import model_at

LONG_TEXT = 30  # characters; longer text becomes a block scalar


@dataclass
class FmtResult:
    rel: str
    changed: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = False
    y.allow_unicode = True
    y.representer.add_representer(type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    y.representer.ignore_aliases = lambda _data: True  # one value used twice is written twice, never as &anchor/*alias
    return y


def _canon(node: Any, model: type[BaseModel] | None, loc: tuple) -> Any:
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


def _block_safe(text: str) -> bool:
    """A literal block keeps the text exactly only if no line has edge whitespace issues."""
    if text != text.strip(" \t") or text.startswith("\n"):
        return False
    lines = text.split("\n")
    return all(line == line.rstrip(" \t") for line in lines) and "\t" not in text and "\r" not in text


def format_text(text: str, model: type[BaseModel] | None = None, rel: str | None = None) -> str:
    """The canonical layout; with ``rel`` (a data file's path in the repository) the schema modeline comes first."""
    y = _yaml()
    doc = y.load(text)
    doc = _canon(doc, model, ())
    buf = io.StringIO()
    y.dump(doc, buf)
    out = "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
    out = out.rstrip("\n") + "\n"
    if rel is not None:
        from .repo import _match
        from .schemas import with_modeline

        kind = _match(rel.split("/", 1)[1]) if rel.startswith("data/") else None
        if kind is not None:
            out = with_modeline(out, rel, kind.name)
    return out


def _same_data(a: str, b: str) -> bool:
    la, lb = parse_text(a), parse_text(b)
    return la.data is not None and la.data == lb.data


def format_file(path: Path, rel: str, model: type[BaseModel] | None, check: bool, root: Path | None = None, memo: Any = None) -> FmtResult:
    """Check (or rewrite) one file's layout.  ``memo`` (cache.CanonicalMemo) remembers texts found canonical before."""
    kind = model.__name__ if model is not None else ""
    if memo is not None:
        try:
            if memo.has(rel, kind, path.read_bytes().decode("utf-8")):
                return FmtResult(rel)
        except (OSError, UnicodeDecodeError):
            pass
    loaded = load_file(path, rel, root)
    blocking = [d for d in loaded.diagnostics if d.severity == "error"]
    if blocking or loaded.data is None:
        return FmtResult(rel, diagnostics=tuple(blocking or loaded.diagnostics))
    original = path.read_bytes().decode("utf-8-sig")
    try:
        formatted = format_text(original, model, rel)
    except Exception as exc:  # ruamel rejects something libyaml accepted
        return FmtResult(rel, diagnostics=(Diagnostic("WB101", f"无法格式化：{exc}", path=rel),))
    if not _same_data(original, formatted):
        return FmtResult(rel, diagnostics=(Diagnostic("WB101", "格式化会改变数据内容，已放弃，文件未改动。", path=rel,
                                                      hint="请把该文件报告给维护者。"),))
    raw = path.read_bytes()
    changed = formatted.encode("utf-8") != raw
    if changed and not check:
        atomic_write(path, formatted)
    if memo is not None and not changed:  # only a text found canonical as it is (ruamel's output is not always a fixed point)
        memo.add(rel, kind, formatted)
    return FmtResult(rel, changed=changed)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target (text as UTF-8 with LF)."""
    if path.is_dir():
        from .errors import UsageError

        raise UsageError(f"{path} 是一个目录，不能写成文件。", hint="--out 请给出文件名，例如 --out 导出/数据.xlsx")
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if os.environ.get("WEIBAO_TEST_PAUSE_BEFORE_RENAME"):  # tests kill a writer here; the original must survive
            import time

            time.sleep(float(os.environ["WEIBAO_TEST_PAUSE_BEFORE_RENAME"]))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
