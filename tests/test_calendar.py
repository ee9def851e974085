# SPDX-License-Identifier: MIT
"""The working-day calendar API: hand-checked dates, boundaries, declared calendars, files.

Every expected date below is worked out by hand from the State Council notice of its year
(the working is in the comments), or from the chinese_calendar package used as an
independent oracle in the property tests.
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import chinese_calendar  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xzjd
from xzjd import calendar as cal
from xzjd.calendar import Calendar, CalendarDay, DayInfo, DayKind, builtin
from xzjd.calendar.calendars import _load_builtin
from xzjd.errors import CalendarError, InputError
from xzjd.model import DateRange

D = dt.date


@pytest.fixture(scope="module")
def cn() -> Calendar:
    return builtin("cn")


@pytest.fixture(scope="module")
def strict(cn: Calendar) -> Calendar:
    """cn without its provisional years: the notices' data alone, 2004-2026."""
    return cn.strict()


class TestBuiltin:
    """builtin() returns the cached cn calendar and refuses unknown names."""

    def test_cached(self) -> None:
        """Two calls return the same object."""
        assert builtin() is builtin("cn")

    def test_unknown_name(self) -> None:
        """An unknown built-in name is a KeyError."""
        with pytest.raises(KeyError, match="no built-in calendar 'mars'"):
            builtin("mars")

    def test_covers_2004_to_2026(self, cn: Calendar, strict: Calendar) -> None:
        """cn has notices for 2004 to 2026; every year after them to 2099 is provisional."""
        assert strict.first_year == 2004 and strict.last_year == 2026
        assert cn.first_year == 2004 and cn.last_year == 2099
        assert cn.provisional_years == frozenset(range(2027, 2100))
        assert strict.covers(D(2004, 1, 1)) and strict.covers(D(2026, 12, 31))
        assert not strict.covers(D(2003, 12, 31)) and not strict.covers(D(2027, 1, 1))
        assert cn.covers(D(2027, 1, 1)) and cn.is_provisional(D(2027, 1, 1))
        assert not cn.covers(D(2100, 1, 1)) and not cn.covers(D(2003, 12, 31))

    def test_exported(self) -> None:
        """Calendar is exported from the package."""
        assert xzjd.Calendar is Calendar


class TestNotice2010:
    """The 2010 arrangements (国办发明电〔2009〕27号), day by day."""

    def test_saturdays_made_working(self, cn: Calendar) -> None:
        """2010-02-20 (Sat, after Spring Festival) and 2010-09-25 (Sat, Mid-Autumn) work."""
        # Notice items 2 and 6: "2月20日（星期六）、21日（星期日）上班", "9月19日（星期日）、
        # 25日（星期六）上班".
        for day in (D(2010, 2, 20), D(2010, 9, 25)):
            assert day.weekday() == 5
            assert cn.is_working_day(day)
            assert cn.day_info(day).kind is DayKind.MAKEUP

    def test_sundays_made_working(self, cn: Calendar) -> None:
        """2010-09-19 and 2010-09-26 are Sundays that are working days."""
        # Item 6 (Mid-Autumn): 9-19 Sunday works; item 7 (National Day): 9-26 Sunday works.
        assert cn.is_working_day(D(2010, 9, 19))
        assert cn.is_working_day(D(2010, 9, 26))
        assert cn.day_info(D(2010, 9, 26)).holiday_zh == "国庆节"

    def test_ordinary_sundays_rest(self, cn: Calendar) -> None:
        """2010-02-28 and 2010-10-31 are ordinary Sundays, rest days outside any holiday."""
        for day in (D(2010, 2, 28), D(2010, 10, 31)):
            assert day.weekday() == 6
            assert cn.is_rest_day(day)
            info = cn.day_info(day)
            assert info == DayInfo(day, False, DayKind.WEEKEND, None, None)

    def test_mid_autumn(self, cn: Calendar) -> None:
        """2010-09-22..24 (Wed-Fri) are the Mid-Autumn holiday."""
        for d in (22, 23, 24):
            info = cn.day_info(D(2010, 9, d))
            assert not info.working
            assert info.kind is DayKind.HOLIDAY
            assert (info.holiday_zh, info.holiday_en) == ("中秋节", "Mid-Autumn Festival")

    def test_national_day(self, cn: Calendar) -> None:
        """2010-10-01..07 are the National Day holiday, 10-08 (Fri) and 10-09 (Sat) work."""
        for d in range(1, 8):
            assert cn.day_info(D(2010, 10, d)).kind is DayKind.HOLIDAY
        assert cn.is_working_day(D(2010, 10, 8))
        assert cn.day_info(D(2010, 10, 9)).kind is DayKind.MAKEUP

    def test_add_ten_working_days_across_both_holidays(self, cn: Calendar) -> None:
        """add_working_days(2010-09-17, 10) is 2010-10-08."""
        # 9-17 is a Friday and is not counted. 9-18 Sat rest; 9-19 Sun works (make-up) 1;
        # 9-20 Mon 2; 9-21 Tue 3; 9-22..24 Mid-Autumn rest; 9-25 Sat works 4; 9-26 Sun
        # works (make-up for National Day) 5; 9-27 Mon 6; 9-28 7; 9-29 8; 9-30 Thu 9;
        # 10-1..7 National Day rest; 10-8 Fri 10. (10-9 Sat, also working, would be 11.)
        assert cn.add_working_days(D(2010, 9, 17), 10) == D(2010, 10, 8)
        assert cn.working_days_between(D(2010, 9, 17), D(2010, 10, 8)) == 10
        assert cn.add_working_days(D(2010, 9, 17), 11) == D(2010, 10, 9)

    def test_backwards_across_national_day(self, cn: Calendar) -> None:
        """The 2nd working day before 2010-10-08 is 2010-09-29."""
        # Before 10-8: 10-7..10-1 rest; 9-30 Thu is the 1st; 9-29 Wed the 2nd.
        assert cn.add_working_days(D(2010, 10, 8), -2) == D(2010, 9, 29)

    def test_roll_forward(self, cn: Calendar) -> None:
        """A holiday rolls to the day after the holiday; a working Saturday stays."""
        # 10-1..7 rest, 10-8 Friday works.
        assert cn.roll_forward(D(2010, 10, 1)) == D(2010, 10, 8)
        assert cn.roll_forward(D(2010, 9, 25)) == D(2010, 9, 25)
        # 2-13..19 Spring Festival; 2-20 Saturday works.
        assert cn.roll_forward(D(2010, 2, 13)) == D(2010, 2, 20)

    def test_next_working_day(self, cn: Calendar) -> None:
        """next_working_day is strictly after the day, even when the day is working."""
        # 9-18 Sat rest, 9-19 Sun works.
        assert cn.next_working_day(D(2010, 9, 17)) == D(2010, 9, 19)
        # 9-21 Tue; 9-22..24 rest; 9-25 Sat works.
        assert cn.next_working_day(D(2010, 9, 21)) == D(2010, 9, 25)


class TestSpecialNotices:
    """Years changed by a second notice, and days placed in the previous year."""

    def test_2020_extension(self, cn: Calendar) -> None:
        """2020-02-01 (Sat) was to be worked but the extension made 01-31..02-02 rest."""
        # 国办发明电〔2019〕16号: 1-24..30 rest, 1-19 Sun and 2-1 Sat work.
        # 国办发明电〔2020〕1号: Spring Festival extended to 2 February.
        assert cn.is_working_day(D(2020, 1, 19))
        for d in (D(2020, 1, 31), D(2020, 2, 1), D(2020, 2, 2)):
            assert cn.day_info(d).kind is DayKind.HOLIDAY
        assert cn.roll_forward(D(2020, 1, 24)) == D(2020, 2, 3)

    def test_2015_victory_day(self, cn: Calendar) -> None:
        """2015-09-03..05 rest and Sunday 2015-09-06 works (70th anniversary notice)."""
        for d in (3, 4, 5):
            assert cn.is_rest_day(D(2015, 9, d))
        assert cn.day_info(D(2015, 9, 6)).kind is DayKind.MAKEUP

    def test_2008_new_holidays(self, cn: Calendar) -> None:
        """2008 is the first year with Qingming, Dragon Boat and Mid-Autumn holidays."""
        # 2008 notice: 4-4..6 Qingming; 5-1..3 Labour Day with 5-4 (Sun) worked;
        # 6-7..9 Dragon Boat; 9-13..15 Mid-Autumn; 9-29..10-5 National Day.
        assert cn.day_info(D(2008, 4, 4)).holiday_zh == "清明节"
        assert cn.is_working_day(D(2008, 5, 4))
        assert cn.is_rest_day(D(2008, 6, 9)) and cn.is_rest_day(D(2008, 9, 15))
        assert cn.is_rest_day(D(2008, 9, 29)) and cn.is_working_day(D(2008, 10, 6))

    def test_previous_year_days(self, cn: Calendar) -> None:
        """A notice's days in the previous December are in the data."""
        # 2008 notice: 2007-12-29 (Sat) works, 2007-12-30..2008-01-01 rest.
        assert cn.day_info(D(2007, 12, 29)).kind is DayKind.MAKEUP
        assert cn.is_rest_day(D(2007, 12, 31))
        # 2006 notice: 2005-12-31 (Sat) works.
        assert cn.is_working_day(D(2005, 12, 31))

    def test_2026_spring_festival(self, cn: Calendar) -> None:
        """2026: 02-15..23 rest; Saturdays 02-14 and 02-28 work."""
        assert cn.next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)
        # From 2-14: 2-15..23 rest, 2-24 Tue is the next working day.
        assert cn.next_working_day(D(2026, 2, 14)) == D(2026, 2, 24)
        assert cn.is_working_day(D(2026, 2, 28))


class TestEdges:
    """Dates at and beyond the ends of the notices' data (the strict calendar)."""

    def test_last_covered_day(self, strict: Calendar) -> None:
        """2026-12-31 (Thu) is known; the day after it needs 2027."""
        assert strict.next_working_day(D(2026, 12, 30)) == D(2026, 12, 31)
        with pytest.raises(CalendarError) as info:
            strict.next_working_day(D(2026, 12, 31))
        assert info.value.year == 2027
        assert "2027" in str(info.value)

    def test_error_says_how_to_add_a_year(self, strict: Calendar) -> None:
        """The message names the calendar, the covered years and both ways to add data."""
        with pytest.raises(CalendarError) as info:
            strict.is_working_day(D(2027, 3, 1))
        message = str(info.value)
        assert "'cn'" in message and "2004-2026" in message
        assert "calendar NAME based on cn:" in message and "Calendar.from_file" in message
        assert info.value.calendar == "cn"

    def test_before_the_data(self, strict: Calendar) -> None:
        """A day of 2003 is an error naming 2003."""
        with pytest.raises(CalendarError) as info:
            strict.is_working_day(D(2003, 12, 31))
        assert info.value.year == 2003

    def test_counting_back_out_of_the_data(self, strict: Calendar) -> None:
        """Counting back from 2004-01-02 past 2004-01-01 (a holiday) needs 2003."""
        # 2004-01-05 Mon; 1-4 Sun, 1-3 Sat rest; 1-2 Fri works.
        assert strict.add_working_days(D(2004, 1, 5), -1) == D(2004, 1, 2)
        with pytest.raises(CalendarError) as info:
            strict.add_working_days(D(2004, 1, 2), -1)
        assert info.value.year == 2003

    def test_start_outside_when_only_later_days_matter(self, strict: Calendar) -> None:
        """next_working_day of 2003-12-31 looks only at 2004 days and answers 2004-01-02."""
        # 2004-01-01 Thu is New Year's Day; 01-02 Fri works.
        assert strict.next_working_day(D(2003, 12, 31)) == D(2004, 1, 2)

    def test_add_across_the_end(self, strict: Calendar) -> None:
        """add_working_days that runs past 2026 is an error naming 2027."""
        with pytest.raises(CalendarError, match="2027"):
            strict.add_working_days(D(2026, 12, 30), 2)

    def test_between_across_the_end(self, strict: Calendar) -> None:
        """working_days_between into 2027 is an error; an empty interval is 0 anywhere."""
        with pytest.raises(CalendarError, match="2027"):
            strict.working_days_between(D(2026, 12, 1), D(2027, 1, 5))
        assert strict.working_days_between(D(2030, 1, 5), D(2030, 1, 1)) == 0
        assert strict.working_days_between(D(2010, 5, 5), D(2010, 5, 5)) == 0

    def test_listing_across_the_end(self, strict: Calendar) -> None:
        """working_days into 2027 is an error; an empty span lists nothing."""
        with pytest.raises(CalendarError, match="2027"):
            strict.working_days(D(2026, 12, 30), D(2027, 1, 4))
        assert list(strict.working_days(D(2010, 10, 8), D(2010, 10, 7))) == []

    def test_zero_is_identity(self, strict: Calendar) -> None:
        """add_working_days(d, 0) is d, even on a rest day."""
        assert strict.add_working_days(D(2010, 10, 3), 0) == D(2010, 10, 3)

    def test_error_pickles(self, strict: Calendar) -> None:
        """A CalendarError survives pickling with its year."""
        with pytest.raises(CalendarError) as info:
            strict.is_working_day(D(2027, 1, 1))
        copy = pickle.loads(pickle.dumps(info.value))
        assert copy.year == 2027 and str(copy) == str(info.value)


class TestModuleFunctions:
    """Module-level helpers use cn by default and accept another calendar."""

    def test_defaults_to_cn(self) -> None:
        """The helpers answer for cn."""
        assert cal.is_working_day(D(2010, 9, 25))
        assert cal.is_rest_day(D(2010, 9, 22))
        assert cal.next_working_day(D(2010, 9, 17)) == D(2010, 9, 19)
        assert cal.roll_forward(D(2010, 10, 1)) == D(2010, 10, 8)
        assert cal.add_working_days(D(2010, 9, 17), 10) == D(2010, 10, 8)
        assert cal.working_days_between(D(2010, 9, 17), D(2010, 10, 8)) == 10
        assert cal.day_info(D(2010, 10, 1)).kind is DayKind.HOLIDAY

    def test_other_calendar(self, cn: Calendar) -> None:
        """Passing a calendar uses it."""
        other = cn.extend("x", work=[D(2010, 10, 4)])
        assert cal.is_working_day(D(2010, 10, 4), other)
        assert not cal.is_working_day(D(2010, 10, 4))

    def test_working_days_listing(self, cn: Calendar) -> None:
        """working_days lists the working days of a span."""
        # 9-17 Fri, 9-18 Sat rest, 9-19 Sun works, 9-20 Mon, 9-21 Tue, 9-22..24 rest.
        assert list(cn.working_days(D(2010, 9, 17), D(2010, 9, 24))) == [
            D(2010, 9, 17),
            D(2010, 9, 19),
            D(2010, 9, 20),
            D(2010, 9, 21),
        ]


class TestExtend:
    """Declared calendars built with Calendar.extend."""

    def test_new_year(self, cn: Calendar) -> None:
        """A declared year the base lacks: weekends plus declared rest, less declared work."""
        y27 = cn.extend(
            "yunnan-2027",
            rest=[(D(2027, 10, 1), D(2027, 10, 7))],
            work=[D(2027, 9, 26)],
        )
        assert y27.name == "yunnan-2027"
        # 2027 was provisional in cn; declared, it is what the declaration says.
        assert y27.years == cn.years
        assert y27.provisional_years == cn.provisional_years - {2027}
        assert y27.is_rest_day(D(2027, 10, 4))  # a Monday declared rest
        assert y27.day_info(D(2027, 9, 26)).kind is DayKind.MAKEUP  # a Sunday declared work
        assert y27.is_working_day(D(2027, 3, 1))  # a Monday
        assert y27.day_info(D(2027, 3, 6)).kind is DayKind.WEEKEND  # a Saturday
        # 2027-01-01 is a Friday and nothing declares it rest: a working day.
        assert y27.next_working_day(D(2026, 12, 31)) == D(2027, 1, 1)
        # The base is unchanged: 2027-01-01 is New Year's Day there, provisionally.
        assert cn.is_provisional(D(2027, 1, 1)) and cn.is_rest_day(D(2027, 1, 1))

    def test_override_in_a_base_year(self, cn: Calendar) -> None:
        """Declared days replace the base's days; other days keep the base's meaning."""
        local = cn.extend("local", rest=[(D(2010, 3, 8), D(2010, 3, 8))], work=[D(2010, 10, 7)])
        assert local.day_info(D(2010, 3, 8)).kind is DayKind.HOLIDAY
        assert local.day_info(D(2010, 10, 7)).kind is DayKind.WORKDAY  # a Thursday
        assert local.is_rest_day(D(2010, 10, 6))
        assert local.is_working_day(D(2010, 2, 20))
        assert cn.is_rest_day(D(2010, 10, 7))
        assert local.years == cn.years

    def test_accepts_model_date_ranges(self, cn: Calendar) -> None:
        """rest accepts xzjd.model.DateRange values as written by the rules parser."""
        x = cn.extend("x", rest=[DateRange(D(2027, 1, 1), D(2027, 1, 3))])
        assert x.is_rest_day(D(2027, 1, 1))
        # 1-1 Fri rest, 1-2 Sat, 1-3 Sun; 1-4 Mon works.
        assert x.roll_forward(D(2027, 1, 1)) == D(2027, 1, 4)

    def test_gap_year_is_an_error(self, strict: Calendar) -> None:
        """A calendar with 2028 but no 2027 refuses every question that needs 2027."""
        far = strict.extend("far", rest=[(D(2028, 1, 3), D(2028, 1, 3))])
        assert far.years == frozenset(range(2004, 2027)) | {2028}
        assert not far.covers(D(2027, 6, 1))
        with pytest.raises(CalendarError) as info:
            far.is_working_day(D(2027, 6, 1))
        assert info.value.year == 2027 and "except 2027" in str(info.value)
        with pytest.raises(CalendarError, match="2027"):
            far.add_working_days(D(2026, 12, 30), 5)
        with pytest.raises(CalendarError, match="2027"):
            far.working_days_between(D(2026, 12, 30), D(2028, 1, 10))
        # Back from 2028-01-05 (Wed): 1-4 Tue works (1); 1-3 declared rest; 1-2, 1-1 weekend;
        # the 2nd working day before needs 2027.
        assert far.add_working_days(D(2028, 1, 5), -1) == D(2028, 1, 4)
        with pytest.raises(CalendarError) as info:
            far.add_working_days(D(2028, 1, 5), -2)
        assert info.value.year == 2027

    def test_conflict_is_an_error(self, cn: Calendar) -> None:
        """A day declared both rest and work is refused."""
        with pytest.raises(CalendarError, match="both a rest day and a working day"):
            cn.extend("bad", rest=[(D(2027, 1, 1), D(2027, 1, 3))], work=[D(2027, 1, 2)])

    def test_reversed_range_is_an_error(self, cn: Calendar) -> None:
        """A rest range that ends before it starts is refused."""
        with pytest.raises(CalendarError, match="ends before it starts"):
            cn.extend("bad", rest=[(D(2027, 1, 3), D(2027, 1, 1))])

    def test_standalone_calendar(self) -> None:
        """A calendar built from days alone covers exactly their years (or those given)."""
        solo = Calendar("solo", [CalendarDay(date=D(2030, 5, 1), working=False)])
        assert solo.years == frozenset({2030})
        assert solo.is_rest_day(D(2030, 5, 1))  # a Wednesday declared rest
        empty = Calendar("empty", [])
        with pytest.raises(CalendarError, match="no year"):
            empty.is_working_day(D(2030, 1, 1))


TOML_2027 = """
name = "cn-2027"
base = "cn"
notice = "国务院办公厅关于2027年部分节假日安排的通知（示例）"

[[rest]]
from = 2027-10-01
to = 2027-10-07
name = "国庆节"
name_en = "National Day"

[[rest]]
date = "2027-01-01"
name = "元旦"

[[work]]
date = 2027-09-26
name = "国庆节"
"""


class TestFromFile:
    """Calendar.from_file reads TOML and CSV."""

    def test_toml_with_base(self, tmp_path: Path) -> None:
        """A TOML file naming base = "cn" extends cn with its days and names."""
        path = tmp_path / "next.toml"
        path.write_text(TOML_2027, encoding="utf-8")
        c27 = Calendar.from_file(path)
        assert c27.name == "cn-2027"
        assert c27.years == builtin().years and 2027 not in c27.provisional_years
        info = c27.day_info(D(2027, 10, 4))
        assert info.kind is DayKind.HOLIDAY and info.holiday_en == "National Day"
        assert c27.day_info(D(2027, 9, 26)).kind is DayKind.MAKEUP
        # 2027-01-01 Fri rest, 1-2 Sat, 1-3 Sun; next working day of 2026-12-31 is 1-4.
        assert c27.next_working_day(D(2026, 12, 31)) == D(2027, 1, 4)
        notices = {d.notice for d in c27.days if d.date.year == 2027}
        assert notices == {"国务院办公厅关于2027年部分节假日安排的通知（示例）"}

    def test_toml_plain_lists_and_explicit_base(self, cn: Calendar, tmp_path: Path) -> None:
        """rest and work may be plain date lists; base= and name= override the file."""
        path = tmp_path / "plain.toml"
        path.write_text('rest = [2027-05-03]\nwork = ["2027-05-08"]\n', encoding="utf-8")
        c = Calendar.from_file(path, base=cn, name="mine")
        assert c.name == "mine"
        assert c.is_rest_day(D(2027, 5, 3)) and c.is_working_day(D(2027, 5, 8))
        assert c.is_working_day(D(2010, 9, 25))

    def test_toml_without_base(self, tmp_path: Path) -> None:
        """Without a base the calendar covers the file's years (and any listed in years)."""
        path = tmp_path / "solo.toml"
        path.write_text("years = [2031]\nrest = [2030-05-01]\n", encoding="utf-8")
        c = Calendar.from_file(path)
        assert c.name == "solo"
        assert c.years == frozenset({2030, 2031})

    def test_csv_with_base(self, cn: Calendar, tmp_path: Path) -> None:
        """A CSV in the cn.csv format adds its rows to the base."""
        path = tmp_path / "cn2027.csv"
        path.write_text(
            "date,type,holiday_zh,holiday_en,notice\n"
            "2027-10-01,rest,国庆节,National Day,N\n"
            "2027-09-26,work,国庆节,National Day,N\n",
            encoding="utf-8",
        )
        c = Calendar.from_file(path, base=cn)
        assert c.name == "cn2027"
        assert c.is_rest_day(D(2027, 10, 1)) and c.is_working_day(D(2027, 9, 26))
        assert c.day_info(D(2027, 10, 1)).holiday_zh == "国庆节"

    def test_csv_with_bom(self, cn: Calendar, tmp_path: Path) -> None:
        """A UTF-8 byte order mark at the start of a CSV is accepted."""
        path = tmp_path / "bom.csv"
        path.write_bytes(
            "date,type,holiday_zh,holiday_en,notice\n2027-01-01,rest,元旦,,\n".encode("utf-8-sig")
        )
        c = Calendar.from_file(path, base=cn)
        assert c.day_info(D(2027, 1, 1)).holiday_zh == "元旦"
        assert c.day_info(D(2027, 1, 1)).holiday_en is None

    def test_shipped_csv_reads_back(self, cn: Calendar) -> None:
        """Reading the shipped cn.csv with from_file gives builtin's notice years and days."""
        path = Path(cal.__file__).parents[1] / "data" / "cn.csv"
        again = Calendar.from_file(path)
        assert again.years == cn.strict().years and again.days == cn.strict().days

    @pytest.mark.parametrize(
        ("text", "code", "line"),
        [
            ("date,type\n2027-13-01,rest\n", "calendar/bad-date", 2),
            ("date,type\n2027-10-01,holiday\n", "calendar/bad-type", 2),
            ("date,type\n2027-10-01,rest\n2027-10-01,work\n", "calendar/duplicate-date", 3),
            ("day,kind\n2027-10-01,rest\n", "calendar/bad-header", 1),
        ],
    )
    def test_csv_errors(self, tmp_path: Path, text: str, code: str, line: int) -> None:
        """A malformed CSV row is an InputError naming the file, line and problem."""
        path = tmp_path / "bad.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            Calendar.from_file(path)
        assert info.value.code == code
        assert info.value.span is not None and info.value.span.line == line
        assert str(path) in str(info.value)

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("rest = [", "calendar/bad-toml"),
            ("colour = 1", "calendar/unknown-key"),
            ('base = "mars"', "calendar/unknown-base"),
            ("rest = [2027-01-01]\nwork = [2027-01-01]", "calendar/conflict"),
            ('[[rest]]\nfrom = "2027-01-05"\nto = "2027-01-01"', "calendar/bad-range"),
            ('rest = ["tomorrow"]', "calendar/bad-date"),
            ("[[rest]]\nname = 'x'", "calendar/bad-value"),
        ],
    )
    def test_toml_errors(self, tmp_path: Path, text: str, code: str) -> None:
        """A malformed TOML calendar is an InputError with a stable code."""
        path = tmp_path / "bad.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            Calendar.from_file(path)
        assert info.value.code == code

    def test_missing_file_and_unknown_suffix(self, tmp_path: Path) -> None:
        """A missing file and a file of another format are InputErrors."""
        with pytest.raises(InputError) as info:
            Calendar.from_file(tmp_path / "nope.toml")
        assert info.value.code == "calendar/unreadable"
        other = tmp_path / "cal.json"
        other.write_text("{}", encoding="utf-8")
        with pytest.raises(InputError) as info:
            Calendar.from_file(other)
        assert info.value.code == "calendar/unknown-format"


# Hypothesis: dates far enough from the ends of the data that 120 working days either way
# stay inside it (120 working days are less than 200 calendar days).
_dates = st.dates(min_value=D(2004, 8, 1), max_value=D(2026, 5, 31))
_counts = st.integers(min_value=-120, max_value=120)


def _oracle_working(day: dt.date) -> bool:
    """Working status from chinese_calendar, corrected where the notice says otherwise."""
    if day == D(2005, 12, 31):  # see tests/test_calendar_data.py KNOWN_DIFFERENCES
        return True
    return bool(chinese_calendar.is_workday(day))


class TestProperties:
    """Properties of the arithmetic, and agreement with a day-by-day oracle."""

    @given(_dates)
    def test_roll_forward(self, d: dt.date) -> None:
        """roll_forward(d) is a working day, not before d, with no working day in between."""
        cn = builtin()
        r = cn.roll_forward(d)
        assert r >= d and cn.is_working_day(r)
        assert cn.working_days_between(d, r) == (0 if r == d else 1)

    @given(_dates, _counts)
    def test_add_then_count(self, d: dt.date, n: int) -> None:
        """Counting the working days from d to add_working_days(d, n) gives back n."""
        cn = builtin()
        r = cn.add_working_days(d, n)
        if n > 0:
            assert r > d and cn.is_working_day(r)
            assert cn.working_days_between(d, r) == n
        elif n < 0:
            assert r < d and cn.is_working_day(r)
            # Days x with r < x <= d: the |n|-1 working days strictly between, plus d itself.
            assert cn.working_days_between(r, d) == -n - 1 + cn.is_working_day(d)
        else:
            assert r == d

    @given(_dates, _counts)
    def test_round_trip_from_a_working_day(self, d: dt.date, n: int) -> None:
        """From a working day, n working days on and n back returns to it."""
        cn = builtin()
        start = cn.roll_forward(d)
        assert cn.add_working_days(cn.add_working_days(start, n), -n) == start

    @given(_dates)
    def test_next_is_add_one(self, d: dt.date) -> None:
        """next_working_day(d) is add_working_days(d, 1); is_rest_day negates is_working_day."""
        cn = builtin()
        assert cn.next_working_day(d) == cn.add_working_days(d, 1)
        assert cn.is_rest_day(d) is not cn.is_working_day(d)

    @settings(max_examples=200)
    @given(_dates, st.integers(min_value=1, max_value=60))
    def test_agrees_with_day_by_day_oracle(self, d: dt.date, n: int) -> None:
        """add_working_days and working_days_between agree with stepping one day at a time."""
        cn = builtin()
        day, left = d, n
        while left:
            day += dt.timedelta(days=1)
            left -= _oracle_working(day)
        assert cn.add_working_days(d, n) == day
        b = d + dt.timedelta(days=n)
        expected = sum(_oracle_working(d + dt.timedelta(days=k)) for k in range(1, n + 1))
        assert cn.working_days_between(d, b) == expected

    @given(_dates, _dates)
    def test_between_is_additive(self, a: dt.date, b: dt.date) -> None:
        """Counts over (a, m] and (m, b] add up to the count over (a, b]."""
        cn = builtin()
        a, b = min(a, b), max(a, b)
        m = a + (b - a) / 2
        assert cn.working_days_between(a, b) == (
            cn.working_days_between(a, m) + cn.working_days_between(m, b)
        )


class TestPendingProvisionalDays:
    """The provisional days are computed once, when a query first needs a provisional year."""

    def make(self) -> tuple[Calendar, list[int]]:
        calls: list[int] = []

        def pending() -> list[CalendarDay]:
            calls.append(1)
            # Fri 2027-01-01 rest, as the law would give.
            return [CalendarDay(date=D(2027, 1, 1), working=False, provisional=True)]

        noticed = [CalendarDay(date=D(2026, 1, 1), working=False)]
        cal = Calendar("t", noticed, years=[2026], provisional_years=[2027], pending=pending)
        return cal, calls

    def test_not_before_needed(self) -> None:
        cal, calls = self.make()
        assert not cal.is_working_day(D(2026, 1, 1)) and cal.is_working_day(D(2026, 12, 31))
        assert cal.years == frozenset({2026, 2027}) and cal.covers(D(2027, 6, 1))
        assert cal.strict().years == frozenset({2026})
        assert calls == []

    def test_once_when_needed(self) -> None:
        cal, calls = self.make()
        # Thu 2026-12-31 -> Fri 2027-01-01 rests -> Sat, Sun -> Mon 2027-01-04.
        assert cal.next_working_day(D(2026, 12, 31)) == D(2027, 1, 4)
        assert cal.working_days_between(D(2026, 12, 30), D(2027, 1, 5)) == 3  # 31, 4, 5
        assert cal.add_working_days(D(2027, 1, 4), -1) == D(2026, 12, 31)
        assert cal.day_info(D(2027, 1, 1)).provisional
        assert calls == [1]

    def test_by_a_walk_across_the_end(self) -> None:
        cal, calls = self.make()
        assert list(cal.working_days(D(2026, 12, 31), D(2027, 1, 4))) == [
            D(2026, 12, 31),
            D(2027, 1, 4),
        ]
        assert calls == [1]
        with pytest.raises(CalendarError, match="2028"):
            cal.add_working_days(D(2027, 12, 30), 5)

    def test_first_query_of_a_fresh_builtin(self) -> None:
        """The first question a fresh cn is asked may be about a provisional year."""
        fresh = _load_builtin.__wrapped__("cn")
        assert not fresh.is_working_day(D(2027, 1, 1))  # 元旦, Fri
        fresh = _load_builtin.__wrapped__("cn")
        assert fresh.day_info(D(2027, 1, 4)).working
        fresh = _load_builtin.__wrapped__("cn")
        assert fresh.roll_forward(D(2027, 1, 1)) == D(2027, 1, 4)
