# SPDX-License-Identifier: MIT
"""Read a State Council holiday notice as published and turn it into calendar days.

Every year the General Office of the State Council publishes the next year's arrangement
(国务院办公厅关于YYYY年部分节假日安排的通知): for each holiday, the days off and the weekend
days that are worked. :func:`parse_notices` reads the text of such a notice, pasted as it is
published, and returns the days in the form of the built-in calendar's data
(:class:`xzjd.calendar.CalendarDay`, one a day); :func:`render_csv` writes them in the format
of ``src/xzjd/data/cn.csv``, so the result loads with
``Calendar.from_file(path, base=builtin())``.

What is read:

* the title (``国务院办公厅关于2026年部分节假日安排的通知``, also split over two or three lines
  as printed), which gives the year, and the document number (``国办发明电〔2025〕7号``);
* the holiday items, ``一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。``
  with full-width or half-width punctuation, ``星期X`` / ``周X`` weekdays, lunar dates in the
  brackets, ranges across months and years, ``放假`` / ``放假调休`` / ``放假公休`` / ``补休``,
  ``与周末连休``, ``共N天`` (checked), and the older wordings of 2004-2010 (``其中……为法定假日``,
  ``将……两个公休日调至……``, ``照常公休``): a weekend day whose rest is moved into the holiday
  is a working day;
* special notices: a paragraph of dates under a title that names the holiday
  (``国务院办公厅关于调整2019年劳动节假期安排的通知``) and ``延长……假期至……``, which extends the
  holiday's last period (found earlier in the same text, or in *base*).

Several notices may follow one another in one text; a later notice replaces what an earlier
one said of a day. Other paragraphs (the addressees, the preamble, the closing duties, the
signature) are skipped; lines starting with ``#`` are comments. A holiday item that cannot be
read, a weekday that does not match its date, a count ``共N天`` that does not match the
period, or a working day that is not a weekend day is an :class:`~xzjd.errors.InputError`
pointing at the line and column.

The package reads no clock and no file except in :func:`read_notice`. Its modules, from the
bottom: ``wording`` (the words matched), ``pieces`` (what is held while reading, and the
diagnostics), ``dates`` and ``holiday_period`` (the dates of an item; the rows it gives,
checked), ``clauses`` (an item clause by clause), ``reader`` (the text line by line, and
the functions above); :func:`render_csv` is the calendar CSV writer of
:mod:`xzjd.calendar.file_formats`.
"""

from __future__ import annotations

from xzjd.calendar.file_formats import CSV_HEADER, render_csv
from xzjd.calendar.notice.reader import Notice, notice_days, parse_notices, read_notice
from xzjd.vocab import HOLIDAYS

__all__ = [
    "CSV_HEADER",
    "HOLIDAYS",
    "Notice",
    "notice_days",
    "parse_notices",
    "read_notice",
    "render_csv",
]
