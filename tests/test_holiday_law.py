# SPDX-License-Identifier: MIT
"""The holiday law as data: statutory days, make-up rest days (补假), the lunar table.

Every expected date below is worked out by hand in the comments. Weekdays are counted from a
known anchor: 1 January 2026 is a Thursday (the 2026 notice: 元旦 "1月1日（周四）"); a common
year of 365 days moves 1 January on by one weekday, a leap year by two, so 1 January is a
Friday in 2027, a Saturday in 2028, a Monday in 2029 and a Tuesday in 2030. Within a year the
weekday of a date is that of 1 January plus (day of the year - 1) mod 7.

The lunar dates were checked against two sources independent of the shipped table and of
each other: the ``lunardate`` package (a table of the Hong Kong Observatory's calendar) and
the new moons and the solar term 清明 computed with PyEphem (VSOP87 and ELP theories),
converted to Beijing time (UTC+8).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import holidays as holidays_package
import pytest

from xzjd.calendar import holiday_law as hl
from xzjd.calendar.holiday_law import (
    LAW_1999,
    LAW_2007,
    LAW_2013,
    LAW_2024,
    Holiday,
    HolidayLawRangeError,
    LawDay,
    law_days,
    law_in_force,
    makeup_days,
    provisional_days,
    statutory_holidays,
)
from xzjd.calendar.holiday_law import provisional as law_provisional
from xzjd.errors import CalendarError, XzjdError

ROOT = Path(__file__).resolve().parent.parent

D = dt.date


def rest_days(year: int) -> dict[dt.date, LawDay]:
    return {d.date: d for d in provisional_days(year)}


def makeups(year: int) -> dict[dt.date, dt.date]:
    """Make-up rest day -> the day it makes up for."""
    return {d.date: d.makeup_for for d in provisional_days(year) if d.makeup_for is not None}


# ------------------------------------------------------------------------- the versions


class TestVersions:
    def test_version_in_force_on_1_january(self) -> None:
        """1999 rev. from 1999-09-18, 2007 rev. from 2008-01-01, 2013 from 2014, 2024 from 2025."""
        assert law_in_force(2000) is LAW_1999
        assert law_in_force(2007) is LAW_1999
        assert law_in_force(2008) is LAW_2007
        assert law_in_force(2013) is LAW_2007
        assert law_in_force(2014) is LAW_2013
        assert law_in_force(2024) is LAW_2013
        assert law_in_force(2025) is LAW_2024
        assert law_in_force(2100) is LAW_2024

    def test_decrees_and_dates(self) -> None:
        assert (LAW_1999.decree_zh, LAW_1999.in_force) == ("国务院令第270号", D(1999, 9, 18))
        assert (LAW_2007.decree_zh, LAW_2007.in_force) == ("国务院令第513号", D(2008, 1, 1))
        assert (LAW_2013.decree_zh, LAW_2013.in_force) == ("国务院令第644号", D(2014, 1, 1))
        assert (LAW_2024.decree_zh, LAW_2024.in_force) == ("国务院令第795号", D(2025, 1, 1))
        for law in hl.LAWS:
            assert (law.holidays_article, law.makeup_article) == (2, 6)

    @pytest.mark.parametrize(
        ("law", "days"),
        [
            # 元旦 1, 春节 3, 劳动节 3, 国庆节 3
            (LAW_1999, {"元旦": 1, "春节": 3, "劳动节": 3, "国庆节": 3}),
            # 元旦 1, 春节 3, 清明 1, 劳动节 1, 端午 1, 中秋 1, 国庆 3: eleven days
            (
                LAW_2007,
                {
                    "元旦": 1,
                    "春节": 3,
                    "清明节": 1,
                    "劳动节": 1,
                    "端午节": 1,
                    "中秋节": 1,
                    "国庆节": 3,
                },
            ),
            (
                LAW_2013,
                {
                    "元旦": 1,
                    "春节": 3,
                    "清明节": 1,
                    "劳动节": 1,
                    "端午节": 1,
                    "中秋节": 1,
                    "国庆节": 3,
                },
            ),
            # 春节 4, 劳动节 2: thirteen days
            (
                LAW_2024,
                {
                    "元旦": 1,
                    "春节": 4,
                    "清明节": 1,
                    "劳动节": 2,
                    "端午节": 1,
                    "中秋节": 1,
                    "国庆节": 3,
                },
            ),
        ],
    )
    def test_days_per_holiday(self, law: hl.HolidayLaw, days: dict[str, int]) -> None:
        assert {r.holiday_zh: len(r.days) for r in law.rules} == days
        assert [r.item for r in law.rules] == list(range(1, len(days) + 1))

    def test_spring_festival_days_per_version(self) -> None:
        """除夕 is a holiday under the 2007 and 2024 revisions, 初三 under 1999, 2013 and 2024."""
        texts = {
            law.revision: [d.text_zh for r in law.rules if r.holiday_zh == "春节" for d in r.days]
            for law in hl.LAWS
        }
        assert texts == {
            1999: ["正月初一", "正月初二", "正月初三"],
            2007: ["农历除夕", "正月初一", "正月初二"],
            2013: ["正月初一", "正月初二", "正月初三"],
            2024: ["农历除夕", "正月初一", "正月初二", "正月初三"],
        }

    def test_citations(self) -> None:
        assert LAW_2024.cite_zh(2, 4) == (
            "《全国年节及纪念日放假办法》第二条第（四）项（2024年修订，国务院令第795号）"
        )
        assert LAW_2013.cite_en(6) == (
            "Measures on National Holidays and Memorial Days, Article 6"
            " (2013 revision, State Council Decree No. 644)"
        )
        assert LAW_2024.makeup_text.endswith("应当在工作日补假。")

    def test_names_are_those_of_cn_csv(self) -> None:
        """Every holiday name pair the law uses appears in the shipped cn.csv."""
        text = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
        pairs = {(r["holiday_zh"], r["holiday_en"]) for r in csv.DictReader(text.splitlines())}
        for law in hl.LAWS:
            for rule in law.rules:
                assert (rule.holiday_zh, rule.holiday_en) in pairs


# ------------------------------------------------------------------------------- errors


class TestRange:
    def test_before_2000(self) -> None:
        with pytest.raises(HolidayLawRangeError) as info:
            law_in_force(1999)
        assert info.value.year == 1999
        assert "2000" in str(info.value)

    @pytest.mark.parametrize("year", [1999, 2101, 9999])
    def test_outside_the_table(self, year: int) -> None:
        with pytest.raises(HolidayLawRangeError):
            statutory_holidays(year)
        with pytest.raises(HolidayLawRangeError):
            provisional_days(year)

    def test_error_is_a_calendar_error(self) -> None:
        """The lead can catch it as CalendarError, LookupError or XzjdError."""
        assert issubclass(HolidayLawRangeError, CalendarError)
        assert issubclass(HolidayLawRangeError, LookupError)
        assert issubclass(HolidayLawRangeError, XzjdError)

    def test_table_edges(self) -> None:
        """2000 and 2100 are covered; their missing neighbour year is simply left out."""
        # 2000-01-01 is a Saturday (2026-01-01 Thu is 26 years and 7 leap days later:
        # 26 + 7 = 33 = 4*7 + 5 weekdays on, and Thu - 5 = Sat), so 元旦 is made up on the
        # Monday after the weekend, 3 January (1999 rev. art. 6).
        assert makeups(2000)[D(2000, 1, 3)] == D(2000, 1, 1)
        assert provisional_days(2100)[0].date == D(2100, 1, 1)


# ----------------------------------------------------------------------- worked years


class Test2027:
    """2027, 2024 revision. 1 January 2027 is a Friday.

    Lunar dates: 正月初一 = 6 February (new moon 2027-02-06 23:56 Beijing time, four minutes
    before midnight; lunardate gives 2027-02-06 too), so 除夕 = 5 February. 五月初一 is the
    new moon of 5 June (03:40), 初五 = 9 June. 八月初一 is the new moon of 1 September
    (01:41), 十五 = 15 September (no leap month between 正月 and 八月 in 2027: the new moons
    of 6 Feb, 8 Mar, 7 Apr, 6 May, 5 Jun, 4 Jul, 2 Aug, 1 Sep begin months 1 to 8).
    清明: the Sun reaches 15° on 2027-04-05 at 08:17 Beijing time.

    Weekdays (1 Jan = Fri, day n is Fri + (n-1) mod 7):
      5 Feb = day 36, 35 = 5 weeks: Fri; 6 Feb Sat; 7 Feb Sun; 8 Feb Mon; 9 Tue; 10 Wed.
      5 Apr = day 31+28+31+5 = 95, 94 = 13w+3: Mon.
      1 May = day 121, 120 = 17w+1: Sat; 2 May Sun; 3 May Mon; 4 May Tue.
      9 Jun = day 151+9 = 160, 159 = 22w+5: Wed.
      15 Sep = day 243+15 = 258, 257 = 36w+5: Wed.
      1 Oct = day 274, 273 = 39w: Fri; 2 Oct Sat; 3 Oct Sun; 4 Oct Mon; 5 Oct Tue.
    """

    def test_statutory_days(self) -> None:
        got = [(h.date, h.holiday_zh, h.day_zh) for h in statutory_holidays(2027)]
        assert got == [
            (D(2027, 1, 1), "元旦", "1月1日"),
            (D(2027, 2, 5), "春节", "农历除夕"),
            (D(2027, 2, 6), "春节", "正月初一"),
            (D(2027, 2, 7), "春节", "正月初二"),
            (D(2027, 2, 8), "春节", "正月初三"),
            (D(2027, 4, 5), "清明节", "农历清明当日"),
            (D(2027, 5, 1), "劳动节", "5月1日"),
            (D(2027, 5, 2), "劳动节", "5月2日"),
            (D(2027, 6, 9), "端午节", "农历端午当日"),
            (D(2027, 9, 15), "中秋节", "农历中秋当日"),
            (D(2027, 10, 1), "国庆节", "10月1日"),
            (D(2027, 10, 2), "国庆节", "10月2日"),
            (D(2027, 10, 3), "国庆节", "10月3日"),
        ]
        assert all(h.law is LAW_2024 for h in statutory_holidays(2027))

    def test_makeup_days(self) -> None:
        # 春节: Sat 6 Feb and Sun 7 Feb are lost; the run of rest days 5-8 Feb ends on Mon 8
        # Feb (初三), so Tue 9 Feb makes up for the 6th and Wed 10 Feb for the 7th.
        # 劳动节: Sat 1 May and Sun 2 May -> Mon 3 May, Tue 4 May.
        # 国庆节: Sat 2 Oct and Sun 3 Oct -> Mon 4 Oct, Tue 5 Oct.
        assert makeups(2027) == {
            D(2027, 2, 9): D(2027, 2, 6),
            D(2027, 2, 10): D(2027, 2, 7),
            D(2027, 5, 3): D(2027, 5, 1),
            D(2027, 5, 4): D(2027, 5, 2),
            D(2027, 10, 4): D(2027, 10, 2),
            D(2027, 10, 5): D(2027, 10, 3),
        }

    def test_all_rest_days(self) -> None:
        days = rest_days(2027)
        assert len(days) == 13 + 6
        assert days[D(2027, 2, 9)].holiday_zh == "春节"
        assert days[D(2027, 5, 3)].holiday_en == "Labour Day"
        assert days[D(2027, 10, 5)].source_zh == (
            "《全国年节及纪念日放假办法》第六条（2024年修订，国务院令第795号）："
            "补2027-10-03（国庆节，适逢周六、周日）"
        )
        assert days[D(2027, 4, 5)].source_en == (
            "Measures on National Holidays and Memorial Days, Article 2(3)"
            " (2024 revision, State Council Decree No. 795)"
        )
        assert days[D(2027, 4, 5)].makeup_for is None


class Test2030:
    """2030, 2024 revision: 除夕 on a Saturday and 正月初一 on a Sunday.

    1 January 2030 is a Tuesday (2027 Fri, 2028 Sat, 2028 is leap so 2029 Mon, 2030 Tue).
    Lunar dates: new moon 2030-02-03 00:07 Beijing time (seven minutes after midnight;
    lunardate agrees), so 正月初一 = 3 Feb, 除夕 = 2 Feb. 五月初一 = new moon of 1 June
    (14:21), 初五 = 5 June. 八月初一 = new moon of 29 August (07:07), 十五 = 12 September
    (new moons of 3 Feb, 4 Mar, 3 Apr, 2 May, 1 Jun, 1 Jul, 30 Jul, 29 Aug begin months
    1 to 8; lunardate: no leap month in 2030). 清明 2030-04-05 01:40 Beijing time.

    Weekdays (1 Jan = Tue):
      2 Feb = day 33, 32 = 4w+4: Sat; 3 Feb Sun; 4 Mon; 5 Tue; 6 Wed; 7 Thu.
      5 Apr = day 95, 94 = 13w+3: Fri.  1 May = day 121, 120 = 17w+1: Wed; 2 May Thu.
      5 Jun = day 156, 155 = 22w+1: Wed.  12 Sep = day 255, 254 = 36w+2: Thu.
      1 Oct = day 274, 273 = 39w: Tue; 2 Oct Wed; 3 Oct Thu.
    """

    def test_statutory_days(self) -> None:
        assert [h.date for h in statutory_holidays(2030)] == [
            D(2030, 1, 1),
            D(2030, 2, 2),
            D(2030, 2, 3),
            D(2030, 2, 4),
            D(2030, 2, 5),
            D(2030, 4, 5),
            D(2030, 5, 1),
            D(2030, 5, 2),
            D(2030, 6, 5),
            D(2030, 9, 12),
            D(2030, 10, 1),
            D(2030, 10, 2),
            D(2030, 10, 3),
        ]

    def test_makeup_days(self) -> None:
        # Sat 2 Feb (除夕) and Sun 3 Feb (初一) are lost; the run of rest days 2-5 Feb ends
        # on Tue 5 Feb (初三), so Wed 6 Feb and Thu 7 Feb. Nothing else falls on a weekend.
        assert makeups(2030) == {D(2030, 2, 6): D(2030, 2, 2), D(2030, 2, 7): D(2030, 2, 3)}


class TestTwoHolidaysOnOneDate:
    """中秋节 on a day of 国庆节: one row named after both; made up only on a weekend."""

    def test_2028(self) -> None:
        # 1 January 2028 is a Saturday; 2028 is leap, so 1 Oct = day 31+29+31+30+31+30+31+31
        # +30+1 = 275, 274 = 39w+1: Sunday; 2 Oct Mon; 3 Oct Tue; 4 Oct Wed; 5 Oct Thu.
        # 中秋 = 八月十五 = 3 October 2028 (lunardate; the new moon of 19 Sep 2028, 02:23
        # Beijing time, begins 八月, after a leap 五月).
        # Sun 1 Oct falls on a weekend -> first day after the run 1-3 Oct: Wed 4 Oct. Tue 3 Oct
        # holds both holidays on a weekday: Article 6 makes up weekends only, so no more.
        days = rest_days(2028)
        assert (days[D(2028, 10, 3)].holiday_zh, days[D(2028, 10, 3)].holiday_en) == (
            "中秋节、国庆节",
            "Mid-Autumn Festival and National Day",
        )
        assert {d: m for d, m in makeups(2028).items() if d.month == 10} == {
            D(2028, 10, 4): D(2028, 10, 1),
        }
        assert [h.holiday_zh for h in statutory_holidays(2028) if h.date == D(2028, 10, 3)] == [
            "中秋节",
            "国庆节",
        ]

    def test_what_the_notices_did_2009_and_2020(self) -> None:
        """The 2009 and 2020 notices rest on the rule's days (the rest came from 调休).

        Weekdays: 1 Jan 2009 is a Thursday (17 years and 4 leap days before 2026-01-01 Thu:
        21 = 3 weeks), 25 Jan = day 25: Sun; 4 Apr = day 94: Sat; 3 Oct = day 276: Sat.
        1 Jan 2020 is a Wednesday (6 years and 2 leap days: 8 = 1w+1); 2020 is leap, 1 Oct =
        day 275, 274 = 39w+1: Thursday. Lunar dates (lunardate, PyEphem): 春节 2009-01-26,
        中秋 2009-10-03 and 2020-10-01.

        2009 (2007 rev.): 中秋 = Sat 3 Oct = 国庆 day 3. Lost twice on the 3rd -> Mon 5 Oct and
        Tue 6 Oct. The notice: 10月1日至8日放假, 9月27日、10月10日上班; 5 and 6 Oct are in it.
        2020 (2013 rev.): 中秋 = Thu 1 Oct = 国庆 day 1, a weekday: not made up. Sat 3 Oct ->
        Mon 5 Oct (Sun 4 Oct is the weekend). The notice: 10月1日至8日, which holds the 5th
        and gives more by 调休 (a notice may; Article 6 alone does not).
        """
        assert makeups(2009) == {
            D(2009, 1, 28): D(2009, 1, 25),  # 除夕 Sun 25 Jan; 初一, 初二 Mon 26, Tue 27
            D(2009, 4, 6): D(2009, 4, 4),  # 清明 Sat 4 Apr (23:33 Beijing time) -> Mon 6
            D(2009, 10, 5): D(2009, 10, 3),
            D(2009, 10, 6): D(2009, 10, 3),
        }
        assert {d: m for d, m in makeups(2020).items() if d.month == 10} == {
            D(2020, 10, 5): D(2020, 10, 3),
        }


# ------------------------------------------------------------------- the year boundary


def _fake(date: dt.date, name: str = "测试节", item: int = 8) -> Holiday:
    return Holiday(date, name, "Test Day", "", "", LAW_2024, item)


class TestYearBoundary:
    def test_makeup_days_may_fall_in_the_next_year(self) -> None:
        """A holiday on Sat 31 Dec 2022 next to 元旦 on Sun 1 Jan 2023 (a case no version has).

        2023-01-01 to 2026-01-01 is 365 + 366 + 365 = 1096 days = 156 weeks + 4, and
        2026-01-01 is a Thursday, so 1 Jan 2023 is a Sunday and 31 Dec 2022 a Saturday. Both
        are lost; in date order they are made up on Mon 2 Jan and Tue 3 Jan 2023.
        """
        days = makeup_days([_fake(D(2022, 12, 31)), _fake(D(2023, 1, 1), "元旦", 1)])
        assert [(d.date, d.makeup_for) for d in days] == [
            (D(2023, 1, 2), D(2022, 12, 31)),
            (D(2023, 1, 3), D(2023, 1, 1)),
        ]

    def test_provisional_days_keep_the_days_of_their_year(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A make-up day carried into January belongs to the new year, in the right order.

        A fake holiday week Sun 26 - Fri 31 Dec 2032 is added to the real 2032. Weekdays: 1
        Jan 2032 is a Thursday (2030 Tue, 2031 Wed, 2032 Thu); 2032 is leap, 26 Dec = day
        361, 360 = 51w+3: Sunday; 31 Dec Friday; 1 Jan 2033 Saturday, 2 Jan Sunday. Lost:
        Sun 26 Dec (fake) and Sat 1 Jan 2033 (元旦). The first is made up on the first day
        after it that is no weekend and no holiday: 27-31 Dec are holidays, 1-2 Jan the
        weekend, so Mon 3 Jan 2033; 元旦 then on Tue 4 Jan 2033. 2032 keeps none of them
        (its own make-up days, in May, June, September and October, are not in question).
        """
        real = hl.statutory_holidays

        def with_fake_week(year: int) -> tuple[Holiday, ...]:
            if year != 2032:
                return real(year)
            return real(year) + tuple(_fake(D(2032, 12, day)) for day in range(26, 32))

        # provisional_days looks statutory_holidays up in its own module.
        monkeypatch.setattr(law_provisional, "statutory_holidays", with_fake_week)
        provisional_days.cache_clear()
        try:
            late_2032 = {d.date for d in provisional_days(2032) if d.date >= D(2032, 12, 26)}
            january_2033 = {d: m for d, m in makeups(2033).items() if d.month == 1}
        finally:
            provisional_days.cache_clear()
        assert late_2032 == {D(2032, 12, day) for day in range(26, 32)}  # the fakes, no make-up
        assert january_2033 == {D(2033, 1, 3): D(2032, 12, 26), D(2033, 1, 4): D(2033, 1, 1)}

    def test_years_partition_the_days(self) -> None:
        """Over 2000-2100 each law day belongs to exactly one year's provisional days."""
        everything = [
            h for y in range(hl.FIRST_YEAR, hl.LAST_YEAR + 1) for h in statutory_holidays(y)
        ]
        whole = law_days(everything)
        by_year = [d for y in range(hl.FIRST_YEAR, hl.LAST_YEAR + 1) for d in provisional_days(y)]
        assert by_year == list(whole)


# ---------------------------------------------------------------------- invariants


@pytest.mark.parametrize("year", range(2000, 2101))
def test_makeup_invariants(year: int) -> None:
    """Every make-up day is a weekday after its day, with only rest days in between."""
    days = rest_days(year)
    holidays = statutory_holidays(year)
    statutory = {h.date for h in holidays}
    # Article 6: each holiday on a Saturday or Sunday, and only those, is made up.
    lost = sum(1 for h in holidays if h.date.weekday() >= 5)
    made = [d for d in days.values() if d.makeup_for is not None]
    assert len(made) == lost  # no holiday reaches across New Year today
    assert set(days) == statutory | {d.date for d in made}
    for d in made:
        assert d.makeup_for is not None
        assert d.date.weekday() < 5 and d.date not in statutory
        assert d.makeup_for.weekday() >= 5
        between = d.makeup_for + dt.timedelta(days=1)
        while between < d.date:
            assert between.weekday() >= 5 or between in days, (d, between)
            between += dt.timedelta(days=1)


# ----------------------------------------------------------------------- the lunar table


def _tool() -> ModuleType:
    script = ROOT / "tools" / "cn_festival_table.py"
    if not script.exists():  # pragma: no cover - running from an sdist without tools/
        pytest.skip("tools/ not present")
    spec = importlib.util.spec_from_file_location("cn_festival_table", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cn_festival_table"] = module
    spec.loader.exec_module(module)
    return module


class TestTable:
    def test_tool_writes_the_shipped_file(self) -> None:
        """tools/cn_festival_table.py regenerates cn-festivals.csv byte for byte."""
        shipped = resources.files("xzjd").joinpath("data", "cn-festivals.csv").read_bytes()
        assert _tool().render().encode("utf-8") == shipped

    def test_shape(self) -> None:
        text = resources.files("xzjd").joinpath("data", "cn-festivals.csv").read_text("utf-8")
        rows = list(csv.DictReader(text.splitlines()))
        assert [int(r["year"]) for r in rows] == list(range(2000, 2101))
        for r in rows:
            year = int(r["year"])
            chuxi, chunjie, qingming, duanwu, zhongqiu = (
                D.fromisoformat(r[k])
                for k in ("chuxi", "chunjie", "qingming", "duanwu", "zhongqiu")
            )
            assert chunjie - chuxi == dt.timedelta(days=1)
            # 正月初一 is the second new moon after the winter solstice (the third when a leap
            # month follows the 11th), between 21 Jan and 20 Feb; 清明 is on 4, 5 or 6 April.
            assert D(year, 1, 21) <= chunjie <= D(year, 2, 20)
            assert qingming.month == 4 and 4 <= qingming.day <= 6
            # 端午 is 五月初五 and 中秋 八月十五: 4 and 14 days after a new moon, about 3 and
            # 6 lunar months (of 29 or 30 days) after 正月初一, with a leap month or not.
            assert (duanwu - chunjie).days - 4 in range(4 * 29, 5 * 30 + 1)
            assert (zhongqiu - chunjie).days - 14 in range(7 * 29, 8 * 30 + 1)

    def test_known_years(self) -> None:
        """Dates from the published notices, which name the lunar days."""
        # 2025 notice: 1月28日（农历除夕、周二）. 2026 notice: 2月15日 is 农历腊月二十八, so
        # 初一 is 17 or 18 Feb; the new moon of 2026-02-17 20:01 Beijing time makes it 17 Feb.
        assert hl.festivals(2025).chuxi == D(2025, 1, 28)
        assert hl.festivals(2026).chunjie == D(2026, 2, 17)
        # 2013: 清明 at 23:02 on 4 April, Beijing time (an hour before midnight): 4 April.
        assert hl.festivals(2013).qingming == D(2013, 4, 4)

    def test_qingming_near_midnight(self) -> None:
        """The tool dates 清明 from its instant in UTC+8, even within the hour before midnight.

        PyEphem gives 2009-04-04 23:33:45, 2013-04-04 23:02:28, 2005-04-05 00:34:16 and
        2071-04-05 00:09:53 Beijing time; lunar_python agrees to within a minute.
        """
        tool = _tool()
        for year, day, (lo, hi) in [
            (2005, D(2005, 4, 5), (0, 1)),
            (2009, D(2009, 4, 4), (23, 24)),
            (2013, D(2013, 4, 4), (23, 24)),
            (2071, D(2071, 4, 5), (0, 1)),
        ]:
            got_day, time_of_day = tool.qingming_instant(year)
            assert got_day == day
            assert dt.timedelta(hours=lo) <= time_of_day < dt.timedelta(hours=hi)


# ----------------------------------------------------------- the holidays package check

# The package's English names (language="en_US") of the statutory holidays.
_HOLIDAYS_NAMES = {
    "New Year's Day": "元旦",
    "Chinese New Year's Eve": "春节",
    "Chinese New Year (Spring Festival)": "春节",
    "Tomb-Sweeping Day": "清明节",
    "Labor Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-Autumn Festival": "中秋节",
    "National Day": "国庆节",
}

# Years where 中秋节 falls on a weekday among 1-3 October (2028, 2031, 2058): neither the
# holidays package nor this module makes up the shared weekday (Article 6 covers weekends);
# a shared weekend day makes up each holiday in both (2039, 中秋 on Sun 2 Oct).
_SHARED_WEEKDAY_YEARS = {2028, 2031, 2058}


@pytest.mark.parametrize("year", range(2027, 2061))
def test_agrees_with_the_holidays_package(year: int) -> None:
    """The ``holidays`` package (its own lunar tables and 清明 rule) gives the same days."""
    theirs = holidays_package.China(years=year, language="en_US", observed=False)
    their_days = {(day, _HOLIDAYS_NAMES[name]) for day in theirs for name in theirs.get_list(day)}
    ours = statutory_holidays(year)
    assert {(h.date, h.holiday_zh) for h in ours} == their_days
    eve = [d for d in theirs if "Chinese New Year's Eve" in theirs.get_list(d)]
    assert eve == [h.date for h in ours if h.day_zh == "农历除夕"]

    observed = holidays_package.China(years=year, language="en_US")
    their_makeups = {d for d in observed if all("(observed" in n for n in observed.get_list(d))}
    assert set(makeups(year)) == their_makeups


def test_shared_date_years() -> None:
    """The years named above are those with 中秋 on a weekday among 1-3 October, 2027-2060."""
    years = set()
    for year in range(2027, 2061):
        zhongqiu = hl.festivals(year).zhongqiu
        if D(year, 10, 1) <= zhongqiu <= D(year, 10, 3) and zhongqiu.weekday() < 5:
            years.add(year)
    assert years == _SHARED_WEEKDAY_YEARS


# ----------------------------------------------------------------- the notices of cn.csv


def _cn_rows() -> dict[dt.date, dict[str, str]]:
    text = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
    return {D.fromisoformat(r["date"]): r for r in csv.DictReader(text.splitlines())}


@pytest.mark.parametrize("year", range(2004, 2027))
def test_statutory_days_are_rest_days_in_the_notices(year: int) -> None:
    """No notice of 2004-2026 put a statutory day on a working day, or named it otherwise."""
    rows = _cn_rows()
    for h in statutory_holidays(year):
        row = rows.get(h.date)
        assert row is not None and row["type"] == "rest", h
        assert h.holiday_zh in row["holiday_zh"].split("、"), (h, row["holiday_zh"])


# Make-up days the notices put elsewhere (Article 6 says only 在工作日补假):
# 2012: 端午 Sat 23 June, the notice rests Fri 22 - Sun 24 June instead of Mon 25.
# 2015: 中秋 Sun 27 Sep, the notice gives the day inside the National Day week (1-7 Oct).
_NOTICE_MOVED = {D(2012, 6, 25), D(2015, 9, 28)}


@pytest.mark.parametrize("year", range(2008, 2027))
def test_makeup_days_are_rest_days_in_the_notices(year: int) -> None:
    """Under the 2007, 2013 and 2024 revisions the notices rest on the computed make-up days.

    2004-2007 (1999 rev.) are left out: their notices gave week-long breaks by 调休 in
    ways that do not single out the make-up day.
    """
    rows = _cn_rows()
    for day in makeups(year):
        row = rows.get(day)
        if day in _NOTICE_MOVED:
            assert row is None  # a plain working day in that year
        else:
            assert row is not None and row["type"] == "rest", day
