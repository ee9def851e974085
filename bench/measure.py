# SPDX-License-Identifier: MIT
"""How the benchmarks time things: interleaved runs, CPU and wall time, peak memory.

* :func:`interleave` runs several contenders in turns (A B, then B A, ...), so that the noise
  of a shared machine hits each of them alike, and keeps the CPU time
  (:func:`time.process_time`) and the wall time (:func:`time.perf_counter`) of every run;
  a figure is the median of the runs, a ratio the ratio of two medians.
* Every timed call runs as the ``xzjd`` command runs it: with the cyclic garbage collector
  paused around the call (:func:`xzjd.cli.commands.paused_collector`), after a full
  collection, whichever contender it is.
* :func:`in_child` runs a function of a ``bench`` module in a fresh Python process and
  returns what it returned together with the process's peak resident memory (``VmHWM`` of
  ``/proc/self/status``, read by the process itself at its end) and its CPU time: peak memory
  is a property of a whole process, so it is measured on one that did nothing else.
* :func:`digest` reduces a sequence of records to a count and a 64-bit multiset hash of their
  canonical form (:mod:`bench.compare`), so two evaluations are compared record for record
  without holding both results at once.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import xzjd
from bench import compare
from xzjd.cli.commands import paused_collector

__all__ = [
    "Series",
    "digest",
    "in_child",
    "interleave",
    "order",
    "ratio",
    "read_and_evaluate",
    "vmhwm",
    "vmrss",
]

ROOT = Path(__file__).resolve().parent.parent


class Series:
    """The runs of one contender: CPU and wall seconds of each."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cpu: list[float] = []
        self.wall: list[float] = []

    @property
    def cpu_s(self) -> float:
        """Median CPU seconds."""
        return statistics.median(self.cpu)

    @property
    def wall_s(self) -> float:
        """Median wall seconds."""
        return statistics.median(self.wall)

    def as_dict(self) -> dict[str, Any]:
        """The medians and every run, for the report."""
        return {
            "cpu_s": self.cpu_s,
            "wall_s": self.wall_s,
            "cpu_runs": self.cpu,
            "wall_runs": self.wall,
        }


def order(runs: Mapping[str, int]) -> list[str]:
    """The order in which contenders run: round ``r`` runs every contender that has runs
    left, forwards in even rounds and backwards in odd ones (A B, B A, A B, ...)."""
    names = list(runs)
    out: list[str] = []
    for r in range(max(runs.values(), default=0)):
        for name in names if r % 2 == 0 else names[::-1]:
            if runs[name] > r:
                out.append(name)
    return out


def interleave(
    contenders: Mapping[str, Callable[[], Any]],
    runs: Mapping[str, int],
    seen: Callable[[str, int, Any], None] | None = None,
) -> dict[str, Series]:
    """Run each contender ``runs[name]`` times in the turns of :func:`order`; ``seen(name, k,
    result)`` (untimed) gets the result of each contender's ``k``-th run before it is dropped.
    """
    series = {name: Series(name) for name in contenders}
    for name in order(runs):
        fn = contenders[name]
        result: Any = None
        gc.collect()
        with paused_collector():
            c0 = time.process_time()
            t0 = time.perf_counter()
            result = fn()
            wall = time.perf_counter() - t0
            cpu = time.process_time() - c0
        s = series[name]
        s.cpu.append(cpu)
        s.wall.append(wall)
        if seen is not None:
            seen(name, len(s.cpu) - 1, result)
        del result
    return series


def ratio(a: Series, b: Series) -> dict[str, float]:
    """``a`` over ``b``, of the CPU medians and of the wall medians."""
    return {"cpu": a.cpu_s / b.cpu_s, "wall": a.wall_s / b.wall_s}


def digest(records: Iterable[Any]) -> tuple[int, int]:
    """The number of records and a hash of the multiset of their canonical tuples."""
    n = 0
    total = 0
    norm = compare.canonical_one
    for r in records:
        total += hash(norm(r))
        n += 1
    return n, total & 0xFFFF_FFFF_FFFF_FFFF


# Run in the measured process: call bench.<module>.<function>(**kwargs), then write what it
# returned, the process's CPU time and its VmHWM to the file named by the first argument.
_CHILD = """
import importlib, json, resource, sys
sys.path.insert(0, sys.argv[2])
out, module, function, kwargs = sys.argv[1], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
value = getattr(importlib.import_module(module), function)(**kwargs)
usage = resource.getrusage(resource.RUSAGE_SELF)
peak = 0
with open("/proc/self/status", encoding="ascii") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
with open(out, "w", encoding="utf-8") as f:
    json.dump({"value": value, "cpu_s": usage.ru_utime + usage.ru_stime, "vmhwm": peak}, f)
"""


def in_child(module: str, function: str, **kwargs: Any) -> dict[str, Any]:
    """``module.function(**kwargs)`` in a fresh interpreter: its JSON-able return value
    (``value``), the process's CPU seconds (``cpu_s``), its peak resident bytes (``vmhwm``)
    and the wall seconds of the whole process (``wall_s``)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    try:
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                _CHILD,
                str(result),
                str(ROOT),
                module,
                function,
                json.dumps(kwargs, default=str),
            ],
            check=True,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
        wall = time.perf_counter() - t0
        measured: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)
    measured["wall_s"] = wall
    return measured


def read_and_evaluate(
    rules: str, agencies: str, filings: str, events: str, on: str
) -> dict[str, Any]:
    """Run in a fresh process (:func:`in_child`): read the three files and
    evaluate, as ``xzjd check`` does (collector paused); CPU and wall of each step, resident
    memory before reading, peak after reading and at the end."""
    ruleset = xzjd.load(rules)
    day = dt.date.fromisoformat(on)
    start_rss = vmrss()
    with paused_collector():
        c0, t0 = time.process_time(), time.perf_counter()
        registry = xzjd.read_agencies(agencies)
        rows = xzjd.read_filings(filings)
        happened = xzjd.read_events(events)
        c1, t1 = time.process_time(), time.perf_counter()
        read_peak = vmhwm()
        result = xzjd.evaluate(ruleset, registry, rows, on=day, events=happened)
        states = len(result)
        c2, t2 = time.process_time(), time.perf_counter()
    return {
        "read_cpu_s": c1 - c0,
        "read_wall_s": t1 - t0,
        "evaluate_cpu_s": c2 - c1,
        "evaluate_wall_s": t2 - t1,
        "states": states,
        "start_rss": start_rss,
        "read_peak": read_peak,
        "peak": vmhwm(),
    }


def vmhwm() -> int:
    """This process's peak resident bytes so far (0 where ``/proc`` is not there)."""
    return _status_bytes("VmHWM:")


def vmrss() -> int:
    """This process's resident bytes now (0 where ``/proc`` is not there)."""
    return _status_bytes("VmRSS:")


def _status_bytes(field: str) -> int:
    """A size in kB of ``/proc/self/status``, in bytes (0 where ``/proc`` is not there)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
