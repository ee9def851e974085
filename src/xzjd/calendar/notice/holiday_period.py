# SPDX-License-Identifier: MIT
"""The rows a holiday item gives, once its clauses are read, and the checks that its parts
agree: one run of rest days (joined with the weekend when it says so), the count ``共N天``,
the days said to lie in the holiday, the working days outside it, the day work resumes; or
an extension ``延长……假期至……`` of an earlier period.
"""

from __future__ import annotations

import datetime as dt

from xzjd.calendar.days import CalendarDay
from xzjd.calendar.notice.pieces import Item, Reporter, Where
from xzjd.calendar.notice.wording import (
    WEEKDAY_ZH,
    day_before,
    day_range,
    next_day,
    weekday_en,
    weekend,
)


class PeriodChecker(Reporter):
    """Turns a read item into rows, checking that what it says agrees."""

    known: dict[dt.date, CalendarDay]

    # ----------------------------------------------------------------- the period

    def finish(self, item: Item, notice: str) -> list[tuple[dt.date, bool, Where]]:
        """The item's rows, once every clause is read; checks that the parts agree."""
        assert item.where is not None
        if item.extend_to is not None:
            return self.extension(item, notice)
        out: list[tuple[dt.date, bool, Where]] = []
        period: list[dt.date] = []
        if item.rest:
            lo, hi = min(item.rest), max(item.rest)
            if item.join_weekend is not None:
                lo0, hi0 = lo, hi
                while (before := day_before(lo)) is not None and weekend(before):
                    lo = before
                while (after := next_day(hi)) is not None and weekend(after):
                    hi = after
                if (lo, hi) == (lo0, hi0):
                    raise self.fail(item.join_weekend, "notice/no-weekend", lo0=lo0)
            period = day_range(lo, hi)
            declared = sorted(item.rest)
            for day in period:
                if day not in item.rest and not weekend(day):
                    raise self.fail(
                        item.rest[max(d for d in declared if d < day)],
                        "notice/gap",
                        day=day,
                        weekday=weekday_en(day),
                        weekday_zh=WEEKDAY_ZH[day.weekday()],
                    )
        elif item.count is not None or item.join_weekend is not None:
            raise self.fail(item.where, "notice/no-rest", item_name=item.name)
        inside = set(period)
        if item.count is not None and item.count[0] != len(period):
            n, where = item.count
            raise self.fail(
                where,
                "notice/count#total",
                n=n,
                period=period[0],
                period_value=period[-1],
                n_period=len(period),
            )
        for d in item.inside:
            if d.date not in inside:
                raise self.fail(
                    d.where,
                    "notice/outside",
                    d_date=d.date,
                    value=period[0] if period else "-",
                    value2=period[-1] if period else "-",
                )
        work = dict(item.work)
        for day, where in item.moved.items():
            if day not in inside:
                work.setdefault(day, where)
        for day, where in work.items():
            if day in inside:
                raise self.fail(where, "notice/conflict", day=day)
        if item.resume is not None and period and item.resume.date != next_day(period[-1]):
            raise self.fail(
                item.resume.where,
                "notice/resume",
                resume_date=item.resume.date,
                period_value=period[-1],
            )
        for day in period:
            out.append((day, False, item.rest.get(day, item.where)))
        for day, where in work.items():
            out.append((day, True, where))
        return out

    def extension(self, item: Item, notice: str) -> list[tuple[dt.date, bool, Where]]:
        """``延长春节假期至2月2日``: the days after the holiday's last period, to the new end."""
        assert item.extend_to is not None and item.name is not None
        new_end = item.extend_to.date
        earlier = [
            d
            for d, row in self.known.items()
            if not row.working
            and row.holiday_zh == item.name
            and row.notice != notice  # the extension itself, when *base* has it already
            and (new_end - d).days <= 60
            and d < new_end
        ]
        if not earlier:
            raise self.fail(
                item.extend_to.where, "notice/extension", item_name=item.name, new_end=new_end
            )
        first = max(earlier) + dt.timedelta(days=1)  # before new_end, so a date
        period = day_range(first, new_end)
        if item.resume is not None and item.resume.date != next_day(new_end):
            raise self.fail(
                item.resume.where,
                "notice/resume#extension",
                resume_date=item.resume.date,
                new_end=new_end,
            )
        return [(day, False, item.extend_to.where) for day in period]
