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

:class:`EventRows` lays the periods of every agency's event-based blocks out as templates of
the columnar core's :class:`~xzjd.engine.table.Bank`, one after the other per block, so the
core decides their filings with the vector path as it does those of calendar periods; the
event days of each obligation are worked out together (:meth:`EventForms.prepare`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, overload

import numpy as np

from xzjd.engine.assign import Windows
from xzjd.engine.bind import Context, event_forms, event_periods
from xzjd.engine.layout import Layout
from xzjd.engine.plan import Forms, Plan, make_forms
from xzjd.engine.records import AGENCY, PERIOD
from xzjd.engine.table import Bank
from xzjd.facts.tables import Event, Filing
from xzjd.periods import DeadlineOutOfRange, Period

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["EventForms", "EventRows", "filings_at"]

#: One event day's period: its deadline (due, also the window's close), its nominal
#: deadline, and the fields of its blank and done records (label left to set); ``None``
#: when the period gives no record (not open on the date, before ``since``, or before the
#: duty existed).
_Day = tuple[dt.date, dt.date, list[object], list[object]] | None
#: A period chosen for an agency: its nominal deadline, its event's day and id, the fields of
#: its blank and done records (label left to set), its deadline.
_Chosen = tuple[dt.date, dt.date, str, list[object], list[object], dt.date]


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
        chosen = self.chosen(plan, agency, recipients)
        if chosen is None:
            # The error is worded at the event's place by event_forms.
            return event_forms(self.ctx, plan, agency, recipients)
        return _Periods(self.ctx, plan, agency), *_forms(plan, chosen, recipients)

    def chosen(self, plan: Plan, agency: str, recipients: tuple[str, ...]) -> list[_Chosen] | None:
        """*agency*'s periods of event-based *plan* that give a record, in deadline order;
        ``None`` when an event's deadline is out of range."""
        assert plan.event is not None
        return self.chosen_of(
            plan, self.ctx.events_by_agency.get((agency, plan.event), ()), recipients
        )

    def chosen_of(
        self, plan: Plan, events: Sequence[Event], recipients: tuple[str, ...]
    ) -> list[_Chosen] | None:
        """:meth:`chosen` for *events*, an agency's events of *plan*'s event."""
        if not events:
            return []
        key = plan.obligation.id, recipients
        days = self._days
        chosen: list[_Chosen] = []
        for e in events:
            day = e.date
            at = (*key, day)
            if at in days:
                found = days[at]
            else:
                try:
                    found = days[at] = self._day(plan, day, recipients)
                except DeadlineOutOfRange:
                    return None
            if found is not None:
                due, nominal, blank, done = found
                chosen.append((nominal, day, e.id, blank, done, due))
        if len(chosen) > 1:
            chosen.sort(key=lambda c: (c[0], c[1], c[2]))
        return chosen

    def prepare(self, plan: Plan, days: Iterable[dt.date], recipients: tuple[str, ...]) -> None:
        """Work out the periods of events on *days* at once, for :meth:`chosen`."""
        key = plan.obligation.id, recipients
        known = self._days
        wanted = sorted({d for d in days if (*key, d) not in known})
        try:
            periods = plan.unroller.for_events([("", d) for d in wanted])
        except DeadlineOutOfRange:
            return  # chosen() takes the days one by one and meets the one out of range
        ctx = self.ctx
        on, since = ctx.on, ctx.since
        periods = [
            p for p in periods if p.opens <= on and (since is None or p.nominal_due >= since)
        ]
        ladder = plan.ladder
        states = [ladder.open_state(p.due, on) for p in periods]
        provisional = [
            ladder.provisional(p, state[0], on, True)
            for p, state in zip(periods, states, strict=True)
        ]
        forms = make_forms(plan.obligation, periods, states, provisional, recipients)
        for d in wanted:
            known[(*key, d)] = None
        for p, blank, done in zip(periods, forms.blank, forms.done, strict=True):
            known[(*key, p.opens)] = p.due, p.nominal_due, blank, done

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


class EventRows:
    """The periods of the event-based blocks of *layout*'s agencies as templates of *bank*.

    A block (the agency ``layout.target[t]`` and an event-based plan ``layout.plans[i]`` it
    owes) whose agency has events gets its periods' templates one after the other, owed to no
    one (a record sets its recipients), so that the columnar core decides its filings as it
    does a plan's; a block whose windows do not open in order, or with an event whose
    deadline is out of range, is left to the walk, and with *exact* every block is.
    Entries are sorted by ``t * len(plans) + i``.
    """

    def __init__(self, forms: EventForms, layout: Layout, bank: Bank, exact: bool) -> None:
        plans = layout.plans
        self.plans = len(plans)
        by_event: dict[str, list[int]] = {}
        for i, p in enumerate(plans):
            if p.event is not None:
                by_event.setdefault(p.event, []).append(i)
        # The blocks (agency, plan) whose agency has events, and the days of the events.
        events_of = forms.ctx.events_by_agency
        pairs = [(g, i) for g in events_of for i in by_event.get(g[1], ())]
        t = layout.at([agency for (agency, _), _ in pairs])
        plan = np.array([i for _, i in pairs], np.int64)
        owed = np.flatnonzero(t >= 0)
        owed = owed[layout.slot[layout.profile[t[owed]], plan[owed]] >= 0]
        key = t[owed] * self.plans + plan[owed]
        order = np.argsort(key)
        #: The keys of the blocks whose agency has events of their obligation's event.
        self.happened = key[order]
        found = [
            (k, *pairs[j])
            for k, j in zip(self.happened.tolist(), owed[order].tolist(), strict=True)
            if not exact
        ]
        days: dict[int, set[dt.date]] = {}
        for _, group, i in found:
            days.setdefault(i, set()).update(e.date for e in events_of[group])
        for i, some in days.items():
            forms.prepare(plans[i], some, ())
        keys, firsts, lengths = [], [], []
        #: The index of each period of an entry, by its label (the event's id).
        self.labels: list[dict[str, int]] = []
        blank: list[list[object]] = []
        done: list[list[object]] = []
        opens: list[dt.date] = []
        dues: list[dt.date] = []
        at = len(bank.blank)
        for key, group, i in found:
            chosen = forms.chosen_of(plans[i], events_of[group], ())
            if chosen is None or any(
                a[1] > b[1] for a, b in itertools.pairwise(chosen)
            ):  # an event out of range, or windows that do not open in order: walked
                continue
            keys.append(key)
            firsts.append(at + len(blank))
            lengths.append(len(chosen))
            self.labels.append(_labelled(chosen, blank, done, opens, dues))
        bank.add(blank, done, opens, dues, dues)
        #: The key, first template and number of periods of each entry.
        self.keys = np.array(keys, np.int64)
        self.first = np.array(firsts, np.int64)
        self.length = np.array(lengths, np.int64)

    def find(self, agency: NDArray[np.int64], plan: NDArray[np.int64]) -> NDArray[np.int64]:
        """The entry of each block (its agency's index in the target and its plan), or -1."""
        return _found(self.keys, agency * self.plans + plan)

    def had_events(self, agency: NDArray[np.int64], plan: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether the agency of each block has events of its obligation's event."""
        return _found(self.happened, agency * self.plans + plan) >= 0


def _found(keys: NDArray[np.int64], key: NDArray[np.int64]) -> NDArray[np.int64]:
    """The place of each *key* in the sorted *keys*, or -1."""
    if not len(keys):
        return np.full(len(key), -1, np.int64)
    at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
    return np.where(keys[at] == key, at, -1)


def _forms(
    plan: Plan,
    chosen: list[_Chosen],
    recipients: tuple[str, ...],
) -> tuple[Forms, Windows]:
    """The forms and windows of the periods *chosen* (in deadline order)."""
    blank: list[list[object]] = []
    done: list[list[object]] = []
    dues: list[dt.date] = []
    opens: list[dt.date] = []
    labels = _labelled(chosen, blank, done, opens, dues)
    records = list(map(tuple, blank))
    before = [record[:AGENCY] for record in records]
    after = [record[AGENCY + 1 :] for record in records]
    return Forms(blank, done, dues, before, after), Windows(opens, dues, labels, plan.during)


def _labelled(
    chosen: list[_Chosen],
    blank: list[list[object]],
    done: list[list[object]],
    opens: list[dt.date],
    dues: list[dt.date],
) -> dict[str, int]:
    """Add the blank and done fields of the periods *chosen*, each labelled with its event's
    id, their windows' openings and their deadlines to the lists; the index of each period
    among *chosen* by its label."""
    labels: dict[str, int] = {}
    for i, (_, day, label, blank_fields, done_fields, due) in enumerate(chosen):
        fields = blank_fields.copy()
        fields[PERIOD] = label
        blank.append(fields)
        fields = done_fields.copy()
        fields[PERIOD] = label
        done.append(fields)
        opens.append(day)
        dues.append(due)
        labels[label] = i
    return labels


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
