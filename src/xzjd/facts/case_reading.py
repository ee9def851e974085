# SPDX-License-Identifier: MIT
"""The reading of a case events file behind :func:`xzjd.facts.cases.read_cases`.

:func:`scan` reads the rows and checks them, giving each case when its rows end. A block of
ordinary CSV lines is read at once, a column at a time; any other block, and JSON, a row at
a time through the row checks shared with the other readers (:mod:`xzjd.facts.cells`), so
that a good file of millions of rows is read fast and a bad one gets the same diagnostics.
Given a :class:`~xzjd.facts.case_table.CaseColumnsBuilder`, the rows of a CSV file go into
it as columns (both paths, in file order) and no case or row object is made.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import lt, ne

from xzjd.errors import Diagnostic, Span
from xzjd.facts.case_checks import CACHE_LIMIT as _CACHE_LIMIT
from xzjd.facts.case_checks import back as _back
from xzjd.facts.case_checks import learnt as _learnt
from xzjd.facts.case_checks import mismatch as _mismatch
from xzjd.facts.case_checks import plain_id as _plain_id
from xzjd.facts.case_checks import row_cells as _row_cells
from xzjd.facts.case_checks import split as _split
from xzjd.facts.case_records import Case, CaseRow
from xzjd.facts.case_table import CaseColumnsBuilder
from xzjd.facts.cells import ID, iso_date
from xzjd.facts.files import Source
from xzjd.facts.rows import Origin, Row
from xzjd.facts.table_reader import csv_row, open_table

__all__ = ["scan"]

_REQUIRED = ("case", "agency", "obligation", "event", "date")
_OPTIONAL = ("note",)
#: Lines read at once by the fast path: enough for its loops to pay, few enough that the
#: memory they take is used again at once (a block of tens of thousands is slower).
_PIECE = 512


def _new_row(
    case: str,
    agency: str,
    obligation: str,
    event: str,
    date: dt.date,
    note: str | None,
    line: int,
    origin: Origin,
    json_spans: Mapping[str, Span] | None,
) -> CaseRow:
    """A :class:`CaseRow` from its values in order."""
    values = (case, agency, obligation, event, date, note, line, origin, json_spans)
    return tuple.__new__(CaseRow, values)


def _new_case(ident: str, agency: str, obligation: str, rows: Sequence[CaseRow]) -> Case:
    """A :class:`Case` from its values in order."""
    return tuple.__new__(Case, (ident, agency, obligation, tuple(rows)))


def scan(
    source: Source,
    diags: list[Diagnostic],
    *,
    build: bool,
    encoding: str | None = None,
    sheet: str | None = None,
    sink: CaseColumnsBuilder | None = None,
) -> Iterator[Case | None]:
    """Read and check the rows, giving each case when it ends (``None`` when not *build*).

    With a *sink*, the cases of a CSV file go into it as columns instead (nothing is given;
    ``sink.origin`` is then set); those of a JSON file or a workbook are given as ever.
    """
    table = open_table(
        source,
        required=_REQUIRED,
        optional=_OPTIONAL,
        what="cases",
        encoding=encoding,
        sheet=sheet,
        diags=diags,
    )
    reading = _Reading(table.origin, diags, build)
    reading.header_line = table.header_line
    if table.rows is not None:
        reading.ordered = False  # the rows are all in memory anyway
    elif isinstance(source, (str, os.PathLike)):
        reading.path = os.fspath(source)
    if table.rows is None and sink is not None and build:
        reading.sink = sink
        sink.origin = table.origin
    done = reading.done
    if table.rows is not None:
        for row in table.rows:
            reading.add(row)
            if done:
                yield from done
                done.clear()
    else:
        line = table.header_line + 1
        for block in table.blocks:
            reading.block(block, line)
            line += len(block)
            yield from done
            done.clear()
    reading.end_case()
    yield from done


class _Reading:
    """The state of one reading: the case being read, what was learnt, the cases ended.

    A block of CSV lines is read at once when it is of the usual kind (every line the
    header's number of cells, no quotes, no spaces around a cell, ids and dates good, the
    rows of each case together, in date order, of one agency and obligation): a split per
    line, then a pass over each column by the interpreter's own loops. Any other block, and
    every JSON row, is read a row at a time through the row checks shared with the other
    readers, which add the diagnostics; so a good file of millions of rows is read fast, and
    a bad one gives the same diagnostics as a row-by-row reading.
    """

    def __init__(self, origin: Origin, diags: list[Diagnostic], build: bool) -> None:
        self.origin = origin
        self.diags = diags
        self.build = build
        columns = origin.columns
        self.width = len(columns)
        self.at = [columns.index(name) for name in _REQUIRED] if columns else []
        self.at_note = columns.index("note") if "note" in columns else -1
        self.names: dict[str, str] = {}  # agency, obligation and event texts, checked
        self.dates: dict[str, dt.date] = {}
        self.notes: dict[str, str] = {}
        # To find a case whose rows are not together: while the case ids come in ascending
        # order (a file sorted by case), a new id is one never seen and nothing is kept;
        # from the first id out of order on, the last line of every case that ended
        # (found for the lines before by reading them again, see _unordered).
        self.ordered = True
        self.last_id = ""  # the greatest case id so far, while ordered
        self.ended: dict[str, int] = {}
        self.header_line = 1
        self.path: str | None = None  # the file, to read its lines again
        self.done: list[Case | None] = []  # cases ended, not yet given
        self.current: str | None = None  # the case being read
        self.agency = self.obligation = ""
        self.first_line = self.last_line = 0
        self.last_date = dt.date.min
        self.rows: list[CaseRow] = []
        self.sink: CaseColumnsBuilder | None = None  # where cases go as columns

    # ------------------------------------------------------------------ a row at a time

    def block(self, lines: list[str], first: int) -> None:
        """Read the CSV *lines*, the first of which is line *first*."""
        origin, diags = self.origin, self.diags
        for at in range(0, len(lines), _PIECE):
            piece = lines[at : at + _PIECE]
            if self._fast_block(piece, first + at):
                continue
            for line, text in enumerate(piece, first + at):
                row = csv_row(origin, line, text, diags)
                if row is not None:
                    self.add(row)

    def add(self, row: Row) -> None:
        """Read one row (a CSV line made a row, or a JSON object)."""
        diags = self.diags
        checked = _row_cells(row, diags, self.names, self.dates, self.notes)
        if checked is None:
            return
        case, agency, obligation, event, date, note = checked
        line = row.line
        if case != self.current:
            self.end_case()
            self.current, self.agency, self.obligation = case, agency, obligation
            self.first_line = line
            if self.ordered:
                if case > self.last_id:
                    self.last_id = case
                else:
                    self._unordered(line)
            earlier = self.ended.get(case)
            if earlier is not None:
                diags.append(_split(row, case, earlier))
        else:
            if agency != self.agency:
                diags.append(_mismatch(row, case, "agency", agency, self.agency, self.first_line))
            if obligation != self.obligation:
                diags.append(
                    _mismatch(row, case, "obligation", obligation, self.obligation, self.first_line)
                )
            if date < self.last_date:
                diags.append(_back(row, case, date, self.last_date, self.last_line))
            case = self.current
        self.last_date = date
        self.last_line = line
        if self.build and not diags:
            if self.sink is not None:
                if line == self.first_line:
                    self.sink.start(case, agency, obligation)
                self.sink.row(event, date, note, line)
                return
            self.rows.append(
                _new_row(
                    case, agency, obligation, event, date, note, line, self.origin, row.json_spans
                )
            )

    def end_case(self) -> None:
        """The rows of the current case ended: keep it to be given, remember where it ended."""
        if self.current is None:
            return
        if not self.build:
            self.done.append(None)
        elif not self.diags and self.sink is None:
            self.done.append(_new_case(self.current, self.agency, self.obligation, self.rows))
        if not self.ordered:
            self.ended[self.current] = self.last_line
        self.current = None
        self.rows = []

    def _unordered(self, line: int) -> None:
        """A case id out of ascending order on *line*: from now on keep where cases ended,
        and find it for the cases before by reading the lines before *line* again."""
        again = _Reading(self.origin, [], build=False)
        again.ordered = False
        first = self.header_line + 1
        blocks: Iterator[list[str]]
        if self.path is not None:
            table = open_table(
                self.path,
                required=_REQUIRED,
                optional=_OPTIONAL,
                what="cases",
                encoding=self.origin.encoding,
            )
            blocks, first = table.blocks, table.header_line + 1
        else:  # the text is in memory
            found = map(self.origin.line_text, range(first, line))
            blocks = iter([[text or "" for text in found]])
        for block in blocks:
            if first + len(block) >= line:
                again.block(block[: line - first], first)
                break
            again.block(block, first)
            first += len(block)
        again.end_case()
        self.ended = again.ended
        self.ordered = False

    # ------------------------------------------------------------------ a block at a time

    def _fast_block(self, lines: list[str], first: int) -> bool:
        """Read a block of the usual kind at once; ``False``, having changed nothing, if not."""
        count = len(lines)
        if not count:
            return True
        if not self.at:
            return False
        width = self.width
        if set(map(str.count, lines, itertools.repeat(","))) != {width - 1}:
            return False
        cells = ",".join(lines).split(",")  # one split in C; a column is every width-th
        columns = [tuple(cells[at::width]) for at in range(width)]
        at_case, at_agency, at_obligation, at_event, at_date = self.at
        case_col = columns[at_case]
        agency_col = columns[at_agency]
        obligation_col = columns[at_obligation]
        event_col = columns[at_event]
        date_col = columns[at_date]

        # Texts not seen before: good ones are learnt, a bad one sends the block row by row.
        names = _learnt(
            self.names, set(agency_col) | set(obligation_col) | set(event_col), _plain_id
        )
        dates = _learnt(self.dates, set(date_col), iso_date)
        note_of: dict[str, str | None] = {}
        if self.at_note >= 0:
            note_col = columns[self.at_note]
            for text in set(note_col):
                if '"' in text:
                    return False
                note = text.strip() or None
                note_of[text] = None if note is None else self.notes.get(note, note)
        if names is None or dates is None:
            return False

        # Where each case starts; its id good, not seen before (its rows together).
        starts = [0, *itertools.compress(range(1, count), map(ne, case_col[1:], case_col[:-1]))]
        goes_on = case_col[0] == self.current
        ids: list[str] = list(map(case_col.__getitem__, starts))
        new_ids = ids[1:] if goes_on else ids
        id_set = set(new_ids)
        if (
            len(id_set) != len(new_ids)
            or self.current in id_set
            or (
                not all(map(lt, [self.last_id, *new_ids[:-1]], new_ids))
                if self.ordered
                else any(map(self.ended.__contains__, id_set))
            )
            or not all(map(ID.fullmatch, new_ids))
        ):
            return False
        # Within a case: one agency, one obligation, dates never going back.
        date_vals = list(map(dates.__getitem__, date_col))
        start_set = set(starts)
        for col in (agency_col, obligation_col):
            if not start_set.issuperset(
                itertools.compress(range(1, count), map(ne, col[1:], col[:-1]))
            ):
                return False
        if not start_set.issuperset(
            itertools.compress(range(1, count), map(lt, date_vals[1:], date_vals[:-1]))
        ):
            return False
        if goes_on and (
            agency_col[0] != self.agency
            or obligation_col[0] != self.obligation
            or date_vals[0] < self.last_date
        ):
            return False

        # The block is good.
        self._remember(names, dates, note_of)
        if not goes_on:
            self.end_case()  # the case of the block before ended with it
        ends = [*starts[1:], count]
        if self.build and not self.diags:
            build = self._build if self.sink is None else self._columns
            ids = build(columns, names, date_vals, note_of, first, starts, ends)
        elif not self.build:
            self.done.extend([None] * (len(starts) - 1))
        if self.ordered:
            self.last_id = max(self.last_id, ids[-1])
        else:
            ends_at = [first - 1 + end for end in ends[:-1]]
            self.ended.update(zip(ids[:-1], ends_at, strict=True))
        if len(starts) > 1 or not goes_on:
            self.current = ids[-1]
            self.agency = names[agency_col[starts[-1]]]
            self.obligation = names[obligation_col[starts[-1]]]
            self.first_line = first + starts[-1]
        self.last_line = first + count - 1
        self.last_date = date_vals[-1]
        return True

    def _build(
        self,
        columns: list[tuple[str, ...]],
        names: Mapping[str, str],
        date_vals: list[dt.date],
        note_of: Mapping[str, str | None],
        first: int,
        starts: list[int],
        ends: list[int],
    ) -> list[str]:
        """Make the rows of a good block and the cases whose rows end in it; the case ids."""
        at_case, at_agency, at_obligation, at_event, _ = self.at
        count = len(date_vals)
        case_col = columns[at_case]
        shared = {} if self.current is None else {self.current: self.current}
        case_vals = list(map(shared.setdefault, case_col, case_col))  # one id text a case
        lookup = names.__getitem__
        notes: Iterable[str | None] = (
            map(note_of.__getitem__, columns[self.at_note])
            if self.at_note >= 0
            else itertools.repeat(None, count)
        )
        rows: tuple[CaseRow, ...] = tuple(
            map(
                tuple.__new__,
                itertools.repeat(CaseRow, count),
                zip(
                    case_vals,
                    map(lookup, columns[at_agency]),
                    map(lookup, columns[at_obligation]),
                    map(lookup, columns[at_event]),
                    date_vals,
                    notes,
                    range(first, first + count),
                    itertools.repeat(self.origin, count),
                    itertools.repeat(None, count),
                    strict=True,
                ),
            )
        )
        pieces = list(map(rows.__getitem__, map(slice, starts, ends)))
        if self.current is not None:  # the case goes on from the block before
            pieces[0] = (*self.rows, *pieces[0])
        ids = list(map(case_vals.__getitem__, starts))
        firsts = starts[:-1]
        self.done.extend(
            map(
                tuple.__new__,
                itertools.repeat(Case, len(firsts)),
                zip(
                    ids[:-1],
                    map(lookup, map(columns[at_agency].__getitem__, firsts)),
                    map(lookup, map(columns[at_obligation].__getitem__, firsts)),
                    pieces[:-1],
                    strict=True,
                ),
            )
        )
        self.rows = list(pieces[-1])
        return ids

    def _columns(
        self,
        columns: list[tuple[str, ...]],
        names: Mapping[str, str],
        date_vals: list[dt.date],
        note_of: Mapping[str, str | None],
        first: int,
        starts: list[int],
        ends: list[int],
    ) -> list[str]:
        """:meth:`_build` into the sink: every row of the block, and the cases that begin
        in it (the first row may go on with the case of the block before); the case ids."""
        assert self.sink is not None
        at_case, at_agency, at_obligation, at_event, at_date = self.at
        case_col = columns[at_case]
        note_col = columns[self.at_note] if self.at_note >= 0 else ()
        block = (case_col, columns[at_agency], columns[at_obligation], columns[at_event])
        k = 1 if self.current is not None else 0  # the first case that begins in the block
        self.sink.block((*block, columns[at_date], note_col), starts[k:], date_vals, note_of, first)
        return list(map(case_col.__getitem__, starts))

    def _remember(
        self,
        names: Mapping[str, str],
        dates: Mapping[str, dt.date],
        note_of: Mapping[str, str | None],
    ) -> None:
        """Learn a good block's new texts, while the caches have room."""
        if len(names) != len(self.names) and len(self.names) < _CACHE_LIMIT:
            self.names.update(itertools.islice(names.items(), _CACHE_LIMIT))
        if len(dates) != len(self.dates) and len(self.dates) < _CACHE_LIMIT:
            self.dates.update(itertools.islice(dates.items(), _CACHE_LIMIT))
        for note in note_of.values():
            if note is not None and len(self.notes) < _CACHE_LIMIT:
                self.notes.setdefault(note, note)
