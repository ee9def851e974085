# SPDX-License-Identifier: MIT
"""Cases (办件) on one date: each case's rows read against its rule, its clock run
(:mod:`xzjd.engine.clock`), and one :class:`CaseStatus` per case.

:func:`evaluate_cases` is a pure function of the ruleset, the cases, the agencies and the
evaluation date. Every error in the rows (an unknown obligation, agency or event word, a case
that does not begin with its rule's event, a case with two starts) is found before anything is
evaluated and raised together in one :class:`~xzjd.errors.InputError`. What a case can still
be evaluated with (a pause the rule does not allow, an extension beyond the rule, a resumption
without a pause, rows after the case ended) is a warning naming the case, in ``.warnings``;
the violations of the rule (违规暂停, 违规延期) are also in the case's record.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import numpy as np

from xzjd.calendar.day_table import DayTable
from xzjd.engine.calendars import calendar_for
from xzjd.engine.case_binding import Binder, Bound, Rule
from xzjd.engine.case_core import CaseTable, table_of
from xzjd.engine.case_records import CaseStatus, CaseStatuses, sorted_cases
from xzjd.engine.case_shortcut import evaluate_simple
from xzjd.engine.clock import Move, MoveKind, run_clock
from xzjd.engine.diagnostics import cell_diag
from xzjd.errors import CalendarError, Diagnostic, InputError
from xzjd.facts.agencies import Registry
from xzjd.facts.cases import Case, CaseRow
from xzjd.language import CheckedRuleset, check
from xzjd.model import Ruleset, State
from xzjd.periods import CalendarLike

__all__ = [
    "BLOCK",
    "CaseStatus",
    "CaseStatuses",
    "evaluate_cases",
    "iter_case_statuses",
    "signal_history",
    "sorted_cases",
]


def _checked_moves(bound: Bound, on: dt.date, binder: Binder, violations: list[str]) -> list[Move]:
    """The moves dated on or before *on* that the clock takes, warning about the others
    (a pause the rule does not allow is added to *violations*)."""
    rule, case = bound.rule, bound.case
    out: list[Move] = []
    paused = False
    ended: Move | None = None
    for move in bound.moves:
        if move.date > on:
            break
        row = case.rows[move.row]
        kind = move.kind
        if ended is not None:
            ending, ending_zh = _ENDED[ended.kind]
            binder.warn(
                row,
                "case/after-end",
                case=case.id,
                ending=ending,
                ending_zh=ending_zh,
                date=ended.date,
            )
            continue
        if kind is MoveKind.PAUSE:
            if paused:
                binder.warn(row, "case/already-paused", case=case.id)
                continue
            if rule.reasons is None or move.note not in rule.reasons:
                violations.append(_pause_violation(rule, case, row, binder))
                continue
            paused = True
        elif kind is MoveKind.RESUME:
            if not paused:
                binder.warn(row, "case/resume-without-pause", case=case.id)
                continue
            paused = False
        elif kind in (MoveKind.COMPLETE, MoveKind.WITHDRAW):
            ended = move
        out.append(move)
    return out


_ENDED = {
    MoveKind.COMPLETE: ("completed", "办结"),
    MoveKind.WITHDRAW: ("withdrawn", "撤回"),
}


def _pause_violation(rule: Rule, case: Case, row: CaseRow, binder: Binder) -> str:
    if rule.reasons is None:
        binder.warn(row, "case/pause-not-allowed", case=case.id, obligation=rule.obligation.id)
        return "pause-not-allowed"
    listed = ", ".join(sorted(rule.reasons))
    reason = row.note or ""
    binder.warn(
        row,
        "case/pause-reason",
        case=case.id,
        reason=reason,
        obligation=rule.obligation.id,
        listed=listed,
    )
    return "pause-reason"


# The catalogue entry of each violation the clock reports (xzjd.engine.clock).
_VIOLATION_KEY = {
    "pause-after-deadline": "case/pause-after-deadline",
    "extension-not-allowed": "case/extension-not-allowed",
    "extension-beyond-limit": "case/extension-beyond-limit",
    "extension-after-deadline": "case/extension-after-deadline",
    "stage-out-of-order": "case/stage-out-of-order",
}


def iter_case_statuses(
    rules: Ruleset | CheckedRuleset,
    cases: Iterable[Case],
    *,
    on: dt.date,
    agencies: Registry | None = None,
    explain: bool = False,
    warnings: list[Diagnostic] | None = None,
) -> Iterator[CaseStatus]:
    """The cases' records one at a time, after every case has been read against the rules.

    Raises :class:`~xzjd.errors.InputError` with every error of the rows before yielding
    anything. Warnings are appended to *warnings* as the iteration goes.

    Memory: an iterator of cases (a generator) is read once, so every case is held until
    all are read. A source that can be iterated again and is not a sequence (a reader object
    whose ``__iter__`` reads its file anew) is read twice, once for the errors and once to
    evaluate, and then no more than a block of cases (:data:`BLOCK`) is held at a time:
    memory does not grow with the number of cases when the records are used one by one.
    """
    checked = check(rules)
    calendar = calendar_for(checked)
    sink = warnings if warnings is not None else []
    if not explain and isinstance(calendar, DayTable):
        if isinstance(cases, (Iterator, Sequence)):
            held = cases if isinstance(cases, Sequence) else list(cases)
            binder = Binder(checked.ruleset, calendar, agencies)
            table = _columnar(held, on, binder, calendar, sink)
            if table is not None:
                yield from _records(table)
                return
            cases = held  # a row has an error: read case by case, which reports it
        else:  # read twice: the errors first, then the records a block at a time
            binder = Binder(checked.ruleset, calendar, agencies)
            blocks = _blocks(cases)
            for block in blocks:
                if table_of(block, on, binder, calendar) is None:
                    # An error: the rest read case by case, every error found.
                    errors = Binder(checked.ruleset, calendar, agencies)
                    for c in itertools.chain(block, itertools.chain.from_iterable(blocks)):
                        errors.bind(c)
                    if errors.errors:
                        raise InputError(errors.errors)
                    break  # cases the columns do not take (no rows): read case by case
            else:
                for block in _blocks(cases):
                    table = _columnar(block, on, binder, calendar, sink)
                    if table is None:
                        raise InputError(binder.errors)  # the source changed in between
                    yield from _records(table)
                return
    yield from _iter_exact(checked, calendar, cases, on, agencies, explain, sink)


#: How many cases of a source read twice are evaluated together.
BLOCK = 65_536


def _blocks(cases: Iterable[Case]) -> Iterator[list[Case]]:
    it = iter(cases)
    while block := list(itertools.islice(it, BLOCK)):
        yield block


def _columnar(
    cases: Sequence[Case], on: dt.date, binder: Binder, calendar: DayTable, sink: list[Diagnostic]
) -> CaseTable | None:
    """The records of *cases* from the columnar core (:mod:`xzjd.engine.case_core`), the
    cases it leaves to the exact clock evaluated here in order, their warnings into *sink*;
    ``None`` when a row has an error (the caller reads the cases one by one to report it)."""
    found = table_of(cases, on, binder, calendar)
    if found is None:
        return None
    table, exact = found
    positions = np.flatnonzero(exact).tolist()
    taken = getattr(cases, "taken", None)  # a reader's columns make them a batch at a time
    chosen = taken(positions) if taken is not None else map(cases.__getitem__, positions)
    for i, case in zip(positions, chosen, strict=True):
        b = binder.bind(case)
        if b is None:
            raise InputError(binder.errors)
        table.exact[i] = _evaluate_one(b, on, calendar, binder, False)
        if binder.warnings:
            sink.extend(binder.warnings)
            binder.warnings.clear()
    table.positions = np.flatnonzero(table.start <= on.toordinal())
    return table


def _records(table: CaseTable) -> Iterator[CaseStatus]:
    record = table.record
    for i in table.positions.tolist():
        yield record(i)


def _iter_exact(
    checked: CheckedRuleset,
    calendar: CalendarLike,
    cases: Iterable[Case],
    on: dt.date,
    agencies: Registry | None,
    explain: bool,
    sink: list[Diagnostic],
) -> Iterator[CaseStatus]:
    """:func:`iter_case_statuses` case by case: every case read against its rule
    (:class:`Binder`), then evaluated alone."""
    binder = Binder(checked.ruleset, calendar, agencies)
    if isinstance(cases, (Iterator, Sequence)):
        bound: Iterable[Bound | None] = [
            b for b in (binder.bind(c) for c in cases) if b is not None
        ]
    else:  # read twice: the errors first, then the records one by one
        for c in cases:
            binder.bind(c)
        if not binder.errors:
            bound = (binder.bind(c) for c in cases)
    if binder.errors:
        raise InputError(binder.errors)
    sink.extend(binder.warnings)
    binder.warnings.clear()
    for b in bound:
        if b is None:
            raise InputError(binder.errors)  # the source changed between its two readings
        status = _evaluate_one(b, on, calendar, binder, explain)
        if binder.warnings:
            sink.extend(binder.warnings)
            binder.warnings.clear()
        if status is not None:
            yield status


def evaluate_cases(
    rules: Ruleset | CheckedRuleset,
    cases: Iterable[Case],
    *,
    on: dt.date,
    agencies: Registry | None = None,
    explain: bool = False,
) -> CaseStatuses:
    """The state of every case on *on*: one :class:`CaseStatus` per case that has started by
    then, in the order of the cases.

    The simple cases (a start, stages in order, maybe an end: most of them) are evaluated
    together on columns and their records built when first looked at; the others one by one
    (:mod:`xzjd.engine.case_core`). The records are the same either way.

    Args:
        rules: the ruleset (checked first when it is not a :class:`CheckedRuleset`).
        cases: the cases, as :func:`xzjd.read_cases` gives them.
        on: the evaluation date; rows dated after it are not yet known.
        agencies: when given, every case's agency must be one of them.
        explain: keep each case's arithmetic in its ``steps``.

    Raises:
        InputError: a row names an unknown obligation, agency or event, or a case does not
            begin with its rule's event or starts twice.
    """
    sink: list[Diagnostic] = []
    checked = check(rules)
    calendar = calendar_for(checked)
    if not explain and isinstance(calendar, DayTable):
        held = cases if isinstance(cases, Sequence) else list(cases)
        binder = Binder(checked.ruleset, calendar, agencies)
        table = _columnar(held, on, binder, calendar, sink)
        if table is not None:
            record, positions = table.record, table.positions
            lazy = CaseStatuses.lazy(len(positions), lambda k: record(positions.item(k)))
            lazy.warnings = tuple(sink)
            lazy.columns = table
            return lazy
        cases = held
    out = CaseStatuses(_iter_exact(checked, calendar, cases, on, agencies, explain, sink))
    out.warnings = tuple(sink)
    return out


Signal = Literal["yellow", "red", "clear"]

_ENDED_STATES = (State.DONE, State.LATE, State.WITHDRAWN)


def signal_history(
    rules: Ruleset | CheckedRuleset,
    cases: Iterable[Case],
    start: dt.date,
    end: dt.date,
    *,
    agencies: Registry | None = None,
) -> Iterator[tuple[dt.date, str, Signal]]:
    """Every change of every case's signal from *start* to *end* (both included): the
    transitions ``(day, case id, signal)``, case by case in the order of the cases, each
    case's in date order.

    A case's signal on a day is its state as :func:`evaluate_cases` gives it ``on`` that day:
    ``yellow`` for warning, ``red`` for overdue, none otherwise (not started, pending, paused,
    done, late, withdrawn); ``clear`` says it went back to none. On *start* a case whose
    signal is raised gives a transition. Asking :func:`evaluate_cases` for each day and
    comparing gives the same list (``tests/test_case_speed.py``), at the cost of one
    evaluation per day instead of one per row of the case.

    The work per case: between two of its rows the rows known do not change, so neither
    does its deadline unless it is paused (and a paused case has no signal); one evaluation
    on the first day of each such stretch gives the deadline, and the signal changes within
    the stretch only on the warning day and the day after the deadline.

    Raises :class:`~xzjd.errors.InputError` with every error of the rows before yielding
    anything, as :func:`iter_case_statuses` does; warnings are not reported here
    (:func:`evaluate_cases` on *end* gives them).
    """
    checked = check(rules)
    calendar = calendar_for(checked)
    binder = Binder(checked.ruleset, calendar, agencies)
    bound = [b for b in (binder.bind(c) for c in cases) if b is not None]
    if binder.errors:
        raise InputError(binder.errors)
    for b in bound:
        yield from _case_signals(b, start, end, calendar, binder)
        binder.warnings.clear()


def _case_signals(
    b: Bound, start: dt.date, end: dt.date, calendar: CalendarLike, binder: Binder
) -> Iterator[tuple[dt.date, str, Signal]]:
    if not b.moves:
        return
    lo = max(start, b.moves[0].date)
    if lo > end:
        return
    cuts = sorted({m.date for m in b.moves if lo < m.date <= end})
    firsts = [lo, *cuts]
    memo = b.rule.memo
    cid = b.case.id
    current: Signal | None = None
    for k, first in enumerate(firsts):
        last = firsts[k + 1] - _ONE_DAY if k + 1 < len(firsts) else end
        status = _evaluate_one(b, first, calendar, binder, False)
        if status is None or status.paused or status.state in _ENDED_STATES:
            if current is not None:
                yield first, cid, "clear"
                current = None
            continue
        due = status.due
        warn = memo.warn_from(due)
        for day in (first, warn, due + _ONE_DAY):
            if day is None or day < first or day > last:
                continue
            if day > due:
                signal: Signal | None = "red"
            elif warn is not None and day >= warn:
                signal = "yellow"
            else:
                signal = None
            if signal != current:
                yield day, cid, "clear" if signal is None else signal
                current = signal


def _evaluate_one(
    b: Bound, on: dt.date, calendar: CalendarLike, binder: Binder, explain: bool
) -> CaseStatus | None:
    if not b.moves or b.moves[0].date > on:
        return None  # not started by the evaluation date
    try:
        return _evaluate_started(b, on, calendar, binder, explain)
    except CalendarError as exc:
        if exc.year is None:
            raise
        # A deadline counted past the calendar's years: the case's first row is the place.
        year, name = exc.year, exc.calendar
        raise InputError(
            [
                cell_diag(
                    b.case.rows[0],
                    "date",
                    "case/no-calendar",
                    case=b.case.id,
                    year=year,
                    calendar=name,
                )
            ]
        ) from None


def _evaluate_started(
    b: Bound, on: dt.date, calendar: CalendarLike, binder: Binder, explain: bool
) -> CaseStatus:
    if b.simple and not explain:
        return evaluate_simple(b, on)
    violations: list[str] = []
    moves = _checked_moves(b, on, binder, violations)
    rule, case = b.rule, b.case
    result = run_clock(
        rule.clock, moves, on, rule.ladder, calendar, explain=explain, memo=rule.memo
    )
    for index, code in result.violations:
        binder.warn(case.rows[index], _VIOLATION_KEY[code], case=case.id)
    o = rule.obligation
    return CaseStatus(
        case=case.id,
        agency=case.agency,
        obligation=case.obligation,
        started=result.started,
        nominal_due=result.nominal_due,
        due=result.due,
        state=result.state,
        days_overdue=result.days_overdue,
        step=result.step,
        unit=result.unit,
        limit=result.limit,
        used=result.used,
        left=result.left,
        paused=result.paused,
        paused_days=result.paused_units,
        extended_days=result.extended_units,
        extensions=result.extensions,
        yellow_on=result.yellow_on,
        red_on=result.red_on,
        completed_on=result.completed_on,
        withdrawn_on=result.withdrawn_on,
        stages=result.stages,
        violations=(*violations, *(code for _, code in result.violations)),
        source=o.source,
        title=o.title,
        steps=result.steps,
    )


_ONE_DAY = dt.timedelta(days=1)
