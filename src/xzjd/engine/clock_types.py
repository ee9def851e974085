# SPDX-License-Identifier: MIT
"""The types of a case's clock (:mod:`xzjd.engine.clock`): the moves read from its rows, what
a rule says about its clock, and what the clock gives."""

from __future__ import annotations

import datetime as dt
import enum
from typing import NamedTuple

import attrs

from xzjd.model import State, Step, Unit

__all__ = [
    "ClockResult",
    "ClockRule",
    "ClockStep",
    "Move",
    "MoveKind",
    "StageRule",
    "StageRun",
]


class MoveKind(enum.Enum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    RESTART = "restart"
    STAGE = "stage"
    COMPLETE = "complete"
    WITHDRAW = "withdraw"


class Move(NamedTuple):
    """One row of a case that moves its clock; ``row`` is the row's place in the case.

    A named tuple: a case makes one per row, and a tuple is made several times faster than
    a frozen attrs class."""

    kind: MoveKind
    date: dt.date
    row: int
    note: str | None = None


@attrs.frozen
class StageRule:
    name: str
    count: int
    unit: Unit


@attrs.frozen(kw_only=True)
class ClockRule:
    """What a rule says about the clock of its cases, compiled once per obligation."""

    count: int
    unit: Unit
    move_off_rest_days: bool
    extension: tuple[int, Unit, int] | None = None  # count, unit, times
    stages: tuple[StageRule, ...] = ()


@attrs.frozen
class ClockStep:
    """One step of the arithmetic, for ``explain``: on ``date``, what happened (English and
    Chinese), the units it added or left out, and the deadline after it."""

    date: dt.date
    en: str
    zh: str
    units: int | None
    due: dt.date | None


@attrs.frozen(kw_only=True)
class StageRun:
    """One stage of a case on the evaluation date."""

    name: str
    opens: dt.date
    due: dt.date
    done_on: dt.date | None
    state: State
    overrun_on: dt.date | None  # the day its red signal was first raised


@attrs.frozen(kw_only=True)
class ClockResult:
    started: dt.date
    nominal_due: dt.date
    due: dt.date
    state: State
    unit: Unit
    limit: int
    used: int
    left: int | None
    days_overdue: int | None
    step: Step | None
    paused: bool
    paused_units: int
    extended_units: int
    extensions: int
    yellow_on: dt.date | None
    red_on: dt.date | None
    completed_on: dt.date | None
    withdrawn_on: dt.date | None
    stages: tuple[StageRun, ...]
    violations: tuple[tuple[int, str], ...]  # (move index, violation code)
    steps: tuple[ClockStep, ...]
