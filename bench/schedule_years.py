# SPDX-License-Identifier: MIT
"""Closed-form schedules: a lookup in 2026 costs what it costs in 2005.

For schedules effective 2004-01-01, time two operations in 2005 and in 2026, in the same
process, as medians of repeated runs:

- ``containing(day)``: the period whose window holds a day;
- ``between(Jan 1, Dec 1)``: one year of periods (12 monthly, 6 bi-monthly, ...).

Both are timed cold (the unroller's cache of computed periods emptied before each call); a
third line times ``containing`` warm, as repeated queries see it.

If the unroller walked from the effective date, the 2026 figures would be about 20 times the
2005 ones; in closed form the ratio 2026/2005 stays near 1.

Run: ``python bench/schedule_years.py [--repeat 15] [--number 2000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import timeit
from collections.abc import Callable

from xzjd.calendar import builtin
from xzjd.language.build_base import seq
from xzjd.model import (
    Chained,
    EachMonth,
    MonthDay,
    MonthParity,
    Obligation,
    Parity,
    Quarterly,
    Ruleset,
    Yearly,
)
from xzjd.periods import Unroller, compile_schedule


def unrollers() -> dict[str, Unroller]:
    """The schedules timed, compiled once."""
    bimonthly = Obligation(id="bimonthly-report", schedule=MonthParity(parity=Parity.EVEN))
    summaries = Obligation(id="summaries", schedule=Yearly(dates=seq((MonthDay(6), MonthDay(11)))))
    roll_up = Obligation(
        id="roll-up", schedule=Chained(after=seq(("bimonthly-report", "summaries")), day=5)
    )
    monthly = Obligation(id="monthly", schedule=EachMonth(day=22))
    quarterly = Obligation(id="quarterly", schedule=Quarterly())
    rs = Ruleset(
        effective=dt.date(2004, 1, 1),
        obligations=seq((bimonthly, summaries, roll_up, monthly, quarterly)),
    )
    cal = builtin("cn")
    return {
        "by the 22nd of each month": compile_schedule(rs, monthly, cal),
        "by the end of every even month": compile_schedule(rs, bimonthly, cal),
        "by the end of each quarter": compile_schedule(rs, quarterly, cal),
        "chained: 5th after bimonthly + summaries": compile_schedule(rs, roll_up, cal),
    }


def median_us(fn: Callable[[], object], repeat: int, number: int) -> float:
    """Median time of one call, in microseconds, over ``repeat`` runs of ``number`` calls."""
    runs = timeit.repeat(fn, repeat=repeat, number=number)
    return statistics.median(runs) / number * 1e6


def cold_containing(u: Unroller, year: int) -> Callable[[], object]:
    """``containing(Jun 15)`` computed from scratch (the period cache emptied first)."""

    def run() -> object:
        u.clear_cache()
        return u.containing(dt.date(year, 6, 15))

    return run


def cold_between(u: Unroller, year: int) -> Callable[[], object]:
    """One year of periods computed from scratch."""

    def run() -> object:
        u.clear_cache()
        return u.between(dt.date(year, 1, 1), dt.date(year, 12, 1))

    return run


def warm_containing(u: Unroller, year: int) -> Callable[[], object]:
    """``containing(Jun 15)`` as a repeated query sees it (served from the cache)."""
    return lambda: u.containing(dt.date(year, 6, 15))


OPERATIONS: dict[str, Callable[[Unroller, int], Callable[[], object]]] = {
    "containing, cold": cold_containing,
    "between(Jan 1, Dec 1)": cold_between,
    "containing, warm": warm_containing,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per figure")
    parser.add_argument("--number", type=int, default=2000, help="calls per timed run")
    args = parser.parse_args(argv)

    print(f"{'schedule':<42} {'operation':<22} {'2005 us':>9} {'2026 us':>9} {'ratio':>6}")
    ratios: list[float] = []
    for name, u in unrollers().items():
        for op, make in OPERATIONS.items():
            early, late = make(u, 2005), make(u, 2026)
            # Same answers in shape: as many periods in either year.
            n_early, n_late = early(), late()
            if isinstance(n_early, list) and isinstance(n_late, list):
                assert len(n_early) == len(n_late), (name, op)
            t_early = median_us(early, args.repeat, args.number)
            t_late = median_us(late, args.repeat, args.number)
            ratio = t_late / t_early
            ratios.append(ratio)
            print(f"{name:<42} {op:<22} {t_early:>9.2f} {t_late:>9.2f} {ratio:>6.2f}")
    print(f"ratio 2026/2005: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
