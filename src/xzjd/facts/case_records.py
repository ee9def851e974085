# SPDX-License-Identifier: MIT
"""The records of a case events file: :class:`CaseRow` (one row) and :class:`Case` (a case's rows).

Both are immutable, made with keywords only, and compare by value with the positions of a
row left out, as the other records of data files; they are tuples underneath (not frozen
attrs classes) because a case events file has millions of rows: the reader makes a row in
about a seventh of the time a frozen attrs class takes. :mod:`xzjd.facts.cases` reads them
from a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from xzjd.errors import Span
from xzjd.facts.rows import Origin
from xzjd.facts.tables import Located

__all__ = ["Case", "CaseRow"]

_R = TypeVar("_R", bound=tuple[Any, ...])


def _unordered(self: object, other: object) -> Any:
    """Records are not ordered (as other records): ``<`` between two is a TypeError."""
    return NotImplemented


def _other(other: object, *, equal: bool) -> bool:
    """A record compared with something of another class: never equal to a tuple (which
    would compare the values), else up to the other side."""
    if isinstance(other, tuple):
        return not equal
    unknown: bool = NotImplemented
    return unknown


class _CaseRowFields(NamedTuple):
    case: str
    agency: str
    obligation: str
    event: str
    date: dt.date
    note: str | None
    line: int
    origin: Origin | None
    json_spans: Mapping[str, Span] | None


class CaseRow(_CaseRowFields, Located):
    """One row of a case: on ``date``, ``event`` happened to case ``case``.

    ``note`` is the row's free text: the reason of a pause, who approved an extension.
    Positions (``line``, ``origin``) are left out of equality; ``file``, ``line_text`` and
    ``span_of(column)`` give them back for diagnostics.

    Made as ``CaseRow(case=..., agency=..., ...)`` (keywords only) and immutable, like the
    other records, but a tuple underneath: a case events file has millions of rows, and a
    tuple is made several times faster than a frozen class.
    """

    __slots__ = ()

    def __new__(
        cls,
        *,
        case: str,
        agency: str,
        obligation: str,
        event: str,
        date: dt.date,
        note: str | None = None,
        line: int = 0,
        origin: Origin | None = None,
        json_spans: Mapping[str, Span] | None = None,
    ) -> CaseRow:
        values = (case, agency, obligation, event, date, note, line, origin, json_spans)
        return tuple.__new__(cls, values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return _other(other, equal=True)
        assert isinstance(other, CaseRow)
        return self[:6] == other[:6]

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return _other(other, equal=False)
        assert isinstance(other, CaseRow)
        return self[:6] != other[:6]

    def __hash__(self) -> int:
        return hash(self[:6])

    __lt__ = __le__ = __gt__ = __ge__ = _unordered

    def __repr__(self) -> str:
        return (
            f"CaseRow(case={self.case!r}, agency={self.agency!r}, "
            f"obligation={self.obligation!r}, event={self.event!r}, date={self.date!r}, "
            f"note={self.note!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (CaseRow, tuple(self)))


class _CaseFields(NamedTuple):
    id: str
    agency: str
    obligation: str
    rows: tuple[CaseRow, ...]


class Case(_CaseFields):
    """The rows of one case, in date order (rows of one day in file order).

    Made as ``Case(id=..., agency=..., obligation=..., rows=...)`` (keywords only, any
    iterable of rows) and immutable; a tuple underneath, as :class:`CaseRow` is.
    """

    __slots__ = ()

    def __new__(cls, *, id: str, agency: str, obligation: str, rows: Iterable[CaseRow]) -> Case:
        return tuple.__new__(cls, (id, agency, obligation, tuple(rows)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return _other(other, equal=True)
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return _other(other, equal=False)
        return tuple.__ne__(self, other)

    __hash__ = tuple.__hash__
    __lt__ = __le__ = __gt__ = __ge__ = _unordered

    def __repr__(self) -> str:
        return (
            f"Case(id={self.id!r}, agency={self.agency!r}, obligation={self.obligation!r}, "
            f"rows={self.rows!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (Case, tuple(self)))


def _rebuild(cls: type[_R], values: tuple[Any, ...]) -> _R:
    """A record from its values (for pickle)."""
    return tuple.__new__(cls, values)
