# SPDX-License-Identifier: MIT
"""Run the benchmarks: ``python -m bench`` (or ``python bench/run.py``) from the repository root.

Every figure is the median of several runs in this process, and every ratio compares it with
a baseline measured in the same run on the same data:

* evaluation: ``xzjd.evaluate`` on the generated registry, a year of filings and the Yunnan
  ruleset, in period states per second, against the hand-written evaluator of
  :mod:`bench.baseline`; the two must give the same records or the run fails;
* reading filings: rows per second and peak bytes per filing held (tracemalloc), against
  ``csv.DictReader`` into small dataclasses;
* start-up: ``xzjd check`` of the Yunnan example as a process, without and with the
  parser's cache, against ``python -c "import xzjd"`` (:mod:`bench.startup`);
* history: the cost of evaluating one date after 10 and after 50 years of rules
  (:mod:`bench.schedule_years`).

Every call is timed as the ``xzjd`` command runs it, with the cyclic garbage collector paused
(the command pauses it; the library never does), for xzjd and the baseline alike.

The report goes to stdout and to ``bench/out/report.json``. Options: ``--agencies N``,
``--quick`` (1,000 agencies, fewer runs), ``--runs K``, ``--startup-runs K``, ``--rules PATH``,
``--profile``.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import xzjd
from bench import baseline as bl
from bench import compare, generate, startup
from xzjd.cli.commands import paused_collector


def _api(name: str, *modules: str) -> Callable[..., Any]:
    """``xzjd.<name>``, or the same function from the module that defines it."""
    obj = getattr(xzjd, name, None)
    if callable(obj):
        return obj  # type: ignore[no-any-return]
    import importlib

    for module in modules:
        obj = getattr(importlib.import_module(module), name, None)
        if callable(obj):
            return obj  # type: ignore[no-any-return]
    raise SystemExit(f"xzjd.{name} is not available")


def load(path: Path) -> Any:
    """``xzjd.load``."""
    return _api("load", "xzjd.language.loader")(path)


def loads(text: str) -> Any:
    """``xzjd.loads``."""
    return _api("loads", "xzjd.language.loader")(text)


def evaluate(*args: Any, **kw: Any) -> Any:
    """``xzjd.evaluate``."""
    return _api("evaluate", "xzjd.engine")(*args, **kw)


def read_agencies(path: Path) -> Any:
    """``xzjd.read_agencies``."""
    return _api("read_agencies", "xzjd.facts.agencies")(path)


def read_filings(path: Path) -> Any:
    """``xzjd.read_filings``."""
    return _api("read_filings", "xzjd.facts.tables")(path)


def read_events(path: Path) -> Any:
    """``xzjd.read_events``."""
    return _api("read_events", "xzjd.facts.tables")(path)


ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd"
OUT = ROOT / "bench" / "out"

#: Targets of issue 7. ``min``: the figure must be at least this; ``max``: at most.
TARGETS: dict[str, tuple[str, float]] = {
    "evaluate.states_per_s": ("min", 1_000_000),
    "evaluate.vs_baseline": ("min", 20),
    "filings.peak_bytes_per_filing": ("max", 400),
    "startup.warm_vs_import": ("max", startup.TARGET_WARM_VS_IMPORT),
    "history.50_vs_10_years": ("max", 1.1),
}


#: How every figure is timed: said in the report and its text.
COLLECTOR = (
    "timed as the xzjd command runs: the cyclic garbage collector is paused around each timed "
    "call (xzjd.cli.commands.paused_collector), for xzjd and the baseline alike; the library "
    "itself never pauses it"
)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """Median wall time of ``runs`` calls of ``fn`` (after a full collection), all times, result.

    Each call runs as the ``xzjd`` command runs it: with the cyclic garbage collector paused
    (the command pauses it for the time of a command; the library never touches it), whether
    ``fn`` is xzjd's or the baseline's, as ``bench.scaling.timed`` does (:data:`COLLECTOR`).
    """
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        result = None
        gc.collect()
        with paused_collector():
            t0 = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t0)
    return statistics.median(times), times, result


def peak_bytes(fn: Callable[[], Any]) -> tuple[int, int, Any]:
    """Peak and still-held bytes that ``fn`` allocates, measured with tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - base, current - base, result


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "xzjd": xzjd.__version__,
        "commit": _commit(),
    }


def _commit() -> str | None:
    """The checked-out commit, with ``+`` when the tree has changes; None outside git."""
    import subprocess

    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+" if dirty else "")


def _figure(
    report: dict[str, Any], name: str, value: float, unit: str, **extra: Any
) -> dict[str, Any]:
    entry: dict[str, Any] = {"value": value, "unit": unit, **extra}
    if name in TARGETS:
        sense, bound = TARGETS[name]
        entry["target"] = f"{'>=' if sense == 'min' else '<='} {bound:g}"
        entry["met"] = value >= bound if sense == "min" else value <= bound
    report["figures"][name] = entry
    return entry


# --------------------------------------------------------------------------- the parts


def bench_evaluate(
    report: dict[str, Any], rules: Path, data: dict[str, Any], runs: int, base_runs: int
) -> list[dict[str, Any]]:
    """Evaluate with xzjd and with the baseline; returns the disagreements."""
    ruleset = load(rules)
    on = data["on"]
    agencies = read_agencies(data["agencies"])
    filings = read_filings(data["filings"])
    events = read_events(data["events"])

    def run() -> Any:
        return evaluate(ruleset, agencies, filings, on=on, events=events)

    median, times, result = timed(run, runs)
    n_states = len(result)
    _figure(report, "evaluate.seconds", median, "s", runs=times, states=n_states)
    _figure(report, "evaluate.states_per_s", n_states / median, "states/s")

    b_agencies = bl.read_agencies(data["agencies"])
    b_filings = bl.read_filings(data["filings"])
    b_events = bl.read_events(data["events"])

    def run_baseline() -> Any:
        return bl.evaluate(ruleset, b_agencies, b_filings, on, b_events)

    b_median, b_times, b_result = timed(run_baseline, base_runs)
    _figure(report, "baseline.seconds", b_median, "s", runs=b_times, states=len(b_result))
    _figure(report, "baseline.states_per_s", len(b_result) / b_median, "states/s")
    _figure(report, "evaluate.vs_baseline", b_median / median, "x")

    ours = compare.canonical(result)
    theirs = compare.canonical(b_result)
    diffs = compare.differences(ours, theirs)
    report["agreement"] = {"equal": ours == theirs, "states": n_states, "first": diffs}
    return diffs


def bench_filings(report: dict[str, Any], data: dict[str, Any], runs: int) -> None:
    """Read the filings file: rows/s and peak bytes per filing held."""
    path = data["filings"]
    median, times, filings = timed(lambda: read_filings(path), runs)
    n = len(filings)
    del filings
    b_median, b_times, _ = timed(lambda: bl.read_filings(path), runs)
    _figure(report, "filings.read_per_s", n / median, "filings/s", runs=times)
    _figure(report, "filings.baseline_read_per_s", n / b_median, "filings/s", runs=b_times)
    _figure(report, "filings.read_vs_baseline", b_median / median, "x")
    peak, held, _ = peak_bytes(lambda: read_filings(path))
    b_peak, b_held, _ = peak_bytes(lambda: bl.read_filings(path))
    _figure(report, "filings.peak_bytes_per_filing", peak / n, "B", held_per_filing=held / n)
    _figure(
        report,
        "filings.baseline_peak_bytes_per_filing",
        b_peak / n,
        "B",
        held_per_filing=b_held / n,
    )
    _figure(report, "filings.memory_vs_baseline", b_peak / peak, "x")


def bench_startup(report: dict[str, Any], rounds: int) -> list[str]:
    """``xzjd check`` of the Yunnan example as a process, cold and warm, against the import;
    returns the problems (a check that failed or printed different outputs)."""
    result = startup.measure(
        rounds, startup.EXAMPLE / "rules.zh.xzjd", startup.EXAMPLE, "2010-11-15"
    )
    for name, key in (
        ("startup.import_s", "import"),
        ("startup.check_cold_s", "check.cold"),
        ("startup.check_warm_s", "check.warm"),
    ):
        f = result["series"][key]
        _figure(report, name, f["wall_s"], "s", cpu_s=f["cpu_s"], times=f["runs_wall_s"])
    for name, key in (
        ("startup.cold_vs_import", "check.cold_vs_import"),
        ("startup.warm_vs_import", "check.warm_vs_import"),
    ):
        ratio = result["ratios"][key]
        _figure(report, name, ratio["wall"], "x", cpu=ratio.get("cpu"))
    report["notes"] += [f"start-up: {problem}" for problem in result["problems"]]
    return list(result["problems"])


HISTORY_RULES = ROOT / "bench" / "rules" / "representative.xzjd"


def history_text(text: str, effective: dt.date) -> str:
    """The rules text taking effect on ``effective``, on a calendar that covers the years.

    The built-in ``cn`` data starts in 2004; the years before it are declared (weekends plus
    New Year's Day) in a calendar based on ``cn``, as language.md section 3 allows.

    One-off duties of a fixed year (``by April 1, 2010``) are left out of every version: for
    a recent ``effective`` they would fall before it, which the checker rejects
    (``schedule/before-effective``), and every version must hold the same obligations.
    """
    lines = []
    skipping = False
    for line in text.splitlines():
        if line.startswith("obligation "):
            block = text[text.index(line) :].split("\n\n", 1)[0]
            skipping = any(_fixed_year(b) for b in block.splitlines()[1:])
        elif not line.strip():
            skipping = False
        if skipping:
            continue
        if line.startswith("effective "):
            line = f"effective {effective.isoformat()}"
        elif line.startswith("calendar cn"):
            line = "calendar history"
        lines.append(line)
    # New Year's Day 2026 is already a rest day in cn: it keeps the block non-empty.
    lines += ["", "calendar history based on cn:", "  rest 2026-01-01"]
    lines += [f"  rest {year}-01-01" for year in range(effective.year, 2004)]
    return "\n".join(lines) + "\n"


def _fixed_year(line: str) -> bool:
    """Whether a schedule line names a deadline year (``2010``), not a ``from`` year."""
    words = line.replace(",", " ").split()
    return any(
        w.isdigit() and len(w) == 4 and (i == 0 or words[i - 1] not in ("from", "until"))
        for i, w in enumerate(words)
    ) and not line.strip().startswith(("source", "applies"))


def bench_history(report: dict[str, Any], out: Path, agencies: int, runs: int, seed: int) -> None:
    """Evaluate one date after 10 and after 50 years of rules, reporting the same last year.

    The filings are the same in both runs (a year of them, every one naming its period), so
    only the length of the history differs.
    """
    text = HISTORY_RULES.read_text(encoding="utf-8")
    on = dt.date(2026, 1, 20)
    since = dt.date(2025, 1, 20)
    recent = loads(history_text(text, dt.date(2025, 1, 22)))
    data = generate.generate(recent, out / f"history-{agencies}", agencies, seed, on, named=1.0)
    registry = read_agencies(data["agencies"])
    filings = read_filings(data["filings"])
    events = read_events(data["events"])
    medians: dict[int, float] = {}
    counts: dict[int, int] = {}
    for years in (10, 50):
        ruleset = loads(history_text(text, dt.date(on.year - years, 1, 22)))

        def run(r: Any = ruleset) -> Any:
            return evaluate(r, registry, filings, on=on, events=events, since=since)

        medians[years], times, result = timed(run, runs)
        counts[years] = len(result)
        _figure(
            report,
            f"history.{years}_years.seconds",
            medians[years],
            "s",
            runs=times,
            states=len(result),
        )
    if counts[10] != counts[50]:
        report["notes"].append(
            f"history: {counts[10]} states after 10 years, {counts[50]} after 50"
        )
    _figure(report, "history.50_vs_10_years", medians[50] / medians[10], "x")
    bench_schedule_years(report, runs)


def bench_schedule_years(report: dict[str, Any], runs: int) -> None:
    """The schedule lookups of bench/schedule_years.py: a lookup in 2026 against 2005."""
    try:
        from bench import schedule_years
    except ImportError:
        report["notes"].append("bench/schedule_years.py is missing: schedule lookups not timed")
        return
    ratios = []
    for u in schedule_years.unrollers().values():
        for op in ("containing", "between"):

            def make(year: int, u: Any = u, op: str = op) -> Callable[[], Any]:
                if op == "containing":
                    return lambda: u.containing(dt.date(year, 6, 15))
                return lambda: u.between(dt.date(year, 1, 1), dt.date(year, 12, 1))

            early = schedule_years.median_us(make(2005), max(7, runs), 1000)
            late = schedule_years.median_us(make(2026), max(7, runs), 1000)
            ratios.append(late / early)
    _figure(report, "schedule.2026_vs_2005_max", max(ratios), "x", ratios=ratios)


def profile_evaluate(rules: Path, data: dict[str, Any], path: Path) -> None:
    """Write the top of a cProfile of one evaluation to ``path``."""
    ruleset = load(rules)
    agencies = read_agencies(data["agencies"])
    filings = read_filings(data["filings"])
    events = read_events(data["events"])
    prof = cProfile.Profile()
    prof.enable()
    evaluate(ruleset, agencies, filings, on=data["on"], events=events)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).sort_stats("tottime")
    stats.print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    path.write_text(buf.getvalue(), encoding="utf-8")


# --------------------------------------------------------------------------- report


def render(report: dict[str, Any]) -> str:
    """The report as text."""
    m = report["machine"]
    p = report["params"]
    lines = [
        f"xzjd benchmarks - {m['cpu']}, {m['nproc']} CPU, Python {m['python']}, "
        f"commit {m['commit']}",
        f"rules {p['rules']}, {p['agencies']} agencies, {p['filings']} filings, "
        f"{p['events']} events, on {p['on']}; medians of {p['runs']} runs "
        f"(baseline {p['baseline_runs']})",
        p.get("collector", ""),
        "",
    ]
    for name, f in report["figures"].items():
        value = f["value"]
        text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
        line = f"  {name:<40} {text:>16} {f['unit']}"
        if "target" in f:
            line += f"   target {f['target']}: {'met' if f['met'] else 'NOT MET'}"
        lines.append(line)
    agree = report.get("agreement")
    if agree is not None:
        lines += [
            "",
            f"  evaluator and baseline agree on all {agree['states']} states"
            if agree["equal"]
            else "  EVALUATOR AND BASELINE DISAGREE (see report.json)",
        ]
    lines += [f"  note: {n}" for n in report["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--agencies", type=int, default=None, help="registry size (default 10000)")
    ap.add_argument("--quick", action="store_true", help="1000 agencies, fewer runs")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (default 5)")
    ap.add_argument("--baseline-runs", type=int, default=None, help="default 3")
    ap.add_argument("--rules", type=Path, default=DEFAULT_RULES)
    ap.add_argument("--seed", type=int, default=2010)
    ap.add_argument("--on", type=dt.date.fromisoformat, default=None)
    ap.add_argument(
        "--startup-runs", type=int, default=None, help="rounds of the start-up processes"
    )
    ap.add_argument(
        "--history-agencies", type=int, default=None, help="registry size of the history figure"
    )
    ap.add_argument("--profile", action="store_true", help="write bench/out/profile.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    agencies = args.agencies or (1_000 if args.quick else 10_000)
    runs = args.runs or (3 if args.quick else 5)
    base_runs = args.baseline_runs or (1 if args.quick else 3)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    ruleset = load(args.rules)
    data = generate.generate(ruleset, out / f"data-{agencies}", agencies, args.seed, args.on)
    report: dict[str, Any] = {
        "machine": machine(),
        "params": {
            "rules": str(args.rules.resolve().relative_to(ROOT))
            if args.rules.resolve().is_relative_to(ROOT)
            else str(args.rules),
            "on": data["on"].isoformat(),
            "seed": args.seed,
            "runs": runs,
            "baseline_runs": base_runs,
            "collector": COLLECTOR,
            **data["counts"],
        },
        "figures": {},
        "notes": [],
    }
    diffs = bench_evaluate(report, args.rules, data, runs, base_runs)
    bench_filings(report, data, runs)
    startup_problems = bench_startup(report, args.startup_runs or (5 if args.quick else 15))
    history_agencies = args.history_agencies or (1_000 if args.quick else 2_000)
    bench_history(report, out, history_agencies, runs, args.seed)
    if args.profile:
        profile_evaluate(args.rules, data, out / "profile.txt")
        report["notes"].append(f"profile written to {out / 'profile.txt'}")
    (out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    print(render(report))
    if diffs:
        print("\nfirst disagreements (evaluator vs baseline):", file=sys.stderr)
        for d in diffs:
            print("  " + json.dumps(d, ensure_ascii=False, default=str), file=sys.stderr)
        return 1
    return 1 if startup_problems else 0


if __name__ == "__main__":
    sys.exit(main())
