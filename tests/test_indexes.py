# SPDX-License-Identifier: MIT
"""xzjd.text.indexes: an index into a lazy sequence taken as a list takes it, and the lazy
sequences that use it (records, tables, filings, cases) refusing what a list refuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import xzjd
from xzjd.engine.case_records import CaseStatus, CaseStatuses
from xzjd.text.indexes import position, positions

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "licensing"


@pytest.mark.parametrize("length", [0, 1, 2, 5])
def test_position_is_the_item_a_list_gives(length: int) -> None:
    items = list(range(length))  # item i is i: the item a list gives is its position
    for index in range(-length - 2, length + 2):
        if -length <= index < length:
            assert position(index, length, "Thing") == items[index]
        else:
            with pytest.raises(IndexError, match=r"^Thing index out of range$"):
                position(index, length, "Thing")
            with pytest.raises(IndexError):
                items[index]


def test_position_takes_what_has_an_index_and_refuses_the_rest() -> None:
    assert position(np.int64(-1), 3, "Thing") == 2
    assert position(True, 3, "Thing") == 1
    with pytest.raises(TypeError):
        position("1", 3, "Thing")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        position(1.0, 3, "Thing")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cut",
    [
        slice(None),
        slice(1, 4),
        slice(-3, None),
        slice(None, -1),
        slice(None, None, -1),
        slice(4, 0, -2),
        slice(1, 100, 3),
        slice(-100, 2),
        slice(3, 1),
    ],
)
def test_positions_are_those_a_list_slice_takes(cut: slice) -> None:
    items = list(range(6))
    assert list(positions(cut, 6)) == items[cut]


def test_the_records_of_cases_are_made_at_the_position_asked_for() -> None:
    rules = xzjd.load(EXAMPLE / "licensing.zh.xzjd")
    agencies = xzjd.read_agencies(EXAMPLE / "agencies.csv")
    cases = xzjd.read_cases(EXAMPLE / "cases.csv")
    records = list(xzjd.evaluate_cases(rules, cases, on=dt.date(2025, 6, 20), agencies=agencies))
    n = len(records)
    made: list[int] = []

    def build(k: int) -> CaseStatus:
        made.append(k)
        return records[k]

    lazy = CaseStatuses.lazy(n, build)
    assert lazy[-1] == records[-1] and made == [n - 1]
    assert lazy[-n] == records[0] and made == [n - 1, 0]
    assert lazy[n - 1] == records[-1] and made == [n - 1, 0]  # made once, kept
    assert lazy[1:3] == records[1:3] and made == [n - 1, 0, 1, 2]
    for bad in (n, -n - 1):
        with pytest.raises(IndexError, match=r"^CaseStatuses index out of range$"):
            lazy[bad]
    assert list(lazy) == records
