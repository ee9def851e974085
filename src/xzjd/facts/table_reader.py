# SPDX-License-Identifier: MIT
"""The strict table reader: a CSV or JSON data file as rows of cells with positions.

:func:`read_rows` reads a path or an open file, CSV or a JSON array of objects (by the
extension, else by the first character), checks the header, and gives the rows; the readers
of filings, events and agencies build their records from them. The CSV reader is small and
strict on purpose: one record per physical line (a quoted cell may not span lines), so that
every cell has a line and a column to point at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.files import Source, decode_utf8, path_lines, unreadable
from xzjd.facts.json_array import json_rows
from xzjd.facts.rows import Origin, Row, line_span, split_csv_line
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = ["read_rows"]


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

    A CSV file given by path is read one line at a time and never held whole. The header is
    checked at once; problems in a row's layout are added to *diags* as the rows are read.

    Args:
        source: a path or an open file.
        required: columns every file must have.
        optional: columns a file may leave out.
        what: the kind of file, for messages (``"filings"``).
        diags: where row-layout problems go.

    Returns:
        The origin (file name, columns) and an iterator over the rows.

    Raises:
        InputError: the file cannot be read, is not UTF-8, or its header is wrong.
    """
    path: str | None = None
    index: LineIndex | None = None
    if isinstance(source, (str, os.PathLike)):
        path = name = os.fspath(source)
        lines: Iterator[str] = path_lines(name)
    else:
        name = str(getattr(source, "name", "<string>"))
        index = LineIndex(decode_utf8(source.read(), name))
        lines = index.lines()
    lower = name.lower()
    number = 0
    header: str | None = None
    for number, line in enumerate(lines, 1):  # noqa: B007 - the number is used below
        if line.strip():
            header = line
            break
    if header is None:
        raise _empty(name, what)
    if lower.endswith(".json") or (not lower.endswith(".csv") and header.lstrip()[:1] in "[{"):
        if index is None:
            assert path is not None
            raw, _ = _open(path)
            index = LineIndex(decode_utf8(raw, name))
        origin = Origin(name, lines=index)
        return origin, iter(json_rows(index, origin, required, optional, what))
    known = list(required) + list(optional)
    columns = _csv_header(name, number, header, required, known, what)
    origin = Origin(name, columns=columns, path=path, lines=index)
    return origin, _csv_rows(origin, lines, number, diags)


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
