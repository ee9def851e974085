# SPDX-License-Identifier: MIT
"""Indexes into the lazy sequences of xzjd, taken as a list takes them.

The sequences that stand for a list without holding one (the records of an evaluation as
tables, the filings of a file as columns, the records of cases made when read) find an item by
its position from the start. :func:`position` turns an index into that position (a negative
index counts from the end) or refuses it with :class:`IndexError`; :func:`positions` gives the
positions a slice takes; :func:`same_items` compares one with another sequence, item by item.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import SupportsIndex

__all__ = ["position", "positions", "same_items"]


def position(index: SupportsIndex, length: int, name: str) -> int:
    """*index* into a sequence of *length* items, as a position from its start.

    Raises:
        IndexError: the index is outside the sequence (``"<name> index out of range"``).
        TypeError: *index* is not an integer.
    """
    at = operator.index(index)
    if at < 0:
        at += length
    if not 0 <= at < length:
        raise IndexError(f"{name} index out of range")
    return at


def positions(index: slice, length: int) -> range:
    """The positions that the slice *index* of a sequence of *length* items takes, in order."""
    return range(*index.indices(length))


def same_items(items: Sequence[object], other: object) -> bool:
    """Whether *items* equals the sequence *other* item by item (``NotImplemented`` when
    *other* is not a sequence, or is text): how the lazy sequences compare with a list, a
    tuple, or one another."""
    if not isinstance(other, Sequence) or isinstance(other, str | bytes):
        refused: bool = NotImplemented
        return refused
    return len(items) == len(other) and all(map(operator.eq, items, other))
