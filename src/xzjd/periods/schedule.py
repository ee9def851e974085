# SPDX-License-Identifier: MIT
"""Unroll an obligation's schedule into periods, in closed form.

An obligation's schedule (:mod:`xzjd.model`) says *when* a duty falls due; this package turns
it into :class:`~xzjd.periods.Period` objects: a label, the window in which a filing counts, the
nominal deadline and the deadline after the calendar adjustment (language.md sections 3 and 4).

Compile once, use many times::

    unroller = compile_schedule(ruleset, obligation, calendar)
    unroller.containing(date(2010, 9, 1))       # the period whose window holds that day
    unroller.between(date(2010, 1, 1), date(2010, 12, 31))
    unroller.by_label("2010-B3")
    explain_period(unroller, period).render("zh")  # xzjd.periods.explain

:func:`compile_schedule` picks, for each schedule form, the deadline sequence
(:mod:`xzjd.periods.sequences`, where the design is set out), the labels
(:mod:`xzjd.periods.labels`) and the start, and returns the :class:`~xzjd.periods.Unroller`
(:mod:`xzjd.periods.unroller`). Deadlines move to the next working day only when asked to
(``due``); the explanation of a deadline is only computed by
:func:`~xzjd.periods.explain_period`, so plain evaluation stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from xzjd.errors import EvaluationError
from xzjd.messages import explained
from xzjd.model import (
    AfterEnd,
    AfterEvent,
    Chained,
    Cycle,
    During,
    EachMonth,
    FirstWorkingDays,
    HalfYearly,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    Ruleset,
    Schedule,
    Unit,
    Window,
    Yearly,
)
from xzjd.periods.dates import (
    FIRST_DAY,
    MAX_YEAR,
    MIN_YEAR,
    ONE_DAY,
    CalendarLike,
    add_working_days_within,
    day_in_month,
    event_deadline,
    month_end,
    month_start,
)
from xzjd.periods.labels import (
    BIMONTH_RE,
    HALF_RE,
    QUARTER_RE,
    cycle_end_of_label,
    label_bimonth,
    label_half,
    label_month,
    label_once,
    label_quarter,
    label_year,
    parse_indexed,
    parse_year,
    parse_year_month,
)
from xzjd.periods.sequences import Bounded, Cyclic, Following, Seq, SeqUnion, Shifted, Single
from xzjd.periods.unroller import Source, Unroller, line_at

__all__ = ["compile_schedule"]


def compile_schedule(ruleset: Ruleset, obligation: Obligation, calendar: CalendarLike) -> Unroller:
    """Compile an obligation's schedule for fast, repeated queries.

    *ruleset* is expected to be checked (the ``ruleset`` of a
    :class:`~xzjd.language.CheckedRuleset`, or one :func:`xzjd.load` returned): the errors
    below are what is left of the checks for a model built by hand without them.

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
        raise explained(
            EvaluationError,
            "schedule/no-effective#periods",
            file=ruleset.file,
            span=span,
            line_text=line_at(ruleset.text, span),
            obligation_id=obligation.id,
        )
    return start


def _bound(seq: Seq, start: dt.date, until_year: int | None) -> Seq:
    return Bounded(seq, start, None if until_year is None else dt.date(until_year, 12, 31))


def _nominal_in_cycle(seq: Cyclic, year: int, month: int | None = None) -> dt.date | None:
    for m, day in seq.entries:
        if month is None or m == month:
            return day_in_month(year, m, day)
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
    elif isinstance(schedule, AfterEvent | AfterEnd | FirstWorkingDays) and schedule.count < 1:
        problems.append(f"the count {schedule.count} is below 1")
    elif isinstance(schedule, Window):
        months.extend((schedule.first.month, schedule.last.month))
        days.extend((schedule.first.day, schedule.last.day))
    problems.extend(f"month {m} is not 1-12" for m in months if not 1 <= m <= 12)
    problems.extend(f"day {d} is not 1-31" for d in days if d is not None and not 1 <= d <= 31)
    years = [getattr(schedule, name, None) for name in ("year", "from_year", "until_year")]
    problems.extend(
        f"year {y} is out of range"
        for y in years
        if y is not None and not MIN_YEAR <= y <= MAX_YEAR
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
        seq: Seq | None,
        start: dt.date,
        label_of: Callable[[dt.date], str],
        nominal_of_label: Callable[[str], dt.date | None],
        sources: tuple[Source, ...] = (),
        window_of: Callable[[dt.date], dt.date] | None = None,
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
            window_of=window_of,
        )

    if isinstance(schedule, Once | During):
        start = _start_of(ruleset, obligation, None)
        # Without a year, a one-off falls in the year of ``effective`` (language.md section 2).
        year = schedule.year if schedule.year is not None else start.year
        day = schedule.day if isinstance(schedule, Once) else None
        nominal = day_in_month(year, schedule.month, day)
        return make(
            Bounded(Single(nominal), start, None),
            start,
            label_once,
            lambda label: nominal if label == "once" else None,
        )

    if isinstance(schedule, AfterEvent):
        return make(None, _start_of(ruleset, obligation, None), label_once, lambda _: None)

    start = _start_of(ruleset, obligation, schedule.from_year)

    if isinstance(schedule, Chained):
        sources: list[Source] = []
        parts: list[Seq] = []
        for source_id in schedule.after:
            try:
                source_obligation = ruleset.obligation(source_id)
            except KeyError:
                raise EvaluationError(
                    f"obligation {obligation.id!r} is chained on unknown obligation {source_id!r}"
                ) from None
            source = _compile(ruleset, source_obligation, calendar, (*stack, obligation.id))
            source_seq = source.seq
            if source_seq is None:
                raise EvaluationError(
                    f"obligation {obligation.id!r} is chained on event-based obligation "
                    f"{source_id!r}, whose deadlines depend on events"
                )
            sources.append(Source(obligation=source_id, unroller=source))
            parts.append(Following(source_seq, schedule.day))
        chained_day = schedule.day
        union = SeqUnion(parts)

        def chained_nominal(label: str) -> dt.date | None:
            ym = parse_year_month(label)
            return None if ym is None else day_in_month(ym[0], ym[1], chained_day)

        return make(
            _bound(union, start, schedule.until_year),
            start,
            label_month,
            chained_nominal,
            tuple(sources),
        )

    if isinstance(schedule, Yearly):
        cyc = Cyclic((md.month, md.day) for md in schedule.dates)
        if len(cyc.entries) == 1:

            def yearly_nominal(label: str) -> dt.date | None:
                y = parse_year(label)
                return None if y is None else _nominal_in_cycle(cyc, y)

            return make(_bound(cyc, start, schedule.until_year), start, label_year, yearly_nominal)

        def yearly_month_nominal(label: str) -> dt.date | None:
            ym = parse_year_month(label)
            return None if ym is None else _nominal_in_cycle(cyc, ym[0], ym[1])

        return make(
            _bound(cyc, start, schedule.until_year), start, label_month, yearly_month_nominal
        )

    if isinstance(schedule, EachMonth):
        month_day = schedule.day
        cyc = Cyclic((m, month_day) for m in range(1, 13))

        def monthly_nominal(label: str) -> dt.date | None:
            ym = parse_year_month(label)
            return None if ym is None else day_in_month(ym[0], ym[1], month_day)

        return make(_bound(cyc, start, schedule.until_year), start, label_month, monthly_nominal)

    if isinstance(schedule, MonthParity):
        offset = 0 if schedule.parity is Parity.EVEN else 1
        cyc = Cyclic((2 * i - offset, None) for i in range(1, 7))

        def bimonthly_nominal(label: str) -> dt.date | None:
            yi = parse_indexed(BIMONTH_RE, label)
            return None if yi is None else month_end(yi[0], 2 * yi[1] - offset)

        return make(
            _bound(cyc, start, schedule.until_year), start, label_bimonth, bimonthly_nominal
        )

    if isinstance(schedule, Quarterly):
        cyc = Cyclic((3 * q, None) for q in range(1, 5))

        def quarter_nominal(label: str) -> dt.date | None:
            yi = parse_indexed(QUARTER_RE, label)
            return None if yi is None else month_end(yi[0], 3 * yi[1])

        return make(_bound(cyc, start, schedule.until_year), start, label_quarter, quarter_nominal)

    if isinstance(schedule, HalfYearly):
        cyc = Cyclic(((6, None), (12, None)))

        def half_nominal(label: str) -> dt.date | None:
            yi = parse_indexed(HALF_RE, label)
            return None if yi is None else month_end(yi[0], 6 * yi[1])

        return make(_bound(cyc, start, schedule.until_year), start, label_half, half_nominal)

    if isinstance(schedule, AfterEnd | FirstWorkingDays):
        return _compile_counted(schedule, start, calendar, make)

    if isinstance(schedule, Window):
        first, last = schedule.first, schedule.last
        cyc = Cyclic(((last.month, last.day),))

        def window_nominal(label: str) -> dt.date | None:
            y = parse_year(label)
            return None if y is None else _nominal_in_cycle(cyc, y)

        def window_opens(nominal: dt.date) -> dt.date:
            return day_in_month(nominal.year, first.month, first.day or 1)

        return make(
            _bound(cyc, start, schedule.until_year),
            start,
            label_year,
            window_nominal,
            window_of=window_opens,
        )

    raise EvaluationError(  # pragma: no cover - the Schedule union is closed
        f"obligation {obligation.id!r}: unknown schedule {type(schedule).__name__}"
    )


# The months of each span a time limit counts from.
_CYCLE_MONTHS = {Cycle.MONTH: 1, Cycle.QUARTER: 3, Cycle.YEAR: 12}
_CYCLE_LABEL = {Cycle.MONTH: label_month, Cycle.QUARTER: label_quarter, Cycle.YEAR: label_year}


def _compile_counted(
    schedule: AfterEnd | FirstWorkingDays,
    start: dt.date,
    calendar: CalendarLike,
    make: Callable[..., Unroller],
) -> Unroller:
    """``within N days after the end of each quarter`` and ``within the first N working days
    of each month``: a time limit counted from the last day of each span, as from an event
    on that day (:func:`~xzjd.periods.dates.event_deadline`)."""
    count = schedule.count
    if isinstance(schedule, AfterEnd):
        months = _CYCLE_MONTHS[schedule.cycle]
        unit = schedule.unit
        # The spans of the `from` to `until` years.
        lo = FIRST_DAY if schedule.from_year is None else dt.date(schedule.from_year, 1, 1)
        hi = None if schedule.until_year is None else dt.date(schedule.until_year, 12, 31)
    else:
        # The first working days of month M count from the last day of month M - 1.
        months, unit = 1, Unit.WORKING_DAYS
        lo = FIRST_DAY if schedule.from_year is None else dt.date(schedule.from_year - 1, 12, 31)
        hi = None if schedule.until_year is None else dt.date(schedule.until_year, 11, 30)
    ends = Bounded(Cyclic((m, None) for m in range(months, 13, months)), lo, hi)

    def shift(end: dt.date) -> dt.date | None:
        if unit is Unit.WORKING_DAYS:
            return add_working_days_within(calendar, end, count)
        return event_deadline(end, count, unit, calendar)

    shifted = Shifted(ends, shift)
    seq = Bounded(shifted, start, None)

    if isinstance(schedule, FirstWorkingDays):

        def month_nominal(label: str) -> dt.date | None:
            end = cycle_end_of_label(1, label)
            if end is None or (end.month == 1 and end.year == MIN_YEAR):
                return None
            return shifted.image(month_start(end) - ONE_DAY)

        return make(seq, start, label_month, month_nominal, window_of=month_start)

    label_end = _CYCLE_LABEL[schedule.cycle]

    def label_of(nominal: dt.date) -> str:
        end = shifted.source_of(nominal)
        return label_end(nominal if end is None else end)

    def nominal_of(label: str) -> dt.date | None:
        end = cycle_end_of_label(months, label)
        return None if end is None else shifted.image(end)

    return make(seq, start, label_of, nominal_of)
