# SPDX-License-Identifier: MIT
"""Reading State Council holiday notices (xzjd.calendar.notice) and ``xzjd calendar import``.

The notice texts are tools/notices/2004.txt ... 2026.txt (2004 and 2005 reconstructed from the
transcription, see their first lines). Every expected date below is worked out by hand from
the weekday of a reference date, shown in the comments; none is copied from the code's output.
Reference weekdays used: 2015-01-01 Thursday, 2018-01-01 Monday, 2019-01-01 Tuesday,
2020-10-01 Thursday, 2023-10-01 Sunday, 2026-01-01 Thursday, 2027-01-01 Friday (2026 is not a
leap year, so one day after Thursday).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from xzjd.calendar import Calendar, CalendarDay, DayKind, builtin
from xzjd.calendar.notice import Notice, notice_days, parse_notices, read_notice, render_csv
from xzjd.cli import main
from xzjd.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "tools" / "notices"
CN_CSV = resources.files("xzjd").joinpath("data", "cn.csv").read_text(encoding="utf-8")
TITLE_2026 = "国务院办公厅关于2026年部分节假日安排的通知"
D = dt.date


def _notice_files() -> list[Path]:
    if not NOTICES.is_dir():  # pragma: no cover - running from an sdist without tools/
        pytest.skip("tools/notices not present")
    return [NOTICES / f"{year}.txt" for year in range(2004, 2027)]


def _rows(days: list[CalendarDay]) -> list[tuple[str, str, str | None]]:
    """(date, rest|work, holiday) of each day, for compact expectations."""
    return [(d.date.isoformat(), "work" if d.working else "rest", d.holiday_zh) for d in days]


def _rest(first: str, last: str, name: str) -> list[tuple[str, str, str | None]]:
    a, b = D.fromisoformat(first), D.fromisoformat(last)
    return [((a + dt.timedelta(n)).isoformat(), "rest", name) for n in range((b - a).days + 1)]


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        notice_days(text, file="n.txt")
    return info.value


# ----------------------------------------------------------------------------- the 23 notices


class TestPublishedNotices:
    def test_the_notices_regenerate_cn_csv(self) -> None:
        """The 23 notice texts, read in order, give every row of cn.csv, in order, exactly."""
        days: dict[dt.date, CalendarDay] = {}
        for path in _notice_files():
            for day in read_notice(path):
                days[day.date] = day
        assert render_csv(days[d] for d in sorted(days)) == CN_CSV

    def test_2026_notice_alone_gives_2026(self) -> None:
        """The 2026 notice by itself reproduces 2026's rows of cn.csv, notice column included."""
        lines = CN_CSV.splitlines(keepends=True)
        expected = lines[0] + "".join(line for line in lines[1:] if line.startswith("2026-"))
        assert render_csv(read_notice(_notice_files()[-1])) == expected

    def test_each_file_arranges_its_year(self) -> None:
        """The first notice of YYYY.txt is the notice for YYYY; the special notices follow it."""
        for path in _notice_files():
            notices = parse_notices(path.read_text(encoding="utf-8"), file=str(path))
            assert notices[0].year == int(path.stem)
            assert notices[0].title == f"国务院办公厅关于{path.stem}年部分节假日安排的通知"
            assert all(n.year == notices[0].year for n in notices)

    def test_numbers_as_cited(self) -> None:
        """The document numbers read from the texts: 2004, 2005 and 2008 have none."""
        numbers = {}
        for path in _notice_files():
            text = path.read_text(encoding="utf-8")
            numbers[int(path.stem)] = [n.number for n in parse_notices(text)]
        assert numbers[2004] == numbers[2005] == numbers[2008] == [None]
        assert numbers[2006] == ["国办发明电〔2005〕35号"]
        assert numbers[2015] == ["国办发明电〔2014〕28号", "国发明电〔2015〕1号"]
        assert numbers[2019] == ["国办发明电〔2018〕15号", "国办发明电〔2019〕3号"]
        assert numbers[2020] == ["国办发明电〔2019〕16号", "国办发明电〔2020〕1号"]
        assert numbers[2026] == ["国办发明电〔2025〕7号"]

    def test_reconstructed_files_say_so(self) -> None:
        """2004 and 2005 start with the reconstruction line; every other file names a source."""
        for path in _notice_files():
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if path.stem in ("2004", "2005"):
                assert (
                    first == "# reconstructed from the transcription: original text not available"
                )
            else:
                assert first.startswith(("# Source: http", "# Sources: http")), path


# ----------------------------------------------------------------------------- wordings


class TestWordings:
    def test_modern_item_with_zhou_weekdays(self) -> None:
        """元旦 2026: 1-3 January off (Thursday to Saturday), Sunday 4 January worked."""
        days = notice_days(
            f"{TITLE_2026}\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
        )
        assert _rows(days) == [
            *_rest("2026-01-01", "2026-01-03", "元旦"),
            ("2026-01-04", "work", "元旦"),
        ]
        assert days[0].holiday_en == "New Year's Day"
        assert days[0].notice == TITLE_2026

    def test_half_width_punctuation_and_xingqi(self) -> None:
        """Half-width colon, commas and brackets, 星期X: 2015-02-15 is a Sunday (1 January a
        Thursday, +45 days = 6 weeks + 3 days), 2015-02-28 a Saturday (13 days later)."""
        days = notice_days(
            "国务院办公厅关于2015年部分节假日安排的通知\n"
            "二、春节:2月17日至23日放假调休,共7天。2月15日(星期日)、2月28日(星期六)上班。"
        )
        assert _rows(days) == [
            ("2015-02-15", "work", "春节"),
            *_rest("2015-02-17", "2015-02-23", "春节"),
            ("2015-02-28", "work", "春节"),
        ]

    def test_heading_without_item_number(self) -> None:
        """``春节：…`` without ``二、`` is a holiday line too."""
        days = notice_days(
            "国务院办公厅关于2015年部分节假日安排的通知\n春节：2月17日至23日放假调休，共7天。"
        )
        assert _rows(days) == _rest("2015-02-17", "2015-02-23", "春节")

    def test_range_across_months(self) -> None:
        """2023: 9月29日至10月6日, 8 days; 1 October a Sunday, so 7 and 8 October are the
        following Saturday and Sunday."""
        days = notice_days(
            "国务院办公厅关于2023年部分节假日安排的通知\n"
            "六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"
        )
        assert _rows(days) == [
            *_rest("2023-09-29", "2023-10-06", "中秋节、国庆节"),
            ("2023-10-07", "work", "中秋节、国庆节"),
            ("2023-10-08", "work", "中秋节、国庆节"),
        ]
        assert days[0].holiday_en == "Mid-Autumn Festival and National Day"

    def test_range_across_years_with_years(self) -> None:
        """``2026年12月31日至2027年1月2日``: three days in two years."""
        days = notice_days(
            "国务院办公厅关于2027年部分节假日安排的通知\n"
            "一、元旦：2026年12月31日至2027年1月2日放假，共3天。"
        )
        assert _rows(days) == _rest("2026-12-31", "2027-01-02", "元旦")

    def test_range_across_years_without_years(self) -> None:
        """In the 元旦 item of the 2019 notice a December date is in 2018: 2019-01-01 is a
        Tuesday, so 2018-12-29 is the Saturday before."""
        days = notice_days(
            "国务院办公厅关于2019年部分节假日安排的通知\n"
            "一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。"
        )
        assert _rows(days) == [
            ("2018-12-29", "work", "元旦"),
            *_rest("2018-12-30", "2019-01-01", "元旦"),
        ]

    def test_joined_with_the_weekend_before(self) -> None:
        """2018: 1 January is a Monday; 与周末连休 adds Saturday 30 and Sunday 31 December 2017."""
        days = notice_days(
            "国务院办公厅关于2018年部分节假日安排的通知\n一、元旦：1月1日放假，与周末连休。"
        )
        assert _rows(days) == _rest("2017-12-30", "2018-01-01", "元旦")

    def test_day_off_and_made_up_day(self) -> None:
        """2014: 清明 on Saturday 5 April, made up on Monday 7 April; the Sunday between is off."""
        days = notice_days(
            "国务院办公厅关于2014年部分节假日安排的通知\n"
            "三、清明节：4月5日放假，4月7日（星期一）补休。"
        )
        assert _rows(days) == _rest("2014-04-05", "2014-04-07", "清明节")

    def test_joined_with_mid_autumn(self) -> None:
        """与中秋节连休 makes the period the joint Mid-Autumn and National Day holiday; 2020-10-01
        is a Thursday, so 27 September is a Sunday."""
        days = notice_days(
            "国务院办公厅关于2020年部分节假日安排的通知\n"
            "七、国庆节：10月1日至8日放假调休，共8天，与中秋节连休。9月27日（星期日）上班。"
        )
        assert _rows(days) == [
            ("2020-09-27", "work", "中秋节、国庆节"),
            *_rest("2020-10-01", "2020-10-08", "中秋节、国庆节"),
        ]

    def test_old_wording_moved_weekend_is_worked(self) -> None:
        """2008 as printed in some copies, without a 上班 sentence: the weekend 27-28 September,
        moved to 29-30 September, is worked (2008-10-01 a Wednesday, so 27 September a
        Saturday and 4 October a Saturday)."""
        days = notice_days(
            "国务院办公厅关于2008年部分节假日安排的通知\n"
            "七、国庆节：9月29日—10月5日放假，共7天。\n"
            "其中，10月1日、2日、3日为法定节假日，9月27日（星期六）、9月28日（星期日）两个公休日"
            "调至9月29日（星期一）、30日（星期二），10月4日（星期六）、5日（星期日）照常公休。"
        )
        assert _rows(days) == [
            ("2008-09-27", "work", "国庆节"),
            ("2008-09-28", "work", "国庆节"),
            *_rest("2008-09-29", "2008-10-05", "国庆节"),
        ]

    def test_old_wording_days_without_month(self) -> None:
        """2006: ``其中，29日、30日、31日`` are the January days of the 1月29日—2月4日 period;
        ``2日、3日`` follow 2月1日. 2006-01-01 was a Sunday, so 28 January a Saturday and
        5 February a Sunday."""
        days = notice_days(
            "国务院办公厅关于2006年部分节假日安排的通知\n"
            "二、春节：1月29日—2月4日（即农历大年初一至初七）放假，共7天。其中，29日、30日、31日为"
            "法定假日，将1月28日（星期六）、29日（星期日）、2月5日（星期日）三个公休日调至2月1日"
            "（星期三）、2日（星期四）、3日（星期五），2月4日（星期六）照常公休，1月28日、2月5日上班。"
        )
        assert _rows(days) == [
            ("2006-01-28", "work", "春节"),
            *_rest("2006-01-29", "2006-02-04", "春节"),
            ("2006-02-05", "work", "春节"),
        ]

    def test_old_wording_quoted_names_and_counts_in_words(self) -> None:
        """``“五一”`` is Labour Day; ``共三天`` is a count in words. 2007-01-01 was a Monday, so
        2006-12-30 and 31 were a Saturday and a Sunday."""
        days = notice_days(
            "国务院办公厅关于2007年部分节假日安排的通知\n"
            "一、元旦： 1月1日－3日放假，共三天。其中1月1日为法定假日，将2006年12月30日（星期六）、"
            "31日（星期日）两个公休日分别调至2007年1月2日、3日，2006年12月30日（星期六）、"
            "12月31日（星期日）上班。\n"
            "三、“五一”：5月1日—7日放假，共7天。4月28日、29日上班。"
        )
        assert _rows(days) == [
            ("2006-12-30", "work", "元旦"),
            ("2006-12-31", "work", "元旦"),
            *_rest("2007-01-01", "2007-01-03", "元旦"),
            ("2007-04-28", "work", "劳动节"),
            ("2007-04-29", "work", "劳动节"),
            *_rest("2007-05-01", "2007-05-07", "劳动节"),
        ]

    def test_heading_without_colon_and_heading_on_its_own_line(self) -> None:
        """``三、清明节4月4日至6日放假`` (no colon) and ``一、元旦：`` with its dates on the next
        line both read."""
        days = notice_days(
            "国务院办公厅关于2009年部分节假日安排的通知\n"
            "一、元旦：\n"
            "1月1日至3日放假，共3天。\n"
            "三、清明节4月4日至6日放假，共3天。"
        )
        assert _rows(days) == [
            *_rest("2009-01-01", "2009-01-03", "元旦"),
            *_rest("2009-04-04", "2009-04-06", "清明节"),
        ]

    def test_title_over_lines_number_with_spaces_and_dateline(self) -> None:
        """A title printed over two lines, a number with spaces, a news dateline before a title."""
        (first,) = parse_notices(
            "国务院办公厅关于2026年\n部分节假日安排的通知\n国 办 发明电〔2025〕7号\n"
            "四、劳动节：5月1日至5日放假调休，共5天。"
        )
        assert (first.title, first.number, first.year) == (
            TITLE_2026,
            "国办发明电〔2025〕7号",
            2026,
        )
        assert first.name == f"国办发明电〔2025〕7号 {TITLE_2026}"
        (second,) = parse_notices(
            f"新华社北京11月4日电 {TITLE_2026}，全文如下：\n"
            "四、劳动节：5月1日至5日放假调休，共5天。"
        )
        assert (second.title, second.number, second.name) == (TITLE_2026, None, TITLE_2026)

    def test_special_notice_year_from_number_and_holiday_from_title(self) -> None:
        """The 2015 Victory Day notice: no year in the title (the number gives 2015), no
        heading (the title names the day). 2015-09-03 is a Thursday, 6 September a Sunday."""
        (notice,) = parse_notices(
            "国务院关于中国人民抗日战争暨\n世界反法西斯战争胜利70周年纪念日\n调休放假的通知\n"
            "国发明电〔2015〕1号\n"
            "2015年是中国人民抗日战争暨世界反法西斯战争胜利70周年。为方便公众安排假日期间生产生活，"
            "特作如下调休：9月3日至5日调休放假，共3天。其中9月3日（星期四）放假，9月4日（星期五）"
            "调休，9月6日（星期日）上班。\n国务院\n2015年5月13日"
        )
        assert notice.year == 2015
        assert _rows(list(notice.days)) == [
            *_rest("2015-09-03", "2015-09-05", "抗战胜利70周年纪念日"),
            ("2015-09-06", "work", "抗战胜利70周年纪念日"),
        ]
        assert (
            notice.days[0].holiday_en == "70th Anniversary of the Victory of the War of Resistance"
        )

    def test_later_notice_replaces_earlier_days(self) -> None:
        """The 2019 change: 1 May (first a single day) becomes 1-4 May, with Sundays 28 April and
        5 May worked (2019-05-01 a Wednesday); every Labour Day row names the change."""
        change = "国办发明电〔2019〕3号 国务院办公厅关于调整2019年劳动节假期安排的通知"
        days = notice_days(
            "国务院办公厅关于2019年部分节假日安排的通知\n四、劳动节：5月1日放假。\n\n"
            "国务院办公厅关于调整2019年劳动节假期安排的通知\n国办发明电〔2019〕3号\n"
            "一、2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。\n"
            "三、劳动节期间，要妥善安排好值班和安全、保卫等工作。"
        )
        assert _rows(days) == [
            ("2019-04-28", "work", "劳动节"),
            *_rest("2019-05-01", "2019-05-04", "劳动节"),
            ("2019-05-05", "work", "劳动节"),
        ]
        assert {d.notice for d in days} == {change}

    def test_extension_after_the_year_notice(self) -> None:
        """2020: Spring Festival 24-30 January, then extended to Sunday 2 February; Saturday
        1 February, first a working day, becomes a rest day."""
        days = notice_days(
            "国务院办公厅关于2020年部分节假日安排的通知\n"
            "二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。\n"
            "国务院办公厅关于延长2020年春节假期的通知\n"
            "一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。"
        )
        assert _rows(days) == [
            ("2020-01-19", "work", "春节"),
            *_rest("2020-01-24", "2020-02-02", "春节"),
        ]
        assert days[-1].notice == "国务院办公厅关于延长2020年春节假期的通知"

    def test_extension_alone_uses_the_base(self) -> None:
        """The extension notice alone finds the period it extends in the built-in calendar,
        which already holds the extension's own rows (they are not taken for the period)."""
        text = (
            "国务院办公厅关于延长2020年春节假期的通知\n国办发明电〔2020〕1号\n"
            "一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。"
        )
        days = notice_days(text, base=builtin().days)
        assert _rows(days) == _rest("2020-01-31", "2020-02-02", "春节")

    def test_paragraphs_that_arrange_nothing_are_skipped(self) -> None:
        """Comments, addressees, preamble, an encouragement sentence, duties and signature."""
        days = notice_days(
            "# a comment\n"
            "国务院办公厅关于2024年部分节假日安排的通知\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
            "经国务院批准，现将2024年元旦、春节……放假调休日期的具体安排通知如下。\n"
            "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
            "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。\n"
            "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。\n"
            "国务院办公厅\n2023年10月25日\n"
        )
        assert _rows(days) == [
            ("2024-02-04", "work", "春节"),
            *_rest("2024-02-10", "2024-02-17", "春节"),
            ("2024-02-18", "work", "春节"),
        ]

    def test_items_on_one_line(self) -> None:
        """A copy that runs the items together on one line is split before each item number."""
        days = notice_days(
            f"{TITLE_2026}\n经国务院批准，现将……通知如下。一、元旦：1月1日至3日放假调休，共3天。"
            "三、清明节：4月4日至6日放假，共3天。"
        )
        assert _rows(days) == [
            *_rest("2026-01-01", "2026-01-03", "元旦"),
            *_rest("2026-04-04", "2026-04-06", "清明节"),
        ]

    def test_notice_result(self) -> None:
        """parse_notices gives Notice objects with sorted CalendarDay rows."""
        (notice,) = parse_notices(
            f"{TITLE_2026}\n五、端午节：6月19日（周五）至21日（周日）放假，共3天。"
        )
        assert isinstance(notice, Notice)
        assert notice.days == tuple(
            CalendarDay(
                date=D(2026, 6, 19 + n),
                working=False,
                holiday_zh="端午节",
                holiday_en="Dragon Boat Festival",
                notice=TITLE_2026,
            )
            for n in range(3)
        )


# ----------------------------------------------------------------------------- errors


class TestErrors:
    def test_weekday_mismatch_is_positioned_under_full_width_text(self) -> None:
        """2026-01-01 is a Thursday, not 周五: line 2, column 11 (characters), and the caret
        under the 4 display cells of 周五 after 18 cells of 一、元旦：1月1日（."""
        err = _error(f"{TITLE_2026}\n一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。")
        (diag,) = err.diagnostics
        assert diag.code == "notice/weekday"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 11)
        lines = diag.render().splitlines()
        assert lines[0].startswith("n.txt:2:11: error[notice/weekday]: 2026-01-01 is a Thursday")
        assert lines[2] == " " * 6 + "| " + " " * 18 + "^^^^"
        assert lines[3].startswith("hint: ")

    def test_weekday_mismatch_half_width(self) -> None:
        """The same mistake with half-width punctuation: still column 11, but the caret after 16
        cells (the colon and the bracket take one cell each)."""
        err = _error(f"{TITLE_2026}\n一、元旦:1月1日(周五)至3日(周六)放假调休,共3天。")
        (diag,) = err.diagnostics
        assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 11)
        assert diag.render().splitlines()[2] == " " * 6 + "| " + " " * 16 + "^^^^"

    def test_unreadable_text_in_an_item(self) -> None:
        """Text that is no known clause is an error pointing at it (column 22: 大家开心)."""
        (diag,) = _error(
            f"{TITLE_2026}\n一、元旦：1月1日至3日放假调休，共3天，大家开心。"
        ).diagnostics
        assert diag.code == "notice/unreadable"
        assert diag.span is not None and (diag.span.column, diag.span.end_column) == (22, 26)
        assert diag.message_zh is not None and "大家开心" in diag.message_zh

    def test_unknown_note_after_a_date(self) -> None:
        (diag,) = _error(f"{TITLE_2026}\n一、元旦：1月1日（晴）放假。").diagnostics
        assert diag.code == "notice/unreadable"
        assert "晴" in diag.message

    def test_count_disagrees(self) -> None:
        """1 to 3 January is 3 days, not 4."""
        (diag,) = _error(f"{TITLE_2026}\n一、元旦：1月1日至3日放假调休，共4天。").diagnostics
        assert diag.code == "notice/count"
        assert "3 days" in diag.message

    def test_unknown_holiday(self) -> None:
        (diag,) = _error(f"{TITLE_2026}\n八、重阳节：10月18日放假。").diagnostics
        assert diag.code == "notice/unknown-holiday"
        assert diag.span is not None and (diag.span.column, diag.span.end_column) == (3, 6)

    def test_working_day_on_a_weekday(self) -> None:
        """2026-10-09 is a Friday (1 October a Thursday): it cannot be a make-up working day."""
        (diag,) = _error(
            f"{TITLE_2026}\n七、国庆节：10月1日至7日放假调休，共7天。10月9日上班。"
        ).diagnostics
        assert diag.code == "notice/not-weekend"

    def test_day_both_off_and_worked(self) -> None:
        """Saturday 3 October 2026 lies in the holiday and cannot be worked too."""
        (diag,) = _error(
            f"{TITLE_2026}\n七、国庆节：10月1日至7日放假调休，共7天。10月3日（周六）上班。"
        ).diagnostics
        assert diag.code == "notice/conflict"

    def test_gap_in_a_holiday(self) -> None:
        """2 April and 6 April 2026 (Thursday, Monday) leave out Friday 3 April."""
        (diag,) = _error(f"{TITLE_2026}\n三、清明节：4月2日放假，4月6日（周一）补休。").diagnostics
        assert diag.code == "notice/gap"

    def test_no_weekend_to_join(self) -> None:
        """Wednesday 8 April 2026 has no weekend next to it."""
        (diag,) = _error(f"{TITLE_2026}\n三、清明节：4月8日放假，与周末连休。").diagnostics
        assert diag.code == "notice/no-weekend"

    def test_day_without_month_and_impossible_date(self) -> None:
        assert _error(f"{TITLE_2026}\n二、春节：15日至23日放假。").code == "notice/no-month"
        assert _error(f"{TITLE_2026}\n二、春节：2月30日放假。").code == "notice/bad-date"

    def test_item_before_title_and_text_without_notice(self) -> None:
        err = _error("一、元旦：1月1日放假。")
        assert err.code == "notice/no-title"
        assert err.span is not None and err.span.line == 1
        assert _error("hello").code == "notice/no-title"
        assert _error(f"{TITLE_2026}\n各省、自治区、直辖市人民政府：").code == "notice/no-holidays"

    def test_extension_without_the_period(self) -> None:
        err = _error(
            "国务院办公厅关于延长2026年春节假期的通知\n一、延长2026年春节假期至2月25日（星期三）。"
        )
        assert err.code == "notice/extension"

    def test_moved_days_do_not_match(self) -> None:
        """Two weekend days moved to one day, and 三个 with two days named, are errors
        (2008-02-02 a Saturday: 1 January 2008 a Tuesday, +32 days)."""
        head = "国务院办公厅关于2008年部分节假日安排的通知\n二、春节：2月6日—12日放假，共7天。"
        err = _error(head + "将2月2日（星期六）、2月3日（星期日）两个公休日调至2月11日（星期一）。")
        assert err.code == "notice/count"
        err = _error(head + "将2月2日（星期六）、2月3日（星期日）三个公休日调至2月11日、12日。")
        assert err.code == "notice/count"
        assert "says 3 weekend days" in err.diagnostics[0].message

    def test_work_resumes_on_the_wrong_day(self) -> None:
        """The 2020 extension ends on Sunday 2 February: work resumes on Monday 3 February,
        not Tuesday 4 February."""
        err = _error(
            "国务院办公厅关于延长2020年春节假期的通知\n"
            "一、延长2020年春节假期至2月2日（星期日），2月4日（星期二）起正常上班。"
        )
        assert err.code == "notice/extension"  # no earlier period in the text ...
        days = builtin().days
        with pytest.raises(InputError) as info:  # ... and with one, the resumption is wrong
            notice_days(
                "国务院办公厅关于延长2020年春节假期的通知\n"
                "一、延长2020年春节假期至2月2日（星期日），2月4日（星期二）起正常上班。",
                base=days,
            )
        assert info.value.code == "notice/resume"

    def test_every_problem_is_reported(self) -> None:
        """Two bad items give two diagnostics, on their lines."""
        err = _error(
            f"{TITLE_2026}\n一、元旦：1月1日（周五）放假。\n三、清明节：4月4日放假，共9天。"
        )
        assert [(d.code, d.span.line if d.span else 0) for d in err.diagnostics] == [
            ("notice/weekday", 2),
            ("notice/count", 3),
        ]

    def test_unreadable_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError) as info:
            read_notice(tmp_path / "missing.txt")
        assert info.value.code == "notice/unreadable-file"


# ----------------------------------------------------------------------------- CLI

# A test fixture, not a real notice: an invented 2027 notice in the published wording, for
# the day the real one appears. 2027-01-01 is a Friday; 1 February is a Monday (31 days
# later), so 5 and 12 February are Fridays and 14 February a Sunday; 1 October is a Friday
# (273 = 39 weeks after 1 January), 26 September a Sunday and 9 October a Saturday.
FIXTURE_2027 = """\
# TEST FIXTURE - an invented notice, not the State Council's
国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（周五）放假调休，共8天。2月14日（周日）上班。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
2026年11月1日
"""


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["calendar", "import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestCalendarImport:
    def test_prints_the_rows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``xzjd calendar import 2026.txt`` prints 2026's rows of cn.csv with the header."""
        path = _notice_files()[-1]
        code, out, err = _cli(capsys, str(path))
        assert (code, err) == (0, "")
        assert out == render_csv(read_notice(path))
        assert out.splitlines()[0] == "date,type,holiday_zh,holiday_en,notice"
        assert out.splitlines()[1] == (
            "2026-01-01,rest,元旦,New Year's Day,国办发明电〔2025〕7号 " + TITLE_2026
        )

    def test_output_file_loads_over_cn(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The fixture's rows, written with -o, load over cn: the days are as the text says."""
        notice = tmp_path / "2027.txt"
        notice.write_text(FIXTURE_2027, encoding="utf-8")
        out_csv = tmp_path / "cn-2027.csv"
        code, out, err = _cli(capsys, str(notice), "-o", str(out_csv))
        assert (code, out, err) == (0, "", "")
        cal = Calendar.from_file(out_csv, base=builtin())
        assert 2027 in cal.years and 2026 in cal.years
        assert cal.is_rest_day(D(2027, 1, 1)) and cal.is_rest_day(D(2027, 1, 3))
        assert cal.is_rest_day(D(2027, 2, 8))  # a Monday inside Spring Festival
        assert cal.day_info(D(2027, 2, 8)).kind is DayKind.HOLIDAY
        assert cal.is_working_day(D(2027, 2, 14))  # the Sunday worked
        assert cal.day_info(D(2027, 2, 14)).kind is DayKind.MAKEUP
        assert cal.is_working_day(D(2027, 9, 26)) and cal.is_working_day(D(2027, 10, 9))
        assert cal.is_rest_day(D(2027, 10, 4))  # Monday in National Day
        assert cal.is_working_day(D(2027, 3, 1))  # an ordinary Monday
        assert cal.is_rest_day(D(2027, 3, 6))  # an ordinary Saturday
        # Thursday 31 December 2026 -> Friday 1 to Sunday 3 January off -> Monday 4 January.
        assert cal.next_working_day(D(2026, 12, 31)) == D(2027, 1, 4)
        assert cal.is_rest_day(D(2026, 10, 1))  # cn's own days are still there
        info = cal.day_info(D(2027, 10, 1))
        assert (info.holiday_zh, info.holiday_en) == ("国庆节", "National Day")

    def test_extension_notice_alone(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The 2020 extension notice by itself: the built-in calendar gives the period."""
        path = tmp_path / "ext.txt"
        path.write_text(
            "国务院办公厅关于延长2020年春节假期的通知\n国办发明电〔2020〕1号\n"
            "一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。\n",
            encoding="utf-8",
        )
        code, out, _ = _cli(capsys, str(path))
        assert code == 0
        expected = [line for line in CN_CSV.splitlines() if "〔2020〕1号" in line]
        assert out.splitlines()[1:] == expected

    def test_bad_text_exits_2_with_a_positioned_message(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "bad.txt"
        path.write_text(
            FIXTURE_2027.replace("2月14日（周日）", "2月14日（周六）"), encoding="utf-8"
        )
        code, out, err = _cli(capsys, str(path))
        assert (code, out) == (2, "")
        assert err.startswith(f"{path}:6:")
        assert "error[notice/weekday]" in err
        assert "^^^^" in err and "hint:" in err

    def test_missing_file_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, out, err = _cli(capsys, str(tmp_path / "none.txt"))
        assert (code, out) == (2, "")
        assert "error[notice/unreadable-file]" in err

    def test_calendar_needs_a_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["calendar"]) == 2
        assert "COMMAND" in capsys.readouterr().err
