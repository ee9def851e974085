"""Stage 3, checked rules to periods: deadline sequences, labels, unrolling, and why a deadline
falls on its day.

The names below are the stage's public interface. Its modules: ``dates`` (the date range,
month arithmetic, the calendar protocol), ``sequences`` (the deadline sequences), ``labels``
(period labels and back), ``unroller`` (:class:`Period`, :class:`Unroller`), ``schedule``
(:func:`compile_schedule`, a schedule form to its unroller) and ``explain``
(:func:`explain_period`).
"""

from __future__ import annotations

from xzjd.periods.dates import (
    FIRST_DAY,
    LAST_DAY,
    CalendarLike,
    DayInfoLike,
    add_working_days_within,
    days_after,
    event_deadline,
    month_end,
    roll_forward_within,
)
from xzjd.periods.explain import Explanation, ExplanationStep, explain_period
from xzjd.periods.schedule import compile_schedule
from xzjd.periods.unroller import DeadlineOutOfRange, Period, Unroller

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "CalendarLike",
    "DayInfoLike",
    "DeadlineOutOfRange",
    "Explanation",
    "ExplanationStep",
    "Period",
    "Unroller",
    "add_working_days_within",
    "compile_schedule",
    "days_after",
    "event_deadline",
    "explain_period",
    "month_end",
    "roll_forward_within",
]
