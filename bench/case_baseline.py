# SPDX-License-Identifier: MIT
"""A hand-written case clock that walks each case's days one by one: the baseline of
``python -m bench.cases``.

For each day from the start: is it a working day (the ``chinese_calendar`` package, not
xzjd's calendar, called for each day as ``bench/baseline.py`` does), is the case paused,
count. Written for the rules of :mod:`bench.case_data` (working days, a ladder that warns one
working day before the deadline and urges from the day after it); it shares nothing between
cases. It is also an independent check: the bench compares its records with
``evaluate_cases``.

Meaning, as docs/cases.md gives it: the start day does not count; a pause for a listed reason
covers its day through the day of its resumption; a pause dated after the deadline, or for an
unlisted reason, does not count (nor does its resumption); an extension dated on or before the
deadline adds its days, as many times as the rule allows; stages are counted one after the
other, each from the day the one before ended, with the same pauses while they run; rows
after the evaluation date or after the end are not known. Restarts are not handled (the data
has none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar  # type: ignore[import-untyped]

from xzjd.facts.cases import Case

_ONE_DAY = dt.timedelta(days=1)
_PAUSE, _RESUME, _EXTEND = "暂停", "恢复", "延长"
_ENDS = {"办结": "done", "撤回": "withdrawn"}


@dataclass
class Spec:
    """What the baseline knows of a rule."""

    limit: int
    reasons: frozenset[str]
    extension: int
    times: int
    stages: tuple[tuple[str, int], ...] = ()


@dataclass
class Record:
    case: str
    due: dt.date
    state: str
    days_overdue: int | None
    used: int
    yellow_on: dt.date | None
    red_on: dt.date | None
    stages: list[tuple[str, dt.date, str]] = field(default_factory=list)


class Workdays:
    """``chinese_calendar.is_workday``, asked for every day walked as ``bench/baseline.py``
    does; with ``cached``, asked once per date and remembered in a dictionary."""

    def __init__(self, *, cached: bool = False) -> None:
        self.known: dict[dt.date, bool] = {}
        self.cached = cached

    def __call__(self, day: dt.date) -> bool:
        if not self.cached:
            return bool(chinese_calendar.is_workday(day))
        found = self.known.get(day)
        if found is None:
            found = self.known[day] = bool(chinese_calendar.is_workday(day))
        return found


class _Counter:
    """Working days counted towards ``count`` from the day after ``opened``."""

    def __init__(self, name: str, count: int, *, opened: dt.date) -> None:
        self.name, self.opened, self.count = name, opened, count
        self.used = 0
        self.reached: dt.date | None = None if count > 0 else opened
        self.done_on: dt.date | None = None


def evaluate(case: Case, spec: Spec, on: dt.date, workday: Workdays) -> Record | None:
    """The case on *on*, walking its days from the start; None before it starts."""
    rows = [r for r in case.rows if r.date <= on]
    if not rows:
        return None
    start = rows[0].date
    by_day: dict[dt.date, list[tuple[str, str | None]]] = {}
    for r in rows[1:]:
        by_day.setdefault(r.date, []).append((r.event, r.note))
    clock = _Counter("", spec.limit, opened=start)
    names = [s[0] for s in spec.stages]
    stages = [_Counter(*spec.stages[0], opened=start)] if spec.stages else []
    paused = False
    staged = False  # a row ends a stage: without one, no stage records (docs/cases.md)
    extensions = 0
    end: str | None = None
    yellow: dt.date | None = None
    red: dt.date | None = None
    day = start
    # The days the rows are known: from the start to the end or the evaluation date.
    while True:
        events = by_day.get(day, ())
        for event, note in events:
            past_due = clock.reached is not None and clock.reached < day
            if event == _PAUSE and not paused and note in spec.reasons and not past_due:
                paused = True
            elif event == _EXTEND and extensions < spec.times and not past_due:
                extensions += 1
                clock.count += spec.extension
                clock.reached = None
        if day > start and not paused and workday(day):
            clock.used += 1  # counted on past the deadline: the days used
            if clock.reached is None and clock.used == clock.count:
                clock.reached = day
            for c in stages:
                if c.reached is None:
                    c.used += 1
                    if c.used == c.count:
                        c.reached = day
        elif day > start and workday(day):
            for c in stages:  # a stage already ended is counted to its deadline as it was
                if c.done_on is not None and c.reached is None:
                    c.used += 1
                    if c.used == c.count:
                        c.reached = day
        if not paused:  # the signals of the day, with the rows known by then
            left = clock.count - clock.used
            if clock.reached is not None and clock.reached < day:
                red = red or day
            elif left == 1 or clock.reached == day:
                yellow = yellow or day
        for event, _ in events:
            staged = staged or event in names
            if event == _RESUME and paused:
                paused = False
            elif event in _ENDS:
                end = _ENDS[event]
            elif stages and stages[-1].done_on is None and event == stages[-1].name:
                stages[-1].done_on = day
                i = names.index(event)
                if i + 1 < len(spec.stages):
                    stages.append(_Counter(*spec.stages[i + 1], opened=day))
        if end is not None or day >= on:
            break
        day += _ONE_DAY
    last = day
    used = clock.used
    paused_on = paused and end is None
    if stages and stages[-1].done_on is None and end is not None:
        stages[-1].done_on = last
    # Beyond: no more rows; count on, unpaused, to every deadline.
    while clock.reached is None or any(c.reached is None for c in stages):
        day += _ONE_DAY
        if workday(day):
            for c in (clock, *stages):
                if c.reached is None:
                    c.used += 1
                    if c.used == c.count:
                        c.reached = day
    due = clock.reached
    overdue: int | None = None
    if end == "withdrawn":
        state = "withdrawn"
    elif end == "done":
        state = "done" if last <= due else "late"
    elif paused_on:
        state = "pending"
    elif on > due:
        state, overdue = "overdue", (on - due).days
    elif on >= _working_before(due, workday):
        state = "warning"
    else:
        state = "pending"
    out = Record(case.id, due, state, overdue, used, yellow, red)
    for c in stages if staged else ():
        assert c.reached is not None
        if c.done_on is not None:
            out.stages.append((c.name, c.reached, "late" if c.done_on > c.reached else "done"))
        else:
            out.stages.append((c.name, c.reached, "overdue" if on > c.reached else "pending"))
    return out


def _working_before(day: dt.date, workday: Workdays) -> dt.date:
    day -= _ONE_DAY
    while not workday(day):
        day -= _ONE_DAY
    return day
