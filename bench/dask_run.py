# SPDX-License-Identifier: MIT
"""The partitioned run on Dask against the single process, on the benchmark's registry.

Generates (or reuses) the benchmark data for N agencies, reads it once, then evaluates it
with :func:`xzjd.evaluate` in this process and with :func:`xzjd.dask.evaluate_dask`
(Dask's local scheduler, threads or processes, or a ``dask.distributed.LocalCluster`` of
worker processes), checks that the two results are equal row for row and warning for
warning, and prints the times: wall time, and this process's CPU time (the workers' CPU
time of a process scheduler or cluster is not in it). The collector is paused as the
``xzjd`` command pauses it.

    python -m bench.dask_run --agencies 100000 --engine cluster --workers 2

Needs the ``dask`` extra (``--engine cluster`` also ``dask.distributed``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xzjd
from bench import generate
from xzjd.cli.commands import paused_collector
from xzjd.dask import evaluate_dask
from xzjd.engine.partition import partitions

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd"


def _timed(call: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result of *call*, its wall time and this process's CPU time, collector paused."""
    with paused_collector():
        wall, cpu = time.perf_counter(), time.process_time()
        out = call()
        return out, time.perf_counter() - wall, time.process_time() - cpu


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Read, evaluate both ways, compare; the figures as a dict."""
    ruleset = xzjd.load(RULES)
    data: Path = args.data / str(args.agencies)
    on = generate.default_on(ruleset)
    if not (data / "filings.csv").exists():
        generate.generate(ruleset, data, agencies=args.agencies, seed=args.seed, on=on)
    rules = xzjd.check(ruleset)
    (agencies, filings, events), _, read_cpu = _timed(
        lambda: (
            xzjd.read_agencies(data / "agencies.csv", kinds=ruleset.kinds),
            xzjd.read_filings(data / "filings.csv"),
            xzjd.read_events(data / "events.csv"),
        )
    )
    one, one_wall, one_cpu = _timed(
        lambda: xzjd.evaluate(rules, agencies, filings, on=on, events=events)
    )
    cut, cut_wall, _ = _timed(
        lambda: partitions(rules, agencies, filings, events, depth=args.depth)
    )
    client = None
    cluster = None
    if args.engine == "cluster":
        # Only this engine needs it (dask.distributed, not part of the dask extra); the ignore
        # is for a machine without it.
        import distributed  # type: ignore[import-not-found, unused-ignore]

        cluster = distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True
        )
        client = distributed.Client(cluster)
    try:
        two, two_wall, two_cpu = _timed(
            lambda: evaluate_dask(
                rules,
                agencies,
                filings,
                on=on,
                events=events,
                partition_depth=args.depth,
                client=client,
                scheduler=None if client is not None else args.engine,
            )
        )
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    same_rows = list(two) == list(one)
    same_warnings = two.warnings == one.warnings
    return {
        "agencies": len(agencies),
        "filings": len(filings),
        "states": len(one),
        "warnings": len(one.warnings),
        "partitions": len(cut),
        "largest_partition": max(len(p.agencies) + len(p.context) for p in cut),
        "engine": args.engine,
        "workers": args.workers if args.engine == "cluster" else None,
        "read_cpu_s": round(read_cpu, 3),
        "single_wall_s": round(one_wall, 3),
        "single_cpu_s": round(one_cpu, 3),
        "partitioning_wall_s": round(cut_wall, 3),
        "dask_wall_s": round(two_wall, 3),
        "dask_driver_cpu_s": round(two_cpu, 3),
        "equal_rows": same_rows,
        "equal_warnings": same_warnings,
    }


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.dask_run", description=__doc__.split("\n")[0])
    p.add_argument("--agencies", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=2010)
    p.add_argument("--depth", type=int, default=2, help="levels of region per partition")
    p.add_argument(
        "--engine",
        choices=["sync", "threads", "processes", "cluster"],
        default="processes",
        help="Dask's local scheduler, or a LocalCluster of worker processes",
    )
    p.add_argument("--workers", type=int, default=2, help="worker processes of the cluster")
    p.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "dask")
    p.add_argument("--out", type=Path, default=None, help="also write the figures here (JSON)")
    args = p.parse_args(argv)
    figures = run(args)
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if figures["equal_rows"] and figures["equal_warnings"] else 1


if __name__ == "__main__":
    sys.exit(main())
