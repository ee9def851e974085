# SPDX-License-Identifier: MIT
"""Facts bound to a ruleset: :class:`Facts` checks and indexes the agencies, filings and
events once (filings by agency and obligation, in date order); :class:`Context` is one
evaluation date over them (its plans, events in scope, warnings, withheld records)."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from xzjd.engine.assign import Windows
from xzjd.engine.calendars import calendar_for
from xzjd.engine.diagnostics import cell_diag, cell_place, no_notice_error, suggest
from xzjd.engine.event_names import event_name_warnings
from xzjd.engine.ladder import Ladder
from xzjd.engine.order import FilingOrder, filing_order, group_positions, suspect
from xzjd.engine.plan import Forms, Plan, make_forms, make_plan
from xzjd.engine.records import ProvisionalYearError, Status, Statuses
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.agencies import Agency, Registry, bearer_matches, describe_recipient
from xzjd.facts.columns import FilingColumns, columns_of
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset
from xzjd.messages import diagnostic
from xzjd.model import AfterEvent, AgencyBearer, Bearer, Obligation, Recipient, State, Step
from xzjd.periods import (
    CalendarLike,
    DeadlineOutOfRange,
    Period,
    Unroller,
    compile_schedule,
)


def _unknown(
    item: Filing | Event, column: str, value: str, key: str, guess: str | None
) -> Diagnostic:
    """``input/unknown-agency`` or ``input/unknown-obligation`` (*key*) at *item*'s cell,
    with *guess* as its "did you mean"."""
    return cell_diag(
        item,
        column,
        key,
        hint="did-you-mean-id" if guess else None,
        guess=guess,
        value=value,
    )


_event_date = operator.attrgetter("date")


def _held(filings: Iterable[Filing]) -> Sequence[Filing]:
    """*filings* as a sequence: a tuple, or a sequence that holds its columns (a reader's)."""
    if isinstance(filings, tuple):
        return filings
    if isinstance(filings, Sequence) and isinstance(
        getattr(filings, "columns", None), FilingColumns
    ):
        return filings
    return tuple(filings)


def _owes(agency: Agency, bearers: list[tuple[int, Bearer]], named: bool) -> tuple[int, ...]:
    """The indexes of the obligations *bearers* (each with its obligation's index) pick
    *agency* for; by its id too when *named*, else by its kind, level and tags alone."""
    return tuple(
        dict.fromkeys(
            i
            for i, b in bearers
            if (named or not isinstance(b, AgencyBearer)) and bearer_matches(agency, b)
        )
    )


class Facts:
    """The date-independent part of an evaluation: the inputs, checked and indexed once.

    The rules come checked (a :class:`~xzjd.language.CheckedRuleset`): every name in them
    refers to something, so nothing here looks a name up twice. The filings are held as
    columns (:func:`~xzjd.facts.columns.columns_of`), each distinct value checked once, and
    sorted once by agency, obligation, date and line (:meth:`order`); schedules are compiled
    once per obligation and kept for every evaluation date.
    """

    def __init__(
        self,
        checked: CheckedRuleset,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing],
        events: Iterable[Event],
        calendar: CalendarLike | None,
    ) -> None:
        ruleset = checked.ruleset
        self.checked = checked
        self.ruleset = ruleset
        self.registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
        self.filings = _held(filings)
        self.events = tuple(events)
        self.calendar = calendar_for(checked) if calendar is None else calendar
        self.obligations = {o.id: o for o in ruleset.obligations}
        self.events_by_id = {e.id: e for e in self.events}
        self._unrollers: dict[str, tuple[Unroller, Ladder]] = {}
        self._good_labels: set[tuple[str, str]] = set()
        self._latest: dict[str, dt.date | None] = {}
        self.columns = columns_of(self.filings)
        self._order: FilingOrder | None = None
        self._check_all()
        self.event_warnings = event_name_warnings(ruleset, self.events)

    def latest(self, what: str) -> dt.date | None:
        """The date of the latest filing (``what="filings"``) or event, worked out once."""
        if what not in self._latest:
            if what == "filings":
                dates = self.columns.filed_on
                found = dt.date.fromordinal(int(dates.max())) if len(dates) else None
            else:
                found = max(map(_event_date, self.events), default=None)
            self._latest[what] = found
        return self._latest[what]

    def compiled(self, obligation: Obligation) -> tuple[Unroller, Ladder]:
        """The obligation's schedule and ladder, compiled once."""
        found = self._unrollers.get(obligation.id)
        if found is None:
            ruleset = self.ruleset
            unroller = compile_schedule(ruleset, obligation, self.calendar)
            ladder_model = None
            if obligation.escalation is not None:
                # The checks guarantee the ladder exists (ref/unknown-escalation).
                ladder_model = ruleset.escalation(obligation.escalation)
            found = self._unrollers[obligation.id] = (
                unroller,
                Ladder(ladder_model, self.calendar),
            )
        return found

    def owed(self, obligations: Sequence[Obligation]) -> dict[str, tuple[int, ...]]:
        """For each agency that owes any of *obligations*, the indexes of those it owes.

        Which obligations an agency owes depends on its kind, level and tags (and on its id
        for obligations that name agencies): worked out once per profile of the registry's
        :class:`~xzjd.facts.agencies.AgencyCodes`, and once per agency named.
        """
        codes = self.registry.codes
        if not codes.unique:
            return self._owed_each(obligations)
        bearers = [(i, b) for i, o in enumerate(obligations) for b in o.bearers]
        sets = [_owes(a, bearers, False) for a in codes.profiles]
        set_of = np.array(codes.profile, np.int64)
        named = {b.agency for _, b in bearers if isinstance(b, AgencyBearer)}
        for ident in sorted(named & codes.position.keys()):
            position = codes.position[ident]
            set_of[position] = len(sets)
            sets.append(_owes(self.registry.agencies[position], bearers, True))
        owes = np.array([bool(s) for s in sets], np.bool_)[set_of]
        ids: Iterable[str] = codes.ids
        if not owes.all():
            at = np.flatnonzero(owes)
            ids, set_of = map(codes.ids.__getitem__, at.tolist()), set_of[at]
        return dict(zip(ids, map(sets.__getitem__, set_of.tolist()), strict=True))

    def _owed_each(self, obligations: Sequence[Obligation]) -> dict[str, tuple[int, ...]]:
        """:meth:`owed` when an id is that of several agencies: agency by agency."""
        named = {b.agency for o in obligations for b in o.bearers if isinstance(b, AgencyBearer)}
        profiles: dict[tuple[Any, ...], tuple[int, ...]] = {}
        owed: dict[str, tuple[int, ...]] = {}
        for a in self.registry:
            ident = a.id
            # Enum members hash in Python code: their ids (members are singletons) do not.
            key = (id(a.kind), id(a.level), a.tags, ident if ident in named else None)
            found = profiles.get(key)
            if found is None:
                found = profiles[key] = tuple(
                    i
                    for i, o in enumerate(obligations)
                    if any(bearer_matches(a, b) for b in o.bearers)
                )
            if found:
                owed[ident] = found
        return owed

    def filings_of(self, agency: str, obligation: str) -> list[Filing]:
        """The filings of one agency and obligation, in (filed_on, line) order."""
        filings = self.filings
        return [filings[i] for i in group_positions(self.columns, agency, obligation).tolist()]

    def order(self) -> FilingOrder:
        """The filings sorted by agency, obligation, date and line (made once)."""
        if self._order is None:
            self._order = filing_order(self.columns, sorted(self.obligations))
        return self._order

    @functools.cached_property
    def by_agency(self) -> dict[str, dict[str, list[Filing]]]:
        """The filings by agency, then obligation, each group in (filed_on, line) order."""
        order = self.order()
        filings = self.filings
        ids = sorted(self.obligations)
        out: dict[str, dict[str, list[Filing]]] = {}
        rank, obligation = order.rank, order.obligation
        if not len(rank):
            return out
        cuts = np.flatnonzero((rank[1:] != rank[:-1]) | (obligation[1:] != obligation[:-1])) + 1
        starts = [0, *cuts.tolist()]
        ends = [*cuts.tolist(), len(rank)]
        positions = order.position.tolist()
        for start, end in zip(starts, ends, strict=True):
            group = out.setdefault(order.agencies[int(rank[start])], {})
            group[ids[int(obligation[start])]] = [filings[i] for i in positions[start:end]]
        return out

    def _check_all(self) -> None:
        """Check every filing and event, each distinct value once in the usual case.

        Raises:
            InputError: a filing or event names something that does not exist.
        """
        ids = self.registry.ids
        if any(e.agency not in ids for e in self.events) or suspect(
            self.columns, ids, self.obligations, self._good_label
        ):
            self._check()  # raises with every problem, in file order

    def _check(self) -> None:
        """Every filing and event must name things that exist; raise InputError if not."""
        diags: list[Diagnostic] = []
        registry = self.registry
        agency = "input/unknown-agency"
        for e in self.events:
            if e.agency not in registry:
                diags.append(_unknown(e, "agency", e.agency, agency, registry.suggest(e.agency)))
        ids = registry.ids
        obligations = self.obligations
        for f in self.filings:
            if f.agency not in ids:
                diags.append(_unknown(f, "agency", f.agency, agency, registry.suggest(f.agency)))
            if f.recipient is not None and f.recipient not in ids:
                guess = registry.suggest(f.recipient)
                diags.append(_unknown(f, "recipient", f.recipient, agency, guess))
            obligation = obligations.get(f.obligation)
            if obligation is None:
                guess = suggest(f.obligation, obligations)
                diags.append(
                    _unknown(f, "obligation", f.obligation, "input/unknown-obligation", guess)
                )
                continue
            if f.period is not None:
                problem = self._label_problem(obligation, f)
                if problem is not None:
                    diags.append(problem)
        if diags:
            raise InputError(diags)

    def _good_label(self, obligation: Obligation, label: str, agency: str) -> bool:
        """Whether *label* names a period of *obligation* (for *agency*: an event's)."""
        schedule = obligation.schedule
        key = (obligation.id, label)
        if key in self._good_labels:
            return True
        if isinstance(schedule, AfterEvent):
            event = self.events_by_id.get(label)
            return event is not None and event.agency == agency and event.event == schedule.event
        unroller, _ = self.compiled(obligation)
        if unroller.by_label(label) is not None:
            self._good_labels.add(key)
            return True
        return False

    def _label_problem(self, obligation: Obligation, f: Filing) -> Diagnostic | None:
        assert f.period is not None
        if self._good_label(obligation, f.period, f.agency):
            return None
        schedule = obligation.schedule
        if isinstance(schedule, AfterEvent):
            return cell_diag(
                f,
                "period",
                "input/bad-period#event",
                obligation=obligation.id,
                period=f.period,
                agency=f.agency,
                event=schedule.event,
            )
        unroller, _ = self.compiled(obligation)
        first = unroller.first()
        return cell_diag(
            f,
            "period",
            "input/bad-period" if first is None else "input/bad-period#first",
            obligation=obligation.id,
            period=f.period,
            first=None if first is None else first.label,
        )


class Context:
    """One evaluation date over checked and indexed facts."""

    def __init__(
        self, facts: Facts, on: dt.date, since: dt.date | None, provisional: bool = True
    ) -> None:
        self.facts = facts
        self.ruleset = facts.ruleset
        self.registry = facts.registry
        self.calendar = facts.calendar
        self.obligations = facts.obligations
        self.on = on
        self.since = since
        self.provisional = provisional
        self.warnings: list[Diagnostic] = list(facts.event_warnings)
        self.withheld: list[Status] = []
        self._plans: dict[str, Plan] = {}
        self.events_by_agency: dict[tuple[str, str], list[Event]] = {}
        for e in facts.events:
            if e.date <= on:
                self.events_by_agency.setdefault((e.agency, e.event), []).append(e)

    def plan(self, obligation: Obligation) -> Plan:
        plan = self._plans.get(obligation.id)
        if plan is None:
            unroller, ladder = self.facts.compiled(obligation)
            plan = make_plan(obligation, unroller, ladder, self.on, self.since)
            self._plans[obligation.id] = plan
        return plan

    def warn(self, diag: Diagnostic) -> None:
        self.warnings.append(diag)

    def withhold(self, statuses: Iterable[Status]) -> None:
        """Set aside records that rest on a provisional year (strict mode)."""
        self.withheld.extend(statuses)

    def check_withheld(self, statuses: Statuses) -> None:
        """In strict mode, raise :class:`ProvisionalYearError` if anything was withheld."""
        if self.withheld:
            raise ProvisionalYearError(
                statuses,
                self.withheld,
                [
                    no_notice_error(
                        self.ruleset, s.agency, s.obligation, s.period, s.provisional_years
                    )
                    for s in self.withheld
                ],
                calendar=self.ruleset.calendar,
            )

    def missing_recipient(self, agency: Agency, obligation: Obligation, r: Recipient) -> None:
        self.warn(self.missing(agency, obligation, r))

    def missing(self, agency: Agency, obligation: Obligation, r: Recipient) -> Diagnostic:
        """The warning that *agency* has no recipient *r* for *obligation*."""
        what = describe_recipient(r).removeprefix("the ")
        what_zh = describe_recipient(r, "zh")
        return diagnostic(
            "recipient/missing",
            file=agency.file if agency.line else self.registry.file,
            span=agency.span,
            line_text=agency.line_text,
            place=agency.place,
            agency_id=agency.id,
            what=what,
            obligation_id=obligation.id,
            what_zh=what_zh,
        )


def context(
    checked: CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing],
    events: Iterable[Event],
    on: dt.date,
    since: dt.date | None,
    calendar: CalendarLike | None,
) -> Context:
    return Context(Facts(checked, agencies, filings, events, calendar), on, since)


def event_periods(
    ctx: Context, plan: Plan, agency: str
) -> tuple[list[Period], list[tuple[State, int | None, Step | None]], dict[str, int]]:
    """One agency's periods of an event-based obligation, their blank states and labels."""
    assert plan.event is not None
    events = ctx.events_by_agency.get((agency, plan.event))
    if not events:
        return [], [], {}
    try:
        periods = plan.unroller.for_events((e.id, e.date) for e in events)
    except DeadlineOutOfRange as exc:
        event = next(e for e in events if e.id == exc.event)
        # The error is worded by the catalogue; here it gets the place of the event's date.
        span, line_text = cell_place(event, "date")
        placed = attrs.evolve(exc.diagnostic(), file=event.file, span=span, line_text=line_text)
        raise InputError([placed]) from None
    since, on = ctx.since, ctx.on
    periods = [p for p in periods if p.opens <= on and (since is None or p.nominal_due >= since)]
    states = [plan.ladder.open_state(p.due, on) for p in periods]
    return periods, states, {p.label: i for i, p in enumerate(periods)}


def event_forms(
    ctx: Context, plan: Plan, agency: str, recipients: tuple[str, ...]
) -> tuple[list[Period], Forms, Windows]:
    """One agency's periods of an event-based obligation, their forms and windows."""
    periods, states, labels = event_periods(ctx, plan, agency)
    ladder, on = plan.ladder, ctx.on
    provisional = [
        ladder.provisional(p, s[0], on, True) for p, s in zip(periods, states, strict=True)
    ]
    forms = make_forms(plan.obligation, periods, states, provisional, recipients)
    return periods, forms, Windows.of(periods, labels, plan.during)
