# SPDX-License-Identifier: MIT
"""Filings and events: the facts a ruleset is evaluated against.

Both are read from CSV (UTF-8, a byte-order mark is allowed) or from a JSON array of objects
with the same keys (:mod:`xzjd.facts.table_reader`). Reading checks everything that can be
checked without the ruleset and the agencies (header, dates, statuses, duplicate ids);
:func:`xzjd.engine.evaluate` checks the rest (unknown agency, unknown obligation, a
period label the obligation cannot have) before it evaluates anything. Every problem is a
:class:`~xzjd.errors.Diagnostic` that names the file, the line and the column of the offending
cell, and all problems of a file are reported at once in one :class:`~xzjd.errors.InputError`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import IO

import attrs

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.cells import ID, OBLIGATION_ID, check_unique, parse_date, require
from xzjd.facts.files import Source
from xzjd.facts.rows import Origin, Row
from xzjd.facts.table_reader import read_rows
from xzjd.model import FilingStatus
from xzjd.vocab import FILING_STATUS_SPELLINGS

__all__ = [
    "Event",
    "Filing",
    "FilingStatus",
    "Source",
    "read_events",
    "read_filings",
]


class Located:
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

    def place_of(self, column: str | None) -> str | None:
        """The workbook cell of *column* (``Sheet1!C7``), ``None`` for a text file."""
        if self.origin is None or self.origin.sheet is None:
            return None
        return self.origin.place(self.line, column)

    def span_of(self, column: str) -> Span | None:
        """Where a cell of the record is, when known."""
        if self.json_spans is not None:
            return self.json_spans.get(column)
        if self.origin is None:
            return None
        return self.origin.cell_span(self.line, column)


@attrs.frozen(kw_only=True)
class Filing(Located):
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
class Event(Located):
    """One event (``finding``, ``发现问题``) of an agency on a date; its id labels the period."""

    id: str
    agency: str
    event: str
    date: dt.date
    line: int = attrs.field(default=0, eq=False, repr=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    json_spans: Mapping[str, Span] | None = attrs.field(default=None, eq=False, repr=False)


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


def _ident(
    row: Row, column: str, diags: list[Diagnostic], shared: _Shared, pattern: re.Pattern[str] = ID
) -> str | None:
    value = row.values.get(column)
    if value is not None and pattern.fullmatch(value):
        return shared.text(value)
    return require(row, column, diags, ident=True, pattern=pattern)


def read_filings(
    source: Source, *, encoding: str | None = None, sheet: str | None = None
) -> tuple[Filing, ...]:
    """Read a filings file (``id,agency,obligation,filed_on,period,recipient,status``).

    ``period``, ``recipient`` and ``status`` may be empty or left out: no period means the
    earliest open one, no recipient means every recipient, no status means ``accepted``.

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook (by extension, else
            by content).
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Returns:
        The filings in file order.

    Raises:
        InputError: with a diagnostic for every bad row; nothing is returned from a bad file.
    """
    return _read_filings(source, encoding, sheet)


def _read_filings(source: Source, encoding: str | None, sheet: str | None) -> tuple[Filing, ...]:
    """The body of :func:`read_filings`."""
    diags: list[Diagnostic] = []
    origin, rows = read_rows(
        source,
        required=_FILING_REQUIRED,
        optional=_FILING_OPTIONAL,
        what="filings",
        diags=diags,
        encoding=encoding,
        sheet=sheet,
    )
    shared = _Shared()
    out: list[Filing] = []
    seen: dict[str, int] = {}
    accepted = FilingStatus.ACCEPTED
    for row in rows:
        before = len(diags)
        values = row.values
        ident = values.get("id")
        if ident is None or not ID.fullmatch(ident):
            ident = require(row, "id", diags, ident=True)
        agency = _ident(row, "agency", diags, shared)
        obligation = _ident(row, "obligation", diags, shared, OBLIGATION_ID)
        filed_on = shared.date(row, "filed_on", diags)
        recipient = values.get("recipient")
        if recipient is not None:
            recipient = _ident(row, "recipient", diags, shared)
        status = accepted
        status_text = values.get("status")
        if status_text is not None:
            found = FILING_STATUS_SPELLINGS.get(status_text.lower())
            if found is None:
                diags.append(row.diagnostic("input/bad-status", "status", status_text=status_text))
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


def read_events(
    source: Source, *, encoding: str | None = None, sheet: str | None = None
) -> tuple[Event, ...]:
    """Read an events file (``id,agency,event,date``).

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook.
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Returns:
        The events in file order.

    Raises:
        InputError: with a diagnostic for every bad row.
    """
    diags: list[Diagnostic] = []
    origin, rows = read_rows(
        source,
        required=("id", "agency", "event", "date"),
        what="events",
        diags=diags,
        encoding=encoding,
        sheet=sheet,
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
