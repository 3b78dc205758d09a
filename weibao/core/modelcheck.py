"""Check parsed data against a record model; turn pydantic errors into diagnostics."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from weibao.core.yamlread import Loaded, Loc
from weibao.diagnostics import Diagnostic

M = TypeVar("M", bound=BaseModel)

MODEL_CODES = frozenset({"WB201", "WB202", "WB203", "WB204", "WB205", "WB206", "WB207"})  # what check() may report
_TYPE_ZH = {
    "string_type": "文本", "int_type": "整数", "int_parsing": "整数", "int_from_float": "整数",
    "float_type": "数字", "float_parsing": "数字", "bool_type": "真假值（true/false）", "bool_parsing": "真假值（true/false）",
    "list_type": "列表", "dict_type": "映射（字段: 值）", "model_type": "映射（字段: 值）",
    "model_attributes_type": "映射（字段: 值）", "none_required": "空值",
}
_DATE_TYPES = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type", "datetime_parsing"}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        short = value if len(value) <= 20 else value[:20] + "…"
        return f"文本“{short}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    if value is None:
        return "空值"
    return type(value).__name__


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for a in typing.get_args(tp):
            out.extend(_unwrap(a))
        return out
    if origin in (list, tuple, set, dict):
        args = typing.get_args(tp)
        return _unwrap(args[-1]) if args else []
    return [tp]


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping found at ``loc``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        f = current.model_fields.get(part)
        if f is None:
            return None
        nxt = [t for t in _unwrap(f.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        current = nxt[0] if nxt else None
    return current


def _field_label(model: type[BaseModel] | None, name: str) -> str:
    if model is None:
        return name
    f = model.model_fields.get(name)
    if f is not None and f.title:
        return f"{name}（{f.title}）"
    return f"{name} "


def check(loaded: Loaded, model: type[M], record: str | None = None) -> tuple[M | None, list[Diagnostic]]:
    data = loaded.data
    if not isinstance(data, dict):
        what = "列表" if isinstance(data, list) else _describe(data)
        return None, [loaded.diag("WB201", f"文件顶层应为映射（字段: 值），实际是{what}。", (), record=record,
                                  hint="每个文件写一条记录，顶层是“字段: 值”的形式。")]
    if record is None and isinstance(data.get("id"), str):
        record = data["id"]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = _one_branch(model, data, [dict(e) for e in exc.errors(include_url=False)])
        return None, [_to_diag(loaded, model, err, record) for err in errors]


def _branchless(model: type[BaseModel], loc: tuple[Any, ...], unknown_last: bool = False) -> tuple[tuple[Any, ...], int | None, str | None]:
    """The location without pydantic's union-branch tags ('list[constrained-str]', "literal['all','none']"), where the
    (first) tag stood, and the tag."""
    out: list[Any] = []
    at: int | None = None
    tag: str | None = None
    current: type[BaseModel] | None = model
    for i, part in enumerate(loc):
        if unknown_last and i == len(loc) - 1:
            out.append(part)  # the key the model does not know
            break
        if isinstance(part, int):
            out.append(part)
            continue
        if current is not None and part in current.model_fields:
            out.append(part)
            f = current.model_fields[part]
            nxt = [t for t in _unwrap(f.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
            current = nxt[0] if nxt else None
            continue
        if _is_tag(str(part)):
            if at is None:
                at, tag = len(out), str(part)
            continue
        out.append(part)  # a key the model does not know (reported as such)
        current = None
    return tuple(out), at, tag


_SIMPLE_TAGS = {"str", "int", "float", "bool", "date", "datetime", "none", "dict", "list"}


def _is_tag(part: str) -> bool:
    """pydantic names the branch of a union in the error location: list[constrained-str], literal['all'], a model's class."""
    return "[" in part or part in _SIMPLE_TAGS or part[:1].isupper()


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _fits(tag: str, value: Any) -> bool:
    """Whether a union branch (by pydantic's tag) is the one meant for a value of this kind."""
    t = tag.lower()
    if isinstance(value, list):
        return t.startswith(("list", "tuple", "set"))
    if isinstance(value, str):
        return t.startswith(("literal", "str", "constrained-str", "date"))
    if isinstance(value, dict):
        return not t.startswith(("list", "tuple", "set", "literal", "str", "constrained-str", "int", "float", "bool", "date"))
    if isinstance(value, bool):
        return t.startswith("bool")
    if isinstance(value, (int, float)):
        return t.startswith(("int", "float"))
    return False


def _one_branch(model: type[BaseModel], data: Any, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A field that accepts one of several forms (all, or a list of ids) fails in every branch; report only the
    branch meant for the value written (a list: the list's errors), or, when none is, one error naming the forms."""
    out: list[dict[str, Any]] = []
    groups: dict[tuple[Any, ...], list[tuple[str, dict[str, Any]]]] = {}
    for err in errors:
        loc, at, tag = _branchless(model, tuple(err["loc"]), unknown_last=err["type"] == "extra_forbidden")
        err["loc"] = loc
        if at is None or tag is None:
            out.append(err)
        else:
            groups.setdefault(loc[:at], []).append((tag, err))
    for prefix, items in groups.items():
        value = _value_at(data, prefix)
        meant = [e for tag, e in items if _fits(tag, value)]
        if meant:
            out.extend(meant)
            continue
        forms = []
        for tag, _e in items:
            words = re.findall(r"'([^']*)'", tag)
            form = "列表" if tag.startswith("list") else ("、".join(f"“{w}”" for w in words) + ("之一" if len(words) > 1 else "")) if words else tag
            if form not in forms:
                forms.append(form)
        out.append({"type": "union_forms", "loc": prefix, "input": value, "ctx": {"forms": "或".join(forms)}})
    return out


def _to_diag(loaded: Loaded, model: type[BaseModel], err: dict[str, Any], record: str | None) -> Diagnostic:
    loc: Loc = tuple(err["loc"])
    etype = err["type"]
    name = loc[-1] if loc else ""
    if isinstance(name, int) and len(loc) >= 2:
        owner = model_at(model, loc[:-2])
        label = f"{_field_label(owner, str(loc[-2])).rstrip()}的第 {name + 1} 项"
        name = loc[-2]
        parent = owner
    else:
        parent = model_at(model, loc[:-1])
        label = _field_label(parent, str(name))
    value = err.get("input")
    if etype == "extra_forbidden":
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = f"是否想写“{close[0]}”？" if close else (f"可用字段：{'、'.join(allowed)}" if allowed else None)
        return loaded.diag("WB202", f"未知字段“{name}”。", loc, key=True, record=record, hint=hint)
    if etype == "missing":
        return loaded.diag("WB203", f"缺少必填字段 {label}。", loc, record=record, hint=f"请在这一层补上“{name}: …”。")
    if etype in ("literal_error", "enum"):
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", ", ").replace("'", "")
        expected = "、".join(x.strip() for x in expected.split(","))
        return loaded.diag("WB205", f"字段 {label}的值 {_describe(value)} 不在允许范围内。", loc, record=record,
                           hint=f"允许的取值：{expected}")
    if etype in _DATE_TYPES:
        hint = "例如 2022-05-30；月、日须真实存在。"
        if str(name) == "deadline" and isinstance(value, str):
            from weibao.domain.workdays import parse_workdays

            n = parse_workdays(value)
            if n is not None:  # “deadline: 15个工作日”: the count has its own field, the date stays a date
                hint = f"按工作日写时限：改为 deadline_workdays: {n}，再写上算出的日期 deadline: YYYY-MM-DD（weibao validate 会给出这个日期）。"
        return loaded.diag("WB206", f"字段 {label}应为日期 YYYY-MM-DD，实际是 {_describe(value)}。", loc, record=record, hint=hint)
    if etype == "string_pattern_mismatch":
        hint = None
        if str(name) == "id" or (parent and parent.model_fields.get(str(name)) and "id" in str(name)):
            hint = "id 只能用小写字母、数字，以连字符分隔，例如 gongan 或 gongan-3。"
        return loaded.diag("WB207", f"字段 {label}的值 {_describe(value)} 格式不对。", loc, record=record, hint=hint)
    if etype in ("string_too_short", "too_short"):
        return loaded.diag("WB203", f"字段 {label}不能为空。", loc, record=record)
    if etype in ("greater_than_equal", "greater_than", "less_than_equal", "too_long", "string_too_long"):
        return loaded.diag("WB207", f"字段 {label}的值 {_describe(value)} 超出范围。", loc, record=record)
    if etype in ("model_type", "model_attributes_type", "dict_type") and not loc:
        return loaded.diag("WB201", "文件顶层应为映射（字段: 值）。", loc, record=record)
    if etype == "union_forms":
        return loaded.diag("WB204", f"字段 {label}应为{err['ctx']['forms']}，实际是{_describe(value)}。", loc, record=record)
    kind = _TYPE_ZH.get(etype)
    if kind:
        hint = None
        if etype == "string_type" and isinstance(value, (bool, int, float)):
            hint = "YAML 会把 yes/no/on/off、纯数字等当作真假值或数字；作为文本请加引号。"
        return loaded.diag("WB204", f"字段 {label}应为{kind}，实际是{_describe(value)}。", loc, record=record, hint=hint)
    return loaded.diag("WB204", f"字段 {label}的值不合要求：{err.get('msg', etype)}", loc, record=record)
