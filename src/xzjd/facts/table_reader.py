# SPDX-License-Identifier: MIT
"""The strict table reader: a CSV or JSON data file as rows of cells with positions.

:func:`read_rows` reads a path or an open file, CSV or a JSON array of objects (by the
extension, else by the first character), checks the header, and gives the rows; the readers
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
from xzjd.facts.files import Source, decode_utf8, path_line_blocks, unreadable
from xzjd.facts.json_array import json_rows
from xzjd.facts.rows import Origin, Row, line_span, split_csv_line
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = ["Table", "csv_row", "open_table", "read_rows"]

#: Lines of a file read from memory given at a time by :func:`open_table`.
_BATCH = 1 << 14


def _header_error(name: str, line_text: str, key: str, known: Sequence[str]) -> InputError:
    column = 1
    span = Span(1, column, 1, max(len(line_text), column) + 1)
    return InputError(
        [diagnostic(key, file=name, span=span, line_text=line_text, known=",".join(known))]
    )


def read_rows(
    source: Source,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    what: str,
    diags: list[Diagnostic],
) -> tuple[Origin, Iterator[Row]]:
    """Read a CSV or JSON data file as rows of cells with positions.

    As :func:`open_table`, with the lines of a CSV file made rows; problems in a row's layout
    are added to *diags* as the rows are read.
    """
    table = open_table(source, required=required, optional=optional, what=what)
    if table.rows is not None:
        return table.origin, table.rows
    lines = itertools.chain.from_iterable(table.blocks)
    return table.origin, _csv_rows(table.origin, lines, table.header_line, diags)


class Table(NamedTuple):
    """An opened data file: its origin, and its JSON rows or its CSV lines after the header.

    ``rows`` is set for a JSON file; for a CSV file it is ``None`` and ``blocks`` gives the
    text of the lines after the header (line ``header_line + 1`` first), a list of lines at
    a time, to be made rows by :func:`csv_row` or read by a faster path of the caller's own.
    """

    origin: Origin
    rows: Iterator[Row] | None
    blocks: Iterator[list[str]]
    header_line: int


def open_table(
    source: Source, *, required: Sequence[str], optional: Sequence[str] = (), what: str
) -> Table:
    """Open a CSV or JSON data file and check its header.

    A CSV file given by path is read one line at a time and never held whole. The header is
    checked at once; the rows are checked as they are read (:func:`csv_row`).

    Args:
        source: a path or an open file.
        required: columns every file must have.
        optional: columns a file may leave out.
        what: the kind of file, for messages (``"filings"``).

    Returns:
        The origin (file name, columns), and the rows of a JSON file or the lines of a CSV one.

    Raises:
        InputError: the file cannot be read, is not UTF-8, or its header is wrong.
    """
    path: str | None = None
    index: LineIndex | None = None
    if isinstance(source, (str, os.PathLike)):
        path = name = os.fspath(source)
        blocks = path_line_blocks(name)
    else:
        name = str(getattr(source, "name", "<string>"))
        index = LineIndex(decode_utf8(source.read(), name))
        lines = index.lines()
        blocks = iter(lambda: list(itertools.islice(lines, _BATCH)), [])
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
            index = LineIndex(decode_utf8(raw, name))
        origin = Origin(name, lines=index)
        rows = iter(json_rows(index, origin, required, optional, what))
        return Table(origin, rows, iter(()), 0)
    known = list(required) + list(optional)
    columns = _csv_header(name, number, header, required, known, what)
    origin = Origin(name, columns=columns, path=path, lines=index)
    return Table(origin, None, itertools.chain((rest,), blocks), number)


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
        raise _header_error(name, header_text, "input/header#bad-quote", known)
    columns: list[str] = []
    diags: list[Diagnostic] = []
    for cell_text, col, _ in header_cells:
        column = cell_text.strip().lower()
        span = Span(line_no, col, line_no, col + max(len(cell_text), 1))
        if column not in known:
            diags.append(
                diagnostic(
                    "input/header#unknown-column",
                    file=name,
                    span=span,
                    line_text=header_text,
                    value=cell_text.strip(),
                    what=what,
                    known=",".join(known),
                )
            )
        elif column in columns:
            diags.append(
                diagnostic(
                    "input/header#repeated-column",
                    file=name,
                    span=span,
                    line_text=header_text,
                    column_value=column,
                )
            )
        columns.append(column)
    missing = [c for c in required if c not in columns]
    if missing:
        diags.append(
            diagnostic(
                "input/header#missing-column",
                file=name,
                span=line_span(line_no, header_text),
                line_text=header_text,
                what=what,
                missing=", ".join(missing),
                known=",".join(known),
            )
        )
    if diags:
        raise InputError(diags)
    return columns


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
