"""The mainland China working-day calendar: day tables, the holiday law, the State Council notices.

The names below are the calendar's public interface. Its modules: ``days`` (what a calendar
says about a date, the declared days), ``day_table`` (the arrays and the queries),
``file_formats`` (calendar files in CSV and TOML), ``calendars`` (:class:`Calendar`, the
built-in ``cn`` and the functions that default to it); the packages ``holiday_law`` (the
statutory holidays for the years no notice covers yet) and ``notice`` (the reader of the
notices' text).
"""

from __future__ import annotations

from xzjd.calendar.calendars import (
    Calendar,
    add_working_days,
    builtin,
    day_info,
    is_rest_day,
    is_working_day,
    next_working_day,
    roll_forward,
    working_days_between,
)
from xzjd.calendar.days import CalendarDay, DayInfo, DayKind

__all__ = [
    "Calendar",
    "CalendarDay",
    "DayInfo",
    "DayKind",
    "add_working_days",
    "builtin",
    "day_info",
    "is_rest_day",
    "is_working_day",
    "next_working_day",
    "roll_forward",
    "working_days_between",
]
