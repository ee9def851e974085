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
* Filings are sorted by agency, obligation and date as columns; the records are made as
  columns by the columnar core (:mod:`~xzjd.engine.core`), which decides the common
  (agency, obligation) groups with array operations and walks the others with one merge
  walk over the periods and the filings (:mod:`~xzjd.engine.assign`); each :class:`Status`
  is made when it is read. A filing counts for the period it names, or
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

:class:`~xzjd.engine.inspector.Inspector` opens one evaluation date up for one agency and
obligation at a time (its deadlines in a range, one period's
:class:`~xzjd.engine.inspector.PeriodTrace`): the interface that :mod:`xzjd.views.agenda` and
:mod:`xzjd.views.why` (``explain``) build on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain

from xzjd.engine.after_on import after_on_warnings
from xzjd.engine.bind import Context, Facts
from xzjd.engine.many import WALKS, Many, Run, records_of
from xzjd.engine.records import Progress, Status, Statuses
from xzjd.errors import Diagnostic
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, Rulesets, check
from xzjd.model import Ruleset
from xzjd.periods import CalendarLike

#: The rules of an evaluation: one ruleset, checked or not, or several (a :class:`Rulesets`,
#: or a sequence of rulesets, each named after its file).
Rules = Ruleset | CheckedRuleset | Rulesets | Sequence[Ruleset | CheckedRuleset]


class StatusStream(Iterator[Status]):
    """The statuses of one evaluation, made one agency at a time as they are read.

    Iterating gives the same :class:`Status` records, in the same order, as :func:`evaluate`
    returns, without holding them all. ``warnings`` grows as the iteration goes and is
    complete once the stream is exhausted.
    """

    def __init__(
        self, ctx: Context, agency: str | None, progress: Progress | None, walk: str
    ) -> None:
        self._ctx: Context | None = ctx
        self._parts: Iterator[Iterable[Status]] = self._runs(
            ctx, records_of(ctx, agency, progress, walk)
        )
        self._items = chain.from_iterable(self._parts)
        self._warnings: Callable[[], tuple[Diagnostic, ...]] = tuple

    @classmethod
    def _of_many(cls, run: Run) -> StatusStream:
        """The stream of one date of several rulesets (:meth:`Many.run`)."""
        stream = cls.__new__(cls)
        stream._ctx = None
        stream._warnings = run.warnings
        stream._parts = iter([_finished(run)])
        stream._items = chain.from_iterable(stream._parts)
        return stream

    @staticmethod
    def _runs(ctx: Context, chunks: Iterator[Sequence[Status]]) -> Iterator[Sequence[Status]]:
        yield from chunks
        done = Statuses()
        done.warnings = tuple(ctx.warnings)
        ctx.check_withheld(done)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warnings found so far (all of them once the stream is exhausted)."""
        if self._ctx is None:
            return self._warnings()
        return tuple(self._ctx.warnings)

    def __iter__(self) -> StatusStream:
        return self

    def __next__(self) -> Status:
        return next(self._items)

    def parts(self) -> Iterator[Iterable[Status]]:
        """The records still to come, in runs: the evaluation core's
        :class:`~xzjd.engine.table.Table` of a run of agencies, or other records (a list,
        or the records of several rulesets). Read the stream by its records or by its runs,
        not both; the end of the runs is the end of the stream (``warnings`` complete, and
        :class:`ProvisionalYearError` raised as iterating raises it)."""
        return self._parts


def _finished(run: Run) -> Iterator[Status]:
    yield from run.items
    done = Statuses()
    done.warnings = run.warnings()
    run.finish(done)


class Evaluator:
    """One ruleset, agencies, filings and events, checked and indexed once, for many dates.

    ``Evaluator(ruleset, agencies, filings, events=events).on(date)`` gives what
    :func:`evaluate` gives; the rules are checked (unless they come as a
    :class:`~xzjd.language.CheckedRuleset`), the filings checked and grouped, and the
    schedules compiled, when the evaluator is made, and every call of :meth:`on` or
    :meth:`iter_on` reuses them.

    Raises:
        CheckError: the rules are a :class:`~xzjd.model.Ruleset` that fails the checks.
        InputError: a filing or event names an unknown agency, obligation or recipient, or a
            period the obligation cannot have.
    """

    def __init__(
        self,
        ruleset: Rules,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing] = (),
        *,
        events: Iterable[Event] = (),
        calendar: CalendarLike | None = None,
        provisional: bool = True,
    ) -> None:
        self._provisional = provisional
        self._many: Many | None = None
        #: How the records are made (:data:`~xzjd.engine.many.WALKS`); tests and the bench
        #: set it to compare the columnar core with the walk.
        self.walk = "columnar"
        if isinstance(ruleset, (Ruleset, CheckedRuleset)):
            self._facts = Facts(check(ruleset), agencies, filings, events, calendar)
        else:
            several = ruleset if isinstance(ruleset, Rulesets) else Rulesets(ruleset)
            self._many = Many(several, agencies, filings, events, calendar, provisional)

    @property
    def registry(self) -> Registry:
        """The agencies."""
        if self._many is not None:
            return self._many.registry
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
        if self._many is not None:
            return self._many_on(on, since, agency, progress)
        ctx = Context(self._facts, on, since, self._provisional)
        _warn_after_on(ctx)
        out = Statuses.of_parts(records_of(ctx, agency, progress, self.walk))
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
        if self._many is not None:
            return StatusStream._of_many(self._many.run(on, since, agency, progress, self.walk))
        ctx = Context(self._facts, on, since, self._provisional)
        _warn_after_on(ctx)
        return StatusStream(ctx, agency, progress, self.walk)

    def _many_on(
        self, on: dt.date, since: dt.date | None, agency: str | None, progress: Progress | None
    ) -> Statuses:
        assert self._many is not None
        run = self._many.run(on, since, agency, progress, self.walk)
        out = Statuses(run.items)
        out.warnings = run.warnings()
        run.finish(out)
        return out


def evaluate(
    ruleset: Rules,
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
        ruleset: the rules: a :class:`~xzjd.language.CheckedRuleset` (from
            :func:`xzjd.check` or :func:`xzjd.language.load_checked`), or a
            :class:`~xzjd.model.Ruleset`, which is checked first (once).
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
        CheckError: the rules are a :class:`~xzjd.model.Ruleset` that fails the checks
            (an unknown calendar or escalation, an impossible date, ...); nothing is
            evaluated. Also a deadline in December 9999 that cannot move off a rest day
            before 9999-12-31 (``date/out-of-range``, at the schedule).
        InputError: a filing or event names an unknown agency, obligation or recipient, or a
            period the obligation cannot have; nothing is evaluated. Also an event whose
            deadline falls after 9999-12-31 (``date/out-of-range``, at the event's date).
        EvaluationError: the ruleset cannot be evaluated (no effective date).
        CalendarError: a deadline falls in a year the calendar has no data for, not even
            provisional (before 2004 or from 2100 for ``cn``).
        ProvisionalYearError: with ``provisional=False``, a period needs a provisional year.

    To evaluate several dates, make an :class:`Evaluator` once; to read the statuses one at
    a time without holding them all, use :func:`iter_evaluate`.
    """
    evaluator = Evaluator(
        ruleset, agencies, filings, events=events, calendar=calendar, provisional=provisional
    )
    return evaluator.on(on, since=since, agency=agency, progress=progress)


def iter_evaluate(
    ruleset: Rules,
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
    stream's ``warnings`` are complete once it is exhausted. It never touches the cyclic
    garbage collector (the ``xzjd`` command pauses it for the time of a command).
    With ``provisional=False`` the records that need a provisional year are left out and
    :class:`ProvisionalYearError` is raised when the stream is exhausted.
    """
    evaluator = Evaluator(
        ruleset, agencies, filings, events=events, calendar=calendar, provisional=provisional
    )
    return evaluator.iter_on(on, since=since, agency=agency, progress=progress)


def evaluate_by(
    walk: str,
    ruleset: Rules,
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
    """:func:`evaluate`, its records made by *walk* (one of :data:`~xzjd.engine.many.WALKS`):
    ``"reference"`` the assignment walk one agency at a time, as before the columnar core,
    ``"walk"`` the core with every block walked, ``"columnar"`` what :func:`evaluate` does.
    For the tests and the bench, which compare them; not part of the API."""
    if walk not in WALKS:
        raise ValueError(f"walk must be one of {WALKS}")
    evaluator = Evaluator(
        ruleset, agencies, filings, events=events, calendar=calendar, provisional=provisional
    )
    evaluator.walk = walk
    return evaluator.on(on, since=since, agency=agency, progress=progress)


def _warn_after_on(ctx: Context) -> None:
    """The ``input/after-on`` warnings of the facts on ``ctx.on`` (see :mod:`.after_on`)."""
    facts = ctx.facts
    for diag in after_on_warnings(facts.filings, facts.events, ctx.on, facts.latest):
        ctx.warn(diag)
