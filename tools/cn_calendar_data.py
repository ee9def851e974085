# SPDX-License-Identifier: MIT
"""Write ``src/xzjd/data/cn.csv`` from a compact transcription of the State Council notices.

Each block below transcribes one year's notice (国务院办公厅关于XXXX年部分节假日安排的通知),
item by item, in the notice's own words reduced to dates: ``rest`` gives the days the notice
declares off (放假 / 放假调休 / 补休, and the weekend days it joins with 与周末连休), ``work``
the weekend days it declares working (上班). The script only expands ranges to one row a
day; it applies no rule of its own. The CSV it writes is what ships and what is reviewed.

Syntax of the transcription::

    = YEAR NOTICE          starts a year; NOTICE names the document the rows come from
    ! NOTICE               a later notice that changed the year (its rows follow)
    HOLIDAY rest A..B work C D
                           MM-DD dates are in YEAR; a date in another year is written in full

Run ``python tools/cn_calendar_data.py`` from the repository root, with xzjd installed (the
holidays' English names come from :mod:`xzjd.vocab`); ``--check`` compares the result with
the shipped file instead of writing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

from xzjd.vocab import HOLIDAYS

OUT = Path(__file__).resolve().parent.parent / "src" / "xzjd" / "data" / "cn.csv"

TITLE = "国务院办公厅关于{}年部分节假日安排的通知"

NOTICES = """
= 2004 {2004}
元旦 rest 01-01
春节 rest 01-22..01-28 work 01-17 01-18
劳动节 rest 05-01..05-07 work 05-08 05-09
国庆节 rest 10-01..10-07 work 10-09 10-10

= 2005 {2005}
元旦 rest 01-01..01-03
春节 rest 02-09..02-15 work 02-05 02-06
劳动节 rest 05-01..05-07 work 04-30 05-08
国庆节 rest 10-01..10-07 work 10-08 10-09

= 2006 国办发明电〔2005〕35号 {2006}
元旦 rest 01-01..01-03 work 2005-12-31
春节 rest 01-29..02-04 work 01-28 02-05
劳动节 rest 05-01..05-07 work 04-29 04-30
国庆节 rest 10-01..10-07 work 09-30 10-08

= 2007 国办发明电〔2006〕49号 {2007}
元旦 rest 01-01..01-03 work 2006-12-30 2006-12-31
春节 rest 02-18..02-24 work 02-17 02-25
劳动节 rest 05-01..05-07 work 04-28 04-29
国庆节 rest 10-01..10-07 work 09-29 09-30

= 2008 {2008}
元旦 rest 2007-12-30..01-01 work 2007-12-29
春节 rest 02-06..02-12 work 02-02 02-03
清明节 rest 04-04..04-06
劳动节 rest 05-01..05-03 work 05-04
端午节 rest 06-07..06-09
中秋节 rest 09-13..09-15
国庆节 rest 09-29..10-05 work 09-27 09-28

= 2009 国办发明电〔2008〕42号 {2009}
元旦 rest 01-01..01-03 work 01-04
春节 rest 01-25..01-31 work 01-24 02-01
清明节 rest 04-04..04-06
劳动节 rest 05-01..05-03
端午节 rest 05-28..05-30 work 05-31
中秋节、国庆节 rest 10-01..10-08 work 09-27 10-10

= 2010 国办发明电〔2009〕27号 {2010}
元旦 rest 01-01..01-03
春节 rest 02-13..02-19 work 02-20 02-21
清明节 rest 04-03..04-05
劳动节 rest 05-01..05-03
端午节 rest 06-14..06-16 work 06-12 06-13
中秋节 rest 09-22..09-24 work 09-19 09-25
国庆节 rest 10-01..10-07 work 09-26 10-09

= 2011 国办发明电〔2010〕40号 {2011}
元旦 rest 01-01..01-03
春节 rest 02-02..02-08 work 01-30 02-12
清明节 rest 04-03..04-05 work 04-02
劳动节 rest 04-30..05-02
端午节 rest 06-04..06-06
中秋节 rest 09-10..09-12
国庆节 rest 10-01..10-07 work 10-08 10-09

= 2012 国办发明电〔2011〕45号 {2012}
元旦 rest 01-01..01-03 work 2011-12-31
春节 rest 01-22..01-28 work 01-21 01-29
清明节 rest 04-02..04-04 work 03-31 04-01
劳动节 rest 04-29..05-01 work 04-28
端午节 rest 06-22..06-24
中秋节、国庆节 rest 09-30..10-07 work 09-29

= 2013 国办发明电〔2012〕33号 {2013}
元旦 rest 01-01..01-03 work 01-05 01-06
春节 rest 02-09..02-15 work 02-16 02-17
清明节 rest 04-04..04-06 work 04-07
劳动节 rest 04-29..05-01 work 04-27 04-28
端午节 rest 06-10..06-12 work 06-08 06-09
中秋节 rest 09-19..09-21 work 09-22
国庆节 rest 10-01..10-07 work 09-29 10-12

= 2014 国办发明电〔2013〕28号 {2014}
元旦 rest 01-01
春节 rest 01-31..02-06 work 01-26 02-08
清明节 rest 04-05..04-07
劳动节 rest 05-01..05-03 work 05-04
端午节 rest 05-31..06-02
中秋节 rest 09-06..09-08
国庆节 rest 10-01..10-07 work 09-28 10-11

= 2015 国办发明电〔2014〕28号 {2015}
元旦 rest 01-01..01-03 work 01-04
春节 rest 02-18..02-24 work 02-15 02-28
清明节 rest 04-05..04-06
劳动节 rest 05-01..05-03
端午节 rest 06-20..06-22
中秋节 rest 09-27
国庆节 rest 10-01..10-07 work 10-10
! 国发明电〔2015〕1号 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知
抗战胜利70周年纪念日 rest 09-03..09-05 work 09-06

= 2016 国办发明电〔2015〕18号 {2016}
元旦 rest 01-01..01-03
春节 rest 02-07..02-13 work 02-06 02-14
清明节 rest 04-02..04-04
劳动节 rest 05-01..05-02
端午节 rest 06-09..06-11 work 06-12
中秋节 rest 09-15..09-17 work 09-18
国庆节 rest 10-01..10-07 work 10-08 10-09

= 2017 国办发明电〔2016〕17号 {2017}
元旦 rest 01-01..01-02
春节 rest 01-27..02-02 work 01-22 02-04
清明节 rest 04-02..04-04 work 04-01
劳动节 rest 04-29..05-01
端午节 rest 05-28..05-30 work 05-27
中秋节、国庆节 rest 10-01..10-08 work 09-30

= 2018 国办发明电〔2017〕12号 {2018}
元旦 rest 2017-12-30..01-01
春节 rest 02-15..02-21 work 02-11 02-24
清明节 rest 04-05..04-07 work 04-08
劳动节 rest 04-29..05-01 work 04-28
端午节 rest 06-16..06-18
中秋节 rest 09-22..09-24
国庆节 rest 10-01..10-07 work 09-29 09-30

= 2019 国办发明电〔2018〕15号 {2019}
元旦 rest 2018-12-30..01-01 work 2018-12-29
春节 rest 02-04..02-10 work 02-02 02-03
清明节 rest 04-05..04-07
端午节 rest 06-07..06-09
中秋节 rest 09-13..09-15
国庆节 rest 10-01..10-07 work 09-29 10-12
! 国办发明电〔2019〕3号 国务院办公厅关于调整2019年劳动节假期安排的通知
劳动节 rest 05-01..05-04 work 04-28 05-05

= 2020 国办发明电〔2019〕16号 {2020}
元旦 rest 01-01
春节 rest 01-24..01-30 work 01-19
清明节 rest 04-04..04-06
劳动节 rest 05-01..05-05 work 04-26 05-09
端午节 rest 06-25..06-27 work 06-28
中秋节、国庆节 rest 10-01..10-08 work 09-27 10-10
! 国办发明电〔2020〕1号 国务院办公厅关于延长2020年春节假期的通知
春节 rest 01-31..02-02

= 2021 国办发明电〔2020〕27号 {2021}
元旦 rest 01-01..01-03
春节 rest 02-11..02-17 work 02-07 02-20
清明节 rest 04-03..04-05
劳动节 rest 05-01..05-05 work 04-25 05-08
端午节 rest 06-12..06-14
中秋节 rest 09-19..09-21 work 09-18
国庆节 rest 10-01..10-07 work 09-26 10-09

= 2022 国办发明电〔2021〕11号 {2022}
元旦 rest 01-01..01-03
春节 rest 01-31..02-06 work 01-29 01-30
清明节 rest 04-03..04-05 work 04-02
劳动节 rest 04-30..05-04 work 04-24 05-07
端午节 rest 06-03..06-05
中秋节 rest 09-10..09-12
国庆节 rest 10-01..10-07 work 10-08 10-09

= 2023 国办发明电〔2022〕16号 {2023}
元旦 rest 2022-12-31..01-02
春节 rest 01-21..01-27 work 01-28 01-29
清明节 rest 04-05
劳动节 rest 04-29..05-03 work 04-23 05-06
端午节 rest 06-22..06-24 work 06-25
中秋节、国庆节 rest 09-29..10-06 work 10-07 10-08

= 2024 国办发明电〔2023〕7号 {2024}
元旦 rest 2023-12-30..01-01
春节 rest 02-10..02-17 work 02-04 02-18
清明节 rest 04-04..04-06 work 04-07
劳动节 rest 05-01..05-05 work 04-28 05-11
端午节 rest 06-08..06-10
中秋节 rest 09-15..09-17 work 09-14
国庆节 rest 10-01..10-07 work 09-29 10-12

= 2025 国办发明电〔2024〕12号 {2025}
元旦 rest 01-01
春节 rest 01-28..02-04 work 01-26 02-08
清明节 rest 04-04..04-06
劳动节 rest 05-01..05-05 work 04-27
端午节 rest 05-31..06-02
中秋节、国庆节 rest 10-01..10-08 work 09-28 10-11

= 2026 国办发明电〔2025〕7号 {2026}
元旦 rest 01-01..01-03 work 01-04
春节 rest 02-15..02-23 work 02-14 02-28
清明节 rest 04-04..04-06
劳动节 rest 05-01..05-05 work 05-09
端午节 rest 06-19..06-21
中秋节 rest 09-25..09-27
国庆节 rest 10-01..10-07 work 09-20 10-10
"""

HEADER = ("date", "type", "holiday_zh", "holiday_en", "notice")


def _date(text: str, year: int) -> dt.date:
    if len(text) == 5:  # MM-DD in the notice's year
        return dt.date(year, int(text[:2]), int(text[3:]))
    return dt.date.fromisoformat(text)


def expand(text: str = NOTICES) -> list[tuple[str, str, str, str, str]]:
    """The rows of the transcription, one a day, sorted by date."""
    rows: dict[dt.date, tuple[str, str, str, str, str]] = {}
    year = 0
    notice = ""
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("="):
            head, _, rest = line[1:].strip().partition(" ")
            year = int(head)
            notice = rest.replace(f"{{{year}}}", TITLE.format(year)).strip()
            continue
        if line.startswith("!"):
            notice = line[1:].strip()
            continue
        name, *words = line.split()
        mode = ""
        for word in words:
            if word in ("rest", "work"):
                mode = word
                continue
            if ".." in word:
                first_s, last_s = word.split("..")
                first, last = _date(first_s, year), _date(last_s, year)
            else:
                first = last = _date(word, year)
            day = first
            while day <= last:
                # A later notice (the "!" lines) replaces what an earlier one said of the day.
                rows[day] = (day.isoformat(), mode, name, HOLIDAYS[name], notice)
                day += dt.timedelta(days=1)
    return [rows[d] for d in sorted(rows)]


def render(rows: list[tuple[str, str, str, str, str]]) -> str:
    """The CSV text of *rows* with its header."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    text = render(expand())
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} differs from the transcription", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
