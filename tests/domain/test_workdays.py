"""Working days with China's official holiday schedule (issue 24), and the office's "today"."""

from __future__ import annotations

import datetime as dt

import pytest

from weibao.core.clock import office_today, zone
from weibao.domain.workdays import (
    MAX_WORKDAYS,
    Workdays,
    add_workdays,
    is_workday,
    parse_workdays,
    resolve_deadline,
    workdays_before,
    workdays_between,
)

D = dt.date


@pytest.mark.parametrize("start, n, due", [
    (D(2026, 9, 25), 15, D(2026, 10, 22)),  # 中秋 25–27 Sep and 国庆 1–7 Oct off, Saturday 10 Oct a working day
    (D(2026, 9, 30), 1, D(2026, 10, 8)),  # the day after 30 Sep is a holiday: the first working day is 8 Oct
    (D(2026, 10, 9), 1, D(2026, 10, 10)),  # Saturday 10 Oct is worked (调休)
    (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Saturday 14 Feb is worked before 春节
    (D(2026, 6, 1), 5, D(2026, 6, 8)),  # an ordinary week
])
def test_add_workdays_follows_the_official_schedule(start, n, due):
    counted = add_workdays(start, n)
    assert counted.value == due and counted.guessed_years == set()


def test_a_year_not_yet_published_is_named_and_guessed_without_fixed_holidays():
    counted = add_workdays(D(2026, 12, 28), 5)  # 29, 30, 31 Dec; 1 Jan 2027 (元旦, fixed) off; 4, 5 Jan
    assert counted.value == D(2027, 1, 5) and counted.guessed_years == {2027}
    assert is_workday(D(2027, 10, 1)) == (False, False) and is_workday(D(2027, 10, 4)) == (True, False)


def test_counts_between_and_before():
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 9)).value == 2  # 8 and 9 Oct
    assert workdays_between(D(2026, 10, 9), D(2026, 10, 9)).value == 0
    assert workdays_before(D(2026, 10, 9), 3).value == D(2026, 9, 29)


@pytest.mark.parametrize("text, n", [("15个工作日", 15), ("15 个工作日", 15), ("十五个工作日", 15), ("限20个工作日内", 20), ("１０工作日", 10),
                                     ("两百五十个工作日", 250), ("2026-10-01", None), ("15天", None), ("", None)])
def test_parse_workdays(text, n):
    assert parse_workdays(text) == n


def test_counts_out_of_range_are_refused():
    for n in (0, MAX_WORKDAYS + 1):
        with pytest.raises(ValueError, match="1 到 250"):
            add_workdays(D(2026, 1, 5), n)


def test_resolve_deadline():
    assert resolve_deadline(D(2026, 7, 1), D(2026, 6, 1)) == (D(2026, 7, 1), None, set())
    assert resolve_deadline(Workdays(15), D(2026, 9, 25)) == (D(2026, 10, 22), 15, set())
    assert resolve_deadline(None, D(2026, 9, 25)) == (None, None, set())


def test_today_is_the_offices(monkeypatch):
    """At 18:20 UTC on 4 December it is already 5 December in 奈曼旗 (the machine's zone does not matter)."""
    monkeypatch.setenv("WEIBAO_NOW", "2026-12-04T18:20:00+00:00")
    monkeypatch.setenv("TZ", "UTC")
    assert office_today() == D(2026, 12, 5)
    assert office_today("Asia/Shanghai") == D(2026, 12, 5)
    assert office_today("Europe/London") == D(2026, 12, 4)
    assert office_today("No/Such_Zone") == D(2026, 12, 5)  # a bad zone: the default (validate reports it, WB421)
    with pytest.raises(ValueError, match="时区“Asia/Beijing”不存在"):
        zone("Asia/Beijing")
