# SPDX-License-Identifier: MIT
"""Working-day calendars: the built-in mainland China calendar ``cn`` and declared ones.

A calendar is data, not rules. It covers a set of years; for a day in a covered year it
knows whether the day is a working day. A day is a working day when it is a weekday that no
notice declares off, or a weekend day that a notice declares a working day (a make-up working
day, 调休). Every other covered day is a rest day: a weekend day, or a day of an official
holiday period.

The built-in ``cn`` calendar is read from ``data/cn.csv``, one row a day for every day of an
official holiday period and every make-up working day, each naming the State Council notice
it comes from. The years after the last notice are provisional: their days come from the
holiday law (:mod:`xzjd.calendar.holiday_law`) and are computed the first time a query needs
one of them. A date outside the covered years is a :class:`~xzjd.errors.CalendarError`
that names the missing year and says how to add it; the calendar never guesses from
weekends alone.

:class:`Calendar` makes calendars (declared, extended, read from a file, made strict); the
arrays and the queries are those of :class:`~xzjd.calendar.day_table.DayTable`. The
module-level functions ask the built-in ``cn`` unless given another calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from xzjd.calendar import holiday_law as holiday_law
from xzjd.calendar.day_table import DayTable
from xzjd.calendar.days import CalendarDay, DayInfo, days_in
from xzjd.calendar.file_formats import parse_csv, parse_toml
from xzjd.errors import CalendarError, InputError
from xzjd.facts import decode_utf8
from xzjd.messages import diagnostic
from xzjd.model import MAX_RANGE_DAYS, DateRange

__all__ = [
    "Calendar",
    "add_working_days",
    "builtin",
    "day_info",
    "is_rest_day",
    "is_working_day",
    "next_working_day",
    "roll_forward",
    "working_days_between",
]

_RangeLike = tuple[dt.date, dt.date] | DateRange


class Calendar(DayTable):
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

    __slots__ = ("_strict",)

    def __init__(
        self,
        name: str,
        days: Iterable[CalendarDay],
        *,
        years: Iterable[int] = (),
        provisional_years: Iterable[int] = (),
        pending: Callable[[], Iterable[CalendarDay]] | None = None,
    ) -> None:
        super().__init__(
            name, days, years=years, provisional_years=provisional_years, pending=pending
        )
        self._strict: Calendar | None = None if self._provisional else self

    # ------------------------------------------------------------------ making calendars

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
            for day in days_in(first, last):
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
                [diagnostic("calendar/unreadable", file=str(path), reason=reason)]
            ) from None
        text = decode_utf8(raw, str(path))
        if p.suffix.lower() == ".toml":
            meta, days = parse_toml(text, str(path))
            if base is None and meta.get("base") is not None:
                try:
                    base = builtin(meta["base"])
                except KeyError:
                    raise InputError(
                        [
                            diagnostic(
                                "calendar/unknown-base",
                                file=str(path),
                                meta=meta["base"],
                                value=", ".join(sorted(_BUILTIN)),
                            )
                        ]
                    ) from None
            cal_name = name or meta.get("name") or p.stem
            years: Iterable[int] = meta.get("years", ())
        elif p.suffix.lower() == ".csv":
            days = parse_csv(text, str(path))
            cal_name = name or p.stem
            years = ()
        else:
            raise InputError(
                [diagnostic("calendar/unknown-format", file=str(path), p_suffix=p.suffix)]
            )
        if base is None:
            return cls(cal_name, days, years=years)
        return base._extended(cal_name, days, years)

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
    days = parse_csv(text, f"xzjd/data/{resource}")
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
