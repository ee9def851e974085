# SPDX-License-Identifier: MIT
"""The built-in ``cn`` data, checked day by day against an independent source.

The independent source is the ``chinese_calendar`` package (a test-only dependency), whose
data was compiled separately from the same State Council notices. Where the two disagree,
the notice text decides; each such day is listed in ``KNOWN_DIFFERENCES`` with the words
of the notice.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import chinese_calendar  # type: ignore[import-untyped]
import pytest

from xzjd.calendar import DayKind, builtin

FIRST_YEAR = 2004
LAST_YEAR = 2026

# date -> (is it a working day per the notice, why)
KNOWN_DIFFERENCES = {
    # 国办发明电〔2005〕35号 (2006 arrangements), item 1: "将12月31日（星期六）、1月1日（星期日）
    # 两个公休日调至1月2日（星期一）、3日（星期二），12月31日（星期六）上班。"
    # chinese_calendar 1.11 treats 2005-12-31 as an ordinary Saturday.
    dt.date(2005, 12, 31): (True, "2006 notice: Saturday 31 December 2005 is a working day"),
}

ROOT = Path(__file__).resolve().parent.parent


def _rows() -> list[dict[str, str]]:
    text = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _all_days() -> list[dt.date]:
    first = dt.date(FIRST_YEAR, 1, 1).toordinal()
    last = dt.date(LAST_YEAR, 12, 31).toordinal()
    return [dt.date.fromordinal(o) for o in range(first, last + 1)]


class TestAgainstChineseCalendar:
    """Every day of every covered year agrees with chinese_calendar or with a cited notice."""

    def test_every_day_agrees(self) -> None:
        """Each day 2004-2026 has the same working status as chinese_calendar.is_workday."""
        cn = builtin()
        disagreements = []
        for day in _all_days():
            expected = chinese_calendar.is_workday(day)
            if day in KNOWN_DIFFERENCES:
                expected = KNOWN_DIFFERENCES[day][0]
            if cn.is_working_day(day) != expected:
                disagreements.append(day)
        assert disagreements == []

    def test_known_differences_are_still_differences(self) -> None:
        """Each listed difference is a real disagreement with the package, not a stale entry."""
        for day, (working, _why) in KNOWN_DIFFERENCES.items():
            assert chinese_calendar.is_workday(day) != working

    def test_every_statutory_holiday_of_the_package_is_a_rest_day(self) -> None:
        """Every day chinese_calendar names as a holiday is a HOLIDAY rest day in cn."""
        cn = builtin()
        for day in _all_days():
            is_holiday, _name = chinese_calendar.get_holiday_detail(day)
            if is_holiday and day.weekday() < 5:
                assert cn.day_info(day).kind is DayKind.HOLIDAY, day

    def test_every_makeup_day_of_the_package_is_makeup(self) -> None:
        """Every weekend day chinese_calendar makes a working day is a MAKEUP day in cn."""
        cn = builtin()
        for day in _all_days():
            if day.weekday() >= 5 and chinese_calendar.is_workday(day):
                assert cn.day_info(day).kind is DayKind.MAKEUP, day


class TestFileShape:
    """The shipped CSV is well formed, one row a day, and names its sources."""

    def test_header(self) -> None:
        """The header is date,type,holiday_zh,holiday_en,notice."""
        text = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == "date,type,holiday_zh,holiday_en,notice"

    def test_one_row_a_day_sorted(self) -> None:
        """Dates are unique and in increasing order."""
        dates = [dt.date.fromisoformat(r["date"]) for r in _rows()]
        assert dates == sorted(set(dates))

    def test_every_row_is_complete(self) -> None:
        """Every row has a type, both holiday names and a notice."""
        for row in _rows():
            assert row["type"] in ("rest", "work"), row
            assert row["holiday_zh"] and row["holiday_en"] and row["notice"], row

    def test_work_rows_are_weekend_days(self) -> None:
        """Every make-up working day of cn is a Saturday or a Sunday."""
        for row in _rows():
            if row["type"] == "work":
                assert dt.date.fromisoformat(row["date"]).weekday() >= 5, row

    def test_every_year_has_rows_and_is_covered(self) -> None:
        """Each year 2004-2026 has its Spring Festival and National Day rows and is covered."""
        rows = _rows()
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            names = {r["holiday_zh"] for r in rows if r["date"].startswith(str(year))}
            assert "春节" in names, year
            assert any("国庆节" in n for n in names), year
        cn = builtin()
        assert cn.strict().years == frozenset(range(FIRST_YEAR, LAST_YEAR + 1))
        # Every other covered year is provisional, derived from the holiday law.
        assert cn.years - cn.provisional_years == cn.strict().years

    def test_rows_name_their_notice(self) -> None:
        """Rows of a year name that year's arrangements notice, or a later special notice."""
        for row in _rows():
            day = dt.date.fromisoformat(row["date"])
            notice = row["notice"]
            # A notice for year Y may place a day in late December of Y-1.
            years = {day.year, day.year + 1} if day.month == 12 else {day.year}
            assert any(str(y) in notice for y in years) or "70周年" in notice, row

    def test_spring_festival_period_is_at_least_seven_days(self) -> None:
        """Each year's Spring Festival period is a run of rest days of 7 or more days."""
        counts = Counter(
            r["date"][:4] for r in _rows() if r["holiday_zh"] == "春节" and r["type"] == "rest"
        )
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            assert counts[str(year)] >= 7, year

    def test_transcription_writes_the_shipped_file(self) -> None:
        """tools/cn_calendar_data.py regenerates exactly the shipped cn.csv."""
        script = ROOT / "tools" / "cn_calendar_data.py"
        if not script.exists():  # pragma: no cover - running from an sdist without tools/
            pytest.skip("tools/ not present")
        spec = importlib.util.spec_from_file_location("cn_calendar_data", script)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["cn_calendar_data"] = module
        spec.loader.exec_module(module)
        text = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
        assert module.render(module.expand()) == text
