# SPDX-License-Identifier: MIT
"""The warnings of filings for obligations their agency does not owe (the columnar core's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from xzjd.engine.assign import Fate, Placement, misfit_warning
from xzjd.engine.bind import Context
from xzjd.engine.order import FilingOrder
from xzjd.errors import Diagnostic
from xzjd.facts.tables import Filing

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["stray_warnings"]


def stray_warnings(
    ctx: Context,
    order: FilingOrder,
    stray: NDArray[np.bool_],
    filings: Sequence[Filing],
    agency: str | None,
) -> list[Diagnostic]:
    """Filings of obligations their agency does not owe count for nothing: the warnings,
    pair by pair in the order the pairs first appear in the filings.

    *stray* marks, in *order*, the filings of obligations their agency does not owe (or of
    agencies not evaluated); with *agency*, only that agency's are warned about.
    """
    if agency is not None:
        try:
            rank = order.agencies.index(agency)
        except ValueError:
            return []
        stray = stray & (order.rank == rank)
    at = np.flatnonzero(stray)
    if not len(at):
        return []
    key = (order.rank[at].astype(np.int64) << 32) | order.obligation[at].astype(np.int64)
    cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
    starts = [0, *cuts.tolist()]
    ends = [*cuts.tolist(), len(at)]
    position = order.position[at]
    pairs = sorted(
        zip(starts, ends, strict=True), key=lambda se: int(position[se[0] : se[1]].min())
    )
    on, since = ctx.on, ctx.since
    out = []
    for s, e in pairs:
        for p in position[s:e].tolist():
            f = filings[p]
            if f.filed_on <= on:
                placed = Placement(f, Fate.NOT_OWED, None)
                out.append(misfit_warning(placed, (), (), on, since))
    return out
