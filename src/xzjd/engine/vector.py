# SPDX-License-Identifier: MIT
"""Which filing counts for which period, for many groups at once, as array operations.

:func:`vector_assign` decides the common case of :func:`~xzjd.engine.assign.assign` without
a walk: one (agency, obligation) group whose filings all count, each for a period of its
own. It takes the groups' filings that can count (dated by the evaluation date, naming a
period that is open or naming none, accepted or waiving, to the period's one recipient or
none) in (filed_on, line) order, and says for each filing the period it counts for, and
which filings it cannot place as the walk would (their groups go to the walk).

Within a group: the filings that name a period count for it; the *k*-th filing that names
none counts for the *k*-th period that no filing names. That is what the walk gives when

(a) that period exists, has opened by the filing's date and, for a ``during`` obligation,
    has not closed;
(b) no period is named twice;
(c) no filing that names no period comes, in (filed_on, line) order, before a filing that
    names a period earlier than the one it gets (the walk would have given it that earlier
    period, still empty).

The periods' windows must open in order (:mod:`~xzjd.engine.core` sends the groups of other
obligations to the walk). Proof sketch, by induction over the filings in order: when the
*k*-th unnamed filing comes, the periods before its period *q* are taken (the named ones by
(c), the others by the unnamed filings before it), and *q* is empty and open by (a), so the
walk, which gives it the first empty open period, gives it *q*; a named filing finds its
period empty by (b) and (c).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["vector_assign"]

_SHIFT = np.int64(1) << np.int64(32)


def _segments(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For runs of equal *keys*: the first index of each run, and each entry's run."""
    starts = np.empty(len(keys), np.bool_)
    starts[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=starts[1:])
    return np.flatnonzero(starts), np.cumsum(starts) - 1


def vector_assign(
    group: NDArray[np.int64],
    named: NDArray[np.int64],
    filed_on: NDArray[np.int32],
    filling: NDArray[np.bool_],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    during: NDArray[np.bool_],
    opens: NDArray[np.int32],
    closes: NDArray[np.int32],
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """The period each filing counts for, and the filings placed otherwise by the walk.

    One entry per filing, in (group, filed_on, line) order: *group* numbers its group;
    *named* is the index of the period it names, or ``-1``; *filed_on* its date (ordinal);
    *filling* whether it fills its period (accepted or waiving; else returned); *periods*,
    *first* and *during* are those of its group: the number of periods, the index in
    *opens* and *closes* (the windows, as ordinals) of its first period, and whether a
    filing must fall inside a period's window.

    Returns:
        For each filing, the index of its period within its group; and whether the
        conditions fail for it (its group must be walked).
    """
    out = named.copy()
    fail = np.zeros(len(group), np.bool_)
    if not len(group):
        return out, fail
    fills = np.flatnonzero(filling)
    period, failed, ladder = _fill(
        group[fills],
        named[fills],
        filed_on[fills],
        periods[fills],
        first[fills],
        during[fills],
        opens,
        closes,
    )
    out[fills] = period
    fail[fills] = failed
    returned = np.flatnonzero(~filling & (named < 0))
    if len(returned):
        out[returned], fail[returned] = _returned(
            returned, group, named, filling, filed_on, periods, first, during, opens, closes, ladder
        )
    return out, fail


def _fill(
    group: NDArray[np.int64],
    named: NDArray[np.int64],
    filed_on: NDArray[np.int32],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    during: NDArray[np.bool_],
    opens: NDArray[np.int32],
    closes: NDArray[np.int32],
) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64]]:
    """:func:`vector_assign` for filings that fill their period; also the groups' ladders
    (group and free periods below each named period, sorted)."""
    m = len(group)
    out = named.copy()
    fail = np.zeros(m, np.bool_)
    if not m:
        return out, fail, np.zeros(0, np.int64)
    starts, run = _segments(group)
    unnamed = named < 0
    counted: NDArray[np.int64] = np.cumsum(unnamed) - unnamed
    before: NDArray[np.int64] = counted - counted[starts][run]
    at = np.flatnonzero(~unnamed)
    key = group[at] * _SHIFT + named[at]
    order = np.argsort(key, kind="stable")
    at, key = at[order], key[order]
    twice = np.flatnonzero(key[1:] == key[:-1])
    fail[at[twice]] = True  # (b)
    fail[at[twice + 1]] = True
    named_starts, named_run = _segments(group[at])
    rank = np.arange(len(at)) - named_starts[named_run]
    free_below = named[at] - rank  # periods no filing names, before each named one
    fail[at[before[at] > free_below]] = True  # (c)
    ladder = group[at] * _SHIFT + free_below
    loose = np.flatnonzero(unnamed)
    q = _free(ladder, group[loose], before[loose])
    out[loose] = q
    ok = _open(q, filed_on[loose], periods[loose], first[loose], opens)
    if len(opens):
        t = np.clip(first[loose] + np.minimum(q, periods[loose] - 1), 0, len(opens) - 1)
        ok &= ~during[loose] | (filed_on[loose] <= closes[t])
    fail[loose[~ok]] = True  # (a)
    return out, fail, ladder


def _free(
    ladder: NDArray[np.int64], group: NDArray[np.int64], k: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The index of the *k*-th period no filing names, in each *group* (by its ladder)."""
    base = group * _SHIFT
    below = np.searchsorted(ladder, base + k, side="right") - np.searchsorted(ladder, base)
    return k + below


def _open(
    q: NDArray[np.int64],
    filed_on: NDArray[np.int32],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    opens: NDArray[np.int32],
) -> NDArray[np.bool_]:
    """Whether period *q* exists and has opened by *filed_on*."""
    ok = (q >= 0) & (q < periods)
    if len(opens):
        t = np.clip(first + np.minimum(q, periods - 1), 0, len(opens) - 1)
        ok &= opens[t] <= filed_on
    else:
        ok[:] = False
    return ok


def _returned(
    returned: NDArray[np.int64],
    group: NDArray[np.int64],
    named: NDArray[np.int64],
    filling: NDArray[np.bool_],
    filed_on: NDArray[np.int32],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    during: NDArray[np.bool_],
    opens: NDArray[np.int32],
    closes: NDArray[np.int32],
    ladder: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Where the *returned* filings that name no period go.

    A returned filing fills nothing: it goes to the first period still waiting on its date,
    which is the first of the next period no filing names (the filling unnamed filings
    before it took the ones before) and the periods named by filling filings still to
    come. It must have opened by the filing's date and, in a ``during`` group, not closed
    before it (the walk would look past it).
    """
    starts, run = _segments(group)
    unnamed_fill = filling & (named < 0)
    counted: NDArray[np.int64] = np.cumsum(unnamed_fill) - unnamed_fill
    before = (counted - counted[starts][run])[returned]
    q = _free(ladder, group[returned], before)
    q = np.where(q < periods[returned], q, np.iinfo(np.int64).max)
    # The least period named by a filling filing at or after each position, in its group.
    later = np.where(filling & (named >= 0), group * _SHIFT + named, np.iinfo(np.int64).max)
    least = np.minimum.accumulate(later[::-1])[::-1][returned]
    mine = least // _SHIFT == group[returned]
    period = np.where(mine, np.minimum(q, least - group[returned] * _SHIFT), q)
    period = np.where(period == np.iinfo(np.int64).max, -1, period)
    ok = _open(period, filed_on[returned], periods[returned], first[returned], opens)
    if len(opens):
        # In a `during` group, the walk passes over a period whose window has closed.
        t = np.clip(first[returned] + np.maximum(period, 0), 0, len(opens) - 1)
        ok &= ~during[returned] | (filed_on[returned] <= closes[t])
    return period, ~ok
