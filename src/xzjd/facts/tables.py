# SPDX-License-Identifier: MIT
"""Filings and events: the facts a ruleset is evaluated against.

Both are read from CSV (UTF-8, a byte-order mark is allowed) or from a JSON array of objects
with the same keys. Reading checks everything that can be checked without the ruleset and the
agencies (header, dates, statuses, duplicate ids); :func:`xzjd.engine.evaluate` checks the
rest (unknown agency, unknown obligation, a period label the obligation cannot have) before it
evaluates anything. Every problem is a :class:`~xzjd.errors.Diagnostic` that names the file,
the line and the column of the offending cell, and all problems of a file are reported at once
in one :class:`~xzjd.errors.InputError`.

The CSV reader is small and strict on purpose: one record per physical line (a quoted cell may
not span lines), so that every cell has a line and a column to point at. A line ends at
``\n``, ``\r\n`` or ``\r`` and nowhere else, whether the file is read from a path or from an
open file (see :mod:`xzjd.text.lines`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, TypeAlias

import attrs

from xzjd.errors import Diagnostic, InputError, Severity, Span
from xzjd.model import FilingStatus
from xzjd.text import strict_json as _json
from xzjd.text.escape import escape_controls
from xzjd.text.lines import LineIndex, byte_lines, byte_position
from xzjd.vocab import FILING_STATUS_SPELLINGS

__all__ = [
    "Event",
    "Filing",
    "FilingStatus",
    "Source",
    "read_events",
    "read_filings",
]

#: What the readers accept: a path, or an open file (text or binary).
Source: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"


class _Located:
    """Positions of a record, worked out on demand from its origin."""

    __slots__ = ()

    line: int
    origin: Origin | None
    json_spans: Mapping[str, Span] | None

    @property
    def file(self) -> str:
        """The file the record was read from, or ``<string>``."""
        return "<string>" if self.origin is None else self.origin.name

    @property
    def line_text(self) -> str | None:
        """The text of the record's line, when it can be had."""
        return None if self.origin is None else self.origin.line_text(self.line)

    def span_of(self, column: str) -> Span | None:
        """Where a cell of the record is, when known."""
        if self.json_spans is not None:
            return self.json_spans.get(column)
        if self.origin is None:
            return None
        return self.origin.cell_span(self.line, column)


@attrs.frozen(kw_only=True)
class Filing(_Located):
    """One filing: ``agency`` did ``obligation`` on ``filed_on``.

    ``period`` names the period it is for (``None``: the earliest open one its recipient has
    not yet received); ``recipient`` the agency it went to (``None``: every recipient).
    Positions (``line``, ``origin``) are left out of equality; ``file``, ``line_text`` and
    ``span_of(column)`` give them back for diagnostics.
    """

    id: str
    agency: str
    obligation: str
    filed_on: dt.date
    period: str | None = None
    recipient: str | None = None
    status: FilingStatus = FilingStatus.ACCEPTED
    line: int = attrs.field(default=0, eq=False, repr=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    json_spans: Mapping[str, Span] | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Event(_Located):
    """One event (``finding``, ``发现问题``) of an agency on a date; its id labels the period."""

    id: str
    agency: str
    event: str
    date: dt.date
    line: int = attrs.field(default=0, eq=False, repr=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    json_spans: Mapping[str, Span] | None = attrs.field(default=None, eq=False, repr=False)


# --------------------------------------------------------------------------- table reading


class Origin:
    """Where records came from: the file name, and its lines for diagnostics.

    Records keep a reference to one shared ``Origin`` and their line number instead of their
    own copy of the line and of every cell's position, so a million filings stay small. The
    line text and the cell positions are worked out again when a diagnostic needs them: from
    the text kept in memory, or by reading the file again, through one line index.
    """

    __slots__ = ("_lines", "_path", "columns", "name")

    def __init__(
        self,
        name: str,
        *,
        columns: Sequence[str] = (),
        text: str | None = None,
        path: str | None = None,
        lines: LineIndex | None = None,
    ) -> None:
        self.name = name
        self.columns = tuple(columns)
        self._lines = lines if lines is not None or text is None else LineIndex(text)
        self._path = path

    def line_text(self, line: int) -> str | None:
        """The text of a line (1-based), or ``None`` when it cannot be had."""
        if self._lines is None and self._path is not None:
            try:
                with open(self._path, "rb") as handle:
                    raw = handle.read()
            except OSError:
                return None
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            self._lines = LineIndex(raw.decode("utf-8", errors="replace"))
        if self._lines is None or line < 1:
            return None
        return self._lines.line_text(line)

    def cell_span(self, line: int, column: str) -> Span | None:
        """The span of a CSV cell, found again from the line text."""
        text = self.line_text(line)
        if text is None or column not in self.columns:
            return None
        cells = _split_csv_line(text)
        index = self.columns.index(column)
        if isinstance(cells, int) or index >= len(cells):
            return None
        return _cell_span(line, cells[index])


class Row:
    """One record of a data file while it is read: cell texts and where they are."""

    __slots__ = ("_span", "json_spans", "line", "line_text", "origin", "values")

    def __init__(
        self,
        origin: Origin,
        line: int,
        line_text: str,
        values: dict[str, str | None],
        json_spans: Mapping[str, Span] | None = None,
        span: Span | None = None,
    ) -> None:
        self.origin = origin
        self.line = line
        self.line_text = line_text
        self.values = values
        self.json_spans = json_spans
        self._span = span

    @property
    def file(self) -> str:
        """The file name."""
        return self.origin.name

    @property
    def span(self) -> Span:
        """The span of the record: the whole line of a CSV row, the object of a JSON one."""
        if self._span is not None:
            return self._span
        return _line_span(self.line, self.line_text)

    def get(self, column: str) -> str | None:
        """The text of a cell, ``None`` when empty or absent."""
        return self.values.get(column)

    def span_of(self, column: str) -> Span:
        """The span of a cell, or of the row when the cell is absent."""
        if self.json_spans is not None:
            return self.json_spans.get(column) or self.span
        cells = _split_csv_line(self.line_text)
        columns = self.origin.columns
        if isinstance(cells, int) or column not in columns:
            return self.span
        index = columns.index(column)
        return _cell_span(self.line, cells[index]) if index < len(cells) else self.span

    def diagnostic(
        self,
        code: str,
        column: str | None,
        message: str,
        message_zh: str,
        *,
        hint: str | None = None,
        hint_zh: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A diagnostic pointing at a cell of this row (or at the row)."""
        span = self.span if column is None else self.span_of(column)
        line_text = self.line_text
        if span.line != self.line:
            line_text = self.origin.line_text(span.line) or line_text
        return Diagnostic(
            code=code,
            message=message,
            message_zh=message_zh,
            file=self.file,
            span=span,
            line_text=line_text,
            hint=hint,
            hint_zh=hint_zh,
            severity=severity,
        )


def _cell_span(line: int, cell: tuple[str, int, bool]) -> Span:
    value, col, quoted = cell
    col += len(value) - len(value.lstrip()) + (1 if quoted else 0)
    return Span(line, col, line, col + max(len(value.strip()), 1))


def _line_span(line: int, text: str) -> Span:
    return Span(line, 1, line, max(len(text.rstrip("\r\n")), 1) + 1)


def _unreadable(name: str, exc: OSError | ValueError) -> InputError:
    # open() refuses a name holding a NUL with a ValueError rather than an OSError.
    reason = getattr(exc, "strerror", None) or (
        "the name holds a NUL character" if isinstance(exc, ValueError) else str(exc)
    )
    shown = escape_controls(name)
    return InputError(
        [
            Diagnostic(
                code="input/unreadable",
                message=f"cannot read {shown}: {reason}",
                message_zh=f"无法读取 {shown}: {reason}",
                file=name,
                hint="check the path",
                hint_zh="请检查路径",
            )
        ]
    )


def _encoding_error(raw: bytes, offset: int, name: str, line: int, line_start: int) -> InputError:
    """A diagnostic for the first byte of *raw* (from *line_start*) that is not UTF-8."""
    before = raw[line_start:offset]
    column = len(before.decode("utf-8", errors="replace")) + 1
    ends = [at for at in (raw.find(b"\n", offset), raw.find(b"\r", offset)) if at >= 0]
    line_end = min(ends) if ends else len(raw)
    text = raw[line_start:line_end].decode("utf-8", errors="replace")
    return InputError(
        [
            Diagnostic(
                code="input/encoding",
                message=f"the file is not UTF-8 (byte 0x{raw[offset]:02x})",
                message_zh=f"文件不是 UTF-8 编码（字节 0x{raw[offset]:02x}）",
                file=name,
                span=Span.point(line, column),
                line_text=text,
                hint="save the file as UTF-8 (for example from GBK: iconv -f GBK -t UTF-8)",
                hint_zh="请将文件另存为 UTF-8 编码（例如 iconv -f GBK -t UTF-8）",
            )
        ]
    )


def decode_utf8(raw: bytes | str, name: str) -> str:
    """The text of a data file's bytes (a BOM dropped); not UTF-8 is a positioned error."""
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = byte_position(raw, exc.start)
        raise _encoding_error(raw, exc.start, name, line, line_start) from None


def _path_lines(name: str) -> Iterator[str]:
    """The lines of a UTF-8 file, one at a time (a BOM is dropped); never the whole file.

    Lines end at ``\n``, ``\r\n`` or ``\r``, as when the text is read from an open file.
    """
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed in the finally below
    except (OSError, ValueError) as exc:
        raise _unreadable(name, exc) from None
    try:
        for number, raw in enumerate(byte_lines(handle), 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _encoding_error(raw, exc.start, name, number, 0) from None
    finally:
        handle.close()


def _split_csv_line(text: str) -> list[tuple[str, int, bool]] | int:
    """Cells of one CSV line as (text, 1-based column, was quoted); an int is an error column."""
    cells: list[tuple[str, int, bool]] = []
    i, n = 0, len(text)
    while True:
        start = i
        if i < n and text[i] == '"':
            i += 1
            buf: list[str] = []
            while True:  # from quote to quote, not a character at a time
                quote = text.find('"', i)
                if quote < 0:
                    return start + 1  # unterminated quote
                buf.append(text[i:quote])
                if quote + 1 < n and text[quote + 1] == '"':
                    buf.append('"')
                    i = quote + 2
                    continue
                i = quote + 1
                break
            if i < n and text[i] != ",":
                return i + 1
            cells.append(("".join(buf), start + 1, True))
        else:
            j = text.find(",", i)
            j = n if j < 0 else j
            cells.append((text[i:j], start + 1, False))
            i = j
        if i >= n:
            return cells
        i += 1  # the comma
        if i == n:
            cells.append(("", i + 1, False))
            return cells


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
        lines: Iterator[str] = _path_lines(name)
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
        return origin, iter(_json_rows(index, origin, required, optional, what))
    known = list(required) + list(optional)
    columns = _csv_header(name, number, header, required, known, what)
    origin = Origin(name, columns=columns, path=path, lines=index)
    return origin, _csv_rows(origin, lines, number, diags)


def _open(path: str) -> tuple[bytes, str]:
    try:
        with open(path, "rb") as handle:
            return handle.read(), path
    except (OSError, ValueError) as exc:
        raise _unreadable(path, exc) from None


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
    header_cells = _split_csv_line(header_text)
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
                span=_line_span(line_no, header_text),
                line_text=header_text,
                hint="the first row must name the columns: " + ",".join(known),
                hint_zh="第一行须为列名: " + ",".join(known),
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
            cells = _split_csv_line(line_text)
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
                    span=_line_span(line_no, line_text),
                    line_text=line_text,
                    hint="one cell per column of the header: " + ",".join(columns),
                    hint_zh="每列一个单元格: " + ",".join(columns),
                )
            )
            continue
        values = dict(zip(columns, [p.strip() or None for p in parts], strict=True))
        yield Row(origin, line_no, line_text, values)


def _json_rows(
    lines: LineIndex, origin: Origin, required: Sequence[str], optional: Sequence[str], what: str
) -> list[Row]:
    """The objects of a JSON array as rows; every position comes from the one line index."""
    name = origin.name
    text = lines.text

    def _position(offset: int) -> tuple[int, int, str]:
        line, column = lines.position(offset)
        return line, column, lines.line_text(line) or ""

    def fail(offset: int, message: str, message_zh: str, hint: str, hint_zh: str) -> InputError:
        line, col, line_text = _position(offset)
        return InputError(
            [
                Diagnostic(
                    code="input/json",
                    message=message,
                    message_zh=message_zh,
                    file=name,
                    span=Span.point(line, col, offset),
                    line_text=line_text,
                    hint=hint,
                    hint_zh=hint_zh,
                )
            ]
        )

    ws = re.compile(r"\s*")

    def skip(i: int) -> int:
        m = ws.match(text, i)
        return i if m is None else m.end()

    i = skip(0)
    if i >= len(text) or text[i] != "[":
        raise fail(
            i,
            f"a JSON {what} file must be an array of objects",
            f"JSON 格式的 {what} 文件须为对象数组",
            'write [{"id": ...}, ...]',
            '请写成 [{"id": ...}, ...]',
        )
    i = skip(i + 1)
    known = list(required) + list(optional)
    rows: list[Row] = []
    diags: list[Diagnostic] = []
    if i < len(text) and text[i] == "]":
        return rows
    while True:
        start = i
        try:
            obj, end = _json.decode(text, i)
        except _json.JsonProblem as exc:
            if exc.too_deep:
                hint = 'a data file is an array of flat objects: [{"id": ...}, ...]'
                hint_zh = '数据文件应为扁平对象的数组: [{"id": ...}, ...]'
            else:
                hint = "check the brackets, commas and quotes near here"
                hint_zh = "请检查此处附近的括号、逗号和引号"
            raise fail(exc.offset, exc.message, exc.message_zh, hint, hint_zh) from None
        line, col, line_text = _position(start)
        row_span = Span(line, col, line, col + 1, start, start + 1)
        if not isinstance(obj, dict):
            diags.append(
                Diagnostic(
                    code="input/json",
                    message=f"each element of the {what} array must be an object",
                    message_zh=f"{what} 数组的每个元素都须为对象",
                    file=name,
                    span=row_span,
                    line_text=line_text,
                    hint="write {" + ", ".join(f'"{k}": ...' for k in required) + "}",
                )
            )
        else:
            values: dict[str, str | None] = {}
            spans = _KeySpans(lines, start, end)  # worked out if a diagnostic needs them
            for key, value in obj.items():
                if key not in known:
                    span = spans.at(key)
                    diags.append(
                        Diagnostic(
                            code="input/header",
                            message=f"unknown key {key!r} in the {what} file",
                            message_zh=f"{what} 文件中有未知的键 {key!r}",
                            file=name,
                            span=span,
                            line_text=lines.line_text(span.line),
                            hint="the keys are: " + ", ".join(known),
                            hint_zh="键应为: " + ", ".join(known),
                        )
                    )
                    continue
                cell_value, problem = _json_value(value)
                if problem:
                    span = spans.at(key)
                    diags.append(
                        Diagnostic(
                            code="input/json",
                            message=f"{key!r} must be {problem}",
                            message_zh=f"{key!r} 须为{_PROBLEM_ZH[problem]}",
                            file=name,
                            span=span,
                            line_text=lines.line_text(span.line),
                            hint='write dates and ids as strings: "2010-04-30"',
                            hint_zh='日期和标识请写成字符串: "2010-04-30"',
                        )
                    )
                    continue
                values[key] = cell_value
            missing = [k for k in required if k not in obj]
            if missing:
                diags.append(
                    Diagnostic(
                        code="input/header",
                        message=f"this object has no key {', '.join(missing)}",
                        message_zh=f"该对象缺少键 {', '.join(missing)}",
                        file=name,
                        span=row_span,
                        line_text=line_text,
                        hint="every object needs: " + ", ".join(required),
                        hint_zh="每个对象都须有: " + ", ".join(required),
                    )
                )
            else:
                end_line, end_col = lines.position(end)
                span = Span(line, col, end_line, end_col, start, end)
                rows.append(Row(origin, line, line_text, values, spans, span))
        i = skip(end)
        if i < len(text) and text[i] == ",":
            i = skip(i + 1)
            continue
        if i < len(text) and text[i] == "]":
            break
        raise fail(
            i,
            "expected ',' or ']' in the array",
            "数组中此处应为 ',' 或 ']'",
            "separate objects with commas and close the array with ]",
            "对象之间用逗号分隔，数组以 ] 结束",
        )
    if diags:
        raise InputError(diags)
    return rows


_PROBLEM_ZH = {"a string": "字符串", "a string or a list of strings": "字符串或字符串数组"}


# A JSON string (optionally followed by the ':' that makes it a key), or a bracket. Strings
# are matched whole, so a bracket or a quoted key inside a value is never taken for one.
_JSON_PART = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"([ \t\r\n]*:)?|[\[\]{}]')


class _KeySpans(Mapping[str, Span]):
    """The spans of the keys of one JSON object, found on first use.

    Reading a valid file never asks for them; a diagnostic about a cell does.
    """

    __slots__ = ("_end", "_lines", "_offsets", "_start")

    def __init__(self, lines: LineIndex, start: int, end: int) -> None:
        self._lines = lines
        self._start = start
        self._end = end
        self._offsets: dict[str, int] | None = None

    def _found(self) -> dict[str, int]:
        if self._offsets is None:
            self._offsets = _key_offsets(self._lines.text, self._start, self._end)
        return self._offsets

    def __getitem__(self, key: str) -> Span:
        offset = self._found()[key]
        line, column = self._lines.position(offset)
        width = len(json.dumps(key, ensure_ascii=False))
        return Span(line, column, line, column + width, offset, offset + width)

    def at(self, key: str) -> Span:
        """The span of *key*, or of the object's first character if it cannot be found."""
        if key in self._found():
            return self[key]
        line, column = self._lines.position(self._start)
        return Span.point(line, column, self._start)

    def __iter__(self) -> Iterator[str]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


def _key_offsets(text: str, start: int, end: int) -> dict[str, int]:
    """Where each key of the JSON object in ``text[start:end]`` is written (its first time).

    One forward pass over the object, which the decoder has already found well-formed.
    """
    found: dict[str, int] = {}
    depth = 0
    for m in _JSON_PART.finditer(text, start, end):
        ch = text[m.start()]
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif depth == 1 and m.group(1) is not None:
            quoted = m.group(0)[: len(m.group(0)) - len(m.group(1))]
            key = json.loads(quoted) if "\\" in quoted else quoted[1:-1]
            found.setdefault(key, m.start())
    return found


def _json_value(value: Any) -> tuple[str | None, str | None]:
    """A JSON value as cell text; lists of strings join with ``;`` (tags)."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return (";".join(v.strip() for v in value) or None), None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, "a string or a list of strings"
    return None, "a string"


# --------------------------------------------------------------------------- cell parsing

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID = re.compile(r"[\w-]+")


def parse_date(row: Row, column: str, diags: list[Diagnostic]) -> dt.date | None:
    """The date in a cell, or ``None`` after adding a diagnostic."""
    value = row.get(column)
    if value is None:
        diags.append(
            row.diagnostic(
                "input/missing",
                column,
                f"{column} is empty",
                f"{column} 为空",
                hint="write the date as YYYY-MM-DD, for example 2010-04-30",
                hint_zh="日期请写成 YYYY-MM-DD，例如 2010-04-30",
            )
        )
        return None
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    diags.append(
        row.diagnostic(
            "input/bad-date",
            column,
            f"{value!r} is not a date",
            f"{value!r} 不是有效日期",
            hint="write the date as YYYY-MM-DD, for example 2010-04-30",
            hint_zh="日期请写成 YYYY-MM-DD，例如 2010-04-30",
        )
    )
    return None


def require(row: Row, column: str, diags: list[Diagnostic], *, ident: bool = False) -> str | None:
    """The text of a cell that must not be empty (and be an id when ``ident``)."""
    value = row.get(column)
    if value is None:
        diags.append(
            row.diagnostic(
                "input/missing",
                column,
                f"{column} is empty",
                f"{column} 为空",
                hint=f"every row needs a {column}",
                hint_zh=f"每一行都须填写 {column}",
            )
        )
        return None
    if ident and not _ID.fullmatch(value):
        diags.append(
            row.diagnostic(
                "input/bad-id",
                column,
                f"{value!r} is not a valid {column}",
                f"{value!r} 不是有效的 {column}",
                hint="ids are letters (any script), digits, '-' and '_'",
                hint_zh="标识由字母或汉字、数字、'-' 和 '_' 组成",
            )
        )
        return None
    return value


def check_unique(
    seen: dict[str, int], ident: str, row: Row, what: str, diags: list[Diagnostic]
) -> None:
    """Remember *ident*'s line in *seen*; add a diagnostic if it was seen before."""
    first = seen.setdefault(ident, row.line)
    if first == row.line:
        return
    diags.append(
        row.diagnostic(
            "input/duplicate-id",
            "id",
            f"duplicate {what} id {ident!r} (first on line {first})",
            f"{what} 标识 {ident!r} 重复（首次出现在第 {first} 行）",
            hint="give every row its own id",
            hint_zh="每一行须有唯一的标识",
        )
    )


# --------------------------------------------------------------------------- readers


_FILING_REQUIRED = ("id", "agency", "obligation", "filed_on")
_FILING_OPTIONAL = ("period", "recipient", "status")


class _Shared:
    """One copy of each repeated cell text and date, so a million filings stay small."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.dates: dict[str, dt.date] = {}

    def text(self, value: str | None) -> str | None:
        if value is None:
            return None
        return self.texts.setdefault(value, value)

    def date(self, row: Row, column: str, diags: list[Diagnostic]) -> dt.date | None:
        value = row.values.get(column)
        if value is not None:
            found = self.dates.get(value)
            if found is not None:
                return found
        parsed = parse_date(row, column, diags)
        if parsed is not None and value is not None:
            self.dates[value] = parsed
        return parsed


def _ident(row: Row, column: str, diags: list[Diagnostic], shared: _Shared) -> str | None:
    value = row.values.get(column)
    if value is not None and _ID.fullmatch(value):
        return shared.text(value)
    return require(row, column, diags, ident=True)


def read_filings(source: Source) -> tuple[Filing, ...]:
    """Read a filings file (``id,agency,obligation,filed_on,period,recipient,status``).

    ``period``, ``recipient`` and ``status`` may be empty or left out: no period means the
    earliest open one, no recipient means every recipient, no status means ``accepted``.

    Args:
        source: a path or an open file; CSV or JSON (by extension, else by content).

    Returns:
        The filings in file order.

    Raises:
        InputError: with a diagnostic for every bad row; nothing is returned from a bad file.
    """
    return _read_filings(source)


def _read_filings(source: Source) -> tuple[Filing, ...]:
    """The body of :func:`read_filings`."""
    diags: list[Diagnostic] = []
    origin, rows = read_rows(
        source, required=_FILING_REQUIRED, optional=_FILING_OPTIONAL, what="filings", diags=diags
    )
    shared = _Shared()
    out: list[Filing] = []
    seen: dict[str, int] = {}
    accepted = FilingStatus.ACCEPTED
    for row in rows:
        before = len(diags)
        values = row.values
        ident = values.get("id")
        if ident is None or not _ID.fullmatch(ident):
            ident = require(row, "id", diags, ident=True)
        agency = _ident(row, "agency", diags, shared)
        obligation = _ident(row, "obligation", diags, shared)
        filed_on = shared.date(row, "filed_on", diags)
        recipient = values.get("recipient")
        if recipient is not None:
            recipient = _ident(row, "recipient", diags, shared)
        status = accepted
        status_text = values.get("status")
        if status_text is not None:
            found = FILING_STATUS_SPELLINGS.get(status_text.lower())
            if found is None:
                diags.append(
                    row.diagnostic(
                        "input/bad-status",
                        "status",
                        f"unknown status {status_text!r}",
                        f"未知的状态 {status_text!r}",
                        hint="a status is accepted, returned or waived (or empty: accepted)",
                        hint_zh="状态为 accepted(受理)、returned(退回) 或 waived(免报)；空即受理",
                    )
                )
            else:
                status = found
        if ident is not None:
            check_unique(seen, ident, row, "filing", diags)
        if len(diags) > before:
            continue
        assert ident and agency and obligation and filed_on
        out.append(
            Filing(
                id=ident,
                agency=agency,
                obligation=obligation,
                filed_on=filed_on,
                period=shared.text(values.get("period")),
                recipient=recipient,
                status=status,
                line=row.line,
                origin=origin,
                json_spans=row.json_spans,
            )
        )
    if diags:
        raise InputError(diags)
    return tuple(out)


def read_events(source: Source) -> tuple[Event, ...]:
    """Read an events file (``id,agency,event,date``).

    Args:
        source: a path or an open file; CSV or JSON.

    Returns:
        The events in file order.

    Raises:
        InputError: with a diagnostic for every bad row.
    """
    diags: list[Diagnostic] = []
    origin, rows = read_rows(
        source, required=("id", "agency", "event", "date"), what="events", diags=diags
    )
    shared = _Shared()
    out: list[Event] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = len(diags)
        ident = require(row, "id", diags, ident=True)
        agency = _ident(row, "agency", diags, shared)
        event = _ident(row, "event", diags, shared)
        date = shared.date(row, "date", diags)
        if ident is not None:
            check_unique(seen, ident, row, "event", diags)
        if len(diags) > before:
            continue
        assert ident and agency and event and date
        out.append(
            Event(
                id=ident,
                agency=agency,
                event=event,
                date=date,
                line=row.line,
                origin=origin,
                json_spans=row.json_spans,
            )
        )
    if diags:
        raise InputError(diags)
    return tuple(out)


def text_source(text: str, name: str = "<string>") -> IO[str]:
    """An open file over *text*, named *name* in diagnostics (handy for tests and notebooks)."""
    handle = io.StringIO(text)
    handle.name = name
    return handle
