# SPDX-License-Identifier: MIT
"""Unroll an obligation's schedule into periods, in closed form.

An obligation's schedule (:mod:`xzjd.model`) says *when* a duty falls due; this module turns it
into :class:`Period` objects: a label, the window in which a filing counts, the nominal deadline
and the deadline after the calendar adjustment (language.md sections 3 and 4).

Compile once, use many times::

    unroller = compile_schedule(ruleset, obligation, calendar)
    unroller.containing(date(2010, 9, 1))       # the period whose window holds that day
    unroller.between(date(2010, 1, 1), date(2010, 12, 31))
    unroller.by_label("2010-B3")
    explain_period(unroller, period).render("zh")  # xzjd.periods.explain

Design: every calendar-driven schedule is a *sequence of nominal deadlines* that answers two
questions in constant time: the first nominal deadline on or after a day, and the last one
before a day. Recurring forms are cyclic within a year (a month index ``year * 12 + month`` is
all it takes), one-off forms hold a single date, a chained form maps its sources' sequences to
"day D of the following month" (a monotone map, so the same two questions reduce to the
sources'), and the ``effective`` date and ``from``/``until`` years just bound a sequence. A
period's window opens the day after the previous nominal deadline, which is the second
question. So finding the period that holds a date, looking a label up and listing periods cost
time proportional to the periods returned, never to the years since the schedule started.

Deadlines move to the next working day only when asked to (``due``); the explanation of a
deadline is only computed by :meth:`Unroller.explain`, so plain evaluation stays cheap.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import attrs

from xzjd.errors import CalendarError, CheckError, Diagnostic, EvaluationError, Span
from xzjd.model import (
    AfterEvent,
    Chained,
    During,
    EachMonth,
    HalfYearly,
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
from xzjd.vocab import UNIT_ZH

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "CalendarLike",
    "DayInfoLike",
    "DeadlineOutOfRange",
    "Period",
    "Unroller",
    "add_working_days_within",
    "compile_schedule",
    "days_after",
    "event_deadline",
    "month_end",
    "roll_forward_within",
]

ONE_DAY = dt.timedelta(days=1)
#: The first and the last date xzjd can compute with (those of Python's ``datetime.date``).
FIRST_DAY = dt.date.min
LAST_DAY = dt.date.max
_LAST_ORDINAL = LAST_DAY.toordinal()
# Periods kept per unroller (a period depends only on its nominal deadline); about 80 years
# of monthly periods. Past the limit the cache starts again, so memory stays bounded.
_CACHE_LIMIT = 1000
_MIN_YEAR = dt.MINYEAR
_MAX_YEAR = dt.MAXYEAR


# --------------------------------------------------------------------------- calendar protocol


class DayInfoLike(Protocol):
    """What :meth:`CalendarLike.day_info` returns (``xzjd.calendar.days.DayInfo``)."""

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
    """The part of ``xzjd.calendar.days.Calendar`` that schedules and evaluation use."""

    def is_working_day(self, d: dt.date) -> bool: ...

    def roll_forward(self, d: dt.date) -> dt.date: ...

    def add_working_days(self, d: dt.date, n: int) -> dt.date: ...

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
    return exc.year is not None and not _MIN_YEAR <= exc.year <= _MAX_YEAR


class DeadlineOutOfRange(EvaluationError):
    """The deadline that an event starts falls after 9999-12-31, the last date there is.

    Raised by :meth:`Unroller.for_events`, which knows the event only by its id (``event``);
    :func:`xzjd.engine.evaluate` reports it as an :class:`~xzjd.errors.InputError` at the
    event's date.
    """

    event: str = ""


def _out_of_range(event: str, schedule: AfterEvent, obligation: Obligation) -> DeadlineOutOfRange:
    count, unit = schedule.count, schedule.unit.value
    error = DeadlineOutOfRange(
        f"the deadline of obligation '{obligation.id}', {count} {unit} after event "
        f"'{event}', falls after 9999-12-31, the last date xzjd can compute with",
        code="date/out-of-range",
        hint="check the event's date",
        message_zh=f"义务“{obligation.id}”的截止日（事件“{event}”之日起{count}"
        f"{UNIT_ZH[schedule.unit]}）晚于 9999-12-31，即 xzjd 能计算的最后一日",
        hint_zh="请检查该事件的日期",
    )
    error.event = event
    return error


def _line_at(text: str, span: Span | None) -> str | None:
    """The line of *text* that holds *span*, found from its offset."""
    if span is None or not text or not 0 <= span.start <= len(text):
        return None
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.start)
    return text[start : None if end < 0 else end]


# --------------------------------------------------------------------------- periods


@attrs.frozen(kw_only=True)
class Period:
    """One period of an obligation.

    Attributes:
        label: ``once``, ``2010``, ``2010-06``, ``2010-B3``, ``2010-Q2``, ``2010-H1``, or the
            event's id for an event period.
        opens: the first day a filing counts for this period.
        nominal_due: the deadline the rule names, before any calendar adjustment.
        due: the deadline: ``nominal_due`` moved to the next working day when it is a rest day
            and the ruleset says so; a ``during`` deadline never moves.
        closes: the last day a filing is inside the window; equal to ``due`` (for ``during``
            the month's last day, which is also its ``due``).
        event: the event id, for an event period.
        basis: for a chained period, the source periods that lead to it, as
            ``"<obligation>:<label>"`` in the order the rule names the obligations.
    """

    label: str
    opens: dt.date
    nominal_due: dt.date
    due: dt.date
    closes: dt.date
    event: str | None = None
    basis: tuple[str, ...] = ()


# --------------------------------------------------------------------------- date helpers


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, _month_len(year, month))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_len(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def _day_in_month(year: int, month: int, day: int | None) -> dt.date:
    """Day ``day`` of the month, or its last day when ``day`` is None or past the month's end."""
    last = _month_len(year, month)
    return dt.date(year, month, last if day is None or day > last else day)


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
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
        y, m = _add_months(event_day.year, event_day.month, count)
        return _day_in_month(y, m, event_day.day) if y <= _MAX_YEAR else None
    return add_working_days_within(calendar, event_day, count)


# --------------------------------------------------------------------------- sequences


class _Seq:
    """A sorted set of nominal deadlines answering two questions in constant time."""

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        raise NotImplementedError

    def last_before(self, d: dt.date) -> dt.date | None:
        raise NotImplementedError


class _Cyclic(_Seq):
    """Deadlines on fixed (month, day) entries every year; ``day=None`` is the month's end.

    Entries are kept sorted by ``(month, day)`` with the month's end as day 99. Clamping a day
    to a short month's end never moves it past a day of the same month that is asked about, so
    a binary search on ``(month, day)`` finds the answer directly, leap year or not.
    """

    def __init__(self, entries: Iterable[tuple[int, int | None]]) -> None:
        keyed = sorted({(m, 99 if d is None else d) for m, d in entries})
        self.entries: tuple[tuple[int, int | None], ...] = tuple(
            (m, None if d == 99 else d) for m, d in keyed
        )
        self._keys = tuple(keyed)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        i = bisect.bisect_left(self._keys, (d.month, d.day))
        year = d.year
        if i == len(self._keys):
            i, year = 0, year + 1
            if year > _MAX_YEAR:
                return None
        month, day = self.entries[i]
        return _day_in_month(year, month, day)

    def last_before(self, d: dt.date) -> dt.date | None:
        i = bisect.bisect_left(self._keys, (d.month, d.day)) - 1
        year = d.year
        if i < 0:
            i, year = len(self._keys) - 1, year - 1
            if year < _MIN_YEAR:
                return None
        month, day = self.entries[i]
        return _day_in_month(year, month, day)


class _Single(_Seq):
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        return self.day if self.day >= d else None

    def last_before(self, d: dt.date) -> dt.date | None:
        return self.day if self.day < d else None


class _Bounded(_Seq):
    """The deadlines of ``inner`` from ``lo`` to ``hi`` (both inclusive; ``hi`` may be open)."""

    def __init__(self, inner: _Seq, lo: dt.date, hi: dt.date | None) -> None:
        self.inner, self.lo, self.hi = inner, lo, hi

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        n = self.inner.first_at_or_after(max(d, self.lo))
        if n is None or (self.hi is not None and n > self.hi):
            return None
        return n

    def last_before(self, d: dt.date) -> dt.date | None:
        if self.hi is not None and d > self.hi:
            d = self.hi + ONE_DAY
        n = self.inner.last_before(d)
        if n is None or n < self.lo:
            return None
        return n


class _Following(_Seq):
    """Day ``day`` of the month after each deadline of ``source`` (a chained schedule).

    The map is monotone and has one value per month, so both questions reduce to one question
    about the source, asked at a month boundary.
    """

    def __init__(self, source: _Seq, day: int) -> None:
        self.source, self.day = source, day

    def _image(self, source_deadline: dt.date) -> dt.date | None:
        y, m = _add_months(source_deadline.year, source_deadline.month, 1)
        return None if y > _MAX_YEAR else _day_in_month(y, m, self.day)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        y, m = d.year, d.month
        if _day_in_month(y, m, self.day) < d:
            y, m = _add_months(y, m, 1)
        # The image lands in month (y, m) or later exactly when the source deadline lies in
        # the month before it or later.
        py, pm = _add_months(y, m, -1)
        if py < _MIN_YEAR:
            py, pm = _MIN_YEAR, 1
        s = self.source.first_at_or_after(dt.date(py, pm, 1))
        return None if s is None else self._image(s)

    def last_before(self, d: dt.date) -> dt.date | None:
        y, m = d.year, d.month
        if _day_in_month(y, m, self.day) >= d:
            y, m = _add_months(y, m, -1)
        if y < _MIN_YEAR:
            return None
        # The image lies in month (y, m) or earlier exactly when the source deadline lies
        # before the first day of month (y, m).
        s = self.source.last_before(dt.date(y, m, 1))
        return None if s is None else self._image(s)


class _Union(_Seq):
    def __init__(self, parts: Sequence[_Seq]) -> None:
        self.parts = tuple(parts)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        found = [n for p in self.parts if (n := p.first_at_or_after(d)) is not None]
        return min(found) if found else None

    def last_before(self, d: dt.date) -> dt.date | None:
        found = [n for p in self.parts if (n := p.last_before(d)) is not None]
        return max(found) if found else None


# --------------------------------------------------------------------------- labels

_YEAR_RE = re.compile(r"(\d{4})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_BIMONTH_RE = re.compile(r"(\d{4})-B([1-6])")
_QUARTER_RE = re.compile(r"(\d{4})-Q([1-4])")
_HALF_RE = re.compile(r"(\d{4})-H([12])")


def _label_year(d: dt.date) -> str:
    return f"{d.year:04d}"


def _label_month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _label_bimonth(d: dt.date) -> str:
    # Even months: Feb is B1; odd months: Jan is B1. Both are (month + 1) // 2.
    return f"{d.year:04d}-B{(d.month + 1) // 2}"


def _label_quarter(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month + 2) // 3}"


def _label_half(d: dt.date) -> str:
    return f"{d.year:04d}-H{(d.month + 5) // 6}"


def _label_once(d: dt.date) -> str:
    return "once"


def _parse_year_month(label: str) -> tuple[int, int] | None:
    m = _MONTH_RE.fullmatch(label)
    if m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and _MIN_YEAR <= year <= _MAX_YEAR):
        return None
    return year, month


def _parse_year(label: str) -> int | None:
    m = _YEAR_RE.fullmatch(label)
    if m is None:
        return None
    year = int(m.group(1))
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _parse_indexed(regex: re.Pattern[str], label: str) -> tuple[int, int] | None:
    m = regex.fullmatch(label)
    if m is None:
        return None
    year = int(m.group(1))
    return (year, int(m.group(2))) if _MIN_YEAR <= year <= _MAX_YEAR else None


# --------------------------------------------------------------------------- the unroller


@attrs.frozen(kw_only=True)
class _Source:
    """A compiled source obligation of a chained schedule."""

    obligation: str
    unroller: Unroller


class Unroller:
    """The periods of one obligation under one ruleset and calendar.

    Made by :func:`compile_schedule`. One instance may serve any number of agencies and dates:
    besides a bounded store of the periods already computed (a period depends only on its
    nominal deadline), it keeps no state between queries.
    """

    def __init__(
        self,
        *,
        ruleset: Ruleset,
        obligation: Obligation,
        schedule: Schedule,
        calendar: CalendarLike,
        seq: _Seq | None,
        start: dt.date,
        label_of: Callable[[dt.date], str],
        nominal_of_label: Callable[[str], dt.date | None],
        sources: tuple[_Source, ...] = (),
    ) -> None:
        self.ruleset = ruleset
        self.obligation = obligation
        self.schedule = schedule
        self.calendar = calendar
        self.start = start
        self._seq = seq
        self._label_of = label_of
        self._nominal_of_label = nominal_of_label
        self._sources = sources
        self._during = isinstance(schedule, During)
        self._move = ruleset.rest_days is RestDayPolicy.MOVE and not self._during
        self._periods: dict[dt.date, Period] = {}

    def clear_cache(self) -> None:
        """Forget the periods computed so far (they are kept to answer repeated queries)."""
        self._periods.clear()
        for source in self._sources:
            source.unroller.clear_cache()

    def __repr__(self) -> str:
        return f"<Unroller {self.obligation.id!r} {type(self.schedule).__name__} from {self.start}>"

    # ----------------------------------------------------------------- properties

    @property
    def event_based(self) -> bool:
        """True for ``within N ... after <event>``: periods come from :meth:`for_events`."""
        return isinstance(self.schedule, AfterEvent)

    @property
    def moves(self) -> bool:
        """True when deadlines on rest days move to the next working day."""
        return self._move

    # ----------------------------------------------------------------- building periods

    def _due(self, nominal: dt.date) -> dt.date | None:
        """The deadline: *nominal*, moved off a rest day when the ruleset says so; ``None``
        when no working day follows it before the end of the date range."""
        return roll_forward_within(self.calendar, nominal) if self._move else nominal

    def _opens(self, nominal: dt.date, prev: dt.date | None) -> dt.date:
        if self._during:
            return _month_start(nominal)
        return self.start if prev is None else prev + ONE_DAY

    def _make(self, nominal: dt.date, prev: dt.date | None) -> Period:
        # ``prev`` is always the sequence's last deadline before ``nominal``, so a period is a
        # function of its nominal deadline alone and can be kept for the next query.
        cached = self._periods.get(nominal)
        if cached is not None:
            return cached
        opens = self._opens(nominal, prev)
        due = self._due(nominal)
        if due is None:
            raise self._past_the_end(nominal)
        basis = self._basis(nominal) if self._sources else ()
        period = Period(
            label=self._label_of(nominal),
            opens=opens,
            nominal_due=nominal,
            due=due,
            closes=due,
            basis=basis,
        )
        if len(self._periods) >= _CACHE_LIMIT:
            self._periods.clear()
        self._periods[nominal] = period
        return period

    def _past_the_end(self, nominal: dt.date) -> CheckError:
        """The error for a deadline that moves past 9999-12-31, at the rule's schedule."""
        ruleset = self.ruleset
        span = self.schedule.span
        return CheckError(
            [
                Diagnostic(
                    code="date/out-of-range",
                    message=f"the deadline {nominal} of obligation '{self.obligation.id}' "
                    "is a rest day, and no working day follows it up to 9999-12-31, the last "
                    "date xzjd can compute with",
                    message_zh=f"义务“{self.obligation.id}”的截止日 {nominal} 为休息日，"
                    "而其后直至 9999-12-31（xzjd 能计算的最后一日）再无工作日",
                    file=ruleset.file,
                    span=span,
                    line_text=_line_at(ruleset.text, span),
                    hint="check the calendar's rest days, end the schedule earlier (for "
                    "example 'until 9998'), or make deadlines on rest days stay",
                    hint_zh="请检查日历的休息日，让该期限更早结束（例如“至9998年止”），"
                    "或规定休息日不顺延",
                )
            ]
        )

    def _basis(self, nominal: dt.date) -> tuple[str, ...]:
        py, pm = _add_months(nominal.year, nominal.month, -1)
        first, last = dt.date(py, pm, 1), month_end(py, pm)
        out: list[str] = []
        for source in self._sources:
            for p in source.unroller._nominal_range(first, last):
                out.append(f"{source.obligation}:{source.unroller._label_of(p)}")
        return tuple(out)

    def _nominal_range(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Nominal deadlines of this obligation's periods from ``first`` to ``last``."""
        out: list[dt.date] = []
        if self._seq is None:
            return out
        n = self._seq.first_at_or_after(first)
        while n is not None and n <= last:
            out.append(n)
            n = None if n == LAST_DAY else self._seq.first_at_or_after(n + ONE_DAY)
        return out

    # ----------------------------------------------------------------- queries

    def between(
        self, start: dt.date, end: dt.date, *, last_nominal: dt.date | None = None
    ) -> list[Period]:
        """Periods whose window opens on or before ``end`` and whose nominal deadline is on or
        after ``start`` (and, given ``last_nominal``, on or before it), in deadline order.
        Event-based schedules have none (see :meth:`for_events`)."""
        out: list[Period] = []
        seq = self._seq
        if seq is None:
            return out
        n = seq.first_at_or_after(start)
        if n is None:
            return out
        prev = seq.last_before(n)
        while n is not None:
            # Check the window before building the period: the period after the range may lie
            # in a year the calendar has no data for.
            if self._opens(n, prev) > end or (last_nominal is not None and n > last_nominal):
                break
            out.append(self._make(n, prev))
            prev = n
            n = None if n == LAST_DAY else seq.first_at_or_after(n + ONE_DAY)
        return out

    def containing(self, d: dt.date) -> Period | None:
        """The period whose window ``[opens, nominal_due]`` holds ``d``, or None."""
        seq = self._seq
        if seq is None:
            return None
        n = seq.first_at_or_after(d)
        if n is None:
            return None
        period = self._periods.get(n) or self._make(n, seq.last_before(n))
        return period if period.opens <= d else None

    def by_label(self, label: str) -> Period | None:
        """The period with this label, or None if the obligation has no such period."""
        seq = self._seq
        if seq is None:
            return None
        n = self._nominal_of_label(label)
        if n is None or seq.first_at_or_after(n) != n:
            return None
        return self._periods.get(n) or self._make(n, seq.last_before(n))

    def first(self) -> Period | None:
        """The first period, or None when the schedule has none (or is event-based)."""
        seq = self._seq
        if seq is None:
            return None
        n = seq.first_at_or_after(self.start)
        return None if n is None else self._make(n, None)

    def next_after(self, period: Period) -> Period | None:
        """The period after ``period``, or None."""
        seq = self._seq
        if seq is None or period.nominal_due == LAST_DAY:
            return None
        n = seq.first_at_or_after(period.nominal_due + ONE_DAY)
        return None if n is None else self._make(n, period.nominal_due)

    def for_events(self, events: Iterable[tuple[str, dt.date]]) -> list[Period]:
        """One period per event ``(id, day)`` of an event-based schedule, in deadline order.

        The window opens on the event day. Events whose nominal deadline falls before the
        ruleset's ``effective`` date give no period (the duty did not exist yet).

        Raises:
            EvaluationError: when the schedule is not event-based.
            DeadlineOutOfRange: an event's deadline falls after 9999-12-31.
        """
        schedule = self.schedule
        if not isinstance(schedule, AfterEvent):
            raise EvaluationError(
                f"obligation {self.obligation.id!r} has no event-based schedule; "
                "its periods come from the calendar, not from events"
            )
        out: list[Period] = []
        for event_id, day in events:
            nominal = event_deadline(day, schedule.count, schedule.unit, self.calendar)
            if nominal is not None and nominal < self.start:
                continue
            due = None if nominal is None else self._due(nominal)
            if nominal is None or due is None:
                raise _out_of_range(event_id, schedule, self.obligation)
            out.append(
                Period(
                    label=event_id,
                    opens=day,
                    nominal_due=nominal,
                    due=due,
                    closes=due,
                    event=event_id,
                )
            )
        out.sort(key=lambda p: (p.nominal_due, p.opens, p.label))
        return out


# --------------------------------------------------------------------------- compiling


def compile_schedule(ruleset: Ruleset, obligation: Obligation, calendar: CalendarLike) -> Unroller:
    """Compile an obligation's schedule for fast, repeated queries.

    Args:
        ruleset: the ruleset (for ``effective``, the rest-day policy and chained sources).
        obligation: the obligation to unroll; its schedule must be set.
        calendar: the working-day calendar used to move deadlines.

    Raises:
        EvaluationError: when the obligation has no schedule, the ruleset no effective date,
            a chained schedule names an unknown or event-based obligation, or chains form a
            cycle.
    """
    return _compile(ruleset, obligation, calendar, ())


def _start_of(ruleset: Ruleset, obligation: Obligation, from_year: int | None) -> dt.date:
    start = ruleset.effective
    if from_year is not None:
        jan1 = dt.date(from_year, 1, 1)
        start = jan1 if start is None else max(start, jan1)
    if start is None:
        span = obligation.schedule.span if obligation.schedule is not None else obligation.span
        raise EvaluationError(
            f"obligation {obligation.id!r}: the ruleset has no effective date, "
            "so its first period cannot be found",
            code="schedule/no-effective",
            hint="add 'effective YYYY-MM-DD' to the header (or 'from YYYY' to the schedule)",
            message_zh=f"义务“{obligation.id}”：规则集没有生效日期，无法确定第一期",
            hint_zh="请在文件开头加上“生效 YYYY-MM-DD”（或在期限后加“自YYYY年起”）",
            file=ruleset.file,
            span=span,
            line_text=_line_at(ruleset.text, span),
        )
    return start


def _bound(seq: _Seq, start: dt.date, until_year: int | None) -> _Seq:
    return _Bounded(seq, start, None if until_year is None else dt.date(until_year, 12, 31))


def _nominal_in_cycle(seq: _Cyclic, year: int, month: int | None = None) -> dt.date | None:
    for m, day in seq.entries:
        if month is None or m == month:
            return _day_in_month(year, m, day)
    return None


def _validate(obligation: Obligation, schedule: Schedule) -> None:
    """Reject values no sentence can mean, so that they never surface as a ValueError."""
    problems: list[str] = []
    months: list[int] = []
    days: list[int | None] = []
    if isinstance(schedule, Once | During):
        months.append(schedule.month)
        if isinstance(schedule, Once):
            days.append(schedule.day)
    elif isinstance(schedule, Yearly):
        if not schedule.dates:
            problems.append("a yearly schedule needs at least one date")
        months.extend(md.month for md in schedule.dates)
        days.extend(md.day for md in schedule.dates)
    elif isinstance(schedule, EachMonth):
        days.append(schedule.day)
    elif isinstance(schedule, Chained):
        days.append(schedule.day)
        if not schedule.after:
            problems.append("a chained schedule needs at least one obligation")
    elif isinstance(schedule, AfterEvent) and schedule.count < 0:
        problems.append(f"the count {schedule.count} is negative")
    problems.extend(f"month {m} is not 1-12" for m in months if not 1 <= m <= 12)
    problems.extend(f"day {d} is not 1-31" for d in days if d is not None and not 1 <= d <= 31)
    years = [getattr(schedule, name, None) for name in ("year", "from_year", "until_year")]
    problems.extend(
        f"year {y} is out of range"
        for y in years
        if y is not None and not _MIN_YEAR <= y <= _MAX_YEAR
    )
    if problems:
        raise EvaluationError(f"obligation {obligation.id!r}: " + "; ".join(problems))


def _compile(
    ruleset: Ruleset,
    obligation: Obligation,
    calendar: CalendarLike,
    stack: tuple[str, ...],
) -> Unroller:
    schedule = obligation.schedule
    if schedule is None:
        raise EvaluationError(f"obligation {obligation.id!r} has no schedule")
    if obligation.id in stack:
        cycle = " -> ".join((*stack, obligation.id))
        raise EvaluationError(f"chained schedules form a cycle: {cycle}")
    _validate(obligation, schedule)

    def make(
        seq: _Seq | None,
        start: dt.date,
        label_of: Callable[[dt.date], str],
        nominal_of_label: Callable[[str], dt.date | None],
        sources: tuple[_Source, ...] = (),
    ) -> Unroller:
        return Unroller(
            ruleset=ruleset,
            obligation=obligation,
            schedule=schedule,
            calendar=calendar,
            seq=seq,
            start=start,
            label_of=label_of,
            nominal_of_label=nominal_of_label,
            sources=sources,
        )

    if isinstance(schedule, Once | During):
        start = _start_of(ruleset, obligation, None)
        # Without a year, a one-off falls in the year of ``effective`` (language.md section 2).
        year = schedule.year if schedule.year is not None else start.year
        day = schedule.day if isinstance(schedule, Once) else None
        nominal = _day_in_month(year, schedule.month, day)
        return make(
            _Bounded(_Single(nominal), start, None),
            start,
            _label_once,
            lambda label: nominal if label == "once" else None,
        )

    if isinstance(schedule, AfterEvent):
        return make(None, _start_of(ruleset, obligation, None), _label_once, lambda _: None)

    start = _start_of(ruleset, obligation, schedule.from_year)

    if isinstance(schedule, Chained):
        sources: list[_Source] = []
        parts: list[_Seq] = []
        for source_id in schedule.after:
            try:
                source_obligation = ruleset.obligation(source_id)
            except KeyError:
                raise EvaluationError(
                    f"obligation {obligation.id!r} is chained on unknown obligation {source_id!r}"
                ) from None
            source = _compile(ruleset, source_obligation, calendar, (*stack, obligation.id))
            source_seq = source._seq
            if source_seq is None:
                raise EvaluationError(
                    f"obligation {obligation.id!r} is chained on event-based obligation "
                    f"{source_id!r}, whose deadlines depend on events"
                )
            sources.append(_Source(obligation=source_id, unroller=source))
            parts.append(_Following(source_seq, schedule.day))
        chained_day = schedule.day
        union = _Union(parts)

        def chained_nominal(label: str) -> dt.date | None:
            ym = _parse_year_month(label)
            return None if ym is None else _day_in_month(ym[0], ym[1], chained_day)

        return make(
            _bound(union, start, schedule.until_year),
            start,
            _label_month,
            chained_nominal,
            tuple(sources),
        )

    if isinstance(schedule, Yearly):
        cyc = _Cyclic((md.month, md.day) for md in schedule.dates)
        if len(cyc.entries) == 1:

            def yearly_nominal(label: str) -> dt.date | None:
                y = _parse_year(label)
                return None if y is None else _nominal_in_cycle(cyc, y)

            return make(_bound(cyc, start, schedule.until_year), start, _label_year, yearly_nominal)

        def yearly_month_nominal(label: str) -> dt.date | None:
            ym = _parse_year_month(label)
            return None if ym is None else _nominal_in_cycle(cyc, ym[0], ym[1])

        return make(
            _bound(cyc, start, schedule.until_year), start, _label_month, yearly_month_nominal
        )

    if isinstance(schedule, EachMonth):
        month_day = schedule.day
        cyc = _Cyclic((m, month_day) for m in range(1, 13))

        def monthly_nominal(label: str) -> dt.date | None:
            ym = _parse_year_month(label)
            return None if ym is None else _day_in_month(ym[0], ym[1], month_day)

        return make(_bound(cyc, start, schedule.until_year), start, _label_month, monthly_nominal)

    if isinstance(schedule, MonthParity):
        offset = 0 if schedule.parity is Parity.EVEN else 1
        cyc = _Cyclic((2 * i - offset, None) for i in range(1, 7))

        def bimonthly_nominal(label: str) -> dt.date | None:
            yi = _parse_indexed(_BIMONTH_RE, label)
            return None if yi is None else month_end(yi[0], 2 * yi[1] - offset)

        return make(
            _bound(cyc, start, schedule.until_year), start, _label_bimonth, bimonthly_nominal
        )

    if isinstance(schedule, Quarterly):
        cyc = _Cyclic((3 * q, None) for q in range(1, 5))

        def quarter_nominal(label: str) -> dt.date | None:
            yi = _parse_indexed(_QUARTER_RE, label)
            return None if yi is None else month_end(yi[0], 3 * yi[1])

        return make(_bound(cyc, start, schedule.until_year), start, _label_quarter, quarter_nominal)

    if isinstance(schedule, HalfYearly):
        cyc = _Cyclic(((6, None), (12, None)))

        def half_nominal(label: str) -> dt.date | None:
            yi = _parse_indexed(_HALF_RE, label)
            return None if yi is None else month_end(yi[0], 6 * yi[1])

        return make(_bound(cyc, start, schedule.until_year), start, _label_half, half_nominal)

    raise EvaluationError(  # pragma: no cover - the Schedule union is closed
        f"obligation {obligation.id!r}: unknown schedule {type(schedule).__name__}"
    )
