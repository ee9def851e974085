# SPDX-License-Identifier: MIT
"""The day tables of a calendar, and every query answered from them.

A calendar is data, not rules. It covers a set of years; for a day in a covered year it
knows whether the day is a working day. A day is a working day when it is a weekday that no
notice declares off, or a weekend day that a notice declares a working day (a make-up working
day, 调休). Every other covered day is a rest day: a weekend day, or a day of an official
holiday period.

A date outside the covered years is a :class:`~xzjd.errors.CalendarError` that names the
missing year and says how to add it; the calendar never guesses from weekends alone. The
days of a provisional year may be computed only when a query first reaches that year: the
arrays then grow past their end, and what they say of every day before never changes.

Design: every question is answered from arrays built once per calendar, so each call is
O(1) or O(log n) however far apart the dates are:

* ``_flags[i]``: the kind of day ``i`` (days counted from 1 January of the first covered
  year), 0 for a day of an uncovered year;
* ``_cum[i]``: how many working days come before day ``i``;
* ``_work``: the ordinals of all working days, sorted;
* ``_seg_first[i]`` / ``_seg_last[i]``: the first and last ordinal of the run of covered
  years that day ``i`` belongs to, so a walk that would cross an uncovered year is caught.

:class:`DayTable` holds the arrays and the queries; :class:`xzjd.calendar.Calendar` adds the
ways to make a calendar (``extend``, ``from_file``, ``strict``) and is the class to use.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from xzjd.calendar.days import CalendarDay, DayInfo, DayKind
from xzjd.errors import CalendarError

__all__ = ["WORKING_FLAGS", "DayArrays", "DayTable"]

# Codes of _flags. 0 means "not covered".
_WORKDAY, _WEEKEND, _HOLIDAY, _MAKEUP = 1, 2, 3, 4
_WORKING = bytes(1 if flag in (_WORKDAY, _MAKEUP) else 0 for flag in range(256))
#: The codes of ``DayArrays.flags`` that mark a working day.
WORKING_FLAGS = (_WORKDAY, _MAKEUP)
_KIND_OF = {
    _WORKDAY: DayKind.WORKDAY,
    _WEEKEND: DayKind.WEEKEND,
    _HOLIDAY: DayKind.HOLIDAY,
    _MAKEUP: DayKind.MAKEUP,
}


class DayArrays(NamedTuple):
    """The arrays of :class:`DayTable` (its module docstring describes them): day ``i`` is
    ordinal ``first_ordinal + i``; ``flags[i]`` is 0 for a day of an uncovered year, and
    :data:`WORKING_FLAGS` holds the flags of a working day."""

    first_ordinal: int
    flags: bytearray
    cum: array[int]
    work: array[int]
    seg_last: array[int]


class DayTable:
    """The arrays of a calendar over its covered years, and the questions they answer.

    The base of :class:`xzjd.calendar.Calendar`, whose docstring describes the constructor's
    arguments; a day table alone is never made.
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

    def arrays(self) -> DayArrays:
        """The day arrays as they stand now, for queries on many dates at once (the columnar
        case core, :mod:`xzjd.engine.case_core`). A provisional year no query has reached yet
        is not in them; a query on one of its days (:meth:`is_working_day`) adds it. The
        arrays are those the queries above use, not copies: read them, never change them.
        """
        return DayArrays(self._first_ord, self._flags, self._cum, self._work, self._seg_last)

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
