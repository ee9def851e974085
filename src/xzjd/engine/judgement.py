# SPDX-License-Identifier: MIT
"""The rules judged on one date for statistics: evaluated once (periods, and cases when there
are any), then summed up by any grouping and interval (:mod:`xzjd.engine.stats`).

:func:`stats` gives one table; :func:`judge` gives the :class:`Judgement` itself, from which
``xzjd report`` takes several tables, the overdue periods and the obligations, all from the
same evaluation and with the same ladders, titles and rating as ``xzjd stats``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from xzjd.engine.calendars import calendar_for
from xzjd.engine.case_records import CaseStatus
from xzjd.engine.cases import evaluate_cases
from xzjd.engine.evaluator import evaluate
from xzjd.engine.ladder import Ladder
from xzjd.engine.records import Statuses
from xzjd.engine.stats import BY, EVERY, StatsTable, aggregate
from xzjd.errors import Diagnostic
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.cases import Case
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, check
from xzjd.model import Rating, Ruleset

__all__ = ["Judgement", "judge", "stats"]


@attrs.frozen
class Judgement:
    """The rules evaluated on :attr:`end`, for the periods due from :attr:`start`."""

    ruleset: Ruleset
    registry: Registry
    start: dt.date
    end: dt.date
    statuses: Statuses
    cases: Sequence[CaseStatus]
    ladders: Mapping[str, Ladder]
    titles: Mapping[str, str]  # obligation id -> its title (or id)
    warnings: tuple[Diagnostic, ...]

    def rating(self, every: str) -> Rating | None:
        """The ruleset's rating for the interval *every*, if it declares one."""
        return next((r for r in self.ruleset.ratings if r.every == every), None)

    def summary(self, by: str, every: str) -> StatsTable:
        """The statistics grouped *by*, *every* interval (:func:`stats`)."""
        if by not in BY or every not in EVERY:
            raise ValueError(f"by must be one of {BY} and every one of {EVERY}")
        table = aggregate(
            self.statuses,
            self.registry,
            start=self.start,
            end=self.end,
            by=by,
            every=every,
            cases=self.cases,
            ladders=self.ladders,
            obligations=self.titles,
            rating=self.rating(every),
        )
        table.warnings = self.warnings
        return table


def judge(
    rules: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    events: Iterable[Event] = (),
    cases: Iterable[Case] = (),
    *,
    start: dt.date,
    end: dt.date,
    provisional: bool = True,
) -> Judgement:
    """Evaluate *rules* once on *end* (and *cases*, when there are any).

    Raises:
        ValueError: *end* is before *start*.
        XzjdError: what :func:`~xzjd.engine.evaluator.evaluate` raises on bad input.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    checked = check(rules)
    registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
    statuses = evaluate(checked, registry, filings, on=end, events=events, provisional=provisional)
    warnings = list(statuses.warnings)
    case_list = tuple(cases)
    case_statuses: Sequence[CaseStatus] = ()
    if case_list:
        evaluated = evaluate_cases(checked, case_list, on=end, agencies=registry)
        case_statuses = evaluated
        warnings += evaluated.warnings
    ruleset = checked.ruleset
    calendar = calendar_for(checked)
    return Judgement(
        ruleset=ruleset,
        registry=registry,
        start=start,
        end=end,
        statuses=statuses,
        cases=case_statuses,
        ladders={
            o.id: Ladder(
                None if o.escalation is None else ruleset.escalation(o.escalation), calendar
            )
            for o in ruleset.obligations
        },
        titles={o.id: o.title or o.id for o in ruleset.obligations},
        warnings=tuple(warnings),
    )


def stats(
    rules: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    events: Iterable[Event] = (),
    cases: Iterable[Case] = (),
    *,
    start: dt.date,
    end: dt.date,
    by: str = "agency",
    every: str = "quarter",
    provisional: bool = True,
) -> StatsTable:
    """The statistics of the periods (and cases) due from *start* to *end*, judged on *end*.

    The rules are evaluated once, on *end* (:func:`~xzjd.engine.evaluator.evaluate`, and
    :func:`~xzjd.engine.cases.evaluate_cases` for *cases*); every period whose deadline falls
    in [*start*, *end*] is counted in the interval (*every*: ``"month"``, ``"quarter"``,
    ``"year"``) its deadline falls in, in the state it has on *end*, under its group (*by*:
    ``"agency"``, ``"region"``, ``"kind"``, ``"level"``, ``"obligation"``). The ruleset's
    rating for *every* (``rating quarterly: ...``), if it has one, grades each row.
    docs/statistics.md defines every figure.

    Raises:
        ValueError: *end* is before *start*, or *by* or *every* is not one of the above.
        XzjdError: what :func:`~xzjd.engine.evaluator.evaluate` raises on bad input.
    """
    if by not in BY or every not in EVERY:
        raise ValueError(f"by must be one of {BY} and every one of {EVERY}")
    judged = judge(
        rules, agencies, filings, events, cases, start=start, end=end, provisional=provisional
    )
    return judged.summary(by, every)
