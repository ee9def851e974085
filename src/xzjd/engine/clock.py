# SPDX-License-Identifier: MIT
"""The clock of one case: its deadline after pauses, extensions and restarts, the days used
and left, its stages, and the day each signal was first raised.

The input is a case's moves (:class:`Move`), already read against its rule by
:mod:`xzjd.engine.cases`: the start, pauses and resumptions, extensions, restarts, the end of
a stage, completion or withdrawal, each on a date, in date order. The arithmetic
(docs/cases.md, "How the clock runs"):

* The limit counts *units* (days or working days) after the start day, which does not count;
  a limit in months is turned, at the start, into the days it spans.
* A pause covers its day through the day of its resumption, both included: none of those days
  counts; counting goes on the day after the resumption. A pause still open on the evaluation
  date covers the days up to it. A pause that begins after the deadline counts for nothing.
* An extension adds its units to the limit; it counts only when it is dated on or before the
  deadline as it then stands and the rule's number of extensions is not used up.
* A restart starts the count again, in full, from its day; pauses and extensions before it no
  longer count.
* The deadline is the day the counted units reach the limit; a deadline in calendar days
  that falls on a rest day moves to the next working day when the ruleset says so.
* Stages run one after the other, each counted from the day the stage before it ended (the
  first from the start), with the same pauses; a case with no row ending a stage has none.
* Signals: on each day the case is open (at the start of the day: the day it is completed or
  withdrawn counts) and not paused, it is yellow from its ladder's warning day up to the
  deadline and red after it, with the rows known by that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xzjd.engine.clock_types import (
    ClockResult,
    ClockRule,
    ClockStep,
    Move,
    MoveKind,
    StageRule,
    StageRun,
)
from xzjd.engine.ladder import Ladder
from xzjd.errors import CalendarError
from xzjd.model import State, Step, Unit
from xzjd.periods import CalendarLike, event_deadline
from xzjd.periods.dates import MAX_YEAR

__all__ = [
    "ClockMemo",
    "ClockRule",
    "ClockStep",
    "Move",
    "MoveKind",
    "StageRule",
    "StageRun",
    "run_clock",
]

_ONE_DAY = dt.timedelta(days=1)


class _Count:
    """Counting in one unit: ``count(a, b)`` the units ``x`` with ``a < x <= b``; ``add(a, n)``
    the *n*-th unit after *a*."""

    def __init__(self, unit: Unit, calendar: CalendarLike, move: bool) -> None:
        self.working = unit is Unit.WORKING_DAYS
        self.calendar = calendar
        self.move = move and not self.working
        # Answers repeat across the cases of a rule: remembered (errors are not).
        self._between: dict[tuple[dt.date, dt.date], int] = {}
        self._due: dict[tuple[dt.date, int], dt.date] = {}

    def count(self, a: dt.date, b: dt.date) -> int:
        if b <= a:
            return 0
        if self.working:
            key = (a, b)
            found = self._between.get(key)
            if found is None:
                found = self._between[key] = self.calendar.working_days_between(a, b)
            return found
        return (b - a).days

    def add(self, a: dt.date, n: int) -> dt.date:
        if self.working:
            return self.calendar.add_working_days(a, n)
        return a + dt.timedelta(days=n)

    def due(self, a: dt.date, n: int) -> dt.date:
        """The deadline *n* units after *a*, moved off a rest day when the rule says so."""
        key = (a, n)
        found = self._due.get(key)
        if found is None:
            day = self.add(a, n)
            found = self._due[key] = self.calendar.roll_forward(day) if self.move else day
        return found


class ClockMemo:
    """What the cases of one rule share, worked out once per evaluation: the counts in each
    unit with the deadlines and working days they have found, the ladder's warning day and
    open state for each deadline, and the stage records (immutable, so shared).

    Every answer is the one :class:`_Count`, :class:`~xzjd.engine.ladder.Ladder` and
    :class:`StageRun` would give afresh; a calendar error is raised again each time.
    """

    def __init__(self, rule: ClockRule, ladder: Ladder, calendar: CalendarLike) -> None:
        self.rule = rule
        self.ladder = ladder
        self.calendar = calendar
        self._counts: dict[tuple[Unit, bool], _Count] = {}
        self._warn: dict[dt.date, dt.date | None] = {}
        self._open: dict[tuple[dt.date, dt.date], tuple[State, int | None, Step | None]] = {}
        # keyed without the state, which the other fields decide (no enum hashing)
        self._stage_runs: dict[
            tuple[str, dt.date, dt.date, dt.date | None, dt.date | None], StageRun
        ] = {}
        self.count = self.counter(rule.unit, rule.move_off_rest_days)
        # each stage: its name, its units and the count in its unit
        self.stages = tuple(
            (s.name, s.count, self.counter(s.unit, rule.move_off_rest_days)) for s in rule.stages
        )

    def counter(self, unit: Unit, move: bool) -> _Count:
        key = (unit, move)
        found = self._counts.get(key)
        if found is None:
            found = self._counts[key] = _Count(unit, self.calendar, move)
        return found

    def warn_from(self, due: dt.date) -> dt.date | None:
        try:
            return self._warn[due]
        except KeyError:
            found = self._warn[due] = self.ladder.warn_from(due)
            return found

    def open_state(self, due: dt.date, on: dt.date) -> tuple[State, int | None, Step | None]:
        key = (due, on)
        found = self._open.get(key)
        if found is None:
            found = self._open[key] = self.ladder.open_state(due, on)
        return found

    def stage_run(
        self,
        name: str,
        opens: dt.date,
        due: dt.date,
        done_on: dt.date | None,
        state: State,
        overrun_on: dt.date | None,
    ) -> StageRun:
        key = (name, opens, due, done_on, overrun_on)
        found = self._stage_runs.get(key)
        if found is None:
            found = self._stage_runs[key] = StageRun(
                name=name, opens=opens, due=due, done_on=done_on, state=state, overrun_on=overrun_on
            )
        return found


class _Run:
    """A count from an anchor: ``used`` units before ``anchor`` (inclusive), paused or not."""

    def __init__(self, count: _Count, start: dt.date, limit: int) -> None:
        self.c = count
        self.anchor = start
        self.used = 0
        self.limit = limit
        self.paused_since: dt.date | None = None
        self.paused_units = 0

    def due(self) -> dt.date:
        return self.c.due(self.anchor, max(self.limit - self.used, 0))

    def due_on(self, day: dt.date) -> dt.date:
        """The deadline as known on *day* (a pause still open counts up to *day*)."""
        if self.paused_since is None:
            return self.due()
        return self.c.due(max(day, self.anchor), max(self.limit - self.used, 0))

    def pause(self, day: dt.date) -> None:
        self.used += self.c.count(self.anchor, day - _ONE_DAY)
        self.anchor = max(self.anchor, day - _ONE_DAY)
        self.paused_since = day

    def resume(self, day: dt.date) -> int:
        """End the pause on *day* (included); the units it left out."""
        left_out = self.c.count(self.anchor, day)
        self.paused_units += left_out
        self.anchor = max(self.anchor, day)
        self.paused_since = None
        return left_out

    def used_on(self, day: dt.date) -> int:
        if self.paused_since is not None:
            return self.used
        return self.used + self.c.count(self.anchor, day)


def _first(
    found: dt.date | None, lo: dt.date, hi: dt.date, first: dt.date | None
) -> dt.date | None:
    """The first day of ``[lo, hi]`` on or after *first* (*found* when already set)."""
    if found is not None or first is None:
        return found
    day = max(lo, first)
    return day if day <= hi else None


def run_clock(
    rule: ClockRule,
    moves: Sequence[Move],
    on: dt.date,
    ladder: Ladder,
    calendar: CalendarLike,
    *,
    explain: bool = False,
    memo: ClockMemo | None = None,
) -> ClockResult:
    """The clock of one case on *on*, from its *moves* dated on or before *on* (the first is
    its start). *memo*, made once for the rule's cases, saves the calendar work they share."""
    if memo is None:
        memo = ClockMemo(rule, ladder, calendar)
    count = memo.count
    start = moves[0].date
    limit = _limit(rule, start, calendar)
    run = _Run(count, start, limit)
    nominal = run.due()
    steps: list[ClockStep] = []
    violations: list[tuple[int, str]] = []
    unit_en, unit_zh = _UNIT_WORDS[Unit.DAYS if rule.unit is Unit.MONTHS else rule.unit]
    if explain:
        steps.append(
            ClockStep(
                start,
                f"started; {_en(limit, unit_en)} after it",
                f"开始计算；其后 {limit} {unit_zh}",
                limit,
                nominal,
            )
        )
    # A case none of whose rows ends a stage has no stage records: the office does not
    # record its stages (docs/cases.md).
    staged = rule.stages if any(m.kind is MoveKind.STAGE for m in moves) else ()
    stages = _Stages(staged, memo, rule.move_off_rest_days, start)
    extended = extensions = 0
    yellow: dt.date | None = None
    red: dt.date | None = None
    seg = start  # the first day of the current stretch with an unchanged deadline
    end: MoveKind | None = None
    end_day: dt.date | None = None
    for move in moves[1:]:
        day = move.date
        if run.paused_since is None and day > seg:  # close the running stretch
            due = run.due()
            yellow = _first(yellow, seg, min(day - _ONE_DAY, due), memo.warn_from(due))
            red = _first(red, seg, day - _ONE_DAY, due + _ONE_DAY)
        kind = move.kind
        if kind is MoveKind.PAUSE:
            if day > run.due():
                violations.append((move.row, "pause-after-deadline"))
                continue
            run.pause(day)
            stages.pause(day)
            if explain:
                steps.append(
                    ClockStep(day, f"paused ({move.note})", f"暂停（{move.note}）", None, None)
                )
        elif kind is MoveKind.RESUME:
            if run.paused_since is None:
                continue  # the pause was not allowed: reported at its row
            since = run.paused_since
            left_out = run.resume(day)
            stages.resume(day)
            if explain:
                steps.append(
                    ClockStep(
                        day,
                        f"resumed; {since} to {day}: {_en(left_out, unit_en)} not counted",
                        f"恢复计算；{since} 至 {day} 不计入期限，计 {left_out} {unit_zh}",
                        left_out,
                        run.due(),
                    )
                )
        elif kind is MoveKind.EXTEND:
            ext = rule.extension
            if ext is None:
                violations.append((move.row, "extension-not-allowed"))
                continue
            if extensions >= ext[2]:
                violations.append((move.row, "extension-beyond-limit"))
                continue
            current = run.due_on(day)
            if day > current:
                violations.append((move.row, "extension-after-deadline"))
                continue
            if ext[1] is rule.unit or (ext[1] is Unit.DAYS and rule.unit is Unit.MONTHS):
                added = ext[0]
            else:  # an extension in another unit: the units of the limit it spans
                other = memo.counter(ext[1], False)
                added = count.count(current, other.add(current, ext[0]))
            run.limit += added
            extended += added
            extensions += 1
            if explain:
                approver = f", approved by {move.note}" if move.note else ""
                approver_zh = f"，经{move.note}批准" if move.note else ""
                steps.append(
                    ClockStep(
                        day,
                        f"extended by {_en(ext[0], _UNIT_WORDS[ext[1]][0])}{approver}",
                        f"延长 {ext[0]} {_UNIT_WORDS[ext[1]][1]}{approver_zh}",
                        added,
                        run.due_on(day),
                    )
                )
        elif kind is MoveKind.RESTART:
            limit = _limit(rule, day, calendar)
            run = _Run(count, day, limit)
            start = day
            nominal = run.due()
            stages = _Stages(staged, memo, rule.move_off_rest_days, day)
            extended = extensions = 0
            if explain:
                steps.append(
                    ClockStep(
                        day,
                        f"counted again from here; {_en(limit, unit_en)} after it",
                        f"重新计算；其后 {limit} {unit_zh}",
                        limit,
                        nominal,
                    )
                )
        elif kind is MoveKind.STAGE:
            stages.done(move, violations)
        else:
            end, end_day = kind, day
            stages.close(day)
            break
        if kind is MoveKind.RESUME:
            seg = day + _ONE_DAY  # the resumption's day is still paused
        elif run.paused_since is None:
            seg = max(seg, day)
    last = on if end_day is None else min(end_day, on)  # open at the start of its last day
    if run.paused_since is None and last >= seg:
        due = run.due()
        yellow = _first(yellow, seg, min(last, due), memo.warn_from(due))
        red = _first(red, seg, last, due + _ONE_DAY)
    due = run.due_on(on) if end_day is None else run.due_on(end_day)
    state, days_overdue, step = _state(end, end_day, due, on, memo, run.paused_since)
    until = on if end_day is None else end_day
    used = run.used_on(until)
    left = None if end is not None or state is State.OVERDUE else max(run.limit - used, 0)
    if explain:
        done = {MoveKind.COMPLETE: ("completed", "办结"), MoveKind.WITHDRAW: ("withdrawn", "撤回")}
        if end is not None and end_day is not None:
            en, zh = done[end]
            steps.append(ClockStep(end_day, en, zh, None, due))
    return ClockResult(
        started=start,
        nominal_due=nominal,
        due=due,
        state=state,
        unit=Unit.DAYS if rule.unit is Unit.MONTHS else rule.unit,
        limit=run.limit,
        used=used,
        left=left,
        days_overdue=days_overdue,
        step=step,
        paused=run.paused_since is not None and end is None,
        paused_units=run.paused_units,
        extended_units=extended,
        extensions=extensions,
        yellow_on=yellow,
        red_on=red,
        completed_on=end_day if end is MoveKind.COMPLETE else None,
        withdrawn_on=end_day if end is MoveKind.WITHDRAW else None,
        stages=stages.runs(on, end_day),
        violations=tuple(violations),
        steps=tuple(steps),
    )


def _limit(rule: ClockRule, start: dt.date, calendar: CalendarLike) -> int:
    """The limit in units; a limit in months is the days from the start to its deadline day."""
    if rule.unit is not Unit.MONTHS:
        return rule.count
    last = event_deadline(start, rule.count, Unit.MONTHS, calendar)
    if last is None:  # past 9999-12-31: no calendar has that year
        raise CalendarError("the limit runs past 9999-12-31", year=MAX_YEAR + 1)
    return (last - start).days


def _state(
    end: MoveKind | None,
    end_day: dt.date | None,
    due: dt.date,
    on: dt.date,
    memo: ClockMemo,
    paused: dt.date | None,
) -> tuple[State, int | None, Step | None]:
    if end is MoveKind.WITHDRAW:
        return State.WITHDRAWN, None, None
    if end is MoveKind.COMPLETE and end_day is not None:
        return (State.DONE if end_day <= due else State.LATE), None, None
    if paused is not None:
        return State.PENDING, None, None
    return memo.open_state(due, on)


def _en(n: int, unit: str) -> str:
    """``1 working day``, ``2 working days``."""
    return f"{n} {unit[:-1] if n == 1 else unit}"


_UNIT_WORDS = {
    Unit.DAYS: ("days", "日"),
    Unit.WORKING_DAYS: ("working days", "个工作日"),
    Unit.MONTHS: ("months", "个月"),
}


class _Stages:
    """The stages of a case, one running at a time."""

    def __init__(
        self,
        rules: Sequence[StageRule],
        memo: ClockMemo,
        move: bool,
        start: dt.date,
    ) -> None:
        self.rules = rules
        self.memo = memo
        self.move = move
        self.done_runs: list[tuple[StageRule, dt.date, dt.date, dt.date | None]] = []
        self.current = self._open(0, start) if rules else None

    def _open(self, i: int, day: dt.date) -> tuple[int, dt.date, _Run]:
        r = self.rules[i]
        return i, day, _Run(self.memo.counter(r.unit, self.move), day, r.count)

    def pause(self, day: dt.date) -> None:
        if self.current is not None:
            run = self.current[2]
            if day <= run.due():
                run.pause(day)

    def resume(self, day: dt.date) -> None:
        if self.current is not None and self.current[2].paused_since is not None:
            self.current[2].resume(day)

    def done(self, move: Move, violations: list[tuple[int, str]]) -> None:
        if self.current is None or self.rules[self.current[0]].name != move.note:
            violations.append((move.row, "stage-out-of-order"))
            return
        i, opened, run = self.current
        self.done_runs.append((self.rules[i], opened, run.due_on(move.date), move.date))
        self.current = self._open(i + 1, move.date) if i + 1 < len(self.rules) else None

    def close(self, day: dt.date) -> None:
        """The case ended on *day*: so did the stage that was running."""
        if self.current is not None:
            i, opened, run = self.current
            self.done_runs.append((self.rules[i], opened, run.due_on(day), day))
            self.current = None

    def runs(self, on: dt.date, end: dt.date | None) -> tuple[StageRun, ...]:
        out = []
        for rule, opened, due, done_on in self.done_runs:
            late = done_on is not None and done_on > due
            out.append(
                self.memo.stage_run(
                    rule.name,
                    opened,
                    due,
                    done_on,
                    State.LATE if late else State.DONE,
                    due + _ONE_DAY if late else None,
                )
            )
        if self.current is not None and end is None:
            i, opened, run = self.current
            due = run.due_on(on)
            over = on > due
            out.append(
                self.memo.stage_run(
                    self.rules[i].name,
                    opened,
                    due,
                    None,
                    State.OVERDUE if over else State.PENDING,
                    due + _ONE_DAY if over else None,
                )
            )
        return tuple(out)
