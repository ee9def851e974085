# SPDX-License-Identifier: MIT
"""What an evaluation gives: :class:`Status` records, :class:`Statuses` with the run's
warnings, :class:`ProvisionalYearError` for strict runs, and the ``Progress`` callback."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeAlias, overload

from xzjd.errors import CalendarError, Diagnostic
from xzjd.model import State, Step
from xzjd.text.indexes import position, positions, same_items


class Status(NamedTuple):
    """The state of one period of one agency's obligation on the evaluation date.

    An immutable named tuple: cheap to make by the million. ``to_json()`` gives the record of
    language.md section 6 with the keys added since (docs/evaluation.md); ``outstanding`` and
    ``provisional_years`` are not part of it (a provisional record adds
    ``"provisional": true``).
    ``outstanding`` holds the recipients that have not yet received an accepted filing for
    the period, in the order of ``recipients``; it is empty once the period is done, late or
    waived. ``provisional_years`` names the provisional calendar years (years without a State
    Council notice in the calendar data, see docs/calendar.md) whose days the record's dates
    or state were computed from; ``provisional`` says whether there is any.
    ``deliverable`` is what the obligation files (``None``: a duty filed with no one, such as
    publishing). ``satisfied_on`` is the day the filing that completed a done or late period
    was made (the last recipient's first accepted filing); ``days_late`` the calendar days
    from ``due`` to ``satisfied_on`` for a late period. Both are ``None`` otherwise.
    """

    agency: str
    obligation: str
    period: str
    opens: dt.date
    nominal_due: dt.date
    due: dt.date
    state: State
    days_overdue: int | None
    step: Step | None
    recipients: tuple[str, ...]
    filings: tuple[str, ...]
    source: str | None
    title: str | None = None
    outstanding: tuple[str, ...] = ()
    provisional_years: tuple[int, ...] = ()
    deliverable: str | None = None
    satisfied_on: dt.date | None = None
    days_late: int | None = None

    @property
    def provisional(self) -> bool:
        """Whether a date or the state of this record rests on a provisional calendar year."""
        return bool(self.provisional_years)

    def to_json(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The JSON record: the keys of language.md section 6, in that order, then those
        added since: ``agency_name``, ``title``, ``deliverable``, ``recipient_names``,
        ``satisfied_on``, ``days_late``.

        *names* maps agency ids to names (the agencies file's ``name`` column): without it,
        or for an id it does not hold, ``agency_name`` is null and a recipient's name is its
        id. A record computed from a provisional calendar year ends with
        ``"provisional": true``; every other record has exactly the keys above.
        """
        record = {
            "agency": self.agency,
            "obligation": self.obligation,
            "period": self.period,
            "opens": self.opens.isoformat(),
            "nominal_due": self.nominal_due.isoformat(),
            "due": self.due.isoformat(),
            "state": self.state.value,
            "days_overdue": self.days_overdue,
            "step": None if self.step is None else self.step.value,
            "recipients": list(self.recipients),
            "filings": list(self.filings),
            "source": self.source,
            "agency_name": None if names is None else names.get(self.agency),
            "title": self.title,
            "deliverable": self.deliverable,
            "recipient_names": [r if names is None else names.get(r, r) for r in self.recipients],
            "satisfied_on": None if self.satisfied_on is None else self.satisfied_on.isoformat(),
            "days_late": self.days_late,
        }
        if self.provisional_years:
            record["provisional"] = True
        return record


#: The position of each field in a :class:`Status`, by name: the engine copies a record made
#: once by keyword (a template) and sets the fields that differ by these positions.
FIELD_AT: dict[str, int] = {name: i for i, name in enumerate(Status._fields)}
AGENCY = FIELD_AT["agency"]
OBLIGATION = FIELD_AT["obligation"]
PERIOD = FIELD_AT["period"]
OPENS = FIELD_AT["opens"]
NOMINAL_DUE = FIELD_AT["nominal_due"]
DUE = FIELD_AT["due"]
STATE = FIELD_AT["state"]
DAYS_OVERDUE = FIELD_AT["days_overdue"]
STEP = FIELD_AT["step"]
RECIPIENTS = FIELD_AT["recipients"]
FILINGS = FIELD_AT["filings"]
SOURCE = FIELD_AT["source"]
TITLE = FIELD_AT["title"]
OUTSTANDING = FIELD_AT["outstanding"]
PROVISIONAL_YEARS = FIELD_AT["provisional_years"]
DELIVERABLE = FIELD_AT["deliverable"]
SATISFIED_ON = FIELD_AT["satisfied_on"]
DAYS_LATE = FIELD_AT["days_late"]


class Statuses(Sequence[Status]):
    """The result of :func:`evaluate`: a sequence of :class:`Status`, plus ``warnings``.

    It behaves as the list of records it stands for (``len``, indexing, slices, iteration,
    ``==`` with a list or tuple of :class:`Status`, ``+`` and ``+=``), but holds them as
    parts: lists of records, or the columns of the evaluation core
    (:class:`~xzjd.engine.table.Table`), whose records are made only when read. A slice is a
    plain list; a pickled :class:`Statuses` is its records and warnings.
    """

    __slots__ = ("_ends", "_parts", "warnings")

    def __init__(self, items: Iterable[Status] = ()) -> None:
        self._parts: list[Sequence[Status]] = []
        self._ends: list[int] = []
        self.warnings: tuple[Diagnostic, ...] = ()
        if isinstance(items, Statuses):
            self._parts = items._parts.copy()
            self._ends = items._ends.copy()
        else:
            self.extend(items)

    @classmethod
    def of_parts(cls, parts: Iterable[Sequence[Status]]) -> Statuses:
        """The records of *parts*, in order (each part kept as it is, not copied)."""
        out = cls()
        for part in parts:
            out.add_part(part)
        return out

    def add_part(self, part: Sequence[Status]) -> None:
        """Append the records of *part* (kept as it is)."""
        n = len(part)
        if n:
            self._parts.append(part)
            self._ends.append(n + (self._ends[-1] if self._ends else 0))

    def extend(self, items: Iterable[Status]) -> None:
        """Append *items*."""
        if isinstance(items, Statuses):
            for part in items._parts:
                self.add_part(part)
        else:
            self.add_part(list(items))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Status: ...

    @overload
    def __getitem__(self, index: slice) -> list[Status]: ...

    def __getitem__(self, index: int | slice) -> Status | list[Status]:
        if isinstance(index, slice):
            return [self[i] for i in positions(index, len(self))]
        index = position(index, len(self), "Statuses")
        at = bisect_right(self._ends, index)
        return self._parts[at][index - (self._ends[at - 1] if at else 0)]

    def __iter__(self) -> Iterator[Status]:
        for part in self._parts:
            yield from part

    def __eq__(self, other: object) -> bool:
        return same_items(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: Iterable[Status]) -> Statuses:
        out = Statuses(self)
        out.warnings = self.warnings
        out.extend(other)
        return out

    def __radd__(self, other: Iterable[Status]) -> Statuses:
        out = Statuses(other)
        out.extend(self)
        return out

    def __iadd__(self, other: Iterable[Status]) -> Statuses:
        self.extend(other)
        return self

    def __repr__(self) -> str:
        return f"Statuses({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (list(self), self.warnings))


def _rebuilt(items: list[Status], warnings: tuple[Diagnostic, ...]) -> Statuses:
    out = Statuses(items)
    out.warnings = warnings
    return out


class ProvisionalYearError(CalendarError):
    """Strict evaluation met periods that need a year without a State Council notice.

    Raised by :func:`evaluate`, :meth:`Evaluator.on` and (once exhausted) a
    :class:`StatusStream` made with ``provisional=False``. The evaluation ran: ``statuses``
    holds every record that needs no provisional year, with the run's warnings;
    ``withheld`` the records that do; ``diagnostics`` one error for each withheld record,
    naming the agency, the obligation, the period and the years.
    """

    def __init__(
        self,
        statuses: Statuses,
        withheld: Sequence[Status],
        diagnostics: Sequence[Diagnostic],
        *,
        calendar: str,
        years: Sequence[int] = (),
    ) -> None:
        years = sorted({y for s in withheld for y in s.provisional_years} | set(years))
        n = max(len(withheld), 1)
        super().__init__(
            f"{n} period{'s' if n != 1 else ''} need{'s' if n == 1 else ''} "
            f"{', '.join(map(str, years))}, for which calendar '{calendar}' has no "
            "State Council notice",
            calendar=calendar,
            year=years[0] if years else None,
        )
        self.statuses = statuses
        self.withheld = tuple(withheld)
        self.diagnostics = tuple(diagnostics)


#: Called as ``progress(agencies_done, agencies_total)`` after each agency is evaluated.
Progress: TypeAlias = Callable[[int, int], None]
