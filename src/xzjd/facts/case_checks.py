# SPDX-License-Identifier: MIT
"""The checks of the rows of a case events file (:mod:`xzjd.facts.case_reading`): a row's
cells one by one, the caches of checked texts, and the diagnostics of a case's rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from xzjd.errors import Diagnostic
from xzjd.facts.cells import ID, parse_date, require
from xzjd.facts.rows import Row

__all__ = ["back", "learnt", "mismatch", "plain_id", "remember", "row_cells", "split"]

#: At most this many distinct cell texts (agencies, obligations, events, dates, notes) are
#: remembered to share one copy of each and to skip checking them again; past it, cells are
#: checked every time, so memory stays bounded however many different texts a file has.
CACHE_LIMIT = 1 << 16


def plain_id(text: str) -> str | None:
    """*text* if it is an id as it stands (no spaces around it)."""
    return text if ID.fullmatch(text) else None


_T = TypeVar("_T")


def learnt(
    cache: dict[str, _T], texts: set[str], check: Callable[[str], _T | None]
) -> Mapping[str, _T] | None:
    """The values of *texts*: *cache* itself when it has them all; ``None`` if one is bad."""
    new = texts.difference(cache)
    if not new:
        return cache
    found = dict(cache)
    for text in new:
        value = check(text)
        if value is None:
            return None
        found[text] = value
    return found


def remember(cache: dict[str, Any], key: str, value: Any) -> Any:
    """*value*, kept in *cache* under *key* while the cache has room."""
    if len(cache) < CACHE_LIMIT:
        cache[key] = value
    return value


def row_cells(
    row: Row,
    diags: list[Diagnostic],
    names: dict[str, str],
    dates: dict[str, dt.date],
    notes: dict[str, str],
) -> tuple[str, str, str, str, dt.date, str | None] | None:
    """The cells of a row checked one by one, or ``None`` after adding their diagnostics."""
    before = len(diags)
    case = require(row, "case", diags, ident=True)
    texts: list[str | None] = []
    for column in ("agency", "obligation", "event"):
        value = row.get(column)
        if value is not None and value in names:
            texts.append(names[value])
            continue
        value = require(row, column, diags, ident=True)
        texts.append(value if value is None else remember(names, value, value))
    date_text = row.get("date")
    date = None if date_text is None else dates.get(date_text)
    if date is None:
        date = parse_date(row, "date", diags)
        if date is not None and date_text is not None:
            remember(dates, date_text, date)
    note = row.get("note")
    if note is not None:
        note = notes.get(note) or remember(notes, note, note)
    if len(diags) > before:
        return None
    agency, obligation, event = texts
    assert case and agency and obligation and event and date
    return case, agency, obligation, event, date, note


def split(row: Row, case: str, earlier: int) -> Diagnostic:
    return row.diagnostic("input/case-split", "case", case=case, earlier=earlier)


def back(row: Row, case: str, date: dt.date, before: dt.date, line: int) -> Diagnostic:
    return row.diagnostic(
        "input/case-order", "date", case=case, date=date, before=before, line=line
    )


_WHAT_ZH = {"agency": "机关", "obligation": "义务"}


def mismatch(row: Row, case: str, column: str, value: str, first: str, line: int) -> Diagnostic:
    return row.diagnostic(
        "input/case-mismatch",
        column,
        case=case,
        what=column,
        what_zh=_WHAT_ZH[column],
        value=value,
        first=first,
        line=line,
    )
