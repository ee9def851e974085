# SPDX-License-Identifier: MIT
"""One obligation on one evaluation date (:class:`Plan`): its periods in scope, their
blank states, and the templates of their records; per region, the job that the agencies of
that region share (recipients resolved once, records without filings made once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeAlias

import attrs

from xzjd.engine.ladder import Ladder
from xzjd.facts.agencies import Agency, Registry
from xzjd.model import AfterEvent, During, Obligation, Recipient, State, Step
from xzjd.periods import Period, Unroller

_DONE = State.DONE


@attrs.define
class Plan:
    """One obligation compiled for one evaluation date."""

    obligation: Obligation
    unroller: Unroller
    ladder: Ladder
    during: bool
    event: str | None
    periods: list[Period]
    labels: dict[str, int]
    states: list[tuple[State, int | None, Step | None]]
    provisional: list[tuple[tuple[int, ...], tuple[int, ...]]] = attrs.field(factory=list)
    tails: dict[tuple[str, ...], list[tuple[Any, ...]]] = attrs.field(factory=dict)
    jobs: dict[tuple[Any, ...], tuple[Any, ...]] = attrs.field(factory=dict)

    def tails_for(self, recipients: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """Every period's record without filings, less the agency (shared by all agencies)."""
        found = self.tails.get(recipients)
        if found is None:
            found = self.tails[recipients] = make_tails(
                self.obligation, self.periods, self.states, self.provisional, recipients
            )
        return found


def make_tails(
    o: Obligation,
    periods: Sequence[Period],
    states: Sequence[tuple[State, int | None, Step | None]],
    provisional: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    recipients: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    # The fields of Status after ``agency``; with nothing filed, every recipient is outstanding.
    # One more item after them, not a field: the provisional years once the period is done.
    oid, source, title = o.id, o.source, o.title
    z = (recipients,)
    return [
        (oid, p.label, p.opens, p.nominal_due, p.due, *s, recipients, (), source, title, *z, *y)
        for p, s, y in zip(periods, states, provisional, strict=True)
    ]


def make_forms(tails: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """For each period's record, its fields around the filing ids once filings came in.

    A status is ``(agency, *lead, filing ids, *rest)``. Items: the lead when done (change
    the state for late or waived) and the rest then (nothing outstanding); the lead and the
    rest of the blank record (its state, and every recipient outstanding); the deadline.
    """
    return [
        ((*t[:5], _DONE, None, None, t[8]), (t[10], t[11], (), t[14]), t[:9], t[10:14], t[4])
        for t in tails
    ]


def satisfied_lead(lead: tuple[Any, ...], state: State) -> tuple[Any, ...]:
    """A done lead of :func:`make_forms` with another state (late, waived)."""
    return (*lead[:5], state, *lead[6:])


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
        during=isinstance(schedule, During),
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
    return plan


Job: TypeAlias = tuple[Any, ...]


def job_of(plan: Plan, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> Job:
    """What the agencies of one region need to evaluate one obligation, made once."""
    key = (recipients, missing)
    found = plan.jobs.get(key)
    if found is None:
        found = plan.jobs[key] = _make_job(plan, recipients, missing)
    return found


def _make_job(plan: Plan, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> Job:
    o = plan.obligation
    tails: list[tuple[Any, ...]] | None = None
    opens: list[dt.date] | None = None
    closes: list[dt.date] | None = None
    forms: list[tuple[Any, ...]] | None = None
    if plan.event is None:
        tails = plan.tails_for(recipients)
        opens = [p.opens for p in plan.periods]
        closes = [p.closes for p in plan.periods]
        forms = make_forms(tails)
    return (
        o.id,
        o,
        plan,
        recipients,
        missing,
        tails,
        plan.labels,
        opens,
        closes,
        plan.during,
        len(recipients) > 1,
        recipients[0] if len(recipients) == 1 else None,
        forms,
    )


def jobs_for(
    registry: Registry,
    a: Agency,
    plans: Sequence[Plan],
    owed: Sequence[int],
    by_region: dict[tuple[tuple[str, ...], int], Job],
    specs: Sequence[int],
    resolved: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], tuple[Recipient, ...]]],
) -> tuple[list[Job], frozenset[str]]:
    """The jobs of the obligations *owed* for *a*'s region, and every recipient they name.

    ``specs[index]`` numbers the distinct recipient lists of the obligations, so each is
    resolved once per region (``resolved``), however many obligations name it.
    """
    jobs = []
    names: set[str] = set()
    region = a.region
    for index in owed:
        job = by_region.get((region, index))
        if job is None:
            plan = plans[index]
            action = plan.obligation.action
            if action is not None and action.recipients:
                key = (region, specs[index])
                found = resolved.get(key)
                if found is None:
                    found = resolved[key] = registry.region_recipients(region, action.recipients)
                recipients, missing = found
            else:
                recipients, missing = (), ()
            job = by_region[region, index] = job_of(plan, recipients, missing)
        names.update(job[3])
        jobs.append(job)
    return jobs, frozenset(names)
