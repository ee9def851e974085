# SPDX-License-Identifier: MIT
"""What the notice reader holds while it reads, and how it reports a problem.

A holiday item is read from :class:`Piece` s of lines; what is read keeps its place
(:class:`Where`, :class:`DateAt`) so that every diagnostic points at the line and the
column. :class:`Item` gathers the facts of one holiday item clause by clause,
:class:`OpenNotice` the items of the notice being read. :class:`Reporter` records the
diagnostics; :meth:`Reporter.fail` abandons the item in hand (:class:`Abandon`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from xzjd.errors import Diagnostic, Span
from xzjd.messages import diagnostic


@attrs.define
class Piece:
    """A stretch of one line that belongs to a holiday item."""

    line: int  # 1-based
    col0: int  # 0-based offset of the piece in the line
    text: str  # normalised
    raw: str  # the whole original line


@attrs.define
class Where:
    piece: Piece
    start: int
    end: int


@attrs.define
class DateAt:
    date: dt.date
    where: Where


class Abandon(Exception):
    """An item has an error (already recorded); drop the item."""


@attrs.define
class Item:
    """The facts of one holiday item, gathered clause by clause."""

    name: str | None
    where: Where | None
    pieces: list[Piece] = attrs.Factory(list)
    rest: dict[dt.date, Where] = attrs.Factory(dict)
    work: dict[dt.date, Where] = attrs.Factory(dict)
    moved: dict[dt.date, Where] = attrs.Factory(dict)  # weekend days whose rest was moved
    inside: list[DateAt] = attrs.Factory(list)  # days the text says lie in the period
    resume: DateAt | None = None
    count: tuple[int, Where] | None = None
    join_weekend: Where | None = None
    extend_to: DateAt | None = None
    context: tuple[int, int] | None = None  # year and month of the last date read
    span: tuple[dt.date, dt.date] | None = None  # the last range read


@attrs.define
class OpenNotice:
    """A notice being read."""

    title: str
    title_where: Where
    year: int | None
    number: str | None = None
    holiday: str | None = None  # the holiday the title names, for paragraphs of bare dates
    errors_before: int = 0  # diagnostics recorded before the title
    items: list[Item] = attrs.Factory(list)


class Reporter:
    """The diagnostics of one text: every problem found, each at its place."""

    file: str
    diagnostics: list[Diagnostic]

    def error(self, where: Where | None, key: str, /, **fields: Any) -> None:
        """Add the error of catalogue entry *key* (:mod:`xzjd.messages`) at *where*.

        Every problem of a notice is a difference from the text as published: an entry with
        no hint of its own says to compare it with the notice as published.
        """
        span = line_text = None
        if where is not None:
            col = where.piece.col0 + where.start + 1
            width = max(where.end - where.start, 1)
            span = Span(where.piece.line, col, where.piece.line, col + width)
            line_text = where.piece.raw
        self.diagnostics.append(
            diagnostic(key, file=self.file, span=span, line_text=line_text, **fields)
        )

    def fail(self, where: Where | None, key: str, /, **fields: Any) -> Abandon:
        self.error(where, key, **fields)
        return Abandon()
