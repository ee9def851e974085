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
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, cast

from xzjd.errors import Diagnostic, Span
from xzjd.facts.cells import ID, OBLIGATION_ID, parse_date, require
from xzjd.facts.column_coders import Coder, Dates, Statuses, Texts
from xzjd.facts.column_reading import RowCheck, Spec, read_columns
from xzjd.facts.columns import FilingColumns
from xzjd.facts.files import Source
from xzjd.facts.filing_table import FilingTable
from xzjd.facts.records import Event, Filing, Located
from xzjd.facts.rows import Row
from xzjd.model import FilingStatus
from xzjd.vocab import FILING_STATUS_SPELLINGS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Event",
    "Filing",
    "FilingStatus",
    "FilingTable",
    "Located",
    "Source",
    "read_events",
    "read_filings",
]


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


def _filing_checks() -> RowCheck:
    """The checks of one filings row (a fresh cache of texts and dates a reading)."""
    shared = _Shared()
    accepted = FilingStatus.ACCEPTED

    def check(row: Row, diags: list[Diagnostic]) -> tuple[str | None, tuple[Any, ...] | None]:
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
        if len(diags) > before:
            return ident, None
        period = shared.text(values.get("period"))
        return ident, (agency, obligation, filed_on, period, recipient, status)

    return check


def _filing_coders() -> dict[str, Coder]:
    """The columns of a filings file but ``id``, in the order of the checks' values."""
    return {
        "agency": Texts(pattern=ID, required=True),
        "obligation": Texts(pattern=OBLIGATION_ID, required=True),
        "filed_on": Dates(),
        "period": Texts(),
        "recipient": Texts(pattern=ID),
        "status": Statuses(),
    }


_FILINGS = Spec(
    "filings", "filing", _FILING_REQUIRED, _FILING_OPTIONAL, _filing_coders, _filing_checks
)


def read_filings(
    source: Source, *, encoding: str | None = None, sheet: str | None = None
) -> FilingTable:
    """Read a filings file (``id,agency,obligation,filed_on,period,recipient,status``).

    ``period``, ``recipient`` and ``status`` may be empty or left out: no period means the
    earliest open one, no recipient means every recipient, no status means ``accepted``.

    The filings are read into columns (:mod:`xzjd.facts.column_reading`) and each
    :class:`Filing` is made when it is asked for (:class:`FilingTable`).

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook (by extension, else
            by content).
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Returns:
        The filings in file order, a sequence of :class:`Filing` whose ``columns`` are the
        :class:`~xzjd.facts.columns.FilingColumns` of the file.

    Raises:
        InputError: with a diagnostic for every bad row; nothing is returned from a bad file.
    """
    table = read_columns(source, _FILINGS, encoding=encoding, sheet=sheet)
    codes, texts = table.codes, table.texts

    def int32(name: str) -> NDArray[np.int32]:
        return cast("NDArray[np.int32]", codes[name])

    columns = FilingColumns(
        agency=int32("agency"),
        agencies=texts["agency"],
        obligation=int32("obligation"),
        obligations=texts["obligation"],
        filed_on=int32("filed_on"),
        period=int32("period"),
        periods=texts["period"],
        recipient=int32("recipient"),
        recipients=texts["recipient"],
        status=cast("NDArray[np.int8]", codes["status"]),
        line=table.lines,
    )
    return FilingTable(columns, table.ids, table.origin, table.spans)


def _event_checks() -> RowCheck:
    """The checks of one events row."""
    shared = _Shared()

    def check(row: Row, diags: list[Diagnostic]) -> tuple[str | None, tuple[Any, ...] | None]:
        before = len(diags)
        ident = require(row, "id", diags, ident=True)
        agency = _ident(row, "agency", diags, shared)
        event = _ident(row, "event", diags, shared)
        date = shared.date(row, "date", diags)
        if len(diags) > before:
            return ident, None
        return ident, (agency, event, date)

    return check


def _event_coders() -> dict[str, Coder]:
    return {
        "agency": Texts(pattern=ID, required=True),
        "event": Texts(pattern=ID, required=True),
        "date": Dates(),
    }


_EVENTS = Spec(
    "events", "event", ("id", "agency", "event", "date"), (), _event_coders, _event_checks
)


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
    table = read_columns(source, _EVENTS, encoding=encoding, sheet=sheet)
    codes, texts = table.codes, table.texts
    dates: dict[int, dt.date] = {}
    origin = table.origin
    spans: Iterable[Mapping[str, Span] | None] = (
        itertools.repeat(None) if table.spans is None else table.spans
    )
    return tuple(
        Event(
            id=ident,
            agency=texts["agency"][agency],
            event=texts["event"][event],
            date=dates.get(day) or dates.setdefault(day, dt.date.fromordinal(day)),
            line=line,
            origin=origin,
            json_spans=span,
        )
        for ident, agency, event, day, line, span in zip(
            table.ids,
            codes["agency"].tolist(),
            codes["event"].tolist(),
            codes["date"].tolist(),
            table.lines.tolist(),
            spans,
            strict=False,
        )
    )


def text_source(text: str, name: str = "<string>") -> IO[str]:
    """An open file over *text*, named *name* in diagnostics (handy for tests and notebooks)."""
    handle = io.StringIO(text)
    handle.name = name
    return handle
