# SPDX-License-Identifier: MIT
"""Run the benchmarks: ``python -m bench`` (or ``python bench/run.py``) from the repository root.

For each registry size (``--agencies 10000,100000,300000``; ``--quick``: 1,000), on data
generated once into ``bench/out/data-N/`` and reused while the generator, the rules and the
arguments stay the same:

* **evaluate**: ``xzjd.evaluate`` (the call and ``len`` of its result), the same with every
  record read once, the hand-written evaluator of :mod:`bench.baseline`, the dict-lookup floor
  and the numpy floor (:mod:`bench.floors`), run in turns (A B C D E, then E D C B A, ...),
  CPU time and wall time of every run; states per second and the ratios of the medians. The
  evaluator and the baseline must give the same records (count and multiset hash of every
  field), and the floors the same codes as each other and as the evaluator wherever they
  decide, or the run fails;
* **read**: the agencies, filings and events files with ``xzjd.read_*`` against
  ``csv.DictReader`` into dataclasses (the baseline's reader), in turns;
* **one process**: in a fresh process, reading and evaluating as ``xzjd check`` does: CPU
  time of each and the peak resident memory (VmHWM) after reading and at the end;
* **check**: ``xzjd check --format json`` end to end as a process, this tree against the
  source tree of ``--base REV`` (:mod:`bench.check_json`), interleaved; CPU time of the
  process and its peak memory with all the output rows and with few (``--state warning``).

Once per run: **start-up** (:mod:`bench.startup`) and **history** (:mod:`bench.history`).

Every timed call in this process runs as the ``xzjd`` command runs it, with the cyclic garbage
collector paused around the call (:data:`COLLECTOR`), for every contender alike. The targets
of the issues are printed beside their figures with PASS or FAIL. The report goes to stdout
and to ``bench/out/report.json``; the exit status is 1 when a check of equality fails.
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
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import xzjd
from bench import baseline as bl
from bench import check_json, compare, floors, history, startup
from bench.measure import digest, in_child, interleave
from xzjd.cli.commands import paused_collector

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd"
OUT = ROOT / "bench" / "out"
#: The sizes of a full run, and of ``--quick``.
SIZES = (10_000, 100_000, 300_000)
QUICK = (1_000,)
#: The commit ``xzjd check --format json`` is compared with by default (issue 14's "before"):
#: the last commit before the issue's first change to the output (records laid out from
#: templates); the check part gives both trees the rules without their rating lines.
DEFAULT_BASE = "2617e0f"
GIB = 2**30
MIB = 2**20

#: Targets: (size or None for every size, figure) -> (sense, bound, where it comes from).
#: ``min``: the figure must be at least the bound; ``max``: at most; ``under``: below it.
TARGETS: dict[tuple[int | None, str], tuple[str, float, str]] = {
    (10_000, "evaluate.cpu_states_per_s"): ("min", 1_000_000, "issue 14"),
    (10_000, "evaluate.vs_dict_floor.cpu"): ("max", 5, "issue 14"),
    (10_000, "evaluate.vs_baseline.cpu"): ("min", 20, "issue 7"),
    (10_000, "check.speedup.cpu"): ("min", 3, "issue 14"),
    (10_000, "check.output_peak_ratio"): ("max", 1.05, "issue 14 (flat)"),
    (300_000, "process.read_evaluate_cpu_s"): ("under", 20, "issue 14"),
    (300_000, "process.peak_bytes"): ("under", 2 * GIB, "issue 14"),
    (None, "startup.warm_vs_import"): ("max", startup.TARGET_WARM_VS_IMPORT, "issue 11"),
    (None, "history.50_vs_10_years.cpu"): ("max", 1.1, "issue 7"),
}

#: How every figure is timed: said in the report and its text.
COLLECTOR = (
    "timed as the xzjd command runs: the cyclic garbage collector is paused around each timed "
    "call (xzjd.cli.commands.paused_collector), for xzjd, the baseline and the floors alike; "
    "the library itself never pauses it"
)
#: What the floors measure: said in the report and its text.
FLOORS = (
    "floors: the inputs (each state's key and deadline, each done or late period's day of "
    "satisfaction, as a dict and as aligned numpy arrays) are prepared from one evaluation "
    "outside the timed region; the floors time the decision alone"
)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """Median wall time of ``runs`` calls of ``fn`` (after a full collection), all times, result.

    Each call runs as the ``xzjd`` command runs it: with the cyclic garbage collector paused
    (the command pauses it for the time of a command; the library never touches it), whether
    ``fn`` is xzjd's or the baseline's (:data:`COLLECTOR`). Used by the other benchmarks;
    this one interleaves its contenders (:func:`bench.measure.interleave`).
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
        "memory_bytes": _memory(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "xzjd": xzjd.__version__,
        "commit": _commit(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _commit() -> str | None:
    """The checked-out commit, with ``+`` when the tree has changes; None outside git."""
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


class Tier:
    """The figures of one registry size."""

    def __init__(self, size: int, data: dict[str, Any]) -> None:
        self.size = size
        self.data = data
        self.figures: dict[str, dict[str, Any]] = {}
        self.checks: dict[str, Any] = {}
        self.series: dict[str, dict[str, Any]] = {}

    def figure(self, name: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
        """Record a figure, with its target at this size if it has one."""
        entry = _with_target(self.size, name, {"value": value, "unit": unit, **extra})
        self.figures[name] = entry
        return entry

    def as_dict(self) -> dict[str, Any]:
        return {
            "agencies": self.size,
            "counts": self.data["counts"],
            "on": self.data["on"].isoformat(),
            "generate": self.data.get("generate"),
            "series": self.series,
            "figures": self.figures,
            "checks": self.checks,
        }


def _with_target(size: int | None, name: str, entry: dict[str, Any]) -> dict[str, Any]:
    target = TARGETS.get((size, name)) or TARGETS.get((None, name))
    if target is not None:
        sense, bound, source = target
        value = entry["value"]
        shown = (
            f"{bound / GIB:g} GiB"
            if name.endswith("bytes")
            else f"{int(bound):,}"
            if float(bound).is_integer()
            else f"{bound:g}"
        )
        entry["target"] = {"min": ">=", "max": "<=", "under": "<"}[sense] + " " + shown
        entry["source"] = source
        entry["met"] = (
            value >= bound
            if sense == "min"
            else value <= bound
            if sense == "max"
            else value < bound
        )
    return entry


# --------------------------------------------------------------------------- data


def prepare_data(
    rules: Path, out: Path, size: int, seed: int, on: dt.date | None
) -> dict[str, Any]:
    """The files of one size, generated in a child process (CPU, wall, peak memory measured)
    unless ``out/data-N`` already holds them for the same rules, arguments and generator."""
    measured = in_child(
        "bench.generate",
        "cached_json",
        rules=str(rules),
        out_dir=str(out / f"data-{size}"),
        agencies=size,
        seed=seed,
        on=on.isoformat() if on else None,
    )
    v = measured["value"]
    return {
        "on": dt.date.fromisoformat(v["on"]),
        "agencies": Path(v["agencies"]),
        "filings": Path(v["filings"]),
        "events": Path(v["events"]),
        "counts": v["counts"],
        "generate": {
            "reused": v["reused"],
            "cpu_s": measured["cpu_s"],
            "wall_s": measured["wall_s"],
            "vmhwm": measured["vmhwm"],
        },
    }


# --------------------------------------------------------------------------- evaluate


def bench_evaluate(
    tier: Tier, ruleset: Any, runs: int, base_runs: int, profile: Path | None
) -> bool:
    """xzjd, xzjd with every record read, the baseline and the two floors, in turns; returns
    whether every check of equality held."""
    data = tier.data
    on = data["on"]
    agencies = xzjd.read_agencies(data["agencies"])
    filings = xzjd.read_filings(data["filings"])
    events = xzjd.read_events(data["events"])

    def run() -> Any:
        result = xzjd.evaluate(ruleset, agencies, filings, on=on, events=events)
        len(result)
        return result

    def run_records() -> Any:
        result = xzjd.evaluate(ruleset, agencies, filings, on=on, events=events)
        for _ in result:
            pass
        return result

    # One evaluation outside the rounds: the floors' inputs and the records to compare.
    gc.collect()
    with paused_collector():
        result = run()
    n_states = len(result)
    inputs = floors.prepare(result, on)
    ours = digest(result)
    del result
    if profile is not None:
        profile_evaluate(run, profile)

    contenders: dict[str, Callable[[], Any]] = {
        "evaluate": run,
        "evaluate+records": run_records,
        "dict floor": lambda: floors.dict_floor(inputs),
        "numpy floor": lambda: floors.numpy_floor(inputs),
    }
    counts = {name: runs for name in contenders}
    if base_runs > 0:
        b_agencies = bl.read_agencies(data["agencies"])
        b_filings = bl.read_filings(data["filings"])
        b_events = bl.read_events(data["events"])
        contenders["baseline"] = lambda: bl.evaluate(ruleset, b_agencies, b_filings, on, b_events)
        counts["baseline"] = base_runs
    kept: dict[str, Any] = {}

    def seen(name: str, k: int, value: Any) -> None:
        if k == 0:
            if name == "baseline":
                kept[name] = digest(value)
            elif name.endswith("floor"):
                kept[name] = value

    series = interleave(contenders, counts, seen)
    tier.series.update({name: s.as_dict() for name, s in series.items()})
    ev = series["evaluate"]
    tier.figure("evaluate.cpu_s", ev.cpu_s, "s", states=n_states)
    tier.figure("evaluate.wall_s", ev.wall_s, "s")
    tier.figure("evaluate.cpu_states_per_s", n_states / ev.cpu_s, "states/s")
    tier.figure("evaluate.wall_states_per_s", n_states / ev.wall_s, "states/s")
    rec = series["evaluate+records"]
    tier.figure("evaluate+records.cpu_states_per_s", n_states / rec.cpu_s, "states/s")
    tier.figure("evaluate+records.wall_states_per_s", n_states / rec.wall_s, "states/s")
    for key, name in (("dict_floor", "dict floor"), ("numpy_floor", "numpy floor")):
        fl = series[name]
        tier.figure(f"{key}.cpu_states_per_s", n_states / fl.cpu_s, "states/s")
        tier.figure(f"{key}.wall_states_per_s", n_states / fl.wall_s, "states/s")
        tier.figure(f"evaluate.vs_{key}.cpu", ev.cpu_s / fl.cpu_s, "x")
        tier.figure(f"evaluate.vs_{key}.wall", ev.wall_s / fl.wall_s, "x")
    ok = True
    agree = floors.agreement(inputs, kept["dict floor"], kept["numpy floor"])
    tier.checks["floors"] = agree
    ok = ok and agree["equal"]
    if "baseline" in series:
        b = series["baseline"]
        tier.figure("baseline.cpu_states_per_s", n_states / b.cpu_s, "states/s")
        tier.figure("evaluate.vs_baseline.cpu", b.cpu_s / ev.cpu_s, "x")
        tier.figure("evaluate.vs_baseline.wall", b.wall_s / ev.wall_s, "x")
        equal = kept["baseline"] == ours
        check: dict[str, Any] = {"equal": equal, "states": ours[0], "baseline": kept["baseline"][0]}
        if not equal:
            mine = xzjd.evaluate(ruleset, agencies, filings, on=on, events=events)
            theirs = bl.evaluate(ruleset, b_agencies, b_filings, on, b_events)
            check["first"] = compare.differences(compare.canonical(mine), compare.canonical(theirs))
        tier.checks["baseline"] = check
        ok = ok and equal
    return ok


def profile_evaluate(run: Callable[[], Any], path: Path) -> None:
    """Write the top of a cProfile of one evaluation to ``path``."""
    prof = cProfile.Profile()
    with paused_collector():
        prof.enable()
        run()
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).sort_stats("tottime")
    stats.print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    path.write_text(buf.getvalue(), encoding="utf-8")


# --------------------------------------------------------------------------- read


def bench_read(tier: Tier, runs: int, base_runs: int) -> None:
    """The three files with xzjd's readers and with the baseline's, in turns."""
    data = tier.data
    a, f, e = data["agencies"], data["filings"], data["events"]

    def ours() -> Any:
        return (xzjd.read_agencies(a), xzjd.read_filings(f), xzjd.read_events(e))

    def theirs() -> Any:
        return (bl.read_agencies(a), bl.read_filings(f), bl.read_events(e))

    contenders: dict[str, Callable[[], Any]] = {"read": ours}
    counts = {"read": runs}
    if base_runs > 0:
        contenders["baseline read"] = theirs
        counts["baseline read"] = max(runs, base_runs)
    series = interleave(contenders, counts)
    tier.series.update({name: s.as_dict() for name, s in series.items()})
    rows = sum(data["counts"].values())
    r = series["read"]
    tier.figure("read.cpu_s", r.cpu_s, "s")
    tier.figure("read.wall_s", r.wall_s, "s")
    tier.figure("read.cpu_rows_per_s", rows / r.cpu_s, "rows/s")
    if "baseline read" in series:
        b = series["baseline read"]
        tier.figure("read.vs_baseline.cpu", b.cpu_s / r.cpu_s, "x")
        tier.figure("read.vs_baseline.wall", b.wall_s / r.wall_s, "x")


def bench_process(tier: Tier, rules: Path, runs: int) -> None:
    """Reading and evaluating in fresh processes: CPU and peak memory (medians; peak: max)."""
    data = tier.data
    measured = [
        in_child(
            "bench.measure",
            "read_and_evaluate",
            rules=str(rules),
            agencies=str(data["agencies"]),
            filings=str(data["filings"]),
            events=str(data["events"]),
            on=data["on"].isoformat(),
        )["value"]
        for _ in range(runs)
    ]
    tier.series["process"] = {"runs": measured}

    def med(key: str) -> float:
        return float(statistics.median(m[key] for m in measured))

    read, ev = med("read_cpu_s"), med("evaluate_cpu_s")
    total = statistics.median(m["read_cpu_s"] + m["evaluate_cpu_s"] for m in measured)
    tier.figure("process.read_cpu_s", read, "s", wall_s=med("read_wall_s"))
    tier.figure("process.evaluate_cpu_s", ev, "s", wall_s=med("evaluate_wall_s"))
    tier.figure(
        "process.read_evaluate_cpu_s",
        total,
        "s",
        wall_s=statistics.median(m["read_wall_s"] + m["evaluate_wall_s"] for m in measured),
    )
    peak = max(m["peak"] for m in measured)
    tier.figure("process.peak_bytes", peak, "B", start_rss=measured[0]["start_rss"])
    tier.figure("process.read_peak_bytes", max(m["read_peak"] for m in measured), "B")
    filings = data["counts"]["filings"]
    if filings:
        grown = max(m["read_peak"] - m["start_rss"] for m in measured)
        tier.figure("process.read_bytes_per_filing", grown / filings, "B")


# --------------------------------------------------------------------------- check


def unrated(rules: Path, tmp: Path) -> Path:
    """A copy of *rules* without its rating lines (``rating ...`` / ``评级 ...``).

    Ratings (issue 16) change nothing in ``xzjd check``'s records, but a base commit older
    than them cannot read the line: both trees are given the copy, so the comparison runs
    against any commit since the issue was filed (``--base 2617e0f``, the last commit before
    its first output change, reads it)."""
    kept = [
        line
        for line in rules.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.lstrip().startswith(("评级", "rating "))
    ]
    copy = tmp / rules.name
    copy.write_text("".join(kept), encoding="utf-8")
    return copy


def bench_check(tier: Tier, rules: Path, base: Path | None, rounds: int) -> bool:
    """``xzjd check --format json`` end to end, this tree (B) against *base* (A); returns
    whether both wrote the same JSON."""
    trees: dict[str, Path | None] = {"B": None}
    if base is not None:
        trees = {"A": base, "B": None}
    with tempfile.TemporaryDirectory(prefix="xzjd-bench-rules-") as tmp:
        entry = check_json.measure(trees, tier.data, rounds, unrated(rules, Path(tmp)))
    tier.series["check"] = entry
    b = entry["B"]
    tier.figure("check.cpu_s", b["cpu_s"], "s", wall_s=b["wall_s"])
    tier.figure("check.peak_bytes", b["vmhwm"], "B")
    tier.figure("check.peak_bytes_few_rows", b["vmhwm_few_rows"], "B")
    tier.figure("check.output_peak_ratio", b["vmhwm"] / b["vmhwm_few_rows"], "x")
    if "A" in entry:
        tier.figure("check.base_cpu_s", entry["A"]["cpu_s"], "s", wall_s=entry["A"]["wall_s"])
        tier.figure("check.speedup.cpu", entry["speedup"], "x")
        tier.figure("check.speedup.wall", entry["speedup_wall"], "x")
    tier.checks["check"] = {"same_output": entry["same_output"], "bytes": entry["output_bytes"]}
    return bool(entry["same_output"])


# --------------------------------------------------------------------------- once a run


def bench_startup(report: dict[str, Any], rounds: int) -> list[str]:
    """``xzjd check`` of the Yunnan example as a process, cold and warm, against the import;
    returns the problems (a check that failed or printed different outputs)."""
    result = startup.measure(
        rounds, startup.EXAMPLE / "rules.zh.xzjd", startup.EXAMPLE, "2010-11-15"
    )
    figures = report["figures"]
    for name, key in (
        ("startup.import_s", "import"),
        ("startup.check_cold_s", "check.cold"),
        ("startup.check_warm_s", "check.warm"),
    ):
        f = result["series"][key]
        figures[name] = {"value": f["wall_s"], "unit": "s", "cpu_s": f["cpu_s"]}
    for name, key in (
        ("startup.cold_vs_import", "check.cold_vs_import"),
        ("startup.warm_vs_import", "check.warm_vs_import"),
    ):
        r = result["ratios"][key]
        figures[name] = _with_target(
            None, name, {"value": r["wall"], "unit": "x", "cpu": r.get("cpu")}
        )
    report["notes"] += [f"start-up: {problem}" for problem in result["problems"]]
    return list(result["problems"])


def bench_history(report: dict[str, Any], out: Path, agencies: int, runs: int, seed: int) -> None:
    """One date after 10 and after 50 years of rules; the schedule lookups (bench.history)."""
    h = history.measure(out, agencies, runs, seed)
    report["history"] = h
    figures = report["figures"]
    for years in ("10 years", "50 years"):
        s = h["series"][years]
        figures[f"history.{years.replace(' ', '_')}.cpu_s"] = {
            "value": s["cpu_s"],
            "unit": "s",
            "wall_s": s["wall_s"],
            "states": h["states"].get(years),
        }
    for kind in ("cpu", "wall"):
        name = f"history.50_vs_10_years.{kind}"
        figures[name] = _with_target(None, name, {"value": h["ratio"][kind], "unit": "x"})
    if len(set(h["states"].values())) != 1:
        report["notes"].append(f"history: states differ: {h['states']}")
    sy = history.schedule_years(runs)
    figures["schedule.2026_vs_2005_max"] = {"value": sy["worst"], "unit": "x", **sy}


# --------------------------------------------------------------------------- report


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _mark(f: dict[str, Any]) -> str:
    if "target" not in f:
        return ""
    return f"   target {f['target']} ({f['source']}): {'PASS' if f['met'] else 'FAIL'}"


def render_tier(t: dict[str, Any]) -> list[str]:
    """One size's block of the text report."""
    c = t["counts"]
    g = t.get("generate") or {}
    f = t["figures"]
    s = t["series"]
    states = f.get("evaluate.cpu_s", {}).get("states")
    head = (
        f"== {t['agencies']:,} agencies: {c['filings']:,} filings, {c['events']:,} events"
        + (f", {states:,} states" if states is not None else "")
        + f", on {t['on']}"
    )
    lines = [head]
    if g:
        lines.append(
            "  data: reused, generated earlier with the same rules, arguments and generator"
            if g["reused"]
            else f"  data: generated in {g['cpu_s']:.1f} s CPU, {g['wall_s']:.1f} s wall, "
            f"peak {g['vmhwm'] / MIB:,.0f} MiB"
        )
    if "evaluate" in s:
        lines.append(
            f"  {'':<34}{'CPU s':>10}{'wall s':>10}{'states/s CPU':>15}{'states/s wall':>15}  runs"
        )
        for name in ("evaluate", "evaluate+records", "baseline", "dict floor", "numpy floor"):
            if name not in s:
                continue
            x = s[name]
            n = len(x["cpu_runs"])
            lines.append(
                f"  {name:<34}{x['cpu_s']:>10.3f}{x['wall_s']:>10.3f}"
                f"{states / x['cpu_s']:>15,.0f}{states / x['wall_s']:>15,.0f}  {n}"
            )
        rate = f["evaluate.cpu_states_per_s"]
        lines.append(f"  evaluate, states/s CPU{_num(rate['value']):>16}{_mark(rate)}")
        for key, label in (
            ("evaluate.vs_baseline", "baseline / evaluate"),
            ("evaluate.vs_dict_floor", "evaluate / dict floor"),
            ("evaluate.vs_numpy_floor", "evaluate / numpy floor"),
        ):
            if f"{key}.cpu" in f:
                cpu, wall = f[f"{key}.cpu"], f[f"{key}.wall"]
                lines.append(
                    f"  {label:<34}{cpu['value']:>9.2f}x CPU {wall['value']:>7.2f}x wall"
                    + _mark(cpu)
                )
        chk = t["checks"]
        if "baseline" in chk:
            b = chk["baseline"]
            lines.append(
                f"  evaluator and baseline agree on all {b['states']:,} states"
                if b["equal"]
                else f"  EVALUATOR ({b['states']:,}) AND BASELINE ({b['baseline']:,}) DISAGREE"
            )
        fl = chk.get("floors")
        if fl:
            decided = fl["states"] - fl["undecided"]
            lines.append(
                f"  floors agree with each other and with the evaluator on {decided:,} decided "
                f"states ({fl['undecided']:,} waived left undecided)"
                if fl["equal"]
                else f"  FLOORS DISAGREE: with each other {not fl['floors_equal']}, "
                f"with the evaluator on {fl['disagree']:,} states"
            )
    if "read" in s:
        r = s["read"]
        line = (
            f"  read (agencies+filings+events){r['cpu_s']:>10.3f} s CPU {r['wall_s']:>8.3f} s wall"
        )
        if "read.vs_baseline.cpu" in f:
            line += (
                f"; csv.DictReader baseline {s['baseline read']['cpu_s']:.3f} s CPU: "
                f"{f['read.vs_baseline.cpu']['value']:.2f}x"
            )
        lines.append(line)
    if "process.read_evaluate_cpu_s" in f:
        total = f["process.read_evaluate_cpu_s"]
        peak = f["process.peak_bytes"]
        lines.append(
            f"  one process: read {f['process.read_cpu_s']['value']:.2f} s + evaluate "
            f"{f['process.evaluate_cpu_s']['value']:.2f} s = {total['value']:.2f} s CPU"
            f"{_mark(total)}"
        )
        lines.append(
            f"    peak RSS {peak['value'] / MIB:,.0f} MiB (after reading "
            f"{f['process.read_peak_bytes']['value'] / MIB:,.0f}, at start "
            f"{peak['start_rss'] / MIB:,.0f}){_mark(peak)}"
        )
    if "check.cpu_s" in f:
        b = f["check.cpu_s"]
        line = f"  xzjd check --format json: {b['value']:.2f} s CPU, {b['wall_s']:.2f} s wall"
        if "check.speedup.cpu" in f:
            sp = f["check.speedup.cpu"]
            line += (
                f"; base {f['check.base_cpu_s']['value']:.2f} s CPU: {sp['value']:.2f}x{_mark(sp)}"
            )
        lines.append(line)
        ratio = f["check.output_peak_ratio"]
        lines.append(
            f"    peak RSS {f['check.peak_bytes']['value'] / MIB:,.0f} MiB all rows, "
            f"{f['check.peak_bytes_few_rows']['value'] / MIB:,.0f} MiB few rows: "
            f"{ratio['value']:.3f}x{_mark(ratio)}"
        )
        if not t["checks"]["check"]["same_output"]:
            lines.append("  THE TWO TREES WROTE DIFFERENT JSON")
    return lines


def render(report: dict[str, Any]) -> str:
    """The report as text."""
    m = report["machine"]
    p = report["params"]
    lines = [
        f"xzjd benchmarks - {m['cpu']}, {m['nproc']} CPU, Python {m['python']}, "
        f"commit {m['commit']}",
        f"rules {p['rules']}, seed {p['seed']}; medians of interleaved runs",
        p["collector"],
        p["floors"],
        "",
    ]
    for t in report["tiers"]:
        lines += render_tier(t)
        lines.append("")
    for name, f in report["figures"].items():
        lines.append(f"  {name:<40} {_num(f['value']):>16} {f['unit']}{_mark(f)}")
    lines += [f"  note: {n}" for n in report["notes"]]
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(n.replace("_", "")) for n in text.split(",") if n.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}")
    return sizes


PARTS = ("evaluate", "read", "process", "check", "startup", "history")


def _parts(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown parts {unknown}; known: {','.join(PARTS)}")
    return parts


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--agencies", type=_sizes, default=None, help="registry sizes (default 10000,100000,300000)"
    )
    ap.add_argument("--quick", action="store_true", help="1,000 agencies, fewer runs")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (5; 3 from 100k)")
    ap.add_argument("--baseline-runs", type=int, default=None, help="3; 1 from 100k; 0: none")
    ap.add_argument(
        "--process-runs", type=int, default=None, help="fresh processes (3; 1 from 100k)"
    )
    ap.add_argument("--check-rounds", type=int, default=None, help="3; 1 from 100k")
    ap.add_argument(
        "--base",
        default=DEFAULT_BASE,
        metavar="REV",
        help=f"git revision the check is compared with (default {DEFAULT_BASE}; 'none')",
    )
    ap.add_argument(
        "--parts", type=_parts, default=list(PARTS), help=f"comma-separated of {','.join(PARTS)}"
    )
    ap.add_argument("--rules", type=Path, default=DEFAULT_RULES)
    ap.add_argument("--seed", type=int, default=2010)
    ap.add_argument("--on", type=dt.date.fromisoformat, default=None)
    ap.add_argument("--startup-runs", type=int, default=None, help="rounds (default 15)")
    ap.add_argument("--history-agencies", type=int, default=None, help="default 2000")
    ap.add_argument("--profile", action="store_true", help="write bench/out/profile-N.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sizes = args.agencies or list(QUICK if args.quick else SIZES)
    parts = set(args.parts)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    rules: Path = args.rules.resolve()
    ruleset = xzjd.load(rules)
    report: dict[str, Any] = {
        "machine": machine(),
        "params": {
            "rules": str(rules.relative_to(ROOT)) if rules.is_relative_to(ROOT) else str(rules),
            "seed": args.seed,
            "sizes": sizes,
            "parts": sorted(parts),
            "base": args.base,
            "collector": COLLECTOR,
            "floors": FLOORS,
        },
        "tiers": [],
        "figures": {},
        "notes": [],
    }
    ok = True
    with tempfile.TemporaryDirectory(prefix="xzjd-bench-") as tmp:
        base: Path | None = None
        if "check" in parts and args.base.lower() != "none":
            try:
                base = check_json.base_tree(args.base, Path(tmp) / "base")
            except (OSError, subprocess.CalledProcessError) as exc:
                report["notes"].append(f"check: no source tree for {args.base}: {exc}")
        for size in sizes:
            small = size < 100_000
            runs = args.runs or (3 if args.quick else 5 if small else 3)
            base_runs = (
                args.baseline_runs
                if args.baseline_runs is not None
                else (1 if args.quick or not small else 3)
            )
            tier = Tier(size, prepare_data(rules, out, size, args.seed, args.on))
            print(f"{size:,} agencies: data ready", file=sys.stderr, flush=True)
            if "evaluate" in parts:
                profile = out / f"profile-{size}.txt" if args.profile else None
                ok = bench_evaluate(tier, ruleset, runs, base_runs, profile) and ok
            if "read" in parts:
                bench_read(tier, runs, base_runs)
            if "process" in parts:
                process_runs = args.process_runs or (3 if small and not args.quick else 1)
                bench_process(tier, rules, process_runs)
            if "check" in parts:
                rounds = args.check_rounds or (3 if small and not args.quick else 1)
                ok = bench_check(tier, rules, base, rounds) and ok
            report["tiers"].append(tier.as_dict())
            print("\n".join(render_tier(report["tiers"][-1])), file=sys.stderr, flush=True)
    problems: list[str] = []
    if "startup" in parts:
        problems = bench_startup(report, args.startup_runs or (5 if args.quick else 15))
    if "history" in parts:
        history_agencies = args.history_agencies or (1_000 if args.quick else 2_000)
        bench_history(report, out, history_agencies, 3 if args.quick else 9, args.seed)
    (out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    print(render(report))
    return 0 if ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
