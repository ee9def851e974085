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
from xzjd.text.lines import LineIndex

__all__ = ["Table", "csv_row", "open_table", "read_rows"]

#: Lines of a file read from memory given at a time by :func:`open_table`.
_BATCH = 1 << 14


def _header_error(
    name: str, line_text: str, message: str, message_zh: str, known: Sequence[str]
) -> InputError:
    column = 1
    return InputError(
        [
            Diagnostic(
                code="input/header",
                message=message,
                message_zh=message_zh,
                file=name,
                span=Span(1, column, 1, max(len(line_text), column) + 1),
                line_text=line_text,
                hint="the first row must name the columns: " + ",".join(known),
                hint_zh="第一行须为列名: " + ",".join(known),
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
    return InputError(
        [
            Diagnostic(
                code="input/empty",
                message=f"the {what} file is empty",
                message_zh=f"{what} 文件为空",
                file=name,
                hint="the first row must name the columns",
                hint_zh="第一行须为列名",
            )
        ]
    )


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
        raise _header_error(
            name, header_text, "unterminated quote in the header", "列名行中引号未闭合", known
        )
    columns: list[str] = []
    diags: list[Diagnostic] = []
    for cell_text, col, _ in header_cells:
        column = cell_text.strip().lower()
        span = Span(line_no, col, line_no, col + max(len(cell_text), 1))
        if column not in known:
            diags.append(
                Diagnostic(
                    code="input/header",
                    message=f"unknown column {cell_text.strip()!r} in the {what} file",
                    message_zh=f"{what} 文件中有未知的列 {cell_text.strip()!r}",
                    file=name,
                    span=span,
                    line_text=header_text,
                    hint="the columns are: " + ",".join(known),
                    hint_zh="列应为: " + ",".join(known),
                )
            )
        elif column in columns:
            diags.append(
                Diagnostic(
                    code="input/header",
                    message=f"column {column!r} appears twice",
                    message_zh=f"列 {column!r} 重复出现",
                    file=name,
                    span=span,
                    line_text=header_text,
                    hint="name each column once",
                    hint_zh="每一列只能出现一次",
                )
            )
        columns.append(column)
    missing = [c for c in required if c not in columns]
    if missing:
        diags.append(
            Diagnostic(
                code="input/header",
                message=f"the {what} file has no column {', '.join(missing)}",
                message_zh=f"{what} 文件缺少列 {', '.join(missing)}",
                file=name,
                span=line_span(line_no, header_text),
                line_text=header_text,
                hint="the first row must name the columns: " + ",".join(known),
                hint_zh="第一行须为列名: " + ",".join(known),
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
                    Diagnostic(
                        code="input/csv",
                        message="malformed quoted cell",
                        message_zh="带引号的单元格格式错误",
                        file=name,
                        span=Span.point(line_no, cells),
                        line_text=line_text,
                        hint='close the quote on the same line; write a quote inside one as ""',
                        hint_zh='引号须在同一行内闭合；单元格内的引号写作 ""',
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
                Diagnostic(
                    code="input/csv",
                    message=f"expected {width} cells, found {len(parts)}",
                    message_zh=f"应有 {width} 个单元格，实有 {len(parts)} 个",
                    file=name,
                    span=line_span(line_no, line_text),
                    line_text=line_text,
                    hint="one cell per column of the header: " + ",".join(columns),
                    hint_zh="每列一个单元格: " + ",".join(columns),
                )
            )
            continue
        values = dict(zip(columns, [p.strip() or None for p in parts], strict=True))
        yield Row(origin, line_no, line_text, values)
