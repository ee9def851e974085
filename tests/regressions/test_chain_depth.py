# SPDX-License-Identifier: MIT
"""Chains of chained obligations: bounded, never a RecursionError.

Reproducer: obligation r{i} "by the 5th of the following month after each deadline of r{i+1}"
for i = 0..1499, the last one following a monthly obligation. The cycle search recursed once
per link (RecursionError in check) and so did the schedules when evaluated.
"""

from __future__ import annotations

import datetime as dt

import pytest

import xzjd
from xzjd.language.check_references import MAX_CHAIN


def chain(n: int) -> str:
    lines = [
        'ruleset "t"',
        "effective 2010-01-01",
        "",
        'obligation base "b":',
        "  applies to every administrative organ",
        "  by the end of each month, complete x",
    ]
    for i in range(n):
        after = f"r{i + 1}" if i + 1 < n else "base"
        lines += [
            "",
            f'obligation r{i} "t":',
            "  applies to every administrative organ",
            f"  by the 5th of the following month after each deadline of {after}, complete x",
        ]
    return "\n".join(lines) + "\n"


def test_a_long_chain_is_a_positioned_error() -> None:
    """1,500 links: one check error at the link that goes past the limit, no RecursionError."""
    with pytest.raises(xzjd.CheckError) as info:
        xzjd.loads(chain(1500))
    (diag,) = [d for d in info.value.diagnostics if d.code == "ref/chain-too-deep"]
    assert diag.span is not None and diag.hint
    # r1499 follows base (depth 1), so r{1500 - k} has depth k: depth 65 is r1435.
    assert f"r{1500 - (MAX_CHAIN + 1)} ends a chain of {MAX_CHAIN + 1}" in diag.message


def test_a_chain_at_the_limit_evaluates() -> None:
    """64 links load and evaluate (each link one month after the one it follows)."""
    rules = xzjd.loads(chain(MAX_CHAIN))
    agencies = [xzjd.Agency(id="g", name="G", kind=xzjd.model.Kind.GOVERNMENT, level=None,
                            region=("P",))]  # fmt: skip
    out = xzjd.evaluate(rules, agencies, on=dt.date(2010, 6, 1))
    # r63 follows base: base's January deadline 2010-01-31 -> r63 due 2010-02-05 (Fri).
    first = next(s for s in out if s.obligation == "r63")
    assert (first.period, first.nominal_due) == ("2010-02", dt.date(2010, 2, 5))


def test_a_cycle_in_a_long_chain_is_found() -> None:
    text = chain(1000).replace("each deadline of base", "each deadline of r0")
    with pytest.raises(xzjd.CheckError) as info:
        xzjd.loads(text)
    assert [d.code for d in info.value.diagnostics] == ["ref/chain-cycle"]
