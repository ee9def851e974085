# SPDX-License-Identifier: MIT
"""Schedules unrolled into periods (language.md sections 2-4).

Every expected date below is worked out by hand from the calendar. The 2010 dates follow the
General Office of the State Council's notice on the 2010 holiday arrangements
(国办发明电〔2009〕27号, 7 December 2009):

- New Year: Jan 1-3 rest.
- Spring Festival: Feb 13-19 rest; Sat Feb 20 and Sun Feb 21 are make-up working days.
- Qingming: Apr 3-5 rest.  Labour Day: May 1-3 rest.
- Dragon Boat: Jun 14-16 rest; Sat Jun 12 and Sun Jun 13 are make-up working days.
- Mid-Autumn: Sep 22-24 rest; Sun Sep 19 and Sat Sep 25 are make-up working days.
- National Day: Oct 1-7 rest; Sun Sep 26 and Sat Oct 9 are make-up working days.

Weekdays of 2010: Jan 1 is a Friday, so Feb 27 is a Saturday, Oct 31 a Sunday, Sep 22 a
Wednesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xzjd.calendar import Calendar, builtin
from xzjd.errors import CalendarError, EvaluationError
from xzjd.model import (
    AfterEvent,
    Chained,
    During,
    EachMonth,
    HalfYearly,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    RestDayPolicy,
    Ruleset,
    Schedule,
    Unit,
    Yearly,
)
from xzjd.periods import Period, Unroller, compile_schedule
from xzjd.periods.explain import explain_period

D = dt.date
EFFECTIVE = D(2010, 1, 22)  # the Yunnan measures take effect on 2010-01-22


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return builtin("cn")


def unroll(
    schedule: Schedule,
    cal: Calendar,
    *,
    effective: dt.date | None = EFFECTIVE,
    policy: RestDayPolicy = RestDayPolicy.MOVE,
    others: tuple[Obligation, ...] = (),
) -> Unroller:
    ob = Obligation(id="duty", schedule=schedule)
    rs = Ruleset(effective=effective, rest_days=policy, obligations=(ob, *others))
    return compile_schedule(rs, ob, cal)


def nominal_and_due(periods: list[Period]) -> list[tuple[str, dt.date, dt.date]]:
    return [(p.label, p.nominal_due, p.due) for p in periods]


class TestDoneWhen:
    """The examples the issue names."""

    def test_even_month_february_moves_to_march_1(self, cal: Calendar) -> None:
        """The Feb 2010 bi-monthly deadline moves over the weekend to Monday 2010-03-01."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal)
        p = u.by_label("2010-B1")
        assert p is not None
        # Feb 28 2010 is a Sunday (rest); Mar 1 is a Monday.
        assert (p.nominal_due, p.due, p.closes) == (D(2010, 2, 28), D(2010, 3, 1), D(2010, 3, 1))

    def test_even_month_october_moves_to_november_1(self, cal: Calendar) -> None:
        """The Oct 2010 deadline (Sunday Oct 31) moves to Monday 2010-11-01."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal)
        p = u.by_label("2010-B5")
        assert p is not None
        assert (p.nominal_due, p.due) == (D(2010, 10, 31), D(2010, 11, 1))

    def test_22nd_of_september_2010_moves_over_mid_autumn(self, cal: Calendar) -> None:
        """Sep 22-24 are the Mid-Autumn holiday and Sat Sep 25 a make-up day: due 2010-09-25."""
        u = unroll(EachMonth(day=22), cal)
        p = u.by_label("2010-09")
        assert p is not None
        assert (p.nominal_due, p.due) == (D(2010, 9, 22), D(2010, 9, 25))

    def test_15th_of_february_2010_moves_over_spring_festival(self, cal: Calendar) -> None:
        """Feb 13-19 are the Spring Festival and Sat Feb 20 a make-up day: due 2010-02-20."""
        u = unroll(EachMonth(day=15), cal)
        p = u.by_label("2010-02")
        assert p is not None
        assert (p.nominal_due, p.due) == (D(2010, 2, 15), D(2010, 2, 20))

    def test_10_working_days_after_2010_09_17(self, cal: Calendar) -> None:
        """10 working days after Fri 2010-09-17 end on 2010-10-08."""
        # Sun 19 (make-up) 1, Mon 20 2, Tue 21 3, [22-24 rest], Sat 25 (make-up) 4,
        # Sun 26 (make-up) 5, 27 6, 28 7, 29 8, 30 9, [Oct 1-7 rest], Fri Oct 8 10.
        u = unroll(AfterEvent(event="finding", count=10, unit=Unit.WORKING_DAYS), cal)
        (p,) = u.for_events([("f-1", D(2010, 9, 17))])
        assert (p.label, p.event, p.opens) == ("f-1", "f-1", D(2010, 9, 17))
        assert (p.nominal_due, p.due) == (D(2010, 10, 8), D(2010, 10, 8))


class TestLabels:
    """Period labels per schedule form."""

    def test_even_month_labels(self, cal: Calendar) -> None:
        """Even months are B1 (February) to B6 (December)."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal)
        periods = u.between(D(2010, 1, 1), D(2010, 12, 31))
        assert [(p.label, p.nominal_due.month) for p in periods] == [
            ("2010-B1", 2),
            ("2010-B2", 4),
            ("2010-B3", 6),
            ("2010-B4", 8),
            ("2010-B5", 10),
            ("2010-B6", 12),
        ]

    def test_odd_month_labels(self, cal: Calendar) -> None:
        """Odd months are B1 (January) to B6 (November)."""
        u = unroll(MonthParity(parity=Parity.ODD), cal)
        p = u.by_label("2010-B1")
        assert p is not None
        # Jan 31 2010 is a Sunday, so the deadline moves to Monday Feb 1.
        assert (p.nominal_due, p.due) == (D(2010, 1, 31), D(2010, 2, 1))
        p6 = u.by_label("2010-B6")
        assert p6 is not None and p6.nominal_due == D(2010, 11, 30)

    def test_quarter_labels(self, cal: Calendar) -> None:
        """Quarters end Mar 31, Jun 30, Sep 30 and Dec 31."""
        u = unroll(Quarterly(), cal)
        assert [(p.label, p.nominal_due) for p in u.between(D(2010, 1, 1), D(2010, 12, 31))] == [
            ("2010-Q1", D(2010, 3, 31)),
            ("2010-Q2", D(2010, 6, 30)),
            ("2010-Q3", D(2010, 9, 30)),
            ("2010-Q4", D(2010, 12, 31)),
        ]

    def test_half_year_labels(self, cal: Calendar) -> None:
        """Half years end Jun 30 (H1) and Dec 31 (H2)."""
        u = unroll(HalfYearly(), cal)
        # 2011-H1's window opens on 2011-01-01, so it is left out by an end of Dec 31.
        assert [(p.label, p.nominal_due) for p in u.between(D(2010, 1, 1), D(2010, 12, 31))] == [
            ("2010-H1", D(2010, 6, 30)),
            ("2010-H2", D(2010, 12, 31)),
        ]

    def test_yearly_one_date_label_is_the_year(self, cal: Calendar) -> None:
        """`by April 1 each year` is labelled by the year; Apr 1 2010 is a Thursday."""
        u = unroll(Yearly(dates=(MonthDay(4, 1),)), cal)
        p = u.by_label("2010")
        assert p is not None and (p.nominal_due, p.due) == (D(2010, 4, 1), D(2010, 4, 1))
        assert u.by_label("2010-04") is None

    def test_yearly_two_dates_label_is_the_month(self, cal: Calendar) -> None:
        """`by the end of June and November each year` is labelled YYYY-MM."""
        u = unroll(Yearly(dates=(MonthDay(11), MonthDay(6))), cal)
        # 2012-06's window opens on 2011-12-01, after the end of this range.
        labels = [p.label for p in u.between(D(2010, 1, 1), D(2011, 11, 30))]
        assert labels == ["2010-06", "2010-11", "2011-06", "2011-11"]
        assert u.by_label("2010-07") is None
        assert u.by_label("2010") is None

    def test_monthly_label(self, cal: Calendar) -> None:
        """Monthly periods are labelled by the deadline's month."""
        u = unroll(EachMonth(day=10), cal)
        p = u.by_label("2010-03")
        assert p is not None and p.nominal_due == D(2010, 3, 10)

    def test_once_and_during_label(self, cal: Calendar) -> None:
        """One-off and `during` schedules have the single label `once`."""
        for schedule in (Once(year=2010, month=3, day=31), During(year=2010, month=7)):
            u = unroll(schedule, cal)
            p = u.by_label("once")
            assert p is not None and p.label == "once"
            assert u.by_label("2010") is None

    @pytest.mark.parametrize("label", ["", "2010-13", "2010-B7", "2010-Q5", "2010-H3", "10-01"])
    def test_malformed_labels_find_nothing(self, cal: Calendar, label: str) -> None:
        """A label the schedule cannot produce finds no period."""
        for schedule in (EachMonth(day=1), MonthParity(parity=Parity.EVEN), Quarterly()):
            assert unroll(schedule, cal).by_label(label) is None


class TestWindows:
    """Windows open the day after the previous nominal deadline."""

    def test_first_window_opens_on_effective(self, cal: Calendar) -> None:
        """The first bi-monthly window opens on 2010-01-22 and the next on Mar 1."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal)
        b1, b2 = u.between(D(2010, 1, 1), D(2010, 3, 31))
        assert b1.opens == EFFECTIVE
        # The day after the NOMINAL deadline Feb 28, although B1 is due on Mar 1.
        assert b2.opens == D(2010, 3, 1)

    def test_first_period_is_first_nominal_on_or_after_effective(self, cal: Calendar) -> None:
        """Jan 10 2010 is before the effective date, so the first monthly period is 2010-02."""
        u = unroll(EachMonth(day=10), cal)
        assert u.by_label("2010-01") is None
        first = u.first()
        assert first is not None and first.label == "2010-02"
        assert (first.opens, first.nominal_due) == (EFFECTIVE, D(2010, 2, 10))

    def test_deadline_on_effective_day_is_first(self, cal: Calendar) -> None:
        """A nominal deadline on the effective day itself is the first period."""
        u = unroll(EachMonth(day=22), cal)
        first = u.first()
        # Jan 22 2010 is a Friday.
        assert first is not None and first.label == "2010-01"
        assert (first.opens, first.due) == (EFFECTIVE, EFFECTIVE)

    def test_containing(self, cal: Calendar) -> None:
        """A day belongs to the period whose window [opens, nominal_due] holds it."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal)
        assert u.containing(D(2010, 1, 21)) is None  # before effective
        p = u.containing(EFFECTIVE)
        assert p is not None and p.label == "2010-B1"
        p = u.containing(D(2010, 2, 28))
        assert p is not None and p.label == "2010-B1"
        # Mar 1 is B1's moved deadline but already in B2's window.
        p = u.containing(D(2010, 3, 1))
        assert p is not None and p.label == "2010-B2"

    def test_between_is_inclusive_of_both_ends(self, cal: Calendar) -> None:
        """between() keeps windows opening on `end` and deadlines on `start`."""
        u = unroll(Quarterly(), cal)
        # Q2's window is Apr 1 - Jun 30; Q3's opens on Jul 1.
        labels = [p.label for p in u.between(D(2010, 6, 30), D(2010, 7, 1))]
        assert labels == ["2010-Q2", "2010-Q3"]
        assert [p.label for p in u.between(D(2010, 7, 1), D(2010, 7, 1))] == ["2010-Q3"]

    def test_between_from_the_beginning_of_time(self, cal: Calendar) -> None:
        """between(date.min, d) lists every period opened by d, for every form."""
        bi = Obligation(id="bi", schedule=MonthParity(parity=Parity.EVEN))
        for schedule in (
            EachMonth(day=5),
            MonthParity(parity=Parity.ODD),
            Quarterly(),
            HalfYearly(),
            Yearly(dates=(MonthDay(4, 1),)),
            Once(year=2010, month=6, day=1),
            During(year=2010, month=6),
            Chained(after=("bi",), day=5),
        ):
            u = unroll(schedule, cal, others=(bi,))
            periods = u.between(dt.date.min, D(2010, 6, 1))
            assert periods, schedule
            assert periods[0].opens in (EFFECTIVE, D(2010, 6, 1))
            assert periods[-1].opens <= D(2010, 6, 1)

    def test_periods_are_slotted_and_hashable(self, cal: Calendar) -> None:
        """Periods are small frozen values: no per-instance dict, usable as keys."""
        p = unroll(Quarterly(), cal).by_label("2010-Q2")
        assert p is not None
        assert not hasattr(p, "__dict__")
        assert {p: 1}[unroll(Quarterly(), cal).by_label("2010-Q2")] == 1  # type: ignore[index]

    def test_cached_periods_equal_fresh_ones(self, cal: Calendar) -> None:
        """Repeated and out-of-order queries, past the cache limit, give the same periods."""
        u = unroll(EachMonth(day=31), cal, policy=RestDayPolicy.STAY)
        fresh = unroll(EachMonth(day=31), cal, policy=RestDayPolicy.STAY)
        # 100 years of monthly periods: 1200, more than the cache keeps.
        many = u.between(D(2010, 1, 1), D(2109, 12, 1))
        assert len(many) == 1200
        for p in (many[0], many[600], many[-1]):
            assert u.by_label(p.label) == p == fresh.by_label(p.label)
        # Feb 2100 is not a leap month (2100 is divisible by 100 but not by 400).
        feb = u.by_label("2100-02")
        assert feb is not None and feb.nominal_due == D(2100, 2, 28)
        u.clear_cache()
        assert u.containing(D(2050, 3, 1)) == fresh.containing(D(2050, 3, 1))

    def test_next_after(self, cal: Calendar) -> None:
        """next_after() steps to the following period."""
        u = unroll(HalfYearly(), cal)
        h1 = u.by_label("2010-H1")
        assert h1 is not None
        h2 = u.next_after(h1)
        assert h2 is not None and (h2.label, h2.opens) == ("2010-H2", D(2010, 7, 1))


class TestFromUntil:
    """`from` and `until` years, both inclusive."""

    def test_from_year_opens_on_its_1_january(self, cal: Calendar) -> None:
        """`by April 1 each year from 2011`: the first window is 2011-01-01 to Apr 1."""
        u = unroll(Yearly(dates=(MonthDay(4, 1),), from_year=2011), cal)
        assert u.by_label("2010") is None
        first = u.first()
        # Apr 1 2011 is a Friday.
        assert first is not None and first.label == "2011"
        assert (first.opens, first.due) == (D(2011, 1, 1), D(2011, 4, 1))
        assert u.containing(D(2010, 12, 31)) is None

    def test_from_year_before_effective_uses_effective(self, cal: Calendar) -> None:
        """A `from` year earlier than the effective date leaves `effective` in charge."""
        u = unroll(Quarterly(from_year=2009), cal)
        first = u.first()
        assert first is not None and (first.label, first.opens) == ("2010-Q1", EFFECTIVE)

    def test_until_year_is_inclusive(self, cal: Calendar) -> None:
        """`until 2011` keeps 2011-Q4 and nothing after it."""
        u = unroll(Quarterly(until_year=2011), cal)
        assert u.by_label("2011-Q4") is not None
        assert u.by_label("2012-Q1") is None
        assert [p.label for p in u.between(D(2011, 10, 1), D(2013, 1, 1))] == ["2011-Q4"]
        assert u.containing(D(2012, 1, 1)) is None


class TestMonthEnd:
    """Month ends and February 29."""

    def test_31st_of_each_month_is_the_last_day(self, cal: Calendar) -> None:
        """`by the 31st of each month` means Feb 28 in 2010, Feb 29 in 2012, Apr 30."""
        u = unroll(EachMonth(day=31), cal)
        feb = u.by_label("2010-02")
        assert feb is not None
        # Feb 28 2010 is a Sunday: due Monday Mar 1.
        assert (feb.nominal_due, feb.due) == (D(2010, 2, 28), D(2010, 3, 1))
        feb12 = u.by_label("2012-02")
        # Feb 29 2012 is a Wednesday.
        assert feb12 is not None and (feb12.nominal_due, feb12.due) == (D(2012, 2, 29),) * 2
        apr = u.by_label("2010-04")
        assert apr is not None and apr.nominal_due == D(2010, 4, 30)

    def test_end_of_each_month(self, cal: Calendar) -> None:
        """`by the end of each month` is the month's last day."""
        u = unroll(EachMonth(day=None), cal)
        assert [p.nominal_due for p in u.between(D(2012, 1, 1), D(2012, 3, 1))] == [
            D(2012, 1, 31),
            D(2012, 2, 29),
            D(2012, 3, 31),
        ]

    def test_yearly_february_29(self, cal: Calendar) -> None:
        """`by February 29 each year` is Feb 28 in common years."""
        u = unroll(Yearly(dates=(MonthDay(2, 29),)), cal)
        p11, p12 = u.by_label("2011"), u.by_label("2012")
        # Feb 28 2011 is a Monday; Feb 29 2012 a Wednesday.
        assert p11 is not None and (p11.nominal_due, p11.due) == (D(2011, 2, 28),) * 2
        assert p12 is not None and p12.nominal_due == D(2012, 2, 29)
        assert p12.opens == D(2011, 3, 1)


class TestOneOff:
    """`by <date>` and `during <month>`."""

    def test_once_without_year_uses_effective_year(self, cal: Calendar) -> None:
        """`by the end of March` means 2010-03-31 (a Wednesday) under a 2010 ruleset."""
        u = unroll(Once(year=None, month=3, day=None), cal)
        (p,) = u.between(D(2000, 1, 1), D(2030, 1, 1))
        assert (p.label, p.opens, p.nominal_due, p.due) == (
            "once",
            EFFECTIVE,
            D(2010, 3, 31),
            D(2010, 3, 31),
        )

    def test_once_before_effective_has_no_period(self, cal: Calendar) -> None:
        """A one-off deadline before the effective date gives no period."""
        u = unroll(Once(year=2010, month=1, day=15), cal)
        assert u.between(D(2000, 1, 1), D(2030, 1, 1)) == []
        assert u.by_label("once") is None

    def test_during_window_is_the_month_and_never_moves(self, cal: Calendar) -> None:
        """`during July` is the window Jul 1-31 2010; Sat Jul 31 stays the deadline."""
        u = unroll(During(year=None, month=7), cal)
        p = u.by_label("once")
        assert p is not None
        assert (p.opens, p.nominal_due, p.due, p.closes) == (
            D(2010, 7, 1),
            D(2010, 7, 31),
            D(2010, 7, 31),
            D(2010, 7, 31),
        )
        assert u.containing(D(2010, 6, 30)) is None
        assert u.containing(D(2010, 7, 15)) == p
        assert u.containing(D(2010, 8, 1)) is None

    def test_during_october_stays_on_sunday(self, cal: Calendar) -> None:
        """`during October 2010`: Oct 31 is a Sunday and the deadline still does not move."""
        p = unroll(During(year=2010, month=10), cal).by_label("once")
        assert p is not None and p.due == D(2010, 10, 31)


class TestPolicy:
    """The ruleset's rest-day policy."""

    def test_stay_leaves_rest_day_deadlines(self, cal: Calendar) -> None:
        """With `deadlines on rest days stay`, Sunday Feb 28 2010 stays the deadline."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal, policy=RestDayPolicy.STAY)
        p = u.by_label("2010-B1")
        assert p is not None and (p.due, p.closes) == (D(2010, 2, 28), D(2010, 2, 28))

    def test_stay_needs_no_calendar_data(self, cal: Calendar) -> None:
        """With STAY, far-future periods are computed without calendar data, in closed form."""
        u = unroll(Quarterly(), cal, policy=RestDayPolicy.STAY)
        p = u.containing(D(9000, 5, 5))
        assert p is not None and (p.label, p.opens, p.due) == (
            "9000-Q2",
            D(9000, 4, 1),
            D(9000, 6, 30),
        )

    def test_move_outside_data_is_a_calendar_error(self, cal: Calendar) -> None:
        """Moving a deadline in a year without calendar data raises CalendarError."""
        u = unroll(Quarterly(), cal)
        with pytest.raises(CalendarError):
            u.by_label("2100-Q1")


class TestEvents:
    """`within N days|working days|months after <event>`."""

    def test_days_do_not_count_the_event_day(self, cal: Calendar) -> None:
        """30 days after 2010-09-17 is Sunday Oct 17, moved to Monday Oct 18."""
        # Sep 17 + 13 days = Sep 30; + 17 more = Oct 17 (Oct 1 is a Friday, so the 17th is a
        # Sunday).
        u = unroll(AfterEvent(event="finding", count=30, unit=Unit.DAYS), cal)
        (p,) = u.for_events([("f-1", D(2010, 9, 17))])
        assert (p.nominal_due, p.due) == (D(2010, 10, 17), D(2010, 10, 18))

    def test_month_without_the_day_ends_on_its_last_day(self, cal: Calendar) -> None:
        """1 month after 2010-01-31 is Sunday Feb 28 (Civil Code art. 202), due Mar 1."""
        u = unroll(AfterEvent(event="finding", count=1, unit=Unit.MONTHS), cal)
        p1, p2 = u.for_events([("b", D(2010, 3, 15)), ("a", D(2010, 1, 31))])
        assert (p1.label, p1.nominal_due, p1.due) == ("a", D(2010, 2, 28), D(2010, 3, 1))
        # Apr 15 2010 is a Thursday.
        assert (p2.label, p2.nominal_due, p2.due) == ("b", D(2010, 4, 15), D(2010, 4, 15))

    def test_events_before_effective_give_nothing(self, cal: Calendar) -> None:
        """An event whose deadline falls before the effective date gives no period."""
        u = unroll(AfterEvent(event="finding", count=10, unit=Unit.DAYS), cal)
        assert u.for_events([("old", D(2009, 12, 1))]) == []

    def test_event_schedule_has_no_calendar_periods(self, cal: Calendar) -> None:
        """between/containing/by_label find nothing for an event schedule."""
        u = unroll(AfterEvent(event="finding", count=10, unit=Unit.DAYS), cal)
        assert u.event_based
        assert u.between(D(2010, 1, 1), D(2011, 1, 1)) == []
        assert u.containing(D(2010, 5, 5)) is None
        assert u.by_label("f-1") is None

    def test_for_events_on_calendar_schedule_is_an_error(self, cal: Calendar) -> None:
        """for_events() on a calendar-driven schedule raises EvaluationError."""
        with pytest.raises(EvaluationError):
            unroll(Quarterly(), cal).for_events([("x", D(2010, 5, 5))])


def yunnan(cal: Calendar) -> Unroller:
    bimonthly = Obligation(id="bimonthly-report", schedule=MonthParity(parity=Parity.EVEN))
    summaries = Obligation(id="summaries", schedule=Yearly(dates=(MonthDay(6), MonthDay(11))))
    return unroll(
        Chained(after=("bimonthly-report", "summaries"), day=5),
        cal,
        others=(bimonthly, summaries),
    )


class TestChained:
    """`by the 5th of the following month after each deadline of A and B`."""

    def test_yunnan_roll_up(self, cal: Calendar) -> None:
        """Bi-monthly and June/November summaries lead to 5th-of-month roll-ups in 2010."""
        u = yunnan(cal)
        # Sources: Feb 28, Apr 30, Jun 30 (+ summary Jun 30), Aug 31, Oct 31, Nov 30 (summary),
        # Dec 31. The 5th of the following months: Mar 5 (Fri), May 5 (Wed), Jul 5 (Mon),
        # Sep 5 (Sun -> Mon Sep 6), Nov 5 (Fri), Dec 5 (Sun -> Mon Dec 6), Jan 5 2011 (Wed).
        assert nominal_and_due(u.between(D(2010, 1, 1), D(2011, 1, 5))) == [
            ("2010-03", D(2010, 3, 5), D(2010, 3, 5)),
            ("2010-05", D(2010, 5, 5), D(2010, 5, 5)),
            ("2010-07", D(2010, 7, 5), D(2010, 7, 5)),
            ("2010-09", D(2010, 9, 5), D(2010, 9, 6)),
            ("2010-11", D(2010, 11, 5), D(2010, 11, 5)),
            ("2010-12", D(2010, 12, 5), D(2010, 12, 6)),
            ("2011-01", D(2011, 1, 5), D(2011, 1, 5)),
        ]

    def test_merged_period_names_both_sources(self, cal: Calendar) -> None:
        """June's bi-monthly report and half-year summary make one July period."""
        p = yunnan(cal).by_label("2010-07")
        assert p is not None
        assert p.basis == ("bimonthly-report:2010-B3", "summaries:2010-06")
        assert p.opens == D(2010, 5, 6)

    def test_chained_windows_and_lookups(self, cal: Calendar) -> None:
        """The first roll-up opens on effective; months without a source have no period."""
        u = yunnan(cal)
        first = u.first()
        assert first is not None and (first.label, first.opens) == ("2010-03", EFFECTIVE)
        # No source deadline in Jan 2010 (after effective), so no Feb roll-up.
        assert u.by_label("2010-02") is None
        assert u.by_label("2010-01") is None
        p = u.containing(D(2010, 11, 20))
        assert p is not None and p.label == "2010-12"

    def test_nested_chain(self, cal: Calendar) -> None:
        """A chain on a chain: Q1 Mar 31 -> Apr 5 -> May 10 2010 (a Monday)."""
        q = Obligation(id="q", schedule=Quarterly())
        c1 = Obligation(id="c1", schedule=Chained(after=("q",), day=5))
        u = unroll(Chained(after=("c1",), day=10), cal, others=(q, c1))
        p = u.first()
        assert p is not None
        assert (p.label, p.nominal_due, p.due, p.basis) == (
            "2010-05",
            D(2010, 5, 10),
            D(2010, 5, 10),
            ("c1:2010-04",),
        )

    def test_cycle_is_an_error(self, cal: Calendar) -> None:
        """Obligations chained on each other raise EvaluationError, not RecursionError."""
        a = Obligation(id="a", schedule=Chained(after=("b",), day=5))
        b = Obligation(id="b", schedule=Chained(after=("a",), day=5))
        rs = Ruleset(effective=EFFECTIVE, obligations=(a, b))
        with pytest.raises(EvaluationError, match="cycle"):
            compile_schedule(rs, a, cal)

    def test_unknown_and_event_sources_are_errors(self, cal: Calendar) -> None:
        """A chain on a missing or event-based obligation raises EvaluationError."""
        with pytest.raises(EvaluationError, match="unknown"):
            unroll(Chained(after=("nope",), day=5), cal)
        ev = Obligation(id="ev", schedule=AfterEvent(event="x", count=1, unit=Unit.DAYS))
        with pytest.raises(EvaluationError, match="event-based"):
            unroll(Chained(after=("ev",), day=5), cal, others=(ev,))

    def test_chained_from_until(self, cal: Calendar) -> None:
        """A chain's own `from`/`until` bound its own deadlines."""
        u = yunnan(cal)
        rs_u = unroll(
            Chained(after=("bimonthly-report",), day=5, from_year=2011, until_year=2011),
            cal,
            others=(Obligation(id="bimonthly-report", schedule=MonthParity(parity=Parity.EVEN)),),
        )
        # 2011: Jan 5 (from Dec 2010), Mar 5, May 5, Jul 5, Sep 5, Nov 5.
        labels = [p.label for p in rs_u.between(D(2000, 1, 1), D(2030, 1, 1))]
        assert labels == ["2011-01", "2011-03", "2011-05", "2011-07", "2011-09", "2011-11"]
        assert u.by_label("2011-01") is not None


class TestMissingEffective:
    """A ruleset without an effective date."""

    def test_no_effective_is_an_error(self, cal: Calendar) -> None:
        """Without `effective` and `from`, the first period is undefined: EvaluationError."""
        with pytest.raises(EvaluationError):
            unroll(Quarterly(), cal, effective=None)

    def test_from_year_alone_is_enough(self, cal: Calendar) -> None:
        """A `from` year fixes the start when the ruleset has no effective date."""
        first = unroll(Quarterly(from_year=2011), cal, effective=None).first()
        assert first is not None and (first.label, first.opens) == ("2011-Q1", D(2011, 1, 1))


class TestInvalidValues:
    """Values no sentence can mean are EvaluationErrors, not ValueErrors."""

    @pytest.mark.parametrize(
        "schedule",
        [
            Once(year=2010, month=13, day=1),
            Once(year=2010, month=3, day=0),
            EachMonth(day=32),
            Yearly(dates=()),
            Yearly(dates=(MonthDay(0, 1),)),
            During(year=99999, month=1),
            Quarterly(from_year=0),
            AfterEvent(event="x", count=-1, unit=Unit.DAYS),
            Chained(after=(), day=5),
        ],
    )
    def test_rejected(self, cal: Calendar, schedule: Schedule) -> None:
        """The schedule is rejected at compile time with an EvaluationError."""
        with pytest.raises(EvaluationError):
            unroll(schedule, cal)


class TestExplain:
    """Deadline explanations, in English and Chinese."""

    def test_mid_autumn_move_english(self, cal: Calendar) -> None:
        """The Sep 2010 move over Mid-Autumn lists every day and cites art. 203."""
        u = unroll(EachMonth(day=22), cal)
        p = u.by_label("2010-09")
        assert p is not None
        lines = explain_period(u, p).lines("en")
        assert lines[0] == "nominal 2010-09-22 (22nd of the month)"
        assert lines[1] == "rest day (Mid-Autumn Festival)"
        assert lines[2:4] == ["2010-09-23 rest", "2010-09-24 rest"]
        assert lines[4] == "2010-09-25 working day (make-up for Mid-Autumn Festival)"
        assert "Civil Code art. 203" in lines[5]
        assert " -> " in explain_period(u, p).render("en")

    def test_mid_autumn_move_chinese(self, cal: Calendar) -> None:
        """The Chinese explanation names the nominal day, the rest days and art. 203."""
        u = unroll(EachMonth(day=22), cal)
        p = u.by_label("2010-09")
        assert p is not None
        text = explain_period(u, p).render("zh")
        assert text.startswith(
            "名义截止日 2010-09-22（每月22日） → 休息日（中秋节） → 2010-09-23 休息 → "
            "2010-09-24 休息 → 2010-09-25 工作日（中秋节调休上班）"
        )
        assert "第二百零三条" in text

    def test_stay_cites_the_policy(self, cal: Calendar) -> None:
        """A deadline that stays on a rest day says so and cites the policy."""
        u = unroll(MonthParity(parity=Parity.EVEN), cal, policy=RestDayPolicy.STAY)
        p = u.by_label("2010-B1")
        assert p is not None
        lines = explain_period(u, p).lines("en")
        assert lines[1] == "rest day (weekend)"
        assert "stays" in lines[2] and "art. 204" in lines[2]
        assert "不顺延" in explain_period(u, p).render("zh")

    def test_during_never_moves(self, cal: Calendar) -> None:
        """A `during` explanation says the deadline never moves."""
        u = unroll(During(year=2010, month=10), cal)
        p = u.by_label("once")
        assert p is not None
        assert "never moves" in explain_period(u, p).render("en")
        assert "不顺延" in explain_period(u, p).render("zh")

    def test_event_days_cite_article_201(self, cal: Calendar) -> None:
        """Counting days after an event cites Civil Code art. 201."""
        u = unroll(AfterEvent(event="finding", count=30, unit=Unit.DAYS), cal)
        (p,) = u.for_events([("f-1", D(2010, 9, 17))])
        assert "art. 201" in explain_period(u, p).render("en")
        assert "第二百零一条" in explain_period(u, p).render("zh")

    def test_chained_names_its_sources(self, cal: Calendar) -> None:
        """A chained explanation names the source periods."""
        u = yunnan(cal)
        p = u.by_label("2010-07")
        assert p is not None
        text = explain_period(u, p).render("en")
        assert "bimonthly-report:2010-B3" in text and "summaries:2010-06" in text

    def test_working_day_nominal(self, cal: Calendar) -> None:
        """A nominal deadline on a working day stays, with no move cited."""
        u = unroll(Quarterly(), cal)
        p = u.by_label("2010-Q1")
        assert p is not None
        # Mar 31 2010 is a Wednesday.
        assert explain_period(u, p).lines("en") == [
            "nominal 2010-03-31 (end of each quarter)",
            "working day",
            "deadline 2010-03-31",
        ]
