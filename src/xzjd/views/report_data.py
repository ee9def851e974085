# SPDX-License-Identifier: MIT
"""What ``xzjd report`` shows, gathered from one evaluation (docs/statistics.md).

The rules are evaluated once, on the last day (``end``), exactly as :func:`xzjd.stats`
evaluates them; the records are then summarised three ways with
:func:`~xzjd.engine.stats.aggregate`: the statistics asked for (the same rows as
``xzjd stats`` with the same ``--by`` and ``--every``), the on-time rate of each region in
each interval (the chart) and of each agency in each month (the heat map). The overdue list
holds the periods overdue on ``end`` whose deadline falls from ``start`` to ``end`` (those
the statistics count as overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from xzjd.engine.judgement import judge
from xzjd.engine.stats import BY, EVERY, StatsTable
from xzjd.errors import Diagnostic
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.cases import Case
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset
from xzjd.model import Ruleset, State, Step

__all__ = ["ObligationSource", "OverdueItem", "Report", "build_report"]


@attrs.frozen
class OverdueItem:
    """One period overdue on the report's last day: who owes it, to whom, the step reached."""

    agency: str
    agency_name: str
    obligation: str
    title: str
    period: str
    due: dt.date
    days_overdue: int | None
    step: Step | None
    owed_to: tuple[str, ...]
    source: str | None


@attrs.frozen
class ObligationSource:
    """An obligation of the rules and the clause it comes from."""

    id: str
    title: str
    source: str | None


@attrs.frozen
class Report:
    """The figures of one report: :attr:`table` as ``xzjd stats`` gives them, :attr:`regions`
    (by region, every interval), :attr:`heat` (by agency, every month), the overdue list and
    the obligations with their sources. :attr:`grades` are the names of the rating's grades
    for the interval, highest first (empty without a rating)."""

    title: str | None
    start: dt.date
    end: dt.date
    table: StatsTable
    regions: StatsTable
    heat: StatsTable
    overdue: tuple[OverdueItem, ...]
    obligations: tuple[ObligationSource, ...]
    grades: tuple[str, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()


def build_report(
    rules: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    events: Iterable[Event] = (),
    cases: Iterable[Case] = (),
    *,
    start: dt.date,
    end: dt.date,
    by: str = "region",
    every: str = "quarter",
    provisional: bool = True,
) -> Report:
    """Evaluate *rules* on *end* and gather the report of the periods due from *start* to *end*.

    Raises:
        ValueError: *end* is before *start*, or *by* or *every* is not one of
            :data:`~xzjd.engine.stats.BY` and :data:`~xzjd.engine.stats.EVERY`.
        XzjdError: what :func:`~xzjd.engine.evaluator.evaluate` raises on bad input.
    """
    if by not in BY or every not in EVERY:
        raise ValueError(f"by must be one of {BY} and every one of {EVERY}")
    judged = judge(
        rules, agencies, filings, events, cases, start=start, end=end, provisional=provisional
    )
    ruleset, registry, titles = judged.ruleset, judged.registry, judged.titles
    table = judged.summary(by, every)
    rating = judged.rating(every)
    grades = () if rating is None else (*(g.name for g in rating.grades), rating.otherwise)
    regions = table if by == "region" else judged.summary("region", every)
    heat = table if (by, every) == ("agency", "month") else judged.summary("agency", "month")

    def name(agency_id: str) -> str:
        found = registry.get(agency_id)
        return agency_id if found is None else found.name

    overdue = tuple(
        OverdueItem(
            agency=s.agency,
            agency_name=name(s.agency),
            obligation=s.obligation,
            title=s.title or titles.get(s.obligation, s.obligation),
            period=s.period,
            due=s.due,
            days_overdue=s.days_overdue,
            step=s.step,
            owed_to=tuple(name(r) for r in (s.outstanding or s.recipients)),
            source=s.source,
        )
        for s in sorted(judged.statuses, key=lambda s: (s.due, s.agency, s.obligation, s.period))
        if s.state is State.OVERDUE and start <= s.due <= end
    )
    return Report(
        title=ruleset.title,
        start=start,
        end=end,
        table=table,
        regions=regions,
        heat=heat,
        overdue=overdue,
        obligations=tuple(
            ObligationSource(o.id, o.title or o.id, o.source) for o in ruleset.obligations
        ),
        grades=grades,
        warnings=judged.warnings,
    )
