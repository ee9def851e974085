# SPDX-License-Identifier: MIT
"""The columnar evaluation core against the assignment walk, in one process.

``python -m bench.columnar [--agencies N] [--runs K] [--data DIR]`` generates (or reads) the
bench data, then times, interleaved (A B A B ...), CPU time with the collector paused as the
``xzjd`` command runs:

* ``walk``: ``evaluate_by("reference", ...)``, the assignment walk one agency at a time, as
  ``xzjd.evaluate`` was before the columnar core (its facts checked and sorted as columns);
* ``columnar``: ``xzjd.evaluate`` of what ``xzjd.read_filings`` gives (the filings as
  columns, ``filings.columns``);
* ``columnar, Filing objects``: ``xzjd.evaluate`` of a tuple of :class:`~xzjd.Filing`,
  whose columns it makes itself;
* the dict-lookup floor: a plain Python loop that, for each period state, looks the filing
  date of (agency, obligation, period) up in a dict and compares it with the deadline; its
  inputs are made outside the timed region.

It also gives the time to make every :class:`~xzjd.Status` of the result (reading it whole),
the tracemalloc peak of one evaluation by each, and the share of records the columnar core
left to the walk. The two results must be equal, record for record.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

import xzjd
from bench import generate
from xzjd.cli.commands import paused_collector
from xzjd.engine.evaluator import evaluate_by
from xzjd.engine.table import EXPLICIT, Table
from xzjd.facts.columns import columns_of

RULES = Path("examples/yunnan-2010/rules.zh.xzjd")


class HeldFilings(tuple):  # type: ignore[type-arg]
    """Filings with their columns, as a columnar reader hands them over."""

    columns: Any


def cpu(call: Callable[[], Any]) -> tuple[float, Any]:
    with paused_collector():
        start = time.process_time()
        out = call()
        return time.process_time() - start, out


def floor_inputs(statuses: Sequence[xzjd.Status]) -> tuple[list[tuple[Any, ...]], dict[Any, int]]:
    """Each state's key and deadline, and the filing date of each key that has one."""
    states = [(s.agency, s.obligation, s.period, s.due.toordinal()) for s in statuses]
    dates = {
        (s.agency, s.obligation, s.period): s.satisfied_on.toordinal()
        for s in statuses
        if s.satisfied_on is not None
    }
    return states, dates


def dict_floor(states: list[tuple[Any, ...]], dates: dict[Any, int]) -> list[int]:
    """The least a per-state Python loop does: one lookup, one comparison, a state code."""
    out: list[int] = []
    append = out.append
    get = dates.get
    for agency, obligation, period, due in states:
        day = get((agency, obligation, period))
        append(0 if day is None else 1 if day <= due else 2)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, help="a folder written by bench.generate")
    args = parser.parse_args(argv)
    rules = xzjd.check(xzjd.load(RULES))
    data = args.data
    if data is None:
        data = Path(tempfile.mkdtemp(prefix="xzjd-columnar-"))
        generate.generate(rules.ruleset, data, agencies=args.agencies)
    on = generate.default_on(rules.ruleset)
    agencies = xzjd.read_agencies(data / "agencies.csv")
    filings = xzjd.read_filings(data / "filings.csv")
    events = xzjd.read_events(data / "events.csv")
    plain = tuple(filings)
    held: Any = filings
    if getattr(filings, "columns", None) is None:  # a reader that makes Filing objects
        held = HeldFilings(plain)
        held.columns = attrs.evolve(columns_of(plain), ids=[f.id for f in plain])

    def walk() -> Any:
        return evaluate_by("reference", rules, agencies, plain, on=on, events=events)

    def columnar() -> Any:
        return xzjd.evaluate(rules, agencies, held, on=on, events=events)

    def objects() -> Any:
        return xzjd.evaluate(rules, agencies, plain, on=on, events=events)

    times: dict[str, list[float]] = {"walk": [], "columnar": [], "objects": [], "floor": []}
    reading: dict[str, list[float]] = {"walk": [], "columnar": []}
    states: list[tuple[Any, ...]] = []
    dates: dict[Any, int] = {}
    result: Any = None
    for _ in range(args.runs):
        t, reference = cpu(walk)
        times["walk"].append(t)
        reading["walk"].append(cpu(functools.partial(list, reference))[0])
        t, result = cpu(columnar)
        times["columnar"].append(t)
        reading["columnar"].append(cpu(functools.partial(list, result))[0])
        times["objects"].append(cpu(objects)[0])
        if not states:
            states, dates = floor_inputs(result)
            if list(result) != list(reference) or result.warnings != reference.warnings:
                print("columnar and walk disagree", file=sys.stderr)
                return 1
        times["floor"].append(cpu(functools.partial(dict_floor, states, dates))[0])
    n = len(result)
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"{args.agencies:,} agencies, {n:,} states, {len(plain):,} filings; on {on}")
    print(f"CPU seconds, median of {args.runs} interleaved runs (collector paused):")
    for key, label in (
        ("walk", "walk (before)"),
        ("columnar", "columnar, filings as columns"),
        ("objects", "columnar, Filing objects"),
        ("floor", "dict-lookup floor"),
    ):
        print(f"  {label:32s} {median[key]:.3f} s  {n / median[key]:>12,.0f} states/s")
    print(
        f"  columnar vs walk: {median['walk'] / median['columnar']:.2f}x faster; "
        f"vs floor: {median['columnar'] / median['floor']:.2f}x the floor"
    )
    for key in reading:
        print(f"  reading every Status ({key}): {statistics.median(reading[key]):.3f} s")
    walked = sum(int((p.kind == EXPLICIT).sum()) for p in result._parts if isinstance(p, Table))
    print(f"  records left to the walk: {walked:,} ({walked / n:.1%})")
    for name, call in (("walk", walk), ("columnar", columnar)):
        tracemalloc.start()
        kept = call()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del kept
        print(f"  tracemalloc peak, {name}: {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
