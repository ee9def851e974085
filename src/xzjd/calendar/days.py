# SPDX-License-Identifier: MIT
"""What a calendar says about a date, and the declared days a calendar is made of.

:class:`DayInfo` (with its :class:`DayKind`) answers a query about one date;
:class:`CalendarDay` is one declared day of a calendar's data, a rest day or a working day
with the holiday and the document it comes from, as the built-in ``cn.csv``, calendar files,
a rules file's ``calendar`` declaration and the State Council notices give them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

__all__ = ["CalendarDay", "DayInfo", "DayKind", "days_in"]


class DayKind(enum.Enum):
    """What kind of day a date is on a calendar."""

    WORKDAY = "workday"
    """A weekday that is a working day."""
    WEEKEND = "weekend"
    """A Saturday or Sunday that is a rest day and lies in no holiday period."""
    HOLIDAY = "holiday"
    """A day of an official holiday period (weekend days inside the period included)."""
    MAKEUP = "makeup"
    """A Saturday or Sunday made a working day (调休) to make up for a holiday."""


@attrs.frozen
class DayInfo:
    """Everything a calendar says about one date.

    Attributes:
        date: the date.
        working: whether it is a working day.
        kind: workday, weekend, holiday or make-up working day.
        holiday_zh: the holiday the day belongs to or makes up for, in Chinese.
        holiday_en: the same in English.
        provisional: the day lies in a provisional year: the calendar has no State Council
            notice for it, and knows only the statutory holidays of the holiday law.
        source: the notice (or, in a provisional year, the law) a declared day comes from.
    """

    date: dt.date
    working: bool
    kind: DayKind
    holiday_zh: str | None = None
    holiday_en: str | None = None
    provisional: bool = False
    source: str | None = None


@attrs.frozen(kw_only=True)
class CalendarDay:
    """One declared day of a calendar's data: a rest day or a working day.

    Attributes:
        date: the date.
        working: ``True`` for a ``work`` row (a working day, usually a weekend made working),
            ``False`` for a ``rest`` row (a day of a holiday period).
        holiday_zh: the holiday, in Chinese.
        holiday_en: the holiday, in English.
        notice: the document the day comes from.
        provisional: ``True`` for a day derived from the holiday law for a year without a
            State Council notice (see :mod:`xzjd.calendar.holiday_law`); ``notice`` then names the
            law's version and article.
    """

    date: dt.date
    working: bool
    holiday_zh: str | None = None
    holiday_en: str | None = None
    notice: str | None = None
    provisional: bool = False


def days_in(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The dates from *first* to *last*, both included."""
    for o in range(first.toordinal(), last.toordinal() + 1):
        yield dt.date.fromordinal(o)
