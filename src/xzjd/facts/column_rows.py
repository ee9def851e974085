# SPDX-License-Identifier: MIT
"""What the records of a file held as columns share: :class:`~xzjd.facts.filing_table.
FilingTable` (filings) and :class:`~xzjd.facts.case_table.CaseList` (cases) each make an item
from the columns when it is read; iterating makes a batch at a time, they compare with any
sequence item by item, and hash and print alike."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar, TypeVar

from xzjd.facts.rows import Origin
from xzjd.text.indexes import same_items

__all__ = ["ColumnRows"]

T = TypeVar("T")


class ColumnRows(Sequence[T]):
    """A sequence of records held as columns, each made when read (by :meth:`_made`)."""

    __slots__ = ()

    #: Records made at a time while iterating.
    batch: ClassVar[int] = 4096
    #: What the records are, for ``repr``.
    noun: ClassVar[str] = "records"
    origin: Origin | None

    def _made(self, start: int, stop: int) -> list[T]:
        """Records ``start:stop`` (in range), made from the columns."""
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        n = len(self)
        for at in range(0, n, self.batch):
            yield from self._made(at, min(n, at + self.batch))

    def __eq__(self, other: object) -> bool:
        return same_items(self, other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        where = "" if self.origin is None else f" from {self.origin.name}"
        return f"<{type(self).__name__}: {len(self)} {self.noun}{where}>"
