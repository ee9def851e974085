# SPDX-License-Identifier: MIT
"""Statistics of an evaluation (统计监察): for each group of agencies and each interval, how
many periods fell due, how many were done on time, late or are overdue, the on-time rate, the
signals raised and the rank of the group among the others (docs/statistics.md).

Everything is judged on one date, the last day of the statistics (``end``): the rules are
evaluated once on it, and every period whose deadline (``due``, after moving off rest days)
falls in an interval is counted in that interval, in the state it has on ``end``. A period
due in the first quarter and done in the second is late, counted in the first quarter. Cases
(办件) count the same way by their deadline after pauses and extensions; their yellow and red
signals count in the interval of the day each was first raised.

:func:`~xzjd.engine.judgement.stats` evaluates and aggregates; :func:`aggregate` only
aggregates records already evaluated (what a test or a program holding statuses uses).
"""

from __future__ import annotations

import datetime as dt
import enum
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from xzjd.engine.case_records import CaseStatus
from xzjd.engine.ladder import Ladder
from xzjd.errors import Diagnostic
from xzjd.facts.agencies import Agency, Registry
from xzjd.model import Rating, State, Step

__all__ = [
    "BY",
    "EVERY",
    "DaysLate",
    "Interval",
    "StatsRow",
    "StatsTable",
    "aggregate",
    "group_of",
    "intervals",
]

#: The groupings: an agency, its region at depth 2 (the prefecture), its kind, its level, or
#: the obligation.
By = Literal["agency", "region", "kind", "level", "obligation"]
BY: tuple[str, ...] = ("agency", "region", "kind", "level", "obligation")
#: The intervals: calendar months, quarters or years.
Every = Literal["month", "quarter", "year"]
EVERY: tuple[str, ...] = ("month", "quarter", "year")

#: The depth of the region path a ``by="region"`` group stands for: 2, the prefecture
#: (``云南省/昆明市``); an agency whose path is shorter (the province's own agencies) is a
#: group of its own path (``云南省``).
REGION_DEPTH = 2

_STEPS: tuple[Step, ...] = tuple(Step)


@attrs.frozen
class Interval:
    """One interval of the statistics: its label (``2010-Q2``, ``2010-05``, ``2010``) and
    its first and last day, clipped to the statistics' ``start`` and ``end``."""

    label: str
    first: dt.date
    last: dt.date


def intervals(start: dt.date, end: dt.date, every: str) -> list[Interval]:
    """The calendar months, quarters or years from *start* to *end*, each clipped to them."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    out: list[Interval] = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        if every == "month":
            span, label = 1, f"{year:04d}-{month:02d}"
        elif every == "quarter":
            month = 3 * ((month - 1) // 3) + 1
            span, label = 3, f"{year:04d}-Q{(month - 1) // 3 + 1}"
        else:
            month, span, label = 1, 12, f"{year:04d}"
        first = dt.date(year, month, 1)
        year_after, month_after = (
            (year + 1, month + span - 12)
            if month + span > 12
            else (
                year,
                month + span,
            )
        )
        if year_after > dt.MAXYEAR:
            last = dt.date.max
        else:
            last = dt.date(year_after, month_after, 1) - dt.timedelta(days=1)
        out.append(Interval(label, max(first, start), min(last, end)))
        if last >= end:
            break
        year, month = year_after, month_after
    return out


@attrs.frozen
class DaysLate:
    """The calendar days from the deadline to the filing of the late periods (and the days
    from the deadline to the completion of the late cases): mean, median, max; ``None``
    each when nothing was late."""

    mean: float | None = None
    median: float | None = None
    max: int | None = None

    @classmethod
    def of(cls, days: Sequence[int]) -> DaysLate:
        if not days:
            return cls()
        return cls(round(statistics.fmean(days), 2), float(statistics.median(days)), max(days))


@attrs.frozen(kw_only=True)
class StatsRow:
    """The figures of one group in one interval (docs/statistics.md defines each).

    ``due`` counts every period (and case) whose deadline falls in the interval;
    ``on_time + late + overdue + waived + open == due``. ``open`` are those due on the
    last day of the statistics and not yet filed (pending or warning: not judged).
    ``overdue_by_step`` counts the overdue ones by the escalation step reached (``None``:
    no step reached yet). ``rate`` is ``on_time / (on_time + late + overdue)``, ``None``
    when that is 0; ``rank`` orders the groups of one interval by rate, highest first, a tie
    broken by fewer overdue, groups still equal sharing a rank (1, 2, 2, 4); a group
    without a rate has no rank. ``yellow`` and ``red`` count the warning and overdue
    signals raised (docs/statistics.md). ``rating`` is the grade the ruleset's rating for
    the interval gives the row (``None`` without such a rating, or without a rate).
    """

    group: str
    name: str
    interval: str
    first: dt.date
    last: dt.date
    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    overdue_by_step: Mapping[Step | None, int] = attrs.field(factory=dict)
    waived: int = 0
    open: int = 0
    days_late: DaysLate = DaysLate()
    rate: float | None = None
    yellow: int = 0
    red: int = 0
    rank: int | None = None
    rating: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The row as docs/stats.schema.json describes it."""
        return {
            "group": self.group,
            "name": self.name,
            "interval": self.interval,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "due": self.due,
            "on_time": self.on_time,
            "late": self.late,
            "days_late": {
                "mean": self.days_late.mean,
                "median": self.days_late.median,
                "max": self.days_late.max,
            },
            "overdue": self.overdue,
            "overdue_by_step": {
                ("none" if step is None else step.value): n
                for step, n in sorted(
                    self.overdue_by_step.items(),
                    key=lambda kv: -1 if kv[0] is None else kv[0].severity,
                )
            },
            "waived": self.waived,
            "open": self.open,
            "rate": self.rate,
            "yellow": self.yellow,
            "red": self.red,
            "rank": self.rank,
            "rating": self.rating,
        }


class StatsTable(list[StatsRow]):
    """The result of :func:`stats`: its rows, interval by interval, each interval's groups in
    rank order (groups without a rank last, by group); with the parameters and the
    evaluation's warnings."""

    start: dt.date
    end: dt.date
    by: str
    every: str
    warnings: tuple[Diagnostic, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The whole statistics as docs/stats.schema.json describes them."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "by": self.by,
            "every": self.every,
            "rows": [row.to_json() for row in self],
        }


def _enum_text(value: object) -> str:
    if value is None:
        return ""
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def group_of(agency: Agency, by: str) -> tuple[str, str]:
    """The group (its key and its display name) *agency* falls in for grouping *by*
    (``"obligation"`` is not a grouping of agencies)."""
    if by == "agency":
        return agency.id, agency.name
    if by == "region":
        path = "/".join(agency.region[:REGION_DEPTH])
        return path, path
    if by == "kind":
        kind = _enum_text(agency.kind)
        return kind, kind
    if by == "level":
        level = _enum_text(agency.level)
        return level, level
    raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")


@attrs.define
class _Tally:
    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    by_step: dict[Step | None, int] = attrs.field(factory=dict)
    waived: int = 0
    open: int = 0
    days_late: list[int] = attrs.field(factory=list)
    yellow: int = 0
    red: int = 0

    def count(self, state: State, step: Step | None, days_late: int | None) -> None:
        self.due += 1
        if state is State.DONE:
            self.on_time += 1
        elif state is State.LATE:
            self.late += 1
            if days_late is not None:
                self.days_late.append(days_late)
        elif state is State.OVERDUE:
            self.overdue += 1
            self.by_step[step] = self.by_step.get(step, 0) + 1
        elif state in (State.WAIVED, State.WITHDRAWN):
            self.waived += 1
        else:
            self.open += 1


def _signals(
    opens: dt.date,
    due: dt.date,
    satisfied_on: dt.date | None,
    state: State,
    ladder: Ladder | None,
    end: dt.date,
) -> tuple[bool, bool]:
    """Whether a period raised its warning (yellow) and its overdue (red) signal by *end*.

    As for cases, a signal is raised on a day the period is still open at the start of:
    yellow from the first warning day (not before the period opens) to the deadline, red
    from the day after the deadline. A waived period raises none.
    """
    if state is State.WAIVED:
        return False, False
    last_open = end if satisfied_on is None else min(satisfied_on, end)
    yellow = False
    warn_from = None if ladder is None else ladder.warn_from(due)
    if warn_from is not None:
        yellow = max(warn_from, opens) <= min(last_open, due)
    red = last_open >= due + dt.timedelta(days=1)
    return yellow, red


def aggregate(
    statuses: Iterable[Any],
    agencies: Registry | Iterable[Agency],
    *,
    start: dt.date,
    end: dt.date,
    by: str = "agency",
    every: str = "quarter",
    cases: Iterable[CaseStatus] = (),
    ladders: Mapping[str, Ladder] | None = None,
    obligations: Mapping[str, str] | None = None,
    rating: Rating | None = None,
) -> StatsTable:
    """Aggregate :class:`~xzjd.engine.records.Status` records evaluated on *end* (and case
    statuses) into the rows of :func:`stats`.

    *ladders* maps obligation ids to their escalation ladders, for the yellow signals of
    periods (without it no period raises one). *obligations* maps obligation ids to titles,
    the groups of ``by="obligation"`` (every one listed, even with nothing due). *rating*
    grades each row's rate.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
    spans = intervals(start, end, every)
    names: dict[str, str] = {}
    if by == "obligation":
        names.update(obligations or {})
    else:
        for a in registry:
            key, name = group_of(a, by)
            names.setdefault(key, name)
    tallies: dict[tuple[str, int], _Tally] = {}

    def slot(day: dt.date) -> int | None:
        if day < start or day > end:
            return None
        lo, hi = 0, len(spans) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if spans[mid].last < day:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def key_of(agency_id: str, obligation: str) -> str:
        if by == "obligation":
            names.setdefault(obligation, obligation)
            return obligation
        agency = registry.get(agency_id)
        if agency is None:
            key, name = (agency_id, agency_id) if by == "agency" else ("", "")
        else:
            key, name = group_of(agency, by)
        names.setdefault(key, name)
        return key

    def tally(key: str, i: int) -> _Tally:
        found = tallies.get((key, i))
        if found is None:
            found = tallies[(key, i)] = _Tally()
        return found

    ladders = ladders or {}
    for s in statuses:
        i = slot(s.due)
        if i is None:
            continue
        t = tally(key_of(s.agency, s.obligation), i)
        t.count(s.state, s.step, s.days_late)
        yellow, red = _signals(
            s.opens, s.due, s.satisfied_on, s.state, ladders.get(s.obligation), end
        )
        t.yellow += yellow
        t.red += red
    for c in cases:
        key = key_of(c.agency, c.obligation)
        i = slot(c.due)
        if i is not None:
            late = None
            if c.state is State.LATE and c.completed_on is not None:
                late = (c.completed_on - c.due).days
            tally(key, i).count(c.state, c.step, late)
        for day, field in ((c.yellow_on, "yellow"), (c.red_on, "red")):
            j = None if day is None else slot(day)
            if j is not None:
                t = tally(key, j)
                setattr(t, field, getattr(t, field) + 1)

    table = StatsTable()
    table.start, table.end, table.by, table.every = start, end, by, every
    for i, span in enumerate(spans):
        rows = []
        for key in sorted(names):
            t = tallies.get((key, i)) or _Tally()
            judged = t.on_time + t.late + t.overdue
            rows.append(
                StatsRow(
                    group=key,
                    name=names[key],
                    interval=span.label,
                    first=span.first,
                    last=span.last,
                    due=t.due,
                    on_time=t.on_time,
                    late=t.late,
                    overdue=t.overdue,
                    overdue_by_step=dict(t.by_step),
                    waived=t.waived,
                    open=t.open,
                    days_late=DaysLate.of(t.days_late),
                    rate=None if judged == 0 else t.on_time / judged,
                    yellow=t.yellow,
                    red=t.red,
                    rating=None if rating is None else rating.grade(t.on_time, judged),
                )
            )
        table.extend(_ranked(rows))
    return table


def _ranked(rows: list[StatsRow]) -> list[StatsRow]:
    """*rows* (one interval) with their ranks, in rank order (unranked last, by group)."""
    rated = sorted(
        (r for r in rows if r.rate is not None),
        key=lambda r: (-(r.rate or 0.0), r.overdue, r.group),
    )
    out: list[StatsRow] = []
    rank = 0
    previous: tuple[float | None, int] | None = None
    for n, row in enumerate(rated, start=1):
        if (row.rate, row.overdue) != previous:
            rank, previous = n, (row.rate, row.overdue)
        out.append(attrs.evolve(row, rank=rank))
    out.extend(r for r in rows if r.rate is None)
    return out
