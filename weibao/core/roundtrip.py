"""Round-trip edits of one record's text with ruamel.yaml: comments and layout kept, the result checked.

An edit is computed, not written: :func:`edit_text` returns the new text (and its checked model), and the write
transaction (core/transaction.py) checks the whole repository with it and writes it, or nothing.  ruamel.yaml is
imported only here and in core/canonical.py.
"""

from __future__ import annotations

import io
import re
from typing import Any, Callable

from pydantic import BaseModel

from weibao.diagnostics import Report
from weibao.errors import InvalidData


def make_yaml() -> Any:
    """The ruamel.yaml round-trip reader/writer in the layout ``weibao fmt`` keeps (2-space indent, list items under
    their key, no line wrapping, null written as null, never anchors)."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = False
    y.allow_unicode = True
    y.representer.add_representer(type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    y.representer.ignore_aliases = lambda _data: True  # one value used twice is written twice, never as &anchor/*alias
    return y


def rt_yaml() -> Any:
    """As :func:`make_yaml`, keeping the quotes the file has."""
    y = make_yaml()
    y.preserve_quotes = True
    return y


def dump(doc: Any, y: Any) -> str:
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def edit_text(source: str, model: type[BaseModel], rel: str, change: Callable[[Any], None], *,
              yaml_factory: Callable[[], Any] | None = None, canonical: bool = False) -> tuple[str, Any]:
    """Apply ``change`` to the round-trip tree of ``source``; return the new text and its checked model.

    ``canonical``: the result in ``weibao fmt`` layout (so a later ``fmt --check`` passes).  A result that fails the
    record's model is refused (InvalidData with the diagnostics); nothing is written here."""
    from weibao.core.modelcheck import check
    from weibao.core.yamlread import parse_text

    y = (yaml_factory or rt_yaml)()
    doc = y.load(source.lstrip("\ufeff").replace("\r\n", "\n"))  # the result is LF-only, like weibao fmt
    change(doc)
    text = dump(doc, y)
    if canonical:
        from weibao.core.canonical import format_text

        text = format_text(text, model, rel)
    checked, diags = check(parse_text(text, rel), model)
    errors = [d for d in diags if d.severity == "error"]
    if checked is None or errors:
        raise InvalidData(f"修改后的 {rel} 无法通过校验，没有写入。", Report(errors or diags, 1))
    return text, checked


_YAML11 = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|"
                     r"[-+]?[0-9][0-9_,.:eE+-]*|\d{4}-\d\d?-\d\d?.*)$")


def scalar(value: Any) -> Any:
    """Text that a YAML 1.1 reader (PyYAML, our loader) would take for a boolean, number or date is written quoted."""
    if isinstance(value, str) and (value == "" or _YAML11.match(value)):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    return value


def set_key(mapping: Any, key: str, value: Any, order: list[str]) -> None:
    """Set a key of a round-trip mapping; a missing key is inserted where the model's field order puts it."""
    value = scalar(value)
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key)
    pos = len(mapping)
    for i, k in enumerate(mapping):
        if k in order and order.index(k) > rank:
            pos = i
            break
    mapping.insert(pos, key, value)


def block_seq(mapping: Any, key: str, order: list[str]) -> Any:
    """The list under ``key`` ready for appending block-style items (an empty flow list ``[]`` is replaced)."""
    from ruamel.yaml.comments import CommentedSeq

    seq = mapping.get(key)
    if seq is None or (not len(seq) and getattr(seq, "fa", None) is not None and seq.fa.flow_style()):
        seq = CommentedSeq()
        set_key(mapping, key, seq, order)
    return seq


def mapping(items: dict[str, Any]) -> Any:
    """A round-trip mapping of ``items`` (None values left out; text a YAML 1.1 reader would misread quoted)."""
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for k, v in items.items():
        if v is not None:
            m[k] = scalar(v)
    return m


def flow_list(items: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
