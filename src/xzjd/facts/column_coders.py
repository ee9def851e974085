# SPDX-License-Identifier: MIT
"""The coders of :mod:`xzjd.facts.column_reading`: a column's raw cells checked and coded.

A coder turns a block's raw cells (the text between two commas) into an array of codes,
checking each distinct raw text once a file (a dictionary from raw text to code); it gives
``None`` when a cell is bad, and the block is then read a row at a time. It also codes the
values the row checks found good (:meth:`Coder.code`), so that both paths give the same
codes. Texts are coded by their distinct values, dates as proleptic ordinals, statuses by
their place in :data:`~xzjd.facts.columns.STATUS_ORDER`.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from xzjd.facts.cells import ID, OBLIGATION_ID, iso_date
from xzjd.facts.columns import NONE, STATUS_ORDER
from xzjd.model import FilingStatus
from xzjd.vocab import FILING_STATUS_SPELLINGS

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Coder", "Dates", "Statuses", "Texts"]


class Coder(Protocol):
    """A column of a table: its cells checked and coded, a block or a value at a time."""

    @property
    def dtype(self) -> type[np.integer[Any]]:
        """The type of the codes."""

    def cells(self, cells: list[str]) -> NDArray[np.integer[Any]] | None:
        """The codes of a block's raw cells, or ``None`` if a cell needs the row path."""

    def code(self, value: Any) -> int:
        """The code of a value the row checks found good."""

    def raw_code(self, cell: str) -> int | None:
        """The code of a raw cell seen for the first time, ``None`` when it is bad."""

    def raw_codes(self, cells: list[str]) -> list[int | None]:
        """:meth:`raw_code` of each of *cells*, distinct raw cells seen for the first time."""

    def absent(self, n: int) -> NDArray[np.integer[Any]]:
        """The codes of *n* records of a file without the column."""


def _coded(
    raw: dict[str, int], cells: list[str], dtype: Any, new: Callable[[str], int | None]
) -> NDArray[Any] | None:
    """The codes of *cells* by their raw text (*raw*); a raw text not seen before is given
    its code by *new* (``None``: the cell is bad, and so is the block)."""
    codes = list(map(raw.get, cells))  # one look-up a cell: most are known
    if None in codes:
        for cell in set(cells).difference(raw):
            found = new(cell)
            if found is None:
                return None
            raw[cell] = found
        codes = list(map(raw.__getitem__, cells))
    return np.array(codes, dtype)


def _ordinal(cell: str) -> int | None:
    """The ordinal of a date cell, ``None`` when it is no date."""
    found = iso_date(cell.strip())
    return None if found is None else found.toordinal()


def _status_code(cell: str) -> int | None:
    """The code of a status cell (empty: accepted), ``None`` when it is no status."""
    value = cell.strip()
    status = FILING_STATUS_SPELLINGS.get(value.lower()) if value else FilingStatus.ACCEPTED
    return None if status is None else _STATUS_CODE[status]


class Texts:
    """Texts that repeat, coded by their distinct values (``None``: :data:`NONE`).

    A raw cell is stripped; an empty one is ``None`` (refused when *required*), any other must
    match *pattern* (when given). Raw cells already seen are looked up, not checked again.
    """

    __slots__ = ("codes", "indexed", "pattern", "raw", "required", "texts")
    dtype = np.int32

    def __init__(self, *, pattern: re.Pattern[str] | None = None, required: bool = False) -> None:
        self.pattern = pattern
        self.required = required
        self.texts: list[str] = []
        self.codes: dict[str, int] = {}  # the code of each of texts[:indexed]
        self.indexed = 0
        self.raw: dict[str, int] = {}

    def _index(self) -> None:
        """Put the texts :meth:`raw_codes` added in bulk in :attr:`codes`."""
        texts, at = self.texts, self.indexed
        self.codes.update(zip(texts[at:], range(at, len(texts)), strict=True))
        self.indexed = len(texts)

    def code(self, value: str | None) -> int:
        if value is None:
            return NONE
        if self.indexed < len(self.texts):
            self._index()
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.texts)
            self.texts.append(value)
            self.indexed += 1
        return found

    def cells(self, cells: list[str]) -> NDArray[np.int32] | None:
        return _coded(self.raw, cells, np.int32, self.raw_code)

    def raw_code(self, cell: str) -> int | None:
        value = cell.strip()
        if not value:
            return None if self.required else NONE
        if self.pattern is None or self.pattern.fullmatch(value):
            return self.code(value)
        return None

    def raw_codes(self, cells: list[str]) -> list[int | None]:
        # Cells without spaces around them, none empty, all good: their own values, coded
        # in bulk (a registry of 300,000 agencies brings as many new cells).
        if "" in cells or list(map(str.strip, cells)) != cells or not self._good(cells):
            return list(map(self.raw_code, cells))
        codes, texts = self.codes, self.texts
        found: list[int | None] = list(map(codes.get, cells))
        n = len(texts)
        if found.count(None) == len(cells):
            # All new (the usual case): coded n, n + 1... and put in codes when code() is
            # next called. None of them can be among the texts added in bulk before: a raw
            # cell is new to the byte path once, and these are their own values.
            texts.extend(cells)
            return list(range(n, n + len(cells)))
        self._index()
        found = list(map(codes.get, cells))
        new = list(itertools.compress(cells, map(operator.is_, found, itertools.repeat(None))))
        numbers = range(n, n + len(new))
        codes.update(zip(new, numbers, strict=True))
        texts.extend(new)
        self.indexed = len(texts)
        given = iter(numbers)  # the new cells in order: each is distinct
        return [next(given) if code is None else code for code in found]

    def _good(self, cells: list[str]) -> bool:
        """Whether every one of *cells* matches the pattern."""
        pattern = self.pattern
        if pattern is None:
            return True
        joined = _JOINED.get(pattern)
        if joined is not None:  # one match over the cells joined by line breaks
            return joined.fullmatch("\n".join(cells)) is not None
        return all(map(pattern.fullmatch, cells))

    def absent(self, n: int) -> NDArray[np.int32]:
        return np.full(n, NONE, np.int32)


#: Patterns of cells that never match a line break, and the pattern of such cells joined by
#: line breaks.
_JOINED = {
    ID: re.compile(r"[\w-]+(?:\n[\w-]+)*"),
    OBLIGATION_ID: re.compile(r"(?:[\w-]+:)?[\w-]+(?:\n(?:[\w-]+:)?[\w-]+)*"),
}


class Dates:
    """Dates (:func:`~xzjd.facts.cells.iso_date`'s spellings) as proleptic ordinals; a
    spelling is parsed once a file."""

    __slots__ = ("raw",)
    dtype = np.int32

    def __init__(self) -> None:
        self.raw: dict[str, int] = {}

    def code(self, value: Any) -> int:
        return int(value.toordinal())

    def raw_code(self, cell: str) -> int | None:
        return _ordinal(cell)

    def raw_codes(self, cells: list[str]) -> list[int | None]:
        return list(map(_ordinal, cells))

    def cells(self, cells: list[str]) -> NDArray[np.int32] | None:
        return _coded(self.raw, cells, np.int32, _ordinal)

    def absent(self, n: int) -> NDArray[np.int32]:
        raise AssertionError("unreachable: a date column is required")


_STATUS_CODE = {s: i for i, s in enumerate(STATUS_ORDER)}
_ACCEPTED = _STATUS_CODE[FilingStatus.ACCEPTED]


class Statuses:
    """Filing statuses as codes into :data:`~xzjd.facts.columns.STATUS_ORDER` (an empty cell
    is ``accepted``)."""

    __slots__ = ("raw",)
    dtype = np.int8

    def __init__(self) -> None:
        self.raw: dict[str, int] = {}

    def code(self, value: FilingStatus) -> int:
        return _STATUS_CODE[value]

    def raw_code(self, cell: str) -> int | None:
        return _status_code(cell)

    def raw_codes(self, cells: list[str]) -> list[int | None]:
        return list(map(_status_code, cells))

    def cells(self, cells: list[str]) -> NDArray[np.int8] | None:
        return _coded(self.raw, cells, np.int8, _status_code)

    def absent(self, n: int) -> NDArray[np.int8]:
        return np.full(n, _ACCEPTED, np.int8)
