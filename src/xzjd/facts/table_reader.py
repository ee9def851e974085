# SPDX-License-Identifier: MIT
"""The strict table reader: a CSV, JSON or workbook data file as rows of cells with positions.

:func:`read_rows` reads a path or an open file, CSV or a JSON array of objects (by the
extension, else by the first character) or an ``.xlsx`` workbook (by the extension, else by
its first bytes; :mod:`xzjd.facts.workbook`), checks the header (English or Chinese column
names, :mod:`xzjd.facts.headers`), and gives the rows; the readers
of filings, events and agencies build their records from them. The CSV reader is small and
strict on purpose: one record per physical line (a quoted cell may not span lines), so that
every cell has a line and a column to point at.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.files import ENCODINGS, Chunk, Source, decode_data, path_chunks, unreadable
from xzjd.facts.headers import check_header, zh_names
from xzjd.facts.json_array import json_rows
from xzjd.facts.rows import Origin, Row, line_span, split_csv_line
from xzjd.facts.workbook import is_workbook, workbook_rows
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = ["Table", "csv_row", "open_table", "read_rows"]

#: Lines of a file read from memory given at a time by :func:`open_table`.
_BATCH = 1 << 14


def _header_error(
    name: str, line_text: str, key: str, known: Sequence[str], what: str
) -> InputError:
    column = 1
    span = Span(1, column, 1, max(len(line_text), column) + 1)
    return InputError(
        [
            diagnostic(
                key,
                file=name,
                span=span,
                line_text=line_text,
                known=",".join(known),
                known_zh=zh_names(what, known),
            )
        ]
    )


def read_rows(
    source: Source,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    what: str,
    diags: list[Diagnostic],
    encoding: str | None = None,
    sheet: str | None = None,
) -> tuple[Origin, Iterator[Row]]:
    """Read a CSV, JSON or workbook data file as rows of cells with positions.

    As :func:`open_table`, with the lines of a CSV file made rows; problems in a row's layout
    are added to *diags* as the rows are read.
    """
    table = open_table(
        source,
        required=required,
        optional=optional,
        what=what,
        encoding=encoding,
        sheet=sheet,
        diags=diags,
    )
    if table.rows is not None:
        return table.origin, table.rows
    lines = itertools.chain.from_iterable(table.blocks)
    return table.origin, _csv_rows(table.origin, lines, table.header_line, diags)


class Table(NamedTuple):
    """An opened data file: its origin, and its JSON rows or its CSV lines after the header.

    ``rows`` is set for a JSON file and a workbook; for a CSV file it is ``None`` and
    ``blocks`` gives the text of the lines after the header (line ``header_line + 1`` first),
    a list of lines at a time, to be made rows by :func:`csv_row` or read by a faster path
    of the caller's own. ``chunks`` gives the same lines as :class:`~xzjd.facts.files.Chunk`
    objects, with their bytes when the file was given by path (a reader takes one or the
    other: both read the same file).
    """

    origin: Origin
    rows: Iterator[Row] | None
    blocks: Iterator[list[str]]
    header_line: int
    chunks: Iterator[Chunk] = iter(())


def open_table(
    source: Source,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    what: str,
    encoding: str | None = None,
    sheet: str | None = None,
    diags: list[Diagnostic] | None = None,
) -> Table:
    """Open a CSV, JSON or workbook data file and check its header.

    A CSV file given by path is read one line at a time and never held whole. The header is
    checked at once; the rows are checked as they are read (:func:`csv_row`).

    Args:
        source: a path or an open file.
        required: columns every file must have.
        optional: columns a file may leave out.
        what: the kind of file, for messages (``"filings"``); it picks the Chinese column
            names (:data:`~xzjd.facts.headers.HEADER_WORDS`).
        encoding: the encoding of a text file, one of :data:`~xzjd.facts.files.ENCODINGS`;
            ``None`` finds it out (UTF-8, else GB18030 Chinese text).
        sheet: the sheet of a workbook to read; ``None`` is the first one.
        diags: where the problems of a workbook's rows are added as they are read (without
            it, they are raised after the last row).

    Returns:
        The origin (file name, columns), and the rows of a JSON file or a workbook, or the
        lines of a CSV one.

    Raises:
        InputError: the file cannot be read, is in no encoding it may be in, or its header is
            wrong.
    """
    if encoding is not None and encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    path: str | None = None
    index: LineIndex | None = None
    blocks: Iterator[list[str]]
    chunks: Iterator[Chunk]
    if is_workbook(source):
        origin, rows = workbook_rows(
            source, required=required, optional=optional, what=what, sheet=sheet, diags=diags
        )
        return Table(origin, rows, iter(()), 0)
    if isinstance(source, (str, os.PathLike)):
        path = name = os.fspath(source)
        chunks = path_chunks(name, encoding)
        blocks = (chunk.lines() for chunk in chunks)
    else:
        name = str(getattr(source, "name", "<string>"))
        index = LineIndex(decode_data(source.read(), name, encoding))
        lines = index.lines()
        blocks = iter(lambda: list(itertools.islice(lines, _BATCH)), [])
        chunks = (Chunk(None, None, lines=block) for block in blocks)
    lower = name.lower()
    number = 0
    header: str | None = None
    rest: list[str] = []  # the lines after the header in its block
    for block in blocks:
        for at, line in enumerate(block):
            if line.strip():
                header, rest = line, block[at + 1 :]
                number += at + 1
                break
        else:
            number += len(block)
            continue
        break
    if header is None:
        raise _empty(name, what)
    if lower.endswith(".json") or (not lower.endswith(".csv") and header.lstrip()[:1] in "[{"):
        if index is None:
            assert path is not None
            raw, _ = _open(path)
            index = LineIndex(decode_data(raw, name, encoding))
        origin = Origin(name, lines=index)
        rows = iter(json_rows(index, origin, required, optional, what))
        return Table(origin, rows, iter(()), 0)
    known = list(required) + list(optional)
    columns = _csv_header(name, number, header, required, known, what)
    origin = Origin(name, columns=columns, path=path, lines=index, encoding=encoding)
    first = Chunk(None, None, lines=rest)
    return Table(
        origin,
        None,
        itertools.chain((rest,), blocks),
        number,
        itertools.chain((first,), chunks),
    )


def _open(path: str) -> tuple[bytes, str]:
    try:
        with open(path, "rb") as handle:
            return handle.read(), path
    except (OSError, ValueError) as exc:
        raise unreadable(path, exc) from None


def _empty(name: str, what: str) -> InputError:
    return InputError([diagnostic("input/empty", file=name, what=what)])


def _csv_header(
    name: str,
    line_no: int,
    header_text: str,
    required: Sequence[str],
    known: Sequence[str],
    what: str,
) -> list[str]:
    header_cells = split_csv_line(header_text)
    if isinstance(header_cells, int):
        raise _header_error(name, header_text, "input/header#bad-quote", known, what)
    cells = [
        (text, Span(line_no, col, line_no, col + max(len(text), 1)))
        for text, col, _ in header_cells
    ]
    return check_header(
        cells,
        name=name,
        line_text=header_text,
        header_span=line_span(line_no, header_text),
        required=required,
        known=known,
        what=what,
    )


def csv_row(origin: Origin, line_no: int, line_text: str, diags: list[Diagnostic]) -> Row | None:
    """The row of one CSV line, or ``None`` for a blank line or after adding a diagnostic."""
    return next(_csv_rows(origin, iter((line_text,)), line_no - 1, diags), None)


def _csv_rows(
    origin: Origin, lines: Iterator[str], header_no: int, diags: list[Diagnostic]
) -> Iterator[Row]:
    columns = origin.columns
    width = len(columns)
    name = origin.name
    for line_no, line_text in enumerate(lines, header_no + 1):
        if '"' in line_text:
            cells = split_csv_line(line_text)
            if isinstance(cells, int):
                diags.append(
                    diagnostic(
                        "input/csv#bad-quote",
                        file=name,
                        span=Span.point(line_no, cells),
                        line_text=line_text,
                    )
                )
                continue
            parts = [c[0] for c in cells]
        else:
            if not line_text or line_text.isspace():
                continue
            parts = line_text.split(",")
        if len(parts) != width:
            diags.append(
                diagnostic(
                    "input/csv",
                    file=name,
                    span=line_span(line_no, line_text),
                    line_text=line_text,
                    width_value=width,
                    n_parts=len(parts),
                    columns=",".join(columns),
                )
            )
            continue
        values = dict(zip(columns, [p.strip() or None for p in parts], strict=True))
        yield Row(origin, line_no, line_text, values)
