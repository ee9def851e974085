# SPDX-License-Identifier: MIT
"""engine/table.py's :class:`Runs`: the filings of the rows that list them, cut from one
list and made tuples when read."""

from __future__ import annotations

import pickle

import pytest

from xzjd.engine.table import Runs


def test_runs_read_as_tuples() -> None:
    # items 7, 3 | 9 | 4, 4, 1: runs cut at 0, 2, 3, 6.
    runs = Runs([7, 3, 9, 4, 4, 1], [0, 2, 3, 6])
    assert len(runs) == 3
    assert runs[0] == (7, 3)
    assert runs[1] == (9,)
    assert runs[-1] == (4, 4, 1)
    assert runs[1:] == [(9,), (4, 4, 1)]
    assert list(runs) == [(7, 3), (9,), (4, 4, 1)]
    with pytest.raises(IndexError):
        runs[3]
    with pytest.raises(IndexError):
        runs[-4]
    again = pickle.loads(pickle.dumps(runs))
    assert list(again) == list(runs)


def test_no_runs() -> None:
    assert len(Runs([], [])) == 0
    assert list(Runs([], [])) == []
