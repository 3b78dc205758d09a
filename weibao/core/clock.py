"""The office's "today": the date in the office's time zone (Asia/Shanghai unless data/weibao.yaml says otherwise),
not the machine's — a CI runner in UTC at 18:20 is already on the next day in 奈曼旗.  ``--as-of`` still pins it.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

DEFAULT_TZ = "Asia/Shanghai"
_CHINA = _dt.timezone(_dt.timedelta(hours=8), "CST")  # China has kept UTC+8 without daylight saving since 1991


def zone(name: str | None) -> _dt.tzinfo:
    """The time zone named in settings; ValueError for a name the time-zone database does not know."""
    name = name or DEFAULT_TZ
    if name in (DEFAULT_TZ, "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"):
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except Exception:  # no time-zone database on this machine (Windows without tzdata): the fixed offset is exact
            return _CHINA
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"时区“{name}”不存在；写 IANA 时区名，例如 {DEFAULT_TZ}。") from None


def now_utc() -> _dt.datetime:
    """The current time; ``WEIBAO_NOW`` (ISO 8601 with an offset) pins it for tests and reproducible runs."""
    pinned = os.environ.get("WEIBAO_NOW")
    if pinned:
        try:
            value = _dt.datetime.fromisoformat(pinned)
            if value.tzinfo is not None:
                return value.astimezone(_dt.UTC)
        except ValueError:
            pass
    return _dt.datetime.now(_dt.UTC)


def office_today(tz_name: str | None = None) -> _dt.date:
    """Today in the office's time zone (a bad zone name falls back to the default: validate reports it)."""
    try:
        tz = zone(tz_name)
    except ValueError:
        tz = zone(None)
    return now_utc().astimezone(tz).date()


def settings_timezone(root: Path | None) -> str | None:
    """The ``timezone`` of data/weibao.yaml, read quickly and forgivingly (validate checks the file itself)."""
    if root is None:
        return None
    try:
        import yaml

        from weibao.core.files import read_regular

        raw = read_regular(root / "data" / "weibao.yaml", root, 1_000_000)
        doc = yaml.safe_load(raw.decode("utf-8-sig"))
        value = doc.get("timezone") if isinstance(doc, dict) else None
        return value if isinstance(value, str) else None
    except Exception:  # unreadable or broken settings: the default zone; validate names the problem
        return None
