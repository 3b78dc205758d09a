"""Round-trip edits of one record file: comments and layout kept, the result checked, written atomically.

The file is read once; the edit is applied to ruamel.yaml's round-trip tree;
the new text must still pass the record's schema; the file must be byte-for-byte
what was read (else someone changed it meanwhile, and nothing is written); then
it is replaced through a temporary file in the same folder (see fmt.atomic_write).
Any failure leaves the original file as it was.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from .errors import WeibaoError

MODEL_ORDER: dict[type, list[str]] = {}


def rt_yaml():
    from .fmt import _yaml

    y = _yaml()
    y.preserve_quotes = True
    return y


def edit_file(path: Path, rel: str, model: type[BaseModel], change: Callable[[Any], None], *, yaml_factory: Callable[[], Any] | None = None,
              create: str | None = None, canonical: bool = False) -> Any:
    """Apply ``change`` to the file's round-trip tree; return the checked model of the new text.

    ``create``: the text to start from when the file does not exist yet (it is written only with the change applied).
    ``canonical``: write the result in ``weibao fmt`` layout, so a later ``fmt --check`` passes."""
    from .fmt import atomic_write
    from .load import parse_text
    from .schema import check

    before = path.read_bytes() if create is None or path.exists() else None
    y = (yaml_factory or rt_yaml)()
    source = before.decode("utf-8-sig") if before is not None else create or ""
    doc = y.load(source.replace("\r\n", "\n"))  # the result is LF-only, like weibao fmt
    change(doc)
    buf = io.StringIO()
    y.dump(doc, buf)
    text = buf.getvalue()
    if canonical:
        from .fmt import format_text

        text = format_text(text, model, rel)
    checked, diags = check(parse_text(text, rel), model)
    errors = [d for d in diags if d.severity == "error"]
    if checked is None or errors:
        raise WeibaoError("修改后的记录无法通过校验，没有写入：" + "；".join(d.message for d in errors or diags), hint="先运行 weibao validate。")
    if (path.read_bytes() if path.exists() else None) != before:
        raise WeibaoError(f"{rel} 在读取后被改动过，没有覆盖。", hint="重新运行这个命令。")
    atomic_write(path, text)
    return checked


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
