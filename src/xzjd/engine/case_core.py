# SPDX-License-Identifier: MIT
"""The columnar case core: the records of the simple cases computed for all of them at once
with numpy, the others left to the exact clock.

A case is *simple* when its rows are its start, then the ends of its stages in the rule's
order, then maybe its completion or withdrawal as the last row, in date order, under a rule
counted in days or working days (not months): the cases :mod:`xzjd.engine.case_shortcut`
evaluates one by one, about 95% of them. For those the core works on columns
(:class:`~xzjd.facts.case_columns.CaseColumns`): every deadline is one lookup in the
calendar's arrays (:meth:`~xzjd.calendar.day_table.DayTable.arrays`): the *n*-th working day
after day ``o`` is ``work[cum[o + 1] + n - 1]``, the working days between two days a
difference of ``cum``, a move off a rest day the first working day from it; the ladder's
warning day and open state are asked once per distinct deadline; states, days used and
left, signals and stages are comparisons of arrays. Each answer is the one the clock gives;
a case for which any lookup leaves the calendar's arrays (a year it does not cover, a walk
past a run of covered years, a date past 9999-12-31) is left to the exact clock too, which
reports the error as it always has.

The result, :class:`CaseTable`, holds the answers as columns (ordinals, codes) and builds a
case's :class:`~xzjd.engine.case_records.CaseStatus` only when it is asked for.

:func:`table_of` first checks, on the columns, that no row has an error (an unknown agency,
obligation or event word, a case that does not begin with its rule's event or starts
twice); when one has, it gives ``None`` and the caller reads the cases one by one, which
finds every error with its position and message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from xzjd.calendar.day_table import DayTable
from xzjd.engine.case_binding import Binder, Rule, _word
from xzjd.engine.case_days import LAST_ORDINAL, Days, ask_each, count_on, due_on
from xzjd.engine.case_records import CaseStatus
from xzjd.engine.clock import MoveKind, StageRun
from xzjd.errors import CalendarError
from xzjd.facts.case_columns import case_columns_of
from xzjd.facts.cases import Case
from xzjd.model import State, Step, Unit

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from xzjd.engine.clock import ClockMemo

__all__ = ["CaseTable", "table_of"]

I64 = np.int64

# Row kinds as small integers (the order of MoveKind); -1: an unknown event word.
_KINDS = tuple(MoveKind)
_K = {k: i for i, k in enumerate(_KINDS)}
_START, _STAGE = _K[MoveKind.START], _K[MoveKind.STAGE]
_COMPLETE, _WITHDRAW = _K[MoveKind.COMPLETE], _K[MoveKind.WITHDRAW]

_STATES = tuple(State)
_S = {s: i for i, s in enumerate(_STATES)}
_STEPS = tuple(Step)
_P = {s: i for i, s in enumerate(_STEPS)}
_DONE, _LATE, _WITHDRAWN, _OVERDUE = (
    _S[State.DONE],
    _S[State.LATE],
    _S[State.WITHDRAWN],
    _S[State.OVERDUE],
)
_PENDING = _S[State.PENDING]

_FIELDS = 13  # the fields of CaseTable.fields before the stages'


class _Group:
    """What the records of one rule's simple cases share."""

    __slots__ = ("limit", "memo", "obligation", "stage_names", "unit")

    def __init__(self, rule: Rule) -> None:
        self.memo = rule.memo
        self.unit = rule.clock.unit
        self.limit = rule.clock.count
        self.obligation = rule.obligation
        self.stage_names = tuple(s.name for s in rule.clock.stages)


class CaseTable:
    """The records of a run's cases as columns: one entry per case, in the order of the cases.

    ``exact`` maps the index of each case the exact clock evaluated to its record (``None``
    for one not started by the evaluation date); every other case is simple, and
    :meth:`record` builds its record from the columns (dates as ordinals, 0 for none;
    numbers -1 for none; states and steps as codes into ``tuple(State)`` and
    ``tuple(Step)``). ``positions`` are the indices of the cases that have a record (those
    started by the evaluation date), in order.
    """

    def __init__(self, cases: Sequence[Case], on: dt.date, n: int, stages: int) -> None:
        self.cases = cases
        # The id, agency and obligation of case i: without making the case when the
        # reader holds the cases as columns (xzjd.facts.case_table.CaseList).
        self.head: Callable[[int], tuple[str, str, str]] = getattr(cases, "head", None) or (
            lambda i: cases[i][:3]
        )
        self.on = on
        self.exact: dict[int, CaseStatus | None] = {}
        self.groups: list[_Group | None] = []
        # One row of int32 per case (a record reads its row in one call), the columns
        # below views of it: group (the rule), start, due, used, left, state, days overdue,
        # step, yellow, red, completed, withdrawn, stage records; then per stage its
        # opening, deadline and end.
        self.stage_count = stages
        self.fields = np.zeros((n, _FIELDS + 3 * stages), dtype=np.int32)
        f = self.fields
        self.group, self.start, self.due, self.used = f[:, 0], f[:, 1], f[:, 2], f[:, 3]
        self.left, self.state, self.days_overdue, self.step = f[:, 4], f[:, 5], f[:, 6], f[:, 7]
        self.yellow, self.red, self.completed, self.withdrawn = f[:, 8], f[:, 9], f[:, 10], f[:, 11]
        self.stages = f[:, 12]
        self.stage_opens = f[:, _FIELDS : _FIELDS + stages].T
        self.stage_due = f[:, _FIELDS + stages : _FIELDS + 2 * stages].T
        self.stage_done = f[:, _FIELDS + 2 * stages :].T
        self.left[:] = self.days_overdue[:] = self.step[:] = -1
        self.positions: NDArray[I64] = np.zeros(0, dtype=I64)
        self._days: dict[int, dt.date] = {}
        self._stage_runs: dict[tuple[int, int, int, int, int], StageRun] = {}

    def __len__(self) -> int:
        return len(self.positions)

    def _day(self, o: int) -> dt.date:
        found = self._days.get(o)
        if found is None:
            found = self._days[o] = dt.date.fromordinal(o)
        return found

    def _stage_of(self, key: tuple[int, int, int, int, int]) -> StageRun:
        """The stage record of (group, stage, opening, deadline, end), made once per run."""
        found = self._stage_runs.get(key)
        if found is None:
            group, j, opens_o, due_o, done_o = key
            g = self.groups[group]
            assert g is not None
            found = self._stage_runs[key] = self._stage(g, j, opens_o, due_o, done_o)
        return found

    def record(self, i: int) -> CaseStatus:
        """The record of case *i* (an index into the cases), built now unless the exact clock
        made it."""
        exact = self.exact
        if i in exact:
            found = exact[i]
            assert found is not None
            return found
        values = self.fields[i].tolist()
        (group, start, due_o, used, left, state, days_overdue, step) = values[:8]
        yellow, red, completed, withdrawn, ns = values[8:_FIELDS]
        g = self.groups[group]
        assert g is not None
        day = self._day
        case_id, agency, obligation = self.head(i)
        due = day(due_o)
        runs: tuple[StageRun, ...] = ()
        if ns:
            k = self.stage_count
            at = _FIELDS
            stage_of = self._stage_of
            runs = tuple(
                [
                    stage_of((group, j, values[at + j], values[at + k + j], values[at + 2 * k + j]))
                    for j in range(ns)
                ]
            )
        o = g.obligation
        return CaseStatus(
            case=case_id,
            agency=agency,
            obligation=obligation,
            started=day(start),
            nominal_due=due,
            due=due,
            state=_STATES[state],
            days_overdue=None if days_overdue < 0 else days_overdue,
            step=None if step < 0 else _STEPS[step],
            unit=g.unit,
            limit=g.limit,
            used=used,
            left=None if left < 0 else left,
            paused=False,
            paused_days=0,
            extended_days=0,
            extensions=0,
            yellow_on=day(yellow) if yellow else None,
            red_on=day(red) if red else None,
            completed_on=day(completed) if completed else None,
            withdrawn_on=day(withdrawn) if withdrawn else None,
            stages=runs,
            violations=(),
            source=o.source,
            title=o.title,
        )

    def _stage(self, g: _Group, j: int, opens_o: int, due_o: int, done_o: int) -> StageRun:
        day = self._day
        opens = day(opens_o)
        due = day(due_o)
        if done_o:
            late = done_o > due_o
            return g.memo.stage_run(
                g.stage_names[j],
                opens,
                due,
                day(done_o),
                State.LATE if late else State.DONE,
                day(due_o + 1) if late else None,
            )
        over = self.on > due
        return g.memo.stage_run(
            g.stage_names[j],
            opens,
            due,
            None,
            State.OVERDUE if over else State.PENDING,
            day(due_o + 1) if over else None,
        )


def table_of(
    cases: Sequence[Case], on: dt.date, binder: Binder, calendar: DayTable
) -> tuple[CaseTable, NDArray[np.bool_]] | None:
    """The columns of the simple cases of *cases* on *on*, and the mask of the cases left
    to the exact clock (started by *on*, not simple or not decided here); ``None`` when a
    row has an error (*binder* may then hold some of them: use a fresh one).

    *binder* compiles the rules; the caller evaluates the masked cases with it, in order,
    and puts their records into ``table.exact``, then sets ``table.positions``.
    """
    try:
        cols = case_columns_of(cases)
    except (ValueError, TypeError, AttributeError):
        return None
    n = len(cols)
    registry = binder.registry
    if registry is not None and any(registry.get(a) is None for a in cols.agencies):
        return None
    # The rule of each obligation, compiled from the first row of a case naming it.
    rules: list[Rule] = []
    for code in range(len(cols.obligations)):
        first = int(np.argmax(cols.obligation == code))
        rule = binder.rule(cases[first].rows[0])
        if rule is None:
            return None
        rules.append(rule)
    # Each (rule, event word): the kind of move, and the stage it ends (-1 none, -2 a name
    # two stages share: never simple).
    kinds = np.full((len(rules), len(cols.events)), -1, dtype=np.int8)
    stage_at = np.full((len(rules), len(cols.events)), -1, dtype=np.int8)
    for r, rule in enumerate(rules):
        names = [s.name for s in rule.clock.stages]
        for e, event in enumerate(cols.events):
            found = _word(rule, event)
            if found is None:
                continue  # unknown to this rule: an error where a row of its cases has it
            move, note = found
            kinds[r, e] = _K[move]
            if move is MoveKind.STAGE:
                at = [j for j, name in enumerate(names) if name == note]
                stage_at[r, e] = at[0] if len(at) == 1 else -2
    offsets = cols.offsets
    firsts = offsets[:-1]
    lengths = np.diff(offsets)
    m = int(offsets[-1])
    row_case = np.repeat(np.arange(n, dtype=I64), lengths)
    row_rule = cols.obligation[row_case]
    kind = kinds[row_rule, cols.event]
    if n and ((kind < 0).any() or (kind[firsts] != _START).any()):
        return None  # an unknown event word, or a case not begun by its rule's event
    if int(np.count_nonzero(kind == _START)) != n:
        return None  # a case that starts twice
    if n == 0:
        table = CaseTable(cases, on, 0, 0)
        return table, np.zeros(0, dtype=np.bool_)
    # Simple: the start, the stages in order, maybe an end as the last row, in date order.
    pos = np.arange(m, dtype=I64) - offsets[row_case]
    end_row = (kind == _COMPLETE) | (kind == _WITHDRAW)
    good = (
        (pos == 0)
        | ((kind == _STAGE) & (stage_at[row_rule, cols.event] == pos - 1))
        | (end_row & (pos == lengths[row_case] - 1))
    )
    date = cols.date.astype(I64)
    good[1:] &= (date[1:] >= date[:-1]) | (pos[1:] == 0)
    bad = np.add.reduceat((~good).astype(np.int32), firsts) > 0
    months = np.array([r.clock.unit is Unit.MONTHS for r in rules], dtype=np.bool_)
    simple = ~bad & ~months[cols.obligation]
    start = date[firsts]
    on_o = on.toordinal()
    started = start <= on_o
    most = max((len(r.clock.stages) for r in rules), default=0)
    for attempt in (0, 1):
        table = CaseTable(cases, on, n, most)
        table.groups = [_Group(r) for r in rules]
        table.group[:] = cols.obligation
        table.start[:] = start
        decided = np.zeros(n, dtype=np.bool_)
        days = Days(calendar)
        for r, rule in enumerate(rules):
            idx = np.flatnonzero(simple & started & (cols.obligation == r))
            if len(idx):
                ok = _simple(table, days, rule, idx, offsets, kind, date, on_o)
                decided[idx[ok]] = True
        if attempt or not _grow(calendar, days, started & simple & ~decided):
            break
    return table, started & ~decided


def _grow(calendar: DayTable, days: Days, missed: NDArray[np.bool_]) -> bool:
    """Whether the calendar's arrays grew (its provisional years computed) so that the
    cases *missed* may now be decided: ask again."""
    if not missed.any():
        return False
    later = sorted(y for y in calendar.provisional_years if dt.date(y, 1, 1).toordinal() > days.end)
    if not later:
        return False
    try:
        calendar.is_working_day(dt.date(later[0], 1, 1))  # computes every provisional year
    except CalendarError:
        return False
    grown = calendar.arrays()
    return grown.first_ordinal + len(grown.flags) - 1 > days.end


def _simple(
    table: CaseTable,
    days: Days,
    rule: Rule,
    idx: NDArray[I64],
    offsets: NDArray[I64],
    kind: NDArray[np.int8],
    date: NDArray[I64],
    on: int,
) -> NDArray[np.bool_]:
    """The records of the simple cases *idx* of *rule*, into *table*'s columns; the mask of
    those decided (every calendar lookup within the arrays)."""
    memo: ClockMemo = rule.memo
    limit = rule.clock.count
    nstages = len(memo.stages)
    off = offsets[idx]
    length = offsets[idx + 1] - off
    s = date[off]
    last_row = off + length - 1
    last_kind = kind[last_row]
    has_end = (length > 1) & ((last_kind == _COMPLETE) | (last_kind == _WITHDRAW))
    end_day = date[last_row]
    ended = has_end & (end_day <= on)
    stage_rows = length - 1 - has_end
    top = len(date) - 1
    k = np.zeros(len(idx), dtype=I64)
    for j in range(nstages):
        k += (j < stage_rows) & (date[np.minimum(off + 1 + j, top)] <= on)
    last = np.where(ended, end_day, on)
    due, ok = due_on(days, memo.count, s, limit)
    ok = ok & (due < LAST_ORDINAL)  # the day after the deadline exists
    due = np.where(ok, due, s)
    # Stages: each counted from the end of the one before; a record for each ended stage
    # and for the one running, unless no stage has ended.
    running = (k > 0) & (k < nstages)
    opened = s
    for j in range(nstages):
        _, n_j, count_j = memo.stages[j]
        done_j = j < k
        need = done_j | ((j == k) & running)
        s_due, ok_j = due_on(days, count_j, opened, n_j)
        ok &= ~need | (ok_j & (s_due < LAST_ORDINAL))
        row_j = date[np.minimum(off + 1 + j, top)]
        done_on = np.where(done_j, row_j, np.where(ended, end_day, 0))
        table.stage_opens[j, idx] = np.where(need, opened, 0)
        table.stage_due[j, idx] = np.where(need & ok_j, s_due, 0)
        table.stage_done[j, idx] = np.where(need, done_on, 0)
        opened = np.where(done_j, row_j, opened)
    table.stages[idx] = k + running
    used, ok_used = count_on(days, memo.count, s, last)
    ok &= ok_used
    # The ladder, once per distinct deadline.
    warns, w_at, w_failed = ask_each(due, memo.warn_from)
    warn_o = np.array([0 if w is None else w.toordinal() for w in warns], dtype=I64)[w_at]
    ok &= ~w_failed
    on_day = dt.date.fromordinal(on)
    opens, o_at, o_failed = ask_each(due, lambda d: memo.open_state(d, on_day))
    ok &= ended | ~o_failed
    codes = np.array(
        [(_PENDING, -1, -1) if x is None else _open_codes(x) for x in opens], dtype=I64
    ).reshape(-1, 3)[o_at]
    complete = ended & (last_kind == _COMPLETE)
    withdrawn = ended & (last_kind == _WITHDRAW)
    state = np.where(
        withdrawn,
        _WITHDRAWN,
        np.where(complete, np.where(last <= due, _DONE, _LATE), codes[:, 0]),
    )
    y = np.maximum(s, warn_o)
    table.yellow[idx] = np.where((warn_o != 0) & (y <= last) & (y <= due), y, 0)
    table.red[idx] = np.where(due + 1 <= last, due + 1, 0)
    table.due[idx] = due
    table.used[idx] = used
    table.left[idx] = np.where(ended | (state == _OVERDUE), -1, np.maximum(limit - used, 0))
    table.state[idx] = state
    table.days_overdue[idx] = np.where(ended, -1, codes[:, 1])
    table.step[idx] = np.where(ended, -1, codes[:, 2])
    table.completed[idx] = np.where(complete, end_day, 0)
    table.withdrawn[idx] = np.where(withdrawn, end_day, 0)
    result: NDArray[np.bool_] = ok
    return result


def _open_codes(x: tuple[State, int | None, Step | None]) -> tuple[int, int, int]:
    state, days_overdue, step = x
    return _S[state], -1 if days_overdue is None else days_overdue, -1 if step is None else _P[step]
