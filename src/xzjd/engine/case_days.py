# SPDX-License-Identifier: MIT
"""The case clock's calendar questions asked of many days at once, on numpy arrays.

:class:`Days` holds a calendar's day arrays (:meth:`~xzjd.calendar.day_table.DayTable.arrays`)
as numpy arrays; :func:`due_on` and :func:`count_on` are the clock's ``due`` and ``count``
(:class:`xzjd.engine.clock._Count`) for arrays of days; :func:`distinct` and :func:`ask_each`
ask a question of Python code once per distinct day. Each array answer comes with a mask of
the answers it could give: the others need a year the arrays do not hold, and the exact clock
answers them (or raises). :mod:`xzjd.engine.case_core` is built on these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from xzjd.calendar.day_table import WORKING_FLAGS, DayTable
from xzjd.errors import CalendarError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from xzjd.engine.clock import _Count

__all__ = ["LAST_ORDINAL", "Days", "ask_each", "count_on", "distinct", "due_on"]

_T = TypeVar("_T")
I64 = np.int64
LAST_ORDINAL = dt.date.max.toordinal()


class Days:
    """A calendar's day arrays as numpy arrays, and the clock's calendar questions asked of
    many days at once. Each query gives its answers and a mask of those it could give: the
    others need a year the arrays do not hold (the exact clock then answers, or raises)."""

    def __init__(self, table: DayTable) -> None:
        a = table.arrays()
        self.first = a.first_ordinal
        flags = np.frombuffer(bytes(a.flags), dtype=np.uint8)
        self.size = len(flags)
        self.covered = flags != 0
        self.working = np.isin(flags, WORKING_FLAGS)
        self.cum = np.array(a.cum, dtype=I64)
        self.work = np.array(a.work, dtype=I64)
        self.seg_last = np.array(a.seg_last, dtype=I64)
        self.end = self.first + self.size - 1  # the last ordinal the arrays hold

    def _index(self, o: NDArray[I64]) -> tuple[NDArray[I64], NDArray[np.bool_]]:
        i = o - self.first
        ok = (i >= 0) & (i < self.size)
        if not self.size:
            return np.zeros_like(i), ok
        i = np.where(ok, i, 0)
        return i, ok & self.covered[i]

    def nth_after(self, o: NDArray[I64], n: int) -> tuple[NDArray[I64], NDArray[np.bool_]]:
        """The *n*-th working day after *o* (``n >= 1``)."""
        i, ok = self._index(o + 1)
        if not len(self.work):
            return o, np.zeros(len(o), dtype=np.bool_)
        k = self.cum[i] + (n - 1)
        inside = k < len(self.work)
        k = np.where(inside, k, 0)
        w = self.work[k]
        return w, ok & inside & (w <= self.seg_last[i])

    def between(self, a: NDArray[I64], b: NDArray[I64]) -> tuple[NDArray[I64], NDArray[np.bool_]]:
        """The working days ``x`` with ``a < x <= b`` (0 when ``b <= a``)."""
        after = b > a
        i, ok = self._index(a + 1)
        ok &= b <= self.seg_last[i]
        j = np.clip(b - self.first + 1, 0, self.size)
        value = np.where(after & ok, self.cum[j] - self.cum[i], 0)
        return value, ok | ~after

    def roll_forward(self, d: NDArray[I64]) -> tuple[NDArray[I64], NDArray[np.bool_]]:
        i, ok = self._index(d)
        working = self.working[i] if self.size else np.zeros(len(d), dtype=np.bool_)
        nxt, ok_next = self.nth_after(d, 1)
        return np.where(working, d, nxt), ok & (working | ok_next)


def due_on(days: Days, count: _Count, a: NDArray[I64], n: int) -> tuple[NDArray[I64], Any]:
    """``count.due(a, n)`` for every *a* (:class:`xzjd.engine.clock._Count`)."""
    if count.working:
        if n <= 0:
            return a, np.ones(len(a), dtype=np.bool_)
        return days.nth_after(a, n)
    d = a + n
    ok = d <= LAST_ORDINAL
    if count.move:
        rolled, ok_rolled = days.roll_forward(np.where(ok, d, a))
        return rolled, ok & ok_rolled
    return d, ok


def count_on(
    days: Days, count: _Count, a: NDArray[I64], b: NDArray[I64]
) -> tuple[NDArray[I64], Any]:
    """``count.count(a, b)`` for every pair."""
    if count.working:
        return days.between(a, b)
    return np.maximum(b - a, 0), np.ones(len(a), dtype=np.bool_)


def distinct(values: NDArray[I64]) -> tuple[list[int], NDArray[I64]]:
    """The distinct *values* and, for each value, the index of its distinct value."""
    lo, hi = int(values.min()), int(values.max())
    if hi - lo <= 4 * len(values) + 4096:
        present = np.zeros(hi - lo + 1, dtype=np.bool_)
        present[values - lo] = True
        found = np.flatnonzero(present)
        code = np.zeros(hi - lo + 1, dtype=I64)
        code[found] = np.arange(len(found))
        return (found + lo).tolist(), code[values - lo]
    uniq, inverse = np.unique(values, return_inverse=True)
    return uniq.tolist(), inverse.astype(I64)


def ask_each(
    values: NDArray[I64], fn: Callable[[dt.date], _T | None]
) -> tuple[list[_T | None], NDArray[I64], NDArray[np.bool_]]:
    """``fn`` asked once per distinct ordinal of *values*: the answers (``None`` where it
    raised a calendar error), the index of each value's answer, and the mask of the values
    whose answer is such an error."""
    uniq, inverse = distinct(values)
    answers: list[_T | None] = []
    failed: list[bool] = []
    for o in uniq:
        try:
            answers.append(fn(dt.date.fromordinal(o)))
            failed.append(False)
        except CalendarError:
            answers.append(None)
            failed.append(True)
    return answers, inverse, np.array(failed, dtype=np.bool_)[inverse]
