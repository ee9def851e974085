# SPDX-License-Identifier: MIT
"""The records of the evaluation core as columns, made into :class:`Status` only when read.

A :class:`Bank` numbers the record templates of one evaluation date: every period of every
:class:`~xzjd.engine.plan.Forms` added (the core adds each obligation's periods owed to no
one; a record sets its recipients) is one template, with its blank fields, its done fields
and its window and deadline as ordinals.
A :class:`Table` holds the records of a run of agencies as columns (the agency, the
template, what the period received) and makes each :class:`Status` from its template when it
is read. Records the core did not make from a template (the exact walk's, see
:mod:`~xzjd.engine.core`) are held as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from xzjd.engine.plan import Forms
from xzjd.engine.records import (
    AGENCY,
    DAYS_LATE,
    FILINGS,
    OUTSTANDING,
    PROVISIONAL_YEARS,
    RECIPIENTS,
    SATISFIED_ON,
    STATE,
    Status,
)
from xzjd.model import State
from xzjd.text.indexes import position, positions

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "BLANK",
    "DONE",
    "EXPLICIT",
    "LATE",
    "MAX_SHARED",
    "PARTIAL",
    "SEVERAL",
    "WAIVED",
    "Bank",
    "Runs",
    "Table",
]

#: What a period received, in :attr:`Table.kind`: nothing (its blank record), one accepted
#: filing by the deadline or after it, one waiving filing; or a record held as it is; or
#: filings from some of its several recipients.
BLANK, DONE, LATE, WAIVED, EXPLICIT, PARTIAL = 0, 1, 2, 3, 4, 5
#: The most recipients a period's list may have for :data:`PARTIAL` (a bit each).
MAX_SHARED = 31
#: Added to a kind: the period received returned filings too (several filings).
SEVERAL = 8

_new = tuple.__new__
_LATE, _WAIVED = State.LATE, State.WAIVED


class Bank:
    """The record templates of one evaluation date, numbered in the order they are added."""

    def __init__(self) -> None:
        self.blank: list[list[object]] = []
        self.done: list[list[object]] = []
        self._opens: list[int] = []
        self._closes: list[int] = []
        #: The deadlines of the templates, as ordinals.
        self.due_days: list[int] = []
        self._provisional_blank: list[bool] = []
        self._provisional_done: list[bool] = []
        self._first: dict[int, int] = {}
        self._kept: list[Forms] = []  # held so that the ids of _first stay theirs
        self._dates: dict[int, dt.date] = {}
        self._parts: dict[tuple[int, int], tuple[tuple[object, ...], tuple[object, ...]]] = {}
        self.opens: NDArray[np.int32] = np.zeros(0, np.int32)
        self.closes: NDArray[np.int32] = np.zeros(0, np.int32)
        self.due: NDArray[np.int32] = np.zeros(0, np.int32)
        self.provisional_blank: NDArray[np.bool_] = np.zeros(0, np.bool_)
        self.provisional_done: NDArray[np.bool_] = np.zeros(0, np.bool_)

    def first(self, forms: Forms, opens: Sequence[dt.date], closes: Sequence[dt.date]) -> int:
        """The number of the first template of *forms* (its periods follow), added once.

        *opens* and *closes* are the windows of the periods of *forms*.
        """
        found = self._first.get(id(forms))
        if found is not None:
            return found
        found = self._first[id(forms)] = self.add(forms.blank, forms.done, opens, closes, forms.due)
        self._kept.append(forms)
        return found

    def add(
        self,
        blank: list[list[object]],
        done: list[list[object]],
        opens: Sequence[dt.date],
        closes: Sequence[dt.date],
        due: Sequence[dt.date],
    ) -> int:
        """Add one template per period (its *blank* and *done* fields, its window and its
        deadline); the number of the first."""
        found = len(self.blank)
        self.blank += blank
        self.done += done
        self._opens += [d.toordinal() for d in opens]
        self._closes += [d.toordinal() for d in closes]
        self.due_days += [d.toordinal() for d in due]
        self._provisional_blank += [bool(f[PROVISIONAL_YEARS]) for f in blank]
        self._provisional_done += [bool(f[PROVISIONAL_YEARS]) for f in done]
        return found

    def freeze(self) -> None:
        """Make the arrays of the templates added so far (:attr:`opens`, ...)."""
        self.opens = np.array(self._opens, np.int32)
        self.closes = np.array(self._closes, np.int32)
        self.due = np.array(self.due_days, np.int32)
        self.provisional_blank = np.array(self._provisional_blank, np.bool_)
        self.provisional_done = np.array(self._provisional_done, np.bool_)

    def blank_parts(
        self, number: int, template: int, recipients: tuple[str, ...]
    ) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """The fields before and after the agency of template *template*'s blank record,
        owed to *recipients* (recipient list *number*); made once per list and template."""
        key = (number, template)
        found = self._parts.get(key)
        if found is None:
            fields = self.blank[template].copy()
            fields[RECIPIENTS] = recipients
            fields[OUTSTANDING] = recipients
            found = self._parts[key] = (tuple(fields[:AGENCY]), tuple(fields[AGENCY + 1 :]))
        return found

    def date(self, ordinal: int) -> dt.date:
        """The date of *ordinal* (made once per evaluation)."""
        found = self._dates.get(ordinal)
        if found is None:
            found = self._dates[ordinal] = dt.date.fromordinal(ordinal)
        return found


class Runs(Sequence[tuple[int, ...]]):
    """Runs of one list of ints: run *i* is ``items[cuts[i]:cuts[i + 1]]``, made a tuple
    when it is read (the filings of the rows of a :class:`Table` that lists them)."""

    __slots__ = ("cuts", "items")

    def __init__(self, items: list[int], cuts: list[int]) -> None:
        self.items = items
        self.cuts = cuts

    def __len__(self) -> int:
        return max(len(self.cuts) - 1, 0)

    @overload
    def __getitem__(self, index: int) -> tuple[int, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, ...] | list[tuple[int, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in positions(index, len(self))]
        index = position(index, len(self), "Runs")
        return tuple(self.items[self.cuts[index] : self.cuts[index + 1]])


class Table(Sequence[Status]):
    """The records of a run of agencies, as columns; a :class:`Status` is made when read.

    Row *i* is the record of agency ``agencies[agency[i]]`` for template ``template[i]`` of
    *bank*, owed to ``recipients[lists[i]]`` (a recipient list of the core's layout).
    ``kind[i]`` says what the period received: nothing (:data:`BLANK`), one accepted
    filing by the deadline or after it (:data:`DONE`, :data:`LATE`: ``day[i]`` is its date
    as an ordinal), one waiving filing (:data:`WAIVED`); ``ref[i]`` is then the filing's
    position (*filing_id* gives its id).
    With :data:`SEVERAL` added, the period received returned filings too, and ``ref[i]``
    indexes ``several``, the positions of its filings in the order they came. A period owed
    to several recipients that some of them received (:data:`PARTIAL`) has its filings at
    ``several[ref[i]]`` and ``day[i]`` holds the recipients that received, a bit for each
    place in its list. Or the record is ``explicit[ref[i]]`` (:data:`EXPLICIT`).
    """

    __slots__ = (
        "agencies",
        "agency",
        "bank",
        "day",
        "explicit",
        "filing_id",
        "filing_ids",
        "kind",
        "lists",
        "recipients",
        "ref",
        "several",
        "template",
    )

    def __init__(
        self,
        bank: Bank,
        agencies: Sequence[str],
        recipients: Sequence[tuple[str, ...]],
        filing_id: Callable[[int], str],
        columns: tuple[NDArray[np.integer[Any]], ...],
        several: Sequence[tuple[int, ...]],
        explicit: list[Status],
        filing_ids: Callable[[NDArray[np.int32]], list[str]] | None = None,
    ) -> None:
        self.bank = bank
        self.filing_ids = filing_ids
        self.agencies = agencies
        self.recipients = recipients
        self.filing_id = filing_id
        self.agency, self.lists, self.template, self.kind, self.ref, self.day = columns
        self.several = several
        self.explicit = explicit

    def __len__(self) -> int:
        return len(self.kind)

    @overload
    def __getitem__(self, index: int) -> Status: ...

    @overload
    def __getitem__(self, index: slice) -> list[Status]: ...

    def __getitem__(self, index: int | slice) -> Status | list[Status]:
        if isinstance(index, slice):
            return [self[i] for i in positions(index, len(self))]
        index = position(index, len(self), "Table")
        return self._records(slice(index, index + 1))[0]

    def __iter__(self) -> Iterator[Status]:
        step = 8192  # made a slice at a time: a bounded list of records in hand
        for start in range(0, len(self), step):
            yield from self._records(slice(start, start + step))

    def provisional(self) -> NDArray[np.bool_]:
        """Whether each row's record rests on a provisional calendar year."""
        bank, kind = self.bank, self.kind
        blank, done = bank.provisional_blank, bank.provisional_done
        if blank.any() or done.any():
            template = self.template.astype(np.intp)
            # A partly received period's record is its blank one with filings.
            as_blank = ((kind & ~SEVERAL) == BLANK) | (kind == PARTIAL)
            out = np.where(as_blank, blank[template], done[template])
        else:
            out = np.zeros(len(kind), np.bool_)  # no template rests on a provisional year
        rows = np.flatnonzero(kind == EXPLICIT)
        if len(rows):
            held = [bool(s.provisional_years) for s in self.explicit]
            out[rows] = np.array(held, np.bool_)[self.ref[rows]]
        return out

    def years(self, rows: NDArray[np.bool_]) -> set[tuple[int, ...]]:
        """The provisional years of the records of *rows*, as the records give them."""
        bank, kind, template = self.bank, self.kind, self.template
        out: set[tuple[int, ...]] = set()
        blank = rows & (((kind & ~SEVERAL) == BLANK) | (kind == PARTIAL))
        made = rows & ~blank & (kind != EXPLICIT)
        for t in np.unique(template[blank]).tolist():
            out.add(bank.blank[t][PROVISIONAL_YEARS])
        for t in np.unique(template[made]).tolist():
            out.add(bank.done[t][PROVISIONAL_YEARS])
        explicit = self.explicit
        for i in np.flatnonzero(rows & (kind == EXPLICIT)).tolist():
            out.add(explicit[int(self.ref[i])].provisional_years)
        out.discard(())
        return out

    def where(self, keep: NDArray[np.bool_]) -> Table:
        """The rows where *keep* holds."""
        columns = (self.agency, self.lists, self.template, self.kind, self.ref, self.day)
        return Table(
            self.bank,
            self.agencies,
            self.recipients,
            self.filing_id,
            tuple(c[keep] for c in columns),
            self.several,
            self.explicit,
            self.filing_ids,
        )

    def in_states(self, states: Collection[State]) -> NDArray[np.bool_]:
        """Whether each row's record is in one of *states* (read from the templates, without
        making the records)."""
        bank, kind, template = self.bank, self.kind, self.template
        base = kind & ~SEVERAL
        # A done template may be read as late or waived: the state of each kind of row.
        late, waived = _LATE in states, _WAIVED in states
        unique, inverse = np.unique(template, return_inverse=True)
        blank = np.array([bank.blank[t][STATE] in states for t in unique.tolist()], np.bool_)
        done = np.array([bank.done[t][STATE] in states for t in unique.tolist()], np.bool_)
        as_blank = (base == BLANK) | (kind == PARTIAL)
        out = np.where(as_blank, blank[inverse], done[inverse])
        out[base == LATE] = late
        out[base == WAIVED] = waived
        rows = np.flatnonzero(kind == EXPLICIT)
        if len(rows):
            explicit = self.explicit
            out[rows] = [explicit[r].state in states for r in self.ref[rows].tolist()]
        return out

    def row_fields(
        self, rows: slice
    ) -> tuple[Iterator[tuple[int, int, int, int, int, int]], Iterator[str]]:
        """The columns of *rows* as Python ints, row by row (agency, list, template, kind,
        ref, day); and the ids of the filings of the rows that have one filing, fetched at
        once, to be taken in row order."""
        kinds, refs = self.kind[rows], self.ref[rows]
        one = refs[(kinds != BLANK) & (kinds < EXPLICIT)]
        fetch = self.filing_ids
        names = iter(fetch(one) if fetch is not None else map(self.filing_id, one.tolist()))
        fields = zip(
            self.agency[rows].tolist(),
            self.lists[rows].tolist(),
            self.template[rows].tolist(),
            kinds.tolist(),
            refs.tolist(),
            self.day[rows].tolist(),
            strict=True,
        )
        return fields, names

    def _records(self, rows: slice) -> list[Status]:
        bank = self.bank
        blank, done, due, date = bank.blank, bank.done, bank.due_days, bank.date
        blank_parts = bank.blank_parts
        agencies, explicit, filing_id = self.agencies, self.explicit, self.filing_id
        recipients, several = self.recipients, self.several
        out: list[Status] = []
        append = out.append
        new = _new
        cells, names = self.row_fields(rows)
        for a, j, t, k, r, d in cells:
            if k == BLANK:
                before, after = blank_parts(j, t, recipients[j])
                append(new(Status, (*before, agencies[a], *after)))
                continue
            if k == EXPLICIT:
                append(explicit[r])
                continue
            if k == PARTIAL:
                owed = recipients[j]
                fields = blank[t].copy()
                fields[AGENCY] = agencies[a]
                fields[RECIPIENTS] = owed
                fields[OUTSTANDING] = tuple(x for i, x in enumerate(owed) if not d >> i & 1)
                fields[FILINGS] = tuple(map(filing_id, several[r]))
                append(new(Status, fields))
                continue
            if k & SEVERAL:
                k &= ~SEVERAL
                filings = tuple(map(filing_id, several[r]))
                if k == BLANK:
                    before, after = blank_parts(j, t, recipients[j])
                    fields = [*before, agencies[a], *after]
                    fields[FILINGS] = filings
                    append(new(Status, fields))
                    continue
            else:
                filings = (next(names),)
            fields = done[t].copy()
            fields[AGENCY] = agencies[a]
            fields[RECIPIENTS] = recipients[j]
            fields[FILINGS] = filings
            if k == WAIVED:
                fields[STATE] = _WAIVED
            else:
                fields[SATISFIED_ON] = date(d)
                if k == LATE:
                    fields[STATE] = _LATE
                    fields[DAYS_LATE] = d - due[t]
            append(new(Status, fields))
        return out
