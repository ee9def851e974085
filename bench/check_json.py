# SPDX-License-Identifier: MIT
"""``xzjd check --format json`` end to end: ``python -m bench.check_json`` from the repository root.

On the generated registry (:mod:`bench.generate`, the Yunnan rules, a year of filings):

* ``end to end``: the ``xzjd check --format json`` command as a process writing to
  ``/dev/null``, CPU time (user + system) of the process; with ``--base REV`` the same
  command from the source tree of git revision *REV* (``git archive`` into a temporary
  folder) runs in the same rounds, the two interleaved (A B, then B A, ...) so that the
  noise of a shared machine hits both; the ratio is of the medians;
* ``memory``: peak resident memory (VmHWM, read by the process itself at its end) of each
  run, at every registry size, and of the same run with ``--state warning`` (the same
  reading and evaluation, next to no output rows): the difference is what the output costs;
* ``same output``: before the rounds, both trees' JSON is read through SHA-256 as it is
  written and the digests compared (byte for byte, without storing gigabytes of JSON);
* ``breakdown``: in this process, with the collector paused as the command pauses it, the
  CPU time of reading the three files, of evaluating (the records into a list) and of
  writing the records' JSON (to a discarding stream), for the current tree.

The report goes to stdout and ``bench/out/check_json.json``. Options: ``--agencies N,M``
(default 2000,10000), ``--rounds K`` (default 3), ``--base REV``, ``--out DIR``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd"
OUT = ROOT / "bench" / "out"

# Run in the measured process: the xzjd command, then its own CPU time and VmHWM, written
# to the file named by the first argument (stdout is the report, stderr the warnings).
_CHILD = """
import json, resource, sys
from xzjd.cli import main
result, argv = sys.argv[1], sys.argv[2:]
code = main(argv)
sys.stdout.flush()
usage = resource.getrusage(resource.RUSAGE_SELF)
peak = 0
with open("/proc/self/status", encoding="ascii") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
with open(result, "w", encoding="utf-8") as f:
    json.dump({"code": code, "cpu_s": usage.ru_utime + usage.ru_stime, "vmhwm": peak}, f)
"""


def base_tree(rev: str, into: Path) -> Path:
    """The ``src`` folder of git revision *rev*, with its grammar, extracted under *into*."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src", "grammar"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run_check(
    src: Path | None,
    data: dict[str, Any],
    extra: list[str],
    out: Path | None,
    *,
    digest: bool = False,
    rules: Path = RULES,
) -> dict[str, Any]:
    """One ``xzjd check --format json`` process, from *src* (or the installed tree); its
    report goes to *out* (or ``/dev/null``), or with *digest* through a SHA-256 whose hex
    digest and byte count are returned as ``sha256`` and ``bytes``."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    argv = [
        "check",
        str(rules),
        "--agencies",
        str(data["agencies"]),
        "--filings",
        str(data["filings"]),
        "--events",
        str(data["events"]),
        "--on",
        data["on"].isoformat(),
        "--format",
        "json",
        *extra,
    ]
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    command = [sys.executable, "-c", _CHILD, str(result), *argv]
    try:
        if digest:
            sha = hashlib.sha256()
            size = 0
            t0 = time.perf_counter()
            with subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
            ) as proc:
                assert proc.stdout is not None
                while chunk := proc.stdout.read(1 << 20):
                    sha.update(chunk)
                    size += len(chunk)
            wall = time.perf_counter() - t0
            if proc.returncode:
                raise subprocess.CalledProcessError(proc.returncode, command)
        else:
            with open(out or os.devnull, "wb") as sink:
                t0 = time.perf_counter()
                subprocess.run(command, stdout=sink, stderr=subprocess.DEVNULL, env=env, check=True)
                wall = time.perf_counter() - t0
        measured: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)
    measured["wall_s"] = wall
    if digest:
        measured["sha256"] = sha.hexdigest()
        measured["bytes"] = size
    return measured


def measure(
    trees: dict[str, Path | None], data: dict[str, Any], rounds: int, rules: Path = RULES
) -> dict[str, Any]:
    """The output of each tree (``A``: a base revision's ``src``, ``B``: this tree, ``None``
    meaning the installed one) compared by digest, then ``rounds`` rounds of each tree with
    all the output rows and with few (``--state warning``), the trees interleaved (A B, then
    B A, ...): CPU and wall medians, peak memory, and A's CPU over B's (``speedup``)."""
    entry: dict[str, Any] = {}
    outputs = {
        name: run_check(src, data, [], None, digest=True, rules=rules)
        for name, src in trees.items()
    }
    entry["output_bytes"] = outputs["B"]["bytes"]
    entry["same_output"] = len({o["sha256"] for o in outputs.values()}) == 1
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    quiet: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    order = list(trees)
    for r in range(rounds):
        for name in order if r % 2 == 0 else order[::-1]:
            runs[name].append(run_check(trees[name], data, [], None, rules=rules))
            quiet[name].append(
                run_check(trees[name], data, ["--state", "warning"], None, rules=rules)
            )
    for name in trees:
        cpu = [m["cpu_s"] for m in runs[name]]
        entry[name] = {
            "cpu_s": statistics.median(cpu),
            "cpu_runs": cpu,
            "wall_s": statistics.median(m["wall_s"] for m in runs[name]),
            "wall_runs": [m["wall_s"] for m in runs[name]],
            "vmhwm": max(m["vmhwm"] for m in runs[name]),
            "vmhwm_few_rows": max(m["vmhwm"] for m in quiet[name]),
            "codes": sorted({m["code"] for m in runs[name]}),
        }
    if "A" in trees:
        entry["speedup"] = entry["A"]["cpu_s"] / entry["B"]["cpu_s"]
        entry["speedup_wall"] = entry["A"]["wall_s"] / entry["B"]["wall_s"]
    return entry


def breakdown(data: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of reading, evaluating and writing the JSON, in this process."""
    import xzjd
    from xzjd.cli.commands import paused_collector
    from xzjd.views.record_columns import iter_json_parts

    ruleset = xzjd.load(RULES)
    with paused_collector():
        t0 = time.process_time()
        registry = xzjd.read_agencies(data["agencies"])
        filings = xzjd.read_filings(data["filings"])
        events = xzjd.read_events(data["events"])
        t1 = time.process_time()
        # The runs of records as the command writes them: the core's tables (records made
        # only where the writer needs them) and lists.
        stream = xzjd.iter_evaluate(ruleset, registry, filings, on=data["on"], events=events)
        parts = [p if isinstance(p, Sequence) else list(p) for p in stream.parts()]
        t2 = time.process_time()
        names = {a.id: a.name for a in registry}
        sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        try:
            for piece in iter_json_parts(parts, names=names):
                sink.write(piece)
        finally:
            sink.close()
        t3 = time.process_time()
    records = sum(len(part) for part in parts)
    return {"read_s": t1 - t0, "evaluate_s": t2 - t1, "json_s": t3 - t2, "records": records}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.check_json", description=__doc__.split("\n")[0]
    )
    p.add_argument("--agencies", default="2000,10000", help="registry sizes, comma-separated")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--base", metavar="REV", help="git revision to compare with (e.g. main)")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    sizes = [int(n) for n in args.agencies.split(",")]

    import xzjd
    from bench import generate
    from bench.run import machine

    report: dict[str, Any] = {"machine": machine(), "base": args.base, "rounds": args.rounds}
    lines = [
        "xzjd check --format json, end to end (a process writing to /dev/null); CPU time "
        "user+system, medians"
        + (f"; A = {args.base}, B = this tree, interleaved" if args.base else "")
    ]
    ruleset = xzjd.load(RULES)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="check_json.") as tmp:
        work = Path(tmp)
        trees: dict[str, Path | None] = {"B": None}
        if args.base:
            trees = {"A": base_tree(args.base, work / "base"), "B": None}
        report["sizes"] = []
        for n in sizes:
            data = generate.generate(ruleset, work / f"data{n}", n)
            entry: dict[str, Any] = {"agencies": n, "counts": data["counts"]}
            entry.update(measure(trees, data, args.rounds))
            entry["breakdown"] = breakdown(data)
            report["sizes"].append(entry)
            lines.append(_render(entry))
    (args.out / "check_json.json").write_text(
        json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8"
    )
    print("\n".join(lines))
    ok = all(e["same_output"] for e in report["sizes"])
    if not ok:
        print("THE TWO TREES WROTE DIFFERENT JSON")
    return 0 if ok else 1


def _render(e: dict[str, Any]) -> str:
    mib = 2**20
    out = [
        f"{e['agencies']:,} agencies, {e['breakdown']['records']:,} records, "
        f"{e['output_bytes'] / mib:,.0f} MiB of JSON"
        + ("" if e["same_output"] else " (DIFFERENT OUTPUT)")
    ]
    for name in ("A", "B"):
        if name in e:
            m = e[name]
            runs = ", ".join(f"{c:.2f}" for c in m["cpu_runs"])
            out.append(
                f"  {name}: {m['cpu_s']:.2f} s CPU ({runs}), wall {m['wall_s']:.2f} s; peak "
                f"{m['vmhwm'] / mib:,.0f} MiB, with --state warning "
                f"{m['vmhwm_few_rows'] / mib:,.0f} MiB: the output adds "
                f"{(m['vmhwm'] - m['vmhwm_few_rows']) / mib:,.0f} MiB"
            )
    if "speedup" in e:
        out.append(f"  A/B: {e['speedup']:.2f}x")
    b = e["breakdown"]
    out.append(
        f"  this tree in one process: read {b['read_s']:.2f} s, evaluate {b['evaluate_s']:.2f} s, "
        f"write JSON {b['json_s']:.2f} s (CPU)"
    )
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
