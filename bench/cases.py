# SPDX-License-Identifier: MIT
"""The case benchmark: ``python -m bench.cases`` from the repository root.

On a province-year of licence approvals (:mod:`bench.case_data`, 1,000,000 cases by default):

* ``evaluate``: ``xzjd.evaluate_cases`` on every case on one date (2025-12-31), from cases
  already in memory; reading the events file is measured too once ``xzjd.read_cases`` exists;
* ``memory``: peak resident memory (VmHWM) of a fresh process that evaluates the cases
  into a list, and of one that streams them (``iter_case_statuses`` over a generator of cases,
  each record dropped once seen), at the full and at a quarter of the number of cases;
* ``baseline``: the hand-written day walker of :mod:`bench.case_baseline` against
  ``evaluate_cases`` on the same sample of cases (the walker takes minutes on a million); the
  two must agree on every case's deadline, state, days overdue, days used, first yellow and
  red, and stages, or the run fails;
* ``history``: the daily signal history of a year (365 dates) on a sample, with
  ``signal_history`` against 365 calls of ``evaluate_cases``, and against one date.

Every timed call runs with the cyclic garbage collector paused, as the ``xzjd`` command runs
it, for xzjd and the baseline alike (:func:`bench.run.timed`). The report goes to stdout and
``bench/out/cases.json``. ``--quick``: 100,000 cases, smaller samples.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import xzjd
from bench import case_baseline as bl
from bench import case_data as cd
from bench.measure import vmhwm
from bench.run import machine, timed
from xzjd.engine.cases import evaluate_cases, iter_case_statuses, signal_history
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import AfterEvent, Ruleset

OUT = Path(__file__).resolve().parent / "out"


def specs(ruleset: Ruleset) -> dict[str, bl.Spec]:
    """What the baseline needs of each obligation."""
    out = {}
    for o in ruleset.obligations:
        assert isinstance(o.schedule, AfterEvent)
        ext = o.extension
        out[o.id] = bl.Spec(
            limit=o.schedule.count,
            reasons=frozenset(() if o.pause is None else o.pause.reasons),
            extension=0 if ext is None else ext.count,
            times=0 if ext is None else ext.times,
            stages=() if o.stages is None else tuple((s.name, s.count) for s in o.stages.stages),
        )
    return out


def run_baseline(
    cases: list[Case], rules: dict[str, bl.Spec], on: dt.date, *, cached: bool = False
) -> list[bl.Record]:
    workday = bl.Workdays(cached=cached)
    out = []
    for c in cases:
        r = bl.evaluate(c, rules[c.obligation], on, workday)
        if r is not None:
            out.append(r)
    return out


def disagreements(statuses: list[Any], records: list[bl.Record]) -> list[str]:
    """Where ``evaluate_cases`` and the baseline differ, at most 20."""
    out: list[str] = []
    if len(statuses) != len(records):
        out.append(f"{len(statuses)} records against {len(records)}")
    for s, r in zip(statuses, records, strict=False):
        mine = (
            s.case,
            s.due,
            s.state.value,
            s.days_overdue,
            s.used,
            s.yellow_on,
            s.red_on,
            [(x.name, x.due, x.state.value) for x in s.stages],
        )
        theirs = (r.case, r.due, r.state, r.days_overdue, r.used, r.yellow_on, r.red_on, r.stages)
        if mine != theirs:
            out.append(f"xzjd {mine}\n  baseline {theirs}")
            if len(out) >= 20:
                break
    return out


def stand_in_reader(path: Path) -> Iterator[Case]:
    """The least a CSV reader of cases does: parse, build each row and group a case's rows,
    with none of the checks of ``xzjd.read_cases``."""
    with path.open(encoding="utf-8", newline="") as f:
        it = csv.reader(f)
        next(it)
        rows: list[CaseRow] = []
        fromiso = dt.date.fromisoformat
        for cid, agency, obligation, event, day, note in it:
            if rows and rows[0].case != cid:
                yield Case(
                    id=rows[0].case, agency=rows[0].agency, obligation=rows[0].obligation, rows=rows
                )
                rows = []
            rows.append(
                CaseRow(
                    case=cid,
                    agency=agency,
                    obligation=obligation,
                    event=event,
                    date=fromiso(day),
                    note=note or None,
                )
            )
        if rows:
            yield Case(
                id=rows[0].case, agency=rows[0].agency, obligation=rows[0].obligation, rows=rows
            )


class Source:
    """The generated cases as a source read anew on each iteration, as a file reader is."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> Iterator[Case]:
        return cd.iter_cases(self.n)


def child(mode: str, n: int) -> dict[str, Any]:
    """Run in a fresh process: evaluate *n* cases; its peak RSS. ``list``: the cases in a list,
    the records in a list; ``generator``: records used one by one from a generator of cases
    (read once, so held); ``stream``: the same from a source read twice (:class:`Source`)."""
    rules = cd.ruleset()
    t0 = time.perf_counter()
    count = 0
    if mode == "list":
        cases = list(cd.iter_cases(n))
        count = len(evaluate_cases(rules, cases, on=cd.ON))
    else:
        source = cd.iter_cases(n) if mode == "generator" else Source(n)
        for _ in iter_case_statuses(rules, source, on=cd.ON):
            count += 1
    seconds = time.perf_counter() - t0
    return {"mode": mode, "cases": n, "records": count, "seconds": seconds, "maxrss": peak_rss()}


def peak_rss() -> int:
    """This process's peak resident memory in bytes: VmHWM (``ru_maxrss`` would include the
    peak of the parent the process was forked from, which Linux keeps across exec)."""
    return vmhwm() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure_memory(n: int) -> list[dict[str, Any]]:
    out = []
    for mode in ("list", "generator", "stream"):
        for size in (n // 4, n):
            proc = subprocess.run(
                [sys.executable, "-m", "bench.cases", "--child", mode, "--cases", str(size)],
                capture_output=True,
                text=True,
                check=True,
                cwd=Path(__file__).resolve().parent.parent,
            )
            out.append(json.loads(proc.stdout))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.cases", description=__doc__.split("\n")[0])
    p.add_argument("--cases", type=int, default=1_000_000)
    p.add_argument("--sample", type=int, default=20_000, help="cases for the baseline")
    p.add_argument("--history", type=int, default=2_000, help="cases for the year of signals")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--no-memory", action="store_true")
    p.add_argument("--child", choices=("list", "generator", "stream"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.cases)))
        return 0
    if args.quick:
        args.cases, args.sample, args.history, args.runs = 100_000, 5_000, 500, 1
    report: dict[str, Any] = {"machine": machine(), "cases": args.cases, "on": cd.ON.isoformat()}
    rules = cd.ruleset()
    t0 = time.perf_counter()
    cases = list(cd.iter_cases(args.cases))
    report["generate_s"] = time.perf_counter() - t0
    report["rows"] = sum(len(c.rows) for c in cases)
    lines = [
        f"cases: {args.cases:,} cases, {report['rows']:,} rows "
        f"(generated in {report['generate_s']:.1f} s); on {cd.ON}",
        "timed with the cyclic garbage collector paused, as the xzjd command runs",
    ]
    csv_path = OUT / "cases.csv"
    OUT.mkdir(exist_ok=True)
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        cd.write_csv(f, args.cases)
    size = csv_path.stat().st_size
    read_cases = getattr(xzjd, "read_cases", None)
    if read_cases is None:
        lines.append("reading: xzjd.read_cases is not on this branch; not measured")
    else:
        r_med, _, read = timed(lambda: read_cases(csv_path), 1)
        same = list(read) == cases
        del read
        e_med, _, out = timed(lambda: evaluate_cases(rules, read_cases(csv_path), on=cd.ON), 1)
        del out
        report["read"] = {"median_s": r_med, "bytes": size, "same_cases": same}
        report["read_and_evaluate"] = {"median_s": e_med}
        lines.append(
            f"xzjd.read_cases: {r_med:.2f} s for {size / 2**20:,.0f} MiB "
            f"({'the same cases' if same else 'DIFFERENT CASES'}); read and evaluate: "
            f"{e_med:.2f} s (target < 10 s)"
        )
        if not same:
            return 1
    s_med, _, read = timed(lambda: list(stand_in_reader(csv_path)), 1)
    assert read == cases
    del read
    report["read_stand_in"] = {"median_s": s_med, "bytes": size}
    lines.append(
        f"reading, stand-in (csv module into CaseRow and Case, no checks): {s_med:.2f} s "
        f"for {size / 2**20:,.0f} MiB, a floor for any reader that builds these objects"
    )
    # (a) one date, every case
    med, times, out = timed(lambda: evaluate_cases(rules, cases, on=cd.ON), args.runs)
    report["evaluate"] = {"median_s": med, "times": times, "records": len(out)}
    per = med / len(cases) * 1e6
    lines.append(
        f"evaluate_cases: {med:.2f} s for {len(cases):,} cases ({per:.1f} µs a case); "
        f"target < 10 s with reading"
    )
    states: dict[str, int] = {}
    for s in out:
        states[s.state.value] = states.get(s.state.value, 0) + 1
    report["states"] = states
    lines.append("states: " + ", ".join(f"{k} {v:,}" for k, v in sorted(states.items())))
    del out
    # (c) the day walker on a sample
    sample = cases[: args.sample]
    specs_ = specs(rules)
    b_med, _, records = timed(lambda: run_baseline(sample, specs_, cd.ON), 1)
    c_med, _, cached = timed(lambda: run_baseline(sample, specs_, cd.ON, cached=True), 1)
    x_med, _, statuses = timed(lambda: evaluate_cases(rules, sample, on=cd.ON), args.runs)
    wrong = disagreements(list(statuses), records) + disagreements(list(statuses), cached)
    ratio = b_med / x_med
    report["baseline"] = {
        "sample": len(sample),
        "baseline_s": b_med,
        "cached_walker_s": c_med,
        "xzjd_s": x_med,
        "vs_baseline": ratio,
        "vs_cached_walker": c_med / x_med,
        "disagreements": len(wrong),
    }
    lines.append(
        f"baseline (day walker) on {len(sample):,} cases: {b_med:.2f} s; evaluate_cases "
        f"{x_med:.3f} s; vs_baseline {ratio:.1f}x (target >= 20x); "
        f"{'agree on every case' if not wrong else f'{len(wrong)} DISAGREEMENTS'}"
    )
    lines.append(
        f"  the same walker with working days remembered in a dict: {c_med:.3f} s, "
        f"{c_med / x_med:.1f}x"
    )
    # (d) a year of daily signals on a sample
    hist = cases[: args.history]
    first, last = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    one, _, _ = timed(lambda: evaluate_cases(rules, hist, on=cd.ON), args.runs)
    fast, _, changes = timed(lambda: list(signal_history(rules, hist, first, last)), args.runs)
    naive, _, _ = timed(lambda: [evaluate_cases(rules, hist, on=d) for d in days], 1)
    report["history"] = {
        "cases": len(hist),
        "days": len(days),
        "one_date_s": one,
        "signal_history_s": fast,
        "naive_s": naive,
        "transitions": len(changes),
        "vs_one_date": fast / one,
        "naive_vs_fast": naive / fast,
    }
    lines.append(
        f"history, {len(days)} days of {len(hist):,} cases: signal_history {fast:.3f} s "
        f"= {fast / one:.1f}x one date ({one:.3f} s); 365 evaluations {naive:.1f} s "
        f"= {naive / fast:.0f}x signal_history; {len(changes):,} transitions"
    )
    # (b) memory, in fresh processes
    if not args.no_memory:
        del cases, sample, statuses, records, hist
        mem = measure_memory(args.cases)
        report["memory"] = mem
        for m in mem:
            lines.append(
                f"memory, {m['mode']:9}: {m['cases']:>9,} cases peak RSS "
                f"{m['maxrss'] / 2**20:,.0f} MiB ({m['seconds']:.1f} s incl. generating)"
            )
    OUT.mkdir(exist_ok=True)
    (OUT / "cases.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print("\n".join(lines))
    if wrong:
        print("\n".join(wrong[:5]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
