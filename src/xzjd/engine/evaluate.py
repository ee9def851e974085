# SPDX-License-Identifier: MIT
"""Evaluation: the state of every period of every agency on one date.

:func:`evaluate` is a pure function of the ruleset, the agencies, the filings, the events and
the evaluation date ``on``; it never reads the clock. Its result is a list of :class:`Status`
records sorted by agency, obligation and deadline, with the warnings it found (a recipient
that does not exist, a filing that fits no period) in ``.warnings``; the library never prints.

Semantics (language.md section 4; decisions in docs/evaluation.md):

* Each obligation is unrolled **once** per evaluation; deadlines do not depend on the agency
  (except event-based ones, unrolled per agency from its events). The state of a period with
  no filing is also computed once per period and shared by every agency, and recipients are
  resolved once per region. :class:`Evaluator` keeps the checked and indexed inputs and the
  compiled schedules for any number of dates; :func:`iter_evaluate` yields the statuses one
  agency at a time.
* Filings are indexed by (agency, obligation) and taken in date order; one merge walk over
  the periods and the filings assigns them. A filing counts for the period it names, or
  else for the earliest period whose window has opened by the filing date and that its
  recipient has not yet received (a filing with no recipient: that not every recipient has
  received). A ``during`` period only takes filings dated inside its month.
* A period is satisfied when every recipient has an accepted filing; ``returned`` satisfies
  nothing, ``waived`` waives the period. Filings dated after ``on`` are ignored.
* States: ``waived``; ``done`` / ``late`` (satisfied on or before / after the deadline);
  ``overdue`` (after the deadline; ``days_overdue`` in calendar days, ``step`` the most severe
  ladder step reached, a step of ``N [working] days after`` being reached on the Nth [working]
  day after the deadline); ``warning`` (from the warn line's Nth [working] day before the
  deadline up to the deadline); ``pending``.
* A record whose dates or state were computed from a provisional calendar year (a year with
  no State Council notice in the calendar data, derived from the holiday law) names those
  years in ``Status.provisional_years``; the run then warns once (``calendar/provisional``).
  With ``provisional=False`` such records are withheld and the evaluation raises
  :class:`ProvisionalYearError`, which carries every other record.

:class:`Inspector` opens one evaluation date up for one agency and obligation at a time (its
deadlines in a range, one period's :class:`PeriodTrace`): the interface that
:mod:`xzjd.views.agenda` and :mod:`xzjd.views.why` (``explain``) build on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

import attrs

from xzjd import calendar as cal
from xzjd.errors import (
    CalendarError,
    Diagnostic,
    EvaluationError,
    InputError,
    Severity,
    Span,
)
from xzjd.facts.agencies import Agency, Registry, bearer_matches, describe_recipient
from xzjd.facts.tables import Event, Filing, FilingStatus
from xzjd.model import (
    AfterEvent,
    AgencyBearer,
    CalendarDecl,
    During,
    Escalation,
    Obligation,
    Recipient,
    Ruleset,
    State,
    Step,
)
from xzjd.periods import (
    FIRST_DAY,
    CalendarLike,
    DeadlineOutOfRange,
    Period,
    Unroller,
    add_working_days_within,
    compile_schedule,
    days_after,
)
from xzjd.periods.explain import Explanation, explain_period
from xzjd.text.lines import lines_of
from xzjd.vocab import FILING_STATUS_ZH

__all__ = [
    "Evaluator",
    "Progress",
    "ProvisionalYearError",
    "State",
    "Status",
    "StatusStream",
    "Statuses",
    "calendar_for",
    "evaluate",
    "iter_evaluate",
    "no_notice_error",
    "provisional_warning",
]

ONE_DAY = dt.timedelta(days=1)


class Status(NamedTuple):
    """The state of one period of one agency's obligation on the evaluation date.

    An immutable named tuple: cheap to make by the million. ``to_json()`` gives the record of
    language.md section 6 (``title``, ``outstanding`` and ``provisional_years`` are not part
    of it; a provisional record adds ``"provisional": true``).
    ``outstanding`` holds the recipients that have not yet received an accepted filing for
    the period, in the order of ``recipients``; it is empty once the period is done, late or
    waived. ``provisional_years`` names the provisional calendar years (years without a State
    Council notice in the calendar data, see docs/calendar.md) whose days the record's dates
    or state were computed from; ``provisional`` says whether there is any.
    """

    agency: str
    obligation: str
    period: str
    opens: dt.date
    nominal_due: dt.date
    due: dt.date
    state: State
    days_overdue: int | None
    step: Step | None
    recipients: tuple[str, ...]
    filings: tuple[str, ...]
    source: str | None
    title: str | None = None
    outstanding: tuple[str, ...] = ()
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        """Whether a date or the state of this record rests on a provisional calendar year."""
        return bool(self.provisional_years)

    def to_json(self) -> dict[str, Any]:
        """The JSON record: the keys and key order of language.md section 6.

        A record computed from a provisional calendar year ends with ``"provisional": true``;
        every other record has exactly the keys of section 6.
        """
        record = {
            "agency": self.agency,
            "obligation": self.obligation,
            "period": self.period,
            "opens": self.opens.isoformat(),
            "nominal_due": self.nominal_due.isoformat(),
            "due": self.due.isoformat(),
            "state": self.state.value,
            "days_overdue": self.days_overdue,
            "step": None if self.step is None else self.step.value,
            "recipients": list(self.recipients),
            "filings": list(self.filings),
            "source": self.source,
        }
        if self.provisional_years:
            record["provisional"] = True
        return record


class Statuses(list[Status]):
    """The result of :func:`evaluate`: a list of :class:`Status`, plus ``warnings``."""

    warnings: tuple[Diagnostic, ...] = ()


class ProvisionalYearError(CalendarError):
    """Strict evaluation met periods that need a year without a State Council notice.

    Raised by :func:`evaluate`, :meth:`Evaluator.on` and (once exhausted) a
    :class:`StatusStream` made with ``provisional=False``. The evaluation ran: ``statuses``
    holds every record that needs no provisional year, with the run's warnings;
    ``withheld`` the records that do; ``diagnostics`` one error for each withheld record,
    naming the agency, the obligation, the period and the years.
    """

    def __init__(
        self,
        statuses: Statuses,
        withheld: Sequence[Status],
        diagnostics: Sequence[Diagnostic],
        *,
        calendar: str,
        years: Sequence[int] = (),
    ) -> None:
        years = sorted({y for s in withheld for y in s.provisional_years} | set(years))
        n = max(len(withheld), 1)
        super().__init__(
            f"{n} period{'s' if n != 1 else ''} need{'s' if n == 1 else ''} "
            f"{', '.join(map(str, years))}, for which calendar '{calendar}' has no "
            "State Council notice",
            calendar=calendar,
            year=years[0] if years else None,
        )
        self.statuses = statuses
        self.withheld = tuple(withheld)
        self.diagnostics = tuple(diagnostics)


# --------------------------------------------------------------------------- calendars


def calendar_for(ruleset: Ruleset) -> CalendarLike:
    """The working-day calendar a ruleset names: built in, or declared in the ruleset.

    Raises:
        EvaluationError: the calendar is neither built in nor declared.
    """
    if any(c.file is not None for c in ruleset.calendars):
        # Calendar files are read on every call: their content may change between calls.
        folder = Path(ruleset.file).parent if ruleset.file not in ("", "<string>") else Path()
        return _build_calendar(ruleset.calendar, ruleset.calendars, folder, ruleset)
    return _calendar(ruleset.calendar, ruleset.calendars)


@functools.lru_cache(maxsize=32)
def _calendar(name: str, calendars: tuple[CalendarDecl, ...]) -> CalendarLike:
    """The calendar *name* given the declared *calendars*; built once per declaration set."""
    return _build_calendar(name, calendars, None, None)


def _build_calendar(
    name: str,
    calendars: tuple[CalendarDecl, ...],
    folder: Path | None,
    ruleset: Ruleset | None,
) -> CalendarLike:
    declared = {c.name: c for c in calendars}
    seen: list[str] = []

    def build(calendar_name: str) -> Any:
        if calendar_name in seen:
            raise EvaluationError(f"calendar {calendar_name!r} is based on itself")
        seen.append(calendar_name)
        decl = declared.get(calendar_name)
        if decl is None:
            try:
                return cal.builtin(calendar_name)
            except (KeyError, ValueError, LookupError) as exc:
                raise EvaluationError(f"unknown calendar {calendar_name!r}") from exc
        base = build(decl.base or "cn")
        if decl.file is not None and folder is not None and ruleset is not None:
            return _calendar_file(ruleset, decl, folder / decl.file, base)
        return base.extend(decl.name, rest=decl.rest, work=decl.work)

    result: CalendarLike = build(name)
    return result


def _calendar_file(ruleset: Ruleset, decl: CalendarDecl, path: Path, base: Any) -> Any:
    """``calendar NAME based on BASE from "FILE"``: the file's days laid over *base*."""
    if not path.is_file():
        raise InputError(
            [
                Diagnostic(
                    code="calendar/unreadable",
                    message=f"calendar {decl.name!r}: no calendar file {str(path)!r}",
                    message_zh=f"日历 {decl.name}：找不到日历文件 {str(path)!r}",
                    file=ruleset.file,
                    span=decl.span,
                    line_text=_line_of(ruleset, decl.span),
                    hint="the path is relative to the rules file's folder; make the file with "
                    "xzjd calendar import NOTICE.txt -o FILE.csv",
                    hint_zh="路径相对于规则文件所在目录；可用 xzjd calendar import 通知.txt -o "
                    "文件.csv 生成",
                )
            ]
        )
    return cal.Calendar.from_file(path, name=decl.name, base=base)


# --------------------------------------------------------------------------- internals


@attrs.define
class _Track:
    """What the filings assigned to one period add up to."""

    filings: list[str] = attrs.field(factory=list)
    received: dict[str, dt.date] = attrs.field(factory=dict)
    done_on: dt.date | None = None
    waived: bool = False

    def has_received(self, recipient: str | None, recipients: Sequence[str]) -> bool:
        if self.waived:
            return True
        if not recipients:
            return self.done_on is not None
        if recipient is None:
            return all(r in self.received for r in recipients)
        return recipient in self.received

    def add(self, filing: Filing, recipients: Sequence[str]) -> None:
        self.filings.append(filing.id)
        if filing.status is FilingStatus.WAIVED:
            self.waived = True
        elif filing.status is FilingStatus.ACCEPTED:
            if not recipients:
                if self.done_on is None:
                    self.done_on = filing.filed_on
            elif filing.recipient is None:
                for r in recipients:
                    self.received.setdefault(r, filing.filed_on)
            else:
                self.received.setdefault(filing.recipient, filing.filed_on)

    def satisfied_on(self, recipients: Sequence[str]) -> dt.date | None:
        if not recipients:
            return self.done_on
        if len(recipients) == 1:
            return self.received.get(recipients[0])
        dates = [self.received.get(r) for r in recipients]
        if any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)


@attrs.frozen
class Outcome:
    """What became of one filing: the period it counted for (or ``None``) and why."""

    filing: Filing
    period: str | None
    reason: str
    reason_zh: str


class _Ladder:
    """An escalation ladder turned into dates for one deadline."""

    def __init__(self, ladder: Escalation | None, calendar: CalendarLike) -> None:
        self.ladder = ladder
        self.calendar = calendar
        steps = () if ladder is None else ladder.steps
        self.steps = sorted(steps, key=lambda s: (s.step.severity, s.days))

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
        """The state of an unsatisfied period with deadline *due* on day *on*."""
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


@attrs.define
class _Plan:
    """One obligation compiled for one evaluation date."""

    obligation: Obligation
    unroller: Unroller
    ladder: _Ladder
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
            found = self.tails[recipients] = _tails(
                self.obligation, self.periods, self.states, self.provisional, recipients
            )
        return found


def _tails(
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


def _forms(tails: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """For each period's record, its fields around the filing ids once filings came in.

    A status is ``(agency, *lead, filing ids, *rest)``. Items: the lead when done (change
    the state for late or waived) and the rest then (nothing outstanding); the lead and the
    rest of the blank record (its state, and every recipient outstanding); the deadline.
    """
    return [
        ((*t[:5], _DONE, None, None, t[8]), (t[10], t[11], (), t[14]), t[:9], t[10:14], t[4])
        for t in tails
    ]


def _satisfied(lead: tuple[Any, ...], state: State) -> tuple[Any, ...]:
    """A done lead of :func:`_forms` with another state (late, waived)."""
    return (*lead[:5], state, *lead[6:])


def _plan(
    obligation: Obligation,
    unroller: Unroller,
    ladder: _Ladder,
    on: dt.date,
    since: dt.date | None,
) -> _Plan:
    schedule = obligation.schedule
    event = schedule.event if isinstance(schedule, AfterEvent) else None
    plan = _Plan(
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


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def _cell_diag(
    item: Filing | Event,
    column: str,
    code: str,
    message: str,
    message_zh: str,
    hint: str | None,
    hint_zh: str | None,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    span = item.span_of(column)
    if span is None and item.line:
        span = Span(item.line, 1, item.line, 2)
    line_text = item.line_text
    if span is not None and item.origin is not None and span.line != item.line:
        line_text = item.origin.line_text(span.line)  # a JSON key on a later line
    return Diagnostic(
        code=code,
        message=message,
        message_zh=message_zh,
        file=item.file,
        span=span,
        line_text=line_text,
        hint=hint,
        hint_zh=hint_zh,
        severity=severity,
    )


def _unknown(
    item: Filing | Event, column: str, value: str, what: str, what_zh: str, choices: Iterable[str]
) -> Diagnostic:
    guess = _suggest(value, choices)
    return _cell_diag(
        item,
        column,
        f"input/unknown-{what.replace(' ', '-')}",
        f"unknown {what} {value!r}",
        f"未知的{what_zh} {value!r}",
        f"did you mean {guess!r}?" if guess else f"use a {what} id that exists",
        f"是否应为 {guess!r}？" if guess else f"请使用已有的{what_zh}标识",
    )


_filing_order = operator.attrgetter("filed_on", "line")
_filed_on = operator.attrgetter("filed_on")
_event_date = operator.attrgetter("date")
_line = operator.attrgetter("line")


def _in_order(filings: Sequence[Filing]) -> bool:
    """Whether *filings* are already in (filed_on, line) order (then no group needs a sort).

    Checked with C-level loops: dates never decrease and lines never decrease. This is true of
    a file written in date order, and of filings made in code in date order (line 0).
    """
    if len(filings) < 2:
        return True
    dates = list(map(_filed_on, filings))
    if not all(map(operator.le, dates, itertools.islice(dates, 1, None))):
        return False
    lines = list(map(_line, filings))
    return all(map(operator.le, lines, itertools.islice(lines, 1, None)))


class _Facts:
    """The date-independent part of an evaluation: the inputs, checked and indexed once.

    Filings are grouped by agency, then by obligation, each group in (filed_on, line) order;
    schedules are compiled once per obligation and kept for every evaluation date.
    """

    def __init__(
        self,
        ruleset: Ruleset,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing],
        events: Iterable[Event],
        calendar: CalendarLike | None,
    ) -> None:
        self.ruleset = ruleset
        self.registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
        self.filings = filings if isinstance(filings, tuple) else tuple(filings)
        self.events = tuple(events)
        self.calendar = calendar_for(ruleset) if calendar is None else calendar
        self.obligations = {o.id: o for o in ruleset.obligations}
        self.events_by_id = {e.id: e for e in self.events}
        self._unrollers: dict[str, tuple[Unroller, _Ladder]] = {}
        self._good_labels: set[tuple[str, str]] = set()
        self._latest: dict[str, dt.date | None] = {}
        self.by_agency = self._index()

    def latest(self, what: str) -> dt.date | None:
        """The date of the latest filing (``what="filings"``) or event, worked out once."""
        if what not in self._latest:
            if what == "filings":
                found = max(map(_filed_on, self.filings), default=None)
            else:
                found = max(map(_event_date, self.events), default=None)
            self._latest[what] = found
        return self._latest[what]

    def compiled(self, obligation: Obligation) -> tuple[Unroller, _Ladder]:
        """The obligation's schedule and ladder, compiled once."""
        found = self._unrollers.get(obligation.id)
        if found is None:
            ruleset = self.ruleset
            unroller = compile_schedule(ruleset, obligation, self.calendar)
            ladder_model = None
            if obligation.escalation is not None:
                try:
                    ladder_model = ruleset.escalation(obligation.escalation)
                except KeyError:
                    raise EvaluationError(
                        f"obligation {obligation.id!r} names unknown escalation "
                        f"{obligation.escalation!r}"
                    ) from None
            found = self._unrollers[obligation.id] = (
                unroller,
                _Ladder(ladder_model, self.calendar),
            )
        return found

    def owed(self, obligations: Sequence[Obligation]) -> dict[str, tuple[int, ...]]:
        """For each agency that owes any of *obligations*, the indexes of those it owes.

        Which obligations an agency owes depends on its kind, level and tags (and on its id
        for obligations that name agencies): worked out once per such profile.
        """
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
        group = self.by_agency.get(agency)
        return [] if group is None else group.get(obligation, [])

    def _index(self) -> dict[str, dict[str, list[Filing]]]:
        """Check every filing and event and group the filings; one pass in the usual case.

        Raises:
            InputError: a filing or event names something that does not exist.
        """
        ids = self.registry.ids
        obligations = self.obligations
        good = self._good_labels
        by_agency: dict[str, dict[str, list[Filing]]] = {}
        suspect = any(e.agency not in ids for e in self.events)
        for f in self.filings:
            a = f.agency
            group = by_agency.get(a)
            if group is None:
                if a not in ids:
                    suspect = True
                    continue
                group = by_agency[a] = {}
            o = f.obligation
            mine = group.get(o)
            if mine is None:
                if o not in obligations:
                    suspect = True
                    continue
                group[o] = [f]
            else:
                mine.append(f)
            r = f.recipient
            if r is not None and r not in ids:
                suspect = True
            p = f.period
            if (
                p is not None
                and (o, p) not in good
                and self._label_problem(obligations[o], f) is not None
            ):
                suspect = True
        if suspect:
            self._check()  # raises with every problem, in file order
        if not _in_order(self.filings):
            for group in by_agency.values():
                for mine in group.values():
                    if len(mine) > 1:
                        mine.sort(key=_filing_order)
        return by_agency

    def _check(self) -> None:
        """Every filing and event must name things that exist; raise InputError if not."""
        diags: list[Diagnostic] = []
        registry = self.registry
        for e in self.events:
            if e.agency not in registry:
                diags.append(_unknown(e, "agency", e.agency, "agency", "机关", registry.ids))
        ids = registry.ids
        obligations = self.obligations
        for f in self.filings:
            if f.agency not in ids:
                diags.append(_unknown(f, "agency", f.agency, "agency", "机关", ids))
            if f.recipient is not None and f.recipient not in ids:
                diags.append(_unknown(f, "recipient", f.recipient, "agency", "机关", ids))
            obligation = obligations.get(f.obligation)
            if obligation is None:
                diags.append(
                    _unknown(f, "obligation", f.obligation, "obligation", "义务", obligations)
                )
                continue
            if f.period is not None:
                problem = self._label_problem(obligation, f)
                if problem is not None:
                    diags.append(problem)
        if diags:
            raise InputError(diags)

    def _label_problem(self, obligation: Obligation, f: Filing) -> Diagnostic | None:
        assert f.period is not None
        schedule = obligation.schedule
        key = (obligation.id, f.period)
        if key in self._good_labels:
            return None
        if isinstance(schedule, AfterEvent):
            event = self.events_by_id.get(f.period)
            if event is not None and event.agency == f.agency and event.event == schedule.event:
                return None
            return _cell_diag(
                f,
                "period",
                "input/bad-period",
                f"obligation {obligation.id!r} has no period {f.period!r} for {f.agency}: "
                f"its periods are the ids of {f.agency}'s {schedule.event!r} events",
                f"义务 {obligation.id!r} 对 {f.agency} 没有期次 {f.period!r}："
                f"其期次为 {f.agency} 的 {schedule.event!r} 事件标识",
                "name an event id from the events file, or leave the period empty",
                "请填写事件文件中的事件标识，或留空",
            )
        unroller, _ = self.compiled(obligation)
        if unroller.by_label(f.period) is not None:
            self._good_labels.add(key)
            return None
        first = unroller.first()
        example = f" (the first is {first.label!r})" if first is not None else ""
        example_zh = f"（第一期为 {first.label!r}）" if first is not None else ""
        return _cell_diag(
            f,
            "period",
            "input/bad-period",
            f"obligation {obligation.id!r} has no period {f.period!r}{example}",
            f"义务 {obligation.id!r} 没有期次 {f.period!r}{example_zh}",
            "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1, as the "
            "schedule makes them; or leave the period empty",
            "期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1（依日程而定），也可留空",
        )


class _Context:
    """One evaluation date over checked and indexed facts."""

    def __init__(
        self, facts: _Facts, on: dt.date, since: dt.date | None, provisional: bool = True
    ) -> None:
        self.facts = facts
        self.ruleset = facts.ruleset
        self.registry = facts.registry
        self.calendar = facts.calendar
        self.obligations = facts.obligations
        self.on = on
        self.since = since
        self.provisional = provisional
        self.warnings: list[Diagnostic] = []
        self.withheld: list[Status] = []
        self._plans: dict[str, _Plan] = {}
        self.events_by_agency: dict[tuple[str, str], list[Event]] = {}
        for e in facts.events:
            if e.date <= on:
                self.events_by_agency.setdefault((e.agency, e.event), []).append(e)

    def plan(self, obligation: Obligation) -> _Plan:
        plan = self._plans.get(obligation.id)
        if plan is None:
            unroller, ladder = self.facts.compiled(obligation)
            plan = _plan(obligation, unroller, ladder, self.on, self.since)
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
        what = describe_recipient(r).removeprefix("the ")
        what_zh = describe_recipient(r, "zh")
        self.warn(
            Diagnostic(
                code="recipient/missing",
                message=f"{agency.id} has no {what} for obligation {obligation.id}; "
                "evaluated with the recipients that exist",
                message_zh=f"{agency.id} 没有义务 {obligation.id} 的接收机关“{what_zh}”；"
                "按现有接收机关评估",
                file=agency.file if agency.line else self.registry.file,
                span=agency.span,
                line_text=agency.line_text,
                hint="add the recipient to the agencies file, or check the region path",
                hint_zh="请在机关文件中补充该接收机关，或检查区划路径",
                severity=Severity.WARNING,
            )
        )


def _context(
    ruleset: Ruleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing],
    events: Iterable[Event],
    on: dt.date,
    since: dt.date | None,
    calendar: CalendarLike | None,
) -> _Context:
    return _Context(_Facts(ruleset, agencies, filings, events, calendar), on, since)


def _assign(
    ctx: _Context,
    plan: _Plan,
    periods: list[Period],
    labels: Mapping[str, int],
    recipients: Sequence[str],
    filings: Sequence[Filing],
    *,
    is_bearer: bool,
    outcomes: list[Outcome] | None = None,
) -> dict[int, _Track]:
    """Assign an agency's filings of one obligation to its periods (language.md section 4)."""
    tracks: dict[int, _Track] = {}
    on = ctx.on
    rset = set(recipients)
    during = plan.during

    def note(f: Filing, label: str | None, reason: str, reason_zh: str) -> None:
        if outcomes is not None:
            outcomes.append(Outcome(f, label, reason, reason_zh))

    def nothing(
        f: Filing, column: str, reason: str, reason_zh: str, hint: str, hint_zh: str
    ) -> None:
        note(f, None, reason, reason_zh)
        ctx.warn(
            _cell_diag(
                f,
                column,
                "filing/no-period",
                f"filing {f.id} counts for nothing: {reason}",
                f"报送 {f.id} 不计入任何期次：{reason_zh}",
                hint,
                hint_zh,
                Severity.WARNING,
            )
        )

    for f in filings:
        if f.filed_on > on:
            if outcomes is not None:
                note(
                    f,
                    None,
                    f"filed on {f.filed_on}, after the evaluation date {on}",
                    f"报送日期 {f.filed_on} 晚于评估日 {on}",
                )
            continue
        if not is_bearer:
            nothing(
                f,
                "agency",
                f"{f.agency} does not owe obligation {f.obligation}",
                f"{f.agency} 不承担义务 {f.obligation}",
                "check the agency and the obligation of this filing",
                "请检查该报送的机关和义务",
            )
            continue
        if f.recipient is not None and rset and f.recipient not in rset:
            nothing(
                f,
                "recipient",
                f"{f.recipient} is not a recipient of {f.obligation} for {f.agency} "
                f"(recipients: {', '.join(recipients)})",
                f"{f.recipient} 不是 {f.agency} 的义务 {f.obligation} 的接收机关"
                f"（接收机关：{'、'.join(recipients)}）",
                "leave the recipient empty or name one of the recipients",
                "请将接收机关留空或填写其中之一",
            )
            continue
        if f.period is not None:
            found = labels.get(f.period)
            if found is None:
                if outcomes is not None:
                    note(
                        f,
                        f.period,
                        f"counts for {f.period}, which has not opened by {on}",
                        f"计入 {f.period}，该期次在 {on} 尚未开始",
                    )
                continue
            p = periods[found]
            if during and not (p.opens <= f.filed_on <= p.closes):
                nothing(
                    f,
                    "filed_on",
                    f"filed on {f.filed_on}, outside the window {p.opens}..{p.closes} of "
                    f"{p.label}; only a filing inside that month counts",
                    f"报送日期 {f.filed_on} 不在 {p.label} 的期限 {p.opens}..{p.closes} 内；"
                    "只有该月内的报送有效",
                    "a 'during' duty is done only inside its month",
                    "限定月份的义务只能在该月内完成",
                )
                continue
            idx = found
            why, why_zh = "names this period", "指明了该期次"
        else:
            idx = -1
            filed_on = f.filed_on
            for i, p in enumerate(periods):
                if p.opens > filed_on or (during and filed_on > p.closes):
                    continue
                t = tracks.get(i)
                if t is None or not t.has_received(f.recipient, recipients):
                    idx = i
                    break
            if idx < 0:
                first = periods[0].opens if periods else None
                if ctx.since is not None and (first is None or f.filed_on < first):
                    # Before the first period in scope: it belongs to the closed history.
                    if outcomes is not None:
                        note(
                            f,
                            None,
                            f"filed on {f.filed_on}, before the periods from {ctx.since}",
                            f"报送日期 {f.filed_on} 早于 {ctx.since} 起的期次",
                        )
                    continue
                if first is not None and f.filed_on < first:
                    reason = f"filed on {f.filed_on}, before the first window opens ({first})"
                    reason_zh = f"报送日期 {f.filed_on} 早于第一期开始日 {first}"
                else:
                    reason = (
                        f"filed on {f.filed_on}: no period open on that day is still waiting for it"
                    )
                    reason_zh = f"报送日期 {f.filed_on} 时没有尚待接收的已开始期次"
                nothing(
                    f,
                    "filed_on",
                    reason,
                    reason_zh,
                    "name the period in the period column",
                    "请在 period 列中指明期次",
                )
                continue
            why = "the earliest open period its recipient had not yet received"
            why_zh = "接收机关尚未收到的最早已开始期次"
        track = tracks.get(idx)
        if track is None:
            track = tracks[idx] = _Track()
        track.add(f, recipients)
        if outcomes is not None:
            status = f.status.value
            note(
                f,
                periods[idx].label,
                f"{status}; counts for {periods[idx].label}: {why}",
                f"{FILING_STATUS_ZH[f.status]}；计入 {periods[idx].label}：{why_zh}",
            )
    return tracks


def _assign_one(
    on: dt.date,
    during: bool,
    periods: Sequence[Period],
    labels: Mapping[str, int],
    only: str | None,
    filings: Sequence[Filing],
) -> dict[int, list[Any]] | None:
    """:func:`_assign` for a duty with at most one recipient, where "received" is a date.

    One merge walk over the periods (in window order) and the filings (in date order): ``k``
    is the first period that has not received its filing, so a filing naming no period
    starts looking there. Each assigned period maps to ``[filing ids, first accepted date or
    None, waived]``. Returns ``None`` as soon as a filing needs a warning; the caller then runs
    :func:`_assign`, which gives the same assignment and says why.
    """
    tracks: dict[int, list[Any]] = {}
    accepted = FilingStatus.ACCEPTED
    waived = FilingStatus.WAIVED
    n = len(periods)
    k = 0
    for f in filings:
        filed_on = f.filed_on
        if filed_on > on:
            break
        recipient = f.recipient
        if recipient is not None and only is not None and recipient != only:
            return None
        label = f.period
        if label is not None:
            idx = labels.get(label)
            if idx is None:
                continue  # a period that has not opened yet (or is before `since`)
            if during:
                p = periods[idx]
                if not p.opens <= filed_on <= p.closes:
                    return None
            t = tracks.get(idx)
        else:
            while k < n:
                t = tracks.get(k)
                if t is None or (t[1] is None and not t[2]):
                    break
                k += 1
            idx = k
            while True:
                if idx >= n:
                    return None
                p = periods[idx]
                if p.opens > filed_on:
                    return None
                if not (during and filed_on > p.closes):
                    t = tracks.get(idx)
                    if t is None or (t[1] is None and not t[2]):
                        break
                idx += 1
        if t is None:
            t = tracks[idx] = [[f.id], None, False]
        else:
            t[0].append(f.id)
        status = f.status
        if status is accepted:
            if t[1] is None:
                t[1] = filed_on
        elif status is waived:
            t[2] = True
    return tracks


def _assign_many(
    on: dt.date,
    during: bool,
    periods: Sequence[Period],
    labels: Mapping[str, int],
    recipients: tuple[str, ...],
    filings: Sequence[Filing],
) -> dict[int, list[Any]] | None:
    """The merge walk of one agency's filings for two recipients or more: ``received`` maps
    recipient -> date."""
    tracks: dict[int, list[Any]] = {}
    accepted = FilingStatus.ACCEPTED
    waived = FilingStatus.WAIVED
    n = len(periods)
    count = len(recipients)
    k = 0
    for f in filings:
        filed_on = f.filed_on
        if filed_on > on:
            break
        recipient = f.recipient
        if recipient is not None and recipient not in recipients:
            return None
        label = f.period
        if label is not None:
            idx = labels.get(label)
            if idx is None:
                continue
            if during:
                p = periods[idx]
                if not p.opens <= filed_on <= p.closes:
                    return None
            t = tracks.get(idx)
        else:
            while k < n:
                t = tracks.get(k)
                if t is None or (len(t[1]) < count and not t[2]):
                    break
                k += 1
            idx = k
            while True:
                if idx >= n:
                    return None
                p = periods[idx]
                if p.opens > filed_on:
                    return None
                if not (during and filed_on > p.closes):
                    t = tracks.get(idx)
                    if t is None or not (
                        t[2] or (len(t[1]) == count if recipient is None else recipient in t[1])
                    ):
                        break
                idx += 1
        if t is None:
            t = tracks[idx] = [[f.id], {}, False]
        else:
            t[0].append(f.id)
        status = f.status
        if status is accepted:
            received = t[1]
            if recipient is None:
                for r in recipients:
                    if r not in received:
                        received[r] = filed_on
            elif recipient not in received:
                received[recipient] = filed_on
        elif status is waived:
            t[2] = True
    return tracks


def _outstanding(track: _Track, recipients: Sequence[str]) -> tuple[str, ...]:
    """The recipients still waiting for an accepted filing (none once waived or satisfied)."""
    if track.waived:
        return ()
    return tuple(r for r in recipients if r not in track.received)


def _tracked_state(
    plan: _Plan, p: Period, track: _Track, recipients: Sequence[str], on: dt.date
) -> tuple[State, int | None, Step | None]:
    if track.waived:
        return State.WAIVED, None, None
    satisfied = track.satisfied_on(recipients)
    if satisfied is not None:
        return (State.DONE if satisfied <= p.due else State.LATE), None, None
    return plan.ladder.open_state(p.due, on)


def _event_periods(
    ctx: _Context, plan: _Plan, agency: str
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
        raise InputError(
            [
                _cell_diag(
                    event,
                    "date",
                    exc.code,
                    str(exc),
                    exc.message_zh or str(exc),
                    exc.hint,
                    exc.hint_zh,
                )
            ]
        ) from None
    since, on = ctx.since, ctx.on
    periods = [p for p in periods if p.opens <= on and (since is None or p.nominal_due >= since)]
    states = [plan.ladder.open_state(p.due, on) for p in periods]
    return periods, states, {p.label: i for i, p in enumerate(periods)}


def _event_tails(
    ctx: _Context, plan: _Plan, agency: str, recipients: tuple[str, ...]
) -> tuple[list[Period], list[tuple[Any, ...]], dict[str, int]]:
    """One agency's periods of an event-based obligation, their tails and labels."""
    periods, states, labels = _event_periods(ctx, plan, agency)
    ladder, on = plan.ladder, ctx.on
    provisional = [
        ladder.provisional(p, s[0], on, True) for p, s in zip(periods, states, strict=True)
    ]
    return periods, _tails(plan.obligation, periods, states, provisional, recipients), labels


_new = tuple.__new__
_DONE, _LATE, _WAIVED = State.DONE, State.LATE, State.WAIVED


def _rows(
    ctx: _Context, agency: str | None, progress: Progress | None = None
) -> Iterator[list[Status]]:
    """The statuses, one agency at a time (sorted by id); then the closing warnings.

    The plans are made at once (errors in the ruleset or calendar are raised here); the
    rows are made as the returned iterator is read.
    """
    facts = ctx.facts
    obligations = sorted(ctx.ruleset.obligations, key=lambda o: o.id)
    plans = [ctx.plan(o) for o in obligations]
    _warn_unknown_bearers(ctx, obligations)
    owed = facts.owed(obligations)
    target = sorted(owed) if agency is None else [agency] if agency in owed else []
    return _noting_provisional(
        ctx, _agency_rows(ctx, agency, progress, obligations, plans, owed, target)
    )


_PROVISIONAL_YEARS = operator.itemgetter(len(Status._fields) - 1)


def _noting_provisional(ctx: _Context, chunks: Iterator[list[Status]]) -> Iterator[list[Status]]:
    """The rows of *chunks*; then, if any rests on a provisional year, one warning naming them.

    In strict mode (``provisional=False``) the records that rest on a provisional year are
    set aside in ``ctx.withheld`` instead, with an error for each.
    """
    seen: set[tuple[int, ...]] = set()
    strict = not ctx.provisional
    for rows in chunks:
        found = set(map(_PROVISIONAL_YEARS, rows))
        found.discard(())
        if found:
            seen |= found
            if strict:
                ctx.withhold([r for r in rows if r.provisional_years])
                rows = [r for r in rows if not r.provisional_years]
        yield rows
    years = sorted({y for ys in seen for y in ys})
    if years and not strict:
        ctx.warn(provisional_warning(ctx.ruleset, years))


def provisional_warning(ruleset: Ruleset, years: Sequence[int]) -> Diagnostic:
    """The warning of a run that counted on provisional *years*, at the calendar line."""
    listed = ", ".join(map(str, years))
    span = ruleset.calendar_span
    return Diagnostic(
        code="calendar/provisional",
        message=f"calendar '{ruleset.calendar}' has no State Council notice for {listed}: "
        "dates there are provisional, counted with the statutory holidays of the holiday law "
        "and no make-up working days (调休); records computed from them say provisional",
        message_zh=f"日历 {ruleset.calendar} 没有国务院 {listed} 年节假日安排通知：这些年份的"
        "日期为暂定，仅按《全国年节及纪念日放假办法》规定的法定节假日推算，不含调休上班日；"
        "据此计算的记录标注为暂定",
        file=ruleset.file,
        span=span,
        line_text=_line_of(ruleset, span),
        hint="when the notice is published, add it: xzjd calendar import NOTICE.txt -o FILE.csv "
        "(docs/calendar.md); --no-provisional refuses provisional years",
        hint_zh="通知发布后请导入：xzjd calendar import 通知.txt -o 文件.csv"
        "（见 docs/calendar.md）；使用 --no-provisional 则不采用暂定年份",
        severity=Severity.WARNING,
    )


def no_notice_error(
    ruleset: Ruleset,
    agency: str,
    obligation: str,
    period: str,
    years: Sequence[int],
    *,
    outcome: tuple[str, str] = ("not evaluated", "未评估"),
) -> Diagnostic:
    """The error for a period that needs provisional *years* in strict mode, at its obligation.

    *outcome* says, in English and Chinese, what became of the period.
    """
    listed = ", ".join(map(str, years))
    o = next((o for o in ruleset.obligations if o.id == obligation), None)
    span = None if o is None else o.span
    where = f"{agency}, {obligation}, period {period}"
    where_zh = f"{agency}，{obligation}，期次 {period}"
    return Diagnostic(
        code="calendar/no-notice",
        message=f"{where} needs {listed}, for which calendar '{ruleset.calendar}' has no "
        f"State Council notice; {outcome[0]}",
        message_zh=f"{where_zh} 需要 {listed} 年的日历，日历 {ruleset.calendar} 没有该年的"
        f"国务院节假日安排通知；{outcome[1]}",
        file=ruleset.file,
        span=span,
        line_text=_line_of(ruleset, span),
        hint="add the year's notice (xzjd calendar import NOTICE.txt), or leave out "
        "--no-provisional to count it with the statutory holidays alone",
        hint_zh="请导入该年通知（xzjd calendar import 通知.txt），或去掉 --no-provisional "
        "按法定节假日暂定计算",
    )


_Job: TypeAlias = tuple[Any, ...]


def _job(plan: _Plan, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> _Job:
    """What the agencies of one region need to evaluate one obligation, made once."""
    key = (recipients, missing)
    found = plan.jobs.get(key)
    if found is None:
        found = plan.jobs[key] = _make_job(plan, recipients, missing)
    return found


def _make_job(plan: _Plan, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> _Job:
    o = plan.obligation
    tails: list[tuple[Any, ...]] | None = None
    opens: list[dt.date] | None = None
    closes: list[dt.date] | None = None
    forms: list[tuple[Any, ...]] | None = None
    if plan.event is None:
        tails = plan.tails_for(recipients)
        opens = [p.opens for p in plan.periods]
        closes = [p.closes for p in plan.periods]
        forms = _forms(tails)
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


def _jobs_for(
    registry: Registry,
    a: Agency,
    plans: Sequence[_Plan],
    owed: Sequence[int],
    by_region: dict[tuple[tuple[str, ...], int], _Job],
    specs: Sequence[int],
    resolved: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], tuple[Recipient, ...]]],
) -> tuple[list[_Job], frozenset[str]]:
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
            job = by_region[region, index] = _job(plan, recipients, missing)
        names.update(job[3])
        jobs.append(job)
    return jobs, frozenset(names)


def _agency_rows(
    ctx: _Context,
    agency: str | None,
    progress: Progress | None,
    obligations: Sequence[Obligation],
    plans: Sequence[_Plan],
    owed: Mapping[str, Sequence[int]],
    target: Sequence[str],
) -> Iterator[list[Status]]:
    registry = ctx.registry
    by_agency = ctx.facts.by_agency
    on = ctx.on
    accepted, waived = FilingStatus.ACCEPTED, FilingStatus.WAIVED
    returned = FilingStatus.RETURNED
    new = _new
    events_of = ctx.events_by_agency
    strays: list[str] = sorted(by_agency.keys() - owed.keys())
    # Deadlines, windows and recipients depend on the obligation and the region, not on the
    # agency (but for leaving itself out of its recipients, and for events): one set of jobs
    # per (region, obligations owed).
    cache: dict[tuple[Any, ...], tuple[list[_Job], frozenset[str]]] = {}
    by_region: dict[tuple[tuple[str, ...], int], _Job] = {}
    resolved: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], tuple[Recipient, ...]]] = {}
    spec_numbers: dict[tuple[Recipient, ...], int] = {}
    specs = [
        spec_numbers.setdefault(
            () if p.obligation.action is None else p.obligation.action.recipients,
            len(spec_numbers),
        )
        for p in plans
    ]
    total = len(target)
    agencies = registry.ids
    for done, agency_id in enumerate(target, 1):
        a = agencies[agency_id]
        mine_owed = owed[agency_id]
        key = (a.region, mine_owed)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _jobs_for(
                registry, a, plans, mine_owed, by_region, specs, resolved
            )
        jobs, names = found
        if agency_id in names:
            jobs = [
                _job(j[2], tuple(r for r in j[3] if r != agency_id), j[4])
                if agency_id in j[3]
                else j
                for j in jobs
            ]
        rows: list[Status] = []
        append = rows.append
        head = (agency_id,)
        groups = by_agency.get(agency_id)
        used = 0
        for job in jobs:
            (
                oid,
                o,
                plan,
                recipients,
                missing,
                tails,
                labels,
                opens,
                closes,
                during,
                many,
                only,
                forms,
            ) = job
            if missing:
                for r in missing:
                    ctx.missing_recipient(a, o, r)
            mine = None if groups is None else groups.get(oid)
            if tails is None:
                if mine is None and (agency_id, plan.event) not in events_of:
                    continue
                periods, tails, labels = _event_tails(ctx, plan, agency_id, recipients)
                opens = [p.opens for p in periods]
                closes = [p.closes for p in periods]
                forms = _forms(tails)
            if mine is None:
                rows += [new(Status, head + t[:14]) for t in tails]
                continue
            used += 1
            n = len(tails)
            if not many:
                # One merge walk over the periods (in window order) and the filings (in date
                # order): periods before k have received their filing. got[i] is the period's
                # one filing, or [filing ids, first accepted date or None, waived] once it has
                # two. Any filing that needs a warning sends the pair to the general
                # assignment below.
                got: list[Any] = [None] * n
                k = 0
                fits = True
                for f in mine:
                    filed_on = f.filed_on
                    if filed_on > on:
                        break
                    if only is not None and f.recipient is not None and f.recipient != only:
                        fits = False
                        break
                    label = f.period
                    if label is None:
                        while k < n:
                            g = got[k]
                            if g is None:
                                break
                            if g.__class__ is list:
                                if g[1] is None and not g[2]:
                                    break
                            elif g.status is returned:
                                break
                            k += 1
                        i = k
                        while True:
                            if i >= n or opens[i] > filed_on:
                                fits = False
                                break
                            if not (during and filed_on > closes[i]):
                                g = got[i]
                                if g is None:
                                    break
                                if g.__class__ is list:
                                    if g[1] is None and not g[2]:
                                        break
                                elif g.status is returned:
                                    break
                            i += 1
                        if not fits:
                            break
                    else:
                        found_i = labels.get(label)
                        if found_i is None:
                            continue  # a period that has not opened yet (or before `since`)
                        i = found_i
                        if during and not opens[i] <= filed_on <= closes[i]:
                            fits = False
                            break
                        g = got[i]
                    if g is None:
                        got[i] = f
                        continue
                    status = f.status
                    if g.__class__ is not list:
                        first = g.status
                        got[i] = [
                            [g.id, f.id],
                            g.filed_on
                            if first is accepted
                            else (filed_on if status is accepted else None),
                            first is waived or status is waived,
                        ]
                        continue
                    g[0].append(f.id)
                    if status is accepted:
                        if g[1] is None:
                            g[1] = filed_on
                    elif status is waived:
                        g[2] = True
                if fits:
                    assert forms is not None
                    for t, g, form in zip(tails, got, forms, strict=True):
                        if g is None:
                            append(new(Status, head + t[:14]))
                            continue
                        if g.__class__ is list:
                            ids = tuple(g[0])
                            done_on = g[1]
                            if g[2]:
                                lead = _satisfied(form[0], _WAIVED)
                            elif done_on is None:
                                append(new(Status, (agency_id, *form[2], ids, *form[3])))
                                continue
                            elif done_on <= form[4]:
                                lead = form[0]
                            else:
                                lead = _satisfied(form[0], _LATE)
                        else:
                            ids = (g.id,)
                            status = g.status
                            if status is accepted:
                                if g.filed_on <= form[4]:
                                    lead = form[0]
                                else:
                                    lead = _satisfied(form[0], _LATE)
                            elif status is waived:
                                lead = _satisfied(form[0], _WAIVED)
                            else:
                                append(new(Status, (agency_id, *form[2], ids, *form[3])))
                                continue
                        append(new(Status, (agency_id, *lead, ids, *form[1])))
                    continue
            else:
                periods = (
                    plan.periods if plan.event is None else _event_periods(ctx, plan, agency_id)[0]
                )
                tracks = _assign_many(on, during, periods, labels, recipients, mine)
                if tracks is not None:
                    count = len(recipients)
                    for i, t in enumerate(tails):
                        got_i = tracks.get(i)
                        if got_i is None:
                            append(new(Status, head + t[:14]))
                            continue
                        ids, received, is_waived = got_i
                        if is_waived:
                            state = _WAIVED
                        elif len(received) == count:
                            state = _DONE if max(received.values()) <= t[4] else _LATE
                        else:
                            append(
                                new(
                                    Status,
                                    (
                                        agency_id,
                                        *t[:9],
                                        tuple(ids),
                                        t[10],
                                        t[11],
                                        tuple(r for r in recipients if r not in received),
                                        t[13],
                                    ),
                                )
                            )
                            continue
                        append(
                            new(
                                Status,
                                (
                                    agency_id,
                                    *t[:5],
                                    state,
                                    None,
                                    None,
                                    t[8],
                                    tuple(ids),
                                    *t[10:12],
                                    (),
                                    t[14],
                                ),
                            )
                        )
                    continue
            # Some filing needs a warning: the general assignment gives the same result, and
            # says why.
            periods = (
                plan.periods if plan.event is None else _event_periods(ctx, plan, agency_id)[0]
            )
            slow = _assign(ctx, plan, periods, labels, recipients, mine, is_bearer=True)
            for i, t in enumerate(tails):
                track = slow.get(i)
                if track is None:
                    append(new(Status, head + t[:14]))
                    continue
                st, days, step = _tracked_state(plan, periods[i], track, recipients, on)
                append(
                    new(
                        Status,
                        (
                            agency_id,
                            *t[:5],
                            st,
                            days,
                            step,
                            t[8],
                            tuple(track.filings),
                            *t[10:12],
                            _outstanding(track, recipients),
                            t[14] if st in (_DONE, _LATE, _WAIVED) else t[13],
                        ),
                    )
                )
        if groups is not None and len(groups) > used:
            strays.append(agency_id)  # it filed for an obligation it does not owe
        if progress is not None:
            progress(done, total)
        yield rows
    if agency is not None:
        strays = [agency] if agency in by_agency else []
    _warn_not_owed(ctx, obligations, plans, owed, strays)


def _warn_not_owed(
    ctx: _Context,
    obligations: Sequence[Obligation],
    plans: Sequence[_Plan],
    owed: Mapping[str, Sequence[int]],
    agencies: Iterable[str],
) -> None:
    """Filings by agencies that do not owe the obligation count for nothing: say so."""
    position = {o.id: i for i, o in enumerate(obligations)}
    stray: list[tuple[str, str, list[Filing]]] = []
    by_agency = ctx.facts.by_agency
    for agency_id in agencies:
        mine_owed = owed.get(agency_id, ())
        for obligation_id, mine in by_agency[agency_id].items():
            if position[obligation_id] not in mine_owed:
                stray.append((agency_id, obligation_id, mine))
    if len(stray) > 1:
        # In the order the pairs first appear in the filings.
        first: dict[tuple[str, str], int] = {}
        for f in ctx.facts.filings:
            first.setdefault((f.agency, f.obligation), len(first))
        stray.sort(key=lambda s: first[s[0], s[1]])
    for _, obligation_id, mine in stray:
        _assign(ctx, plans[position[obligation_id]], [], {}, (), mine, is_bearer=False)


#: Called as ``progress(agencies_done, agencies_total)`` after each agency is evaluated.
Progress: TypeAlias = Callable[[int, int], None]


class StatusStream(Iterator[Status]):
    """The statuses of one evaluation, made one agency at a time as they are read.

    Iterating gives the same :class:`Status` records, in the same order, as :func:`evaluate`
    returns, without holding them all. ``warnings`` grows as the iteration goes and is
    complete once the stream is exhausted.
    """

    def __init__(self, ctx: _Context, agency: str | None, progress: Progress | None) -> None:
        self._ctx = ctx
        self._items = self._flat(ctx, _rows(ctx, agency, progress))

    @staticmethod
    def _flat(ctx: _Context, chunks: Iterator[list[Status]]) -> Iterator[Status]:
        for rows in chunks:
            yield from rows
        done = Statuses()
        done.warnings = tuple(ctx.warnings)
        ctx.check_withheld(done)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warnings found so far (all of them once the stream is exhausted)."""
        return tuple(self._ctx.warnings)

    def __iter__(self) -> StatusStream:
        return self

    def __next__(self) -> Status:
        return next(self._items)


class Evaluator:
    """One ruleset, agencies, filings and events, checked and indexed once, for many dates.

    ``Evaluator(ruleset, agencies, filings, events=events).on(date)`` gives what
    :func:`evaluate` gives; the filings are checked and grouped, and the schedules compiled,
    when the evaluator is made, and every call of :meth:`on` or :meth:`iter_on` reuses them.

    Raises:
        InputError: a filing or event names an unknown agency, obligation or recipient, or a
            period the obligation cannot have.
        EvaluationError: the ruleset's calendar is unknown.
    """

    def __init__(
        self,
        ruleset: Ruleset,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing] = (),
        *,
        events: Iterable[Event] = (),
        calendar: CalendarLike | None = None,
        provisional: bool = True,
    ) -> None:
        self._facts = _Facts(ruleset, agencies, filings, events, calendar)
        self._provisional = provisional

    @property
    def registry(self) -> Registry:
        """The agencies."""
        return self._facts.registry

    def on(
        self,
        on: dt.date,
        *,
        since: dt.date | None = None,
        agency: str | None = None,
        progress: Progress | None = None,
    ) -> Statuses:
        """The statuses on date *on*; the arguments are those of :func:`evaluate`."""
        ctx = _Context(self._facts, on, since, self._provisional)
        _warn_after_on(ctx)
        out = Statuses()
        for rows in _rows(ctx, agency, progress):
            out += rows
        out.warnings = tuple(ctx.warnings)
        ctx.check_withheld(out)
        return out

    def iter_on(
        self,
        on: dt.date,
        *,
        since: dt.date | None = None,
        agency: str | None = None,
        progress: Progress | None = None,
    ) -> StatusStream:
        """The statuses on date *on*, one at a time (see :class:`StatusStream`)."""
        ctx = _Context(self._facts, on, since, self._provisional)
        _warn_after_on(ctx)
        return StatusStream(ctx, agency, progress)


def evaluate(
    ruleset: Ruleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    *,
    on: dt.date,
    events: Iterable[Event] = (),
    since: dt.date | None = None,
    agency: str | None = None,
    calendar: CalendarLike | None = None,
    progress: Progress | None = None,
    provisional: bool = True,
) -> Statuses:
    """The state of every period of every agency on date *on*.

    Args:
        ruleset: the rules.
        agencies: the agencies (a :class:`~xzjd.facts.agencies.Registry` or agencies).
        filings: the filings; those dated after *on* are ignored.
        on: the evaluation date.
        events: the events, for event-based obligations.
        since: draw a line under history: only periods whose nominal deadline is on or
            after this date are unrolled, reported and candidates for filings (default:
            every period since ``effective``). A filing dated before the first of them that
            names no period is ignored without a warning; one naming an earlier period
            counts for nothing.
        agency: report only this agency.
        calendar: the working-day calendar (default: the one the ruleset names).
        progress: called as ``progress(done, total)`` after each agency.
        provisional: count with provisional calendar years (years without a State Council
            notice, derived from the holiday law; the records say so). ``False`` refuses
            them: the records that would need one are withheld and
            :class:`ProvisionalYearError` is raised, carrying all the others.

    Returns:
        The statuses, sorted by agency, obligation, deadline; ``.warnings`` holds the
        warnings (missing recipients, filings that count for nothing, provisional years).

    Raises:
        InputError: a filing or event names an unknown agency, obligation or recipient, or a
            period the obligation cannot have; nothing is evaluated. Also an event whose
            deadline falls after 9999-12-31 (``date/out-of-range``, at the event's date).
        EvaluationError: the ruleset cannot be evaluated (no effective date, unknown
            calendar or escalation).
        CalendarError: a deadline falls in a year the calendar has no data for, not even
            provisional (before 2004 or from 2100 for ``cn``).
        ProvisionalYearError: with ``provisional=False``, a period needs a provisional year.
        CheckError: a deadline in December 9999 cannot move off a rest day before
            9999-12-31 (``date/out-of-range``, at the schedule).

    To evaluate several dates, make an :class:`Evaluator` once; to read the statuses one at
    a time without holding them all, use :func:`iter_evaluate`.

    """
    evaluator = Evaluator(
        ruleset, agencies, filings, events=events, calendar=calendar, provisional=provisional
    )
    return evaluator.on(on, since=since, agency=agency, progress=progress)


def iter_evaluate(
    ruleset: Ruleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    *,
    on: dt.date,
    events: Iterable[Event] = (),
    since: dt.date | None = None,
    agency: str | None = None,
    calendar: CalendarLike | None = None,
    progress: Progress | None = None,
    provisional: bool = True,
) -> StatusStream:
    """:func:`evaluate`, one status at a time, in the same order.

    The inputs are checked before this returns (bad input raises here, not while
    iterating); the statuses are made one agency at a time as the stream is read, and the
    stream's ``warnings`` are complete once it is exhausted. The cyclic garbage collector is
    paused only while an agency's statuses are made, never while the caller's code runs.
    With ``provisional=False`` the records that need a provisional year are left out and
    :class:`ProvisionalYearError` is raised when the stream is exhausted.
    """
    evaluator = Evaluator(
        ruleset, agencies, filings, events=events, calendar=calendar, provisional=provisional
    )
    return evaluator.iter_on(on, since=since, agency=agency, progress=progress)


# How many of the records dated after the evaluation date a warning names.
_AFTER_ON_NAMED = 3


def _warn_after_on(ctx: _Context) -> None:
    """One warning per file for the filings, and one for the events, dated after ``on``.

    They are left out of the evaluation (a filing counts from its date on, an event opens its
    period on its date); said once per file with the count and the first few, so that a typo
    such as 9999-12-31 does not make a filing vanish without a word.
    """
    on = ctx.on
    facts = ctx.facts
    kinds: tuple[tuple[str, Sequence[Filing] | Sequence[Event], str], ...] = (
        ("filings", facts.filings, "filed_on"),
        ("events", facts.events, "date"),
    )
    for what, items, column in kinds:
        latest = facts.latest(what)
        if latest is None or latest <= on:
            continue
        by_file: dict[str, list[Filing | Event]] = {}
        for item in items:
            if getattr(item, column) > on:
                by_file.setdefault(item.file, []).append(item)
        for group in by_file.values():
            ctx.warn(_after_on_diagnostic(group, what, column, on))


def _after_on_diagnostic(
    group: Sequence[Filing | Event], what: str, column: str, on: dt.date
) -> Diagnostic:
    n = len(group)
    named = [f"{x.id} line {x.line}" if x.line else x.id for x in group[:_AFTER_ON_NAMED]]
    named_zh = [f"{x.id} 第 {x.line} 行" if x.line else x.id for x in group[:_AFTER_ON_NAMED]]
    more = n - len(named)
    if more:
        named.append(f"and {more} more")
        named_zh.append(f"另有 {more} 条")
    noun = what if n != 1 else what[:-1]
    verb = "are" if n != 1 else "is"
    what_zh = "报送" if what == "filings" else "事件"
    return _cell_diag(
        group[0],
        column,
        "input/after-on",
        f"{n} {noun} dated after {on} {verb} not counted ({', '.join(named)})",
        f"{n} 条{what_zh}的日期晚于评估日 {on}，不计入（{'、'.join(named_zh)}）",
        f"{'a filing' if what == 'filings' else 'an event'} counts only from its date on: "
        "check the dates, or evaluate on a later date",
        f"{what_zh}自其日期起才计入：请检查日期，或以更晚的日期评估",
        Severity.WARNING,
    )


def unknown_agency(ident: str, registry: Registry) -> EvaluationError:
    """The error for an ``--agency`` (or ``agency=``) that names no agency."""
    guess = _suggest(ident, registry.ids)
    return EvaluationError(
        f"unknown agency {ident!r}",
        code="argument/unknown-agency",
        argument="--agency",
        hint=f"did you mean {guess!r}?" if guess else f"name an agency of {registry.file}",
        message_zh=f"未知的机关 {ident!r}",
        hint_zh=f"是否应为 {guess!r}？" if guess else f"请写出 {registry.file} 中的机关标识",
    )


def _warn_unknown_bearers(ctx: _Context, obligations: Sequence[Obligation]) -> None:
    for o in obligations:
        for b in o.bearers:
            if isinstance(b, AgencyBearer) and b.agency not in ctx.registry:
                guess = _suggest(b.agency, ctx.registry.ids)
                ctx.warn(
                    Diagnostic(
                        code="bearer/unknown-agency",
                        message=f"obligation {o.id} applies to {b.agency}, which is not in "
                        "the agencies file",
                        message_zh=f"义务 {o.id} 适用于 {b.agency}，但机关文件中没有该机关",
                        file=ctx.ruleset.file,
                        span=b.span,
                        line_text=_line_of(ctx.ruleset, b.span),
                        hint=f"did you mean {guess!r}?" if guess else "add it to the agencies file",
                        hint_zh=f"是否应为 {guess!r}？" if guess else "请将其加入机关文件",
                        severity=Severity.WARNING,
                    )
                )


def _line_of(ruleset: Ruleset, span: Span | None) -> str | None:
    """The rules line at *span*, from one line index per ruleset (not a split per call)."""
    if span is None or not ruleset.text:
        return None
    return lines_of(ruleset, ruleset.text).line_text(span.line)


# --------------------------------------------------------------------------- inspection
# The interface that ``xzjd.views.agenda`` and ``xzjd.views.why`` build on: one evaluation
# date, opened up for one agency and one obligation at a time.


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
        InputError: as :func:`evaluate` (a filing or event names something that does not
            exist).
    """

    def __init__(
        self,
        ruleset: Ruleset,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing] = (),
        *,
        on: dt.date,
        events: Iterable[Event] = (),
        calendar: CalendarLike | None = None,
    ) -> None:
        self._ctx = _context(ruleset, agencies, filings, events, on, None, calendar)

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
            guess = _suggest(ident, self._ctx.obligations)
            raise EvaluationError(
                f"unknown obligation {ident!r}",
                code="argument/unknown-obligation",
                argument="--obligation",
                hint=f"did you mean {guess!r}?" if guess else "name an obligation of the rules",
                message_zh=f"未知的义务 {ident!r}",
                hint_zh=f"是否应为 {guess!r}？" if guess else "请写出规则中的义务标识",
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
            periods, _, _ = _event_periods(ctx, ctx.plan(obligation), agency.id)
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
            periods, _, labels = _event_periods(ctx, plan, agency.id)
            idx = labels.get(label)
            p = None if idx is None else periods[idx]
        if p is None:
            if plan.event is not None:
                hint = f"its periods are the ids of {agency.id}'s {plan.event!r} events"
                hint_zh = f"其期次为 {agency.id} 的 {plan.event!r} 事件标识"
            else:
                first = plan.unroller.first()
                hint = "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1"
                hint += f"; the first is {first.label!r}" if first is not None else ""
                hint_zh = "期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1"
                hint_zh += f"；第一期为 {first.label!r}" if first is not None else ""
            raise EvaluationError(
                f"obligation {obligation.id!r} has no period {label!r} for {agency.id}",
                code="argument/unknown-period",
                argument="--period",
                hint=hint,
                message_zh=f"义务 {obligation.id!r} 对 {agency.id} 没有期次 {label!r}",
                hint_zh=hint_zh,
            )
        recipients, _ = self.recipients(agency, obligation)
        outcomes: list[Outcome] = []
        tracks = _assign(
            ctx,
            plan,
            periods,
            labels,
            recipients,
            ctx.facts.filings_of(agency.id, obligation.id),
            is_bearer=True,
            outcomes=outcomes,
        )
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
        track = tracks.get(idx)
        if track is None:
            state = plan.ladder.open_state(p.due, ctx.on)
        else:
            state = _tracked_state(plan, p, track, recipients, ctx.on)
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
