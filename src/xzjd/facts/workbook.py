# SPDX-License-Identifier: MIT
"""Excel workbooks (``.xlsx``) as rows of cells with positions, through openpyxl.

openpyxl is an optional dependency, the extra ``xzjd[xlsx]``; without it, reading a workbook
is an ``input/workbook`` diagnostic saying how to install it. The first sheet is read, or
the one named (``--sheet``). The first row that is not empty names the columns, as the
header line of a CSV file does; the rows below it are the records, an empty row is skipped.

A cell may hold text, a number (a whole number is written without ``.0``: an id typed as a
number stays ``1001``) or a real Excel date (a date cell, with or without a time of day: its
calendar date is taken). A bad cell is a diagnostic placed at its sheet and cell
(``filings.xlsx:Sheet1!C7``); the row's cells, joined by commas, are quoted under it with
the caret under the cell, and the row number of the sheet is the line number.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
from collections.abc import Iterator, Sequence
from typing import IO, Any

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.files import Source, unreadable
from xzjd.facts.headers import check_header
from xzjd.facts.rows import Origin, Row, column_letter
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = ["is_workbook", "workbook_rows"]

#: The first bytes of a zip archive, which an .xlsx workbook is.
_ZIP = b"PK\x03\x04"
_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(source: Source) -> bool:
    """Whether *source* is a workbook: by its name's extension, else by its first bytes."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path.lower().endswith(_SUFFIXES):
            return True
        try:
            with open(path, "rb") as handle:
                return handle.read(4) == _ZIP
        except (OSError, ValueError):
            return False  # the reader of text files says why it cannot be read
    name = str(getattr(source, "name", ""))
    if name.lower().endswith(_SUFFIXES):
        return True
    try:
        if not source.seekable():
            return False
        at = source.tell()
        head = source.read(4)
        source.seek(at)
    except (OSError, ValueError):
        return False
    return head == _ZIP


def _fail(key: str, name: str, **fields: Any) -> InputError:
    return InputError([diagnostic(key, file=name, **fields)])


def _open_sheet(source: Source, name: str, sheet: str | None) -> tuple[Any, Any]:
    """The workbook and its sheet to read."""
    try:
        # Imported by name: openpyxl is optional and has no type information of its own.
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise _fail("input/workbook#no-openpyxl", name) from None
    handle: str | IO[bytes]
    if isinstance(source, (str, os.PathLike)):
        handle = os.fspath(source)
        if not handle.lower().endswith(_SUFFIXES):
            # Found by its first bytes: openpyxl goes by the extension of a name, not of an
            # open file.
            try:
                with open(handle, "rb") as opened:
                    handle = io.BytesIO(opened.read())
            except (OSError, ValueError) as exc:
                raise unreadable(name, exc) from None
    else:
        data = source.read()
        if isinstance(data, str):
            raise _fail("input/workbook#bad", name, detail="the file was opened as text")
        handle = io.BytesIO(data)
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and isinstance(handle, str) and not os.path.isfile(handle):
            raise unreadable(name, exc) from None
        raise _fail("input/workbook#bad", name, detail=str(exc) or type(exc).__name__) from None
    except Exception as exc:
        # openpyxl raises many kinds of errors on a damaged file (InvalidFileException,
        # BadZipFile, KeyError for a missing part, XML errors): all mean the same to a user.
        raise _fail("input/workbook#bad", name, detail=str(exc) or type(exc).__name__) from None
    names = list(book.sheetnames)
    if sheet is None:
        if not names:
            raise _fail("input/workbook#bad", name, detail="the workbook has no sheet")
        return book, book[names[0]]
    if sheet not in names:
        raise _fail("input/workbook#no-sheet", name, sheet=sheet, sheets=", ".join(names))
    return book, book[sheet]


def _cell_text(value: object) -> str | None:
    """The text of a cell's value, ``None`` when empty."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _shown(cells: Sequence[str | None]) -> tuple[str, list[Span | None]]:
    """The row's cells joined by commas (line breaks shown as spaces) and each cell's
    columns in that text (line 0: the caller puts in the row)."""
    parts: list[str] = []
    spans: list[Span | None] = []
    col = 1
    for cell in cells:
        text = "" if cell is None else cell.replace("\r", " ").replace("\n", " ")
        spans.append(Span(0, col, 0, col + max(len(text), 1)))
        parts.append(text)
        col += len(text) + 1
    return ",".join(parts), spans


def workbook_rows(
    source: Source,
    *,
    required: Sequence[str],
    optional: Sequence[str],
    what: str,
    sheet: str | None,
    diags: list[Diagnostic] | None = None,
) -> tuple[Origin, Iterator[Row]]:
    """The origin and the rows of a workbook's sheet, its header checked.

    Raises:
        InputError: openpyxl is not installed, the workbook cannot be read, has no such
            sheet, or its header is wrong (or the sheet is empty).
    """
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    name = name or str(getattr(source, "name", "<string>"))
    book, ws = _open_sheet(source, name, sheet)
    try:
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # the stored size may be wrong: read every row there is
        raw_rows = [
            [_cell_text(v) for v in values]
            for values in ws.iter_rows(min_row=1, min_col=1, values_only=True)
        ]
    except Exception as exc:  # a damaged sheet: see _open_sheet
        raise _fail("input/workbook#bad", name, detail=str(exc) or type(exc).__name__) from None
    finally:
        book.close()
    title = str(ws.title)
    shown = [_shown(cells) for cells in raw_rows]
    index = LineIndex("\n".join(text for text, _ in shown))
    header_at = next((at for at, cells in enumerate(raw_rows) if any(cells)), None)
    if header_at is None:
        raise _fail("input/empty", name, what=what)
    header_cells = raw_rows[header_at]
    while header_cells and header_cells[-1] is None:
        header_cells = header_cells[:-1]
    line = header_at + 1
    text, spans = shown[header_at]
    letters = [column_letter(at) for at in range(len(header_cells))]
    probe = Origin(name, sheet=title, letters=letters)
    known = list(required) + list(optional)
    columns = check_header(
        [(cell or "", _on(span, line)) for cell, span in zip(header_cells, spans, strict=False)],
        name=name,
        line_text=text,
        header_span=Span(line, 1, line, max(len(text), 1) + 1),
        required=required,
        known=known,
        what=what,
        places=[probe.cell(line, at) for at in range(len(letters))],
        header_place=probe.place(line, None),
    )
    origin = Origin(name, columns=columns, lines=index, sheet=title, letters=letters)
    return origin, _rows(origin, raw_rows, shown, header_at, diags)


def _on(span: Span | None, line: int) -> Span:
    assert span is not None
    return Span(line, span.column, line, span.end_column)


def _rows(
    origin: Origin,
    raw_rows: list[list[str | None]],
    shown: list[tuple[str, list[Span | None]]],
    header_at: int,
    diags: list[Diagnostic] | None,
) -> Iterator[Row]:
    """The rows below the header; a row with a cell right of the header's columns is a
    diagnostic (added to *diags*, or raised after the last row when there is no list)."""
    columns = origin.columns
    width = len(columns)
    problems: list[Diagnostic] = [] if diags is None else diags
    for at in range(header_at + 1, len(raw_rows)):
        cells = raw_rows[at]
        if not any(cells):
            continue
        line = at + 1
        text, spans = shown[at]
        extra = next((i for i in range(width, len(cells)) if cells[i] is not None), None)
        if extra is not None:
            problems.append(
                diagnostic(
                    "input/workbook#extra-cell",
                    file=origin.name,
                    span=_on(spans[extra], line),
                    line_text=text,
                    place=origin.cell(line, extra),
                    width_value=width,
                    columns=",".join(columns),
                )
            )
            continue
        values = {column: cells[i] if i < len(cells) else None for i, column in enumerate(columns)}
        cell_spans = {
            column: _on(spans[i], line) for i, column in enumerate(columns) if i < len(spans)
        }
        yield Row(origin, line, text, values, json_spans=cell_spans)
    if diags is None and problems:
        raise InputError(problems)
