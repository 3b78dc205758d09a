"""Shared pieces of the record models."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64, title="标识（id）",
                          description="只用小写字母、数字，以连字符或点分隔；一经确定不再改动。")]
Text = Annotated[str, Field(min_length=1)]


DATE_MIN, DATE_MAX = _dt.date(1900, 1, 1), _dt.date(2199, 12, 31)


def _date_from_text(value: object) -> object:
    """Dates come as ISO text; a number is not a date (pydantic would read Unix seconds)."""
    if isinstance(value, (bool, int, float)):
        raise PydanticCustomError("date_type", "日期应为 YYYY-MM-DD")
    return value


def _date_in_range(value: _dt.date) -> _dt.date:
    """A date an office can mean, and one every output can hold: 9999-12-31 plus an extension overflowed the
    calendar export (an internal error); it is a data error here instead."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise PydanticCustomError("date_range", "日期应在 {low} 到 {high} 之间", {"low": DATE_MIN.isoformat(), "high": DATE_MAX.isoformat()})
    return value


Date = Annotated[_dt.date, BeforeValidator(_date_from_text), AfterValidator(_date_in_range)]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]


class Model(BaseModel):
    """Base of every record model: unknown keys are errors, values stay as given."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=False)
