# SPDX-License-Identifier: MIT
"""Data tables read as columns: a block of CSV lines at a time, each distinct cell checked once.

:func:`read_columns` reads a filings or events file into numpy columns: texts that repeat
(agency, obligation, period...) as codes into their distinct values, dates as proleptic
ordinals, statuses as codes, the ids as one text (:class:`Ids`), the line of each record.
The file is read a block of lines at a time (:func:`~xzjd.facts.table_reader.open_table`)
and never held whole; what is kept is the columns, about 35 bytes a record.

**The fast path.** A block of CSV lines (a few thousand at most) is read at once when it is
of the usual kind: every line has exactly the header's number of commas and there is no
double quote. Then the block is joined and split in C, each column is a slice of the cells,
and a column is checked and coded by its *distinct* values (a set of the column): an agency
id that occurs a thousand times in the block is checked once, and a date is parsed once for
the whole file. The ids are checked by one regular expression over the column joined with
line breaks. A cell with spaces around it is taken as its stripped text, as the row reader
does.

**The row path.** A block the fast path does not take (a quoted cell, a blank line, a line
with too few or too many cells, any cell that fails its check, an id with spaces) is read a
row at a time by the same row checks as before (:func:`~xzjd.facts.table_reader.csv_row`
and the reader's own checks, *check* of :class:`Spec`), which add the diagnostics; so a
good file is read fast and a bad one gives the diagnostics of a row-by-row reading, at the
same positions and in the same order. A JSON file and a workbook are read by the row path
throughout.

**Unique ids.** While the ids come in ascending order (files written in id order), each is
new and nothing more is kept. Otherwise, and whenever the file has a problem, the ids are
hashed into one array and sorted: only ids whose hashes repeat are looked at, and each
repeat is an ``input/duplicate-id`` diagnostic at its line, after that row's other
diagnostics (a row whose id is good counts even when its other cells are bad), made from
the line read again (a file given by path is read again a block at a time).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

import numpy as np

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.byte_columns import ByteCodes, grid, id_cells
from xzjd.facts.cells import check_unique
from xzjd.facts.column_coders import Coder, Texts
from xzjd.facts.files import Chunk, Source
from xzjd.facts.rows import Origin, Row
from xzjd.facts.table_reader import csv_row, open_table

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ColumnTable", "Ids", "RowCheck", "Spec", "read_columns"]

#: Lines of a CSV block read at once (a block of a file read by path is about 64 KB).
_PIECE = 4096
#: Bytes of whole lines read at once as bytes (:mod:`xzjd.facts.byte_columns`).
_GROUP = 1 << 22
#: Records of the row path gathered before they are made arrays.
_ROWS = 1 << 14
#: A column of ids joined by line breaks: every one a good id (:data:`xzjd.facts.cells.ID`).
_IDS = re.compile(r"[\w-]+(?:\n[\w-]+)*")


#: The row checks of a reader: the record's id for the uniqueness check (``None`` when the id
#: is bad) and the values of its cells in the order of the coders (``None`` after adding a
#: diagnostic).
RowCheck = Callable[[Row, list[Diagnostic]], "tuple[str | None, tuple[Any, ...] | None]"]


class Spec(NamedTuple):
    """What a reader reads: the file's kind, its columns, their coders and the row checks."""

    what: str  # "filings", for messages and the Chinese column names
    noun: str  # "filing", for input/duplicate-id
    required: tuple[str, ...]
    optional: tuple[str, ...]
    coders: Callable[[], dict[str, Coder]]  # every column but "id", fresh for each reading
    check: Callable[[], RowCheck]  # fresh for each reading


class Ids(Sequence[str]):
    """Record ids held as one text: id *i* is ``text[starts[i]:ends[i]]``.

    A million ids are one string (a byte a character when they are ASCII) and two integer
    arrays, instead of a million string objects. ``dense``: the ids lie one after the other
    in the text, a line break between two (then a run of them is split in C).
    """

    __slots__ = ("dense", "ends", "starts", "text")

    def __init__(
        self,
        text: str,
        starts: NDArray[np.integer[Any]],
        ends: NDArray[np.integer[Any]],
        *,
        dense: bool = False,
    ) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends
        self.dense = dense

    @classmethod
    def joined(cls, text: str, lengths: NDArray[np.int64]) -> Ids:
        """The ids of *text*, ids joined by line breaks, of the given *lengths*."""
        ends = np.cumsum(lengths + 1) - 1
        starts = ends - lengths
        if len(text) < 2**31:
            ends, starts = ends.astype(np.int32), starts.astype(np.int32)
        return cls(text, starts, ends, dense=True)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Ids: ...

    def __getitem__(self, index: int | slice) -> str | Ids:
        if isinstance(index, slice):
            dense = self.dense and index.step in (None, 1)
            return Ids(self.text, self.starts[index], self.ends[index], dense=dense)
        return self.text[int(self.starts[index]) : int(self.ends[index])]

    def between(self, start: int, stop: int) -> list[str]:
        """The ids ``start:stop`` (in range) as a list."""
        if start >= stop:
            return []
        text = self.text
        if self.dense:
            return text[int(self.starts[start]) : int(self.ends[stop - 1])].split("\n")
        starts = self.starts[start:stop].tolist()
        ends = self.ends[start:stop].tolist()
        return [text[a:b] for a, b in zip(starts, ends, strict=True)]

    def __iter__(self) -> Iterator[str]:
        n = len(self)
        for at in range(0, n, _ROWS):
            yield from self.between(at, min(n, at + _ROWS))


class ColumnTable(NamedTuple):
    """The columns of a file read by :func:`read_columns`."""

    origin: Origin
    ids: Ids
    codes: dict[str, NDArray[np.integer[Any]]]  # by column name
    texts: dict[str, tuple[str, ...]]  # the distinct values of the text columns
    lines: NDArray[np.int32]
    spans: list[Mapping[str, Span] | None] | None  # a JSON file's cell spans, by record


def read_columns(
    source: Source, spec: Spec, *, encoding: str | None = None, sheet: str | None = None
) -> ColumnTable:
    """Read a data file into columns (module docstring).

    Raises:
        InputError: every problem of the file, as a row-by-row reading finds them.
    """
    diags: list[Diagnostic] = []
    table = open_table(
        source,
        required=spec.required,
        optional=spec.optional,
        what=spec.what,
        encoding=encoding,
        sheet=sheet,
        diags=diags,
    )
    reading = _Reading(table.origin, spec, diags)
    if table.rows is not None:
        reading.rows(table.rows)
    else:
        reading.chunks(table.chunks, table.header_line + 1)
    return reading.finish()


class _Reading:
    """One reading: the coders, the chunks of columns read so far, the problems found."""

    def __init__(self, origin: Origin, spec: Spec, diags: list[Diagnostic]) -> None:
        self.origin = origin
        self.spec = spec
        self.diags = diags
        self.diag_lines: list[int] = []  # the line of each diagnostic of a CSV file
        self.check = spec.check()
        self.coders = spec.coders()
        self.order = list(self.coders.items())
        columns = origin.columns
        self.width = len(columns)
        self.id_at = columns.index("id") if "id" in columns else 0
        self.at = {name: columns.index(name) for name in self.coders if name in columns}
        # Chunks of records, in file order.
        self.id_texts: list[str] = []
        self.id_lengths: list[NDArray[np.int64]] = []
        self.chunks_of: dict[str, list[NDArray[np.integer[Any]]]] = {k: [] for k in self.coders}
        self.lines: list[NDArray[np.int32]] = []
        self.spans: list[Mapping[str, Span] | None] | None = None
        self.ascending = True  # the ids so far came in ascending order
        self.last_id = ""
        self.extra: list[tuple[int, str]] = []  # (line, id) of rows bad but for their id
        # Records of the row path not yet made a chunk.
        self.ids: list[str] = []
        self.values: list[list[int]] = [[] for _ in self.coders]
        self.row_lines: list[int] = []
        self.byte_codes: dict[str, ByteCodes] = {}

    # ------------------------------------------------------------------ CSV

    def chunks(self, chunks: Iterable[Chunk], first: int) -> None:
        """Read the CSV *chunks*, the first of which starts at line *first*: those with
        their bytes a few MB at a time as bytes (:meth:`read_bytes`), the rest as lines."""
        line = first
        group: list[Chunk] = []
        size = 0
        for chunk in chunks:
            if chunk.raw is None:
                line = self._group(group, line)
                group, size = [], 0
                self.csv((chunk.lines(),), line)
                line += chunk.count
                continue
            group.append(chunk)
            size += len(chunk.raw)
            if size >= _GROUP:
                line = self._group(group, line)
                group, size = [], 0
        self._group(group, line)

    def _group(self, group: list[Chunk], first: int) -> int:
        """Read *group* as bytes, else as lines; the line after it."""
        if not group:
            return first
        count = sum(chunk.count for chunk in group)
        raw = b"".join(chunk.raw for chunk in group if chunk.raw is not None)
        if not self.read_bytes(raw, count, first, group[-1].codec):
            self.csv((chunk.lines() for chunk in group), first)
        return first + count

    def read_bytes(self, raw: bytes, count: int, first: int, codec: str) -> bool:
        """Read *count* whole lines of bytes at once (:mod:`xzjd.facts.byte_columns`);
        ``False`` when the block is not of the usual kind or a cell is bad."""
        if not raw.endswith(b"\n"):
            raw += b"\n"
        g = grid(raw, self.width)
        if g is None or g.lines != count:
            return False
        ids = id_cells(g, self.id_at, codec, order=self.ascending)
        if ids is None:
            return False
        n = count
        arrays: dict[str, NDArray[np.integer[Any]]] = {}
        for name, coder in self.order:
            at = self.at.get(name)
            if at is None:
                arrays[name] = coder.absent(n)
                continue
            table = self.byte_codes.get(name)
            if table is None:
                table = self.byte_codes[name] = ByteCodes(coder.raw_codes)
            codes = table.codes(g, at, codec)
            if codes is None:
                return False
            arrays[name] = codes.astype(coder.dtype)
        text, lengths = ids.text, ids.lengths
        if self.ascending:
            first_id = text[: int(lengths[0])]
            inside = ids.ascending
            if inside is None:
                split = text.split("\n")
                inside = all(map(operator.lt, split, itertools.islice(split, 1, None)))
            self.ascending = first_id > self.last_id and inside
            self.last_id = text[len(text) - int(lengths[-1]) :]
        self.id_texts.append(text)
        self.id_lengths.append(lengths)
        for name, column in arrays.items():
            self.chunks_of[name].append(column)
        self.lines.append(np.arange(first, first + n, dtype=np.int32))
        return True

    def csv(self, blocks: Iterable[list[str]], first: int) -> None:
        """Read the CSV *blocks* of lines, the first of which is line *first*."""
        line = first
        for block in blocks:
            for at in range(0, len(block), _PIECE):
                piece = block if len(block) <= _PIECE else block[at : at + _PIECE]
                if not self.fast(piece, line):
                    self.slow(piece, line)
                line += len(piece)

    def fast(self, lines: list[str], first: int) -> bool:
        """Read a block of the usual kind at once (module docstring); ``False`` when not."""
        width = self.width
        if set(map(str.count, lines, itertools.repeat(","))) != {width - 1}:
            return False
        joined = ",".join(lines)
        if '"' in joined:
            return False
        cells = joined.split(",")
        ids = cells[self.id_at :: width]
        id_text = "\n".join(ids)
        if not _IDS.fullmatch(id_text):
            return False
        n = len(lines)
        arrays: dict[str, NDArray[np.integer[Any]]] = {}
        for name, coder in self.order:
            at = self.at.get(name)
            codes = coder.absent(n) if at is None else coder.cells(cells[at::width])
            if codes is None:
                return False
            arrays[name] = codes
        self._chunk(ids, id_text, arrays, np.arange(first, first + n, dtype=np.int32))
        return True

    def slow(self, lines: list[str], first: int) -> None:
        """Read a block a row at a time, adding each row's diagnostics."""
        diags, origin, check = self.diags, self.origin, self.check
        for line, text in enumerate(lines, first):
            before = len(diags)
            row = csv_row(origin, line, text, diags)
            if row is not None:
                ident, values = check(row, diags)
                if values is not None:
                    assert ident is not None
                    self._add(ident, values, line)
                elif ident is not None:
                    self.extra.append((line, ident))
            if len(diags) > before:
                self.diag_lines.extend(itertools.repeat(line, len(diags) - before))
        self._flush()

    # ------------------------------------------------------------------ JSON, workbooks

    def rows(self, rows: Iterator[Row]) -> None:
        """Read the rows of a JSON file or a workbook, one at a time, as a row reader does."""
        diags, check, noun = self.diags, self.check, self.spec.noun
        seen: dict[str, int] = {}
        spans: list[Mapping[str, Span] | None] = []
        self.spans = spans
        for row in rows:
            before = len(diags)
            ident, values = check(row, diags)
            if ident is not None:
                check_unique(seen, ident, row, noun, diags)
            if len(diags) > before or values is None:
                continue
            assert ident is not None
            self._add(ident, values, row.line)
            spans.append(row.json_spans)
            if len(self.ids) >= _ROWS:
                self._flush()
        self._flush()
        if diags:
            raise InputError(diags)
        self.ascending = True  # the uniqueness was checked above

    # ------------------------------------------------------------------ records and chunks

    def _add(self, ident: str, values: tuple[Any, ...], line: int) -> None:
        self.ids.append(ident)
        for (_, coder), codes, value in zip(self.order, self.values, values, strict=True):
            codes.append(coder.code(value))
        self.row_lines.append(line)

    def _flush(self) -> None:
        ids = self.ids
        if not ids:
            return
        arrays = {
            name: np.array(codes, dtype=coder.dtype)
            for (name, coder), codes in zip(self.order, self.values, strict=True)
        }
        self._chunk(ids, "\n".join(ids), arrays, np.array(self.row_lines, dtype=np.int32))
        self.ids = []
        self.values = [[] for _ in self.coders]
        self.row_lines = []

    def _chunk(
        self,
        ids: list[str],
        id_text: str,
        arrays: dict[str, NDArray[np.integer[Any]]],
        lines: NDArray[np.int32],
    ) -> None:
        if self.ascending:
            self.ascending = ids[0] > self.last_id and all(
                map(operator.lt, ids, itertools.islice(ids, 1, None))
            )
            self.last_id = ids[-1]
        self.id_texts.append(id_text)
        self.id_lengths.append(np.fromiter(map(len, ids), np.int64, len(ids)))
        for name, codes in arrays.items():
            self.chunks_of[name].append(codes)
        self.lines.append(lines)

    # ------------------------------------------------------------------ the end

    def finish(self) -> ColumnTable:
        """The columns, or the problems of the file raised."""
        self._flush()
        hashes: NDArray[np.int64] | None = None
        repeats: NDArray[np.int64] | None = None
        if not self.ascending or self.extra:
            hashes, repeats = self._repeats()
        ids = Ids.joined("\n".join(self.id_texts), _concat(self.id_lengths, np.int64))
        self.id_texts = []
        lines = _concat(self.lines, np.int32)
        if self.diags or (repeats is not None and repeats.size):
            repeated = []
            if hashes is not None and repeats is not None:
                repeated = self._repeated(ids, lines, hashes, repeats)
            raise InputError(self._problems(repeated))
        codes = {name: _concat(self.chunks_of[name], coder.dtype) for name, coder in self.order}
        texts = {name: tuple(coder.texts) for name, coder in self.order if isinstance(coder, Texts)}
        return ColumnTable(self.origin, ids, codes, texts, lines, self.spans)

    def _repeats(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The hash of every id of the table, and the hashes that more than one id has (of
        the table's and of the bad rows')."""
        chunks = [np.fromiter(map(hash, text.split("\n")), np.int64) for text in self.id_texts]
        hashes = _concat(chunks, np.int64)
        extra = np.fromiter((hash(ident) for _, ident in self.extra), np.int64)
        every = np.sort(np.concatenate((hashes, extra)))
        return hashes, np.unique(every[1:][every[1:] == every[:-1]])

    def _repeated(
        self,
        ids: Ids,
        lines: NDArray[np.int32],
        hashes: NDArray[np.int64],
        repeats: NDArray[np.int64],
    ) -> list[tuple[int, str, int]]:
        """(line, id, first line) of every id seen before, in file order."""
        if not repeats.size:
            return []
        where = np.flatnonzero(np.isin(hashes, repeats)).tolist()
        found = [(int(lines[i]), ids[i]) for i in where]
        wanted = set(repeats.tolist())
        found.extend((line, ident) for line, ident in self.extra if hash(ident) in wanted)
        found.sort(key=operator.itemgetter(0))
        first: dict[str, int] = {}
        out = []
        for line, ident in found:
            at = first.setdefault(ident, line)
            if at != line:
                out.append((line, ident, at))
        return out

    def _problems(self, repeated: list[tuple[int, str, int]]) -> list[Diagnostic]:
        """The diagnostics in file order: each row's own, then its duplicate id."""
        if not repeated:
            return self.diags
        texts = self.origin.line_texts({line for line, _, _ in repeated})
        scratch: list[Diagnostic] = []
        tagged = list(zip(self.diag_lines, self.diags, strict=True))
        for line, ident, first in repeated:
            row = csv_row(self.origin, line, texts.get(line, ""), scratch)
            if row is None:  # the file changed since it was read
                continue
            diag = row.diagnostic(
                "input/duplicate-id", "id", what=self.spec.noun, ident=ident, first=first
            )
            tagged.append((line, diag))
        tagged.sort(key=operator.itemgetter(0))
        return [diag for _, diag in tagged]


def _concat(arrays: list[NDArray[Any]], dtype: Any) -> NDArray[Any]:
    """The arrays end to end (an empty array of *dtype* for none)."""
    if not arrays:
        return np.zeros(0, dtype)
    out = arrays[0] if len(arrays) == 1 else np.concatenate(arrays)
    arrays.clear()
    return out
