# SPDX-License-Identifier: MIT
"""The cases of a file as columns, each :class:`~xzjd.facts.case_records.Case` made on access.

:func:`xzjd.read_cases` gives a :class:`CaseList` for a CSV file: a sequence of cases
(length, index, slice, iteration, equality with a tuple or list of cases) that holds the
cases as numpy columns (:class:`~xzjd.facts.case_columns.CaseColumns`, its ``columns``, what
the columnar case core reads, so the evaluation encodes nothing), the case ids as one text
(:class:`~xzjd.facts.column_reading.Ids`), and per row its note and line. A case is built
when it is asked for, equal to the one a row-by-row reading made, with the line and origin
of each row for diagnostics.

:class:`CaseColumnsBuilder` gathers the columns as the reader goes: a block of good rows at
once (the reader's fast path), or cases the row path made, one by one; the codes of the
texts are given in the order the texts are first seen, as
:func:`~xzjd.facts.case_columns.case_columns_of` gives them, so the columns are the same
whichever path read a case.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from xzjd.facts.case_columns import CaseColumns
from xzjd.facts.case_records import Case, CaseRow
from xzjd.facts.column_reading import Ids
from xzjd.facts.column_rows import ColumnRows
from xzjd.facts.rows import Origin
from xzjd.text.indexes import position, positions

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["CaseColumnsBuilder", "CaseList"]


class CaseList(ColumnRows[Case]):
    """Cases in file order, held as columns; ``cases[i]`` builds case *i*.

    Attributes:
        columns: the cases as numpy columns (:class:`~xzjd.facts.case_columns.CaseColumns`).
        ids: the case ids, a sequence of strings.
        origin: the file the cases were read from.
    """

    __slots__ = ("_heads", "_notes", "columns", "ids", "line", "note", "origin")

    batch = 2048
    noun = "cases"

    def __init__(
        self,
        columns: CaseColumns,
        ids: Ids,
        note: NDArray[np.int32],
        notes: tuple[str | None, ...],
        line: NDArray[np.int32],
        origin: Origin | None,
    ) -> None:
        self.columns = columns
        self.ids = ids
        self.note = note  # per row: an index into notes (one of which may be None)
        self._notes = notes
        self.line = line  # per row
        self.origin = origin
        self._heads: tuple[list[str], list[str], list[str]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Case: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Case, ...]: ...

    def __getitem__(self, index: int | slice) -> Case | tuple[Case, ...]:
        n = len(self)
        if isinstance(index, slice):
            taken = positions(index, n)
            if taken.step == 1:
                return tuple(self._made(taken.start, max(taken.start, taken.stop)))
            return tuple(self._one(i) for i in taken)
        return self._one(position(index, n, "case"))

    def head(self, i: int) -> tuple[str, str, str]:
        """The id, agency and obligation of case *i* (in range), without its rows.

        The first call makes them lists (some 80 bytes a case), for a caller that asks for
        every case's, as the records of an evaluation do.
        """
        heads = self._heads
        if heads is None:
            c = self.columns
            heads = self._heads = (
                self.ids.between(0, len(self)),
                list(map(c.agencies.__getitem__, c.agency.tolist())),
                list(map(c.obligations.__getitem__, c.obligation.tolist())),
            )
        ids, agencies, obligations = heads
        return ids[i], agencies[i], obligations[i]

    def _one(self, i: int) -> Case:
        """Case *i* (in range), made from the columns (a case alone: few numpy calls)."""
        c = self.columns
        lo, hi = c.offsets[i : i + 2].tolist()
        ident = self.ids[i]
        agency = c.agencies[c.agency[i]]
        obligation = c.obligations[c.obligation[i]]
        events, notes, origin, day = c.events, self._notes, self.origin, dt.date.fromordinal
        rows = tuple(
            [
                tuple.__new__(
                    CaseRow,
                    (ident, agency, obligation, events[e], day(d), notes[k], line, origin, None),
                )
                for e, d, k, line in zip(
                    c.event[lo:hi].tolist(),
                    c.date[lo:hi].tolist(),
                    self.note[lo:hi].tolist(),
                    self.line[lo:hi].tolist(),
                    strict=True,
                )
            ]
        )
        return tuple.__new__(Case, (ident, agency, obligation, rows))

    def taken(self, positions: Sequence[int]) -> Iterator[Case]:
        """The cases at *positions* (in range), made a batch at a time."""
        for at in range(0, len(positions), self.batch):
            chosen = np.asarray(positions[at : at + self.batch], dtype=np.int64)
            starts, ends = self.ids.starts[chosen].tolist(), self.ids.ends[chosen].tolist()
            text = self.ids.text
            ids = [text[a:b] for a, b in zip(starts, ends, strict=True)]
            offsets = self.columns.offsets
            first, lengths = offsets[chosen], offsets[chosen + 1] - offsets[chosen]
            ends_at = np.cumsum(lengths)
            rows = np.arange(int(ends_at[-1])) - np.repeat(ends_at - lengths - first, lengths)
            yield from self._assembled(chosen, ids, lengths, rows)

    def _made(self, start: int, stop: int) -> list[Case]:
        """Cases ``start:stop`` (in range), made from the columns."""
        if start >= stop:
            return []
        offsets = self.columns.offsets[start : stop + 1]
        rows = slice(int(offsets[0]), int(offsets[-1]))
        ids = self.ids.between(start, stop)
        return self._assembled(slice(start, stop), ids, np.diff(offsets), rows)

    def _assembled(
        self,
        cases: slice | NDArray[np.int64],
        ids: list[str],
        lengths: NDArray[np.int64],
        rows: slice | NDArray[np.int64],
    ) -> list[Case]:
        """The cases at *cases* of the columns, of *ids*, their rows at *rows*."""
        c = self.columns
        agencies = list(map(c.agencies.__getitem__, c.agency[cases].tolist()))
        obligations = list(map(c.obligations.__getitem__, c.obligation[cases].tolist()))
        counts = lengths.tolist()
        count = sum(counts)
        bounds = [0, *itertools.accumulate(counts)]
        repeat = itertools.repeat
        made = tuple(
            map(
                tuple.__new__,
                repeat(CaseRow, count),
                zip(
                    _spread(ids, counts),
                    _spread(agencies, counts),
                    _spread(obligations, counts),
                    map(c.events.__getitem__, c.event[rows].tolist()),
                    map(dt.date.fromordinal, c.date[rows].tolist()),
                    map(self._notes.__getitem__, self.note[rows].tolist()),
                    self.line[rows].tolist(),
                    repeat(self.origin, count),
                    repeat(None, count),
                    strict=True,
                ),
            )
        )
        return list(
            map(
                tuple.__new__,
                repeat(Case, len(ids)),
                zip(
                    ids,
                    agencies,
                    obligations,
                    map(made.__getitem__, map(slice, bounds[:-1], bounds[1:])),
                    strict=True,
                ),
            )
        )


def _spread(values: list[Any], lengths: list[int]) -> Iterator[Any]:
    """Each of *values* as many times as its length says."""
    return itertools.chain.from_iterable(map(itertools.repeat, values, lengths))


class CaseColumnsBuilder:
    """The columns of the cases of one reading, gathered in file order (module docstring).

    Rows come in file order, a block of them at once (:meth:`block`) or one by one
    (:meth:`row`), and each case is told where it begins (with the block, or
    :meth:`start`). Values go into Python lists of codes (shared small objects) and are made
    arrays every :data:`_FLUSH` rows, so the lists stay small whatever the size of the file.
    """

    def __init__(self) -> None:
        self.origin: Origin | None = None  # the file, once the reader takes the builder
        # Codes of the distinct values, in the order they are first seen.
        self.agencies: dict[str, int] = {}
        self.obligations: dict[str, int] = {}
        self.events: dict[str, int] = {}
        self.notes: dict[str | None, int] = {}
        self.ordinals: dict[str, int] = {}  # a date cell's text: its ordinal
        self.note_cells: dict[str, int] = {}  # a note cell's text: the code of its note
        self.rows = 0  # rows so far
        # Not yet arrays: per case its id, agency, obligation and first row; per row its
        # event, date, note (and line, of rows read one by one).
        self.ids: list[str] = []
        self.case_codes: tuple[list[int], list[int], list[int]] = ([], [], [])
        self.row_codes: tuple[list[int], list[int], list[int]] = ([], [], [])
        self.lines: list[int] = []
        # Arrays, in file order.
        self.id_texts: list[str] = []
        self.id_lengths: list[NDArray[np.int64]] = []
        self.case_chunks: list[NDArray[np.int64]] = []  # agency, obligation, first row
        self.row_chunks: list[NDArray[np.int32]] = []  # event, date, note
        self.line: list[NDArray[np.int32]] = []

    def block(
        self,
        columns: Sequence[tuple[str, ...]],
        starts: list[int],
        dates: list[dt.date],
        note_of: Mapping[str, str | None],
        first_line: int,
    ) -> None:
        """Rows of good raw cells (the reader's fast path), lines *first_line* on: *columns*
        are their case, agency, obligation, event, date and note cells (the last ``()`` when
        the file has no notes); a case begins at each of *starts*; *dates* is the value of
        each date cell, *note_of* the value of each note cell's text."""
        case_col, agency_col, obligation_col, event_col, date_col, note_col = columns
        n = len(event_col)
        agency, obligation, start = self.case_codes
        if starts:
            self.ids.extend(map(case_col.__getitem__, starts))
            agency.extend(_coded(self.agencies, list(map(agency_col.__getitem__, starts))))
            obligation.extend(
                _coded(self.obligations, list(map(obligation_col.__getitem__, starts)))
            )
            start.extend(map(operator.add, starts, itertools.repeat(self.rows)))
        event, date, note = self.row_codes
        event.extend(_coded(self.events, event_col))
        try:
            date.extend(list(map(self.ordinals.__getitem__, date_col)))  # whole, or nothing
        except KeyError:
            for cell, value in zip(date_col, dates, strict=True):
                if cell not in self.ordinals:
                    self.ordinals[cell] = value.toordinal()
            date.extend(map(self.ordinals.__getitem__, date_col))
        if note_col:
            try:
                note.extend(list(map(self.note_cells.__getitem__, note_col)))
            except KeyError:
                for cell in dict.fromkeys(note_col):
                    if cell not in self.note_cells:
                        self.note_cells[cell] = _code(self.notes, note_of[cell])
                note.extend(map(self.note_cells.__getitem__, note_col))
        else:
            note.extend(itertools.repeat(_code(self.notes, None), n))
        self._lines()
        self.line.append(np.arange(first_line, first_line + n, dtype=np.int32))
        self.rows += n
        if len(event) >= _FLUSH:
            self._flush()

    def start(self, ident: str, agency: str, obligation: str) -> None:
        """A case read by the row path begins with the next row."""
        self.ids.append(ident)
        agencies, obligations, start = self.case_codes
        agencies.append(_code(self.agencies, agency))
        obligations.append(_code(self.obligations, obligation))
        start.append(self.rows)

    def row(self, event: str, date: dt.date, note: str | None, line: int) -> None:
        """A row read by the row path."""
        events, dates, notes = self.row_codes
        events.append(_code(self.events, event))
        dates.append(date.toordinal())
        notes.append(_code(self.notes, note))
        self.lines.append(line)
        self.rows += 1
        if len(events) >= _FLUSH:
            self._flush()

    def _lines(self) -> None:
        if self.lines:
            self.line.append(np.array(self.lines, dtype=np.int32))
            self.lines = []

    def _flush(self) -> None:
        """The lists made arrays."""
        ids = self.ids
        if ids:
            self.id_texts.append("\n".join(ids))
            self.id_lengths.append(np.fromiter(map(len, ids), np.int64, len(ids)))
            self.case_chunks.append(_array(self.case_codes, np.int64))
            self.ids = []
            self.case_codes = ([], [], [])
        if self.row_codes[0]:
            self.row_chunks.append(_array(self.row_codes, np.int32))
            self.row_codes = ([], [], [])
        self._lines()

    def finish(self) -> CaseList:
        """The cases gathered."""
        self._flush()
        per_case = _concat(self.case_chunks, np.int64, 3)
        per_row = _concat(self.row_chunks, np.int32, 3)
        offsets = np.empty(per_case.shape[1] + 1, dtype=np.int64)
        offsets[:-1] = per_case[2]
        offsets[-1] = self.rows
        columns = CaseColumns(
            agency=per_case[0].astype(np.int32),
            agencies=tuple(self.agencies),
            obligation=per_case[1].astype(np.int32),
            obligations=tuple(self.obligations),
            offsets=offsets,
            event=np.ascontiguousarray(per_row[0]),
            events=tuple(self.events),
            date=np.ascontiguousarray(per_row[1]),
        )
        ids = Ids.joined("\n".join(self.id_texts), _concat(self.id_lengths, np.int64, 0))
        self.id_texts = []
        note = np.ascontiguousarray(per_row[2])
        line = _concat(self.line, np.int32, 0)
        return CaseList(columns, ids, note, tuple(self.notes), line, self.origin)


#: Rows gathered in lists before they are made arrays.
_FLUSH = 1 << 16


def _code(codes: dict[Any, int], value: Any) -> int:
    """The code of *value* in *codes*, the next one if it is new."""
    found = codes.get(value)
    if found is None:
        found = codes[value] = len(codes)
    return found


def _coded(codes: dict[Any, int], values: Sequence[Any]) -> list[int]:
    """The codes of *values* in *codes*, new values given the next codes in the order they
    are first seen."""
    try:
        return list(map(codes.__getitem__, values))
    except KeyError:
        for value in values:
            if value not in codes:
                codes[value] = len(codes)
        return list(map(codes.__getitem__, values))


def _array(lists: tuple[list[int], ...], dtype: Any) -> NDArray[Any]:
    """Lists of integers of one length as the rows of an array."""
    out = np.empty((len(lists), len(lists[0])), dtype)
    for row, values in zip(out, lists, strict=True):
        row[:] = np.fromiter(values, dtype, len(values))
    return out


def _concat(arrays: list[NDArray[Any]], dtype: Any, rows: int) -> NDArray[Any]:
    """The arrays end to end along their last axis (empty: *rows* rows of none; 0: one
    dimension)."""
    if not arrays:
        return np.zeros((rows, 0) if rows else 0, dtype)
    out = arrays[0] if len(arrays) == 1 else np.concatenate(arrays, axis=-1)
    arrays.clear()
    return out
