# SPDX-License-Identifier: MIT
"""Write ``src/xzjd/data/cn-festivals.csv``: the Chinese-calendar dates of the statutory holidays.

One row a year from 2000 to 2100, columns ``year,chuxi,chunjie,qingming,duanwu,zhongqiu``
(ISO dates, Beijing time, UTC+8):

- ``chuxi``: 除夕, the last day of the 12th lunar month, the day before 正月初一;
- ``chunjie``: 春节, 正月初一, the first day of the lunar year;
- ``qingming``: the day of the solar term 清明 (the Sun's apparent longitude reaches 15°);
- ``duanwu``: 端午, 五月初五 (the 5th day of the ordinary, not leap, 5th month);
- ``zhongqiu``: 中秋, 八月十五 (the 15th day of the ordinary 8th month).

The source is the pure-Python package ``lunar-python`` (import name ``lunar_python``), which
computes new moons and solar terms with the 寿星万年历 algorithms and gives their instants in
Beijing time (it adds 8 hours to Universal Time: ``ONE_THIRD`` of a day in its
``ShouXingUtil``). The lunar dates come from its lunar calendar; the date of 清明 is taken from
the Julian date of the solar term itself (the civil day in UTC+8 that contains the instant),
not from a rounded clock time, so an instant a few seconds before midnight stays on its day.
As a guard, the script refuses to write a year whose 清明 falls within ``MARGIN`` of midnight
in Beijing time, where the algorithm's error could move the day; in 2000-2100 the closest is
2071 (00:10 on 5 April).

xzjd reads only the CSV at run time; ``lunar-python`` is needed to regenerate it (it is in the
``test`` extra). Run ``python tools/cn_festival_table.py`` from the repository root; ``--check``
compares the result with the shipped file instead of writing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "xzjd" / "data" / "cn-festivals.csv"

FIRST_YEAR = 2000
LAST_YEAR = 2100
HEADER = ("year", "chuxi", "chunjie", "qingming", "duanwu", "zhongqiu")

# How close to midnight (Beijing time) a 清明 instant may be before the day is in doubt.
MARGIN = dt.timedelta(minutes=5)

# Julian day number of 0001-01-01 (proleptic Gregorian) minus its ordinal (1).
_JDN_OF_ORDINAL_0 = 1721425


def _solar_date(solar: object) -> dt.date:
    """A ``lunar_python.Solar`` as a ``datetime.date``."""
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())  # type: ignore[attr-defined]


def qingming_instant(year: int) -> tuple[dt.date, dt.timedelta]:
    """The civil date (UTC+8) of the solar term 清明 in *year*, and its time of day."""
    from lunar_python import Lunar, LunarYear

    names = Lunar.JIE_QI_IN_USE
    julian_days = LunarYear.fromYear(year).getJieQiJulianDays()
    for name, jd in zip(names, julian_days, strict=True):
        if name != "清明":
            continue
        # A Julian date starts at noon; the civil day containing the instant is jd + 0.5 floored.
        day_number = math.floor(jd + 0.5)
        day = dt.date.fromordinal(day_number - _JDN_OF_ORDINAL_0)
        if day.year == year:
            seconds = round((jd + 0.5 - day_number) * 86400)
            return day, dt.timedelta(seconds=seconds)
    raise LookupError(f"no 清明 in {year} from lunar_python")  # pragma: no cover


def festivals(year: int) -> tuple[dt.date, dt.date, dt.date, dt.date, dt.date]:
    """``(chuxi, chunjie, qingming, duanwu, zhongqiu)`` of *year*.

    Raises:
        ValueError: 清明 falls within ``MARGIN`` of midnight, Beijing time.
    """
    from lunar_python import Lunar

    chunjie = _solar_date(Lunar.fromYmd(year, 1, 1).getSolar())
    chuxi = chunjie - dt.timedelta(days=1)
    duanwu = _solar_date(Lunar.fromYmd(year, 5, 5).getSolar())
    zhongqiu = _solar_date(Lunar.fromYmd(year, 8, 15).getSolar())
    qingming, time_of_day = qingming_instant(year)
    if time_of_day < MARGIN or time_of_day > dt.timedelta(days=1) - MARGIN:
        raise ValueError(
            f"清明 {year} is at {time_of_day} on {qingming}, too close to midnight to trust "
            "the algorithm; check it against the Purple Mountain Observatory's almanac"
        )
    return chuxi, chunjie, qingming, duanwu, zhongqiu


def render(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> str:
    """The CSV text, header row first, one row a year from *first* to *last*."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    for year in range(first, last + 1):
        writer.writerow((year, *(d.isoformat() for d in festivals(year))))
    return buf.getvalue()


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} differs from what lunar_python gives", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
