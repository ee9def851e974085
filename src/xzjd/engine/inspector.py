# SPDX-License-Identifier: MIT
"""Inspection: one evaluation date opened up for one agency and one obligation at a time
(its deadlines in a range, one period's :class:`PeriodTrace`). The interface that
:mod:`xzjd.views.agenda` and :mod:`xzjd.views.why` (``explain``) build on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from xzjd.engine.assign import Outcome, Placement, Track, Windows, assign, describe, tracked_state
from xzjd.engine.bind import context, event_periods
from xzjd.engine.diagnostics import suggest, unknown_agency
from xzjd.engine.plan import Plan
from xzjd.errors import Diagnostic, EvaluationError
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, check
from xzjd.messages import explained
from xzjd.model import AfterEvent, Obligation, Recipient, Ruleset, State, Step
from xzjd.periods import FIRST_DAY, CalendarLike, Period, days_after
from xzjd.periods.explain import Explanation, explain_period

_DONE, _LATE, _WAIVED = State.DONE, State.LATE, State.WAIVED


@attrs.frozen(kw_only=True)
class PeriodTrace:
    """How one period of one agency's obligation stands on the inspection date.

    Attributes:
        period: the period (window, nominal and moved deadline, label).
        recipients: the agency ids the period is owed to.
        deadline: the steps that produced the deadline.
        outcomes: what became of each filing of the agency and obligation, in date order
            (``outcome.period`` names the period a filing counted for, or is ``None``).
        state: ``(state, days_overdue, step)``, or ``None`` when the period has not opened
            by the inspection date (then ``received``, ``warn_from`` and ``steps`` are empty).
        received: the recipients that have an accepted filing for the period, and its date.
        warn_from: the first day of the warning, if the ladder has a warn line.
        steps: the day each ladder step is reached, mildest step first.
        provisional_years: the provisional calendar years the deadline and the state were
            counted on (years without a State Council notice in the calendar data).
    """

    period: Period
    recipients: tuple[str, ...]
    deadline: Explanation
    outcomes: tuple[Outcome, ...]
    state: tuple[State, int | None, Step | None] | None
    received: Mapping[str, dt.date]
    warn_from: dt.date | None
    steps: tuple[tuple[dt.date, Step], ...]
    provisional_years: tuple[int, ...] = ()


class Inspector:
    """One evaluation date, inspected one agency and one obligation at a time.

    The internal interface of :mod:`xzjd.views.agenda` and :mod:`xzjd.views.why` (not part of
    the public API): the inputs are checked and indexed as by :func:`evaluate`, and each method
    answers one question about one agency. Missing recipients found by :meth:`recipients` with
    ``warn=True`` are collected in :attr:`warnings`.

    Raises:
        CheckError: as :func:`evaluate` (the rules are a ruleset that fails the checks).
        InputError: as :func:`evaluate` (a filing or event names something that does not
            exist).
    """

    def __init__(
        self,
        ruleset: Ruleset | CheckedRuleset,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing] = (),
        *,
        on: dt.date,
        events: Iterable[Event] = (),
        calendar: CalendarLike | None = None,
    ) -> None:
        self._ctx = context(check(ruleset), agencies, filings, events, on, None, calendar)

    @property
    def registry(self) -> Registry:
        """The agencies."""
        return self._ctx.registry

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warnings found so far."""
        return tuple(self._ctx.warnings)

    def agency(self, ident: str) -> Agency:
        """The agency *ident*.

        Raises:
            EvaluationError: no such agency.
        """
        registry = self._ctx.registry
        a = registry.get(ident)
        if a is None:
            raise unknown_agency(ident, registry)
        return a

    def obligation(self, ident: str) -> Obligation:
        """The obligation *ident*, its schedule compiled and unrolled up to the date.

        Raises:
            EvaluationError: no such obligation.
        """
        o = self._ctx.obligations.get(ident)
        if o is None:
            guess = suggest(ident, self._ctx.obligations)
            raise explained(
                EvaluationError,
                "argument/unknown-obligation",
                argument="--obligation",
                hint="did-you-mean-id" if guess else None,
                guess=guess,
                ident=ident,
            )
        self._ctx.plan(o)
        return o

    def recipients(
        self, agency: Agency, obligation: Obligation, *, warn: bool = False
    ) -> tuple[tuple[str, ...], tuple[Recipient, ...]]:
        """The agency ids *agency* owes *obligation* to, and the recipients that do not exist.

        With *warn*, each recipient that does not exist adds a warning to :attr:`warnings`.
        """
        wanted = () if obligation.action is None else obligation.action.recipients
        recipients, missing = self._ctx.registry.recipients(agency, wanted)
        if warn:
            for r in missing:
                self._ctx.missing_recipient(agency, obligation, r)
        return recipients, missing

    def deadlines(
        self, agency: Agency, obligation: Obligation, start: dt.date, end: dt.date
    ) -> list[tuple[Period, dt.date | None]]:
        """The periods of *agency*'s *obligation* whose deadline falls from *start* to *end*.

        Both ends are inclusive; each period comes with its first warning day (or ``None``).
        Event-based periods come from the agency's events dated up to the inspection date.
        """
        ctx = self._ctx
        unroller, ladder = ctx.facts.compiled(obligation)
        if isinstance(obligation.schedule, AfterEvent):
            periods, _, _ = event_periods(ctx, ctx.plan(obligation), agency.id)
        else:
            # A deadline can move up to a few weeks past its nominal day; look a month back.
            # A nominal deadline after *end* cannot be due by then: its days are not needed.
            look_back = days_after(start, -31) or FIRST_DAY
            periods = unroller.between(look_back, end, last_nominal=end)
        return [(p, ladder.warn_from(p.due)) for p in periods if start <= p.due <= end]

    def provisional_years(self, obligation: Obligation, period: Period) -> tuple[int, ...]:
        """The provisional calendar years *period*'s deadline and first warning day rest on."""
        _, ladder = self._ctx.facts.compiled(obligation)
        event = isinstance(obligation.schedule, AfterEvent)
        return ladder.provisional(period, State.PENDING, self._ctx.on, event)[0]

    def _later_event_period(self, plan: Plan, agency: Agency, label: str) -> Period | None:
        """The period of *agency*'s event *label* when that event comes after the evaluation
        date (so the period is not open yet), else ``None``."""
        ctx = self._ctx
        for e in ctx.facts.events:
            if (
                e.id == label
                and e.agency == agency.id
                and e.event == plan.event
                and e.date > ctx.on
            ):
                (p,) = plan.unroller.for_events([(e.id, e.date)])
                return p
        return None

    def trace(self, agency: Agency, obligation: Obligation, label: str) -> PeriodTrace:
        """Period *label* of *agency*'s *obligation*: its deadline, filings and state.

        Raises:
            EvaluationError: the obligation has no such period for the agency.
        """
        ctx = self._ctx
        plan = ctx.plan(obligation)
        if plan.event is None:
            periods, labels = plan.periods, plan.labels
            p = plan.unroller.by_label(label)
        else:
            periods, _, labels = event_periods(ctx, plan, agency.id)
            idx = labels.get(label)
            p = None if idx is None else periods[idx]
            if p is None:
                p = self._later_event_period(plan, agency, label)
        if p is None:
            first = plan.unroller.first() if plan.event is None else None
            key = "argument/unknown-period"
            if plan.event is not None:
                key = "argument/unknown-period#event"
            elif first is not None:
                key = "argument/unknown-period#first"
            raise explained(
                EvaluationError,
                key,
                argument="--period",
                obligation=obligation.id,
                label=label,
                agency=agency.id,
                event=plan.event,
                first=None if first is None else first.label,
            )
        recipients, _ = self.recipients(agency, obligation)
        windows = plan.windows if plan.event is None else Windows.of(periods, labels, plan.during)
        placed: list[Placement] = []
        got, _ = assign(
            windows,
            recipients,
            ctx.facts.filings_of(agency.id, obligation.id),
            ctx.on,
            ctx.since,
            trace=placed,
        )
        outcomes = [
            Outcome(x.filing, *describe(x, periods, recipients, ctx.on, ctx.since)) for x in placed
        ]
        deadline = explain_period(plan.unroller, p)
        idx = labels.get(p.label)
        event = plan.event is not None
        if p.opens > ctx.on or idx is None:
            return PeriodTrace(
                period=p,
                recipients=recipients,
                deadline=deadline,
                outcomes=tuple(outcomes),
                state=None,
                received={},
                warn_from=None,
                steps=(),
                provisional_years=plan.ladder.provisional(p, State.PENDING, ctx.on, event)[1],
            )
        track = Track.of(got[idx], recipients)
        state = plan.ladder.open_state(p.due, ctx.on)
        if track is not None:
            state = tracked_state(p, track, state)
        unsatisfied, satisfied = plan.ladder.provisional(p, state[0], ctx.on, event)
        done = state[0] in (_DONE, _LATE, _WAIVED)
        return PeriodTrace(
            provisional_years=satisfied if done else unsatisfied,
            period=p,
            recipients=recipients,
            deadline=deadline,
            outcomes=tuple(outcomes),
            state=state,
            received={} if track is None else dict(track.received),
            warn_from=plan.ladder.warn_from(p.due),
            steps=tuple(plan.ladder.reached(p.due)),
        )
