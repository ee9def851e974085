# SPDX-License-Identifier: MIT
"""The escalation ladder of one obligation turned into dates: the first warning day, the
day each step is reached, the state of an unsatisfied period on a date, and the provisional
calendar years those dates rest on."""

from __future__ import annotations

import datetime as dt

from xzjd.model import Escalation, State, Step
from xzjd.periods import (
    FIRST_DAY,
    CalendarLike,
    Period,
    add_working_days_within,
    days_after,
)


class Ladder:
    """An escalation ladder turned into dates for one deadline."""

    def __init__(self, ladder: Escalation | None, calendar: CalendarLike) -> None:
        self.ladder = ladder
        self.calendar = calendar
        steps = () if ladder is None else ladder.steps
        self.steps = sorted(steps, key=lambda s: (s.step.severity, s.days))
        self._states: dict[tuple[dt.date, dt.date], tuple[State, int | None, Step | None]] = {}
        self._provisional: dict[tuple[object, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def warn_from(self, due: dt.date) -> dt.date | None:
        """The first day of the warning; 0001-01-01 when it would begin before that day
        (the warning is then on from the first date there is)."""
        warn = None if self.ladder is None else self.ladder.warn
        if warn is None:
            return None
        if warn.working:
            day = add_working_days_within(self.calendar, due, -warn.days)
        else:
            day = days_after(due, -warn.days)
        return FIRST_DAY if day is None else day

    def reached(self, due: dt.date) -> list[tuple[dt.date, Step]]:
        """The day each step is reached, mildest step first; a step that would be reached
        only after 9999-12-31 is left out (no evaluation date reaches it)."""
        out = []
        for s in self.steps:
            if s.working:
                day = add_working_days_within(self.calendar, due, s.days)
            else:
                day = days_after(due, s.days)
            if day is not None:
                out.append((day, s.step))
        return out

    def provisional(
        self, p: Period, state: State, on: dt.date, event: bool
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The provisional years period *p*'s record rests on: unsatisfied, and satisfied.

        The days consulted run from the first day the deadline is counted from (the event day
        of an event-based period, else the nominal deadline, which may move) to the deadline;
        an open period's state also consults the days back to its first warning day, and an
        overdue one the days after the deadline up to each step written in working days (or
        up to *on*, when the step is not reached yet). *state* is the unsatisfied state.
        """
        key = (p.opens, p.nominal_due, p.due, state, on, event)
        found = self._provisional.get(key)
        if found is None:
            found = self._provisional[key] = self._provisional_years(p, state, on, event)
        return found

    def _provisional_years(
        self, p: Period, state: State, on: dt.date, event: bool
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        calendar = self.calendar
        first = p.opens if event else p.nominal_due
        satisfied = calendar.provisional_between(min(first, p.nominal_due), p.due)
        lo, hi = first, p.due
        ladder = self.ladder
        if ladder is not None:
            if state is State.OVERDUE:
                for s in self.steps:
                    if s.working:
                        day = add_working_days_within(calendar, p.due, s.days)
                        hi = max(hi, on if day is None else min(day, on))
            elif ladder.warn is not None and ladder.warn.working:
                warn_from = self.warn_from(p.due)
                if warn_from is not None:
                    lo = min(lo, warn_from)
        if lo == first and hi == p.due:
            return satisfied, satisfied
        return calendar.provisional_between(min(lo, p.nominal_due), hi), satisfied

    def open_state(self, due: dt.date, on: dt.date) -> tuple[State, int | None, Step | None]:
        """The state of an unsatisfied period with deadline *due* on day *on* (worked out
        once per deadline and day: the periods of events share their deadlines)."""
        key = (due, on)
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = self._open_state(due, on)
        return found

    def _open_state(self, due: dt.date, on: dt.date) -> tuple[State, int | None, Step | None]:
        if on > due:
            step: Step | None = None
            for day, s in self.reached(due):
                if on >= day and (step is None or s.severity >= step.severity):
                    step = s
            return State.OVERDUE, (on - due).days, step
        warn_from = self.warn_from(due)
        if warn_from is not None and on >= warn_from:
            return State.WARNING, None, None
        return State.PENDING, None, None
