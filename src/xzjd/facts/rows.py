# SPDX-License-Identifier: MIT
"""Records of a data file with their positions: where they came from and where each cell is.

:class:`Origin` is the file a table was read from, shared by all its records; :class:`Row` is
one record while it is read, its cell texts and their spans, and makes the diagnostics that
point at a cell. The CSV line splitter is here because positions are found again from a
line's text: a record keeps its line number, not the positions of its cells.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from xzjd.errors import Diagnostic, InputError, Severity, Span
from xzjd.facts.files import LineFinder, path_line_blocks
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = ["Origin", "Row", "column_letter", "line_span", "split_csv_line"]


def column_letter(index: int) -> str:
    """The letters of a sheet's column *index* (0-based): ``A``, ..., ``Z``, ``AA``..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Origin:
    """Where records came from: the file name, and its lines for diagnostics.

    Records keep a reference to one shared ``Origin`` and their line number instead of their
    own copy of the line and of every cell's position, so a million filings stay small. The
    line text and the cell positions are worked out again when a diagnostic needs them: from
    the text kept in memory, or by reading the file again, through one line index.

    A CSV file read again is decoded in its ``encoding`` (``None``: UTF-8, else GB18030, as
    it was found). The rows of a workbook's ``sheet`` are lines too, their cells joined by
    commas; ``letters`` are the sheet's columns (``A``, ``B``...) in the order of ``columns``,
    and :meth:`place` names a cell as a spreadsheet does (``Sheet1!C7``).
    """

    __slots__ = ("_finder", "_lines", "_path", "columns", "encoding", "letters", "name", "sheet")

    def __init__(
        self,
        name: str,
        *,
        columns: Sequence[str] = (),
        text: str | None = None,
        path: str | None = None,
        lines: LineIndex | None = None,
        encoding: str | None = None,
        sheet: str | None = None,
        letters: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.columns = tuple(columns)
        self._lines = lines if lines is not None or text is None else LineIndex(text)
        self._path = path
        self._finder: LineFinder | None = None
        self.encoding = encoding
        self.sheet = sheet
        self.letters = tuple(letters)

    def place(self, line: int, column: str | None) -> str | None:
        """A workbook cell as ``Sheet1!C7`` (the row ``Sheet1!A7:F7`` when *column* is
        ``None`` or not a column); ``None`` for a text file."""
        if self.sheet is None:
            return None
        if column is not None and column in self.columns:
            return self.cell(line, self.columns.index(column))
        sheet = self._sheet_ref()
        if not self.letters:
            return f"{sheet}!{line}:{line}"
        return f"{sheet}!{self.letters[0]}{line}:{self.letters[-1]}{line}"

    def cell(self, line: int, index: int) -> str:
        """The workbook cell of row *line*, column *index* (0-based): ``Sheet1!C7``."""
        return f"{self._sheet_ref()}!{column_letter(index)}{line}"

    def _sheet_ref(self) -> str:
        """The sheet's name as a cell reference writes it, quoted when it must be."""
        sheet = self.sheet or ""
        if sheet.replace("_", "a").isalnum():
            return sheet
        return "'" + sheet.replace("'", "''") + "'"

    def line_text(self, line: int) -> str | None:
        """The text of a line (1-based), or ``None`` when it cannot be had."""
        if self._lines is None and self._path is not None:
            # The file is found again a block at a time (files.LineFinder), not held whole:
            # the warnings of a run of millions of filings quote a few of its lines.
            if self._finder is None:
                try:
                    self._finder = LineFinder(self._path, self.encoding)
                except (OSError, InputError):  # gone, or changed since it was read
                    return None
            try:
                return self._finder.line_text(line)
            except OSError:
                return None
        if self._lines is None or line < 1:
            return None
        return self._lines.line_text(line)

    def line_texts(self, wanted: Collection[int]) -> dict[int, str]:
        """The texts of the lines *wanted* that can be had, by number.

        A file given by path whose text is not in memory is read again a block at a time,
        and only the lines wanted are kept: a few lines of a file of millions are quoted
        without holding it whole.
        """
        if self._lines is not None or self._path is None:
            found = {n: self.line_text(n) for n in wanted}
            return {n: text for n, text in found.items() if text is not None}
        out: dict[int, str] = {}
        pending = sorted(wanted)
        at = number = 0
        try:
            for block in path_line_blocks(self._path, self.encoding):
                end = number + len(block)
                while at < len(pending) and pending[at] <= end:
                    line = pending[at]
                    if line > number:
                        out[line] = block[line - number - 1]
                    at += 1
                number = end
                if at == len(pending):
                    break
        except InputError:  # the file changed since it was read
            pass
        return out

    def cell_span(self, line: int, column: str) -> Span | None:
        """The span of a CSV cell, found again from the line text."""
        text = self.line_text(line)
        if text is None or column not in self.columns:
            return None
        cells = split_csv_line(text)
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
        return line_span(self.line, self.line_text)

    def get(self, column: str) -> str | None:
        """The text of a cell, ``None`` when empty or absent."""
        return self.values.get(column)

    def span_of(self, column: str) -> Span:
        """The span of a cell, or of the row when the cell is absent."""
        if self.json_spans is not None:
            return self.json_spans.get(column) or self.span
        cells = split_csv_line(self.line_text)
        columns = self.origin.columns
        if isinstance(cells, int) or column not in columns:
            return self.span
        index = columns.index(column)
        return _cell_span(self.line, cells[index]) if index < len(cells) else self.span

    def diagnostic(
        self,
        key: str,
        column: str | None,
        /,
        *,
        severity: Severity | None = None,
        **fields: Any,
    ) -> Diagnostic:
        """The diagnostic of catalogue entry *key* (:mod:`xzjd.messages`), pointing at a
        cell of this row (or at the row)."""
        span = self.span if column is None else self.span_of(column)
        line_text = self.line_text
        if span.line != self.line:
            line_text = self.origin.line_text(span.line) or line_text
        place = None if self.origin.sheet is None else self.origin.place(self.line, column)
        return diagnostic(
            key,
            file=self.file,
            span=span,
            line_text=line_text,
            severity=severity,
            place=place,
            **fields,
        )


def _cell_span(line: int, cell: tuple[str, int, bool]) -> Span:
    value, col, quoted = cell
    col += len(value) - len(value.lstrip()) + (1 if quoted else 0)
    return Span(line, col, line, col + max(len(value.strip()), 1))


def line_span(line: int, text: str) -> Span:
    return Span(line, 1, line, max(len(text.rstrip("\r\n")), 1) + 1)


def split_csv_line(text: str) -> list[tuple[str, int, bool]] | int:
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
