# SPDX-License-Identifier: MIT
"""The rest days the law gives in a year: statutory days (Article 2) and make-up days (Article 6).

:func:`statutory_holidays` resolves the version in force against the lunar table,
:func:`makeup_days` applies Article 6, and :func:`provisional_days` gives the rest days of a
year without a State Council notice (the rule is set out in :mod:`xzjd.calendar.holiday_law`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

import attrs

from xzjd.calendar.holiday_law.lunar_table import festivals
from xzjd.calendar.holiday_law.versions import (
    FIRST_YEAR,
    LAST_YEAR,
    Anchor,
    HolidayDay,
    HolidayLaw,
    law_in_force,
)


@attrs.frozen
class Holiday:
    """One statutory day off for all citizens (Article 2 of the version in force).

    Attributes:
        date: the day.
        holiday_zh: the holiday, in Chinese, as ``cn.csv`` spells it (``春节``).
        holiday_en: the holiday, in English, as ``cn.csv`` spells it (``Spring Festival``).
        day_zh: which day of the holiday, in the article's words (``农历除夕``, ``5月1日``).
        day_en: the same in English.
        law: the version of the Measures in force.
        item: the item of the holidays article that gives the day.
    """

    date: dt.date
    holiday_zh: str
    holiday_en: str
    day_zh: str
    day_en: str
    law: HolidayLaw
    item: int

    @property
    def source_zh(self) -> str:
        """E.g. ``《全国年节及纪念日放假办法》第二条第（二）项（2024年修订，国务院令第795号）``."""
        return self.law.cite_zh(self.law.holidays_article, self.item)

    @property
    def source_en(self) -> str:
        """E.g. ``Measures on National Holidays and Memorial Days, Article 2(2) (...)``."""
        return self.law.cite_en(self.law.holidays_article, self.item)


@attrs.frozen
class LawDay:
    """A rest day the law gives: a statutory day, or a make-up rest day (补假).

    Attributes:
        date: the day.
        holiday_zh: the holiday, in Chinese; two holidays on one date are joined with ``、``
            (``中秋节、国庆节``), as ``cn.csv`` does.
        holiday_en: the same in English, joined with `` and ``.
        makeup_for: for a make-up rest day, the statutory day it makes up for (a Saturday or
            Sunday, or a date two holidays share); ``None`` for a statutory day.
        source_zh: the article that gives the day, with the version, in Chinese; for a
            make-up day also the day made up for.
        source_en: the same in English.
    """

    date: dt.date
    holiday_zh: str
    holiday_en: str
    makeup_for: dt.date | None
    source_zh: str
    source_en: str


def _resolve(day: HolidayDay, year: int) -> dt.date:
    if day.anchor is Anchor.GREGORIAN:
        return dt.date(year, day.month, day.day)
    table = festivals(year)
    if day.anchor is Anchor.CHUXI:
        return table.chuxi
    if day.anchor is Anchor.CHUNJIE:
        return table.chunjie + dt.timedelta(days=day.day - 1)
    if day.anchor is Anchor.QINGMING:
        return table.qingming
    if day.anchor is Anchor.DUANWU:
        return table.duanwu
    return table.zhongqiu


def statutory_holidays(year: int) -> tuple[Holiday, ...]:
    """Every statutory day off for all citizens in *year*, by date, then by item.

    A date two holidays share appears twice, once for each.

    Raises:
        HolidayLawRangeError: *year* is outside 2000-2100.
    """
    law = law_in_force(year)
    festivals(year)  # a year past the table fails here, even for a law with no lunar day
    days = [
        Holiday(
            _resolve(day, year),
            rule.holiday_zh,
            rule.holiday_en,
            day.text_zh,
            day.text_en,
            law,
            rule.item,
        )
        for rule in law.rules
        for day in rule.days
    ]
    return tuple(sorted(days, key=lambda h: (h.date, h.item)))


def _joined(holidays: Sequence[Holiday]) -> tuple[str, str]:
    names: list[tuple[str, str]] = []
    for h in holidays:
        if (h.holiday_zh, h.holiday_en) not in names:
            names.append((h.holiday_zh, h.holiday_en))
    return "、".join(zh for zh, _ in names), " and ".join(en for _, en in names)


def _weekend(d: dt.date) -> bool:
    return d.weekday() >= 5


def _by_date(holidays: Iterable[Holiday]) -> dict[dt.date, list[Holiday]]:
    groups: dict[dt.date, list[Holiday]] = {}
    for h in sorted(holidays, key=lambda h: (h.date, h.item)):
        groups.setdefault(h.date, []).append(h)
    return groups


def makeup_days(holidays: Iterable[Holiday]) -> tuple[LawDay, ...]:
    """The make-up rest days (补假) that Article 6 gives for *holidays*, by date.

    Article 6 makes up a holiday that falls on a Saturday or Sunday, and nothing else: two
    holidays sharing a weekday (中秋 on 1-3 October) give that one rest day only, as the
    article reads (the notices of such years have at times given more; only a notice can).
    Two holidays sharing a weekend day each fall on it and are each made up. Taken by date,
    then by item, each such day gets one rest day on the first later day that is neither a
    Saturday, a Sunday, one of *holidays* nor an earlier make-up day. The days may lie in
    another year than the holidays: :func:`provisional_days` keeps those of the year asked
    for.
    """
    groups = _by_date(holidays)
    taken: set[dt.date] = set()
    out: list[LawDay] = []
    for date, group in groups.items():
        zh, en = _joined(group)
        if not _weekend(date):
            continue  # a weekday holds its holidays: Article 6 makes up weekends only
        for h in group:
            day = date + dt.timedelta(days=1)
            while _weekend(day) or day in groups or day in taken:
                day += dt.timedelta(days=1)
            taken.add(day)
            why_zh = "适逢周六、周日"
            why_en = "falls on a Saturday or Sunday"
            out.append(
                LawDay(
                    date=day,
                    holiday_zh=zh,
                    holiday_en=en,
                    makeup_for=date,
                    source_zh=(
                        f"{h.law.cite_zh(h.law.makeup_article)}：补{date.isoformat()}"
                        f"（{h.holiday_zh}，{why_zh}）"
                    ),
                    source_en=(
                        f"{h.law.cite_en(h.law.makeup_article)}: makes up for "
                        f"{date.isoformat()} ({h.holiday_en}, {why_en})"
                    ),
                )
            )
    return tuple(sorted(out, key=lambda d: d.date))


def law_days(holidays: Iterable[Holiday]) -> tuple[LawDay, ...]:
    """The rest days *holidays* give: one per statutory date, plus :func:`makeup_days`."""
    groups = _by_date(holidays)
    out: list[LawDay] = []
    for date, group in groups.items():
        zh, en = _joined(group)
        out.append(
            LawDay(
                date=date,
                holiday_zh=zh,
                holiday_en=en,
                makeup_for=None,
                source_zh="；".join(dict.fromkeys(h.source_zh for h in group)),
                source_en="; ".join(dict.fromkeys(h.source_en for h in group)),
            )
        )
    out.extend(makeup_days(h for group in groups.values() for h in group))
    return tuple(sorted(out, key=lambda d: d.date))


@functools.cache
def provisional_days(year: int) -> tuple[LawDay, ...]:
    """Every rest day the law gives in *year*: statutory days and make-up rest days, by date.

    Only days dated in *year* are returned; make-up days are computed together with the
    statutory days of the neighbouring years, so a make-up day carried across New Year
    belongs to the year it falls in. No working day (调休) is ever produced.

    Raises:
        HolidayLawRangeError: *year* is outside 2000-2100.
    """
    holidays = list(statutory_holidays(year))
    for other in (year - 1, year + 1):
        if FIRST_YEAR <= other <= LAST_YEAR:
            holidays.extend(statutory_holidays(other))
    return tuple(d for d in law_days(holidays) if d.date.year == year)
