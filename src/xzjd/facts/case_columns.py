# SPDX-License-Identifier: MIT
"""Cases as columns: what the columnar case core (:mod:`xzjd.engine.case_core`) reads.

A :class:`CaseColumns` holds the cases of one run as numpy arrays: one entry per case for its
agency and obligation (integer codes into a tuple of their distinct values) and where its rows
begin, and one entry per row, all the cases' rows one after the other in case order, for the
row's event (a code into the distinct event words) and its date (a proleptic ordinal,
:meth:`datetime.date.toordinal`). The ids, the notes and the positions stay with the cases
themselves (``cases[i]``), for the records and for diagnostics.

:func:`case_columns_of` gives the columns of any sequence of cases: a reader that already
holds columns hands them over as they are (the ``columns`` attribute), other cases are
encoded once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from xzjd.facts.case_records import Case
from xzjd.facts.columns import encode

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["CaseColumns", "case_columns_of"]


@attrs.frozen(eq=False)
class CaseColumns:
    """The cases of one run as arrays.

    Per case ``c``: ``agency[c]`` indexes ``agencies`` (the case's agency),
    ``obligation[c]`` indexes ``obligations`` (the obligation of the case's first row, which
    decides its rule), and its rows are ``offsets[c]`` up to ``offsets[c + 1]`` (excluded)
    of the row arrays. Per row ``r``: ``event[r]`` indexes ``events``, ``date[r]`` is the
    row's date as a proleptic ordinal.
    """

    agency: NDArray[np.int32]
    agencies: tuple[str, ...]
    obligation: NDArray[np.int32]
    obligations: tuple[str, ...]
    offsets: NDArray[np.int64]
    event: NDArray[np.int32]
    events: tuple[str, ...]
    date: NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.agency)


_ROWS = itemgetter(3)
_FIRST = itemgetter(0)
_AGENCY = itemgetter(1)
_OBLIGATION = itemgetter(2)
_EVENT = itemgetter(3)
_DATE = itemgetter(4)


def case_columns_of(cases: Sequence[Case]) -> CaseColumns:
    """The columns of *cases*: those a reader made, else encoded from the cases.

    Raises:
        ValueError: a case has no rows (a case read from a file always has one).
    """
    made: Any = getattr(cases, "columns", None)
    if isinstance(made, CaseColumns):
        return made
    n = len(cases)
    rowsets = list(map(_ROWS, cases))
    lengths = np.fromiter(map(len, rowsets), dtype=np.int64, count=n)
    if n and not lengths.all():
        raise ValueError("a case with no rows")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    rows = list(itertools.chain.from_iterable(rowsets))
    agency, agencies = encode(list(map(_AGENCY, cases)))
    firsts = map(_FIRST, rowsets)
    obligation, obligations = encode(list(map(_OBLIGATION, firsts)))
    event, events = encode(list(map(_EVENT, rows)))
    date = np.fromiter(map(dt.date.toordinal, map(_DATE, rows)), dtype=np.int32, count=len(rows))
    return CaseColumns(
        agency=agency,
        agencies=agencies,
        obligation=obligation,
        obligations=obligations,
        offsets=offsets,
        event=event,
        events=events,
        date=date,
    )
