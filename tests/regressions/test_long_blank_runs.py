# SPDX-License-Identifier: MIT
"""A deliverable holding a long run of blanks loads in linear time.

Found by the 30-minute fuzz run (docs/reliability.md): a 212 KB rules file whose deliverable held
200,000 spaces took 58 CPU seconds. The check for a year range at the end of a deliverable
(``action/year-range-in-deliverable``) tried its leading ``\\s+`` from every blank of the run.
On the old code this test takes minutes; it is not timed, the benchmark is (bench.scaling).
"""

from __future__ import annotations

import xzjd
from xzjd.language.check_values import TRAILING_RANGE


def rules(deliverable: str) -> str:
    return (
        'ruleset "t"\neffective 2010-01-01\n\nobligation o "t":\n'
        "  applies to every government\n"
        f"  by April 1 each year, publish {deliverable}\n"
    )


def test_blanks_inside_a_deliverable() -> None:
    ruleset = xzjd.loads(rules("年度" + " " * 100_000 + "报告"))
    action = ruleset.obligations[0].action
    assert action is not None and action.deliverable.endswith("报告")


def test_the_trailing_range_is_still_found() -> None:
    """The range after a long run of blanks is still caught, and not inside a word."""
    assert TRAILING_RANGE.search("report" + " " * 50_000 + "from 2011")
    assert TRAILING_RANGE.search("report, from 2011")
    assert not TRAILING_RANGE.search("reportfrom 2011")
