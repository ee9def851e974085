# SPDX-License-Identifier: MIT
"""Does reading grow linearly? ``python -m bench.scaling`` from the repository root.

Two series, each measured in this process and compared with its own smallest size:

* **rules files**: ``xzjd.load`` on valid rules files of about 1, 10 and 50 MB, made by
  repeating the obligations of the Yunnan rules with new ids
  (:func:`bench.generate.replicate_rules`); seconds per MB;
* **JSON registries**: ``xzjd.read_agencies`` on agencies files of 10,000, 29,000 and
  100,000 agencies (:func:`bench.generate.make_agencies`), written indented and on one line;
  microseconds per agency, against ``json.loads`` of the same file (the decoding floor).

For each series the *growth* is the cost per unit at a size divided by the cost per unit at
the smallest size of the series: linear reading keeps it near 1 (a quadratic path doubles it
with every doubling of the input). The run checks the targets of issue 12 (a 50 MB rules file
in under 60 s, a 29,000-agency JSON registry in under 5 s) and exits with status 1 if one is
missed. Files above 20 MB are loaded once; smaller ones ``--runs`` times (median).

The report goes to stdout and to ``bench/out/scaling.json``. Options: ``--sizes 1,10,50``
(MB), ``--agencies 10000,29000,100000``, ``--runs K``, ``--rules PATH``, ``--quick`` (0.5
and 2 MB, 2,000 and 8,000 agencies), ``--out DIR``.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import xzjd
from bench import generate
from bench.run import DEFAULT_RULES, OUT, machine
from xzjd.cli.commands import paused_collector

#: Targets of issue 12: the figure (seconds) must be at most this.
TARGETS: dict[str, float] = {
    "rules.50MB.seconds": 60.0,
    "agencies.29000.indented.seconds": 5.0,
    "agencies.29000.one-line.seconds": 5.0,
}

#: Files larger than this many bytes are loaded once, whatever ``--runs`` says.
ONE_RUN_ABOVE = 20_000_000

MB = 1_000_000


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, list[float], float, Any]:
    """Median wall time of ``runs`` calls of ``fn``, all the wall times, the median CPU time
    of the process (less moved by other work on a shared machine), the last result.

    Each call runs as the ``xzjd`` command runs it: with the cyclic garbage collector paused
    (the command pauses it for the time of a command; the library never touches it).
    """
    import gc

    times: list[float] = []
    cpu: list[float] = []
    result: Any = None
    for _ in range(runs):
        result = None
        gc.collect()
        with paused_collector():
            c0 = time.process_time()
            t0 = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return statistics.median(times), times, statistics.median(cpu), result


def rules_text(rules: Path, target_bytes: int) -> tuple[str, int]:
    """A valid rules text of about *target_bytes* (UTF-8) and its number of obligations."""
    text = rules.read_text(encoding="utf-8")
    ids = [o.id for o in xzjd.loads(text).obligations]
    once = generate.replicate_rules(text, ids, 1)
    head = generate.replicate_rules(text, ids, 0)
    per_copy = len(once.encode()) - len(head.encode())
    copies = max(1, round((target_bytes - len(head.encode())) / per_copy))
    return generate.replicate_rules(text, ids, copies), len(ids) * copies


def registry_json(n: int, seed: int, *, indented: bool) -> str:
    """*n* agencies as a JSON array (tags as lists), indented or on one line."""
    rows: list[dict[str, Any]] = []
    for row in generate.make_agencies(n, seed):
        tags = [t for t in row["tags"].split(";") if t]
        rows.append({**row, "tags": tags})
    return json.dumps(rows, ensure_ascii=False, indent=1 if indented else None)


def _growth(series: list[dict[str, Any]], unit_cost: str, name: str = "growth") -> None:
    base = series[0][unit_cost]
    for entry in series:
        entry[name] = entry[unit_cost] / base


def bench_rules(
    report: dict[str, Any], rules: Path, sizes: list[float], runs: int, out: Path
) -> None:
    """``xzjd.load`` on rules files of the given sizes (MB)."""
    series: list[dict[str, Any]] = []
    for mb in sizes:
        text, obligations = rules_text(rules, int(mb * MB))
        path = out / f"rules-{mb:g}MB.xzjd"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        del text
        n = 1 if size > ONE_RUN_ABOVE else runs
        median, times, cpu, ruleset = timed(functools.partial(xzjd.load, path), n)
        if len(ruleset.obligations) != obligations:
            raise SystemExit(f"{path}: {len(ruleset.obligations)} obligations, not {obligations}")
        del ruleset
        series.append(
            {
                "name": f"rules.{mb:g}MB",
                "bytes": size,
                "obligations": obligations,
                "seconds": median,
                "runs": times,
                "cpu_seconds": cpu,
                "seconds_per_mb": median / (size / MB),
                "cpu_seconds_per_mb": cpu / (size / MB),
                "mb_per_s": size / MB / median,
            }
        )
        path.unlink()
    _growth(series, "seconds_per_mb")
    _growth(series, "cpu_seconds_per_mb", "cpu_growth")
    report["rules"] = series


def _json_of(path: Path) -> Any:
    """The JSON text of the file at *path*, decoded (the standard library's reading)."""
    return json.loads(path.read_text(encoding="utf-8"))


def bench_agencies(
    report: dict[str, Any], counts: list[int], runs: int, seed: int, out: Path
) -> None:
    """``xzjd.read_agencies`` on JSON registries, indented and on one line."""
    for layout in ("indented", "one-line"):
        series: list[dict[str, Any]] = []
        for n in counts:
            text = registry_json(n, seed, indented=layout == "indented")
            path = out / f"agencies-{n}-{layout}.json"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size
            k = 1 if size > ONE_RUN_ABOVE else runs
            median, times, cpu, registry = timed(functools.partial(xzjd.read_agencies, path), k)
            if len(registry) != n:
                raise SystemExit(f"{path}: {len(registry)} agencies, not {n}")
            del registry
            j_median, j_times, _, _ = timed(functools.partial(_json_of, path), k)
            series.append(
                {
                    "name": f"agencies.{n}.{layout}",
                    "agencies": n,
                    "bytes": size,
                    "seconds": median,
                    "runs": times,
                    "cpu_seconds": cpu,
                    "us_per_agency": median / n * 1e6,
                    "cpu_us_per_agency": cpu / n * 1e6,
                    "json_loads_seconds": j_median,
                    "json_loads_runs": j_times,
                    "vs_json_loads": median / j_median,
                }
            )
            path.unlink()
        _growth(series, "us_per_agency")
        _growth(series, "cpu_us_per_agency", "cpu_growth")
        report[f"agencies.{layout}"] = series


def check_targets(report: dict[str, Any]) -> list[str]:
    """The targets missed (an empty list when all that were measured are met)."""
    entries = {e["name"]: e for key, series in report.items() if key != "machine"
               if isinstance(series, list) for e in series}  # fmt: skip
    missed = []
    for name, bound in TARGETS.items():
        entry = entries.get(name.removesuffix(".seconds"))
        if entry is None:
            continue
        entry["target"] = f"<= {bound:g} s"
        entry["met"] = entry["seconds"] <= bound
        if not entry["met"]:
            missed.append(f"{name}: {entry['seconds']:.2f} s > {bound:g} s")
    return missed


def render(report: dict[str, Any]) -> str:
    """The report as text."""
    m = report["machine"]
    lines = [
        f"xzjd scaling - {m['cpu']}, {m['nproc']} CPU, Python {m['python']}, commit {m['commit']}",
        "",
    ]

    def target(e: dict[str, Any]) -> str:
        if "met" not in e:
            return ""
        return f"   target {e['target']}: {'met' if e['met'] else 'NOT MET'}"

    if report.get("rules"):
        lines.append("rules files, xzjd.load:")
        lines.append(
            f"  {'size':>10} {'obligations':>12} {'seconds':>9} {'s/MB':>7} {'MB/s':>6} "
            f"{'growth':>7} {'cpu s/MB':>9} {'growth':>7}"
        )
        for e in report["rules"]:
            lines.append(
                f"  {e['bytes'] / MB:>7.2f} MB {e['obligations']:>12,} {e['seconds']:>9.3f} "
                f"{e['seconds_per_mb']:>7.3f} {e['mb_per_s']:>6.2f} {e['growth']:>6.2f}x "
                f"{e['cpu_seconds_per_mb']:>9.3f} {e['cpu_growth']:>6.2f}x" + target(e)
            )
        lines.append("")
    for layout in ("indented", "one-line"):
        series = report.get(f"agencies.{layout}")
        if not series:
            continue
        lines.append(f"JSON registries ({layout}), xzjd.read_agencies:")
        lines.append(
            f"  {'agencies':>9} {'size':>10} {'seconds':>9} {'us/agency':>10} {'growth':>7} "
            f"{'cpu us/ag.':>10} {'growth':>7} {'json.loads':>11} {'ratio':>6}"
        )
        for e in series:
            lines.append(
                f"  {e['agencies']:>9,} {e['bytes'] / MB:>7.2f} MB {e['seconds']:>9.3f} "
                f"{e['us_per_agency']:>10.1f} {e['growth']:>6.2f}x "
                f"{e['cpu_us_per_agency']:>10.1f} {e['cpu_growth']:>6.2f}x "
                f"{e['json_loads_seconds']:>10.3f}s {e['vs_json_loads']:>5.1f}x" + target(e)
            )
        lines.append("")
    lines.append(
        "growth: cost per MB (per agency) at this size / at the smallest size, in wall and in "
        "CPU time; linear reading stays near 1"
    )
    return "\n".join(lines)


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(
        prog="python -m bench.scaling", description=(__doc__ or "").split("\n")[0]
    )
    ap.add_argument("--sizes", type=_floats, default=None, help="rules sizes in MB (1,10,50)")
    ap.add_argument("--agencies", type=_ints, default=None, help="registry sizes")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure below 20 MB")
    ap.add_argument("--rules", type=Path, default=DEFAULT_RULES)
    ap.add_argument("--seed", type=int, default=2010)
    ap.add_argument("--quick", action="store_true", help="0.5 and 2 MB; 2,000 and 8,000 agencies")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sizes = args.sizes or ([0.5, 2.0] if args.quick else [1.0, 10.0, 50.0])
    counts = args.agencies or ([2_000, 8_000] if args.quick else [10_000, 29_000, 100_000])
    out: Path = args.out
    work = out / "scaling"
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine()}
    bench_rules(report, args.rules, sizes, args.runs, work)
    bench_agencies(report, counts, args.runs, args.seed, work)
    missed = check_targets(report)
    (out / "scaling.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    print(render(report))
    for m in missed:
        print(f"target missed: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
