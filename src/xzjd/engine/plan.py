# SPDX-License-Identifier: MIT
"""One obligation on one evaluation date (:class:`Plan`): its periods in scope, their
blank states, their windows and the templates of their records (:class:`Forms`); per
region, the :class:`Job` that the agencies of that region share (recipients resolved once,
records without filings made once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from xzjd.engine.assign import NO_WINDOWS, Windows
from xzjd.engine.ladder import Ladder
from xzjd.engine.records import (
    AGENCY,
    DAYS_OVERDUE,
    DELIVERABLE,
    DUE,
    NOMINAL_DUE,
    OBLIGATION,
    OPENS,
    OUTSTANDING,
    PERIOD,
    PROVISIONAL_YEARS,
    RECIPIENTS,
    SOURCE,
    STATE,
    STEP,
    TITLE,
    Status,
)
from xzjd.facts.agencies import Agency, Registry
from xzjd.model import AfterEvent, Obligation, Recipient, State, Step
from xzjd.periods import FIRST_DAY, Period, Unroller


@attrs.define
class Forms:
    """The records of an obligation's periods for one list of recipients, agency left blank.

    For period *i*: ``blank[i]`` holds the fields of its record with nothing filed (its
    state on the date, every recipient outstanding); ``done[i]`` those of its record once
    satisfied by the deadline (state done, nothing outstanding, the provisional years of a
    satisfied period); ``due[i]`` its deadline. A record is made by copying one of them,
    setting the fields that differ (the agency, the filing ids, a late or waived state) at
    their names' positions (:data:`~xzjd.engine.records.FIELD_AT`) and making a
    :class:`Status` of it; a blank record, the most common, by joining ``before[i]`` (the
    fields before the agency), the agency and ``after[i]`` (the fields after it).
    """

    blank: list[list[object]]
    done: list[list[object]]
    due: list[dt.date]
    before: list[tuple[object, ...]]
    after: list[tuple[object, ...]]


#: A record with every field given by keyword: the start of every template.
_EMPTY = Status(
    agency="",
    obligation="",
    period="",
    opens=FIRST_DAY,
    nominal_due=FIRST_DAY,
    due=FIRST_DAY,
    state=State.PENDING,
    days_overdue=None,
    step=None,
    recipients=(),
    filings=(),
    source=None,
    title=None,
    outstanding=(),
    provisional_years=(),
    deliverable=None,
    satisfied_on=None,
    days_late=None,
)
_DONE = State.DONE


def make_forms(
    o: Obligation,
    periods: Sequence[Period],
    states: Sequence[tuple[State, int | None, Step | None]],
    provisional: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    recipients: tuple[str, ...],
) -> Forms:
    """The :class:`Forms` of *periods*, with their blank *states* and *provisional* years
    (``(while unsatisfied, once satisfied)``), owed to *recipients*."""
    common: list[object] = [*_EMPTY]  # the fields every period shares, then each one's own
    common[OBLIGATION] = o.id
    common[RECIPIENTS] = recipients
    common[SOURCE] = o.source
    common[TITLE] = o.title
    common[DELIVERABLE] = None if o.action is None else o.action.deliverable
    common[OUTSTANDING] = recipients
    blank: list[list[object]] = []
    done: list[list[object]] = []
    before: list[tuple[object, ...]] = []
    after: list[tuple[object, ...]] = []
    for p, (state, days, step), (unsatisfied, satisfied) in zip(
        periods, states, provisional, strict=True
    ):
        fields = common.copy()
        fields[PERIOD] = p.label
        fields[OPENS] = p.opens
        fields[NOMINAL_DUE] = p.nominal_due
        fields[DUE] = p.due
        fields[STATE] = state
        fields[DAYS_OVERDUE] = days
        fields[STEP] = step
        fields[PROVISIONAL_YEARS] = unsatisfied
        blank.append(fields)
        record = tuple(fields)
        before.append(record[:AGENCY])
        after.append(record[AGENCY + 1 :])
        fields = fields.copy()
        fields[STATE] = _DONE
        fields[DAYS_OVERDUE] = None
        fields[STEP] = None
        fields[OUTSTANDING] = ()
        fields[PROVISIONAL_YEARS] = satisfied
        done.append(fields)
    return Forms(blank, done, [p.due for p in periods], before, after)


@attrs.define
class Plan:
    """One obligation compiled for one evaluation date.

    An event-based obligation has its periods per agency (from the agency's events): its
    ``periods``, ``states`` and ``provisional`` are empty and ``windows`` is ``NO_WINDOWS``.
    """

    obligation: Obligation
    unroller: Unroller
    ladder: Ladder
    during: bool
    event: str | None
    periods: list[Period]
    labels: dict[str, int]
    states: list[tuple[State, int | None, Step | None]]
    provisional: list[tuple[tuple[int, ...], tuple[int, ...]]] = attrs.field(factory=list)
    windows: Windows = NO_WINDOWS
    forms: dict[tuple[str, ...], Forms] = attrs.field(factory=dict)
    jobs: dict[tuple[tuple[str, ...], tuple[Recipient, ...]], Job] = attrs.field(factory=dict)

    def forms_for(self, recipients: tuple[str, ...]) -> Forms:
        """Every period's :class:`Forms` for *recipients* (shared by all agencies)."""
        found = self.forms.get(recipients)
        if found is None:
            found = self.forms[recipients] = make_forms(
                self.obligation, self.periods, self.states, self.provisional, recipients
            )
        return found


def make_plan(
    obligation: Obligation,
    unroller: Unroller,
    ladder: Ladder,
    on: dt.date,
    since: dt.date | None,
) -> Plan:
    schedule = obligation.schedule
    event = schedule.event if isinstance(schedule, AfterEvent) else None
    plan = Plan(
        obligation=obligation,
        unroller=unroller,
        ladder=ladder,
        during=unroller.windowed,
        event=event,
        periods=[],
        labels={},
        states=[],
    )
    if event is None:
        # With `since`, history before it is closed: those periods are not unrolled at all,
        # so the cost of one date does not grow with the years since `effective`.
        start = unroller.start if since is None else max(since, unroller.start)
        periods = unroller.between(start, on)
        plan.periods = periods
        plan.labels = {p.label: i for i, p in enumerate(periods)}
        plan.states = [ladder.open_state(p.due, on) for p in periods]
        plan.provisional = [
            ladder.provisional(p, state[0], on, False)
            for p, state in zip(periods, plan.states, strict=True)
        ]
        plan.windows = Windows.of(periods, plan.labels, plan.during)
    return plan


@attrs.frozen(eq=False)
class Job:
    """What the agencies of one region need to evaluate one obligation, made once.

    For an event-based obligation ``forms`` is ``None`` and ``windows`` empty: its periods
    are the agency's own. The forms are made when first asked for (the columnar core makes
    most records from the plan's own).
    """

    plan: Plan
    oid: str
    recipients: tuple[str, ...]
    missing: tuple[Recipient, ...]
    windows: Windows

    @property
    def forms(self) -> Forms | None:
        """The :class:`Forms` of the obligation's periods for these recipients (made once)."""
        plan = self.plan
        return None if plan.event is not None else plan.forms_for(self.recipients)


def job_of(plan: Plan, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> Job:
    """The job of *plan* for *recipients* (*missing*: the recipients that do not exist)."""
    key = (recipients, missing)
    found = plan.jobs.get(key)
    if found is None:
        found = plan.jobs[key] = Job(plan, plan.obligation.id, recipients, missing, plan.windows)
    return found


def jobs_for(
    registry: Registry,
    a: Agency,
    plans: Sequence[Plan],
    owed: Sequence[int],
    by_region: dict[tuple[Any, ...], Job],
    specs: Sequence[int],
    resolved: dict[tuple[Any, ...], tuple[tuple[str, ...], tuple[Recipient, ...]]],
    counterpart: frozenset[int] = frozenset(),
) -> tuple[list[Job], frozenset[str]]:
    """The jobs of the obligations *owed* for *a*'s region, and every recipient they name.

    ``specs[index]`` numbers the distinct recipient lists of the obligations, so each is
    resolved once per region (``resolved``), however many obligations name it. The
    obligations of *counterpart* name ``the upper-level counterpart``: theirs are resolved
    once per region and system (条线).
    """
    jobs = []
    names: set[str] = set()
    region = a.region
    for index in owed:
        system = a.system if index in counterpart else None
        place = (region, index) if system is None else (region, index, system)
        job = by_region.get(place)
        if job is None:
            plan = plans[index]
            action = plan.obligation.action
            if action is not None and action.recipients:
                key = (region, specs[index], system)
                found = resolved.get(key)
                if found is None:
                    found = resolved[key] = registry.region_recipients(
                        region, action.recipients, system
                    )
                recipients, missing = found
            else:
                recipients, missing = (), ()
            job = by_region[place] = job_of(plan, recipients, missing)
        names.update(job.recipients)
        jobs.append(job)
    return jobs, frozenset(names)
