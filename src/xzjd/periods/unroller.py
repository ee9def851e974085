# SPDX-License-Identifier: MIT
"""Periods, and the :class:`Unroller` that answers questions about an obligation's periods.

An :class:`Unroller` (made by :func:`xzjd.periods.compile_schedule`) turns the nominal
deadlines of its sequence into :class:`Period` objects: the label, the window in which a
filing counts, the nominal deadline and the deadline moved off a rest day when the ruleset
says so. It finds the period that holds a date, looks a label up, lists the periods of a
range, and gives the periods of events for ``within N ... after`` schedules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import attrs

from xzjd.errors import CheckError, EvaluationError, Span
from xzjd.messages import diagnostic, explained
from xzjd.model import AfterEvent, During, Obligation, RestDayPolicy, Ruleset, Schedule
from xzjd.periods.dates import (
    LAST_DAY,
    ONE_DAY,
    CalendarLike,
    add_months,
    event_deadline,
    month_end,
    month_start,
    roll_forward_within,
)
from xzjd.periods.sequences import Seq
from xzjd.vocab import UNIT_ZH

__all__ = ["DeadlineOutOfRange", "Period", "Unroller"]

# Periods kept per unroller (a period depends only on its nominal deadline); about 80 years
# of monthly periods. Past the limit the cache starts again, so memory stays bounded.
_CACHE_LIMIT = 1000


class DeadlineOutOfRange(EvaluationError):
    """The deadline that an event starts falls after 9999-12-31, the last date there is.

    Raised by :meth:`Unroller.for_events`, which knows the event only by its id (``event``);
    :func:`xzjd.engine.evaluate` reports it as an :class:`~xzjd.errors.InputError` at the
    event's date.
    """

    event: str = ""


def _out_of_range(event: str, schedule: AfterEvent, obligation: Obligation) -> DeadlineOutOfRange:
    error = explained(
        DeadlineOutOfRange,
        "date/out-of-range#event",
        obligation=obligation.id,
        count=schedule.count,
        unit=schedule.unit.value,
        unit_zh=UNIT_ZH[schedule.unit],
        event=event,
    )
    error.event = event
    return error


def line_at(text: str, span: Span | None) -> str | None:
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


@attrs.frozen(kw_only=True)
class Source:
    """A compiled source obligation of a chained schedule."""

    obligation: str
    unroller: Unroller


class Unroller:
    """The periods of one obligation under one ruleset and calendar.

    Made by :func:`compile_schedule`. One instance may serve any number of agencies and dates:
    besides a bounded store of the periods already computed (a period depends only on its
    nominal deadline), it keeps no state between queries.

    The compiled sequence of nominal deadlines is :attr:`seq` (``None`` for an event-based
    schedule), which chained schedules compile from.
    """

    def __init__(
        self,
        *,
        ruleset: Ruleset,
        obligation: Obligation,
        schedule: Schedule,
        calendar: CalendarLike,
        seq: Seq | None,
        start: dt.date,
        label_of: Callable[[dt.date], str],
        nominal_of_label: Callable[[str], dt.date | None],
        sources: tuple[Source, ...] = (),
        window_of: Callable[[dt.date], dt.date] | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.obligation = obligation
        self.schedule = schedule
        self.calendar = calendar
        self.start = start
        self.seq = seq
        self._label_of = label_of
        self._nominal_of_label = nominal_of_label
        self._sources = sources
        # A window (`during July`, `between January 1 and June 30 each year`, `within the
        # first 5 working days of each month`) opens on its own first day, takes filings
        # inside it only, and its deadline, its last day, never moves.
        if window_of is None and isinstance(schedule, During):
            window_of = month_start
        self._window_of = window_of
        self._move = ruleset.rest_days is RestDayPolicy.MOVE and window_of is None
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
    def windowed(self) -> bool:
        """True for a window: only a filing inside ``opens..closes`` counts for a period."""
        return self._window_of is not None

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
        if self._window_of is not None:
            return self._window_of(nominal)
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
                diagnostic(
                    "date/out-of-range",
                    file=ruleset.file,
                    span=span,
                    line_text=line_at(ruleset.text, span),
                    nominal=nominal,
                    obligation_id=self.obligation.id,
                )
            ]
        )

    def _basis(self, nominal: dt.date) -> tuple[str, ...]:
        py, pm = add_months(nominal.year, nominal.month, -1)
        first, last = dt.date(py, pm, 1), month_end(py, pm)
        out: list[str] = []
        for source in self._sources:
            for p in source.unroller._nominal_range(first, last):
                out.append(f"{source.obligation}:{source.unroller._label_of(p)}")
        return tuple(out)

    def _nominal_range(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Nominal deadlines of this obligation's periods from ``first`` to ``last``."""
        out: list[dt.date] = []
        if self.seq is None:
            return out
        n = self.seq.first_at_or_after(first)
        while n is not None and n <= last:
            out.append(n)
            n = None if n == LAST_DAY else self.seq.first_at_or_after(n + ONE_DAY)
        return out

    # ----------------------------------------------------------------- queries

    def between(
        self, start: dt.date, end: dt.date, *, last_nominal: dt.date | None = None
    ) -> list[Period]:
        """Periods whose window opens on or before ``end`` and whose nominal deadline is on or
        after ``start`` (and, given ``last_nominal``, on or before it), in deadline order.
        Event-based schedules have none (see :meth:`for_events`)."""
        out: list[Period] = []
        seq = self.seq
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
        seq = self.seq
        if seq is None:
            return None
        n = seq.first_at_or_after(d)
        if n is None:
            return None
        period = self._periods.get(n) or self._make(n, seq.last_before(n))
        return period if period.opens <= d else None

    def by_label(self, label: str) -> Period | None:
        """The period with this label, or None if the obligation has no such period."""
        seq = self.seq
        if seq is None:
            return None
        n = self._nominal_of_label(label)
        if n is None or seq.first_at_or_after(n) != n:
            return None
        return self._periods.get(n) or self._make(n, seq.last_before(n))

    def first(self) -> Period | None:
        """The first period, or None when the schedule has none (or is event-based)."""
        seq = self.seq
        if seq is None:
            return None
        n = seq.first_at_or_after(self.start)
        return None if n is None else self._make(n, None)

    def next_after(self, period: Period) -> Period | None:
        """The period after ``period``, or None."""
        seq = self.seq
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
