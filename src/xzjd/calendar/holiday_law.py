# SPDX-License-Identifier: MIT
"""The rest days that the holiday law itself gives, for years without a State Council notice.

《全国年节及纪念日放假办法》 (Measures on National Holidays and Memorial Days) names the
holidays for all citizens (第二条, Article 2) and says that such a holiday falling on a
Saturday or Sunday is made up on a working day (第六条, Article 6). Every year the General
Office of the State Council then publishes a notice (国务院办公厅关于XXXX年部分节假日安排的通知)
that turns this into the year's actual days off and the weekend days worked (调休). Until that
notice exists, only what the law fixes can be known; this module computes exactly that.

The versions of the Measures modelled here (:data:`LAWS`), each in force from 1 January of a
year to the next revision, so one version governs a whole calendar year:

=====  ==================  ==========  ======================================================
rev.   decree              in force    Article 2: days off for all citizens
=====  ==================  ==========  ======================================================
1999   国务院令第270号     1999-09-18  元旦 1; 春节 3 (正月初一至初三); 劳动节 3 (5月1-3日);
                                       国庆节 3 (10月1-3日)
2007   国务院令第513号     2008-01-01  元旦 1; 春节 3 (除夕、初一、初二); 清明节 1; 劳动节 1;
                                       端午节 1; 中秋节 1; 国庆节 3
2013   国务院令第644号     2014-01-01  as 2007, but 春节 3 = 正月初一、初二、初三
2024   国务院令第795号     2025-01-01  元旦 1; 春节 4 (除夕、初一至初三); 清明节 1;
                                       劳动节 2 (5月1日、2日); 端午节 1; 中秋节 1; 国庆节 3
=====  ==================  ==========  ======================================================

(The texts before 2024 call 元旦 新年; the names here are those of ``cn.csv``.) In every
version Article 6 reads 全体公民放假的假日，如果适逢星期六、星期日（2024: 周六、周日），
应当在工作日补假。 The 2024 revision added Article 7 (统一放假调休; save special cases, no more
than six consecutive working days around a holiday), which is what the notices implement; it
fixes no date.

Which days :func:`provisional_days` produces for a year, and why:

1. **Statutory days** (Article 2): every day of every holiday of the version in force. The
   lunar dates (除夕, 正月初一, 清明, 端午, 中秋) come from ``data/cn-festivals.csv`` (see
   ``tools/cn_festival_table.py``), which covers 2000 to 2100. When two holidays fall on one
   date (中秋节 on 1, 2 or 3 October, as in 2009, 2020 and 2028), the date is one row named
   after both, ``中秋节、国庆节`` / ``Mid-Autumn Festival and National Day``, as ``cn.csv``
   names it.
2. **Make-up rest days** (补假, Article 6): a statutory day is *lost* when it falls on a
   Saturday or Sunday, and only then: two holidays sharing a weekday (中秋 on 1-3 October)
   give that one day, as Article 6 reads (a notice may give more, as the 2020 notice did by
   调休); two sharing a weekend day are each lost. Taking the lost days in date order (on a
   shared date, in the order of Article 2), each one gets one rest day on the first day
   after it that is neither a Saturday, a Sunday, a statutory day nor an earlier make-up
   day: after the run of rest days containing the holiday, later holidays' make-up days
   following the earlier ones. Article 6 says only "on a working day"; the first one is this
   module's reading, the one the notices followed in all but two years since 2008 (2012 and
   2015 placed the day elsewhere).
3. **Nothing else.** The notices also make weekend days working days (调休, allowed by
   Article 7 in 2024 and by custom before it) to join the holidays into longer breaks; which
   weekend days are worked is each notice's choice and cannot be derived, so no working day
   is ever produced. A provisional year is therefore right about every day the law fixes and
   wrong, until the notice appears, about the days the notice moves.

Years and the year boundary: a year's days are those dated in that year. Make-up days are
computed over the statutory days of the year before, the year itself and the year after, so
a make-up day carried into January from a late-December holiday belongs to the new year, and
one carried out of the year belongs to the next. No version has a holiday later than 3
October, so none is carried over today; :func:`makeup_days` applies the rule to any list of
holidays. At the ends of the table (2000 and 2100) the missing neighbour year is left out,
which changes nothing for the same reason.

Errors: :func:`law_in_force` raises :class:`HolidayLawRangeError` for a year before 2000
(the 1949 text in force until 18 September 1999 is not modelled); :func:`festivals`,
:func:`statutory_holidays` and :func:`provisional_days` raise it also for a year after 2100,
past the lunar table. :class:`HolidayLawRangeError` is a :class:`~xzjd.errors.CalendarError`,
so also a ``LookupError`` and an :class:`~xzjd.errors.XzjdError`.

This module reads nothing but its shipped table and never reads the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
from collections.abc import Iterable, Sequence
from importlib import resources

import attrs

from xzjd.errors import CalendarError
from xzjd.vocab import HOLIDAYS

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "LAWS",
    "LAW_1999",
    "LAW_2007",
    "LAW_2013",
    "LAW_2024",
    "Anchor",
    "Festivals",
    "Holiday",
    "HolidayDay",
    "HolidayLaw",
    "HolidayLawRangeError",
    "HolidayRule",
    "LawDay",
    "festivals",
    "law_days",
    "law_in_force",
    "makeup_days",
    "provisional_days",
    "statutory_holidays",
]

FIRST_YEAR = 2000
"""The first year of the lunar table and of :func:`law_in_force`."""
LAST_YEAR = 2100
"""The last year of the lunar table."""

TITLE_ZH = "《全国年节及纪念日放假办法》"
TITLE_EN = "Measures on National Holidays and Memorial Days"

_CHINESE_NUMERALS = "一二三四五六七八九十"


class HolidayLawRangeError(CalendarError):
    """A year outside what the holiday law tables cover (before 2000, or after 2100 for dates).

    A :class:`~xzjd.errors.CalendarError` (hence a ``LookupError`` and an ``XzjdError``) with
    ``calendar="cn"`` and the ``year`` asked for.
    """


class Anchor(enum.Enum):
    """What a statutory day is counted from."""

    GREGORIAN = "gregorian"
    """A fixed day of the Gregorian year (``month``, ``day``)."""
    CHUXI = "chuxi"
    """除夕, the last day of the 12th lunar month."""
    CHUNJIE = "chunjie"
    """正月初一; ``day`` counts from it, 1 for 初一, 2 for 初二, 3 for 初三."""
    QINGMING = "qingming"
    """The day of the solar term 清明 (Beijing time)."""
    DUANWU = "duanwu"
    """五月初五."""
    ZHONGQIU = "zhongqiu"
    """八月十五."""


@attrs.frozen
class HolidayDay:
    """One day of a holiday as Article 2 states it.

    Attributes:
        anchor: what the day is counted from.
        month: the month, for :attr:`Anchor.GREGORIAN`; 0 otherwise.
        day: the day of the month for :attr:`Anchor.GREGORIAN`; the day of 正月 for
            :attr:`Anchor.CHUNJIE` (1 = 初一); 0 otherwise.
        text_zh: the day in the words of the article, e.g. ``农历除夕`` or ``5月1日``.
        text_en: the same in English.
    """

    anchor: Anchor
    month: int = 0
    day: int = 0
    text_zh: str = ""
    text_en: str = ""


@attrs.frozen
class HolidayRule:
    """One item of Article 2: a holiday and its days.

    Attributes:
        item: the item number in Article 2, 1-based (第（一）项 is 1).
        holiday_zh: the holiday's name as ``cn.csv`` spells it (元旦, 春节, ...).
        holiday_en: its English name as ``cn.csv`` spells it.
        days: the days off, in the article's order.
    """

    item: int
    holiday_zh: str
    holiday_en: str
    days: tuple[HolidayDay, ...]


@attrs.frozen
class HolidayLaw:
    """One version of 《全国年节及纪念日放假办法》.

    Attributes:
        revision: the year of the revision, ``1999``, ``2007``, ``2013`` or ``2024``.
        decree_zh: the State Council decree that made it, e.g. ``国务院令第795号``.
        decree_en: the same in English, e.g. ``State Council Decree No. 795``.
        promulgated: the day the decree was signed.
        in_force: the first day it applies.
        holidays_article: the article listing the holidays for all citizens (2).
        makeup_article: the article on 补假 (6).
        makeup_text: that article's first sentence, verbatim.
        rules: the items of the holidays article.
    """

    revision: int
    decree_zh: str
    decree_en: str
    promulgated: dt.date
    in_force: dt.date
    holidays_article: int
    makeup_article: int
    makeup_text: str
    rules: tuple[HolidayRule, ...]

    @property
    def label_zh(self) -> str:
        """E.g. ``《全国年节及纪念日放假办法》（2024年修订，国务院令第795号）``."""
        return f"{TITLE_ZH}（{self.revision}年修订，{self.decree_zh}）"

    @property
    def label_en(self) -> str:
        """E.g. ``Measures on National Holidays and Memorial Days (2024 revision, ...)``."""
        return f"{TITLE_EN} ({self.revision} revision, {self.decree_en})"

    def cite_zh(self, article: int, item: int | None = None) -> str:
        """A citation of *article* (and *item*) of this version, in Chinese."""
        text = f"{TITLE_ZH}第{_numeral(article)}条"
        if item is not None:
            text += f"第（{_numeral(item)}）项"
        return f"{text}（{self.revision}年修订，{self.decree_zh}）"

    def cite_en(self, article: int, item: int | None = None) -> str:
        """A citation of *article* (and *item*) of this version, in English."""
        text = f"{TITLE_EN}, Article {article}"
        if item is not None:
            text += f"({item})"
        return f"{text} ({self.revision} revision, {self.decree_en})"


def _numeral(n: int) -> str:
    """1..10 as a Chinese numeral (the articles and items cited here are all in that range)."""
    return _CHINESE_NUMERALS[n - 1]


# ----------------------------------------------------------------------------- the law

_G = Anchor.GREGORIAN
_NEW_YEAR = HolidayDay(_G, 1, 1, "1月1日", "1 January")
_CHUXI = HolidayDay(Anchor.CHUXI, text_zh="农历除夕", text_en="Chinese New Year's Eve")
_CHU = tuple(
    HolidayDay(Anchor.CHUNJIE, 0, n, f"正月初{_numeral(n)}", f"day {n} of the 1st lunar month")
    for n in (1, 2, 3)
)
_QINGMING = HolidayDay(Anchor.QINGMING, text_zh="农历清明当日", text_en="the day of Qingming")
_DUANWU = HolidayDay(Anchor.DUANWU, text_zh="农历端午当日", text_en="day 5 of the 5th lunar month")
_ZHONGQIU = HolidayDay(
    Anchor.ZHONGQIU, text_zh="农历中秋当日", text_en="day 15 of the 8th lunar month"
)
_MAY = tuple(HolidayDay(_G, 5, n, f"5月{n}日", f"{n} May") for n in (1, 2, 3))
_OCT = tuple(HolidayDay(_G, 10, n, f"10月{n}日", f"{n} October") for n in (1, 2, 3))


def _named(zh: str) -> tuple[str, str]:
    """A holiday's Chinese and English names, as ``cn.csv`` spells them."""
    return zh, HOLIDAYS[zh]


_YUANDAN = _named("元旦")
_CHUNJIE = _named("春节")
_QINGMINGJIE = _named("清明节")
_LAODONG = _named("劳动节")
_DUANWUJIE = _named("端午节")
_ZHONGQIUJIE = _named("中秋节")
_GUOQING = _named("国庆节")

_MAKEUP_OLD = "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。"
_MAKEUP_2024 = "全体公民放假的假日，如果适逢周六、周日，应当在工作日补假。"


def _rules(*items: tuple[tuple[str, str], tuple[HolidayDay, ...]]) -> tuple[HolidayRule, ...]:
    return tuple(
        HolidayRule(n, names[0], names[1], days) for n, (names, days) in enumerate(items, 1)
    )


LAW_1999 = HolidayLaw(
    revision=1999,
    decree_zh="国务院令第270号",
    decree_en="State Council Decree No. 270",
    promulgated=dt.date(1999, 9, 18),
    in_force=dt.date(1999, 9, 18),
    holidays_article=2,
    makeup_article=6,
    makeup_text=_MAKEUP_OLD,
    rules=_rules(
        (_YUANDAN, (_NEW_YEAR,)),
        (_CHUNJIE, _CHU),
        (_LAODONG, _MAY),
        (_GUOQING, _OCT),
    ),
)

LAW_2007 = HolidayLaw(
    revision=2007,
    decree_zh="国务院令第513号",
    decree_en="State Council Decree No. 513",
    promulgated=dt.date(2007, 12, 14),
    in_force=dt.date(2008, 1, 1),
    holidays_article=2,
    makeup_article=6,
    makeup_text=_MAKEUP_OLD,
    rules=_rules(
        (_YUANDAN, (_NEW_YEAR,)),
        (_CHUNJIE, (_CHUXI, _CHU[0], _CHU[1])),
        (_QINGMINGJIE, (_QINGMING,)),
        (_LAODONG, _MAY[:1]),
        (_DUANWUJIE, (_DUANWU,)),
        (_ZHONGQIUJIE, (_ZHONGQIU,)),
        (_GUOQING, _OCT),
    ),
)

LAW_2013 = HolidayLaw(
    revision=2013,
    decree_zh="国务院令第644号",
    decree_en="State Council Decree No. 644",
    promulgated=dt.date(2013, 12, 11),
    in_force=dt.date(2014, 1, 1),
    holidays_article=2,
    makeup_article=6,
    makeup_text=_MAKEUP_OLD,
    rules=_rules(
        (_YUANDAN, (_NEW_YEAR,)),
        (_CHUNJIE, _CHU),
        (_QINGMINGJIE, (_QINGMING,)),
        (_LAODONG, _MAY[:1]),
        (_DUANWUJIE, (_DUANWU,)),
        (_ZHONGQIUJIE, (_ZHONGQIU,)),
        (_GUOQING, _OCT),
    ),
)

LAW_2024 = HolidayLaw(
    revision=2024,
    decree_zh="国务院令第795号",
    decree_en="State Council Decree No. 795",
    promulgated=dt.date(2024, 11, 10),
    in_force=dt.date(2025, 1, 1),
    holidays_article=2,
    makeup_article=6,
    makeup_text=_MAKEUP_2024,
    rules=_rules(
        (_YUANDAN, (_NEW_YEAR,)),
        (_CHUNJIE, (_CHUXI, *_CHU)),
        (_QINGMINGJIE, (_QINGMING,)),
        (_LAODONG, _MAY[:2]),
        (_DUANWUJIE, (_DUANWU,)),
        (_ZHONGQIUJIE, (_ZHONGQIU,)),
        (_GUOQING, _OCT),
    ),
)

LAWS: tuple[HolidayLaw, ...] = (LAW_1999, LAW_2007, LAW_2013, LAW_2024)
"""The versions, oldest first."""


def law_in_force(year: int) -> HolidayLaw:
    """The version of the Measures in force on 1 January of *year* (and so all that year).

    Raises:
        HolidayLawRangeError: *year* is before 2000.
    """
    if year < FIRST_YEAR:
        raise HolidayLawRangeError(
            f"the holiday law is modelled from {FIRST_YEAR}; {year} is earlier",
            year=year,
        )
    first = dt.date(year, 1, 1)
    return [law for law in LAWS if law.in_force <= first][-1]


# ----------------------------------------------------------------------- the lunar table


@attrs.frozen
class Festivals:
    """The Chinese-calendar dates of one year, a row of ``data/cn-festivals.csv``."""

    year: int
    chuxi: dt.date
    chunjie: dt.date
    qingming: dt.date
    duanwu: dt.date
    zhongqiu: dt.date


_TABLE = "cn-festivals.csv"
_COLUMNS = ["year", "chuxi", "chunjie", "qingming", "duanwu", "zhongqiu"]


@functools.cache
def _table() -> dict[int, Festivals]:
    text = resources.files("xzjd").joinpath("data", _TABLE).read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    if header != _COLUMNS:  # pragma: no cover - the shipped file is tested
        raise RuntimeError(f"xzjd/data/{_TABLE}: unexpected header {header}")
    table: dict[int, Festivals] = {}
    for row in reader:
        year = int(row[0])
        chuxi, chunjie, qingming, duanwu, zhongqiu = (dt.date.fromisoformat(c) for c in row[1:])
        table[year] = Festivals(year, chuxi, chunjie, qingming, duanwu, zhongqiu)
    return table


def festivals(year: int) -> Festivals:
    """The lunar dates of *year* from the shipped table.

    Raises:
        HolidayLawRangeError: *year* is outside 2000-2100.
    """
    try:
        return _table()[year]
    except KeyError:
        raise HolidayLawRangeError(
            f"the lunar dates of the statutory holidays are known for {FIRST_YEAR}-{LAST_YEAR};"
            f" {year} is outside",
            year=year,
        ) from None


# --------------------------------------------------------------------------- the days


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
