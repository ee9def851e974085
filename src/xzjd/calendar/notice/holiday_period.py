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
                    raise self.fail(
                        item.join_weekend,
                        "notice/no-weekend",
                        f"no weekend next to {lo0} to join it with",
                        f"{lo0} 前后没有可连休的周末",
                    )
            period = day_range(lo, hi)
            declared = sorted(item.rest)
            for day in period:
                if day not in item.rest and not weekend(day):
                    raise self.fail(
                        item.rest[max(d for d in declared if d < day)],
                        "notice/gap",
                        f"the holiday leaves out {day}, a {weekday_en(day)}",
                        f"放假期间缺少 {day}（{WEEKDAY_ZH[day.weekday()]}）",
                        hint="a holiday is one run of days; check the dates",
                        hint_zh="放假期间应为连续的日子，请核对日期",
                    )
        elif item.count is not None or item.join_weekend is not None:
            raise self.fail(
                item.where,
                "notice/no-rest",
                f"{item.name}: no day off is given",
                f"{item.name}：没有写明放假日期",
            )
        inside = set(period)
        if item.count is not None and item.count[0] != len(period):
            n, where = item.count
            raise self.fail(
                where,
                "notice/count",
                f"共{n}天, but {period[0]} to {period[-1]} is {len(period)} days",
                f"共{n}天，但 {period[0]} 至 {period[-1]} 为{len(period)}天",
                hint="the count and the dates disagree; check the published notice",
                hint_zh="天数与日期不符，请对照通知原文核对",
            )
        for d in item.inside:
            if d.date not in inside:
                raise self.fail(
                    d.where,
                    "notice/outside",
                    f"{d.date} is said to be part of the holiday, which runs "
                    f"{period[0] if period else '-'} to {period[-1] if period else '-'}",
                    f"{d.date} 被写作放假日，但放假期间为 "
                    f"{period[0] if period else '-'} 至 {period[-1] if period else '-'}",
                )
        work = dict(item.work)
        for day, where in item.moved.items():
            if day not in inside:
                work.setdefault(day, where)
        for day, where in work.items():
            if day in inside:
                raise self.fail(
                    where,
                    "notice/conflict",
                    f"{day} is both a day off and a working day",
                    f"{day} 既是放假日又是上班日",
                )
        if item.resume is not None and period and item.resume.date != next_day(period[-1]):
            raise self.fail(
                item.resume.where,
                "notice/resume",
                f"work resumes on {item.resume.date}, but the holiday ends on {period[-1]}",
                f"{item.resume.date} 起上班，但放假至 {period[-1]} 结束",
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
                item.extend_to.where,
                "notice/extension",
                f"no {item.name} period before {new_end} to extend",
                f"{new_end} 之前没有可延长的{item.name}假期",
                hint="put the year's notice before the extension in the same text",
                hint_zh="请把该年的放假通知放在延长通知之前",
            )
        first = max(earlier) + dt.timedelta(days=1)  # before new_end, so a date
        period = day_range(first, new_end)
        if item.resume is not None and item.resume.date != next_day(new_end):
            raise self.fail(
                item.resume.where,
                "notice/resume",
                f"work resumes on {item.resume.date}, but the holiday ends on {new_end}",
                f"{item.resume.date} 起上班，但放假至 {new_end} 结束",
            )
        return [(day, False, item.extend_to.where) for day in period]
