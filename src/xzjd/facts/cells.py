# SPDX-License-Identifier: MIT
"""Cells of a data file read as values: dates, required texts and ids, unique ids.

Each function adds a diagnostic pointing at the cell when the cell is bad, and gives
``None`` (or nothing) so that a reader goes on and reports every problem of a file at once.
"""

from __future__ import annotations

import datetime as dt
import re

from xzjd.errors import Diagnostic
from xzjd.facts.rows import Row

__all__ = ["ID", "OBLIGATION_ID", "check_unique", "iso_date", "parse_date", "require"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: An id: letters (any script), digits, ``-`` and ``_``.
ID = re.compile(r"[\w-]+")
#: An obligation in a filing: an id, or ``ruleset:id`` when several rulesets declare the id.
OBLIGATION_ID = re.compile(r"(?:[\w-]+:)?[\w-]+")


def iso_date(text: str) -> dt.date | None:
    """The date *text* writes as ``YYYY-MM-DD``, or ``None`` (the test of :func:`parse_date`)."""
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def parse_date(row: Row, column: str, diags: list[Diagnostic]) -> dt.date | None:
    """The date in a cell, or ``None`` after adding a diagnostic."""
    value = row.get(column)
    if value is None:
        diags.append(row.diagnostic("input/missing#date", column, column_value=column))
        return None
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    diags.append(row.diagnostic("input/bad-date", column, value=value))
    return None


def require(
    row: Row,
    column: str,
    diags: list[Diagnostic],
    *,
    ident: bool = False,
    pattern: re.Pattern[str] = ID,
) -> str | None:
    """The text of a cell that must not be empty (and match *pattern*, an id, when
    ``ident``)."""
    value = row.get(column)
    if value is None:
        diags.append(row.diagnostic("input/missing#id", column, column_value=column))
        return None
    if ident and not pattern.fullmatch(value):
        diags.append(row.diagnostic("input/bad-id", column, value=value, column_value=column))
        return None
    return value


def check_unique(
    seen: dict[str, int], ident: str, row: Row, what: str, diags: list[Diagnostic]
) -> None:
    """Remember *ident*'s line in *seen*; add a diagnostic if it was seen before."""
    first = seen.setdefault(ident, row.line)
    if first == row.line:
        return
    diags.append(row.diagnostic("input/duplicate-id", "id", what=what, ident=ident, first=first))
