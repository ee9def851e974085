# SPDX-License-Identifier: MIT
"""Schedules: when a duty falls due, as the text says it.

A schedule holds what the text says (``month=3, day=None`` for "the end of March"); turning
it into dates is the job of :mod:`xzjd.periods.schedule`.
"""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

from xzjd.errors import Span
from xzjd.model.enums import Parity, Unit

__all__ = [
    "AfterEnd",
    "AfterEvent",
    "Chained",
    "Cycle",
    "During",
    "EachMonth",
    "FirstWorkingDays",
    "HalfYearly",
    "MonthDay",
    "MonthParity",
    "Once",
    "Quarterly",
    "Schedule",
    "Window",
    "Yearly",
]


@attrs.frozen
class MonthDay:
    """A day of a month; ``day=None`` means the month's last day ("the end of June")."""

    month: int
    day: int | None = None


@attrs.frozen(kw_only=True)
class Once:
    """``by 2010-03-31``, ``by the end of March``, ``by April 1, 2010``.

    ``year=None`` means the year of the ruleset's ``effective`` date.
    """

    year: int | None
    month: int
    day: int | None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Yearly:
    """``by April 1 each year``, ``by the end of June and November each year``."""

    dates: tuple[MonthDay, ...] = attrs.field(converter=tuple)
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class EachMonth:
    """``by the 10th of each month`` (``day=10``), ``by the end of each month`` (``day=None``)."""

    day: int | None
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class MonthParity:
    """``by the end of every even month`` (逢双月底前) and the odd-month form."""

    parity: Parity
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Quarterly:
    """``by the end of each quarter``: Mar 31, Jun 30, Sep 30, Dec 31."""

    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class HalfYearly:
    """``every half year`` / ``by the end of each half year``: Jun 30 and Dec 31."""

    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class During:
    """``during July 2010``: only a filing inside the month counts; the deadline never moves."""

    year: int | None
    month: int
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class AfterEvent:
    """``within 30 days after finding``: one period per event of the agency."""

    event: str
    count: int
    unit: Unit
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Chained:
    """``by the 5th of the following month after each deadline of A and B``.

    For each period of the named obligations, the nominal deadline is ``day`` of the month
    after that period's nominal deadline month; periods that lead to the same deadline merge.
    """

    after: tuple[str, ...] = attrs.field(converter=tuple)
    day: int
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


class Cycle(enum.Enum):
    """The recurring spans whose end a time limit counts from (:class:`AfterEnd`)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@attrs.frozen(kw_only=True)
class AfterEnd:
    """``within 10 days after the end of each quarter`` (季后10日内, 每季度结束后10日内).

    One period per month, quarter or year; its nominal deadline is the time limit counted
    from the span's last day, as from an event on that day. The period is labelled by the
    span it follows (``2025-Q1`` for the one due 2025-04-10).
    """

    cycle: Cycle
    count: int
    unit: Unit
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class FirstWorkingDays:
    """``within the first 5 working days of each month`` (每月前5个工作日内).

    A window: only a filing from the month's first day to its ``count``-th working day
    counts; that working day is the deadline.
    """

    count: int
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Window:
    """``between January 1 and June 30 each year`` (每年1月1日至6月30日), ``in the first
    quarter of each year`` (每年第一季度: January 1 to the end of March).

    A window each year: only a filing from ``first`` to ``last`` counts; ``last`` is the
    deadline. ``first`` names a day (``first.day`` is set); ``last.day=None`` is the end of
    its month.
    """

    first: MonthDay
    last: MonthDay
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


Schedule: TypeAlias = (
    Once
    | Yearly
    | EachMonth
    | MonthParity
    | Quarterly
    | HalfYearly
    | During
    | AfterEvent
    | Chained
    | AfterEnd
    | FirstWorkingDays
    | Window
)
