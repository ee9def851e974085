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

The package reads nothing but its shipped table and never reads the clock. Its modules:
``versions`` (the versions of the Measures as data, :func:`law_in_force`), ``lunar_table``
(the lunar dates, :func:`festivals`) and ``provisional`` (the days: :func:`statutory_holidays`,
:func:`makeup_days`, :func:`provisional_days`); the names above are all imported from here.
"""

from __future__ import annotations

from xzjd.calendar.holiday_law.lunar_table import Festivals, festivals
from xzjd.calendar.holiday_law.provisional import (
    Holiday,
    LawDay,
    law_days,
    makeup_days,
    provisional_days,
    statutory_holidays,
)
from xzjd.calendar.holiday_law.versions import (
    FIRST_YEAR,
    LAST_YEAR,
    LAW_1999,
    LAW_2007,
    LAW_2013,
    LAW_2024,
    LAWS,
    Anchor,
    HolidayDay,
    HolidayLaw,
    HolidayLawRangeError,
    HolidayRule,
    law_in_force,
)

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
