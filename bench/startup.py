# SPDX-License-Identifier: MIT
"""What a user waits for: ``python -m bench.startup`` from the repository root.

Times whole processes, as a user starts them, each series against the bare import measured in
the same run:

* **import**: ``python -c "import xzjd"``, the floor of every command;
* **check, cold**: ``xzjd check`` of the Yunnan example with its agencies, filings and events
  on 2010-11-15 (the README's first command), with an empty cache directory
  (``XDG_CACHE_HOME`` a new empty folder each run): the parser's tables are computed, and
  written to the cache;
* **check, warm**: the same command with the cache written by an earlier run: the tables are
  loaded.

The series are run in turn, round after round, so that every series sees the same load on a
shared machine; each figure is the median over the rounds, of the wall time and of the CPU
time of the process (user and system, from the operating system's accounting of the child,
which neighbours move less). The ratios divide the medians of the check by the median of the
import. Target (issue 11): the warm check under 3 times the import. Every run of the check
must exit with status 0 and print the same output, or the run fails.

``--before SRC`` times a second source tree as well (a ``src`` folder, for example of a
worktree at an older commit: ``git worktree add ../xzjd-before COMMIT``), in the same rounds,
by putting it first on ``PYTHONPATH`` of the processes; its figures are printed beside the
others.

The report goes to stdout and to ``bench/out/startup.json``. Options: ``--runs K`` (rounds,
default 20), ``--quick`` (5 rounds), ``--rules PATH`` with ``--data DIR`` (agencies.csv,
filings.csv, events.csv), ``--on DATE``, ``--out DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    import resource
except ImportError:  # pragma: no cover - not on a POSIX system: wall times only
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EXAMPLE = ROOT / "examples" / "yunnan-2010"
#: Target of issue 11: the warm check at most this many times the bare import.
TARGET_WARM_VS_IMPORT = 3.0


def xzjd_command() -> list[str]:
    """The ``xzjd`` command of this interpreter's environment, as a user runs it."""
    script = Path(sys.executable).parent / "xzjd"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "xzjd.cli"]


def check_args(rules: Path, data: Path, on: str) -> list[str]:
    """The arguments of the README's ``xzjd check`` for *rules* and the files in *data*."""
    return [
        "check",
        str(rules),
        "--agencies",
        str(data / "agencies.csv"),
        "--filings",
        str(data / "filings.csv"),
        "--events",
        str(data / "events.csv"),
        "--on",
        on,
    ]


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, float | None, Any]:
    """Wall seconds, CPU seconds (None without ``resource``) and the completed process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    cpu = None
    if resource is not None and before is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


class Series:
    """One kind of process, with its environment and its timings."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.command = command
        self.env = env
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.outputs: set[tuple[int, bytes, bytes]] = set()

    def run(self, cache_home: str | None = None) -> None:
        env = dict(self.env)
        if cache_home is not None:
            env["XDG_CACHE_HOME"] = cache_home
        wall, cpu, proc = run_process(self.command, env)
        self.wall.append(wall)
        if cpu is not None:
            self.cpu.append(cpu)
        self.outputs.add((proc.returncode, proc.stdout, proc.stderr))

    def figures(self) -> dict[str, Any]:
        return {
            "wall_s": statistics.median(self.wall),
            "cpu_s": statistics.median(self.cpu) if self.cpu else None,
            "runs_wall_s": self.wall,
            "runs_cpu_s": self.cpu,
        }


def measure(
    rounds: int,
    rules: Path,
    data: Path,
    on: str,
    before: Path | None = None,
) -> dict[str, Any]:
    """Time the import, the cold and the warm check (and the same for *before*, if given)."""
    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "XDG_CACHE_HOME")}
    trees: list[tuple[str, dict[str, str]]] = [("", base_env)]
    if before is not None:
        trees.append(("before.", {**base_env, "PYTHONPATH": str(before.resolve())}))
    work = Path(tempfile.mkdtemp(prefix="xzjd-startup-"))
    try:
        groups = []
        for prefix, env in trees:
            warm_home = work / f"{prefix}warm"
            warm_home.mkdir()
            imp = Series(f"{prefix}import", [sys.executable, "-c", "import xzjd"], env)
            cold = Series(
                f"{prefix}check.cold", [*xzjd_command(), *check_args(rules, data, on)], env
            )
            warm = Series(f"{prefix}check.warm", cold.command, env)
            # One run to write the cache the warm runs load; it is not timed.
            warm.run(str(warm_home))
            warm.wall.clear()
            warm.cpu.clear()
            groups.append((imp, cold, warm, warm_home))
        for k in range(rounds):
            for imp, cold, warm, warm_home in groups:
                imp.run(str(warm_home))
                cold_home = work / f"cold-{cold.name}-{k}"
                cold_home.mkdir()
                cold.run(str(cold_home))
                shutil.rmtree(cold_home)
                warm.run(str(warm_home))
        report: dict[str, Any] = {"series": {}, "ratios": {}, "problems": []}
        for imp, cold, warm, _ in groups:
            for s in (imp, cold, warm):
                report["series"][s.name] = s.figures()
            base = imp.figures()
            for s in (cold, warm):
                f = s.figures()
                ratio = {"wall": f["wall_s"] / base["wall_s"]}
                if f["cpu_s"] is not None and base["cpu_s"]:
                    ratio["cpu"] = f["cpu_s"] / base["cpu_s"]
                report["ratios"][f"{s.name}_vs_import"] = ratio
            outputs = cold.outputs | warm.outputs
            if len(outputs) != 1 or next(iter(outputs))[0] != 0:
                report["problems"].append(
                    f"{cold.name}/{warm.name}: {len(outputs)} different outputs, exit statuses "
                    f"{sorted({o[0] for o in outputs})}"
                )
            if any(o[0] != 0 for o in imp.outputs):
                report["problems"].append(f"{imp.name}: the import failed")
        warm_ratio = report["ratios"]["check.warm_vs_import"]["wall"]
        report["target"] = {
            "figure": "check.warm_vs_import (wall)",
            "max": TARGET_WARM_VS_IMPORT,
            "value": warm_ratio,
            "met": warm_ratio < TARGET_WARM_VS_IMPORT,
        }
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render(report: dict[str, Any]) -> str:
    """The report as text."""
    m = report["machine"]
    p = report["params"]
    lines = [
        f"xzjd start-up - {m['cpu']}, {m['nproc']} CPU, Python {m['python']}, commit {m['commit']}",
        f"xzjd check {p['rules']} (data {p['data']}, on {p['on']}); medians of "
        f"{p['rounds']} rounds",
        "",
        f"  {'process':<28} {'wall':>9} {'CPU':>9} {'wall/import':>12} {'CPU/import':>11}",
    ]
    for name, f in report["series"].items():
        cpu = f"{f['cpu_s'] * 1000:7.0f} ms" if f["cpu_s"] is not None else "        -"
        ratio = report["ratios"].get(f"{name}_vs_import")
        r_wall = f"{ratio['wall']:.2f}x" if ratio else ""
        r_cpu = f"{ratio['cpu']:.2f}x" if ratio and "cpu" in ratio else ""
        lines.append(f"  {name:<28} {f['wall_s'] * 1000:6.0f} ms {cpu} {r_wall:>12} {r_cpu:>11}")
    t = report["target"]
    lines += [
        "",
        f"  target: {t['figure']} < {t['max']:g}: {t['value']:.2f}x, "
        f"{'met' if t['met'] else 'NOT MET'}",
    ]
    lines += [f"  PROBLEM: {problem}" for problem in report["problems"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    # bench.run imports this module for its own report: import it here, not at the top.
    from bench.run import machine

    ap = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=None, help="rounds (default 20)")
    ap.add_argument("--quick", action="store_true", help="5 rounds")
    ap.add_argument("--rules", type=Path, default=EXAMPLE / "rules.zh.xzjd")
    ap.add_argument("--data", type=Path, default=EXAMPLE, help="folder of the three CSV files")
    ap.add_argument("--on", default="2010-11-15")
    ap.add_argument("--before", type=Path, default=None, help="another src/ folder to time too")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rounds = args.runs or (5 if args.quick else 20)
    report = measure(rounds, args.rules, args.data, args.on, args.before)
    report["machine"] = machine()
    report["params"] = {
        "rules": str(args.rules),
        "data": str(args.data),
        "on": args.on,
        "rounds": rounds,
        "before": str(args.before) if args.before else None,
        "command": [*xzjd_command(), *check_args(args.rules, args.data, args.on)],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "startup.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    print(render(report))
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
