# SPDX-License-Identifier: MIT
"""What a case evaluation gives: one :class:`CaseStatus` per case, :class:`CaseStatuses`
with the run's warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from xzjd.engine.clock import ClockStep, StageRun
from xzjd.errors import Diagnostic
from xzjd.model import State, Step, Unit
from xzjd.text.indexes import position, positions

if TYPE_CHECKING:
    from xzjd.engine.case_core import CaseTable

__all__ = ["CaseStatus", "CaseStatuses", "sorted_cases"]


@attrs.frozen(kw_only=True)
class CaseStatus:
    """One case on the evaluation date.

    ``due`` is the deadline after pauses and extensions (``nominal_due``: the limit counted
    from the start alone); ``used`` and ``left`` count the limit's ``unit`` (days or working
    days) used by the evaluation date (or the day the case ended) and left before ``due``;
    ``paused_days`` and ``extended_days`` the units not counted and added. ``yellow_on`` and
    ``red_on`` are the days the warning and the overdue signal were first raised;
    ``violations`` the rule's limits the case broke (``extension-beyond-limit`` is 违规延期).
    ``steps`` holds the arithmetic when the evaluation was asked to explain.
    """

    case: str
    agency: str
    obligation: str
    started: dt.date
    nominal_due: dt.date
    due: dt.date
    state: State
    days_overdue: int | None
    step: Step | None
    unit: Unit
    limit: int
    used: int
    left: int | None
    paused: bool
    paused_days: int
    extended_days: int
    extensions: int
    yellow_on: dt.date | None
    red_on: dt.date | None
    completed_on: dt.date | None
    withdrawn_on: dt.date | None
    stages: tuple[StageRun, ...]
    violations: tuple[str, ...]
    source: str | None
    title: str | None = None
    steps: tuple[ClockStep, ...] = attrs.field(default=(), eq=False, repr=False)

    def to_json(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The case's JSON record (docs/cases.md); *names* maps agency ids to names, for
        ``agency_name`` (null without it, or for an id it does not hold)."""
        return {
            "case": self.case,
            "agency": self.agency,
            "obligation": self.obligation,
            "started": self.started.isoformat(),
            "nominal_due": self.nominal_due.isoformat(),
            "due": self.due.isoformat(),
            "state": self.state.value,
            "days_overdue": self.days_overdue,
            "step": None if self.step is None else self.step.value,
            "unit": self.unit.value,
            "limit": self.limit,
            "used": self.used,
            "left": self.left,
            "paused": self.paused,
            "paused_days": self.paused_days,
            "extended_days": self.extended_days,
            "extensions": self.extensions,
            "yellow_on": _iso(self.yellow_on),
            "red_on": _iso(self.red_on),
            "completed_on": _iso(self.completed_on),
            "withdrawn_on": _iso(self.withdrawn_on),
            "stages": [
                {
                    "stage": s.name,
                    "opens": s.opens.isoformat(),
                    "due": s.due.isoformat(),
                    "done_on": _iso(s.done_on),
                    "state": s.state.value,
                    "overrun_on": _iso(s.overrun_on),
                }
                for s in self.stages
            ],
            "violations": list(self.violations),
            "source": self.source,
            "agency_name": None if names is None else names.get(self.agency),
            "title": self.title,
        }

    @property
    def stage_overruns(self) -> tuple[StageRun, ...]:
        """The stages that ran over their own limit (环节超时)."""
        return tuple(s for s in self.stages if s.overrun_on is not None)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


class CaseStatuses(Sequence[CaseStatus]):
    """The result of :func:`evaluate_cases`: the :class:`CaseStatus` of each case started by
    the evaluation date, in the order of the cases, plus ``warnings``.

    A sequence (indexing, slicing, ``len``, iteration; equal to a list or another
    ``CaseStatuses`` with equal records in the same order). The columnar core
    (:mod:`xzjd.engine.case_core`) builds a record the first time it is asked for, then
    keeps it: a caller that looks at a few cases of a million pays for those few; its columns
    are in ``columns`` (``None`` when the records were made one by one).
    """

    warnings: tuple[Diagnostic, ...] = ()
    columns: CaseTable | None = None

    def __init__(self, records: Iterable[CaseStatus] = ()) -> None:
        self._records: list[CaseStatus | None] = list(records)
        self._build: Callable[[int], CaseStatus] | None = None

    @classmethod
    def lazy(cls, n: int, build: Callable[[int], CaseStatus]) -> CaseStatuses:
        """*n* records, record *k* made by ``build(k)`` when first asked for."""
        out = cls()
        out._records = [None] * n
        out._build = build
        return out

    def __len__(self) -> int:
        return len(self._records)

    def _at(self, k: int) -> CaseStatus:
        found = self._records[k]
        if found is None:
            assert self._build is not None
            found = self._records[k] = self._build(k)
        return found

    @overload
    def __getitem__(self, index: int) -> CaseStatus: ...

    @overload
    def __getitem__(self, index: slice) -> list[CaseStatus]: ...

    def __getitem__(self, index: int | slice) -> CaseStatus | list[CaseStatus]:
        if isinstance(index, slice):
            return [self._at(k) for k in positions(index, len(self._records))]
        return self._at(position(index, len(self._records), "CaseStatuses"))

    def __iter__(self) -> Iterator[CaseStatus]:
        records = self._records
        for k, found in enumerate(records):
            yield found if found is not None else self._at(k)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (list, CaseStatuses)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CaseStatuses({list(self)!r})"


def sorted_cases(cases: Sequence[CaseStatus]) -> list[CaseStatus]:
    """*cases* by agency, obligation, deadline and case id."""
    return sorted(cases, key=lambda c: (c.agency, c.obligation, c.due, c.case))
