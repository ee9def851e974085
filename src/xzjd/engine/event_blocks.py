# SPDX-License-Identifier: MIT
"""The forms and windows of event-based blocks, the work of each event day done once.

An agency's periods of an event-based obligation come from its events
(:func:`~xzjd.engine.bind.event_forms`): one period per event, whose deadline, state on
the evaluation date, provisional years and record fields depend on the event's day alone,
save its label (the event's id). :class:`EventForms` works out each distinct
(obligation, recipients, day) once, and makes an agency's forms by setting the labels;
what it gives is what :func:`~xzjd.engine.bind.event_forms` gives. An event whose deadline
is out of range is left to :func:`~xzjd.engine.bind.event_forms`, which raises the error
at the event's place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from xzjd.engine.assign import Windows
from xzjd.engine.bind import Context, event_forms, event_periods
from xzjd.engine.plan import Forms, Plan, make_forms
from xzjd.engine.records import AGENCY, PERIOD
from xzjd.facts.tables import Filing
from xzjd.periods import DeadlineOutOfRange, Period

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EventForms", "filings_at"]

#: One event day's period: its deadline (due, also the window's close), its nominal
#: deadline, and the fields of its blank and done records (label left to set); ``None``
#: when the period gives no record (not open on the date, before ``since``, or before the
#: duty existed).
_Day = tuple[dt.date, dt.date, list[object], list[object]] | None


class EventForms:
    """:func:`~xzjd.engine.bind.event_forms` for the blocks of one evaluation (*ctx*)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._days: dict[tuple[str, tuple[str, ...], dt.date], _Day] = {}

    def __call__(
        self, plan: Plan, agency: str, recipients: tuple[str, ...]
    ) -> tuple[Sequence[Period], Forms, Windows]:
        """The periods, forms and windows of *agency*'s periods of event-based *plan*; the
        periods made when first read (for the wording of a warning)."""
        assert plan.event is not None
        ctx = self.ctx
        events = ctx.events_by_agency.get((agency, plan.event))
        if not events:
            return [], *_forms(plan, [], recipients)
        key = plan.obligation.id, recipients
        days = self._days
        chosen: list[tuple[dt.date, dt.date, str, list[object], list[object], dt.date]] = []
        for e in events:
            day = e.date
            at = (*key, day)
            if at in days:
                found = days[at]
            else:
                try:
                    found = days[at] = self._day(plan, day, recipients)
                except DeadlineOutOfRange:
                    # The error is worded at the event's place by event_forms.
                    periods, forms, windows = event_forms(ctx, plan, agency, recipients)
                    return periods, forms, windows
            if found is not None:
                due, nominal, blank, done = found
                chosen.append((nominal, day, e.id, blank, done, due))
        if len(chosen) > 1:
            chosen.sort(key=lambda c: (c[0], c[1], c[2]))
        return _Periods(ctx, plan, agency), *_forms(plan, chosen, recipients)

    def _day(self, plan: Plan, day: dt.date, recipients: tuple[str, ...]) -> _Day:
        """The period of an event on *day* (see :data:`_Day`)."""
        ctx = self.ctx
        on, since = ctx.on, ctx.since
        periods = plan.unroller.for_events((("", day),))
        if not periods:
            return None
        (p,) = periods
        if not (p.opens <= on and (since is None or p.nominal_due >= since)):
            return None
        ladder = plan.ladder
        state = ladder.open_state(p.due, on)
        provisional = ladder.provisional(p, state[0], on, True)
        forms = make_forms(plan.obligation, [p], [state], [provisional], recipients)
        return p.due, p.nominal_due, forms.blank[0], forms.done[0]


def _forms(
    plan: Plan,
    chosen: list[tuple[dt.date, dt.date, str, list[object], list[object], dt.date]],
    recipients: tuple[str, ...],
) -> tuple[Forms, Windows]:
    """The forms and windows of the periods *chosen* (in deadline order)."""
    blank: list[list[object]] = []
    done: list[list[object]] = []
    before: list[tuple[object, ...]] = []
    after: list[tuple[object, ...]] = []
    dues: list[dt.date] = []
    opens: list[dt.date] = []
    labels: dict[str, int] = {}
    for i, (_, day, label, blank_fields, done_fields, due) in enumerate(chosen):
        fields = blank_fields.copy()
        fields[PERIOD] = label
        blank.append(fields)
        record = tuple(fields)
        before.append(record[:AGENCY])
        after.append(record[AGENCY + 1 :])
        fields = done_fields.copy()
        fields[PERIOD] = label
        done.append(fields)
        dues.append(due)
        opens.append(day)
        labels[label] = i
    return Forms(blank, done, dues, before, after), Windows(opens, dues, labels, plan.during)


class _Periods(Sequence[Period]):
    """An agency's periods of an event-based obligation, made when first read."""

    def __init__(self, ctx: Context, plan: Plan, agency: str) -> None:
        self._args = ctx, plan, agency
        self._periods: list[Period] | None = None

    def _made(self) -> list[Period]:
        if self._periods is None:
            self._periods = event_periods(*self._args)[0]
        return self._periods

    def __len__(self) -> int:
        return len(self._made())

    @overload
    def __getitem__(self, index: int) -> Period: ...

    @overload
    def __getitem__(self, index: slice) -> list[Period]: ...

    def __getitem__(self, index: int | slice) -> Period | list[Period]:
        return self._made()[index]


def filings_at(filings: Sequence[Filing], positions: NDArray[np.int64]) -> list[Filing]:
    """The filings at *positions*: made at once from the columns of a
    :class:`~xzjd.facts.filing_table.FilingTable`, else read one by one."""
    taken = getattr(filings, "taken", None)
    if taken is not None:
        made: list[Filing] = taken(positions)
        return made
    return [filings[p] for p in positions.tolist()]
