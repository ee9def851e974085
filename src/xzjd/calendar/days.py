# SPDX-License-Identifier: MIT
"""Working-day calendars: the built-in mainland China calendar ``cn`` and declared ones.

A calendar is data, not rules. It covers a set of years; for a day in a covered year it
knows whether the day is a working day. A day is a working day when it is a weekday that no
notice declares off, or a weekend day that a notice declares a working day (a make-up working
day, 调休). Every other covered day is a rest day: a weekend day, or a day of an official
holiday period.

The built-in ``cn`` calendar is read from ``data/cn.csv``, one row a day for every day of an
official holiday period and every make-up working day, each naming the State Council notice
it comes from. A date outside the covered years is a :class:`~xzjd.errors.CalendarError`
that names the missing year and says how to add it; the calendar never guesses from
weekends alone.

Design: every question is answered from arrays built once per calendar, so each call is
O(1) or O(log n) however far apart the dates are:

* ``_flags[i]``: the kind of day ``i`` (days counted from 1 January of the first covered
  year), 0 for a day of an uncovered year;
* ``_cum[i]``: how many working days come before day ``i``;
* ``_work``: the ordinals of all working days, sorted;
* ``_seg_first[i]`` / ``_seg_last[i]``: the first and last ordinal of the run of covered
  years that day ``i`` belongs to, so a walk that would cross an uncovered year is caught.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
import itertools
import re
import tomllib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from xzjd.calendar import holiday_law as holiday_law
from xzjd.errors import CalendarError, Diagnostic, InputError, Span
from xzjd.facts import decode_utf8
from xzjd.model import MAX_RANGE_DAYS, DateRange
from xzjd.text.lines import LineIndex

__all__ = [
    "Calendar",
    "CalendarDay",
    "DayInfo",
    "DayKind",
    "add_working_days",
    "builtin",
    "day_info",
    "is_rest_day",
    "is_working_day",
    "next_working_day",
    "roll_forward",
    "working_days_between",
]


class DayKind(enum.Enum):
    """What kind of day a date is on a calendar."""

    WORKDAY = "workday"
    """A weekday that is a working day."""
    WEEKEND = "weekend"
    """A Saturday or Sunday that is a rest day and lies in no holiday period."""
    HOLIDAY = "holiday"
    """A day of an official holiday period (weekend days inside the period included)."""
    MAKEUP = "makeup"
    """A Saturday or Sunday made a working day (调休) to make up for a holiday."""


@attrs.frozen
class DayInfo:
    """Everything a calendar says about one date.

    Attributes:
        date: the date.
        working: whether it is a working day.
        kind: workday, weekend, holiday or make-up working day.
        holiday_zh: the holiday the day belongs to or makes up for, in Chinese.
        holiday_en: the same in English.
        provisional: the day lies in a provisional year: the calendar has no State Council
            notice for it, and knows only the statutory holidays of the holiday law.
        source: the notice (or, in a provisional year, the law) a declared day comes from.
    """

    date: dt.date
    working: bool
    kind: DayKind
    holiday_zh: str | None = None
    holiday_en: str | None = None
    provisional: bool = False
    source: str | None = None


@attrs.frozen(kw_only=True)
class CalendarDay:
    """One declared day of a calendar's data: a rest day or a working day.

    Attributes:
        date: the date.
        working: ``True`` for a ``work`` row (a working day, usually a weekend made working),
            ``False`` for a ``rest`` row (a day of a holiday period).
        holiday_zh: the holiday, in Chinese.
        holiday_en: the holiday, in English.
        notice: the document the day comes from.
        provisional: ``True`` for a day derived from the holiday law for a year without a
            State Council notice (see :mod:`xzjd.calendar.holiday_law`); ``notice`` then names the
            law's version and article.
    """

    date: dt.date
    working: bool
    holiday_zh: str | None = None
    holiday_en: str | None = None
    notice: str | None = None
    provisional: bool = False


# Codes of _flags. 0 means "not covered".
_WORKDAY, _WEEKEND, _HOLIDAY, _MAKEUP = 1, 2, 3, 4
_WORKING = bytes(1 if flag in (_WORKDAY, _MAKEUP) else 0 for flag in range(256))
_KIND_OF = {
    _WORKDAY: DayKind.WORKDAY,
    _WEEKEND: DayKind.WEEKEND,
    _HOLIDAY: DayKind.HOLIDAY,
    _MAKEUP: DayKind.MAKEUP,
}

_RangeLike = tuple[dt.date, dt.date] | DateRange


class Calendar:
    """An immutable working-day calendar over a set of covered years.

    Build one with :func:`builtin`, :meth:`Calendar.extend` or :meth:`Calendar.from_file`;
    the constructor takes the covered years and the declared days directly. Calendars compare
    and hash by identity.

    Args:
        name: the calendar's name, as rules files refer to it.
        days: the declared days; a covered day not among them is a working day on Monday to
            Friday and a rest day on Saturday and Sunday.
        years: the covered years; by default the years of *days*. Every year of *days* is
            covered in any case.
        provisional_years: covered years without a State Council notice, whose days are
            derived from the holiday law (:attr:`provisional_years`).
        pending: the days of the provisional years, when they are to be computed only once a
            query first needs one of those years (the built-in ``cn`` does this: most runs
            never look past the last notice).
    """

    __slots__ = (
        "_cum",
        "_days",
        "_first_ord",
        "_flags",
        "_info_cache",
        "_pending",
        "_provisional",
        "_seg_first",
        "_seg_last",
        "_strict",
        "_work",
        "_years",
        "name",
    )

    def __init__(
        self,
        name: str,
        days: Iterable[CalendarDay],
        *,
        years: Iterable[int] = (),
        provisional_years: Iterable[int] = (),
        pending: Callable[[], Iterable[CalendarDay]] | None = None,
    ) -> None:
        self.name = name
        by_date: dict[dt.date, CalendarDay] = {}
        for day in days:
            by_date[day.date] = day
        self._days: Mapping[dt.date, CalendarDay] = by_date
        provisional = frozenset(provisional_years)
        self._years = frozenset(years) | {d.year for d in by_date} | provisional
        self._provisional = provisional
        self._pending = pending if provisional else None
        self._strict: Calendar | None = None if provisional else self
        self._info_cache: dict[int, DayInfo] = {}
        self._build(self._years - provisional if self._pending else self._years)

    # ------------------------------------------------------------------ construction

    def _grow(self, year: int) -> bool:
        """Compute the pending provisional days if *year* is a provisional year.

        True when the arrays now cover *year* (the caller asks again), False when *year* is
        not covered at all. The arrays only grow past their end, so a day's index, and what
        the arrays say of every day covered before, never change.
        """
        if year not in self._provisional:
            return False
        pending = self._pending
        if pending is not None:
            self._pending = None
            days = dict(self._days)
            for day in pending():
                days[day.date] = day
            self._days = days
            self._build(self._years)
        return True

    def _materialized(self) -> Mapping[dt.date, CalendarDay]:
        """Every declared day, the pending provisional days computed."""
        if self._pending is not None:
            self._grow(min(self._provisional))
        return self._days

    def _build(self, years: frozenset[int]) -> None:
        if not years:
            self._first_ord = 0
            self._flags = bytearray()
            self._cum = array("l", [0])
            self._work = array("l")
            self._seg_first = array("l")
            self._seg_last = array("l")
            return
        first_year, last_year = min(years), max(years)
        first_ord = dt.date(first_year, 1, 1).toordinal()
        end_ord = dt.date(last_year, 12, 31).toordinal()
        size = end_ord - first_ord + 1
        flags = bytearray(size)
        # A week of flags from Monday; date(1, 1, 1) has ordinal 1 and is a Monday, so the
        # weekday of ordinal o is (o - 1) % 7.
        week = bytes([_WORKDAY] * 5 + [_WEEKEND] * 2)
        for year in years:
            start = dt.date(year, 1, 1).toordinal()
            stop = dt.date(year, 12, 31).toordinal()
            shift = (start - 1) % 7
            length = stop - start + 1
            pattern = (week[shift:] + week[:shift]) * (length // 7 + 1)
            flags[start - first_ord : stop - first_ord + 1] = pattern[:length]
        for day in self._days.values():
            o = day.date.toordinal()
            weekend = (o - 1) % 7 >= 5
            if day.working:
                flags[o - first_ord] = _MAKEUP if weekend else _WORKDAY
            else:
                flags[o - first_ord] = _HOLIDAY
        working = flags.translate(_WORKING)  # 1 for a working day, else 0
        cum = array("l", itertools.accumulate(working, initial=0))
        work = array("l", itertools.compress(range(first_ord, first_ord + size), working))
        seg_first = array("l", [0]) * size
        seg_last = array("l", [0]) * size
        # Runs of consecutive covered years.
        ordered = sorted(years)
        run_start = ordered[0]
        for k, year in enumerate(ordered):
            if k + 1 == len(ordered) or ordered[k + 1] != year + 1:
                a = dt.date(run_start, 1, 1).toordinal()
                b = dt.date(year, 12, 31).toordinal()
                seg_first[a - first_ord : b - first_ord + 1] = array("l", [a]) * (b - a + 1)
                seg_last[a - first_ord : b - first_ord + 1] = array("l", [b]) * (b - a + 1)
                if k + 1 < len(ordered):
                    run_start = ordered[k + 1]
        self._first_ord = first_ord
        self._flags = flags
        self._cum = cum
        self._work = work
        self._seg_first = seg_first
        self._seg_last = seg_last

    def extend(
        self,
        name: str,
        *,
        rest: Iterable[_RangeLike] = (),
        work: Iterable[dt.date] = (),
    ) -> Calendar:
        """A new calendar: this one, with days declared rest or working days.

        The result covers this calendar's years and every year it declares a day in. In a
        declared year this calendar lacks, rest days are weekends plus the declared ``rest``
        days, less the declared ``work`` days; in a year this calendar has, the declared days
        replace what it says of those days and leave every other day as it was.

        Args:
            name: the new calendar's name.
            rest: ranges of rest days, both ends included, as ``(first, last)`` pairs or
                :class:`xzjd.model.DateRange` objects.
            work: days that are working days.

        Raises:
            CalendarError: a range ends before it starts, or a day is declared both a rest
                day and a working day.
        """
        days: list[CalendarDay] = []
        rest_dates: set[dt.date] = set()
        for item in rest:
            first, last = (item.first, item.last) if isinstance(item, DateRange) else item
            if last < first or (last - first).days >= MAX_RANGE_DAYS:
                problem = "ends before it starts" if last < first else "is longer than a year"
                raise CalendarError(
                    f"calendar '{name}': rest range {first} to {last} {problem}",
                    calendar=name,
                    year=first.year,
                )
            for day in _days_in(first, last):
                rest_dates.add(day)
                days.append(CalendarDay(date=day, working=False))
        for day in work:
            if day in rest_dates:
                raise CalendarError(
                    f"calendar '{name}': {day} is declared both a rest day and a working day",
                    calendar=name,
                    year=day.year,
                )
            days.append(CalendarDay(date=day, working=True))
        return self._extended(name, days)

    def _extended(
        self, name: str, days: Iterable[CalendarDay], years: Iterable[int] = ()
    ) -> Calendar:
        """This calendar with *days* laid over it, covering *years* too.

        A provisional year of this calendar in which a day is declared (or that *years*
        names) becomes a declared year: its provisional days are dropped, and the year is
        what is declared, over weekends, as a year the calendar lacked would be. Whoever
        declares a year is taken to declare all of it (the year's notice).
        """
        declared = list(days)
        taken = (set(years) | {d.date.year for d in declared}) & self._provisional
        mine = self._materialized()
        merged = {d: day for d, day in mine.items() if d.year not in taken}
        for day in declared:
            merged[day.date] = day
        return Calendar(
            name,
            merged.values(),
            years=self._years | set(years),
            provisional_years=self._provisional - taken,
        )

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        name: str | None = None,
        base: Calendar | None = None,
    ) -> Calendar:
        """Read calendar data from a TOML file or a CSV file in the ``cn.csv`` format.

        The format is chosen by the file's suffix (``.toml`` or ``.csv``). See
        ``docs/calendar.md`` for both formats.

        Args:
            path: the file.
            name: the calendar's name; by default the TOML ``name`` key, else the file's stem.
            base: a calendar the file's days are laid over, as with :meth:`extend`. A TOML
                file may name its base itself (``base = "cn"``, a built-in calendar).

        Raises:
            InputError: the file cannot be read or is malformed (with file, line and hint).
        """
        p = Path(path)
        try:
            raw = p.read_bytes()
        except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
            reason = getattr(exc, "strerror", None) or "the name holds a NUL character"
            raise InputError(
                [
                    Diagnostic(
                        code="calendar/unreadable",
                        message=f"cannot read calendar file: {reason}",
                        file=str(path),
                        hint="give the path of a readable calendar file (.csv or .toml)",
                        message_zh=f"无法读取日历文件：{reason}",
                        hint_zh="请给出可读的日历文件（.csv 或 .toml）的路径",
                    )
                ]
            ) from None
        text = decode_utf8(raw, str(path))
        if p.suffix.lower() == ".toml":
            meta, days = _parse_toml(text, str(path))
            if base is None and meta.get("base") is not None:
                try:
                    base = builtin(meta["base"])
                except KeyError:
                    raise InputError(
                        [
                            Diagnostic(
                                code="calendar/unknown-base",
                                message=f"unknown base calendar '{meta['base']}'",
                                file=str(path),
                                hint=f"built-in calendars: {', '.join(sorted(_BUILTIN))}",
                                message_zh=f"未知的基础日历 '{meta['base']}'",
                            )
                        ]
                    ) from None
            cal_name = name or meta.get("name") or p.stem
            years: Iterable[int] = meta.get("years", ())
        elif p.suffix.lower() == ".csv":
            days = _parse_csv(text, str(path))
            cal_name = name or p.stem
            years = ()
        else:
            raise InputError(
                [
                    Diagnostic(
                        code="calendar/unknown-format",
                        message=f"calendar file must end in .toml or .csv, not '{p.suffix}'",
                        file=str(path),
                        message_zh="日历文件的扩展名应为 .toml 或 .csv",
                    )
                ]
            )
        if base is None:
            return cls(cal_name, days, years=years)
        return base._extended(cal_name, days, years)

    # ------------------------------------------------------------------ coverage

    @property
    def years(self) -> frozenset[int]:
        """The years this calendar has data for."""
        return self._years

    @property
    def first_year(self) -> int | None:
        """The first covered year, or ``None`` for an empty calendar."""
        return min(self._years) if self._years else None

    @property
    def last_year(self) -> int | None:
        """The last covered year, or ``None`` for an empty calendar."""
        return max(self._years) if self._years else None

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        """The declared days, sorted by date."""
        days = self._materialized()
        return tuple(days[d] for d in sorted(days))

    @property
    def provisional_years(self) -> frozenset[int]:
        """The covered years that have no State Council notice in the data.

        Their rest days are derived from the holiday law (:mod:`xzjd.calendar.holiday_law`): the
        statutory holidays and the days that make up for those falling on a weekend, but
        no make-up working days (调休), which only a notice can give.
        """
        return self._provisional

    def covers(self, d: dt.date) -> bool:
        """Whether the calendar has data for the year of *d* (provisional data included)."""
        return d.year in self._years

    def is_provisional(self, d: dt.date) -> bool:
        """Whether *d* lies in a provisional year (see :attr:`provisional_years`)."""
        return d.year in self._provisional

    def provisional_between(self, first: dt.date, last: dt.date) -> tuple[int, ...]:
        """The provisional years from the year of *first* to the year of *last*, in order."""
        if not self._provisional or last < first:
            return ()
        return tuple(y for y in range(first.year, last.year + 1) if y in self._provisional)

    def strict(self) -> Calendar:
        """This calendar without its provisional years: a date in one of them is an error.

        For users who must not rely on a year derived from the law alone (``--no-provisional``).
        """
        if self._strict is None:
            prov = self._provisional
            self._strict = Calendar(
                self.name,
                (d for d in self._days.values() if d.date.year not in prov),
                years=self._years - prov,
            )
        return self._strict

    def _missing(self, year: int) -> CalendarError:
        if self._years:
            ys = sorted(self._years)
            gaps = [y for y in range(ys[0], ys[-1] + 1) if y not in self._years]
            covered = f"{ys[0]}-{ys[-1]}"
            if gaps:
                covered += " except " + _year_runs(gaps)
        else:
            covered = "no year"
        return CalendarError(
            f"calendar '{self.name}' has no data for {year} (it covers {covered}); "
            f"add the year's rest and working days: turn the State Council notice for {year} "
            f"into calendar data with `xzjd calendar import NOTICE.txt -o FILE.csv` and load "
            f"it with Calendar.from_file(FILE.csv, base=...), or in the rules file declare "
            f"`calendar NAME based on {self.name}:` with `rest FIRST to LAST` and "
            f"`work DATE` lines for {year}",
            calendar=self.name,
            year=year,
        )

    def _index(self, d: dt.date) -> int:
        """The array index of a covered date; raises for an uncovered one."""
        return self._index_ord(d.toordinal())

    def _index_ord(self, o: int) -> int:
        i = o - self._first_ord
        if 0 <= i < len(self._flags) and self._flags[i]:
            return i
        year = _year_of(o)
        if self._grow(year):
            return self._index_ord(o)
        raise self._missing(year)

    def _beyond(self, o: int) -> None:
        """Raise for a walk that reaches ordinal *o*, past the covered run, unless it grew."""
        year = _year_of(o)
        if not self._grow(year):
            raise self._missing(year)

    # ------------------------------------------------------------------ queries

    def is_working_day(self, d: dt.date) -> bool:
        """Whether *d* is a working day.

        Raises:
            CalendarError: the calendar has no data for the year of *d*.
        """
        i = self._index(d)  # first: it may grow the arrays
        flag = self._flags[i]
        return flag in (_WORKDAY, _MAKEUP)

    def is_rest_day(self, d: dt.date) -> bool:
        """Whether *d* is a rest day (a weekend day not made working, or a holiday).

        Raises:
            CalendarError: the calendar has no data for the year of *d*.
        """
        return not self.is_working_day(d)

    def day_info(self, d: dt.date) -> DayInfo:
        """What the calendar says about *d*.

        Raises:
            CalendarError: the calendar has no data for the year of *d*.
        """
        i = self._index(d)
        info = self._info_cache.get(i)
        if info is None:
            flag = self._flags[i]
            declared = self._days.get(d)
            info = DayInfo(
                date=d,
                working=flag in (_WORKDAY, _MAKEUP),
                kind=_KIND_OF[flag],
                holiday_zh=declared.holiday_zh if declared else None,
                holiday_en=declared.holiday_en if declared else None,
                provisional=d.year in self._provisional,
                source=declared.notice if declared else None,
            )
            self._info_cache[i] = info
        return info

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after *d*.

        Raises:
            CalendarError: the search reaches a year the calendar has no data for.
        """
        return self._nth_after(d.toordinal(), 1)

    def roll_forward(self, d: dt.date) -> dt.date:
        """*d* when it is a working day, else the first working day after it.

        Raises:
            CalendarError: the calendar has no data for a year the search needs.
        """
        if self.is_working_day(d):
            return d
        return self._nth_after(d.toordinal(), 1)

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The *n*-th working day after *d* (*d* itself not counted).

        For ``n < 0`` the ``|n|``-th working day before *d*; for ``n == 0``, *d* itself.

        Raises:
            CalendarError: the count reaches a year the calendar has no data for.
        """
        if n > 0:
            return self._nth_after(d.toordinal(), n)
        if n < 0:
            return self._nth_before(d.toordinal(), -n)
        return d

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """How many working days ``x`` there are with ``a < x <= b``; 0 when ``b <= a``.

        Raises:
            CalendarError: a day in between lies in a year the calendar has no data for.
        """
        oa, ob = a.toordinal(), b.toordinal()
        if ob <= oa:
            return 0
        i = self._index_ord(oa + 1)
        if ob > self._seg_last[i]:
            self._beyond(self._seg_last[i] + 1)
            return self.working_days_between(a, b)
        j = ob - self._first_ord
        return self._cum[j + 1] - self._cum[i]

    def _nth_after(self, o: int, n: int) -> dt.date:
        i = self._index_ord(o + 1)
        k = self._cum[i] + n - 1  # index in _work of the answer
        last = self._seg_last[i]
        if k >= len(self._work) or self._work[k] > last:
            self._beyond(last + 1)
            return self._nth_after(o, n)
        return dt.date.fromordinal(self._work[k])

    def _nth_before(self, o: int, n: int) -> dt.date:
        i = self._index_ord(o - 1)
        k = self._cum[i + 1] - n  # working days up to and including o - 1, less n
        first = self._seg_first[i]
        if k < 0 or self._work[k] < first:
            self._beyond(first - 1)
            return self._nth_before(o, n)
        return dt.date.fromordinal(self._work[k])

    def working_days(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        """The working days from *first* to *last*, both included, in order.

        Raises:
            CalendarError: a day in between lies in a year the calendar has no data for.
        """
        if last < first:
            return iter(())
        i = self._index(first)
        if last.toordinal() > self._seg_last[i]:
            self._beyond(self._seg_last[i] + 1)
            return self.working_days(first, last)
        lo = self._cum[i]
        hi = self._cum[last.toordinal() - self._first_ord + 1]
        return (dt.date.fromordinal(o) for o in self._work[lo:hi])

    def __repr__(self) -> str:
        if not self._years:
            return f"<Calendar {self.name!r}: no years>"
        return f"<Calendar {self.name!r}: {self.first_year}-{self.last_year}>"


_LAST_ORDINAL = dt.date.max.toordinal()


def _year_of(o: int) -> int:
    """The year of ordinal *o*; 0 before 0001-01-01, 10000 after 9999-12-31 (never covered)."""
    if o < 1:
        return 0
    if o > _LAST_ORDINAL:
        return 10000
    return dt.date.fromordinal(o).year


def _year_runs(years: Sequence[int]) -> str:
    """Sorted years as runs: ``[2001, 2002, 2003, 2010]`` -> ``"2001-2003, 2010"``."""
    runs: list[str] = []
    start = prev = years[0]
    for y in [*years[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(runs)


def _days_in(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for o in range(first.toordinal(), last.toordinal() + 1):
        yield dt.date.fromordinal(o)


# ---------------------------------------------------------------------------- file formats

_CSV_COLUMNS = ("date", "type", "holiday_zh", "holiday_en", "notice")


def _bad(
    file: str,
    code: str,
    message: str,
    *,
    line: int | None = None,
    column: int = 1,
    width: int = 1,
    line_text: str | None = None,
    hint: str | None = None,
    message_zh: str | None = None,
) -> InputError:
    span = Span(line, column, line, column + max(width, 1)) if line is not None else None
    return InputError(
        [
            Diagnostic(
                code=code,
                message=message,
                file=file,
                span=span,
                line_text=line_text,
                hint=hint or _HINTS.get(code, _FORMAT_HINT),
                message_zh=message_zh,
            )
        ]
    )


_FORMAT_HINT = "the calendar file formats (CSV and TOML) are described in docs/calendar.md"
_HINTS = {
    "calendar/bad-header": "start the file with the header date,type,holiday_zh,holiday_en,notice",
    "calendar/duplicate-date": "keep one row per date",
    "calendar/conflict": "a day is either a rest day or a working day: keep one of the two",
    "calendar/bad-range": "write 'from' and 'to' dates, the first not after the last, at most "
    "366 days apart (one holiday period a range)",
}


def _parse_csv(text: str, file: str) -> list[CalendarDay]:
    """Rows of a calendar CSV (``date,type,holiday_zh,holiday_en,notice``).

    Lines end at ``\n``, ``\r\n`` or ``\r`` for the reader and for the lines quoted in
    diagnostics alike (``newline=""`` gives the csv module every line end as written).
    """
    lines = LineIndex(text)
    reader = csv.reader(io.StringIO(text, newline=""))
    days: list[CalendarDay] = []
    seen: dict[dt.date, int] = {}
    header: list[str] | None = None
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a cell longer than the csv module's field limit
            lineno = reader.line_num
            raise _bad(
                file,
                "calendar/bad-csv",
                f"cannot read this row: {exc}",
                line=lineno,
                line_text=lines.line_text(lineno),
                hint="one day per row: date,type,holiday_zh,holiday_en,notice",
                message_zh=f"无法读取此行：{exc}",
            ) from None
        lineno = reader.line_num
        line_text = lines.line_text(lineno)
        if not row or all(not c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            if header[:2] != ["date", "type"]:
                raise _bad(
                    file,
                    "calendar/bad-header",
                    "calendar CSV must start with the header "
                    "'date,type,holiday_zh,holiday_en,notice'",
                    line=lineno,
                    width=len(line_text or ""),
                    line_text=line_text,
                    message_zh="日历 CSV 的首行应为 date,type,holiday_zh,holiday_en,notice",
                )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        date_text = cells.get("date", "")
        col = 1
        try:
            day = dt.date.fromisoformat(date_text)
        except ValueError:
            raise _bad(
                file,
                "calendar/bad-date",
                f"'{date_text}' is not a date",
                line=lineno,
                column=col,
                width=len(date_text),
                line_text=line_text,
                hint="write dates as YYYY-MM-DD, e.g. 2027-10-01",
                message_zh=f"'{date_text}' 不是日期",
            ) from None
        kind = cells.get("type", "").lower()
        if kind not in ("rest", "work"):
            col = (line_text or "").find(kind) + 1 if kind else len(date_text) + 2
            raise _bad(
                file,
                "calendar/bad-type",
                f"day type must be 'rest' or 'work', not '{cells.get('type', '')}'",
                line=lineno,
                column=max(col, 1),
                width=len(kind),
                line_text=line_text,
                hint="'rest': a day of a holiday period; 'work': a weekend day made working",
                message_zh="日期类型应为 rest（放假）或 work（上班）",
            )
        if day in seen:
            raise _bad(
                file,
                "calendar/duplicate-date",
                f"{day} already appears on line {seen[day]}",
                line=lineno,
                width=len(date_text),
                line_text=line_text,
                message_zh=f"{day} 已在第 {seen[day]} 行出现",
            )
        seen[day] = lineno
        days.append(
            CalendarDay(
                date=day,
                working=kind == "work",
                holiday_zh=cells.get("holiday_zh") or None,
                holiday_en=cells.get("holiday_en") or None,
                notice=cells.get("notice") or None,
            )
        )
    return days


def _toml_date(value: Any, file: str, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _bad(file, "calendar/bad-date", f"{what}: {value} has a time; give a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad(
        file,
        "calendar/bad-date",
        f"{what}: {value!r} is not a date",
        hint="write dates as TOML dates or strings YYYY-MM-DD, e.g. 2027-10-01",
        message_zh=f"{what}：{value!r} 不是日期",
    )


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def _parse_toml(text: str, file: str) -> tuple[dict[str, Any], list[CalendarDay]]:
    """The metadata and the days of a calendar TOML file (schema in docs/calendar.md)."""
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        what = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        where = _TOML_AT.search(what)
        lines = text.split("\n")
        line = int(where[1]) if where and where[1] else None
        column = int(where[2]) if where and where[2] else 1
        if where is None and isinstance(exc, RecursionError):
            # tomllib gives no place: the first line that opens a nested value.
            line = next((n for n, t in enumerate(lines, 1) if "[[" in t or "{" in t), 1)
        if where is not None and where[1] is None:  # "(at end of document)"
            line = len(lines) - 1 if len(lines) > 1 and not lines[-1] else len(lines)
            column = len(lines[line - 1]) + 1
        digits = _LONG_NUMBER.search(text) if "integer string conversion" in what else None
        if digits is not None:  # a number too long for int()
            line = text.count("\n", 0, digits.start()) + 1
            column = digits.start() - (text.rfind("\n", 0, digits.start()) + 1) + 1
            what = f"a number of {len(digits[0])} digits is too long"
        raise _bad(
            file,
            "calendar/bad-toml",
            f"not valid TOML: {_TOML_AT.sub('', what)}",
            line=line,
            column=column,
            line_text=lines[line - 1] if line is not None and 0 < line <= len(lines) else None,
            message_zh=f"不是有效的 TOML：{_TOML_AT.sub('', what)}",
        ) from None
    try:
        return _toml_days(data, file)
    except InputError as exc:
        # TOML values carry no position: find the key or the table the message names.
        diag = exc.diagnostics[0]
        found = None if diag.span is not None else _toml_locate(text, diag.message)
        if found is None:
            raise
        line, column, width = found
        raise InputError(
            [
                attrs.evolve(
                    diag,
                    span=Span(line, column, line, column + width),
                    line_text=text.split("\n")[line - 1],
                )
            ]
        ) from None


_ITEM = re.compile(r"^(rest|work) #(\d+)")
_LONG_NUMBER = re.compile(r"\d{4301,}")
_KEY_NAMED = re.compile(r"^(?:unknown key |)'([^']+)'")


def _toml_locate(text: str, message: str) -> tuple[int, int, int] | None:
    """(line, column, width) of what a TOML calendar error is about, when it can be found.

    ``rest #N`` / ``work #N``: the Nth ``[[rest]]`` table, else the ``rest = [...]`` line;
    ``'key' ...`` or ``unknown key 'key'``: the line that sets the key.
    """
    lines = text.split("\n")

    def key_line(key: str) -> tuple[int, int, int] | None:
        name = r"[\"']?" + re.escape(key) + r"[\"']?"
        pattern = re.compile(r"^\s*(?:" + name + r"\s*[=.]|\[\[?\s*" + name + r"\s*[\].])")
        for number, line in enumerate(lines, 1):
            if pattern.match(line):
                column = len(line) - len(line.lstrip()) + 1
                return number, column, len(key)
        return None

    item = _ITEM.match(message)
    if item is not None:
        table, n = item[1], int(item[2])
        header = re.compile(r"^\s*\[\[\s*" + table + r"\s*\]\]")
        seen = 0
        for number, line in enumerate(lines, 1):
            if header.match(line):
                seen += 1
                if seen == n:
                    column = len(line) - len(line.lstrip()) + 1
                    return number, column, len(line.strip())
        return key_line(table)
    named = _KEY_NAMED.match(message)
    return None if named is None else key_line(named[1])


def _toml_days(data: dict[str, Any], file: str) -> tuple[dict[str, Any], list[CalendarDay]]:
    known = {"name", "base", "notice", "years", "rest", "work"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise _bad(
            file,
            "calendar/unknown-key",
            f"unknown key '{unknown[0]}' in calendar file",
            hint="keys: " + ", ".join(sorted(known)),
            message_zh=f"日历文件中有未知的键 '{unknown[0]}'",
        )
    meta: dict[str, Any] = {k: data[k] for k in ("name", "base", "notice") if k in data}
    for key in ("name", "base", "notice"):
        if key in meta and not isinstance(meta[key], str):
            raise _bad(file, "calendar/bad-value", f"'{key}' must be a string")
    years = data.get("years", [])
    if not isinstance(years, list) or not all(
        isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9999 for y in years
    ):
        raise _bad(
            file,
            "calendar/bad-value",
            "'years' must be a list of years from 1 to 9999, e.g. [2027]",
        )
    meta["years"] = tuple(years)
    default_notice: str | None = meta.get("notice")
    days: list[CalendarDay] = []
    rest_dates: set[dt.date] = set()

    def items(key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise _bad(
                file,
                "calendar/bad-value",
                f"'{key}' must be a list ([[{key}]] tables or dates)",
            )
        return value

    for n, item in enumerate(items("rest"), start=1):
        what = f"rest #{n}"
        if isinstance(item, dict):
            extra = sorted(set(item) - {"from", "to", "date", "name", "name_en", "notice"})
            if extra:
                raise _bad(file, "calendar/unknown-key", f"{what}: unknown key '{extra[0]}'")
            if "date" in item:
                first = last = _toml_date(item["date"], file, what)
            elif "from" in item:
                first = _toml_date(item["from"], file, what)
                last = _toml_date(item.get("to", item["from"]), file, what)
            else:
                raise _bad(file, "calendar/bad-value", f"{what}: give 'from' and 'to', or 'date'")
            name_zh, name_en = item.get("name"), item.get("name_en")
            notice = item.get("notice", default_notice)
        else:
            first = last = _toml_date(item, file, what)
            name_zh = name_en = None
            notice = default_notice
        if last < first:
            raise _bad(
                file, "calendar/bad-range", f"{what}: {first} to {last} ends before it starts"
            )
        if (last - first).days >= MAX_RANGE_DAYS:
            raise _bad(
                file,
                "calendar/bad-range",
                f"{what}: {first} to {last} is longer than {MAX_RANGE_DAYS} days",
            )
        for day in _days_in(first, last):
            rest_dates.add(day)
            days.append(
                CalendarDay(
                    date=day, working=False, holiday_zh=name_zh, holiday_en=name_en, notice=notice
                )
            )
    for n, item in enumerate(items("work"), start=1):
        what = f"work #{n}"
        if isinstance(item, dict):
            extra = sorted(set(item) - {"date", "name", "name_en", "notice"})
            if extra:
                raise _bad(file, "calendar/unknown-key", f"{what}: unknown key '{extra[0]}'")
            if "date" not in item:
                raise _bad(file, "calendar/bad-value", f"{what}: give 'date'")
            day = _toml_date(item["date"], file, what)
            name_zh, name_en = item.get("name"), item.get("name_en")
            notice = item.get("notice", default_notice)
        else:
            day = _toml_date(item, file, what)
            name_zh = name_en = None
            notice = default_notice
        if day in rest_dates:
            raise _bad(
                file,
                "calendar/conflict",
                f"{what}: {day} is declared both a rest day and a working day",
                message_zh=f"{day} 既被声明为放假又被声明为上班",
            )
        days.append(
            CalendarDay(
                date=day, working=True, holiday_zh=name_zh, holiday_en=name_en, notice=notice
            )
        )
    return meta, days


# ---------------------------------------------------------------------------- built-ins

_BUILTIN = {"cn": "cn.csv"}


def builtin(name: str = "cn") -> Calendar:
    """A built-in calendar, read once and cached.

    Raises:
        KeyError: there is no built-in calendar of that name.
    """
    return _load_builtin(name)


@functools.cache
def _load_builtin(name: str) -> Calendar:
    try:
        resource = _BUILTIN[name]
    except KeyError:
        raise KeyError(
            f"no built-in calendar '{name}' (built-in: {', '.join(sorted(_BUILTIN))})"
        ) from None
    text = resources.files("xzjd").joinpath("data", resource).read_text(encoding="utf-8")
    days = _parse_csv(text, f"xzjd/data/{resource}")
    noticed = {d.date.year for d in days}
    # Provisional years follow the last notice, to the end of the century (the lunar table's
    # last year, 2100, only serves the computation). Years before the notices had notices
    # too, not transcribed here: they are never guessed.
    provisional = range(max(noticed) + 1, holiday_law.LAST_YEAR)

    def pending() -> list[CalendarDay]:
        return [_law_day(d) for year in provisional for d in holiday_law.provisional_days(year)]

    return Calendar(name, days, years=noticed, provisional_years=provisional, pending=pending)


def _law_day(day: holiday_law.LawDay) -> CalendarDay:
    return CalendarDay(
        date=day.date,
        working=False,
        holiday_zh=day.holiday_zh,
        holiday_en=day.holiday_en,
        notice=day.source_zh,
        provisional=True,
    )


def _cal(calendar: Calendar | None) -> Calendar:
    return _load_builtin("cn") if calendar is None else calendar


def is_working_day(d: dt.date, calendar: Calendar | None = None) -> bool:
    """Whether *d* is a working day on *calendar* (default: the built-in ``cn``)."""
    return _cal(calendar).is_working_day(d)


def is_rest_day(d: dt.date, calendar: Calendar | None = None) -> bool:
    """Whether *d* is a rest day on *calendar* (default: the built-in ``cn``)."""
    return _cal(calendar).is_rest_day(d)


def day_info(d: dt.date, calendar: Calendar | None = None) -> DayInfo:
    """What *calendar* (default: the built-in ``cn``) says about *d*."""
    return _cal(calendar).day_info(d)


def next_working_day(d: dt.date, calendar: Calendar | None = None) -> dt.date:
    """The first working day strictly after *d* on *calendar* (default ``cn``)."""
    return _cal(calendar).next_working_day(d)


def roll_forward(d: dt.date, calendar: Calendar | None = None) -> dt.date:
    """*d* if it is a working day, else the next one, on *calendar* (default ``cn``)."""
    return _cal(calendar).roll_forward(d)


def add_working_days(d: dt.date, n: int, calendar: Calendar | None = None) -> dt.date:
    """The *n*-th working day after (``n < 0``: before) *d* on *calendar* (default ``cn``)."""
    return _cal(calendar).add_working_days(d, n)


def working_days_between(a: dt.date, b: dt.date, calendar: Calendar | None = None) -> int:
    """Working days ``x`` with ``a < x <= b`` on *calendar* (default ``cn``)."""
    return _cal(calendar).working_days_between(a, b)
