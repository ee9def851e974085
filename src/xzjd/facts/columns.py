# SPDX-License-Identifier: MIT
"""Filings as columns: what the columnar evaluation core reads.

A :class:`FilingColumns` holds the filings of one run as numpy arrays, one entry per filing
in file order: texts that repeat (agency, obligation, period, recipient) as integer codes
into a tuple of their distinct values, dates as proleptic ordinals
(:meth:`datetime.date.toordinal`), statuses as codes into :data:`STATUS_ORDER`. The ids and
the positions stay with the filings themselves (``filings[i]``) for diagnostics.

:func:`columns_of` gives the columns of any sequence of filings: a reader that already holds
columns hands them over as they are (the ``columns`` attribute), other filings are encoded
once.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from xzjd.model import FilingStatus

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from xzjd.facts.tables import Filing

__all__ = ["NONE", "STATUS_ORDER", "FilingColumns", "columns_of", "encode"]

#: The code of an empty cell (no period named, no recipient named).
NONE = -1

#: The filing statuses in the order of their codes.
STATUS_ORDER: tuple[FilingStatus, ...] = tuple(FilingStatus)


@attrs.frozen(eq=False)
class FilingColumns:
    """The filings of one run, one array entry per filing, in file order.

    ``agency[i]`` is an index into ``agencies`` (likewise ``obligation`` into
    ``obligations``); ``period[i]`` and ``recipient[i]`` index ``periods`` and
    ``recipients``, or are :data:`NONE` for an empty cell. ``filed_on`` holds proleptic
    ordinals, ``status`` indexes :data:`STATUS_ORDER`, ``line`` the filing's line.
    """

    agency: NDArray[np.int32]
    agencies: tuple[str, ...]
    obligation: NDArray[np.int32]
    obligations: tuple[str, ...]
    filed_on: NDArray[np.int32]
    period: NDArray[np.int32]
    periods: tuple[str, ...]
    recipient: NDArray[np.int32]
    recipients: tuple[str, ...]
    status: NDArray[np.int8]
    line: NDArray[np.int32]
    #: The filings' ids, when they come with the columns (``None``: the filings' own
    #: ``ids``, as a :class:`~xzjd.facts.filing_table.FilingTable` holds them, else
    #: ``filings[i].id``).
    ids: Sequence[str] | None = None

    def __len__(self) -> int:
        return len(self.filed_on)


def encode(values: Sequence[str | None]) -> tuple[NDArray[np.int32], tuple[str, ...]]:
    """Codes for *values* (``None``: :data:`NONE`) and the distinct values they index, in
    the order they are first seen."""
    codes: dict[str | None, int] = dict.fromkeys(values, NONE)
    codes.pop(None, None)
    for i, value in enumerate(codes):
        codes[value] = i  # a key set again: the dict does not change size
    distinct = tuple(codes)
    codes[None] = NONE
    out = np.fromiter(map(codes.__getitem__, values), dtype=np.int32, count=len(values))
    return out, distinct  # type: ignore[return-value]


_ORDINAL = attrgetter("filed_on")
_STATUS_CODE = {s: i for i, s in enumerate(STATUS_ORDER)}


def columns_of(filings: Sequence[Filing]) -> FilingColumns:
    """The columns of *filings*: those a reader made, else encoded from the filings."""
    made: Any = getattr(filings, "columns", None)
    if isinstance(made, FilingColumns):
        return made
    n = len(filings)
    agency, agencies = encode([f.agency for f in filings])
    obligation, obligations = encode([f.obligation for f in filings])
    period, periods = encode([f.period for f in filings])
    recipient, recipients = encode([f.recipient for f in filings])
    return FilingColumns(
        agency=agency,
        agencies=agencies,
        obligation=obligation,
        obligations=obligations,
        filed_on=np.fromiter(
            (d.toordinal() for d in map(_ORDINAL, filings)), dtype=np.int32, count=n
        ),
        period=period,
        periods=periods,
        recipient=recipient,
        recipients=recipients,
        status=np.fromiter((_STATUS_CODE[f.status] for f in filings), dtype=np.int8, count=n),
        line=np.fromiter((f.line for f in filings), dtype=np.int32, count=n),
    )
