# SPDX-License-Identifier: MIT
"""The shortcut of the case path: the record of a case with only its start, its stages in
the rule's order and maybe an end, without running the full clock (:mod:`xzjd.engine.clock`).

:class:`~xzjd.engine.case_binding.Bound` marks such a case ``simple`` when it reads the rows;
:mod:`xzjd.engine.cases` takes the shortcut unless asked to explain. The record is the one the
full clock gives (``tests/test_case_speed.py`` compares the two).
"""

from __future__ import annotations

import datetime as dt

from xzjd.engine.case_binding import Bound
from xzjd.engine.case_records import CaseStatus
from xzjd.engine.clock_types import MoveKind, StageRun
from xzjd.model import State

__all__ = ["evaluate_simple"]

_ONE_DAY = dt.timedelta(days=1)


def evaluate_simple(b: Bound, on: dt.date) -> CaseStatus:
    """:func:`xzjd.engine.cases` for a case with a start, its stages in order and maybe an end:
    the same record as :func:`~xzjd.engine.clock.run_clock` gives, with one deadline, with
    no pause, extension or restart to follow (``tests/test_case_speed.py`` compares the two).

    The case is open, at the start of each day, from its start to the day it ended (or *on*),
    one stretch with one deadline: it was first yellow on the later of its start and its
    warning day, if that is not after the deadline nor the stretch's end, and first red on
    the day after the deadline if the stretch reaches it.
    """
    rule, case = b.rule, b.case
    memo = rule.memo
    clock = memo.rule
    count = memo.count
    moves = b.moves
    start = moves[0].date
    limit = clock.count
    due = count.due(start, limit)
    end: MoveKind | None = None
    end_day: dt.date | None = None
    stages = memo.stages
    stage_run = memo.stage_run
    runs: list[StageRun] = []
    opened = start
    i = 0
    for move in moves[1:]:
        day = move.date
        if day > on:
            break
        kind = move.kind
        if kind is _STAGE:
            name, n, c = stages[i]
            s_due = c.due(opened, n)
            if day > s_due:
                runs.append(stage_run(name, opened, s_due, day, State.LATE, s_due + _ONE_DAY))
            else:
                runs.append(stage_run(name, opened, s_due, day, State.DONE, None))
            opened = day
            i += 1
        else:
            end, end_day = kind, day
            break
    last = on if end_day is None else end_day
    if 0 < i < len(stages):  # no row ending a stage: no stage records (as the clock)
        name, n, c = stages[i]
        s_due = c.due(opened, n)
        if end_day is not None:
            late = end_day > s_due
            runs.append(
                stage_run(
                    name,
                    opened,
                    s_due,
                    end_day,
                    State.LATE if late else State.DONE,
                    s_due + _ONE_DAY if late else None,
                )
            )
        else:
            over = on > s_due
            runs.append(
                stage_run(
                    name,
                    opened,
                    s_due,
                    None,
                    State.OVERDUE if over else State.PENDING,
                    s_due + _ONE_DAY if over else None,
                )
            )
    warn = memo.warn_from(due)
    yellow: dt.date | None = None
    if warn is not None:
        yellow = start if start > warn else warn
        if yellow > last or yellow > due:
            yellow = None
    red: dt.date | None = due + _ONE_DAY
    if red is not None and red > last:
        red = None
    days_overdue: int | None = None
    step = None
    if end is None:
        state, days_overdue, step = memo.open_state(due, on)
    elif end is _WITHDRAW:
        state = State.WITHDRAWN
    else:
        state = State.DONE if last <= due else State.LATE
    used = count.count(start, last)
    left = None if end is not None or state is State.OVERDUE else max(limit - used, 0)
    o = rule.obligation
    return CaseStatus(
        case=case.id,
        agency=case.agency,
        obligation=case.obligation,
        started=start,
        nominal_due=due,
        due=due,
        state=state,
        days_overdue=days_overdue,
        step=step,
        unit=clock.unit,
        limit=limit,
        used=used,
        left=left,
        paused=False,
        paused_days=0,
        extended_days=0,
        extensions=0,
        yellow_on=yellow,
        red_on=red,
        completed_on=end_day if end is _COMPLETE else None,
        withdrawn_on=end_day if end is _WITHDRAW else None,
        stages=tuple(runs),
        violations=(),
        source=o.source,
        title=o.title,
    )


_STAGE, _COMPLETE, _WITHDRAW = MoveKind.STAGE, MoveKind.COMPLETE, MoveKind.WITHDRAW
