# SPDX-License-Identifier: MIT
"""The filings of one set of facts sorted once, as columns: by agency id, obligation id,
date and line (:class:`FilingOrder`), what the evaluation core groups by instead of dicts of
lists; and the distinct values of the filing columns checked once each (:func:`suspect`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
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
    ``filed_on``, ``status``, ``recipient`` as in
    :class:`~xzjd.facts.columns.FilingColumns`; ``pair`` the index in ``pairs`` of its
    (obligation id, period label) when it names a period, else ``-1``.
    """

    position: NDArray[np.int32]
    rank: NDArray[np.int32]
    agencies: list[str]
    obligation: NDArray[np.int32]
    filed_on: NDArray[np.int32]
    status: NDArray[np.int8]
    recipient: NDArray[np.int32]
    pair: NDArray[np.int32]
    pairs: list[tuple[str, str]]


def filing_order(columns: FilingColumns, obligation_ids: list[str]) -> FilingOrder:
    """The :class:`FilingOrder` of *columns*; *obligation_ids* sorted."""
    agencies, rank_of = _ranks(columns.agencies)
    at = {o: i for i, o in enumerate(obligation_ids)}
    obligation_of = np.array([at.get(o, -1) for o in columns.obligations], np.int32)
    rank = rank_of[columns.agency] if len(rank_of) else np.zeros(0, np.int32)
    obligation = obligation_of[columns.obligation] if len(obligation_of) else np.zeros(0, np.int32)
    position = _sorted(rank, obligation, columns.filed_on, columns.line)
    obligation = obligation[position]
    rank = rank[position]
    pair, named = _pairs(obligation, columns.period[position], len(columns.periods) + 1)
    periods = columns.periods
    pairs = [(obligation_ids[o] if o >= 0 else "", periods[p]) for o, p in named]
    return FilingOrder(
        position=position.astype(np.int32),  # fewer than 2**31 filings
        rank=rank,
        agencies=agencies,
        obligation=obligation,
        filed_on=columns.filed_on[position],
        status=columns.status[position],
        recipient=columns.recipient[position],
        pair=pair,
        pairs=pairs,
    )


def _ranks(values: Sequence[str]) -> tuple[list[str], NDArray[np.int32]]:
    """*values* (distinct) sorted, and the rank of each in that order."""
    ordered = sorted(values)
    where = dict(zip(ordered, range(len(ordered)), strict=True))
    return ordered, np.fromiter(map(where.__getitem__, values), np.int32, len(values))


def _pairs(
    obligation: NDArray[np.int32], period: NDArray[np.int32], span: int
) -> tuple[NDArray[np.int32], list[tuple[int, int]]]:
    """For each filing, the number of its (obligation, period) pair among the distinct pairs
    named, in order (``-1``: it names no period); and those pairs."""
    size = (int(obligation.max(initial=-1)) + 2) * span
    if size <= 4 * len(period) + 4096:
        # A table of every (obligation + 1, period + 1): no sort. Period 0 is none named.
        code = obligation.astype(np.intp)
        code += 1
        code *= span
        code += period
        code += 1
        seen = np.zeros(size, np.bool_)
        seen[code] = True
        seen[::span] = False
        number = np.cumsum(seen, dtype=np.int32)
        number -= 1
        number[::span] = -1
        distinct = np.flatnonzero(seen).tolist()
        return number[code], [(k // span - 1, k % span - 1) for k in distinct]
    named = period != NONE
    key = obligation[named].astype(np.int64) * span + period[named]
    found, inverse = np.unique(key, return_inverse=True)
    out = np.full(len(period), -1, np.int32)
    out[named] = inverse
    return out, [divmod(k, span) for k in found.tolist()]


def _sorted(
    rank: NDArray[np.int32],
    obligation: NDArray[np.int32],
    filed_on: NDArray[np.int32],
    line: NDArray[np.int32],
) -> NDArray[np.intp]:
    """The positions in (rank, obligation, filed_on, line) order, file order on ties.

    When the lines never decrease in file order (a file read in order, or filings made in
    code), the order of one integer key, (rank, obligation, filed_on) above the position in
    the file, that fits in 63 bits: its plain sort, whose low bits are the positions; else
    a lexsort.
    """
    n = len(rank)
    if not n:
        return np.zeros(0, np.intp)
    day0 = int(filed_on.min())
    days = int(filed_on.max()) - day0 + 1
    obligations = int(obligation.max()) + 2
    bits = max(n - 1, 1).bit_length()
    room = (int(rank.max()) + 1) * obligations * days << bits
    if room < 2**63 and bool((line[1:] >= line[:-1]).all()):
        key = rank.astype(np.int64)
        key *= obligations
        key += obligation
        key += 1
        key *= days
        key += filed_on
        key -= day0
        key <<= bits
        key += np.arange(n, dtype=np.int64)
        key.sort()
        key &= (1 << bits) - 1
        return key
    return np.lexsort((line, filed_on, obligation, rank)).astype(np.intp)


def _distinct(key: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values of *key*, sorted (what ``np.unique`` gives, with one plain sort)."""
    key = np.sort(key)
    keep = np.empty(len(key), np.bool_)
    keep[:1] = True
    np.not_equal(key[1:], key[:-1], out=keep[1:])
    return key[keep]


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
    (obligation, period) pair once (by *good_label*, called with the agency ``""``); an
    event-based obligation's periods, which are events of one agency, once per distinct
    (agency, obligation, period), with that agency. The pairs and triples are read back from
    the distinct values of one integer key.
    """
    if not all(map(agency_ids.__contains__, columns.agencies)):
        return True
    if not all(map(agency_ids.__contains__, columns.recipients)):
        return True
    if not all(map(obligations.__contains__, columns.obligations)):
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
    agencies = len(columns.agencies) + 1
    for rows, with_agency in ((named[~by_agency], False), (named[by_agency], True)):
        if not len(rows):
            continue
        key = columns.obligation[rows].astype(np.int64) * span + columns.period[rows]
        if with_agency:
            key = key * agencies + columns.agency[rows]
        for k in _distinct(key).tolist():
            agency = ""
            if with_agency:
                k, a = divmod(k, agencies)
                agency = columns.agencies[a]
            o, p = divmod(k, span)
            if not good_label(obligations[columns.obligations[o]], columns.periods[p], agency):
                return True
    return False
