# SPDX-License-Identifier: MIT
"""Dates for schedules: the date range, month arithmetic, and the calendar a schedule asks.

:class:`CalendarLike` is the part of a working-day calendar that schedules and evaluation use
(:class:`xzjd.calendar.Calendar` is one). Dates run from 0001-01-01 to 9999-12-31
(:data:`FIRST_DAY`, :data:`LAST_DAY`); the arithmetic here gives ``None`` where a result
would leave that range, and each caller decides what that means.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from xzjd.errors import CalendarError
from xzjd.model import Unit

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_YEAR",
    "MIN_YEAR",
    "ONE_DAY",
    "CalendarLike",
    "DayInfoLike",
    "add_months",
    "add_working_days_within",
    "day_in_month",
    "days_after",
    "event_deadline",
    "month_end",
    "month_start",
    "roll_forward_within",
]

ONE_DAY = dt.timedelta(days=1)
#: The first and the last date xzjd can compute with (those of Python's ``datetime.date``).
FIRST_DAY = dt.date.min
LAST_DAY = dt.date.max
_LAST_ORDINAL = LAST_DAY.toordinal()
MIN_YEAR = dt.MINYEAR
MAX_YEAR = dt.MAXYEAR


# --------------------------------------------------------------------------- calendar protocol


class DayInfoLike(Protocol):
    """What :meth:`CalendarLike.day_info` returns (``xzjd.calendar.DayInfo``)."""

    @property
    def date(self) -> dt.date: ...

    @property
    def working(self) -> bool: ...

    @property
    def kind(self) -> object: ...

    @property
    def holiday_zh(self) -> str | None: ...

    @property
    def holiday_en(self) -> str | None: ...

    @property
    def provisional(self) -> bool: ...


class CalendarLike(Protocol):
    """The part of ``xzjd.calendar.Calendar`` that schedules and evaluation use."""

    def is_working_day(self, d: dt.date) -> bool: ...

    def roll_forward(self, d: dt.date) -> dt.date: ...

    def add_working_days(self, d: dt.date, n: int) -> dt.date: ...

    def working_days_between(self, a: dt.date, b: dt.date) -> int: ...

    def day_info(self, d: dt.date) -> DayInfoLike: ...

    def provisional_between(self, first: dt.date, last: dt.date) -> tuple[int, ...]: ...


# --------------------------------------------------------------------------- the date range
#
# Dates run from 0001-01-01 to 9999-12-31. Arithmetic that would leave that range gives None
# here, and each caller decides what that means (docs/evaluation.md, "The ends of the date
# range"): a ladder step after 9999-12-31 is never reached, a deadline after it is an error
# at the rule or the event that leads to it.


def days_after(d: dt.date, n: int) -> dt.date | None:
    """*d* plus *n* days (*n* may be negative), or ``None`` outside the date range."""
    ordinal = d.toordinal() + n
    return dt.date.fromordinal(ordinal) if 1 <= ordinal <= _LAST_ORDINAL else None


def roll_forward_within(calendar: CalendarLike, d: dt.date) -> dt.date | None:
    """``calendar.roll_forward(d)``, or ``None`` when no working day follows *d* before the
    end of the date range."""
    try:
        return calendar.roll_forward(d)
    except CalendarError as exc:
        if _past_the_dates(exc):
            return None
        raise


def add_working_days_within(calendar: CalendarLike, d: dt.date, n: int) -> dt.date | None:
    """``calendar.add_working_days(d, n)``, or ``None`` when the count runs off either end
    of the date range (as in :func:`roll_forward_within`)."""
    try:
        return calendar.add_working_days(d, n)
    except CalendarError as exc:
        if _past_the_dates(exc):
            return None
        raise


def _past_the_dates(exc: CalendarError) -> bool:
    """A calendar with data up to 9999-12-31 (or from 0001-01-01) asked to walk past it: the
    year it names does not exist, and there is no answer to give."""
    return exc.year is not None and not MIN_YEAR <= exc.year <= MAX_YEAR


# --------------------------------------------------------------------------- date helpers


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, _month_len(year, month))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_len(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def day_in_month(year: int, month: int, day: int | None) -> dt.date:
    """Day ``day`` of the month, or its last day when ``day`` is None or past the month's end."""
    last = _month_len(year, month)
    return dt.date(year, month, last if day is None or day > last else day)


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    y, m0 = divmod(year * 12 + month - 1 + n, 12)
    return y, m0 + 1


def event_deadline(
    event_day: dt.date, count: int, unit: Unit, calendar: CalendarLike
) -> dt.date | None:
    """The nominal deadline of ``within <count> <unit> after`` an event on ``event_day``.

    Days: the event day does not count (Civil Code art. 201), so the deadline is
    ``event_day + count``. Months: the same day ``count`` months later, or that month's last
    day when it has no such day (Civil Code art. 202). Working days: the ``count``-th working
    day after the event day (already a working day). ``None`` when the deadline falls after
    9999-12-31, the last date there is.
    """
    if unit is Unit.DAYS:
        return days_after(event_day, count)
    if unit is Unit.MONTHS:
        y, m = add_months(event_day.year, event_day.month, count)
        return day_in_month(y, m, event_day.day) if y <= MAX_YEAR else None
    return add_working_days_within(calendar, event_day, count)
