# SPDX-License-Identifier: MIT
"""The filings of a file as columns, each :class:`~xzjd.facts.records.Filing` made on access.

:func:`xzjd.read_filings` gives a :class:`FilingTable`: a sequence of filings (length,
index, slice, iteration, equality with a tuple or list of filings) that holds numpy columns
(:class:`~xzjd.facts.columns.FilingColumns`, its ``columns``, what the evaluation core reads)
and the ids as one text (:class:`~xzjd.facts.column_reading.Ids`), not a Python object a
filing. A filing is built when it is asked for, equal to the one a row-by-row reading made,
with its line and origin (and, from a JSON file, its cells' spans) for diagnostics.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from xzjd.errors import Span
from xzjd.facts.column_reading import Ids
from xzjd.facts.column_rows import ColumnRows
from xzjd.facts.columns import STATUS_ORDER, FilingColumns
from xzjd.facts.records import Filing
from xzjd.facts.rows import Origin
from xzjd.text.indexes import position

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["FilingTable"]


class FilingTable(ColumnRows[Filing]):
    """Filings in file order, held as columns; ``table[i]`` builds filing *i*.

    Attributes:
        columns: the filings as numpy columns (:class:`~xzjd.facts.columns.FilingColumns`).
        ids: the filings' ids, a sequence of strings.
        origin: the file the filings were read from (``None``: made in code).
    """

    __slots__ = ("_spans", "_with_none", "columns", "ids", "origin")

    batch = 4096
    noun = "filings"

    def __init__(
        self,
        columns: FilingColumns,
        ids: Ids,
        origin: Origin | None = None,
        spans: Sequence[Mapping[str, Span] | None] | None = None,
    ) -> None:
        self.columns = columns
        self.ids = ids
        self.origin = origin
        self._spans = spans
        self._with_none: tuple[tuple[str | None, ...], tuple[str | None, ...]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Filing: ...

    @overload
    def __getitem__(self, index: slice) -> FilingTable: ...

    def __getitem__(self, index: int | slice) -> Filing | FilingTable:
        if isinstance(index, slice):
            return self._part(index)
        at = position(index, len(self), "filing")
        (filing,) = self._made(at, at + 1)
        return filing

    def _part(self, index: slice) -> FilingTable:
        """The filings of a slice, as a table over the same distinct values."""
        c = self.columns
        spans = None if self._spans is None else self._spans[index]
        part = FilingColumns(
            agency=c.agency[index],
            agencies=c.agencies,
            obligation=c.obligation[index],
            obligations=c.obligations,
            filed_on=c.filed_on[index],
            period=c.period[index],
            periods=c.periods,
            recipient=c.recipient[index],
            recipients=c.recipients,
            status=c.status[index],
            line=c.line[index],
        )
        return FilingTable(part, self.ids[index], self.origin, spans)

    def taken(self, positions: NDArray[np.integer[Any]]) -> list[Filing]:
        """The filings at *positions* (in range), made from the columns at once."""
        ids: Any = self.ids
        at = positions.tolist()
        if isinstance(getattr(ids, "text", None), str):
            text = ids.text
            starts, ends = ids.starts[positions].tolist(), ids.ends[positions].tolist()
            idents: list[str] = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        else:
            idents = [ids[p] for p in at]
        spans = None if self._spans is None else [self._spans[p] for p in at]
        return self._made_at(positions, idents, spans)

    def _made(self, start: int, stop: int) -> list[Filing]:
        """Filings ``start:stop`` (in range), made from the columns."""
        spans = None if self._spans is None else self._spans[start:stop]
        return self._made_at(slice(start, stop), self.ids.between(start, stop), spans)

    def _made_at(
        self,
        index: slice | NDArray[np.integer[Any]],
        idents: Sequence[str],
        given: Sequence[Mapping[str, Span] | None] | None,
    ) -> list[Filing]:
        """The filings at *index* of the columns, with their *idents* and spans."""
        c = self.columns
        if self._with_none is None:  # code -1 (NONE) is the last item: None (made once)
            self._with_none = ((*c.periods, None), (*c.recipients, None))
        periods, recipients = self._with_none
        spans: Any = itertools.repeat(None) if given is None else given
        origin = self.origin
        return [
            Filing(
                id=ident,
                agency=agency,
                obligation=obligation,
                filed_on=filed_on,
                period=period,
                recipient=recipient,
                status=status,
                line=line,
                origin=origin,
                json_spans=span,
            )
            for ident, agency, obligation, filed_on, period, recipient, status, line, span in zip(
                idents,
                _texts(c.agencies, c.agency[index]),
                _texts(c.obligations, c.obligation[index]),
                map(dt.date.fromordinal, c.filed_on[index].tolist()),
                _texts(periods, c.period[index]),
                _texts(recipients, c.recipient[index]),
                _texts(STATUS_ORDER, c.status[index]),
                c.line[index].tolist(),
                spans,
                strict=False,
            )
        ]


def _texts(values: Sequence[Any], codes: NDArray[np.integer[Any]]) -> Iterator[Any]:
    """The values the *codes* index."""
    return map(values.__getitem__, codes.tolist())
