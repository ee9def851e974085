"""The mainland China working-day calendar: day tables, the holiday law, the State Council notices.

The names below are the calendar's public interface; ``xzjd.calendar.days`` holds the tables
and their queries, ``xzjd.calendar.holiday_law`` the statutory holidays for the years no notice
covers yet, ``xzjd.calendar.notice`` the reader of the notices' text.
"""

from __future__ import annotations

from xzjd.calendar.days import (
    Calendar,
    CalendarDay,
    DayInfo,
    DayKind,
    add_working_days,
    builtin,
    day_info,
    is_rest_day,
    is_working_day,
    next_working_day,
    roll_forward,
    working_days_between,
)

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
