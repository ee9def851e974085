# SPDX-License-Identifier: MIT
"""Filings and events as records: one :class:`Filing` or :class:`Event` with its position.

A record keeps its line number and a reference to the :class:`~xzjd.facts.rows.Origin` it
was read from (and, from a JSON file, its cells' spans); ``file``, ``line_text``,
``span_of(column)`` and ``place_of(column)`` work the positions out again when a diagnostic
needs them. Positions are left out of equality.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from xzjd.errors import Span
from xzjd.facts.rows import Origin
from xzjd.model import FilingStatus

__all__ = ["Event", "Filing", "Located"]


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
