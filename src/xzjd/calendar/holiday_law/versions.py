# SPDX-License-Identifier: MIT
"""The versions of the holiday law as data: Article 2's holidays, Article 6's make-up rule.

Each version of 《全国年节及纪念日放假办法》 (:data:`LAWS`) with its decree, the day it came
into force, the days off of each holiday and how to cite its articles; :func:`law_in_force`
gives the version that governs a year. The package docstring (:mod:`xzjd.calendar.holiday_law`)
sets out the versions and the rule the provisional years follow.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from xzjd.errors import CalendarError
from xzjd.vocab import HOLIDAYS

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
