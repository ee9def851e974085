# SPDX-License-Identifier: MIT
"""The builder's reductions of the schedule forms: one-off, yearly, monthly, event and chained.

Each method maps one schedule rule of the grammar onto its :mod:`xzjd.model` schedule
(:class:`~xzjd.model.Once`, :class:`~xzjd.model.Yearly`, :class:`~xzjd.model.EachMonth`, ...),
with the ``from``/``until`` years of the sentence; the values are checked later
(:mod:`xzjd.language.checked`).
"""

from __future__ import annotations

import re
from typing import Any

from lark import Token

from xzjd.language.build_base import (
    BuilderBase,
    YearRange,
    abbreviated,
    meta_span,
    number,
    numbers,
    seq,
    token_span,
    year_range,
)
from xzjd.language.numerals import chinese_number
from xzjd.language.reductions import Meta
from xzjd.model import (
    MONTHS_EN,
    AfterEnd,
    AfterEvent,
    Chained,
    Cycle,
    During,
    EachMonth,
    FirstWorkingDays,
    HalfYearly,
    MonthDay,
    MonthParity,
    Once,
    Parity,
    Quarterly,
    Unit,
    Window,
    Yearly,
)

__all__ = ["ScheduleForms"]

# The tokens a time limit's count is written with: digits, or Chinese numerals (二十).
_COUNTS = frozenset({"INT", "NUM_ZH"})


class ScheduleForms(BuilderBase):
    """The reductions of the schedule rules (part of :class:`~xzjd.language.builder.Builder`)."""

    # ------------------------------------------------------------------ schedules

    def once_date(self, meta: Meta, children: list[Any]) -> Once:
        year, month, day = (number(p) for p in str(children[0]).split("-"))
        return Once(year=year, month=month, day=day, span=meta_span(meta))

    def once_end(self, meta: Meta, children: list[Any]) -> Once:
        month = MONTHS_EN.index(str(children[0])) + 1
        ints = numbers(children)
        return Once(year=ints[0] if ints else None, month=month, day=None, span=meta_span(meta))

    def once_day(self, meta: Meta, children: list[Any]) -> Once:
        month = MONTHS_EN.index(str(children[0])) + 1
        day = number(children[1])
        year = None
        if len(children) > 2:
            year = number(re.sub(r"\D", "", str(children[2])))
        return Once(year=year, month=month, day=day, span=meta_span(meta))

    def once_ymd_zh(self, meta: Meta, children: list[Any]) -> Once:
        year, month, day = numbers(children)
        return Once(year=year, month=month, day=day, span=meta_span(meta))

    def once_end_zh(self, meta: Meta, children: list[Any]) -> Once:
        ints = numbers(children)
        year = ints[0] if len(ints) == 2 else None
        return Once(year=year, month=ints[-1], day=None, span=meta_span(meta))

    def once_year_end_zh(self, meta: Meta, children: list[Any]) -> Once:
        ints = numbers(children)
        return Once(year=ints[0] if ints else None, month=12, day=None, span=meta_span(meta))

    def yearly_end(self, meta: Meta, children: list[Any]) -> Yearly:
        r = year_range(children)
        return Yearly(
            dates=seq([MonthDay(12, None)]),
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def once_day_zh(self, meta: Meta, children: list[Any]) -> Once:
        month, day = numbers(children)
        return Once(year=None, month=month, day=day, span=meta_span(meta))

    def month_day(self, meta: Meta, children: list[Any]) -> MonthDay:
        if children[0].type == "MONTH_EN":
            return MonthDay(MONTHS_EN.index(str(children[0])) + 1, number(children[1]))
        month, day = numbers(children)
        return MonthDay(month, day)

    def month_end(self, meta: Meta, children: list[Any]) -> MonthDay:
        if children[0].type == "MONTH_EN":
            return MonthDay(MONTHS_EN.index(str(children[0])) + 1, None)
        return MonthDay(number(children[0]), None)

    def yearly(self, meta: Meta, children: list[Any]) -> Yearly:
        r = year_range(children)
        return Yearly(
            dates=seq(c for c in children if isinstance(c, MonthDay)),
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def each_month_day(self, meta: Meta, children: list[Any]) -> EachMonth:
        r = year_range(children)
        first = children[0]
        day = number(re.sub(r"\D", "", str(first)))
        return EachMonth(
            day=day, from_year=r.from_year, until_year=r.until_year, span=meta_span(meta)
        )

    def each_month_end(self, meta: Meta, children: list[Any]) -> EachMonth:
        r = year_range(children)
        return EachMonth(
            day=None, from_year=r.from_year, until_year=r.until_year, span=meta_span(meta)
        )

    def month_parity(self, meta: Meta, children: list[Any]) -> MonthParity:
        r = year_range(children)
        parity = next(c for c in children if isinstance(c, Parity))
        return MonthParity(
            parity=parity, from_year=r.from_year, until_year=r.until_year, span=meta_span(meta)
        )

    def even(self, meta: Meta, children: list[Any]) -> Parity:
        return Parity.EVEN

    def odd(self, meta: Meta, children: list[Any]) -> Parity:
        return Parity.ODD

    def quarterly(self, meta: Meta, children: list[Any]) -> Quarterly:
        r = year_range(children)
        return Quarterly(from_year=r.from_year, until_year=r.until_year, span=meta_span(meta))

    def half_yearly(self, meta: Meta, children: list[Any]) -> HalfYearly:
        r = year_range(children)
        return HalfYearly(from_year=r.from_year, until_year=r.until_year, span=meta_span(meta))

    def during(self, meta: Meta, children: list[Any]) -> During:
        month = MONTHS_EN.index(str(children[0])) + 1
        ints = numbers(children)
        return During(year=ints[0] if ints else None, month=month, span=meta_span(meta))

    def during_zh(self, meta: Meta, children: list[Any]) -> During:
        ints = numbers(children)
        year = ints[0] if len(ints) == 2 else None
        return During(year=year, month=ints[-1], span=meta_span(meta))

    def event(self, meta: Meta, children: list[Any]) -> str:
        # In 自收到申请之日起 the 自 is an anonymous token: the one child is the name.
        return str(children[0])

    event_zh = event

    def after_event(self, meta: Meta, children: list[Any]) -> AfterEvent:
        event = next(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        unit = next(c for c in children if isinstance(c, Unit))
        count = next(c for c in children if isinstance(c, Token) and c.type in _COUNTS)
        return AfterEvent(event=event, count=self._count(count), unit=unit, span=meta_span(meta))

    def _count(self, token: Token) -> int:
        """The count of a time limit, in digits (20) or in Chinese numerals (二十)."""
        if token.type == "INT":
            return number(token)
        text = str(token)
        value = chinese_number(text)
        if value is None:
            # The longest count is 九千九百九十九: a longer run is a stuck key, quoted shortened.
            shown = text if len(text) <= 12 else abbreviated(text, "numerals")
            self._problem("number/bad-numeral", token_span(token), shown=shown)
            return 1  # a stand-in: the problem keeps the file from loading
        return value

    def chained(self, meta: Meta, children: list[Any]) -> Chained:
        r = year_range(children)
        day = number(re.sub(r"\D", "", str(children[0])))
        after = [str(c) for c in children if isinstance(c, Token) and c.type == "OBL_ID"]
        return Chained(
            after=seq(after),
            day=day,
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def chained_zh(self, meta: Meta, children: list[Any]) -> Chained:
        r = year_range(children)
        after = [str(c) for c in children if isinstance(c, Token) and c.type == "OBL_ID"]
        return Chained(
            after=seq(after),
            day=numbers(children)[0],
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    # ------------------------------------------------------------------ statute forms

    def cycle_month(self, meta: Meta, children: list[Any]) -> Cycle:
        return Cycle.MONTH

    def cycle_quarter(self, meta: Meta, children: list[Any]) -> Cycle:
        return Cycle.QUARTER

    def cycle_year(self, meta: Meta, children: list[Any]) -> Cycle:
        return Cycle.YEAR

    def _after_end(self, meta: Meta, children: list[Any], cycle: Cycle) -> AfterEnd:
        r = year_range(children)
        unit = next(c for c in children if isinstance(c, Unit))
        count = next(c for c in children if isinstance(c, Token) and c.type in _COUNTS)
        return AfterEnd(
            cycle=cycle,
            count=self._count(count),
            unit=unit,
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def after_end(self, meta: Meta, children: list[Any]) -> AfterEnd:
        cycle = next(c for c in children if isinstance(c, Cycle))
        return self._after_end(meta, children, cycle)

    def after_quarter_end(self, meta: Meta, children: list[Any]) -> AfterEnd:
        return self._after_end(meta, children, Cycle.QUARTER)

    def after_year_end(self, meta: Meta, children: list[Any]) -> AfterEnd:
        return self._after_end(meta, children, Cycle.YEAR)

    def first_working_days(self, meta: Meta, children: list[Any]) -> FirstWorkingDays:
        r = year_range(children)
        count = next(c for c in children if isinstance(c, Token) and c.type in _COUNTS)
        return FirstWorkingDays(
            count=self._count(count),
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def window(self, meta: Meta, children: list[Any]) -> Window:
        r = year_range(children)
        first, last = (c for c in children if isinstance(c, MonthDay))
        return Window(
            first=first,
            last=last,
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def first_quarter(self, meta: Meta, children: list[Any]) -> int:
        return 1

    def second_quarter(self, meta: Meta, children: list[Any]) -> int:
        return 2

    def third_quarter(self, meta: Meta, children: list[Any]) -> int:
        return 3

    def fourth_quarter(self, meta: Meta, children: list[Any]) -> int:
        return 4

    def quarter_window(self, meta: Meta, children: list[Any]) -> Window:
        r = year_range(children)
        quarter = next((c for c in children if type(c) is int), None)
        if quarter is None:
            token = next(c for c in children if isinstance(c, Token) and c.type in _COUNTS)
            quarter = self._count(token)
            if not 1 <= quarter <= 4:
                self._problem("date/no-such-quarter", token_span(token), quarter=str(token))
                quarter = 1  # a stand-in: the problem keeps the file from loading
        return Window(
            first=MonthDay(3 * quarter - 2, 1),
            last=MonthDay(3 * quarter, None),
            from_year=r.from_year,
            until_year=r.until_year,
            span=meta_span(meta),
        )

    def range_from(self, meta: Meta, children: list[Any]) -> YearRange:
        ints = numbers(children)
        return YearRange(ints[0], ints[1] if len(ints) > 1 else None)

    def range_until(self, meta: Meta, children: list[Any]) -> YearRange:
        return YearRange(None, numbers(children)[0])
