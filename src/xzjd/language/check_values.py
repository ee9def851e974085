# SPDX-License-Identifier: MIT
"""The value checks: the years, months, days and counts of schedules and ladders.

A month outside 1..12, a day the month does not have, a year not of four digits, an empty
``from``/``until`` range, a time limit of 0 or above :data:`MAX_COUNT`, ladder steps out of
order; the deadlines that all fall before ``effective`` (an error without a year, a warning
with one) and a schedule that cannot be evaluated for want of a first year (a warning); and
a bare deliverable ending in a year range meant for the schedule (:data:`TRAILING_RANGE`).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

from xzjd.errors import Severity, Span
from xzjd.language.check_collector import Collector
from xzjd.model import (
    MONTHS_EN,
    AfterEnd,
    AfterEvent,
    Chained,
    During,
    EachMonth,
    FirstWorkingDays,
    HalfYearly,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Quarterly,
    Ruleset,
    Schedule,
    Window,
    Yearly,
)

__all__ = [
    "MAX_COUNT",
    "MAX_FIRST_WORKING_DAYS",
    "TRAILING_RANGE",
    "check_escalations",
    "check_schedule",
    "check_trailing_range",
]

# The largest count in a time limit or a ladder step (days, working days or months): about
# 27 years of days; anything larger is a typing mistake, and date arithmetic would overflow.
MAX_COUNT = 10_000

_MONTH_NAMES = _calendar.month_name

# The most working days ``within the first N working days of each month`` may count: every
# month has more (the fewest are about 16, in a month of the Spring Festival or National
# Day), so the window never reaches into the next month.
MAX_FIRST_WORKING_DAYS = 15


# --------------------------------------------------------------------------- escalations


def _too_large(c: Collector, count: int, span: Span | None) -> None:
    c.add("number/too-large", c.narrow(span, str(count)), count=count, MAX_COUNT=MAX_COUNT)


def _days(n: int, working: bool) -> str:
    unit = "working day" if working else "day"
    return f"{n} {unit}{'s' if n != 1 else ''}"


def check_escalations(c: Collector) -> None:
    for ladder in c.ruleset.escalations:
        if ladder.warn is not None and ladder.warn.days > MAX_COUNT:
            _too_large(c, ladder.warn.days, ladder.warn.span)
        for step in ladder.steps:
            if step.days > MAX_COUNT:
                _too_large(c, step.days, step.span)
        previous = None
        for step in ladder.steps:
            if previous is not None:
                # N working days are at least N calendar days, so only these orders are
                # certainly wrong; "urge 6 days" above "notify 5 working days" is fine.
                not_later = step.days <= previous.days and (
                    step.working == previous.working or previous.working
                )
                if not_later:
                    c.add(
                        "escalation/out-of-order",
                        step.span,
                        ladder_name=ladder.name,
                        step=step.step.value,
                        days=_days(step.days, step.working),
                        previous_days=_days(previous.days, previous.working),
                        days_zh=step.days,
                        previous_days_zh=previous.days,
                    )
                elif step.step.severity < previous.step.severity:
                    c.add(
                        "escalation/out-of-order#milder",
                        step.span,
                        ladder_name=ladder.name,
                        step=step.step.value,
                        previous_step=previous.step.value,
                    )
            previous = step


# --------------------------------------------------------------------------- dates


def _days_in(year: int | None, month: int) -> int:
    """Days of *month*; with no year, February counts 29 (a yearly Feb 29 is allowed)."""
    if year is None:
        return 29 if month == 2 else _calendar.monthrange(2001, month)[1]
    return _calendar.monthrange(year, month)[1]


def _check_year(c: Collector, year: int | None, span: Span | None) -> bool:
    if year is not None and not 1000 <= year <= 9999:
        c.add("date/bad-year", c.narrow(span, str(year)), year=year)
        return False
    return True


def _check_month_day(
    c: Collector, year: int | None, month: int, day: int | None, span: Span | None
) -> None:
    if not 1 <= month <= 12:
        c.add("date/no-such-month", span, month=month)
        return
    if day is None:
        return
    last = _days_in(year, month)
    if not 1 <= day <= last:
        where = _MONTH_NAMES[month] + (f" {year}" if year is not None else "")
        where_zh = f"{month}月" if year is None else f"{year}年{month}月"
        c.add("date/no-such-day#month", span, where=where, where_zh=where_zh, day=day, last=last)


def _last_nominal(s: Schedule, r: Ruleset) -> dt.date | None:
    """The latest nominal deadline *s* can have, when it has one (else ``None``)."""
    try:
        if isinstance(s, Once | During):
            # Without a year, the year of `effective` (language.md section 2).
            year = s.year if s.year is not None else r.effective.year if r.effective else None
            if year is None:
                return None
            day = s.day if isinstance(s, Once) else None
            return dt.date(year, s.month, day or _calendar.monthrange(year, s.month)[1])
        if isinstance(s, Yearly) and s.until_year is not None:
            y = s.until_year
            return max(
                dt.date(y, md.month, min(md.day or 31, _calendar.monthrange(y, md.month)[1]))
                for md in s.dates
            )
        if isinstance(s, Window) and s.until_year is not None:
            y = s.until_year
            last_day = s.last.day or 31
            return dt.date(y, s.last.month, min(last_day, _calendar.monthrange(y, s.last.month)[1]))
        if (
            isinstance(s, EachMonth | MonthParity | Quarterly | HalfYearly | Chained)
            and s.until_year is not None
        ):
            return dt.date(s.until_year, 12, 31)
    except ValueError:  # an impossible date, reported by the other checks
        return None
    return None


def _check_before_effective(c: Collector, s: Schedule, r: Ruleset) -> None:
    """A schedule whose every deadline falls before ``effective`` has no period at all.

    Without a year the deadline is in the year of ``effective``, so it can never apply: an
    error. With a year it may be a duty kept for the record in an amended ruleset: a warning.
    """
    if r.effective is None:
        return
    last = _last_nominal(s, r)
    if last is None or last >= r.effective:
        return
    yearless = isinstance(s, Once | During) and s.year is None
    c.add(
        "schedule/before-effective",
        s.span,
        severity=Severity.ERROR if yearless else Severity.WARNING,
        r_effective=r.effective,
        last=last,
    )


# A run of white space is tried once, from its first character (the look-behind), so the search
# stays linear however long the run.
TRAILING_RANGE = re.compile(
    r"(?:[,，、]\s*|(?<!\s)\s+)(?:自\d{4}年起|至\d{4}年止|from\s+\d{4}|until\s+\d{4})\s*$"
)


def check_trailing_range(c: Collector, ob: Obligation) -> None:
    """A bare deliverable that ends in a year range: the range was meant for the schedule."""
    action = ob.action
    if action is None or not TRAILING_RANGE.search(action.deliverable):
        return
    span = action.span
    line = c.lines.line_text(span.line) if span is not None and c.ruleset.text else None
    if line is not None and any(q in line for q in ('"', "“", "「")):
        return  # a quoted deliverable says what it means
    c.add(
        "action/year-range-in-deliverable",
        c.narrow(span, action.deliverable) if span is not None else None,
        action_deliverable=action.deliverable,
    )


def _check_needs_effective(c: Collector, s: Schedule, ob_id: str, r: Ruleset) -> None:
    """Periods start at ``effective`` (or a ``from`` year): without either, none can be found.

    A warning, not an error: a rules file may be written and checked before its date is
    known; evaluating it fails with this message.
    """
    if r.effective is not None or getattr(s, "from_year", None) is not None:
        return
    c.add("schedule/no-effective", s.span, severity=Severity.WARNING, ob_id=ob_id)


def check_schedule(c: Collector, s: Schedule, ob_id: str, r: Ruleset) -> None:
    _check_needs_effective(c, s, ob_id, r)
    found = len(c.found)
    _check_schedule_values(c, s)  # reports errors only
    if len(c.found) == found:
        # Dates are worked out only from values that passed their checks: a day such as
        # 2147483648 is reported above and never reaches date arithmetic.
        _check_before_effective(c, s, r)


def _check_schedule_values(c: Collector, s: Schedule) -> None:
    """Every year, month, day and count of a schedule lies in its range."""
    r = c.ruleset
    if isinstance(s, Once):
        if _check_year(c, s.year, s.span):
            year = s.year
            if year is None and r.effective is not None:
                year = r.effective.year
            _check_month_day(c, year, s.month, s.day, s.span)
    elif isinstance(s, During):
        if _check_year(c, s.year, s.span):
            _check_month_day(c, s.year, s.month, None, s.span)
    elif isinstance(s, Yearly):
        for md in s.dates:
            _check_month_day(c, None, md.month, md.day, s.span)
        months = [md.month for md in s.dates if 1 <= md.month <= 12]
        twice = sorted({m for m in months if months.count(m) > 1})
        if twice:
            # Periods of a yearly schedule with several deadlines are labelled YYYY-MM
            # (language.md section 4): two deadlines in one month would share a label.
            name = _MONTH_NAMES[twice[0]]
            c.add("schedule/same-month-twice", s.span, name=name, twice=twice[0])
    elif isinstance(s, EachMonth | Chained):
        day = s.day
        if day is not None and not 1 <= day <= 31:
            c.add("date/no-such-day", s.span, day=day)
    elif isinstance(s, AfterEvent | AfterEnd) and s.count < 1:
        c.add("schedule/zero-count", s.span, s_count=s.count, unit_value=s.unit.value)
    elif isinstance(s, AfterEvent | AfterEnd) and s.count > MAX_COUNT:
        _too_large(c, s.count, s.span)
    elif isinstance(s, FirstWorkingDays) and s.count < 1:
        c.add("schedule/zero-count", s.span, s_count=s.count, unit_value="working days")
    elif isinstance(s, FirstWorkingDays) and s.count > MAX_FIRST_WORKING_DAYS:
        c.add(
            "schedule/too-many-working-days",
            c.narrow(s.span, str(s.count)),
            count=s.count,
            limit=MAX_FIRST_WORKING_DAYS,
        )
    elif isinstance(s, Window):
        _check_window(c, s)
    if isinstance(
        s,
        Yearly
        | EachMonth
        | MonthParity
        | Quarterly
        | HalfYearly
        | Chained
        | AfterEnd
        | FirstWorkingDays
        | Window,
    ):
        ok = _check_year(c, s.from_year, s.span) and _check_year(c, s.until_year, s.span)
        if (
            ok
            and s.from_year is not None
            and s.until_year is not None
            and s.from_year > s.until_year
        ):
            c.add("schedule/bad-range", s.span, s_from_year=s.from_year, s_until_year=s.until_year)


def _day_en(md: MonthDay) -> str:
    name = MONTHS_EN[md.month - 1]
    return f"the end of {name}" if md.day is None else f"{name} {md.day}"


def _day_zh(md: MonthDay) -> str:
    return f"{md.month}月底" if md.day is None else f"{md.month}月{md.day}日"


def _check_window(c: Collector, s: Window) -> None:
    """A window each year names its first day and ends after it, within the year."""
    found = len(c.found)
    _check_month_day(c, None, s.first.month, s.first.day, s.span)
    _check_month_day(c, None, s.last.month, s.last.day, s.span)
    if len(c.found) > found:
        return
    if s.first.day is None:
        name = MONTHS_EN[s.first.month - 1]
        c.add("schedule/window-needs-day", s.span, name=name, name_zh=f"{s.first.month}月")
        return
    last_day = 31 if s.last.day is None else s.last.day
    if (s.last.month, last_day) < (s.first.month, s.first.day):
        c.add(
            "schedule/window-backwards",
            s.span,
            first=_day_en(s.first),
            last=_day_en(s.last),
            first_zh=_day_zh(s.first),
            last_zh=_day_zh(s.last),
        )
