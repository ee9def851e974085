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
_NEVER = np.iinfo(np.int64).max


def _run_base(values: NDArray[np.int64], start: NDArray[np.bool_]) -> NDArray[np.int64]:
    """For each entry, the entry of nondecreasing *values* where its run begins (*start*
    marks the first entry of each run)."""
    base = np.where(start, values, 0)
    np.maximum.accumulate(base, out=base)
    return base


def _starts(keys: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether each entry begins a run of equal *keys*."""
    start = np.empty(len(keys), np.bool_)
    start[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=start[1:])
    return start


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
    unnamed = named < 0
    loose_mask = unnamed & filling
    marks = filling & ~unnamed
    start = _starts(group)
    # How many filling filings that name no period come before each filing in its group;
    # and how many filling filings name a period in the groups before its group (where
    # its group's steps begin in the ladder).
    before = _exclusive(loose_mask)
    before -= _run_base(before, start)
    lo = _run_base(_exclusive(marks), start)
    at = np.flatnonzero(marks)
    ladder = _named(group, named, at, before, fail)
    loose = np.flatnonzero(loose_mask)
    if len(loose):
        q = _free(ladder, group[loose], before[loose], lo[loose])
        out[loose] = q
        ok = _open(q, filed_on[loose], periods[loose], first[loose], during[loose], opens, closes)
        fail[loose[~ok]] = True  # (a)
    returned = np.flatnonzero(unnamed & ~filling)
    if len(returned):
        k, lo = before[returned], lo[returned]
        out[returned], fail[returned] = _returned(
            returned,
            at,
            group,
            named,
            filed_on,
            periods,
            first,
            during,
            opens,
            closes,
            ladder,
            k,
            lo,
        )
    return out, fail


def _exclusive(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
    """For each entry, how many entries before it are marked in *mask*."""
    out = np.cumsum(mask, dtype=np.int64)
    out -= mask
    return out


def _named(
    group: NDArray[np.int64],
    named: NDArray[np.int64],
    at: NDArray[np.int64],
    before: NDArray[np.int64],
    fail: NDArray[np.bool_],
) -> NDArray[np.int64]:
    """Conditions (b) and (c) for the filling filings *at* that name a period (marked in
    *fail*); and the groups' ladders: group and free periods below each named period,
    sorted."""
    key = group[at] * _SHIFT + named[at]
    order = np.argsort(key, kind="stable")
    at, key = at[order], key[order]
    twice = np.flatnonzero(key[1:] == key[:-1])
    fail[at[twice]] = True  # (b)
    fail[at[twice + 1]] = True
    mine = group[at]
    index = np.arange(len(at), dtype=np.int64)
    rank = index - _run_base(index, _starts(mine))
    free_below = named[at] - rank  # periods no filing names, before each named one
    fail[at[before[at] > free_below]] = True  # (c)
    mine *= _SHIFT
    mine += free_below
    return mine


def _free(
    ladder: NDArray[np.int64], group: NDArray[np.int64], k: NDArray[np.int64], lo: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The index of the *k*-th period no filing names, in each *group* (by its ladder, where
    its steps begin at *lo*)."""
    out = k.copy()
    if not len(ladder):
        return out
    # Only the groups with steps in the ladder are searched.
    has = lo < len(ladder)
    has &= ladder[np.minimum(lo, len(ladder) - 1)] >> 32 == group
    some = np.flatnonzero(has)
    if len(some):
        below = np.searchsorted(ladder, group[some] * _SHIFT + k[some], side="right")
        below -= lo[some]
        out[some] += below
    return out


def _open(
    q: NDArray[np.int64],
    filed_on: NDArray[np.int32],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    during: NDArray[np.bool_] | None,
    opens: NDArray[np.int32],
    closes: NDArray[np.int32],
) -> NDArray[np.bool_]:
    """Whether period *q* exists and has opened by *filed_on* and, where *during*, has not
    closed (*during* ``None``: not asked)."""
    ok = (q >= 0) & (q < periods)
    if not len(opens):
        ok[:] = False
        return ok
    t = np.minimum(q, periods - 1)
    t += first
    np.clip(t, 0, len(opens) - 1, out=t)
    ok &= opens[t] <= filed_on
    if during is not None:
        ok &= ~during | (filed_on <= closes[t])
    return ok


def _returned(
    returned: NDArray[np.int64],
    marks: NDArray[np.int64],
    group: NDArray[np.int64],
    named: NDArray[np.int64],
    filed_on: NDArray[np.int32],
    periods: NDArray[np.int64],
    first: NDArray[np.int64],
    during: NDArray[np.bool_],
    opens: NDArray[np.int32],
    closes: NDArray[np.int32],
    ladder: NDArray[np.int64],
    k: NDArray[np.int64],
    lo: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Where the *returned* filings that name no period go (*marks*: the filling filings
    that name one; *k* and *lo* as :func:`_free` takes them).

    A returned filing fills nothing: it goes to the first period still waiting on its date,
    which is the first of the next period no filing names (the filling unnamed filings
    before it took the ones before) and the periods named by filling filings still to
    come. It must have opened by the filing's date and, in a ``during`` group, not closed
    before it (the walk would look past it).
    """
    mine = group[returned]
    limit = periods[returned]
    q = _free(ladder, mine, k, lo)
    q = np.where(q < limit, q, _NEVER)
    # The least period named by a filling filing at or after each returned filing, in its
    # group: a suffix minimum over those filings and the returned ones, in order.
    both = np.concatenate((marks, returned))
    both.sort()
    key = group[both] * _SHIFT + named[both]
    key[named[both] < 0] = _NEVER
    least = np.minimum.accumulate(key[::-1])[::-1][np.searchsorted(both, returned)]
    mine *= _SHIFT
    least -= mine  # below _SHIFT: a period of the filing's own group
    period = np.where(least < _SHIFT, np.minimum(q, least), q)
    period[period == _NEVER] = -1
    # In a `during` group, the walk passes over a period whose window has closed.
    ok = _open(period, filed_on[returned], limit, first[returned], during[returned], opens, closes)
    return period, ~ok
