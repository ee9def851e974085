# SPDX-License-Identifier: MIT
"""Cells of a data file read as values: dates, required texts and ids, unique ids.

A date cell is written in one of the spellings offices use, all meaning the calendar date:

* ``2025-10-27`` (ISO 8601, the one xzjd writes);
* ``2025-2-5``, ``2025/10/27``, ``2025/2/5``, ``2025.2.5``: year, month, day with ``-``,
  ``/`` or ``.`` between them (the same one twice), month and day of one or two digits;
* ``2025年11月3日``, also ``2025年 11月 3日`` (spaces between the parts).

Year first always: ``27/10/2025`` and ``10/27/2025`` are refused, being read one way in one
country and the other way in another; so is ``20251027``, which is also a number. A
spelling that names no day (``2025-02-30``) is an error like any bad date.

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
_OTHER_DATE = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4}) *年 *(\d{1,2}) *月 *(\d{1,2}) *日", re.ASCII
)
#: An id: letters (any script), digits, ``-`` and ``_``.
ID = re.compile(r"[\w-]+")
#: An obligation in a filing: an id, or ``ruleset:id`` when several rulesets declare the id.
OBLIGATION_ID = re.compile(r"(?:[\w-]+:)?[\w-]+")


def iso_date(text: str) -> dt.date | None:
    """The date *text* writes in one of the spellings of a date cell (module docstring), or
    ``None`` (the test of :func:`parse_date`)."""
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    found = _OTHER_DATE.fullmatch(text)
    if found is None:
        return None
    year, _, month, day, zh_year, zh_month, zh_day = found.groups()
    try:
        if year is not None:
            return dt.date(int(year), int(month), int(day))
        return dt.date(int(zh_year), int(zh_month), int(zh_day))
    except ValueError:
        return None


def parse_date(row: Row, column: str, diags: list[Diagnostic]) -> dt.date | None:
    """The date in a cell, or ``None`` after adding a diagnostic."""
    value = row.get(column)
    if value is None:
        diags.append(row.diagnostic("input/missing#date", column, column_value=column))
        return None
    found = iso_date(value)
    if found is not None:
        return found
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
