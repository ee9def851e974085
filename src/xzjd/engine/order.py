# SPDX-License-Identifier: MIT
"""The filings of one set of facts sorted once, as columns: by agency id, obligation id,
date and line (:class:`FilingOrder`), what the evaluation core groups by instead of dicts of
lists; and the distinct values of the filing columns checked once each (:func:`suspect`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy as np

from xzjd.facts.columns import NONE, FilingColumns
from xzjd.model import AfterEvent, Obligation

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["FilingOrder", "filing_order", "group_positions", "suspect"]


@attrs.frozen(eq=False)
class FilingOrder:
    """The filings in (agency id, obligation id, filed_on, line) order, file order on ties.

    Every array has one entry per filing, in that order: ``position`` is the filing's
    position in the facts' filings; ``rank`` the rank of its agency among ``agencies`` (the
    distinct agency ids of the filings, sorted); ``obligation`` the position of its
    obligation among the ruleset's obligations sorted by id (``-1``: no such obligation);
    ``filed_on``, ``status``, ``recipient``, ``period`` as in
    :class:`~xzjd.facts.columns.FilingColumns`; ``pair`` the index in ``pairs`` of its
    (obligation id, period label) when it names a period, else ``-1``.
    """

    position: NDArray[np.int64]
    rank: NDArray[np.int32]
    agencies: list[str]
    obligation: NDArray[np.int32]
    filed_on: NDArray[np.int32]
    status: NDArray[np.int8]
    recipient: NDArray[np.int32]
    period: NDArray[np.int32]
    pair: NDArray[np.int32]
    pairs: list[tuple[str, str]]


def filing_order(columns: FilingColumns, obligation_ids: list[str]) -> FilingOrder:
    """The :class:`FilingOrder` of *columns*; *obligation_ids* sorted."""
    agencies = sorted(columns.agencies)
    where = {a: i for i, a in enumerate(agencies)}
    rank_of = np.array([where[a] for a in columns.agencies], np.int32)
    at = {o: i for i, o in enumerate(obligation_ids)}
    obligation_of = np.array([at.get(o, -1) for o in columns.obligations], np.int32)
    rank = rank_of[columns.agency] if len(rank_of) else np.zeros(0, np.int32)
    obligation = obligation_of[columns.obligation] if len(obligation_of) else np.zeros(0, np.int32)
    position = _sorted(rank, obligation, columns.filed_on, columns.line)
    period = columns.period[position]
    obligation = obligation[position]
    named = period != NONE
    span = len(columns.periods) + 1
    key = obligation[named].astype(np.int64) * span + period[named]
    distinct, inverse = np.unique(key, return_inverse=True)
    pair = np.full(len(period), -1, np.int32)
    pair[named] = inverse
    pairs = [
        (obligation_ids[int(k) // span] if k >= 0 else "", columns.periods[int(k) % span])
        for k in distinct.tolist()
    ]
    return FilingOrder(
        position=position,
        rank=rank[position],
        agencies=agencies,
        obligation=obligation,
        filed_on=columns.filed_on[position],
        status=columns.status[position],
        recipient=columns.recipient[position],
        period=period,
        pair=pair,
        pairs=pairs,
    )


def _sorted(
    rank: NDArray[np.int32],
    obligation: NDArray[np.int32],
    filed_on: NDArray[np.int32],
    line: NDArray[np.int32],
) -> NDArray[np.int64]:
    """The positions in (rank, obligation, filed_on, line) order, file order on ties.

    One stable sort of one integer key when the lines never decrease in file order (a file
    read in order, or filings made in code) and the key fits in 63 bits; else a lexsort.
    """
    n = len(rank)
    if not n:
        return np.zeros(0, np.int64)
    day0 = int(filed_on.min())
    days = int(filed_on.max()) - day0 + 1
    obligations = int(obligation.max()) + 2
    if bool((line[1:] >= line[:-1]).all()) and (int(rank.max()) + 1) * obligations * days < 2**62:
        key = (rank.astype(np.int64) * obligations + (obligation + 1)) * days + (filed_on - day0)
        return np.argsort(key, kind="stable")
    return np.lexsort((line, filed_on, obligation, rank))


def group_positions(columns: FilingColumns, agency: str, obligation: str) -> NDArray[np.int64]:
    """The positions of the filings of *agency* and *obligation*, in (filed_on, line) order."""
    try:
        a = columns.agencies.index(agency)
        o = columns.obligations.index(obligation)
    except ValueError:
        return np.zeros(0, np.int64)
    found = np.flatnonzero((columns.agency == a) & (columns.obligation == o))
    order = np.lexsort((columns.line[found], columns.filed_on[found]))
    return found[order]


def suspect(
    columns: FilingColumns,
    agency_ids: Collection[str],
    obligations: Mapping[str, Obligation],
    good_label: Callable[[Obligation, str, str], bool],
) -> bool:
    """Whether any filing may name something that does not exist (then each is checked).

    Each distinct agency, recipient and obligation is looked up once, each distinct
    (obligation, period) pair once (by *good_label*, called with an agency of the pair); an
    event-based obligation's periods, which are events of one agency, once per distinct
    (agency, obligation, period).
    """
    if not all(a in agency_ids for a in columns.agencies):
        return True
    if not all(r in agency_ids for r in columns.recipients):
        return True
    if not all(o in obligations for o in columns.obligations):
        return True
    named = np.flatnonzero(columns.period != NONE)
    if not len(named):
        return False
    event_based = np.array(
        [isinstance(obligations[o].schedule, AfterEvent) for o in columns.obligations],
        np.bool_,
    )
    by_agency = event_based[columns.obligation[named]]
    span = len(columns.periods) + 1
    for rows, with_agency in ((named[~by_agency], False), (named[by_agency], True)):
        if not len(rows):
            continue
        key = columns.obligation[rows].astype(np.int64) * span + columns.period[rows]
        if with_agency:
            key = key * (len(columns.agencies) + 1) + columns.agency[rows]
        _, first = np.unique(key, return_index=True)
        for i in rows[first].tolist():
            obligation = obligations[columns.obligations[columns.obligation[i]]]
            label = columns.periods[columns.period[i]]
            if not good_label(obligation, label, columns.agencies[columns.agency[i]]):
                return True
    return False
